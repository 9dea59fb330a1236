/**
 * Limits on a real server: an article that takes too long (504, and the
 * worker is replaced), a burst beyond the concurrency limit (503 with
 * Retry-After, nothing collapses), graceful shutdown with a request in
 * flight, and `copydesk serve` as a process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { articleOfSize, DEFECTIVE_MARKDOWN, RELATED } from './helpers/articles.js';
import { postJson, ready, start } from './helpers/server.js';

const cleanBody = (content: string) => ({ content, format: 'markdown' });

describe('time limit', () => {
  test('an article that takes too long: 504; the next one is cleaned by a fresh worker', async () => {
    // The limit leaves a fresh worker time to load; the article takes several times as long (about 1 s for 12 MB here).
    const s = await start({ timeoutMs: 500, bodyLimit: 16 * 1024 * 1024 });
    try {
      const slow = await postJson(`${s.url}/v1/clean`, cleanBody(articleOfSize(12_000_000)));
      expect(slow.status).toBe(504);
      expect((await slow.json()).error.code).toBe('TIMEOUT');
      // Health stays responsive, the pool recovers.
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      // The stopped worker is replaced; until the new one has loaded, short articles may still time out.
      let next = await postJson(`${s.url}/v1/clean`, cleanBody(DEFECTIVE_MARKDOWN));
      for (const until = Date.now() + 15_000; next.status === 504 && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 100));
        next = await postJson(`${s.url}/v1/clean`, cleanBody(DEFECTIVE_MARKDOWN));
      }
      expect(next.status).toBe(200);
      expect((await next.json()).markdown).not.toContain(RELATED[0]);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toMatch(/copydesk_http_requests_total\{method="POST",route="\/v1\/clean",status="504"\} \d+/);
      expect(metrics).toMatch(/copydesk_clean_refused_total\{reason="timeout"\} [1-9]\d*/);
    } finally {
      await s.server.close();
    }
  });
});

describe('concurrency limit', () => {
  test('a burst beyond the limit: the excess gets 503 with Retry-After, the rest are cleaned', async () => {
    const s = await start({ concurrency: 2 });
    try {
      const article = articleOfSize(60_000);
      const responses = await Promise.all(Array.from({ length: 10 }, () => postJson(`${s.url}/v1/clean`, cleanBody(article))));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((c) => c === 200).length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((c) => c === 503).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((c) => c === 200 || c === 503)).toBe(true);
      const refused = responses.find((r) => r.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await refused.json()).error.code).toBe('OVERLOADED');
      await Promise.all(responses.map((r) => r.arrayBuffer().catch(() => undefined)));
      // After the burst the server answers normally.
      expect((await postJson(`${s.url}/v1/clean`, cleanBody(DEFECTIVE_MARKDOWN))).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });
});

describe('graceful shutdown', () => {
  test('close() lets the request in flight finish, then refuses new connections', async () => {
    const s = await start();
    const inFlight = postJson(`${s.url}/v1/clean`, cleanBody(articleOfSize(120_000)));
    for (const until = Date.now() + 10_000; s.server.cleaner.inFlight === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
    expect(s.server.cleaner.inFlight).toBe(1);
    const closing = s.server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).verdict).toBe('publish');
    await closing;
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });
});

describe('copydesk serve', () => {
  const cli = 'dist/src/cli.js';
  test.skipIf(!existsSync(cli))('starts from the command line, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env: { ...process.env, COPYDESK_TOKEN: 'cli-token' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    let url: string | undefined;
    for (let i = 0; i < 400 && !url; i++) {
      await new Promise((r) => setTimeout(r, 50));
      url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
    }
    expect(url).toBeDefined();
    await ready(url!);
    const response = await postJson(`${url}/v1/clean`, cleanBody(DEFECTIVE_MARKDOWN), { authorization: 'Bearer cli-token' });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  test.skipIf(!existsSync(cli))('refuses to listen beyond loopback without a token', async () => {
    const env = { ...process.env };
    delete env.COPYDESK_TOKEN;
    const child = spawn(process.execPath, [cli, 'serve', '--host', '0.0.0.0', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toMatch(/COPYDESK_TOKEN/);
  });
});
