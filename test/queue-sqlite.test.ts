/**
 * The review desk on a real server with its SQLite database: articles held
 * by `POST /v1/clean` with `hold`, listed and filtered, decided on by named
 * editors (decisions saved as made, an audit log naming them), approved and
 * delivered to a signed callback on a receiving HTTP server — with retries,
 * backoff and failures shown on the item — or rejected; kept across a restart.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tokenDigest } from '../src/queue/editors.js';
import { ConfigError } from '../src/config.js';
import { SqliteQueueStore } from '../src/queue/sqlite.js';
import { defaultDatabasePath, openDatabase } from '../src/server/database.js';
import { serverOptionsFromConfig, type ServerOptions } from '../src/server/options.js';
import { postJson, start, type Running } from './helpers/server.js';
import { Receiver, until } from './helpers/receiver.js';
import { workspaces } from './helpers/workspace.js';
import { FLAGGED } from './helpers/held-article.js';

const SECRET = 'callback-secret-5e1a';
const MACHINE = 'machine-token-0b7f';
const ALICE = 'alice-token-93c1d7a0';
const BOB = 'bob-token-1f2e88c4';

const TITLE = 'Harbour Bank teaches its assistant Cantonese';
const CLEAN = 'Harbour Bank opened two branches in Macau this year.\n\nIt plans a third in Taipa, a spokeswoman said.';

const workspace = workspaces();
const receiver = new Receiver(SECRET);
let dir: string;
let s: Running;

function serverOptions(extra: Partial<ServerOptions['queue']> = {}): ServerOptions {
  return {
    token: MACHINE,
    database: join(dir, 'queue.db'),
    editors: [
      { name: 'alice', tokenSha256: tokenDigest(ALICE) },
      { name: 'bob', tokenSha256: tokenDigest(BOB).toUpperCase() },
    ],
    queue: {
      callbackUrl: `${receiver.url}/default-hook`,
      callbackOrigins: [receiver.url],
      callbackSecret: SECRET,
      delivery: { attempts: 3, backoffMs: 40, maxBackoffMs: 200, timeoutMs: 2000, pollMs: 20 },
      ...extra,
    },
  };
}

beforeAll(async () => {
  await receiver.listen();
  dir = workspace();
  s = await start(serverOptions());
});
afterAll(async () => {
  await s?.server.close();
  await receiver.close();
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const call = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...as(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
};
const hold = (extra: Record<string, unknown> = {}) =>
  postJson(`${s.url}/v1/clean`, { content: FLAGGED, format: 'markdown', title: TITLE, hold: true, source: 'harbour-wire', cms: { ghost: { postId: 'g-101' } }, ...extra }, as(MACHINE));

describe('holding articles', () => {
  test('a flagged article with hold: 202 at once with the item id and URL; the item is pending', async () => {
    const response = await hold();
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body.verdict).toBe('review');
    expect(body.held).toMatchObject({ status: 'pending', url: `${s.url}/v1/queue/${body.held.id}` });
    const item = await call('GET', `/v1/queue/${body.held.id}`, MACHINE);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ status: 'pending', verdict: 'review', source: 'harbour-wire', cms: { kind: 'ghost', postId: 'g-101' }, callbackUrl: `${receiver.url}/default-hook` });
    expect(item.body.input).toEqual({ content: FLAGGED, format: 'markdown', title: TITLE });
    expect(item.body.result.markdown).not.toContain('Related News');
    expect(item.body.result.messages.every((m: { id: string }) => typeof m.id === 'string')).toBe(true);
    expect(item.body.audit).toEqual([expect.objectContaining({ actor: 'cms', action: 'held' })]);
  });

  test('an article with nothing to flag is answered as usual and not held', async () => {
    const response = await postJson(`${s.url}/v1/clean`, { content: CLEAN, format: 'markdown', hold: true }, as(MACHINE));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.verdict).toBe('publish');
    expect(body).not.toHaveProperty('held');
  });

  test('a callback on an origin not listed is refused before anything is held', async () => {
    const before = (await call('GET', '/v1/queue', MACHINE)).body.total;
    const response = await hold({ callbackUrl: 'http://127.0.0.1:1/elsewhere' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('CALLBACK_NOT_ALLOWED');
    expect((await call('GET', '/v1/queue', MACHINE)).body.total).toBe(before);
  });

  test('hold cannot loosen the policy either', async () => {
    const response = await hold({ options: { plugins: { 'flag-entities': false } } });
    expect(response.status).toBe(403);
  });
});

describe('listing', () => {
  test('filters by status, rule, source and age; counts per status', async () => {
    const other = await (await hold({ source: 'other-wire' })).json();
    const all = await call('GET', '/v1/queue', ALICE);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    expect(all.body.counts.pending).toBe(all.body.total);
    const byRule = await call('GET', '/v1/queue?rule=suspicious-product-name', MACHINE);
    expect(byRule.body.total).toBe(all.body.total);
    expect(byRule.body.items[0].rules).toContain('suspicious-product-name');
    expect((await call('GET', '/v1/queue?rule=ticker-mismatch', MACHINE)).body.total).toBe(0);
    const bySource = await call('GET', '/v1/queue?source=other-wire', MACHINE);
    expect(bySource.body.items.map((i: { id: string }) => i.id)).toEqual([other.held.id]);
    expect(bySource.body.items[0].title).toBe(TITLE);
    expect((await call('GET', '/v1/queue?status=approved', MACHINE)).body.total).toBe(0);
    expect((await call('GET', '/v1/queue?olderThan=3600', MACHINE)).body.total).toBe(0);
    expect((await call('GET', '/v1/queue?newerThan=3600', MACHINE)).body.total).toBe(all.body.total);
    const page = await call('GET', '/v1/queue?limit=1&offset=1', MACHINE);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
    expect((await call('GET', '/v1/queue?limit=0', MACHINE)).status).toBe(400);
    expect((await call('GET', '/v1/queue?status=lost', MACHINE)).status).toBe(400);
  });

  test('a queue path under another method: 405 with Allow', async () => {
    const response = await fetch(`${s.url}/v1/queue/some-id`, { method: 'DELETE', headers: as(ALICE) });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.url}/v1/queue/some-id/approve`, { headers: as(ALICE) })).headers.get('allow')).toBe('POST');
  });

  test('the endpoints are in /openapi.json', async () => {
    const paths = (await (await fetch(`${s.url}/openapi.json`)).json()).paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v1/queue', '/v1/queue/{id}', '/v1/queue/{id}/decisions', '/v1/queue/{id}/approve', '/v1/queue/{id}/reject', '/v1/queue/{id}/retry']));
    expect(paths['/v1/clean'].post.requestBody).toBeDefined();
  });

  test('no token, or an unknown one: 401; the queue is not open to anyone', async () => {
    expect((await fetch(`${s.url}/v1/queue`)).status).toBe(401);
    expect((await call('GET', '/v1/queue', 'guessed-token')).status).toBe(401);
  });
});

describe('deciding', () => {
  test('editors decide, the machine token may not; approval delivers the article as decided, signed', async () => {
    const held = (await (await hold()).json()).held;
    const item = (await call('GET', `/v1/queue/${held.id}`, ALICE)).body;
    const flag = item.result.messages.find((m: { ruleId: string }) => m.ruleId === 'suspicious-product-name');
    const related = item.result.messages.find((m: { ruleId: string }) => m.ruleId === 'related-block');
    expect(flag.expected[0]).toBe('its AI assistant');

    expect((await call('POST', `/v1/queue/${held.id}/approve`, MACHINE, {})).body.error.code).toBe('EDITORS_ONLY');
    expect((await call('PUT', `/v1/queue/${held.id}/decisions`, MACHINE, { dismiss: [flag.id] })).status).toBe(403);

    const saved = await call('PUT', `/v1/queue/${held.id}/decisions`, ALICE, { replace: { [flag.id]: flag.expected[0] }, reject: [related.id] });
    expect(saved.status).toBe(200);
    expect(saved.body.decisions).toEqual({ replace: { [flag.id]: 'its AI assistant' }, reject: [related.id] });
    expect(saved.body.verdictAfterDecisions).toBe('publish');
    expect(saved.body.status).toBe('pending');

    const approved = await call('POST', `/v1/queue/${held.id}/approve`, BOB, { note: 'name checked with the bank' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approved.markdown).toContain('its AI assistant now answers');
    expect(approved.body.approved.markdown).not.toContain('Siasun');
    expect(approved.body.approved.markdown).toContain('Related News');

    const delivery = await until(() => receiver.deliveries.find((d) => d.body.id === held.id));
    expect(delivery.signatureValid).toBe(true);
    expect(delivery.headers['x-copydesk-delivery']).toBe(held.id);
    expect(delivery.headers['x-copydesk-attempt']).toBe('1');
    expect(delivery.body).toMatchObject({ event: 'item.approved', cms: { kind: 'ghost', postId: 'g-101' }, source: 'harbour-wire', approvedBy: 'bob', title: TITLE });
    expect(delivery.body.markdown).toBe(approved.body.approved.markdown);

    const published = await until(async () => {
      const current = (await call('GET', `/v1/queue/${held.id}`, MACHINE)).body;
      return current.status === 'published' ? current : undefined;
    });
    expect(published.audit.map((a: { actor: string; action: string }) => `${a.actor}:${a.action}`)).toEqual(['cms:held', 'alice:decisions', 'bob:approved', 'delivery:published']);
    expect(published.audit[2].detail).toEqual({ note: 'name checked with the bank' });
    expect(receiver.deliveries.filter((d) => d.body.id === held.id)).toHaveLength(1);

    const again = await call('POST', `/v1/queue/${held.id}/approve`, ALICE, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/published/);
    expect((await call('PUT', `/v1/queue/${held.id}/decisions`, ALICE, { dismiss: [] })).status).toBe(409);
  });

  test('rejected: nothing delivered, the audit names the editor', async () => {
    const held = (await (await hold()).json()).held;
    const before = receiver.deliveries.length;
    const rejected = await call('POST', `/v1/queue/${held.id}/reject`, ALICE, { note: 'not our story' });
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.audit.at(-1)).toMatchObject({ actor: 'alice', action: 'rejected', detail: { note: 'not our story' } });
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.deliveries.length).toBe(before);
    expect((await call('POST', `/v1/queue/${held.id}/approve`, BOB)).status).toBe(409);
  });

  test('an item that does not exist: 404', async () => {
    expect((await call('GET', '/v1/queue/nope', ALICE)).status).toBe(404);
    expect((await call('POST', '/v1/queue/nope/approve', ALICE, {})).status).toBe(404);
  });
});

describe('delivery', () => {
  test('a callback that fails is retried with backoff until it answers 2xx; each failure is on the item', async () => {
    const held = (await (await hold({ callbackUrl: `${receiver.url}/flaky` })).json()).held;
    receiver.answers.push(503, 500);
    await call('POST', `/v1/queue/${held.id}/approve`, ALICE, {});
    const published = await until(async () => {
      const current = (await call('GET', `/v1/queue/${held.id}`, MACHINE)).body;
      return current.status === 'published' ? current : undefined;
    });
    const attempts = receiver.deliveries.filter((d) => d.body.id === held.id);
    expect(attempts.map((d) => d.headers['x-copydesk-attempt'])).toEqual(['1', '2', '3']);
    expect(attempts.every((d) => d.signatureValid && d.headers.host === new URL(receiver.url).host)).toBe(true);
    expect(published.delivery.attempts).toBe(3);
    const failures = published.audit.filter((a: { action: string }) => a.action === 'delivery-failed');
    expect(failures.map((f: { detail: { error: string } }) => f.detail.error)).toEqual(['the callback answered 503', 'the callback answered 500']);
  });

  test('attempts used up: failed, with the last error; an editor retries it', async () => {
    const held = (await (await hold()).json()).held;
    receiver.answers.push(500, 500, 500);
    await call('POST', `/v1/queue/${held.id}/approve`, BOB, {});
    const failed = await until(async () => {
      const current = (await call('GET', `/v1/queue/${held.id}`, MACHINE)).body;
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.delivery).toMatchObject({ attempts: 3, lastError: 'the callback answered 500' });
    expect((await call('GET', '/v1/queue?status=failed', MACHINE)).body.items.map((i: { id: string }) => i.id)).toContain(held.id);
    const retried = await call('POST', `/v1/queue/${held.id}/retry`, ALICE);
    expect(retried.body.status).toBe('approved');
    await until(async () => ((await call('GET', `/v1/queue/${held.id}`, MACHINE)).body.status === 'published' ? true : undefined));
  });

  test('an unreachable callback is an error on the item, not a crash', async () => {
    const closed = new Receiver(SECRET);
    const url = await closed.listen();
    await closed.close();
    const local = await start({ ...serverOptions({ callbackUrl: `${url}/gone`, delivery: { attempts: 1, backoffMs: 10, pollMs: 20 } }), database: join(dir, 'unreachable.db') });
    try {
      const response = await postJson(`${local.url}/v1/clean`, { content: FLAGGED, format: 'markdown', hold: true }, as(MACHINE));
      const held = (await response.json()).held;
      await fetch(`${local.url}/v1/queue/${held.id}/approve`, { method: 'POST', headers: as(ALICE) });
      const failed = await until(async () => {
        const current = await (await fetch(`${local.url}/v1/queue/${held.id}`, { headers: as(ALICE) })).json();
        return current.status === 'failed' ? current : undefined;
      });
      expect(failed.delivery.lastError).toMatch(/^the callback could not be reached: /);
    } finally {
      await local.server.close();
    }
  });
});

describe('persistence', () => {
  test('the queue, decisions and audit survive a restart on the same database', async () => {
    const held = (await (await hold()).json()).held;
    await call('PUT', `/v1/queue/${held.id}/decisions`, ALICE, { dismiss: ['suspicious-product-name@1:1'] });
    await s.server.close();
    s = await start(serverOptions());
    const item = await call('GET', `/v1/queue/${held.id}`, BOB);
    expect(item.body).toMatchObject({ status: 'pending', decisions: { dismiss: ['suspicious-product-name@1:1'] } });
    expect(item.body.audit.map((a: { action: string }) => a.action)).toEqual(['held', 'decisions']);
  });
});

describe('configuration', () => {
  test('server.queue and server.editors from the config; secrets from the environment', () => {
    const options = serverOptionsFromConfig(
      { server: { queue: { callbackUrl: 'https://cms.example.net/hook', delivery: { attempts: 2 } }, editors: [{ name: 'alice', tokenSha256: tokenDigest(ALICE) }] } },
      { COPYDESK_CALLBACK_SECRET: 'cbs', COPYDESK_QUEUE_POSTGRES_URL: 'postgres://x@127.0.0.1/db' },
      {},
      '/srv/copydesk/.copydeskrc.yaml',
    );
    expect(options.queue).toEqual({ callbackUrl: 'https://cms.example.net/hook', delivery: { attempts: 2 }, callbackSecret: 'cbs', postgresUrl: 'postgres://x@127.0.0.1/db' });
    expect(options.editors).toEqual([{ name: 'alice', tokenSha256: tokenDigest(ALICE) }]);
    expect(options.database).toBe(defaultDatabasePath({}));
  });

  test.each([
    [{ editors: [{ name: 'alice', tokenSha256: 'abc' }] }, /tokenSha256/],
    [{ editors: [{ name: 'alice', token: ALICE }] }, /unknown setting|token/],
    [{ editors: [{ name: 'a', tokenSha256: tokenDigest('x') }, { name: 'a', tokenSha256: tokenDigest('y') }] }, /same name/],
    [{ editors: [{ name: 'a', tokenSha256: tokenDigest('x') }, { name: 'b', tokenSha256: tokenDigest('x').toUpperCase() }] }, /same token/],
    [{ queue: { store: 'mysql' } }, /store/],
    [{ queue: { callbackOrigins: ['https://cms.example.net/path'] } }, /callbackOrigins/],
  ])('a bad queue or editors setting is a ConfigError: %j', (server, message) => {
    expect(() => serverOptionsFromConfig({ server }, {}, {}, 'c.yaml')).toThrow(ConfigError);
    expect(() => serverOptionsFromConfig({ server }, {}, {}, 'c.yaml')).toThrow(message);
  });

  test('hold on a server without a queue: 400 NO_QUEUE', async () => {
    const bare = await start({});
    try {
      const response = await postJson(`${bare.url}/v1/clean`, { content: FLAGGED, format: 'markdown', hold: true });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('NO_QUEUE');
      expect((await fetch(`${bare.url}/v1/queue`)).status).toBe(404);
    } finally {
      await bare.server.close();
    }
  });

  test('a callback without a callback secret is refused at hold time', async () => {
    const local = await start({ ...serverOptions({ callbackSecret: undefined }), database: ':memory:' });
    try {
      const response = await postJson(`${local.url}/v1/clean`, { content: FLAGGED, format: 'markdown', hold: true }, as(MACHINE));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('CALLBACK_NOT_CONFIGURED');
    } finally {
      await local.server.close();
    }
  });
});

describe('the store', () => {
  test('approval is refused when the decisions changed since they were read; two approvals: one wins', async () => {
    const db = openDatabase(':memory:');
    try {
      const store = new SqliteQueueStore(db);
      const item = await store.create(
        { cms: { kind: 'callback' }, input: { content: 'x', format: 'markdown' }, result: { markdown: 'x\n', html: '<p>x</p>', messages: [] }, verdict: 'review', policy: { clean: {}, block: [] } },
        'cms',
      );
      await store.saveDecisions(item.id, { dismiss: ['a@1:1'] }, 'alice');
      const read = (await store.get(item.id))!.decisions;
      await store.saveDecisions(item.id, { dismiss: ['a@1:1', 'b@2:1'] }, 'bob');
      expect(await store.decide(item.id, 'approved', 'alice', { decisions: read })).toEqual({ ok: false, reason: 'conflict', status: 'pending' });
      const current = (await store.get(item.id))!.decisions;
      const [one, two] = await Promise.all([store.decide(item.id, 'approved', 'alice', { decisions: current }), store.decide(item.id, 'rejected', 'bob', {})]);
      expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
      expect((await store.get(item.id))!.audit.map((a) => a.action)).toEqual(['held', 'decisions', 'decisions', one.ok ? 'approved' : 'rejected']);
    } finally {
      db.close();
    }
  });
});
