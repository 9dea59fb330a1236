/**
 * The Ghost webhook on a real server, with a small fake Ghost Admin API on
 * loopback receiving the write-back: signatures (missing, wrong, expired,
 * replayed), html and lexical posts, posts not safe to write back, and a
 * refusal from Ghost.
 */
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ghostAdminToken, lexicalToHtml, ReplayGuard, signGhostRequest, verifyGhostSignature } from '../src/server/ghost.js';
import { BODY, DEFECTIVE_HTML, LEAD_FULL, LEAD_SUMMARY, RELATED, TITLE } from './helpers/articles.js';
import { postJson, start, type Running } from './helpers/server.js';

const SECRET = 'webhook-secret-7d2e';
const KEY_ID = '65f0c0ffee0000000000abcd';
const KEY_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

interface Received {
  method: string;
  url: string;
  authorization: string;
  acceptVersion: string;
  body: { posts: { html: string; updated_at: string }[] };
}

/** Just enough of Ghost's Admin API: PUT a post, check the JWT, remember the request. */
class FakeGhost {
  received: Received[] = [];
  answer = 200;
  server: Server = createHttpServer((req, res) => this.handle(req).then((status) => res.writeHead(status, { 'content-type': 'application/json' }).end('{"posts":[{}]}')));
  url = '';

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async handle(req: IncomingMessage): Promise<number> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const authorization = req.headers.authorization ?? '';
    this.received.push({ method: req.method!, url: req.url!, authorization, acceptVersion: String(req.headers['accept-version']), body: JSON.parse(raw) });
    if (!validJwt(authorization.replace(/^Ghost /, ''))) return 401;
    return this.answer;
  }
}

function validJwt(token: string): boolean {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return false;
  const expected = createHmac('sha256', Buffer.from(KEY_SECRET, 'hex')).update(`${head}.${body}`).digest('base64url');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  const now = Date.now() / 1000;
  return signature === expected && header.kid === KEY_ID && header.alg === 'HS256' && claims.aud === '/admin/' && claims.iat <= now + 1 && claims.exp > now;
}

let ghost: FakeGhost;
let s: Running;
let answerOnly: Running;

beforeAll(async () => {
  ghost = new FakeGhost();
  await ghost.listen();
  s = await start({ ghost: { webhookSecret: SECRET, adminKey: `${KEY_ID}:${KEY_SECRET}`, url: ghost.url } });
  answerOnly = await start({ ghost: { webhookSecret: SECRET } });
});
afterAll(async () => {
  await Promise.all([s?.server.close(), answerOnly?.server.close()]);
  ghost?.server.close();
});

let n = 0;
function postEvent(current: Record<string, unknown>): string {
  n++;
  return JSON.stringify({ post: { current: { id: `post${n}`, uuid: `u-${n}`, title: TITLE, status: 'published', updated_at: '2026-03-02T10:00:00.000Z', ...current }, previous: {} } });
}

const send = (running: Running, raw: string, signature?: string) =>
  postJson(`${running.url}/v1/ghost/webhook`, raw, signature === undefined ? {} : { 'x-ghost-signature': signature });

