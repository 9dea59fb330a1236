/**
 * `POST /v1/clean` and the read-only endpoints on a real server (loopback,
 * port 0): good requests, verdicts, auth, bad bodies, limits on size,
 * OpenAPI, metrics, health, and logs that keep article text out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkExposure } from '../src/server/app.js';
import { serverOptionsFromConfig } from '../src/server/options.js';
import { ConfigError } from '../src/config.js';
import { CLEAN_MARKDOWN, DEFECTIVE_HTML, DEFECTIVE_MARKDOWN, DEFECTIVE_TEXT, LEAD_FULL, LEAD_SUMMARY, RELATED, TITLE } from './helpers/articles.js';
import { postJson, start, type Running } from './helpers/server.js';

const TOKEN = 'test-token-4f1c';
const auth = { authorization: `Bearer ${TOKEN}` };

let s: Running;
beforeAll(async () => {
  s = await start({ token: TOKEN, bodyLimit: 64 * 1024, block: ['empty-input'] });
});
afterAll(async () => {
  await s?.server.close();
});

const clean = (body: unknown, headers: Record<string, string> = auth) => postJson(`${s.url}/v1/clean`, body, headers);

describe('POST /v1/clean', () => {
  test('cleans Markdown with a separate title: lead and related block gone, title kept out of the body', async () => {
    const response = await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', title: TITLE });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.verdict).toBe('publish');
    expect(body.markdown).not.toContain(LEAD_SUMMARY);
    expect(body.markdown).toContain(LEAD_FULL);
    expect(body.markdown).not.toContain(RELATED[0]);
    expect(body.markdown).not.toContain(TITLE);
    expect(body.html).toMatch(/^<p>According to people familiar/);
    expect(body.title).toBe(TITLE);
    const rules = body.messages.map((m: { ruleId: string }) => m.ruleId);
    expect(rules).toContain('dek');
    expect(rules).toContain('related-block');
    // The summary restating the title and lede is moved out of the body into meta.dek.
    expect(body.meta.dek).toBe(LEAD_SUMMARY);
    // Lines point into the body as sent, not into the title put in front of it.
    const lead = body.messages.find((m: { ruleId: string }) => m.ruleId === 'dek');
    expect(lead.line).toBe(1);
    expect(lead.actual).toBe(LEAD_SUMMARY);
  });

  test('cleans plain text and HTML', async () => {
    const text = await (await clean({ content: DEFECTIVE_TEXT, format: 'text' })).json();
    expect(text.markdown.startsWith(`# ${TITLE}`)).toBe(true);
    expect(text.markdown).not.toContain(LEAD_SUMMARY);
    const html = await (await clean({ content: DEFECTIVE_HTML, format: 'html', title: TITLE })).json();
    expect(html.html).not.toContain(RELATED[1]);
    expect(html.html).toContain('Harbourline shares rose 3.2%');
  });

  test('a clean article comes back unchanged with verdict publish', async () => {
    const body = await (await clean({ content: CLEAN_MARKDOWN, format: 'markdown' })).json();
    expect(body).toMatchObject({ verdict: 'publish', messages: [] });
    expect(body.markdown.trim()).toBe(CLEAN_MARKDOWN);
  });

  test('verdict: warnings hold for review, blocking rules and errors reject', async () => {
    const review = await (await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', options: { rules: { 'related-block': 'warning' } } })).json();
    expect(review.verdict).toBe('review');
    const blocked = await (
      await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', options: { rules: { 'related-block': 'warning' }, block: ['related-block'] } })
    ).json();
    expect(blocked.verdict).toBe('reject');
    const error = await (await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', options: { rules: { 'related-block': 'error' } } })).json();
    expect(error.verdict).toBe('reject');
    // The server's own block list (config `block`): here `empty-input`.
    const empty = await (await clean({ content: '   ', format: 'markdown' })).json();
    expect(empty.messages[0].ruleId).toBe('empty-input');
    expect(empty.verdict).toBe('reject');
  });

  test('request options can switch a plugin off', async () => {
    const body = await (await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', title: TITLE, options: { plugins: { 'strip-boilerplate': false } } })).json();
    expect(body.markdown).toContain(RELATED[0]);
    expect(body.markdown).not.toContain(LEAD_SUMMARY);
  });

  test('missing or wrong bearer token: 401, compared before the body is read', async () => {
    const none = await clean({ content: 'x', format: 'markdown' }, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await none.json()).error.code).toBe('UNAUTHORIZED');
    const wrong = await clean({ content: 'x', format: 'markdown' }, { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    const basic = await clean({ content: 'x', format: 'markdown' }, { authorization: `Basic ${TOKEN}` });
    expect(basic.status).toBe(401);
  });

  test('bad JSON: 400 without echoing the body', async () => {
    const response = await clean('{"content": "Secret draft about Harbourline", format', auth);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('BAD_JSON');
    expect(JSON.stringify(body)).not.toContain('Harbourline');
  });

  test('schema violations: 400 naming the field', async () => {
    const noFormat = await clean({ content: 'x' });
    expect(noFormat.status).toBe(400);
    expect((await noFormat.json()).error.message).toMatch(/format/);
    const badFormat = await clean({ content: 'x', format: 'docx' });
    expect(badFormat.status).toBe(400);
    const extra = await clean({ content: 'x', format: 'markdown', colour: 'red' });
    expect(extra.status).toBe(400);
    const notString = await clean({ content: 42, format: 'markdown' });
    expect(notString.status).toBe(400);
    const badRule = await clean({ content: 'x', format: 'markdown', options: { rules: { 'duplicate-lead': 'loud' } } });
    expect(badRule.status).toBe(400);
  });

  test('wrong content type: 415', async () => {
    const response = await fetch(`${s.url}/v1/clean`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'Hello' });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const form = await fetch(`${s.url}/v1/clean`, { method: 'POST', headers: auth, body: new URLSearchParams({ content: 'x' }) });
    expect(form.status).toBe(415);
  });

  test('empty body: 400', async () => {
    const response = await fetch(`${s.url}/v1/clean`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '' });
    expect(response.status).toBe(400);
  });

  test('body over the limit: 413', async () => {
    const response = await clean({ content: 'x'.repeat(70 * 1024), format: 'markdown' });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('BODY_TOO_LARGE');
  });

  test('input that is not text: 422', async () => {
    const response = await clean({ content: 'a\u0000b', format: 'markdown' });
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe('UNPROCESSABLE');
  });

  test('unknown route: 404 JSON; no CORS headers by default', async () => {
    const response = await fetch(`${s.url}/v2/nothing`, { headers: { origin: 'https://cms.example' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${s.url}/v1/clean`, { method: 'OPTIONS', headers: { origin: 'https://cms.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('read-only endpoints', () => {
  test('/healthz and /readyz', async () => {
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', threads: 1 });
  });

  test('/openapi.json describes the clean endpoint with its schemas', async () => {
    const doc = await (await fetch(`${s.url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/v1/clean'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '415', '503', '504']));
    expect(doc.components.schemas.CleanRequest.required).toEqual(['content', 'format']);
    expect(doc.components.schemas.CleanResponse.properties.verdict.enum).toEqual(['publish', 'review', 'reject']);
    expect(doc.paths['/v1/ghost/webhook']).toBeUndefined(); // no webhook secret here
  });

  test('/metrics: requests, latency, changes and flags per rule, in Prometheus text format', async () => {
    await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', options: { rules: { 'related-block': 'warning' } } });
    await clean({ content: DEFECTIVE_MARKDOWN, format: 'markdown', title: TITLE });
    const response = await fetch(`${s.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/copydesk_http_requests_total\{method="POST",route="\/v1\/clean",status="200"\} \d+/);
    expect(text).toMatch(/copydesk_http_requests_total\{method="POST",route="\/v1\/clean",status="401"\} \d+/);
    expect(text).toMatch(/copydesk_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/v1\/clean"\} \d+/);
    expect(text).toMatch(/copydesk_rule_changes_total\{rule="dek"\} \d+/);
    expect(text).toMatch(/copydesk_rule_flags_total\{rule="related-block",severity="warning"\} \d+/);
    expect(text).toMatch(/copydesk_articles_total\{verdict="review",source="clean"\} \d+/);
    expect(text).toMatch(/copydesk_articles_in_flight 0/);
  });

  test('logs are structured and hold no article text', async () => {
    const marker = 'Quillfeather Dynamics posted a record quarter';
    await clean({ content: `${marker}.\n\nRelated News\n\nOther headline here`, format: 'markdown', title: 'Quillfeather title line' });
    await clean(`{"content": "${marker}", oops`);
    const lines = s.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const cleaned = lines.filter((l) => l.msg === 'article cleaned');
    expect(cleaned.length).toBeGreaterThan(0);
    expect(cleaned.at(-1)).toMatchObject({ format: 'markdown', verdict: 'publish', rules: { 'related-block': 2 } });
    expect(s.logs.join('\n')).not.toContain('Quillfeather');
    expect(s.logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('options off by default', () => {
  test('CORS for listed origins, static files at /, article text in logs only when asked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'copydesk-static-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>preview</title>');
    const t = await start({ threads: 0, corsOrigins: ['https://cms.example'], staticRoot: root, logArticleText: true });
    try {
      const preflight = await fetch(`${t.url}/v1/clean`, { method: 'OPTIONS', headers: { origin: 'https://cms.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://cms.example');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      const other = await fetch(`${t.url}/healthz`, { headers: { origin: 'https://elsewhere.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const page = await fetch(`${t.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>preview</title>');
      const api = await postJson(`${t.url}/v1/clean`, { content: 'Zanzibar Copper rallied.', format: 'markdown' });
      expect(api.status).toBe(200);
      expect(t.logs.join('\n')).toContain('Zanzibar Copper rallied.');
    } finally {
      await t.server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('starting safely', () => {
  test('no token: refuses a non-loopback host, allows loopback', () => {
    expect(() => checkExposure({ host: '0.0.0.0' })).toThrow(/COPYDESK_TOKEN/);
    expect(() => checkExposure({ host: '0.0.0.0', token: 't' })).not.toThrow();
    expect(() => checkExposure({ host: '127.0.0.1' })).not.toThrow();
    expect(() => checkExposure({ host: '::1' })).not.toThrow();
    expect(() => checkExposure({})).not.toThrow();
  });

  test('settings from the config file, secrets from the environment, flags on top', () => {
    const options = serverOptionsFromConfig(
      { server: { port: 9000, bodyLimit: 4096, ghost: { url: 'https://ghost.example' } }, block: ['ticker-mismatch'], rules: { 'duplicate-lead': 'warning' } },
      { COPYDESK_TOKEN: 'abc', COPYDESK_GHOST_WEBHOOK_SECRET: 'whs' },
      { port: 9100 },
    );
    expect(options).toMatchObject({ port: 9100, bodyLimit: 4096, token: 'abc', block: ['ticker-mismatch'], ghost: { url: 'https://ghost.example', webhookSecret: 'whs' } });
    expect(options.clean?.rules).toEqual({ 'duplicate-lead': 'warning' });
    expect(() => serverOptionsFromConfig({ server: { token: 'in-the-file' } }, {})).toThrow(ConfigError);
    expect(() => serverOptionsFromConfig({ server: { port: 'eighty' } }, {})).toThrow(/server\/port/);
  });
});
