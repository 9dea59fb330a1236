/** Timing helpers: interleaved rounds and medians, so a noisy shared machine affects both sides alike. */

export interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string | undefined;
}

/**
 * Median time per call, in ms, of each task; tasks run interleaved, round
 * after round, after each has run for `warmUpMs` (one call is not enough: the
 * optimizing compiler is still at work for hundreds of calls, and the first
 * figure of a run came out 0.2–0.3 too high).
 */
export async function compare(tasks: Record<string, () => unknown>, options: { rounds?: number; minTimeMs?: number; warmUpMs?: number } = {}): Promise<Record<string, number>> {
  const names = Object.keys(tasks);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) {
    const start = performance.now();
    do await tasks[name]!();
    while (performance.now() - start < (options.warmUpMs ?? 300));
  }
  const rounds = options.rounds ?? 15;
  const minTime = options.minTimeMs ?? 40;
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      let calls = 0;
      const start = performance.now();
      do {
        await tasks[name]!();
        calls++;
      } while (performance.now() - start < minTime);
      samples[name]!.push((performance.now() - start) / calls);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  for (const r of rows) {
    const value = Math.abs(r.value) >= 100 ? r.value.toFixed(0) : r.value.toFixed(r.value >= 10 ? 1 : 3);
    console.log(`${r.name.padEnd(width)}  ${value.padStart(10)} ${r.unit}${r.note ? `   ${r.note}` : ''}`);
  }
}
