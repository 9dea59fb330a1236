/**
 * The entity knowledge base and user dictionaries, as ratios measured in one
 * run (the machine is shared; absolute times are context):
 *
 * - matching cost of the full knowledge base against a 100-entry one, per 5 KB
 *   article, for the matcher alone (goal ≤ 1.25×) and for clean() (goal ≤ 1.15×);
 * - clean() on entity-rich articles against the floor F (goal ≤ 1.5×);
 * - a 50,000-entry user dictionary, YAML and JSON: load, validate, compile (goal < 1 s);
 * - textlint + textlint-rule-prh in fix mode against copydesk, same 1,000-entry
 *   dictionary, same articles, two ways: like for like (the goal: ≥ 10×, aim
 *   20×), copydesk doing prh's job, the dictionary applied to Markdown with
 *   Markdown out (`cleanLazily` with only fix-entities, its knowledge base
 *   included, reading only the Markdown); and for reference clean() with every
 *   plugin on and both outputs, which does much more than prh;
 * - for reference, a per-name indexOf loop against one automaton pass;
 * - loading the shipped knowledge base (read, parse, index; then its
 *   precompiled matcher; goal < 150 ms, in this process and in a fresh one)
 *   and the sizes of both files.
 *
 * Times are CPU time (see `compare` below); the dictionary load also gives wall time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { digestOf } from '../src/entities/checksum.js';
import { compiledPathFor, readCompiledMatcher } from '../src/entities/compiled.js';
import { loadDictionary } from '../src/entities/dictionary.js';
import { bundledKnowledgeBase, bundledPath, KnowledgeBase, type KbData } from '../src/entities/kb.js';
import { findTickers } from '../src/entities/tickers.js';
import { Matcher } from '../src/entities/matcher.js';
import { clean, cleanLazily, type CleanOptions } from '../src/pipeline.js';
import { corpusMarkdown, markdownArticle } from './articles.js';
import { floor } from './core.js';
import { median, type Row } from './measure.js';

/**
 * CPU time per call, in ms, of each task, interleaved round after round; the
 * fastest round counts. CPU time rather than wall time, and the fastest round
 * rather than the median: on a shared machine a wall clock also counts the
 * time other processes held the cores, and their bursts slow whole rounds.
 */
async function compare(tasks: Record<string, () => unknown>, options: { rounds?: number; minTimeMs?: number } = {}): Promise<Record<string, number>> {
  const names = Object.keys(tasks);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) await tasks[name]!(); // warm up
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let r = 0; r < (options.rounds ?? 15); r++) {
    for (const name of names) {
      let calls = 0;
      const start = cpu();
      do {
        await tasks[name]!();
        calls++;
      } while (cpu() - start < (options.minTimeMs ?? 40));
      samples[name]!.push((cpu() - start) / calls);
    }
  }
  return Object.fromEntries(names.map((n) => [n, Math.min(...samples[n]!)]));
}

function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const NAMED = [
  'Microsoft Corporation (MSFT.US) said cloud revenue rose {n}% in the quarter.',
  'XIAOMI-W (01810) delivered {n},000 cars last month, the company said.',
  'Chief executive Huang Renxun said orders would stay strong for {n} months.',
  'Shares of Tencent (00700) rose {n}% while Alibaba (09988) (BABA.US) was flat.',
  'The new shares closed {n}% above the IPO price in the dark market session.',
  'Analysts at a Hong Kong brokerage lifted their target price by {n}%.',
  'Amazon.com, Inc. (AMZN.US) plans to spend {n} billion dollars on data centres.',
  'BIDU-SW (09888) said its robotaxi fleet grew by {n}% in the quarter.',
  'Revenue from overseas markets grew {n}% from a year earlier, the filing showed.',
  'Ningde Times said battery shipments rose {n}% year on year.',
  'Southbound investors bought a net HK${n} billion of Hong Kong shares on Monday.',
  'The lender said its net interest margin narrowed by {n} basis points.',
];

/** A Markdown article of about `bytes` bytes whose paragraphs name companies, people and tickers. */
export function entityArticle(bytes: number, seed = 1): string {
  const next = sequence(seed);
  const parts = ['# Harbour Group (01234) and its peers report a busy quarter', ''];
  let size = parts.join('\n').length;
  while (size < bytes) {
    const paragraph = Array.from({ length: 3 }, () => NAMED[Math.floor(next() * NAMED.length)]!.replace('{n}', String(2 + Math.floor(next() * 90)))).join(' ');
    parts.push(paragraph, '');
    size += paragraph.length + 2;
  }
  return parts.join('\n');
}

/**
 * A knowledge base of `n` records holding every name, entry and ticker holder
 * the articles use, topped up with curated companies: the same messages as
 * the full one, so the comparison isolates the cost of size.
 */
