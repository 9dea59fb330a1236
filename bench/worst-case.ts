/**
 * Worst cases: inputs built to make a parser or a plugin do more than linear
 * work, each timed against a plain generated article of the same size in the
 * same run (interleaved), so the figure is a ratio: goal ≤ 3 for each.
 *
 *   100,000 list items · 100,000 short paragraphs · 320 KB of emphasis runs
 *   (`**a**_b_`) · `[a](` runs · 10 MB of one name and ticker repeated
 *
 * and, for the list and the paragraphs, the same time split by stage (cleaning
 * to the tree, the Markdown writer, the HTML writer), each against the plain
 * article's same stage; and the peak resident set of one `clean()` of the list, in a process of its
 * own (a process's peak only grows, so it cannot be read after other work),
 * beside that of the plain article of the same size.
 *
 * `COPYDESK_BENCH_QUICK=1` scales every size down by ten.
 */
import { execFileSync } from 'node:child_process';
import type { Root, RootContent } from 'mdast';
import { fileURLToPath } from 'node:url';
import { clean, cleanTree, toHtml, toMarkdown } from '../src/pipeline.js';
import { markdownArticle } from './articles.js';
import { compare, type Row } from './measure.js';

const scale = process.env.COPYDESK_BENCH_QUICK ? 0.1 : 1;

interface WorstCase {
  name: string;
  make: () => string;
}

/** A sentence of wire copy naming one listed company and its ticker. */
const TICKER_SENTENCE = 'Tencent (00700.HK) shares rose 2% after the results. ';

const LIST: WorstCase = {
  name: `${Math.round(100_000 * scale).toLocaleString('en')} list items`,
  make: () => `# A long list\n\n${Array.from({ length: Math.round(100_000 * scale) }, (_, i) => `- item ${i}`).join('\n')}\n`,
};

const CASES: WorstCase[] = [
  LIST,
  {
    name: `${Math.round(100_000 * scale).toLocaleString('en')} short paragraphs`,
    make: () => `# Many paragraphs\n\n${Array.from({ length: Math.round(100_000 * scale) }, (_, i) => `Paragraph ${i} of the filing.`).join('\n\n')}\n`,
  },
  { name: `${Math.round(320 * scale)} KB of emphasis runs`, make: () => `# Emphasis\n\n${'**a**_b_'.repeat(Math.round(40_000 * scale))}\n` },
  { name: `${Math.round(60_000 * scale).toLocaleString('en')} × \`[a](\``, make: () => `# Brackets\n\n${'[a]('.repeat(Math.round(60_000 * scale))}\n` },
  {
    name: `${Math.round(10 * scale)} MB of one ticker repeated`,
    make: () => {
      const paragraph = TICKER_SENTENCE.repeat(20).trim();
      const count = Math.ceil((10_000_000 * scale) / (paragraph.length + 2));
      return `# Tencent shares\n\n${Array.from({ length: count }, () => paragraph).join('\n\n')}\n`;
    },
  },
];

export async function benchWorstCase(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of CASES) {
    const worst = c.make();
    const plain = markdownArticle(worst.length);
    const big = worst.length > 2_000_000;
    const t = await compare(
      { plain: () => clean(plain, { format: 'markdown' }), worst: () => clean(worst, { format: 'markdown' }) },
      { rounds: big ? 1 : 3, minTimeMs: 1, warmUpMs: big ? 0 : 100 },
    );
    rows.push({
      name: c.name,
      value: t.worst! / t.plain!,
      unit: '× plain',
      note: `${t.worst!.toFixed(0)} ms against ${t.plain!.toFixed(0)} ms for a plain article of ${(worst.length / 1024).toFixed(0)} KB; goal ≤ 3`,
    });
  }
  for (const c of CASES.slice(0, 2)) rows.push(...(await stages(c)));
  try {
    const peak = { worst: peakResidentSet('list'), plain: peakResidentSet('plain') };
    rows.push({
      name: `peak resident set, ${LIST.name}`,
      value: peak.worst,
      unit: 'MiB',
      note: `${peak.plain.toFixed(0)} MiB for the plain article of the same size, each one clean() in a process of its own`,
    });
  } catch (error) {
    // The timings above still stand; say why this one is missing.
    const why = String((error as { stderr?: string }).stderr ?? error).split('\n').find((line) => /Error/.test(line)) ?? 'failed';
    rows.push({ name: `peak resident set, ${LIST.name}`, value: Number.NaN, unit: 'MiB', note: `not measured: ${why.trim()}` });
  }
  rows.push({ name: 'resident set after worst cases', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' });
  return rows;
}

/**
 * The worst case's time by stage (cleanTree, toMarkdown, toHtml), each against the plain article's same stage,
 * and for the writers the time per text block (paragraph or heading: a list item holds one) beside the plain
 * article's, since the worst cases have far more, far shorter blocks than an article of their size.
 */
async function stages(c: WorstCase): Promise<Row[]> {
  const worst = c.make();
  const plain = markdownArticle(worst.length);
  const trees = { worst: (await cleanTree(worst, { format: 'markdown' })).tree, plain: (await cleanTree(plain, { format: 'markdown' })).tree };
  const t = await compare(
    {
      'clean worst': () => cleanTree(worst, { format: 'markdown' }),
      'clean plain': () => cleanTree(plain, { format: 'markdown' }),
      'markdown worst': () => toMarkdown(trees.worst),
      'markdown plain': () => toMarkdown(trees.plain),
      'html worst': () => toHtml(trees.worst),
      'html plain': () => toHtml(trees.plain),
    },
    // Medians of more rounds than the whole-clean rows: a writer's call is short, so one busy moment moves it.
    { rounds: 7, minTimeMs: 1, warmUpMs: 100 },
  );
  const blocks = { worst: textBlocks(trees.worst), plain: textBlocks(trees.plain) };
  return (['clean', 'markdown', 'html'] as const).map((stage) => {
    const worstMs = t[`${stage} worst`]!;
    const plainMs = t[`${stage} plain`]!;
    const perBlock =
      stage === 'clean'
        ? ''
        : `; ${((worstMs * 1000) / blocks.worst).toFixed(2)} µs per block (${blocks.worst.toLocaleString('en')}) against ${((plainMs * 1000) / blocks.plain).toFixed(2)} µs (${blocks.plain.toLocaleString('en')})`;
    return {
      name: `${c.name}: ${stage === 'clean' ? 'cleanTree' : stage === 'markdown' ? 'Markdown writer' : 'HTML writer'}`,
      value: worstMs / plainMs,
      unit: '× plain',
      note: `${worstMs.toFixed(0)} ms against ${plainMs.toFixed(0)} ms${perBlock}`,
    };
  });
}

/** Paragraphs and headings in the tree, at any depth. */
function textBlocks(tree: Root): number {
  let count = 0;
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'paragraph' || node.type === 'heading') count++;
    else if ('children' in node) for (const child of node.children as RootContent[]) stack.push(child);
  }
  return count;
}

/** Peak resident set (MiB) of a fresh process that cleans the list once, or the plain article of its size. */
function peakResidentSet(which: 'list' | 'plain'): number {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--peak', which], { env: process.env, encoding: 'utf8', maxBuffer: 1 << 20 });
  return Number(out.trim()) / 1024;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--peak') {
  const list = LIST.make();
  const input = process.argv[3] === 'list' ? list : markdownArticle(list.length);
  await clean(input, { format: 'markdown' });
  console.log(process.resourceUsage().maxRSS);
}
