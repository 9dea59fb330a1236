/**
 * Whole web pages in: copydesk's article text on the public article-extraction benchmark (181 real
 * news and blog pages, `../shared/benchmarks/article-extraction/`), scored by the benchmark's own
 * `score.mjs` beside the peers' published outputs; and the time per page of copydesk's whole-page
 * path against Readability on linkedom alone, page by page in the same run (interleaved, order
 * alternating), both from the page's bytes, so the figure is a ratio: goal ≤ 1.5. Wall clock and CPU
 * time are both reported, with the load average: on a shared machine the wall clock is noisy.
 *
 *   npm run bench -- extraction
 *
 * The article body scored is the text of copydesk's cleaned article: every block as a line, without
 * the headline (written as the title) and without pictures. `COPYDESK_BENCH_QUICK=1` times a third of
 * the pages (every page is still scored); `COPYDESK_BENCH_ROUNDS` sets the timed rounds (default 2).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Nodes, Root } from 'mdast';
import { cleanTree } from '../src/pipeline.js';
import { toText } from '../src/formats/text-writer.js';
import { median, type Row } from './measure.js';

const BENCHMARK = join(process.cwd(), '..', 'shared', 'benchmarks', 'article-extraction');

/** The cleaned article's text as the benchmark scores it: no headline, no pictures. */
export function articleBody(tree: Root): string {
  const withoutPictures = (node: Nodes): Nodes => {
    if ('children' in node) {
      const children = (node.children as Nodes[]).filter((c) => c.type !== 'image' && c.type !== 'imageReference').map(withoutPictures);
      return { ...node, children } as Nodes;
    }
    return node;
  };
  const blocks = tree.children.filter((n) => !(n.type === 'heading' && n.depth === 1));
  return toText(withoutPictures({ type: 'root', children: blocks }) as Root);
}

/** Readability on linkedom, from the page's bytes as copydesk gets them (so both decode the page). */
async function readabilityAlone(page: Buffer): Promise<number> {
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const { document } = parseHTML(utf8.decode(page)) as unknown as { document: unknown };
  const article = new Readability(document as never).parse();
  return article?.textContent?.length ?? 0;
}

const utf8 = new TextDecoder('utf-8');

async function copydeskPage(page: Buffer): Promise<string> {
  const { tree } = await cleanTree(page, { format: 'html', path: 'page.html' });
  return articleBody(tree);
}

export async function benchExtraction(): Promise<Row[]> {
  const htmlDir = join(BENCHMARK, 'html');
  if (!existsSync(htmlDir)) return [{ name: 'benchmark not found', value: 0, unit: '', note: htmlDir }];
  const pages = readdirSync(htmlDir)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => ({ id: f.replace(/\.html\.gz$/, ''), bytes: gunzipSync(readFileSync(join(htmlDir, f))) }));

  const output: Record<string, { articleBody: string }> = {};
  const failures: string[] = [];
  for (const page of pages) {
    try {
      output[page.id] = { articleBody: await copydeskPage(page.bytes) };
    } catch (error) {
      failures.push(`${page.id.slice(0, 12)}: ${(error as Error).message}`);
      output[page.id] = { articleBody: '' };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-extraction-'));
  const file = join(dir, 'copydesk.json');
  writeFileSync(file, JSON.stringify(output));
  const table = execFileSync(process.execPath, [join(BENCHMARK, 'score.mjs'), file, 'copydesk'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${table.trimEnd()}`);
  if (failures.length) console.log(`\nfailing pages:\n${failures.join('\n')}`);
  const ours = table.split('\n').find((line) => line.startsWith('copydesk'))?.match(/[\d.]+/g) ?? [];

  // Timing: each page through both, the order alternating, after a warm-up of both on a few pages; wall
  // clock and CPU time (the process's, all threads: the garbage collector's helpers too) side by side.
  const timed = pages.filter((_, i) => !process.env.COPYDESK_BENCH_QUICK || i % 3 === 0);
  const rounds = Number(process.env.COPYDESK_BENCH_ROUNDS ?? 2);
  for (const page of timed.slice(0, 5)) {
    await readabilityAlone(page.bytes);
    await copydeskPage(page.bytes);
  }
  const load = [loadavg()[0]!];
  let base = 0;
  let ourTime = 0;
  let baseCpu = 0;
  let ourCpu = 0;
  const ratios: number[] = [];
  const time = async (run: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  for (let round = 0; round < rounds; round++) {
    for (const [i, page] of timed.entries()) {
      const runBase = () => time(() => readabilityAlone(page.bytes));
      const runOurs = () => time(() => copydeskPage(page.bytes));
      let b: { wall: number; cpu: number };
      let o: { wall: number; cpu: number };
      if ((i + round) % 2) {
        b = await runBase();
        o = await runOurs();
      } else {
        o = await runOurs();
        b = await runBase();
      }
      base += b.wall;
      ourTime += o.wall;
      baseCpu += b.cpu;
      ourCpu += o.cpu;
      ratios.push(o.wall / b.wall);
    }
  }
  load.push(loadavg()[0]!);
  const runs = timed.length * rounds;
  return [
    { name: 'F1 (score.mjs)', value: Number(ours[0] ?? 0), unit: '', note: 'peers: rs-trafilatura 0.970, go-trafilatura 0.960, trafilatura 0.958, newspaper4k 0.949, Readability 0.947' },
    { name: 'precision', value: Number(ours[2] ?? 0), unit: '' },
    { name: 'recall', value: Number(ours[4] ?? 0), unit: '' },
    { name: 'pages failing', value: failures.length, unit: `of ${pages.length}` },
    { name: 'Readability+linkedom alone', value: base / runs, unit: 'ms/page', note: 'context only' },
    { name: 'copydesk whole-page path', value: ourTime / runs, unit: 'ms/page', note: 'context only' },
    { name: 'copydesk / Readability (total)', value: ourTime / base, unit: '×', note: `same run, ${timed.length} pages × ${rounds} rounds interleaved, both from the page's bytes; goal ≤ 1.5` },
    { name: 'copydesk / Readability (median page)', value: median(ratios), unit: '×' },
    { name: 'copydesk / Readability (CPU time, total)', value: ourCpu / baseCpu, unit: '×', note: `load average ${load.map((l) => l.toFixed(1)).join(' → ')} on ${cpus().length} cores` },
  ];
}
