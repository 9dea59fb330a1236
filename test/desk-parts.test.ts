/**
 * Parts of the review desk on their own: the passages an exception is made
 * of, the newsroom dictionary file (an entry whose spec fails is refused;
 * entries added by hand survive), and Payload's REST delivery against a
 * small HTTP server standing in for Payload's REST API.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { payloadRestTarget } from '../src/queue/deliver-payload.js';
import { DeskDictionary, LearnError, sentenceAround, surrounding } from '../src/queue/learn.js';
import type { QueueItem } from '../src/queue/types.js';

const folder = mkdtempSync(join(tmpdir(), 'copydesk-desk-parts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('passages', () => {
  test('the sentence around a passage, not the whole line', () => {
    const line = 'Shares fell 2%. On Monday, Li Wei said orders rose. Analysts agreed.';
    expect(sentenceAround(line, 'Li Wei')).toBe('On Monday, Li Wei said orders rose.');
    // A figure's decimal point is not a sentence end.
    expect(sentenceAround('Revenue was 3.5 billion, Li Wei said on Monday.', 'Li Wei')).toBe('Revenue was 3.5 billion, Li Wei said on Monday.');
  });

  test('an exception holds the word before and after, punctuation between kept', () => {
    expect(surrounding('On Monday, Li Wei said orders rose.', 'Li Wei')).toBe('Monday, Li Wei said');
    expect(surrounding('Li Wei said so.', 'Li Wei')).toBe('Li Wei said');
    expect(surrounding('It was Li Wei.', 'Li Wei')).toBe('was Li Wei');
  });
});

describe('newsroom dictionary file', () => {
  test('created when missing; entries added by hand survive; a failing spec is refused', () => {
    const path = join(folder, 'desk.yaml');
    const desk = new DeskDictionary(path);
    expect(desk.read().rules).toEqual([]);
    writeFileSync(path, 'version: 1\nrules:\n  - expected: Pony Ma\n    patterns: [Ma Huateng]\n');
    desk.add({ expected: 'its AI assistant Yuanbao', patterns: ['its AI assistant Mingyuan Cloud'], specs: [{ from: 'It expands its AI assistant Mingyuan Cloud.', to: 'It expands its AI assistant Yuanbao.' }] });
    const rules = desk.read().rules;
    expect(rules.map((r) => r.expected)).toEqual(['Pony Ma', 'its AI assistant Yuanbao']);
    const before = readFileSync(path, 'utf8');
    expect(() => desk.add({ expected: 'B', patterns: ['A'], specs: [{ from: 'A here', to: 'C here' }] })).toThrow(LearnError);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('Payload REST delivery', () => {
  test('PATCH /api/<collection>/<id> with the API key, the approved text, published and who approved it', async () => {
    const seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw) });
        const ok = req.headers.authorization === 'users API-Key desk-key-1';
        res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { doc: {} } : { errors: [{ message: 'You are not allowed' }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const item = {
      id: 'item-1',
      cms: { kind: 'payload', collection: 'posts', id: '42' },
      result: { markdown: 'as held', html: '<p>as held</p>', messages: [] },
      approved: { markdown: 'as approved', html: '<p>as approved</p>', messages: [] },
      audit: [{ at: '2026-12-01T00:00:00Z', actor: 'dana', action: 'approved' }],
    } as unknown as QueueItem;
    try {
      await payloadRestTarget({ url, apiKey: 'desk-key-1', collections: { posts: { field: 'body' } } })(item);
      expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/api/posts/42' });
      expect(seen[0]!.body).toMatchObject({ body: 'as approved', _status: 'published', copydesk: { approved: { item: 'item-1', by: 'dana' } } });
      await expect(payloadRestTarget({ url, apiKey: 'wrong', collections: { posts: { field: 'body' } } })(item)).rejects.toThrow(/answered 403: .*not allowed/);
      await expect(payloadRestTarget({ url, apiKey: 'desk-key-1', collections: { pages: { field: 'body' } } })(item)).rejects.toThrow(/not configured/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