function smallKnowledgeBase(kb: KnowledgeBase, n: number, articles: string[]): KnowledgeBase {
  const matcher = new Matcher(kb);
  const entities = new Set<number>();
  const entries = new Set<number>();
  for (const a of articles) {
    for (const c of matcher.find(a)) {
      if (c.target.kind === 'name') entities.add(c.target.entity);
      else entries.add(c.target.entry.index);
    }
    // A ticker's holder is knowledge the article uses too: "(01234)" names a company.
    for (const t of findTickers(a)) for (const key of t.keys) for (const e of kb.holders(key)) entities.add(e);
  }
  for (let i = 0; entities.size + entries.size < n && i < kb.entities.length; i++) if (kb.entities[i]!.curated) entities.add(i);
  return new KnowledgeBase({ version: 1, entities: [...entities].sort((a, b) => a - b).map((i) => kb.entities[i]!), entries: [...entries].map((i) => kb.entries[i]!) });
}

/** Whether clean() says the same things with either knowledge base (otherwise the ratio compares different work). */
async function sameMessages(articles: string[], small: KnowledgeBase): Promise<boolean> {
  const said = (r: Awaited<ReturnType<typeof clean>>) => r.messages.map((m) => `${m.ruleId} ${m.actual ?? ''} ${m.expected ?? ''}`).join('\n');
  for (const a of articles) {
    const full = await clean(a, { format: 'markdown' });
    const hundred = await clean(a, { format: 'markdown', fixEntities: { kb: small }, flagEntities: { kb: small } });
    if (said(full) !== said(hundred)) return false;
  }
  return true;
}

/** A dictionary of `n` entries, in prh's YAML format (which copydesk reads too). */
function dictionaryYaml(n: number, hits: string[] = []): string {
  let text = 'version: 1\nrules:\n';
  hits.forEach((h, i) => (text += `  - expected: House Name ${i}\n    pattern: ${h}\n`));
  for (let i = hits.length; i < n; i++) text += `  - expected: Harbour Holdings ${i}\n    pattern: Harbor Hldgs ${i}\n`;
  return text;
}

function dictionaryJson(n: number): string {
  return JSON.stringify({ rules: Array.from({ length: n }, (_, i) => ({ expected: `Harbour Holdings ${i}`, patterns: [`Harbor Hldgs ${i}`, `Harbour Hldg ${i}`], mode: 'fix' })) });
}

/** Fastest of `rounds` runs of `task`: CPU time (what the load costs, whatever else holds the cores) and wall time, in ms. */
function fastest(rounds: number, task: () => unknown): { cpu: number; wall: number } {
  let cpu = Infinity;
  let wall = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    task();
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { cpu, wall };
}

/**
 * What a fresh process pays (a CLI run, a batch worker): from the first
 * import of the entity modules to the bundled matcher ready, median of five
 * processes, CPU and wall time.
 */
function coldLoad(): { cpu: number; wall: number; precompiled: boolean } {
  const setup = new URL('../src/entities/setup.js', import.meta.url).href;
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now(); const { matcherFor } = await import(${JSON.stringify(setup)}); const m = matcherFor(); const c = process.cpuUsage(c0); console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, precompiled: m.precompiled }));`;
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { cpu: number; wall: number; precompiled: boolean });
  return { cpu: median(runs.map((r) => r.cpu)), wall: median(runs.map((r) => r.wall)), precompiled: runs.every((r) => r.precompiled) };
}

const sizeOf = (file: string) => `${(statSync(file).size / 2 ** 20).toFixed(2)} MiB (gzip ${(gzipSync(readFileSync(file)).length / 2 ** 20).toFixed(2)})`;

/** The shipped knowledge base: read, parse and index it, then load its precompiled matcher or build one (CPU time, fastest of five; wall time beside). */
function loadTimes(): Row[] {
  const path = bundledPath();
  const compiledFile = compiledPathFor(path);
  let kb: KnowledgeBase | undefined;
  let digest = '';
  const read = fastest(5, () => {
    const bytes = readFileSync(path);
    digest = digestOf(bytes);
    kb = new KnowledgeBase(JSON.parse(bytes.toString('utf8')) as KbData);
  });
  let patterns = 0;
  const load = fastest(5, () => (patterns = new Matcher(kb!, [], readCompiledMatcher(compiledFile, digest)).size));
  const build = fastest(3, () => new Matcher(kb!));
  const cold = coldLoad();
  const busy = `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
  return [
    { name: 'knowledge base: read + parse + index (CPU)', value: read.cpu, unit: 'ms', note: `wall ${read.wall.toFixed(0)} ms; data/kb.json ${sizeOf(path)}, ${kb!.entities.length} entities, ${kb!.entries.length} entries` },
    { name: 'precompiled matcher: read + check + load (CPU)', value: load.cpu, unit: 'ms', note: `wall ${load.wall.toFixed(0)} ms; data/kb.matcher.bin ${sizeOf(compiledFile)}, ${patterns} patterns` },
    { name: 'knowledge base: load + matcher (CPU)', value: read.cpu + load.cpu, unit: 'ms', note: `goal < 150; wall ${(read.wall + load.wall).toFixed(0)} ms, ${busy}` },
    { name: 'the same in a fresh process, from import (CPU)', value: cold.cpu, unit: 'ms', note: `wall ${cold.wall.toFixed(0)} ms; median of 5 processes${cold.precompiled ? '' : '; PRECOMPILED MATCHER NOT USED'}` },
    { name: 'matcher built at runtime instead (CPU)', value: build.cpu, unit: 'ms', note: 'what a stale or missing kb.matcher.bin costs' },
  ];
}

