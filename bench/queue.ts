/**
 * Review-queue figures for `npm run bench` (called by bench/run.ts): items
 * enqueued per second (an article held with its original, cleaned result
 * and messages) and items listed per second (pages of 50, filtered by
 * status), on SQLite and, when `initdb`/`pg_ctl` are installed, on a
 * throwaway PostgreSQL server. Each is set against in-process cleaning of
 * the same article in the same run: what holding an article costs beside
 * cleaning it. The hook's throughput with `hold` on against off is in the
 * HTTP service section (bench/server.ts). `COPYDESK_BENCH_QUICK=1`: fewer items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanArticle } from '../src/hook.js';
import type { NewItem, QueueStore } from '../src/queue/types.js';
import { LazyDatabase } from '../src/server/database.js';
import { SqliteQueueStore } from '../src/queue/sqlite.js';
import type { Row } from './measure.js';
import { findPostgres, startPostgres } from './postgres.js';
import { benchArticle } from './server.js';

const quick = process.env.COPYDESK_BENCH_QUICK === '1';
const ITEMS = quick ? 300 : 2000;
const LISTS = quick ? 50 : 300;

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

async function measureStore(store: QueueStore, item: NewItem): Promise<{ enqueue: number; list: number }> {
  let start = performance.now();
  for (let i = 0; i < ITEMS; i++) await store.create({ ...item, source: `wire-${i % 7}` }, 'cms');
  const enqueue = (ITEMS * 1000) / (performance.now() - start);
  start = performance.now();
  let listed = 0;
  for (let i = 0; i < LISTS; i++) {
    const page = await store.list({ status: 'pending', limit: 50, offset: (i * 50) % Math.max(1, ITEMS - 50) });
    listed += page.items.length;
  }
  return { enqueue, list: (listed * 1000) / (performance.now() - start) };
}

/** A throwaway server with fsync on (as a real one runs), removed after. */
async function withPostgres<T>(bin: string, work: (url: string) => Promise<T>): Promise<T> {
  const server = await startPostgres(bin, { fsync: true });
  try {
    return await work(server.url);
  } finally {
    server.stop();
  }
}

export async function benchQueue(): Promise<Row[]> {
  const content = benchArticle(5000, 1);
  const input = { content, format: 'markdown' as const, title: 'Lanternfish sells wind unit 1' };
  const result = await cleanArticle(input);
  const item: NewItem = { cms: { kind: 'callback' }, input, result, verdict: 'review', policy: { clean: {}, block: [] } };

  // The reference: cleaning the same article in process, measured now.
  const cleans = quick ? 20 : 80;
  const start = performance.now();
  for (let i = 0; i < cleans; i++) await cleanArticle(input);
  const cleanRate = (cleans * 1000) / (performance.now() - start);

  const rows: Row[] = [{ name: 'in-process cleanArticle(), 5 KB article (reference)', value: round(cleanRate), unit: 'articles/s' }];
  const add = (store: string, figures: { enqueue: number; list: number }) =>
    rows.push(
      { name: `${store}: items enqueued`, value: round(figures.enqueue), unit: 'items/s', note: `${ITEMS} items, one at a time${store === 'PostgreSQL' ? ', fsync on' : ''}` },
      { name: `${store}: enqueue / clean rate`, value: round(figures.enqueue / cleanRate, 1), unit: '×', note: 'articles held per article cleaned in the same time (above 1: holding costs less than cleaning)' },
      { name: `${store}: items listed (pages of 50, by status)`, value: round(figures.list), unit: 'items/s' },
    );

  const dir = mkdtempSync(join(tmpdir(), 'copydesk-bench-queue-'));
  const database = new LazyDatabase(join(dir, 'queue.db'));
  try {
    add('SQLite', await measureStore(new SqliteQueueStore(database.get()), item));
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const bin = findPostgres();
  if (!bin) rows.push({ name: 'PostgreSQL', value: 0, unit: '', note: 'not installed (initdb/pg_ctl): skipped' });
  else {
    await withPostgres(bin, async (url) => {
      const { PostgresQueueStore } = await import('../src/queue/postgres.js');
      const store = await PostgresQueueStore.connect(url);
      try {
        add('PostgreSQL', await measureStore(store, item));
      } finally {
        await store.close();
      }
    });
  }
  return rows;
}
