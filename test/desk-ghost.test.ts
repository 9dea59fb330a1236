/**
 * Ghost and the review desk, against a stub of Ghost's Admin API (Ghost
 * itself cannot be installed here) that checks every request's JWT (HS256
 * with the Admin API key's secret, `kid`, audience `/admin/`, expiry) and
 * `Accept-Version`, and refuses an update whose `updated_at` is stale, as
 * Ghost does. A published post whose verdict is `review` arrives by webhook:
 * it is held and goes back to draft; an editor decides and approves; the
 * approved article is written into the post and published.
 */
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tokenDigest } from '../src/queue/editors.js';
import { createServer, type CopydeskServer } from '../src/server/app.js';
import { signGhostRequest } from '../src/server/ghost.js';
import { until } from './helpers/receiver.js';
import { ready } from './helpers/server.js';

const KEY_ID = '6620f1c0a1b2c3d4e5f60718';
const KEY_SECRET = 'a3f19c0b7d2e4f6a8b9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f2';
const WEBHOOK_SECRET = 'ghost-webhook-secret-51';
const MACHINE = 'ghost-machine-token-77';
const RUTH = 'ruth-editor-token-0c4d';

interface StubPost {
  id: string;
  title: string;
  html: string;
  status: string;
  updated_at: string;
}

interface Seen {
  method: string;
  path: string;
  query: string;
  body?: { posts: Partial<StubPost>[] };
  jwt: string | true;
}

/** Ghost's Admin API, as far as copydesk uses it: GET and PUT of one post. */
class GhostStub {
  readonly posts = new Map<string, StubPost>();
  readonly seen: Seen[] = [];
  readonly #server: Server;
  url = '';

  constructor() {
    this.#server = createHttpServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const jwt = this.checkJwt(String(req.headers.authorization ?? ''));
        const body = raw ? (JSON.parse(raw) as Seen['body']) : undefined;
        this.seen.push({ method: req.method ?? '', path: url.pathname, query: url.search, body, jwt });
        const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (jwt !== true) return send(401, { errors: [{ message: jwt }] });
        if (req.headers['accept-version'] !== 'v5.0') return send(400, { errors: [{ message: 'Accept-Version missing' }] });
        const match = /^\/ghost\/api\/admin\/posts\/([^/]+)\/$/.exec(url.pathname);
        const post = match ? this.posts.get(decodeURIComponent(match[1]!)) : undefined;
        if (!post) return send(404, { errors: [{ message: 'Post not found' }] });
        if (req.method === 'GET') return send(200, { posts: [post] });
        if (req.method !== 'PUT') return send(405, { errors: [{ message: 'method' }] });
        const change = body?.posts?.[0];
        if (!change || change.updated_at !== post.updated_at) return send(409, { errors: [{ message: 'Saving failed! Someone else is editing this post.' }] });
        if (change.html !== undefined && url.searchParams.get('source') !== 'html') return send(422, { errors: [{ message: 'html without source=html is ignored' }] });
        Object.assign(post, { ...change, updated_at: new Date(Date.parse(post.updated_at) + 1000).toISOString() });
        return send(200, { posts: [post] });
      });
    });
  }

  /** true, or what is wrong with the token. */
  checkJwt(header: string): string | true {
    const token = /^Ghost (\S+)$/.exec(header)?.[1];
    if (!token) return 'no Ghost token';
    const [head, body, signature] = token.split('.');
    const expected = createHmac('sha256', Buffer.from(KEY_SECRET, 'hex')).update(`${head}.${body}`).digest('base64url');
    if (signature !== expected) return 'bad signature';
    const h = JSON.parse(Buffer.from(head!, 'base64url').toString()) as { alg: string; kid: string };
    const p = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { aud: string; exp: number; iat: number };
    if (h.alg !== 'HS256' || h.kid !== KEY_ID) return 'wrong key';
    if (p.aud !== '/admin/') return 'wrong audience';
    const now = Date.now() / 1000;
    if (p.exp <= now || p.exp - p.iat > 5 * 60) return 'expired or too long';
    return true;
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }
}

const HTML = [
  '<p>Tencent (00700.HK) signed a two-year agreement on Thursday to rent Nvidia (NVDA.US) accelerators through a cloud partner, Huang Renxun told reporters, as the group expands its AI chatbot Siasun Robot &amp; Automation to more languages.</p>',
  '<p>At a briefing later that day, Huang Renxun said demand from Asian platforms was rising faster than from any other region.</p>',
].join('\n');

let ghost: GhostStub;
let server: CopydeskServer;
let url: string;