export async function benchEntities(): Promise<Array<{ name: string; value: number; unit: string; note?: string }>> {
  const rows: Row[] = loadTimes();
  const kb = bundledKnowledgeBase();
  const articles = Array.from({ length: 6 }, (_, i) => entityArticle(5_000, i + 1));
  const small = smallKnowledgeBase(kb, 100, articles);
  const paragraphs = articles.map((a) => a.split('\n\n'));

  // Matching alone: one automaton pass per paragraph.
  const full = new Matcher(kb);
  const hundred = new Matcher(small);
  const scan = (m: Matcher) => () => {
    for (const ps of paragraphs) for (const p of ps) m.find(p);
  };
  const tm = await compare({ full: scan(full), small: scan(hundred) });
  rows.push(
    { name: 'match, full KB, per 5 KB article', value: (tm.full! * 1000) / articles.length, unit: 'µs', note: `${full.size} patterns` },
    { name: 'match, 100-entry KB, per 5 KB article', value: (tm.small! * 1000) / articles.length, unit: 'µs', note: `${hundred.size} patterns, every name the articles use` },
    { name: 'match: full KB / 100-entry KB', value: tm.full! / tm.small!, unit: '×', note: 'goal ≤ 1.25' },
  );

  // The same through clean(), every plugin on.
  const tc = await compare({
    full: async () => { for (const a of articles) await clean(a, { format: 'markdown' }); },
    small: async () => { for (const a of articles) await clean(a, { format: 'markdown', fixEntities: { kb: small }, flagEntities: { kb: small } }); },
    floor: async () => { for (const a of articles) await floor(a); },
  });
  rows.push(
    { name: 'clean(), full KB, per 5 KB article', value: tc.full! / articles.length, unit: 'ms' },
    { name: 'clean(): full KB / 100-entry KB', value: tc.full! / tc.small!, unit: '×', note: `goal ≤ 1.15; ${small.entities.length + small.entries.length} records${(await sameMessages(articles, small)) ? ', same messages' : ', MESSAGES DIFFER'}` },
    { name: 'clean() / floor F (name-dense 5 KB)', value: tc.full! / tc.floor!, unit: '×', note: 'worst case: ~40 fixes per article' },
  );

  // The articles of the shared corpus, where names are as dense as in real copy.
  const corpus = corpusMarkdown();
  if (corpus.length) {
    const tr = await compare({
      clean: async () => { for (const doc of corpus) await clean(doc, { format: 'markdown' }); },
      withoutEntities: async () => { for (const doc of corpus) await clean(doc, { format: 'markdown', fixEntities: false, flagEntities: false }); },
      floor: async () => { for (const doc of corpus) await floor(doc); },
    });
    rows.push(
      { name: `dev corpus (${corpus.length} .md) clean() / F`, value: tr.clean! / tr.floor!, unit: '×', note: 'goal ≤ 1.5' },
      { name: 'dev corpus: entity plugins / F', value: (tr.clean! - tr.withoutEntities!) / tr.floor!, unit: '×', note: 'their share of the budget' },
    );
  }

  // textlint + prh side by side, then a 50,000-entry user dictionary: read, validate, compile.
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-bench-'));
  try {
    // Side by side with textlint + textlint-rule-prh, fix mode, the same 1,000-entry dictionary and articles.
    const path = join(dir, 'prh.yml');
    writeFileSync(path, dictionaryYaml(1_000, ['Huang Renxun', 'Ningde Times', 'dark market']));
    const textlint = await textlintFixer(path);
    if (!textlint) rows.push({ name: 'textlint + prh', value: 0, unit: '', note: 'textlint is not installed: comparison skipped' });
    else {
      // Not interleaved: textlint's garbage would be collected, and charged, during copydesk's turns.
      const sets: Array<[string, string[]]> = [
        ['wire copy', Array.from({ length: 6 }, (_, i) => markdownArticle(5_000, i + 1))],
        ['name-dense', articles],
      ];
      // Like for like: prh's job, the dictionary applied to Markdown, Markdown out (the knowledge base still on).
      const prhJob: CleanOptions = { format: 'markdown', dictionaries: [path], articleStructure: false, stripBoilerplate: false, dedupeLead: false, flagEntities: false };
      const tasks: Record<string, () => Promise<void>> = {};
      for (const [label, docs] of sets) {
        tasks[`${label} like`] = async () => { for (const a of docs) (await cleanLazily(a, prhJob)).markdown(); };
        tasks[`${label} all`] = async () => { for (const a of docs) await clean(a, { format: 'markdown', dictionaries: [path] }); };
      }
      // copydesk first, for every set: textlint leaves garbage that the next measurement would pay for.
      const ours = await compare(tasks);
      const theirs = await compare(Object.fromEntries(sets.map(([label, docs]) => [label, async () => { for (const a of docs) await textlint(a); }])), { rounds: 7 });
      for (const [label, docs] of sets) {
        const like = ours[`${label} like`]!;
        const all = ours[`${label} all`]!;
        rows.push(
          { name: `${label}: textlint + prh fix, per 5 KB article`, value: theirs[label]! / docs.length, unit: 'ms', note: '1,000-entry dictionary, Markdown in and out' },
          { name: `${label}: copydesk, fix-entities only, Markdown out`, value: like / docs.length, unit: 'ms', note: 'same dictionary, plus the knowledge base' },
          { name: `${label}: textlint + prh / copydesk (like for like)`, value: theirs[label]! / like, unit: '×', note: 'goal ≥ 10 (aim 20)' },
          { name: `${label}: copydesk clean(), same dictionary`, value: all / docs.length, unit: 'ms', note: 'every plugin on, Markdown and HTML' },
          { name: `${label}: textlint + prh / copydesk clean()`, value: theirs[label]! / all, unit: '×', note: 'for reference: clean() does far more than prh' },
        );
      }
    }

    // Last: the big dictionaries leave a large heap behind them.
    for (const [format, text] of [['YAML', dictionaryYaml(50_000)], ['JSON', dictionaryJson(50_000)]] as const) {
      const path = join(dir, `big.${format.toLowerCase()}`);
      writeFileSync(path, text);
      const wall: number[] = [];
      const cpuTimes: number[] = [];
      let matcher: Matcher | undefined;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        matcher = new Matcher(kb, loadDictionary(path));
        const c = process.cpuUsage(c0);
        wall.push(performance.now() - t0);
        cpuTimes.push((c.user + c.system) / 1000);
      }
      rows.push({ name: `50,000-entry ${format} dictionary: load + compile`, value: median(wall), unit: 'ms', note: `goal < 1000; CPU ${median(cpuTimes).toFixed(0)} ms; ${(text.length / 2 ** 20).toFixed(1)} MiB, ${matcher!.size} patterns` });
      if (format === 'YAML') {
        const tu = await compare({ withDictionary: scan(matcher!), kbOnly: scan(full) });
        rows.push({ name: 'match: KB + 50,000 entries / KB alone', value: tu.withDictionary! / tu.kbOnly!, unit: '×' });
      }
    }

  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // For reference: a per-name indexOf loop, the naive alternative to one automaton pass.
  const names = kb.entities.slice(0, 10_000).map((e) => e.name);
  let sink = 0;
  const tn = await compare({
    indexOf: () => { for (const a of articles) for (const n of names) sink += a.indexOf(n); },
    automaton: scan(full),
  }, { rounds: 5 });
  if (sink === 0.5) console.log(sink); // keeps the loop from being optimised away
  rows.push({ name: 'indexOf loop (10,000 names) / automaton (full KB)', value: tn.indexOf! / tn.automaton!, unit: '×' });
  return rows;
}


/** textlint's kernel with the Markdown plugin and prh, or undefined when they are not installed. */
async function textlintFixer(dictionary: string): Promise<((text: string) => Promise<unknown>) | undefined> {
  try {
    const { TextlintKernel } = await import('@textlint/kernel' as string);
    const markdown = await import('@textlint/textlint-plugin-markdown' as string);
    const prh = await import('textlint-rule-prh' as string);
    // CommonJS modules compiled from ES modules arrive as { default: { default: … } }.
    const unwrap = (m: { default?: { default?: unknown } }) => m.default?.default ?? m.default ?? m;
    const kernel = new TextlintKernel();
    const options = {
      ext: '.md',
      filePath: join(tmpdir(), 'article.md'),
      plugins: [{ pluginId: 'markdown', plugin: unwrap(markdown) }],
      rules: [{ ruleId: 'prh', rule: unwrap(prh), options: { rulePaths: [dictionary] } }],
    };
    return (text: string) => kernel.fixText(text, options);
  } catch {
    return undefined;
  }
}
