/**
 * The article model as every output carries it: `clean()`, the CLI's
 * `--json`, `POST /v1/clean` on a real server and the preview all give the
 * headline as `title` and the dek, dateline, byline and source as `meta`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { findStructure } from '../src/article/structure.js';
import { parseText } from '../src/formats/text.js';
import { previewArticle } from '../src/preview/render.js';
import { postJson, start, type Running } from './helpers/server.js';

const PAGE = [
  'Wire Eight',
  'Fenwick Steel (01632) rises 6% as export orders recover',
  'Zhitong Finance · 2025-11-12 09:41',
  'Fenwick Steel rose 6% as its export orders recovered.',
  'Zhitong Finance APP learned that Fenwick Steel (01632) rose as much as 6.2% on Wednesday after the company said export orders for October had recovered to their level of a year earlier.',
  'The company makes steel plate for ships and bridges.',
].join('\n');

const expectedMeta = {
  dek: 'Fenwick Steel rose 6% as its export orders recovered.',
  dateline: 'Zhitong Finance · 2025-11-12 09:41',
  source: 'Zhitong Finance',
};

describe('the article model', () => {
  it('finds the headline under a site name, the dateline, the standfirst and the lede', () => {
    const tree = parseText(PAGE);
    const model = findStructure(tree);
    const text = (n: unknown) => (n ? JSON.stringify(n).match(/"value":"([^"]*)"/)?.[1] : undefined);
    expect(text(model.headline)).toBe('Fenwick Steel (01632) rises 6% as export orders recover');
    expect(model.chrome.map(text)).toEqual(['Wire Eight']);
    expect(text(model.dateline)).toBe(expectedMeta.dateline);
    expect(text(model.standfirst)).toBe(expectedMeta.dek);
    expect(text(model.lede)).toMatch(/^Zhitong Finance APP learned that/);
  });

  it('clean() returns title and meta; the markdown keeps the title as its level-one heading', async () => {
    const result = await clean(PAGE, { format: 'text' });
    expect(result.title).toBe('Fenwick Steel (01632) rises 6% as export orders recover');
    expect(result.meta).toEqual(expectedMeta);
    expect(result.markdown.startsWith(`# ${result.title}\n\nZhitong Finance · 2025-11-12 09:41\n\nZhitong Finance APP learned that`)).toBe(true);
    const dek = result.messages.find((m) => m.ruleId === 'dek');
    expect(dek?.actual).toBe(expectedMeta.dek);
    expect(dek?.cause).toBeDefined();
  });

  it('the title is the headline as cleaned: name fixes apply to it', async () => {
    const result = await clean('XIAOMI-W (01810) rises 4% as car deliveries hold up\nXiaomi said on Monday that it delivered more than 40,000 cars in October, the second month above that level.', { format: 'text' });
    expect(result.title).toBe('Xiaomi (01810) rises 4% as car deliveries hold up');
    expect(result.markdown.startsWith(`# ${result.title}\n`)).toBe(true);
  });

  it('copydesk clean --json prints title and meta', () => {
    const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'clean', '-', '--format', 'text', '--json'], { encoding: 'utf8', input: PAGE });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { title: string; meta: Record<string, string> };
    expect(out.title).toBe('Fenwick Steel (01632) rises 6% as export orders recover');
    expect(out.meta).toEqual(expectedMeta);
  });

  it('the preview carries them too', async () => {
    const result = await previewArticle({ content: PAGE, format: 'text' });
    expect(result.title).toBe('Fenwick Steel (01632) rises 6% as export orders recover');
    expect(result.meta).toEqual(expectedMeta);
  });
});

describe('POST /v1/clean', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({ token: 'model-token-1' });
  });
  afterAll(async () => {
    await s?.server.close();
  });

  it('answers with meta beside the body', async () => {
    const response = await postJson(`${s.url}/v1/clean`, { content: PAGE, format: 'text' }, { authorization: 'Bearer model-token-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { markdown: string; meta: Record<string, string> };
    expect(body.meta).toEqual(expectedMeta);
    expect(body.markdown).not.toContain(expectedMeta.dek);
  });
});
