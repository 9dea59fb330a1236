/**
 * The names benchmark: fixtures/names/*.tsv, one sentence per row with the
 * sentence an editor would publish and the kind of name it tests (people,
 * nicknames, literal and pinyin company names, names beside tickers, legal
 * names, HK short names, products, jargon) and traps (right names and plain
 * words, `trap-*`, which must come out unchanged). Prints recall by kind;
 * every trap must hold and every kind must reach its floor in
 * fixtures/names/floors.json (raise a floor when the rules get better).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentenceCleaner } from './helpers/sentences.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'names');
interface Row {
  file: string;
  line: number;
  kind: string;
  from: string;
  to: string;
}
const rows: Row[] = readdirSync(dir)
  .filter((f) => f.endsWith('.tsv'))
  .sort()
  .flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter(({ text }) => text.trim() && !text.startsWith('#'))
      .map(({ text, line }) => {
        const [kind = '', from = '', to = ''] = text.split('\t');
        return { file, line, kind, from, to };
      }),
  );
const floors = JSON.parse(readFileSync(join(dir, 'floors.json'), 'utf8')) as Record<string, number>;

describe('names benchmark', async () => {
  const { clean, print } = await sentenceCleaner();
  const results = await Promise.all(rows.map(async (row) => ({ row, got: await clean(row.from) })));
  const failed = (r: (typeof results)[number]) => r.got !== print(r.row.to);

  it('has at least 400 rows, each a from and a to', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    for (const r of rows) expect([r.kind, r.from, r.to].every(Boolean), `${r.file}:${r.line}`).toBe(true);
  });

  it('changes no trap', () => {
    const broken = results.filter((r) => r.row.kind.startsWith('trap') && failed(r));
    expect(broken.map((r) => `${r.row.file}:${r.row.line} ${r.row.from} → ${r.got}`)).toEqual([]);
  });

  it('reaches each kind’s floor', () => {
    const byKind = new Map<string, { total: number; ok: number; misses: string[] }>();
    for (const r of results) {
      const k = byKind.get(r.row.kind) ?? { total: 0, ok: 0, misses: [] };
      k.total++;
      if (failed(r)) k.misses.push(`${r.row.file}:${r.row.line} ${r.row.from} → ${r.got}`);
      else k.ok++;
      byKind.set(r.row.kind, k);
    }
    const table = [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, k]) => `${kind.padEnd(18)} ${String(k.ok).padStart(3)}/${String(k.total).padEnd(3)} ${((100 * k.ok) / k.total).toFixed(0).padStart(3)}%`);
    const fixRows = results.filter((r) => !r.row.kind.startsWith('trap'));
    const fixOk = fixRows.filter((r) => !failed(r)).length;
    console.log(`names benchmark: ${rows.length} rows; fix recall ${fixOk}/${fixRows.length} (${((100 * fixOk) / fixRows.length).toFixed(1)}%)\n${table.join('\n')}`);
    for (const [kind, k] of byKind) {
      if (kind.startsWith('trap')) continue;
      expect(k.ok / k.total, `${kind}: ${k.ok}/${k.total}, below its floor; misses:\n${k.misses.join('\n')}`).toBeGreaterThanOrEqual(floors[kind] ?? 1);
    }
  });
});
