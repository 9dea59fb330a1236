/** copydesk batch: each kind of input, on real files written here. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspaces } from './batch-helpers.js';
import { CLEAN_TEXT, ghostExport, lexicalDoc, wireHtml, wireMarkdown, wxrExport } from './batch-fixtures.js';

const ws = workspaces();

interface JsonReport {
  tool: string;
  version: string;
  articles: Array<{ file: string; line?: number; id?: string; name: string; error?: string; messages: Array<{ ruleId: string; severity: string }> }>;
  summary: { articles: number; changed: number; failed: number; skipped: number; cpuSeconds: number };
}
const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const readReport = (dir: string, name = 'report.json') => JSON.parse(readFileSync(join(dir, name), 'utf8')) as JsonReport;

describe('files, folders, globs, stdin', () => {
  it('cleans every article under a folder, recursively, and named files', () => {
    const dir = ws({
      'archive/2024/a.md': wireMarkdown('Tencent beats estimates'),
      'archive/2024/b.html': wireHtml('Xiaomi delivers cars'),
      'archive/2025/deep/c.txt': `${CLEAN_TEXT}\n`,
      'archive/notes.json': '{"not": "an article"}',
      'single.md': wireMarkdown('BYD record'),
    });
    const run = cli(['batch', 'archive', 'single.md', '--out-dir', 'out', '--jobs', '2', '--report', 'json', '--report-file', 'report.json'], { cwd: dir });
    expect(run.stderr).toContain('4 articles');
    expect(run.stderr).not.toMatch(/^copydesk: .*%/m); // no progress on a pipe unless asked
    expect(run.status).toBe(0);
    const report = readReport(dir);
    expect(report.articles.map((a) => a.file).sort()).toEqual(['archive/2024/a.md', 'archive/2024/b.html', 'archive/2025/deep/c.txt', 'single.md']);
    expect(report.summary).toMatchObject({ articles: 4, changed: 3, failed: 0 });
    expect(report).toMatchObject({ tool: 'copydesk', version: PACKAGE_VERSION });
    expect(report.summary.cpuSeconds).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'out/2024/a.md'), 'utf8')).not.toContain('Related Articles');
    expect(readFileSync(join(dir, 'out/2024/b.md'), 'utf8')).toContain('Revenue for the quarter');
    expect(readFileSync(join(dir, 'out/2025/deep/c.md'), 'utf8')).toContain('flat in Hong Kong');
    expect(readFileSync(join(dir, 'out/single.md'), 'utf8')).not.toContain('Southbound');
  });

  it('expands a glob, mirroring from its base', () => {
    const dir = ws({ 'wire/x/one.html': wireHtml('One'), 'wire/y/two.html': wireHtml('Two'), 'wire/y/skip.md': wireMarkdown('Skip') });
    const run = cli(['batch', 'wire/**/*.html', '--out-dir', 'out', '--to', 'html', '--progress'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^copydesk: [\d.]+% \| \d+\/\d+ articles \| [\d.]+ articles\/s$/m); // --progress off a terminal: plain lines, done/total
    expect(readFileSync(join(dir, 'out/x/one.html'), 'utf8')).toContain('<p>Revenue for the quarter');
    expect(readFileSync(join(dir, 'out/y/two.html'), 'utf8')).not.toContain('Related Articles');
    expect(() => readFileSync(join(dir, 'out/y/skip.html'))).toThrow();
  });

  it('reads an article from stdin with --format', () => {
    const dir = ws({});
    const run = cli(['batch', '-', '--format', 'markdown'], { cwd: dir, input: wireMarkdown('From a pipe') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Revenue for the quarter');
    expect(run.stdout).not.toContain('Related Articles');
    expect(cli(['batch', '-'], { cwd: dir, input: 'x' }).status).toBe(2);
  });

  it('reports an article that is not UTF-8 with its name, and goes on', () => {
    const dir = ws({ 'in/bad.md': Buffer.from([0x52, 0x65, 0xff, 0xfe, 0x76, 0x0a]), 'in/good.md': wireMarkdown('Good one') });
    const run = cli(['batch', 'in', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/in\/bad\.md[\s\S]*not valid UTF-8[\s\S]*bad-input/);
    expect(readFileSync(join(dir, 'out/good.md'), 'utf8')).toContain('Revenue');
  });

  it('refuses a missing input before writing anything', () => {
    const dir = ws({ 'a.md': wireMarkdown('A') });
    const run = cli(['batch', 'a.md', 'missing.md', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing.md: no such file or folder');
    expect(() => readFileSync(join(dir, 'out/a.md'))).toThrow();
    const empty = cli(['batch', 'a.md', 'empty', '--out-dir', 'out'], { cwd: ws({ 'a.md': 'x', 'empty/notes.json': '{}' }) });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('empty: no article');
  });
});

describe('JSON Lines', () => {
  const lines = [
    JSON.stringify({ id: 'a1', meta: { desk: 'hk', tags: ['x'] }, content: { body: wireHtml('Tencent beats estimates') } }),
    '{"id": "a2", "content": {"body": "unterminated',
    JSON.stringify({ id: 'a3', content: { body: wireMarkdown('Xiaomi delivers') } }),
    '',
    JSON.stringify({ id: 'a4', content: { body: CLEAN_TEXT }, note: 'caf\u00e9 \u2014 unchanged' }),
    JSON.stringify({ id: 'a5', content: { headline: 'no body here' } }),
  ];
  const input = `${lines.join('\n')}\n`;

  it('replaces only the nested body field, reports the broken line with its line, and goes on', () => {
    const dir = ws({ 'feed.jsonl': input });
    const run = cli(['batch', 'feed.jsonl', '--field', 'content.body', '--id-field', 'id', '--out-dir', 'out', '--jobs', '2', '--report', 'json', '--report-file', 'report.json'], { cwd: dir });
    expect(run.status).toBe(2); // input errors: the run finished, but says so
    const out = readFileSync(join(dir, 'out/feed.jsonl'), 'utf8').split('\n');
    expect(out).toHaveLength(lines.length + 1);
    const first = JSON.parse(out[0]!);
    expect(first.meta).toEqual({ desk: 'hk', tags: ['x'] });
    expect(first.content.body).not.toContain('Related Articles');
    expect(first.content.body).toContain('<p>Revenue for the quarter');
    expect(out[0]!.startsWith('{"id":"a1","meta":{"desk":"hk","tags":["x"]},"content":{"body":"')).toBe(true);
    expect(out[1]).toBe(lines[1]); // the broken line, kept as it was
    expect(JSON.parse(out[2]!).content.body).not.toContain('Southbound');
    expect(out[3]).toBe('');
    expect(out[4]).toBe(lines[4]); // nothing to change: byte for byte
    expect(out[5]).toBe(lines[5]);
    const report = readReport(dir);
    const broken = report.articles.find((a) => a.line === 2)!;
    expect(broken.error).toMatch(/not valid JSON/);
    expect(report.articles.find((a) => a.line === 6)).toMatchObject({ id: 'a5', error: expect.stringContaining('no string at "content.body"') });
    expect(report.summary).toMatchObject({ articles: 5, failed: 2 });
    expect(run.stderr).toMatch(/feed\.jsonl:2\n.*not valid JSON/);
  });

  it('fails an article too big for a worker alone, and goes on', () => {
    const huge = `<p>${'word '.repeat(200)}</p>`.repeat(6000);
    const dir = ws({ 'feed.jsonl': `${JSON.stringify({ id: 'huge', content: { body: huge } })}\n${lines[0]}\n` });
    const run = cli(['batch', 'feed.jsonl', '--field', 'content.body', '-o', 'out', '--jobs', '1', '--worker-memory', '48'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/feed\.jsonl:1 \(huge\)\n {2}error +[^\n]*memory limit/);
    const [first, second] = read(dir, 'out/feed.jsonl').split('\n');
    expect(JSON.parse(first!).content.body).toBe(huge);
    expect(JSON.parse(second!).content.body).not.toContain('Related Articles');
  });

  it('filters stdin to stdout', () => {
    const dir = ws({});
    const run = cli(['batch', '-', '--field', 'content.body', '-q'], { cwd: dir, input: `${lines[0]}\n${lines[4]}\n` });
    expect(run.status).toBe(0);
    const [a, b] = run.stdout.split('\n');
    expect(JSON.parse(a!).content.body).not.toContain('Related Articles');
    expect(b).toBe(lines[4]);
  });
});

describe('Ghost export', () => {
  const posts = [
    { id: 'p1', slug: 'tencent-results', title: 'Tencent results', html: wireHtml('Tencent beats estimates') },
    { id: 'p2', slug: 'byd-lexical', title: 'BYD', lexical: lexicalDoc(['BYD sold more cars abroad than ever in October, the company said.', 'Related Articles', 'Hang Seng closes higher']) },
    { id: 'p3', slug: 'clean-one', title: 'Clean', html: `<p>${CLEAN_TEXT}</p>` },
    { id: 'p4', slug: 'empty', title: 'Empty' },
  ];

  it('writes the export back with only the bodies replaced', () => {
    const source = ghostExport(posts);
    const dir = ws({ 'ghost.json': source });
    const run = cli(['batch', 'ghost.json', '--out-dir', 'out', '--report', 'json', '--report-file', 'report.json'], { cwd: dir });
    expect(run.status).toBe(0);
    const written = readFileSync(join(dir, 'out/ghost.json'), 'utf8');
    const before = JSON.parse(source);
    const after = JSON.parse(written);
    const [p1, p2, p3, p4] = after.db[0].data.posts;
    expect(p1.html).not.toContain('Related Articles');
    expect(p1.html).toContain('Revenue for the quarter');
    expect(JSON.parse(p2.lexical).root.children).toEqual([{ type: 'markdown', version: 1, markdown: expect.stringContaining('BYD sold more cars') }]);
    expect(p2.lexical).not.toContain('Hang Seng');
    expect(p3).toEqual(before.db[0].data.posts[2]);
    expect(p4).toEqual(before.db[0].data.posts[3]);
    // every other byte untouched: only the lines holding a replaced body differ
    const a = source.split('\n');
    const b = written.split('\n');
    expect(b).toHaveLength(a.length);
    const differing = a.map((line, i) => (line === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(differing.map((i) => a[i]!.trim().split('"')[1])).toEqual(['html', 'lexical']);
    const report = readReport(dir);
    expect(report.summary).toMatchObject({ articles: 3, changed: 2, skipped: 1 });
    expect(report.articles.map((r) => r.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('writes one file per post with --split, named by slug', () => {
    const dir = ws({ 'ghost.json': ghostExport(posts) });
    const run = cli(['batch', 'ghost.json', '--out-dir', 'out', '--split', '--to', 'markdown'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'out/ghost/tencent-results.md'), 'utf8')).toContain('Revenue for the quarter');
    expect(readFileSync(join(dir, 'out/ghost/byd-lexical.md'), 'utf8')).toContain('BYD sold more cars');
    expect(readFileSync(join(dir, 'out/ghost/clean-one.md'), 'utf8')).toContain('flat in Hong Kong');
  });

  it('says so when the file is not a Ghost export', () => {
    const dir = ws({ 'other.json': '{"posts": []}' });
    const run = cli(['batch', 'other.json', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no posts found');
  });
});

describe('WordPress WXR export', () => {
  const posts = [
    { id: 11, slug: 'xiaomi-cars', title: 'Xiaomi', content: `${wireHtml('Xiaomi delivers cars')}\n<p>A reader wrote </item> in a comment</p>` },
    { id: 12, slug: 'logo', title: 'logo', content: '', type: 'attachment' },
    { id: 13, slug: 'plain', title: 'Plain', content: `${CLEAN_TEXT}\n\nThe second paragraph of the story says something new about deliveries.` },
    { id: 14, slug: 'classic', title: 'Classic', content: 'Zhitong Finance APP learned that the insurer raised its dividend.\n\nRelated Articles\n\nHang Seng closes higher' },
  ];

  it('replaces content:encoded of posts, and leaves the rest of the file byte for byte', () => {
    const source = wxrExport(posts);
    const dir = ws({ 'wordpress.xml': source });
    const run = cli(['batch', 'wordpress.xml', '--out-dir', 'out', '--report', 'json', '--report-file', 'report.json'], { cwd: dir });
    expect(run.status).toBe(0);
    const written = readFileSync(join(dir, 'out/wordpress.xml'), 'utf8');
    const strip = (xml: string) => xml.replace(/<content:encoded>[\s\S]*?<\/content:encoded>/g, '<content:encoded/>');
    expect(strip(written)).toBe(strip(source.replace('</item> in a comment', '')));
    const bodies = [...written.matchAll(/<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/g)].map((m) => m[1]!);
    expect(bodies[0]).toContain('Revenue for the quarter');
    expect(bodies[0]).not.toContain('Related Articles');
    expect(bodies[1]).toBe('');
    expect(bodies[2]).toBe(posts[2]!.content); // unchanged post: as it was
    expect(bodies[3]).toContain('raised its dividend');
    expect(bodies[3]).not.toContain('Hang Seng');
    const report = readReport(dir);
    expect(report.summary).toMatchObject({ articles: 3, changed: 2, skipped: 1 });
    const itemLines = source.split('\n').flatMap((line, i) => (line.trim() === '<item>' ? [i + 1] : []));
    expect(report.articles.map((a) => [a.id, a.line])).toEqual([
      ['11', itemLines[0]],
      ['13', itemLines[2]],
      ['14', itemLines[3]],
    ]);
  });

  it('reports a malformed item with its line and goes on', () => {
    const source = wxrExport(posts.slice(2)).replace('<wp:post_id>13</wp:post_id>', '<wp:post_id>13</wp:post_ident>');
    const dir = ws({ 'wordpress.xml': source });
    const run = cli(['batch', 'wordpress.xml', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    const idLine = source.split('\n').findIndex((line) => line.includes('post_ident')) + 1;
    expect(run.stderr).toMatch(new RegExp(`wordpress\\.xml:17\\n +error +not well-formed XML at line ${idLine}: unexpected close tag`));
    const written = readFileSync(join(dir, 'out/wordpress.xml'), 'utf8');
    expect(written).toContain('</wp:post_ident>'); // kept as it was
    expect(written).not.toContain('Hang Seng');
  });
});
