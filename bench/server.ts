/**
 * HTTP service figures for `npm run bench` (called by bench/run.ts): a
 * loopback load test with autocannon, 16 connections, 5 KB Markdown
 * articles with the defects copydesk removes, against
 *
 * - the server as shipped (a worker pool, one thread per core), and
 * - the server cleaning on its main thread (`threads: 0`), to show what
 *   the pool buys;
 *
 * with throughput set against in-process `clean()` of the same articles,
 * measured in the same run (the goal: server ≥ 0.8× in-process).
 * The three run interleaved, round after round (medians reported), as the
 * machine is shared. `COPYDESK_BENCH_QUICK=1`: 2 short rounds instead of 5.
 *
 * Beside them, the same articles sent with `hold: true` (and a rule raised to
 * a warning, so every one is held): what putting each in the review queue's
 * SQLite database costs, as a ratio to plain cleaning on the same server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clean } from '../src/pipeline.js';
import { createServer } from '../src/server/app.js';
import type { Row } from './measure.js';


interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const quick = process.env.COPYDESK_BENCH_QUICK === '1';
const CONNECTIONS = 16;
const TOKEN = 'bench-token';

/** A 5 KB wire story: a summary restated by the lede, body paragraphs, a related block. */
export function benchArticle(bytes: number, seed: number): string {
  const parts = [
    `Lanternfish Energy will sell its offshore wind unit ${seed} to a pension consortium, the company said.`,
    `According to a stock exchange filing, Lanternfish Energy (LFE.US) agreed on Friday to sell its offshore wind unit ${seed} to a consortium of pension funds for $${(seed % 7) + 1}.2 billion, the company said.`,
  ];
  let i = seed;
  while (parts.join('\n\n').length < bytes - 150) {
    i++;
    parts.push(
      `Project ${i} in the North Sea produced ${(i * 53) % 700} gigawatt hours last year, up ${(i * 3) % 19}% from the year before. ` +
        `Analysts at Copperline Research said the price valued the unit at about ${(i % 9) + 8} times earnings, in line with recent deals.`,
    );
  }
  parts.push('Related News', `Lanternfish shares touch a ${seed % 12}-month high`, 'Wind auction draws record bids');
  return parts.join('\n\n');
}

/** CPU time of the whole process (every thread), ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function inProcessRate(articles: string[], ms: number): Promise<{ rate: number; cpuPerArticle: number }> {
  let done = 0;
  const cpu = cpuMs();
  const start = performance.now();
  while (performance.now() - start < ms) {
    await clean(articles[done % articles.length]!, { format: 'markdown' });
    done++;
  }
  return { rate: (done * 1000) / (performance.now() - start), cpuPerArticle: (cpuMs() - cpu) / done };
}

async function startServer(threads: number, database = ':memory:') {
  const queue = { callbackUrl: undefined };
  const server = await createServer({ port: 0, token: TOKEN, threads, logLevel: false, concurrency: 64, database, queue });
  const url = await server.listen();
  for (let i = 0; i < 400 && (await fetch(`${url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
  return { server, url };
}

async function load(url: string, bodies: string[], seconds: number): Promise<AutocannonResult & { cpuPerRequest: number }> {
  let next = 0;
  const cpu = cpuMs();
  const result = await autocannon({
    url: `${url}/v1/clean`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  return { ...result, cpuPerRequest: (cpuMs() - cpu) / Math.max(1, result.requests.total) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * The machine is shared and noisy, so the three set-ups run interleaved,
 * round after round, and each figure is the median over the rounds.
 */
