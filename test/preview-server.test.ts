/**
 * The preview's endpoints on a real loopback server, and `copydesk preview`:
 * renderings with marks, decisions, verdict, sanitizing, the token, the
 * Host check, files served only when allowed at start, the page's headers
 * and weight, and the command's first line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isLoopbackHost, pageRoot, sourceNames } from '../src/server/preview.js';
import { postJson, start, type Running } from './helpers/server.js';

const root = join(import.meta.dirname, '..');
const article = readFileSync(join(root, 'fixtures', 'preview', 'chip-deal.md'), 'utf8');
const TOKEN = 'preview-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };

interface Message {
  id: string;
  kind: string;
  ruleId: string;
  expected?: string[];
}

let dir: string;
let s: Running;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-preview-'));
  writeFileSync(join(dir, 'story.md'), article);
  writeFileSync(join(dir, 'secret.txt'), 'not to be served');
  s = await start({ token: TOKEN, threads: 0, logLevel: false, preview: { page: true, files: [join(dir, 'story.md')] } });
});
afterAll(async () => {
  await s?.server.close();
  rmSync(dir, { recursive: true, force: true });
});

const previewCall = (body: unknown, headers: Record<string, string> = auth) => postJson(`${s.url}/v1/preview`, body, headers);

describe('POST /v1/preview', () => {
  test('both renderings with every change and flag marked, message ids and kinds', async () => {
    const response = await previewCall({ content: article, format: 'markdown' });
    expect(response.status).toBe(200);
    const body = await response.json();
    const kinds = body.messages.map((m: Message) => `${m.ruleId}:${m.kind}`);
    expect(kinds).toEqual([
      'dek:removal',
      // The standfirst moved to meta.dek is fixed there too.
      'person-name:fix',
      'person-name:fix',
      'suspicious-product-name:flag',
      'person-name:fix',
      'related-block:removal',
      'related-block:removal',
    ]);
    for (const m of body.messages as Message[]) expect(body.original).toContain(`data-mid="${m.id}"`);
    // The cleaned side marks what is in it: fixes and flags, not removed blocks.
    expect(body.cleaned).not.toContain('data-mid="dek');
    expect(body.cleaned.match(/data-mid="person-name@/g)).toHaveLength(2);
    expect(body.cleaned).toContain('>Jensen Huang</span>');
    expect(body.original).toContain('>Huang Renxun</span>');
    expect(body.cleaned).toMatch(/<p data-o="\d+">According/);
    expect(body.verdict).toBe('review');
  });

  test('decisions: a rejected fix and an accepted suggestion; settled flags no longer hold the article', async () => {
    const first = await (await previewCall({ content: article, format: 'markdown' })).json();
    const [, second] = first.messages.filter((m: Message) => m.ruleId === 'person-name' && !m.id.includes('@3:'));
    const flag = first.messages.find((m: Message) => m.kind === 'flag');
    const body = await (
      await previewCall({ content: article, format: 'markdown', original: false, decisions: { reject: [second.id], replace: { [flag.id]: flag.expected[0] } } })
    ).json();
    expect(body.original).toBeUndefined();
    expect(body.markdown).toContain('after the announcement, Huang Renxun said');
    expect(body.markdown).toContain('chief executive Jensen Huang said, as it adds capacity for its AI chatbot.');
    expect(body.verdict).toBe('publish');
    // Rejected changes stay in the list, marked: the page can offer to accept them again.
    const lead = first.messages.find((m: Message) => m.ruleId === 'dek');
    const restored = await (await previewCall({ content: article, format: 'markdown', decisions: { reject: [lead.id, second.id] } })).json();
    const listed = restored.messages.map((m: Message & { rejected?: boolean }) => `${m.ruleId}${m.rejected ? ' (rejected)' : ''}`);
    expect(listed).toEqual([
      'dek (rejected)',
      'person-name',
      'person-name',
      'suspicious-product-name',
      'person-name (rejected)',
      'related-block',
      'related-block',
    ]);
    expect(restored.original).toContain(`data-mid="${lead.id}"`);
    expect(restored.original.match(/data-mid="person-name@/g)).toHaveLength(3);
    const dismissed = await (await previewCall({ content: article, format: 'markdown', decisions: { dismiss: [flag.id] } })).json();
    expect(dismissed.verdict).toBe('publish');
    expect(dismissed.markdown).toContain('Siasun Robot & Automation');
  });

  test('article HTML is sanitized: no scripts, handlers, javascript: links or remote images', async () => {
    const html = `<article><h1>Chip supply</h1><p onclick="alert(1)">Huang Renxun said supply <script>alert(2)</script>would stay tight.</p>
<p><a href="javascript:alert(3)">a link</a> and <img src="https://tracker.example/x.gif" alt="chart of supply" onerror="alert(4)"> and <iframe src="https://x.example"></iframe>more.</p>
<p><a href="https://example.com/story" style="color:red" id="x">the source</a></p></article>`;
    const body = await (await previewCall({ content: html, format: 'html' })).json();
    for (const side of [body.original, body.cleaned, body.html]) {
      expect(side).not.toMatch(/<script|onclick|onerror|javascript:|<iframe|style=/i);
    }
    for (const side of [body.original, body.cleaned]) {
      expect(side).not.toContain('tracker.example');
      expect(side).toContain('[chart of supply]');
      expect(side).not.toMatch(/\sid="/);
    }
    expect(body.cleaned).toContain('href="https://example.com/story"');
  });

  test('bad bodies and the token', async () => {
    expect((await previewCall({ content: article, format: 'markdown' }, {})).status).toBe(401);
    expect((await previewCall({ content: article, format: 'docx' })).status).toBe(400);
    expect((await previewCall({ content: article, format: 'markdown', decisions: { reject: 'all' } })).status).toBe(400);
    expect((await previewCall({ content: article, format: 'markdown', extra: 1 })).status).toBe(400);
  });
});

describe('GET /v1/preview-source', () => {
  const get = (query: string, headers: Record<string, string> = auth) => fetch(`${s.url}/v1/preview-source?${query}`, { headers });

  test('serves the file it was started with, by name, with its format', async () => {
    const response = await get('name=story.md');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ name: 'story.md', format: 'markdown', content: article });
  });

  test('nothing else: other names, paths, traversal; never without the token', async () => {
    for (const name of ['secret.txt', '../secret.txt', join(dir, 'secret.txt'), '/etc/passwd', '..%2Fsecret.txt', 'story.md/..', '']) {
      const response = await get(`name=${encodeURIComponent(name)}`);
      expect(response.status, name).toBe(404);
    }
    expect((await get('name=story.md', {})).status).toBe(401);
    expect((await get('name=story.md', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  test('names: a second file of the same name gets a suffix', () => {
    const names = sourceNames(['/a/story.md', '/b/story.md', 'c/other.txt']);
    expect([...names.keys()]).toEqual(['story.md', 'story.md~2', 'other.txt']);
  });
});

describe('without a token: loopback Host names only (DNS rebinding)', () => {
  test('a request naming another host is refused', async () => {
    const open = await start({ threads: 0, logLevel: false, preview: { page: true } });
    try {
      const ok = await postJson(`${open.url}/v1/preview`, { content: 'Huang Renxun spoke about supply for an hour.', format: 'markdown' });
      expect(ok.status).toBe(200);
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${open.url}/v1/preview`);
        const req = httpRequest(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: 'attacker.example:80', 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ content: 'x', format: 'markdown' }));
      });
      expect(status).toBe(403);
    } finally {
      await open.server.close();
    }
    expect(isLoopbackHost('127.0.0.1:8080')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]:9000')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.attacker.example')).toBe(false);
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});

describe('the page', () => {
  test('served at / with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${s.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[\w-]+\.js"><\/script>/);
  });

  test('the endpoints are in /openapi.json', async () => {
    const doc = await (await fetch(`${s.url}/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/clean', '/v1/preview', '/v1/preview-source']));
    expect(doc.paths['/v1/preview'].post.requestBody.content['application/json'].schema.required).toEqual(['content', 'format']);
  });

  test('built into the package: JS under 150 KB gzipped, nothing from another origin, no inline script', () => {
    const web = pageRoot();
    expect(existsSync(join(web, 'index.html')), 'run npm run build').toBe(true);
    const assets = readdirSync(join(web, 'assets'));
    const js = assets.filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce((n, f) => n + gzipSync(readFileSync(join(web, 'assets', f)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(150 * 1024);
    const html = readFileSync(join(web, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const file of assets) expect(readFileSync(join(web, 'assets', file), 'utf8')).not.toMatch(/https?:\/\/(?:fonts|cdn|unpkg|jsdelivr)/);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    // The built page ships in the package (all of dist, or dist/web named).
    expect((pkg.files as string[]).some((f) => f === 'dist' || f === 'dist/web')).toBe(true);
    expect(pkg.scripts.build).toContain('vite build');
  });
});

describe('copydesk preview <file>', () => {
  const cli = join(root, 'dist', 'src', 'cli.js');

  test('prints the page URL first, serves that file with the token from the fragment, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'preview', join(dir, 'story.md')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/\?source=story\.md#token=([\w-]+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const base = `http://127.0.0.1:${match![1]}`;
      const headers = { authorization: `Bearer ${match![2]}` };
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect((await fetch(`${base}/v1/preview-source?name=story.md`)).status).toBe(401);
      const served = await (await fetch(`${base}/v1/preview-source?name=story.md`, { headers })).json();
      expect(served.content).toBe(article);
      const cleaned = await (await postJson(`${base}/v1/preview`, { content: served.content, format: served.format }, headers)).json();
      expect(cleaned.markdown).toContain('Jensen Huang');
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a missing file: exit 2 and one line', async () => {
    const child = spawn(process.execPath, [cli, 'preview', join(dir, 'nope.md')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('nope.md: no such readable file')]);
  });
});
