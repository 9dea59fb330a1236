/**
 * The service against slow and odd clients, on a real server and raw
 * sockets: headers or a body that never finish are cut at the configured
 * limits, an idle kept-alive connection is closed, connections beyond the
 * cap are dropped, a path served under another method answers 405 with
 * Allow, JSON answers say nosniff and no-store; and `copydesk serve` on a
 * busy port or an unusable host says so in one line and exits 2.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer as createNetServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFECTIVE_MARKDOWN } from './helpers/articles.js';
import { postJson, ready, start, type Running } from './helpers/server.js';

/** A raw connection to the server; resolves `closed` with what the server sent, and when. */
function open(url: string): { socket: Socket; opened: number; closed: Promise<{ data: string; afterMs: number }> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const opened = Date.now();
  let data = '';
  socket.on('data', (chunk) => (data += chunk));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close').then(() => ({ data, afterMs: Date.now() - opened }));
  return { socket, opened, closed };
}

describe('slow clients', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({ headersTimeoutMs: 400, requestTimeoutMs: 1200, idleTimeoutMs: 300 });
  });
  afterAll(async () => s?.server.close());

  test('headers that never finish: 408 and closed at the headers limit', async () => {
    const c = open(s.url);
    c.socket.write('POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    const keepTrickling = setInterval(() => c.socket.writable && c.socket.write('X-Slow: 1\r\n'), 100);
    const { data, afterMs } = await c.closed;
    clearInterval(keepTrickling);
    expect(data).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(350);
    expect(afterMs).toBeLessThan(1150); // the headers limit, not the whole-request one
  });

  test('a body that never finishes: cut at the request limit, though bytes keep coming', async () => {
    const c = open(s.url);
    c.socket.write('POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"content":"');
    const keepTrickling = setInterval(() => c.socket.writable && c.socket.write('a'), 50);
    const { data, afterMs } = await c.closed;
    clearInterval(keepTrickling);
    expect(data).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(1100);
    expect(afterMs).toBeLessThan(5000);
  });

  test('an idle kept-alive connection is closed after the idle limit', async () => {
    const c = open(s.url);
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const { data, afterMs } = await c.closed;
    expect(data).toMatch(/^HTTP\/1\.1 200/);
    expect(data).toMatch(/keep-alive/i);
    expect(afterMs).toBeGreaterThanOrEqual(250);
    expect(afterMs).toBeLessThan(3000);
  });

  test('a normal request still goes through', async () => {
    expect((await postJson(`${s.url}/v1/clean`, { content: DEFECTIVE_MARKDOWN, format: 'markdown' })).status).toBe(200);
  });
});

describe('connection cap', () => {
  test('connections beyond maxConnections are dropped; once others close, new ones are served', async () => {
    const s = await start({ maxConnections: 2, headersTimeoutMs: 5000, idleTimeoutMs: 5000 });
    try {
      const held = [open(s.url), open(s.url)];
      await Promise.all(held.map((c) => once(c.socket, 'connect')));
      await new Promise((r) => setTimeout(r, 100));
      const third = open(s.url);
      third.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      const refused = await third.closed;
      expect(refused.data).toBe('');
      expect(refused.afterMs).toBeLessThan(2000);
      for (const c of held) c.socket.destroy();
      await Promise.all(held.map((c) => c.closed));
      await new Promise((r) => setTimeout(r, 100));
      expect((await fetch(`${s.url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });
});

describe('methods and headers', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({ token: 'hdr-token', preview: { page: false }, ghost: { webhookSecret: 'whs' } });
  });
  afterAll(async () => s?.server.close());

  test.each([
    ['GET', '/v1/clean', 'POST'],
    ['OPTIONS', '/v1/clean', 'POST'],
    ['PUT', '/v1/clean', 'POST'],
    ['DELETE', '/v1/preview', 'POST'],
    ['GET', '/v1/ghost/webhook', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['POST', '/openapi.json?x=1', 'GET, HEAD'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${s.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect((await response.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  test('a path no route has is still 404', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${s.url}/v1/cleanse`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.has('allow')).toBe(false);
    }
  });

  test('JSON answers, success and error alike, carry nosniff and no-store', async () => {
    const answers = [
      await postJson(`${s.url}/v1/clean`, { content: DEFECTIVE_MARKDOWN, format: 'markdown' }, { authorization: 'Bearer hdr-token' }),
      await postJson(`${s.url}/v1/clean`, { content: DEFECTIVE_MARKDOWN, format: 'markdown' }),
      await fetch(`${s.url}/v1/clean`),
      await fetch(`${s.url}/nowhere`),
      await fetch(`${s.url}/readyz`),
      await fetch(`${s.url}/openapi.json`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 405, 404, 200, 200]);
    for (const r of answers) {
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('copydesk serve: where it cannot listen', () => {
  const cli = 'dist/src/cli.js';
  const serve = (args: string[]) => {
    const child = spawn(process.execPath, [cli, 'serve', ...args], {
      env: { ...process.env, COPYDESK_TOKEN: 'cli-token', XDG_STATE_HOME: '/nonexistent-unused' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    return { child, out: () => out, err: () => err };
  };

  test.skipIf(!existsSync(cli))('a port in use: one line on stderr, exit 2', async () => {
    const busy = createNetServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as AddressInfo;
    try {
      const run = serve(['--port', String(port)]);
      const [code] = await once(run.child, 'exit');
      expect(code).toBe(2);
      expect(run.err()).toBe(`copydesk: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
    } finally {
      busy.close();
    }
  });

  test.skipIf(!existsSync(cli))('an address not on this machine, or a host that does not resolve: one line, exit 2', async () => {
    for (const [host, why] of [
      ['192.0.2.1', 'no such address on this machine'],
      ['no-such-host.invalid', 'no such host'],
    ] as const) {
      const run = serve(['--host', host, '--port', '0']);
      const [code] = await once(run.child, 'exit');
      expect(code).toBe(2);
      expect(run.err()).toMatch(new RegExp(`^copydesk: cannot listen on ${host.replace(/\./g, '\\.')}:0: ${why}\\n$`));
    }
  });

  test.skipIf(!existsSync(cli))('--host [::1] (URL notation) listens on IPv6 loopback', async () => {
    const run = serve(['--host', '[::1]', '--port', '0']);
    let url: string | undefined;
    for (let i = 0; i < 400 && !url && run.child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      url = /"url":"(http:\/\/\[::1\]:\d+)"/.exec(run.out())?.[1];
    }
    try {
      expect(run.err()).toBe('');
      expect(url).toBeDefined();
      await ready(url!);
      const response = await postJson(`${url}/v1/clean`, { content: DEFECTIVE_MARKDOWN, format: 'markdown' }, { authorization: 'Bearer cli-token' });
      expect(response.status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
      await once(run.child, 'exit');
    }
  });
});
