/**
 * `clean()` against the floor F measured in the same run: the bare unified
 * work it cannot avoid (parse once; Markdown out with remark-stringify; HTML
 * out with remark-rehype → rehype-stringify), GFM on both sides as in clean().
 */
import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import remarkGfmLean from '../src/gfm.js';
import { clean } from '../src/pipeline.js';
import { corpusMarkdown, markdownArticle } from './articles.js';
import { compare, type Row } from './measure.js';

const parser = unified().use(remarkParse).use(remarkGfmLean).freeze();
const markdownOut = unified().use(remarkGfm).use(remarkStringify).freeze();
const htmlOut = unified().use(remarkRehype).use(rehypeStringify).freeze();

/** F: the floor. */
export async function floor(doc: string): Promise<void> {
  const tree = parser.parse(doc) as Root;
  markdownOut.stringify(tree);
  htmlOut.stringify(await htmlOut.run(tree));
}

const SIZES: Array<[string, number]> = [
  ['2 KB', 2_000],
  ['4 KB', 4_000],
  ['5 KB', 5_000],
  ['20 KB', 20_000],
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
];

export async function benchCore(): Promise<Row[]> {
  const rows: Row[] = [];
  const perSize: Record<string, number> = {};
  for (const [label, bytes] of SIZES) {
    const doc = markdownArticle(bytes);
    const big = bytes >= 1_000_000;
    const t = await compare({ floor: () => floor(doc), clean: () => clean(doc, { format: 'markdown' }) }, { rounds: big ? 5 : 15, minTimeMs: big ? 1 : 40 });
    perSize[label] = t.clean!;
    rows.push(
      { name: `${label} clean()`, value: 1000 / t.clean!, unit: 'articles/s', note: `${t.clean!.toFixed(2)} ms` },
      { name: `${label} floor F`, value: 1000 / t.floor!, unit: 'articles/s', note: `${t.floor!.toFixed(2)} ms` },
      { name: `${label} clean / F`, value: t.clean! / t.floor!, unit: '×', note: 'goal ≤ 1.5' },
    );
  }
  rows.push({ name: '1 MB / 4 KB time', value: perSize['1 MB']! / perSize['4 KB']!, unit: '×', note: 'linear: ≤ 300 (size ratio 250)' });

  const corpus = corpusMarkdown();
  if (corpus.length) {
    const t = await compare({
      floor: async () => { for (const doc of corpus) await floor(doc); },
      clean: async () => { for (const doc of corpus) await clean(doc, { format: 'markdown' }); },
    });
    rows.push({ name: `dev corpus (${corpus.length} .md) clean / F`, value: t.clean! / t.floor!, unit: '×', note: 'goal ≤ 1.5' });
  }
  rows.push({ name: 'resident set after core bench', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' });
  return rows;
}