export async function benchServer(): Promise<Row[]> {
  const articles = Array.from({ length: 64 }, (_, i) => benchArticle(5 * 1024, i + 1));
  const bodies = articles.map((content, i) => JSON.stringify({ content, format: 'markdown', title: `Lanternfish sells wind unit ${i}` }));
  const rounds = quick ? 2 : 5;
  const seconds = quick ? 2 : 4;
  const threads = Math.max(1, availableParallelism());

  const held = articles.map((content, i) =>
    JSON.stringify({ content, format: 'markdown', title: `Lanternfish sells wind unit ${i}`, hold: true, options: { rules: { 'related-block': 'warning' } } }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-bench-'));
  const pooled = await startServer(threads, join(dir, 'queue.db'));
  const inline = await startServer(0);
  type Load = AutocannonResult & { cpuPerRequest: number };
  const samples = { inProcess: [] as { rate: number; cpuPerArticle: number }[], pooled: [] as Load[], inline: [] as Load[], held: [] as Load[] };
  try {
    // Warm up: JIT in the main thread and in every worker. Measured: a cold server starts at a
    // third of its speed and takes some 10 s of load to reach it.
    await inProcessRate(articles, 2000);
    await load(pooled.url, bodies, quick ? 4 : 12);
    await load(inline.url, bodies, quick ? 2 : 6);
    for (let r = 0; r < rounds; r++) {
      samples.inProcess.push(await inProcessRate(articles, seconds * 1000));
      samples.pooled.push(await load(pooled.url, bodies, seconds));
      samples.inline.push(await load(inline.url, bodies, seconds));
      samples.held.push(await load(pooled.url, held, seconds));
    }
  } finally {
    await Promise.all([pooled.server.close(), inline.server.close()]);
    rmSync(dir, { recursive: true, force: true });
  }

  const inProcess = median(samples.inProcess.map((x) => x.rate));
  const cpuArticle = median(samples.inProcess.map((x) => x.cpuPerArticle));
  const cpuRequest = (xs: Load[]) => median(xs.map((x) => x.cpuPerRequest));
  const rps = (xs: AutocannonResult[]) => median(xs.map((x) => x.requests.average));
  const p = (xs: AutocannonResult[], key: 'p50' | 'p99') => median(xs.map((x) => x.latency[key]));
  const failed = (xs: AutocannonResult[]) => xs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  const total = (xs: AutocannonResult[]) => xs.reduce((n, r) => n + r.requests.total, 0);
  const spread = (xs: number[]) => `${round(Math.min(...xs))}–${round(Math.max(...xs))}`;
  return [
    { name: 'in-process clean(), 5 KB', value: round(inProcess), unit: 'articles/s', note: `one thread, sequential; rounds ${spread(samples.inProcess.map((x) => x.rate))}` },
    {
      name: `server, ${threads} worker threads, c=${CONNECTIONS}`,
      value: round(rps(samples.pooled)),
      unit: 'req/s',
      note: `${total(samples.pooled)} requests, ${failed(samples.pooled)} not 2xx; rounds ${spread(samples.pooled.map((x) => x.requests.average))}`,
    },
    { name: 'server p50 latency', value: p(samples.pooled, 'p50'), unit: 'ms' },
    { name: 'server p99 latency', value: p(samples.pooled, 'p99'), unit: 'ms' },
    { name: 'server / in-process throughput', value: round(rps(samples.pooled) / inProcess, 2), unit: '×', note: 'goal ≥ 0.8' },
    {
      name: `server cleaning on its main thread, c=${CONNECTIONS}`,
      value: round(rps(samples.inline)),
      unit: 'req/s',
      note: `threads: 0; p50 ${p(samples.inline, 'p50')} ms, p99 ${p(samples.inline, 'p99')} ms; ${failed(samples.inline)} not 2xx`,
    },
    { name: 'main-thread server / in-process throughput', value: round(rps(samples.inline) / inProcess, 2), unit: '×' },
    {
      name: `server, every article held in the review queue (SQLite), c=${CONNECTIONS}`,
      value: round(rps(samples.held)),
      unit: 'req/s',
      note: `p50 ${p(samples.held, 'p50')} ms, p99 ${p(samples.held, 'p99')} ms; ${failed(samples.held)} not 2xx (202 counts as 2xx)`,
    },
    { name: 'held / plain throughput, same server', value: round(rps(samples.held) / rps(samples.pooled), 2), unit: '×', note: 'the cost of writing each article, result and messages to the queue' },
    // Throughput on a shared machine depends on how much CPU the other jobs leave; CPU per article does not.
    { name: 'in-process CPU per article', value: round(cpuArticle, 2), unit: 'ms' },
    { name: 'server CPU per request', value: round(cpuRequest(samples.pooled), 2), unit: 'ms', note: 'all threads, the load generator included' },
    { name: 'in-process / server CPU per article', value: round(cpuArticle / cpuRequest(samples.pooled), 2), unit: '×', note: 'CPU efficiency of the HTTP path: HTTP, JSON, thread hand-off and the load generator cost the difference' },
  ];
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
