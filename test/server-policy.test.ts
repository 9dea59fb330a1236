/**
 * The server's policy is the ceiling: request options may make checks
 * stricter, never looser. On a real server whose config blocks
 * `suspicious-product-name`, requests that switch the rule or its plugin
 * off (by rule id, by plugin name, by plugin switch), lower it to info, or
 * loosen the flagging plugin's options are refused with 403 on /v1/clean
 * and /v1/preview; tightening, and switching off rules that only make
 * changes, still works.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CleanOptions } from '../src/pipeline.js';
import { serverOptionsFromConfig } from '../src/server/options.js';
import { loosenings } from '../src/server/policy.js';
import { postJson, start, type Running } from './helpers/server.js';
import { FLAGGED } from './helpers/held-article.js';


const TOKEN = 'policy-token';
let s: Running;

beforeAll(async () => {
  const fromConfig = serverOptionsFromConfig(
    { block: ['suspicious-product-name'], rules: { 'ticker-mismatch': 'error' }, minProseShare: 0.4 },
    { COPYDESK_TOKEN: TOKEN },
    { port: 0 },
  );
  s = await start({ ...fromConfig, port: 0, threads: 1, database: ':memory:', preview: { page: false } });
});
afterAll(async () => s?.server.close());

const auth = { authorization: `Bearer ${TOKEN}` };
const clean = (options?: unknown) => postJson(`${s.url}/v1/clean`, { content: FLAGGED, format: 'markdown', ...(options ? { options } : {}) }, auth);
const preview = (options?: unknown) => postJson(`${s.url}/v1/preview`, { content: FLAGGED, format: 'markdown', original: false, ...(options ? { options } : {}) }, auth);

describe('/v1/clean under a policy that blocks suspicious-product-name', () => {
  test('without options: the flag rejects the article', async () => {
    const body = await (await clean()).json();
    expect(body.verdict).toBe('reject');
    expect(body.messages.map((m: { ruleId: string }) => m.ruleId)).toContain('suspicious-product-name');
  });

  test.each([
    ['the rule switched off', { rules: { 'suspicious-product-name': 'off' } }],
    ['the rule made a change (info)', { rules: { 'suspicious-product-name': 'info' } }],
    ['its plugin switched off', { plugins: { 'flag-entities': false } }],
    ['its plugin switched off by name in rules', { rules: { 'flag-entities': 'off' } }],
    ['the plugin’s checks loosened', { plugins: { 'flag-entities': { minForeignLetters: 999 } } }],
    ['an error rule lowered to a warning', { rules: { 'ticker-mismatch': 'warning' } }],
    ['the prose guard lowered', { minProseShare: 0.1 }],
    ['the prose guard lowered for one plugin', { plugins: { 'dedupe-lead': { minProseShare: 0 } } }],
    ['the removal ceiling raised for one plugin', { plugins: { 'strip-boilerplate': { maxRemovalShare: 1 } } }],
  ])('refused with 403: %s', async (_name, options) => {
    const response = await clean(options);
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.error.code).toBe('POLICY_OVERRIDE');
    expect(body).not.toHaveProperty('verdict');
  });

  test('the refusal names what the request tried', async () => {
    const body = await (await clean({ plugins: { 'flag-entities': false } })).json();
    expect(body.error.message).toMatch(/suspicious-product-name is warning on this server \(the request makes it off\)/);
    expect(body.error.message).toMatch(/untranslated-text/);
  });

  test('tightening is allowed: a higher severity, more blocked rules, a higher prose floor', async () => {
    const raised = await clean({ rules: { 'suspicious-product-name': 'error', 'related-block': 'warning' }, block: ['related-block'], minProseShare: 0.6 });
    expect(raised.status).toBe(200);
    const body = await raised.json();
    expect(body.verdict).toBe('reject');
    expect(body.messages.find((m: { ruleId: string }) => m.ruleId === 'suspicious-product-name').severity).toBe('error');
  });

  test('rules and plugins that only make changes may be switched off: the flag still rejects', async () => {
    const response = await clean({ plugins: { 'strip-boilerplate': false }, rules: { 'duplicate-lead': 'off' } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.verdict).toBe('reject');
    expect(body.markdown).toContain('Related News');
  });

  test('a request repeating the server’s own settings is not a loosening', async () => {
    const response = await clean({ rules: { 'ticker-mismatch': 'error', 'suspicious-product-name': 'warning' }, minProseShare: 0.4 });
    expect(response.status).toBe(200);
    expect((await response.json()).verdict).toBe('reject');
  });
});

describe('/v1/preview takes the same ceiling', () => {
  test('a bypass through the preview is refused; the plain preview rejects', async () => {
    const bypass = await preview({ rules: { 'suspicious-product-name': 'off' } });
    expect(bypass.status).toBe(403);
    expect((await bypass.json()).error.code).toBe('POLICY_OVERRIDE');
    const plain = await preview();
    expect(plain.status).toBe(200);
    expect((await plain.json()).verdict).toBe('reject');
  });
});

describe('loosenings()', () => {
  const server: CleanOptions = { rules: { 'untranslated-text': 'off' }, stripBoilerplate: false };
  test('what the server switched off may be switched on, or stay off', () => {
    expect(loosenings(server, { rules: { 'untranslated-text': 'warning' } })).toEqual([]);
    expect(loosenings(server, { ...server, stripBoilerplate: {} })).toEqual([]);
    expect(loosenings(server, server)).toEqual([]);
  });
  test('a rule set by plugin name on the server and lowered by id in the request', () => {
    expect(loosenings({ rules: { 'flag-entities': 'error' } }, { rules: { 'flag-entities': 'error', 'ticker-mismatch': 'warning' } })).toEqual([
      'ticker-mismatch is error on this server (the request makes it warning)',
    ]);
  });
  test('the prose guard: stricter allowed, looser refused, judged per removing plugin', () => {
    expect(loosenings({}, { maxRemovalShare: 0.1, minProseShare: 0.7 })).toEqual([]);
    expect(loosenings({ maxRemovalShare: 0.3 }, { dedupeLead: { maxRemovalShare: 0.25 } })).toEqual([]);
    expect(loosenings({}, { maxRemovalShare: 0.5, stripBoilerplate: false, dedupeLead: false, articleStructure: false })).toEqual([]);
    expect(loosenings({}, { stripBoilerplate: { maxRemovalShare: 0.9 } as never })).toEqual(['maxRemovalShare for strip-boilerplate may not go above the server\'s 0.15']);
  });

  test('fix-entities can raise suggest-mode warnings: its rules and switch stay the server’s', () => {
    expect(loosenings({}, { fixEntities: false }).length).toBeGreaterThan(0);
    expect(loosenings({}, { rules: { 'person-name': 'info' } })).toEqual(['person-name is warning on this server (the request makes it info)']);
  });
});