describe('Ghost webhook', () => {
  test('a signed post.published: cleaned and written back through the Admin API', async () => {
    const raw = postEvent({ html: DEFECTIVE_HTML });
    const response = await send(s, raw, signGhostRequest(SECRET, raw));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ postId: `post${n}`, verdict: 'publish', updated: true });
    expect(body.changes).toBeGreaterThanOrEqual(2);
    const put = ghost.received.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe(`/ghost/api/admin/posts/post${n}/?source=html`);
    expect(put.acceptVersion).toBe('v5.0');
    expect(validJwt(put.authorization.replace(/^Ghost /, ''))).toBe(true);
    expect(put.body.posts[0]!.updated_at).toBe('2026-03-02T10:00:00.000Z');
    expect(put.body.posts[0]!.html).not.toContain(LEAD_SUMMARY);
    expect(put.body.posts[0]!.html).not.toContain(RELATED[0]);
    expect(put.body.posts[0]!.html).toContain(LEAD_FULL.slice(0, 40));
    expect(put.body.posts[0]!.html).not.toContain('<h1>');
  });

  test('the same signed request again is refused as a replay', async () => {
    const raw = postEvent({ html: DEFECTIVE_HTML });
    const signature = signGhostRequest(SECRET, raw);
    expect((await send(s, raw, signature)).status).toBe(200);
    const again = await send(s, raw, signature);
    expect(again.status).toBe(401);
    expect((await again.json()).error.code).toBe('SIGNATURE_REPLAYED');
  });

  test('missing, malformed, wrong and expired signatures: 401, nothing written', async () => {
    const before = ghost.received.length;
    const raw = postEvent({ html: DEFECTIVE_HTML });
    const codes = async (signature?: string) => (await (await send(s, raw, signature)).json()).error.code;
    expect(await codes()).toBe('SIGNATURE_MISSING');
    expect(await codes('sha256=nothex')).toBe('SIGNATURE_MALFORMED');
    expect(await codes(signGhostRequest('another-secret', raw))).toBe('SIGNATURE_MISMATCH');
    expect(await codes(signGhostRequest(SECRET, `${raw} `))).toBe('SIGNATURE_MISMATCH');
    expect(await codes(signGhostRequest(SECRET, raw, Date.now() - 10 * 60 * 1000))).toBe('SIGNATURE_EXPIRED');
    expect(ghost.received.length).toBe(before);
  });

  test('a post already clean is not written back (no webhook loop)', async () => {
    const raw = postEvent({ html: BODY.map((p) => `<p>${p}</p>`).join('') });
    const body = await (await send(s, raw, signGhostRequest(SECRET, raw))).json();
    expect(body).toMatchObject({ updated: false, reason: 'nothing to change', changes: 0, verdict: 'publish' });
  });

  test('a lexical-only post is read as HTML and written back', async () => {
    const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'extended-text', text, format: 0 }] });
    const lexical = JSON.stringify({ root: { type: 'root', children: [LEAD_SUMMARY, LEAD_FULL, ...BODY, ...RELATED].map(paragraph) } });
    const raw = postEvent({ lexical, html: null });
    const body = await (await send(s, raw, signGhostRequest(SECRET, raw))).json();
    expect(body.updated).toBe(true);
    expect(ghost.received.at(-1)!.body.posts[0]!.html).not.toContain(LEAD_SUMMARY);
  });

  test('a post with Ghost cards is cleaned but not written back', async () => {
    const html = `${DEFECTIVE_HTML}<figure class="kg-card kg-image-card"><img src="https://cdn.example/a.jpg"></figure>`;
    const raw = postEvent({ html });
    const body = await (await send(s, raw, signGhostRequest(SECRET, raw))).json();
    expect(body.updated).toBe(false);
    expect(body.reason).toMatch(/does not carry through/);
    expect(body.html).not.toContain(LEAD_SUMMARY);
  });

  test('Ghost refusing the update (edited meanwhile): 502', async () => {
    ghost.answer = 409;
    try {
      const raw = postEvent({ html: DEFECTIVE_HTML });
      const response = await send(s, raw, signGhostRequest(SECRET, raw));
      expect(response.status).toBe(502);
      expect((await response.json()).error.code).toBe('GHOST_API');
    } finally {
      ghost.answer = 200;
    }
  });

  test('without an Admin API key: answers with the cleaned result', async () => {
    const raw = postEvent({ html: DEFECTIVE_HTML });
    const response = await send(answerOnly, raw, signGhostRequest(SECRET, raw));
    const body = await response.json();
    expect(body).toMatchObject({ updated: false, verdict: 'publish' });
    expect(body.html).not.toContain(RELATED[1]);
    expect(body.markdown).toContain('Harbourline shares rose');
    expect(body.messages.some((m: { ruleId: string }) => m.ruleId === 'dek')).toBe(true);
  });

  test('not a post event: 400; not JSON: 400', async () => {
    const raw = JSON.stringify({ page: { current: {} } });
    expect((await send(s, raw, signGhostRequest(SECRET, raw))).status).toBe(400);
    expect((await send(s, '{nope', signGhostRequest(SECRET, '{nope'))).status).toBe(400);
  });

  test('published in the OpenAPI document', async () => {
    const doc = await (await fetch(`${s.url}/openapi.json`)).json();
    expect(doc.paths['/v1/ghost/webhook'].post.parameters[0].name).toBe('X-Ghost-Signature');
  });
});

describe('Ghost protocol pieces', () => {
  test('Admin API token: HS256 JWT with kid and /admin/ audience, five minutes', () => {
    const token = ghostAdminToken(`${KEY_ID}:${KEY_SECRET}`);
    expect(validJwt(token)).toBe(true);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(300);
    expect(() => ghostAdminToken('no-colon')).toThrow(/id>:<hex/);
  });

  test('replay guard forgets signatures once they could no longer pass the time check', () => {
    const guard = new ReplayGuard(1000);
    const raw = '{"a":1}';
    const t = 1_000_000;
    const header = signGhostRequest(SECRET, raw, t);
    expect(verifyGhostSignature(raw, header, SECRET, guard, 1000, t)).toBeUndefined();
    expect(verifyGhostSignature(raw, header, SECRET, guard, 1000, t + 500)).toBe('replayed');
    expect(verifyGhostSignature(raw, header, SECRET, guard, 1000, t + 5000)).toBe('expired');
  });

  test('lexical: plain article nodes become HTML; cards are reported', () => {
    const lexical = JSON.stringify({
      root: {
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Deal & terms', format: 1 }] },
          { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [{ type: 'text', text: 'one' }] }] },
          { type: 'paragraph', children: [{ type: 'link', url: 'https://x.example/?a=1&b=2', children: [{ type: 'text', text: 'link' }] }] },
          { type: 'image', src: 'https://cdn.example/a.jpg' },
        ],
      },
    });
    const { html, unsupported } = lexicalToHtml(lexical);
    expect(html).toBe('<h2><strong>Deal &amp; terms</strong></h2>\n<ol><li>one</li></ol>\n<p><a href="https://x.example/?a=1&amp;b=2">link</a></p>\n');
    expect(unsupported).toEqual(['image']);
  });
});