beforeAll(async () => {
  ghost = new GhostStub();
  await ghost.listen();
  server = await createServer({
    port: 0,
    threads: 1,
    logLevel: false,
    token: MACHINE,
    database: ':memory:',
    editors: [{ name: 'ruth', tokenSha256: tokenDigest(RUTH) }],
    ghost: { webhookSecret: WEBHOOK_SECRET, adminKey: `${KEY_ID}:${KEY_SECRET}`, url: ghost.url, hold: true },
    queue: { delivery: { pollMs: 50, backoffMs: 50 } },
  });
  url = await server.listen();
  await ready(url);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await ghost?.close();
});

const asEditor = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${RUTH}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('Ghost through the review desk', () => {
  test('a review post is held and unpublished; approval writes the approved article and publishes it', async () => {
    const post: StubPost = { id: '6650aa01f1e2d3c4b5a69788', title: 'Tencent to rent Nvidia accelerators', html: HTML, status: 'published', updated_at: '2026-12-01T09:00:00.000Z' };
    ghost.posts.set(post.id, { ...post });
    const raw = JSON.stringify({ post: { current: post, previous: { status: 'draft' } } });
    const response = await fetch(`${url}/v1/ghost/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ghost-signature': signGhostRequest(WEBHOOK_SECRET, raw) },
      body: raw,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { verdict: string; updated: boolean; held: { id: string; status: string; ghostStatus: string } };
    expect(answer).toMatchObject({ verdict: 'review', updated: false, held: { status: 'pending', ghostStatus: 'published' } });
    // Back to draft, through GET then PUT with the post's updated_at; nothing else written.
    expect(ghost.posts.get(post.id)!.status).toBe('draft');
    expect(ghost.posts.get(post.id)!.html).toBe(HTML);
    expect(ghost.seen.map((s) => `${s.method} ${s.path}${s.query}`)).toEqual([`GET /ghost/api/admin/posts/${post.id}/`, `PUT /ghost/api/admin/posts/${post.id}/`]);
    expect(ghost.seen[1]!.body).toEqual({ posts: [{ status: 'draft', updated_at: post.updated_at }] });

    const item = (await (await asEditor(`/v1/queue/${answer.held.id}`)).json()) as { cms: unknown; result: { messages: { id: string; ruleId: string; expected?: string[] }[] } };
    expect(item.cms).toEqual({ kind: 'ghost', postId: post.id });
    const names = item.result.messages.filter((m) => m.ruleId === 'person-name');
    const flag = item.result.messages.find((m) => m.ruleId === 'suspicious-product-name')!;
    expect(names).toHaveLength(2);
    const put = await asEditor(`/v1/queue/${answer.held.id}/decisions`, 'PUT', { reject: [names[1]!.id], replace: { [flag.id]: flag.expected![0]! } });
    expect(put.status).toBe(200);
    expect((await asEditor(`/v1/queue/${answer.held.id}/approve`, 'POST', {})).status).toBe(200);

    const published = await until(() => (ghost.posts.get(post.id)!.status === 'published' ? ghost.posts.get(post.id)! : undefined));
    const done = await until(async () => {
      const i = (await (await asEditor(`/v1/queue/${answer.held.id}`)).json()) as { status: string; approved: { html: string }; audit: { actor: string; action: string }[] };
      return i.status === 'published' ? i : undefined;
    });
    expect(published.html).toBe(done.approved.html);
    expect(published.html.match(/Jensen Huang/g)).toHaveLength(1);
    expect(published.html.match(/Huang Renxun/g)).toHaveLength(1);
    expect(published.html).toContain(flag.expected![0]!);
    expect(published.html).not.toContain('Siasun');
    const write = ghost.seen.at(-1)!;
    expect(`${write.method} ${write.path}${write.query}`).toBe(`PUT /ghost/api/admin/posts/${post.id}/?source=html`);
    expect(write.body!.posts[0]).toMatchObject({ status: 'published', html: done.approved.html });
    expect(ghost.seen.every((s) => s.jwt === true)).toBe(true);
    expect(done.audit.find((a) => a.action === 'approved')?.actor).toBe('ruth');
  });

  test('a post edited in Ghost after it was held: approval reads its updated_at again, so Ghost takes the write', async () => {
    const post: StubPost = { id: '6650aa01f1e2d3c4b5a69799', title: 'Second story', html: HTML, status: 'published', updated_at: '2026-12-01T10:00:00.000Z' };
    ghost.posts.set(post.id, { ...post });
    const raw = JSON.stringify({ post: { current: post } });
    const answer = (await (
      await fetch(`${url}/v1/ghost/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ghost-signature': signGhostRequest(WEBHOOK_SECRET, raw) }, body: raw })
    ).json()) as { held: { id: string } };
    // Someone edits the draft in Ghost after it was held: copydesk reads updated_at again before writing.
    ghost.posts.get(post.id)!.updated_at = '2026-12-01T10:05:00.000Z';
    expect((await asEditor(`/v1/queue/${answer.held.id}/approve`, 'POST', {})).status).toBe(200);
    await until(() => (ghost.posts.get(post.id)!.status === 'published' ? true : undefined));
  });
});
