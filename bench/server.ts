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
 * `COPYDESK_BENCH_QUICK=1` shortens every phase.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { clean } from '../src/pipeline.js';
import { createServer } from '../src/server/app.js';

export interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

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

async function inProcessRate(articles: string[], ms: number): Promise<number> {
  for (const a of articles.slice(0, 20)) await clean(a, { format: 'markdown' }); // warm up
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await clean(articles[done % articles.length]!, { format: 'markdown' });
    done++;
  }
  return (done * 1000) / (performance.now() - start);
}

async function load(threads: number, bodies: string[], seconds: number): Promise<AutocannonResult> {
  const server = await createServer({ port: 0, token: TOKEN, threads, logLevel: false, concurrency: 64 });
  try {
    const url = await server.listen();
    for (let i = 0; i < 200 && (await fetch(`${url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    let next = 0;
    const options = {
      url: `${url}/v1/clean`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      connections: CONNECTIONS,
      requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    };
    await autocannon({ ...options, duration: 1 }); // warm up JIT in the workers
    return await autocannon({ ...options, duration: seconds });
  } finally {
    await server.close();
  }
}

export async function benchServer(): Promise<Row[]> {
  const articles = Array.from({ length: 64 }, (_, i) => benchArticle(5 * 1024, i + 1));
  const bodies = articles.map((content, i) => JSON.stringify({ content, format: 'markdown', title: `Lanternfish sells wind unit ${i}` }));
  const seconds = quick ? 3 : 10;

  const baseline = await inProcessRate(articles, quick ? 2000 : 5000);
  const pooled = await load(Math.max(1, availableParallelism()), bodies, seconds);
  const inline = await load(0, bodies, quick ? 2 : 5);
  const baselineAfter = await inProcessRate(articles, quick ? 1000 : 3000);
  const inProcess = (baseline + baselineAfter) / 2;

  const failed = (r: AutocannonResult) => r.non2xx + r.errors + r.timeouts;
  const threads = Math.max(1, availableParallelism());
  return [
    { name: 'in-process clean(), 5 KB', value: round(inProcess), unit: 'articles/s', note: 'one thread, sequential; mean of a run before and after the load tests' },
    { name: `server (${threads} worker threads), c=${CONNECTIONS}`, value: round(pooled.requests.average), unit: 'req/s', note: `${pooled.requests.total} requests, ${failed(pooled)} not 2xx` },
    { name: 'server p50 latency', value: pooled.latency.p50, unit: 'ms' },
    { name: 'server p99 latency', value: pooled.latency.p99, unit: 'ms' },
    { name: 'server / in-process throughput', value: round(pooled.requests.average / inProcess, 2), unit: '×', note: 'goal ≥ 0.8' },
    { name: `server cleaning on the main thread, c=${CONNECTIONS}`, value: round(inline.requests.average), unit: 'req/s', note: `threads: 0; p50 ${inline.latency.p50} ms, p99 ${inline.latency.p99} ms` },
    { name: 'main-thread server / in-process throughput', value: round(inline.requests.average / inProcess, 2), unit: '×' },
  ];
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
