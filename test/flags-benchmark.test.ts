/**
 * The flags benchmark: every case in fixtures/flags/<case>/ (the corpus case
 * format, read by `../shared/eval/score.mjs --cases fixtures/flags` too) is
 * cleaned, and its flags are matched to the expected ones the way the scorer
 * matches them (same rule, one text inside the other, each flag used once).
 * Prints found/expected and false flags per flag kind, and asserts floors:
 * recall and precision per kind, no text changed, every trap's terms kept,
 * and the owner's product suggested where a case names it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'flags');
const KINDS = ['suspicious-product-name', 'ticker-mismatch', 'untranslated-text'] as const;
type Kind = (typeof KINDS)[number];

/** Floors per kind: raise them as the mechanisms improve, never lower them to pass. */
const FLOORS: Record<Kind, { recall: number; precision: number }> = {
  'suspicious-product-name': { recall: 0.95, precision: 0.95 },
  'ticker-mismatch': { recall: 0.95, precision: 0.95 },
  'untranslated-text': { recall: 0.95, precision: 0.95 },
};
const MIN_CASES = 50;

interface ExpectedFlag {
  rule: Kind;
  text: string;
  /** A suggestion the flag's `expected` must hold (the owner's product). */
  suggest?: string | undefined;
}

interface Case {
  kind: string;
  keepTerms: string[];
  flags: ExpectedFlag[];
}

interface Outcome {
  name: string;
  markdownOk: boolean;
  keptOk: boolean;
  missed: ExpectedFlag[];
  falseFlags: Array<{ rule: Kind; actual: string }>;
  suggestionsMissed: ExpectedFlag[];
  expected: ExpectedFlag[];
}

const overlaps = (a: string, b: string) => {
  const x = a.toLowerCase().trim();
  const y = b.toLowerCase().trim();
  return x.length > 0 && (x.includes(y) || y.includes(x));
};

async function run(name: string): Promise<Outcome> {
  const dir = join(root, name);
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  // Plain text, or Markdown where a case needs links (the scorer reads the format from the extension too).
  const file = ['input.txt', 'input.md'].find((f) => existsSync(join(dir, f)))!;
  const input = readFileSync(join(dir, file), 'utf8');
  const result = await clean(input, { format: file.endsWith('.md') ? 'markdown' : 'text' });
  const got = result.messages
    .filter((m) => (KINDS as readonly string[]).includes(m.ruleId ?? '') && m.fatal === false)
    .map((m) => ({ rule: m.ruleId as Kind, actual: String(m.actual ?? ''), expected: (m as { expected?: string[] }).expected ?? [] }));
  const used = new Set<number>();
  const missed: ExpectedFlag[] = [];
  const suggestionsMissed: ExpectedFlag[] = [];
  for (const f of spec.flags) {
    const i = got.findIndex((g, k) => !used.has(k) && g.rule === f.rule && overlaps(g.actual, f.text));
    if (i === -1) {
      missed.push(f);
      continue;
    }
    used.add(i);
    if (f.suggest && !got[i]!.expected.includes(f.suggest)) suggestionsMissed.push(f);
  }
  return {
    name,
    markdownOk: result.markdown === readFileSync(join(dir, 'expected.md'), 'utf8'),
    keptOk: spec.keepTerms.every((t) => result.markdown.includes(t)),
    missed,
    falseFlags: got.filter((_, k) => !used.has(k)).map(({ rule, actual }) => ({ rule, actual })),
    suggestionsMissed,
    expected: spec.flags,
  };
}

const names = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'case.json'))).sort() : [];

describe('flags benchmark', () => {
  it(`has at least ${MIN_CASES} cases, flags and traps of every kind`, () => {
    expect(names.length).toBeGreaterThanOrEqual(MIN_CASES);
    const specs = names.map((n) => JSON.parse(readFileSync(join(root, n, 'case.json'), 'utf8')) as Case);
    for (const kind of KINDS) expect(specs.filter((s) => s.flags.some((f) => f.rule === kind)).length, kind).toBeGreaterThanOrEqual(5);
    expect(specs.filter((s) => s.flags.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it('finds the flags per kind above the floors, with no text changed', async () => {
    const outcomes: Outcome[] = [];
    for (const name of names) outcomes.push(await run(name));
    const lines: string[] = [];
    const table: string[] = ['kind                      found/expected  recall  false  precision'];
    for (const kind of KINDS) {
      const expected = outcomes.reduce((n, o) => n + o.expected.filter((f) => f.rule === kind).length, 0);
      const missed = outcomes.reduce((n, o) => n + o.missed.filter((f) => f.rule === kind).length, 0);
      const falseFlags = outcomes.reduce((n, o) => n + o.falseFlags.filter((f) => f.rule === kind).length, 0);
      const found = expected - missed;
      const recall = expected ? found / expected : 1;
      const precision = found + falseFlags ? found / (found + falseFlags) : 1;
      table.push(`${kind.padEnd(26)}${`${found}/${expected}`.padEnd(16)}${(100 * recall).toFixed(1).padStart(5)}%  ${String(falseFlags).padStart(5)}  ${(100 * precision).toFixed(1).padStart(8)}%`);
      expect.soft(recall, `${kind} recall`).toBeGreaterThanOrEqual(FLOORS[kind].recall);
      expect.soft(precision, `${kind} precision`).toBeGreaterThanOrEqual(FLOORS[kind].precision);
    }
    for (const o of outcomes) {
      for (const f of o.missed) lines.push(`missed  ${o.name}: ${f.rule} “${f.text}”`);
      for (const f of o.falseFlags) lines.push(`false   ${o.name}: ${f.rule} “${f.actual}”`);
      for (const f of o.suggestionsMissed) lines.push(`no suggestion “${f.suggest}”  ${o.name}`);
      if (!o.markdownOk) lines.push(`changed ${o.name}: the output is not expected.md`);
      if (!o.keptOk) lines.push(`changed ${o.name}: a kept term is gone`);
    }
    // Blind rounds (cases named "<round>-<batch>-…", such as r3-b1-…), each scored as a set of its own.
    const rounds = new Map<string, Outcome[]>();
    for (const o of outcomes) {
      const round = /^(r\d+-b\d+)-/.exec(o.name)?.[1];
      if (round) rounds.set(round, [...(rounds.get(round) ?? []), o]);
    }
    for (const [round, list] of rounds) {
      const expected = list.reduce((n, o) => n + o.expected.length, 0);
      const found = expected - list.reduce((n, o) => n + o.missed.length, 0);
      const falseFlags = list.reduce((n, o) => n + o.falseFlags.length, 0);
      table.push(`round ${round}: ${list.length} cases, ${found}/${expected} flags found, ${falseFlags} false`);
    }
    const suggestions = outcomes.reduce((n, o) => n + o.expected.filter((f) => f.suggest).length, 0);
    const suggestionsMissed = outcomes.reduce((n, o) => n + o.suggestionsMissed.length, 0);
    table.push(`owner's product suggested ${suggestions - suggestionsMissed}/${suggestions}`);
    console.log(`${table.join('\n')}\n${lines.join('\n')}`);
    expect(outcomes.filter((o) => !o.markdownOk || !o.keptOk).map((o) => o.name)).toEqual([]);
  });
});
