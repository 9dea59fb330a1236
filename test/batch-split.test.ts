/**
 * The stream splitters and the JSON span finder, in process: any chunking of
 * an export splits into the same records, the pieces put back together give
 * the file byte for byte, and resuming from a record's state gives the rest.
 */
import { describe, expect, it } from 'vitest';
import { findSpan, replaceSpan } from '../src/batch/json-span.js';
import { splitExport, type ExportKind, type Piece, type ScanState } from '../src/batch/split.js';
import { parseItem } from '../src/batch/wxr.js';
import { lexicalToHtml, mobiledocToHtml } from '../src/batch/ghost.js';
import { ghostExport, lexicalDoc, wireHtml, wxrExport } from './batch-fixtures.js';

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function pieces(kind: ExportKind, bytes: Buffer, size: number, from?: ScanState): Promise<Piece[]> {
  const out: Piece[] = [];
  const start = from?.offset ?? 0;
  for await (const piece of splitExport(kind, chunks(bytes.subarray(start), size), from)) out.push(piece);
  return out;
}

const ghost = Buffer.from(
  ghostExport([
    { id: 'p1', slug: 'a', title: 'A "quoted" {title}', html: wireHtml('A } ] tricky \\" body') },
    { id: 'p2', slug: 'b', title: 'B', lexical: lexicalDoc(['Para with {braces} and "quotes"', '中文段落']) },
    { id: 'p3', slug: 'c', title: 'C', html: '<p>short</p>' },
  ]),
);
const wxr = Buffer.from(
  wxrExport([
    { id: 1, slug: 'one', title: 'One', content: '<p>Mentions </item> and <![CDATA-ish text</p>' },
    { id: 2, slug: 'two', title: 'Two — 中文', content: '<p>Second</p>' },
  ]),
);
const jsonl = Buffer.from('{"id":1,"body":"a"}\n\n{"id":2,"body":"b\\n"}\r\n{"id":3,"body":"中文"}');

describe.each([
  ['ghost', ghost, 3],
  ['wxr', wxr, 2],
  ['jsonl', jsonl, 3],
] as const)('%s', (kind, bytes, records) => {
  it('splits the same at any chunk size, and joins back byte for byte', async () => {
    for (const size of [1, 2, 7, 64, 1 << 20]) {
      const all = await pieces(kind, bytes, size);
      expect(Buffer.concat(all.map((p) => p.bytes)).equals(bytes)).toBe(true);
      expect(all.filter((p) => p.type === 'record')).toHaveLength(records);
    }
  });

  it('resumes from any record', async () => {
    const all = await pieces(kind, bytes, 5);
    for (const record of all.filter((p) => p.type === 'record')) {
      const rest = await pieces(kind, bytes, 11, record.state);
      expect(Buffer.concat(rest.map((p) => p.bytes)).equals(bytes.subarray(record.end))).toBe(true);
      const before = all.filter((p) => p.type === 'record' && p.end > record.end).map((p) => [p.line, p.bytes.toString()]);
      expect(rest.filter((p) => p.type === 'record').map((p) => [p.line, p.bytes.toString()])).toEqual(before);
    }
  });
});

describe('records', () => {
  it('finds Ghost posts as whole objects with their lines', async () => {
    const posts = (await pieces('ghost', ghost, 13)).filter((p) => p.type === 'record');
    expect(posts.map((p) => JSON.parse(p.bytes.toString()).id)).toEqual(['p1', 'p2', 'p3']);
    const lines = ghost.toString().split('\n');
    for (const post of posts) expect(lines[post.line - 1]!.trim()).toBe('{');
  });

  it('reads a WXR item, and where its body is', async () => {
    const [first] = (await pieces('wxr', wxr, 9)).filter((p) => p.type === 'record');
    const text = first!.bytes.toString();
    const item = parseItem(text);
    expect(item).toMatchObject({ id: '1', slug: 'one', type: 'post', title: 'One', content: '<p>Mentions </item> and <![CDATA-ish text</p>' });
    expect(text.slice(item.contentSpan!.start, item.contentSpan!.end)).toBe('<![CDATA[<p>Mentions </item> and <![CDATA-ish text</p>]]>');
  });
});

describe('findSpan', () => {
  const text = '{ "a" : 1, "k\\"ey": "x", "body": { "list": [ "zero", {"html": "<p>\\"hi\\"</p>"} ] }, "z": null }';

  it('finds nested values, through objects and arrays', () => {
    const span = findSpan(text, ['body', 'list', '1', 'html'])!;
    expect(text.slice(span.start, span.end)).toBe('"<p>\\"hi\\"</p>"');
    expect(text.slice(findSpan(text, ['k"ey'])!.start, findSpan(text, ['k"ey'])!.end)).toBe('"x"');
    expect(findSpan(text, ['z'])).toEqual({ start: text.indexOf('null'), end: text.indexOf('null') + 4 });
    expect(findSpan(text, ['missing'])).toBeUndefined();
    expect(findSpan(text, ['body', 'list', '5'])).toBeUndefined();
  });

  it('replaces one value and nothing else', () => {
    const out = replaceSpan(text, findSpan(text, ['body', 'list', '0'])!, 'one\n"two"');
    expect(JSON.parse(out).body.list[0]).toBe('one\n"two"');
    expect(out.replace('"one\\n\\"two\\""', '"zero"')).toBe(text);
  });
});

describe('Ghost editor documents', () => {
  it('renders Mobiledoc sections, markups, lists and cards to HTML', () => {
    const doc = JSON.stringify({
      version: '0.3.1',
      atoms: [],
      markups: [['strong'], ['a', ['href', 'https://x.example/?a=1&b=2']]],
      cards: [['markdown', { markdown: 'Card one.\n\nCard two.' }], ['html', { html: '<p>Raw <em>html</em></p>' }]],
      sections: [
        [1, 'h2', [[0, [], 0, 'Title']]],
        [1, 'p', [[0, [0], 1, 'Bold'], [0, [], 0, ' and '], [0, [1], 1, 'a <link>']]],
        [3, 'ul', [[[0, [], 0, 'one']], [[0, [], 0, 'two']]]],
        [10, 0],
        [10, 1],
      ],
    });
    expect(mobiledocToHtml(doc).split('\n')).toEqual([
      '<h2>Title</h2>',
      '<p><strong>Bold</strong> and <a href="https://x.example/?a=1&amp;b=2">a &lt;link&gt;</a></p>',
      '<ul><li>one</li><li>two</li></ul>',
      '<p>Card one.</p>',
      '<p>Card two.</p>',
      '<p>Raw <em>html</em></p>',
    ]);
  });

  it('renders Lexical headings, formats, links and lists to HTML', () => {
    const text = (t: string, format = 0) => ({ type: 'text', text: t, format });
    const doc = JSON.stringify({
      root: {
        children: [
          { type: 'heading', tag: 'h3', children: [text('Head')] },
          { type: 'paragraph', children: [text('bold', 1), text(' '), { type: 'link', url: 'https://x.example', children: [text('it', 2)] }, { type: 'linebreak' }, text('x < y')] },
          { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [text('first')] }] },
        ],
      },
    });
    expect(lexicalToHtml(doc).split('\n')).toEqual([
      '<h3>Head</h3>',
      '<p><strong>bold</strong> <a href="https://x.example"><em>it</em></a><br>x &lt; y</p>',
      '<ol><li>first</li></ol>',
    ]);
  });
});
