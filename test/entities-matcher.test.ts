/** The Aho–Corasick matcher: same answers as brute force, Unicode word boundaries, case rules, precedence. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atWordBoundaries, Automaton } from '../src/entities/aho-corasick.js';
import { KnowledgeBase } from '../src/entities/kb.js';
import { Matcher, resolve } from '../src/entities/matcher.js';

function brute(patterns: string[], text: string): string[] {
  const lower = text.toLowerCase();
  const out = new Set<string>();
  for (const p of new Set(patterns.map((x) => x.toLowerCase()))) {
    if (!p) continue;
    for (let i = lower.indexOf(p); i !== -1; i = lower.indexOf(p, i + 1)) out.add(`${p}@${i + p.length}`);
  }
  return [...out].sort();
}

function viaAutomaton(patterns: string[], text: string): string[] {
  const ac = new Automaton(patterns);
  const raw = ac.search(text);
  const out = new Set<string>();
  for (let k = 0; k < raw.length; k += 2) out.add(`${ac.patterns[raw[k]!]}@${raw[k + 1]}`);
  return [...out].sort();
}

const kb = (data: Partial<ConstructorParameters<typeof KnowledgeBase>[0]> = {}) => new KnowledgeBase({ version: 1, entities: [], entries: [], ...data });

describe('Automaton', () => {
  it('finds every occurrence of every pattern, as brute force does', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'c', ' ', 'é', '腾'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'c', ' ', 'é', '腾', 'x'), maxLength: 80 }), (patterns, text) => {
        expect(viaAutomaton(patterns, text)).toEqual(brute(patterns, text));
      }),
      { numRuns: 300 },
    );
  });

  it('with word starts only, finds what brute force finds at word starts', () => {
    const isWord = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch) && !/\p{Script=Han}/u.test(ch);
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '-', '腾'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'B', ' ', '-', '腾', '讯'), maxLength: 80 }), (patterns, text) => {
        const ac = new Automaton(patterns, { wordStarts: true });
        const raw = ac.search(text);
        const got = new Set<string>();
        for (let k = 0; k < raw.length; k += 2) got.add(`${ac.patterns[raw[k]!]}@${raw[k + 1]}`);
        const want = brute(patterns, text).filter((m) => {
          const [p, end] = m.split('@');
          const start = Number(end) - p!.length;
          return !(isWord(text[start - 1]) && isWord(text[start]));
        });
        expect([...got].sort()).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('folds case and curly apostrophes without changing offsets', () => {
    expect(viaAutomaton(["Alphabet's"], 'ALPHABET’S shares')).toEqual(["alphabet's@10"]);
  });

  it('builds 50,000 patterns and still scans in one pass', () => {
    const patterns = Array.from({ length: 50_000 }, (_, i) => `Company ${i.toString(36)} Holdings`);
    const ac = new Automaton(patterns);
    const text = 'Shares of Company 1ekh Holdings rose while Company zz Holdings fell.';
    expect(viaAutomaton(patterns, text)).toEqual(brute(patterns, text));
    expect(ac.states).toBeGreaterThan(50_000);
  });
});

describe('word boundaries', () => {
  it('know Unicode letters, unlike \\b', () => {
    expect(atWordBoundaries('Nestlé rose', 0, 5)).toBe(false); // "Nestl" inside "Nestlé"
    expect(atWordBoundaries('Meta’s chatbot', 0, 4)).toBe(true);
    expect(atWordBoundaries('Metadata', 0, 4)).toBe(false);
    expect(atWordBoundaries('Öl-Konzern', 0, 2)).toBe(true);
  });

  it('are not needed inside Chinese text, which has no spaces', () => {
    const text = '腾讯控股今天上涨';
    expect(atWordBoundaries(text, 0, 2)).toBe(true);
    expect(atWordBoundaries('在Tencent公司', 1, 8)).toBe(true);
  });
});

describe('Matcher', () => {
  const base = kb({
    entities: [
      { id: 'hk:00700', type: 'company', name: 'Tencent', short: ['TENCENT'], fixShort: true, tickers: ['HK:00700'] },
      { id: 'us:AAPL', type: 'company', name: 'Apple', tickers: ['US:AAPL'] },
    ],
    entries: [{ rule: 'person-name', expected: 'Jensen Huang', patterns: ['Huang Renxun'] }],
  });

  it('matches short names only as printed, names only with their capital', () => {
    const m = new Matcher(base);
    const found = (text: string) => resolve(m.find(text)).map((c) => text.slice(c.start, c.end));
    expect(found('TENCENT and Tencent, not tencent')).toEqual(['TENCENT', 'Tencent']);
    expect(found('an apple a day; Apple rose')).toEqual(['Apple']);
    expect(found('HUANG RENXUN spoke')).toEqual(['HUANG RENXUN']);
  });

  it('lets a user entry override the knowledge base for the same pattern', () => {
    const m = new Matcher(base, [{ rule: 'dictionary', expected: 'Huang Jen-hsun', patterns: ['Huang Renxun'], priority: 10 }]);
    const [c] = resolve(m.find('Huang Renxun said'));
    expect(c?.target.kind === 'entry' && c.target.entry.expected).toBe('Huang Jen-hsun');
  });

  it('prefers the longest match at a start, then the leftmost', () => {
    const m = new Matcher(kb({ entries: [{ rule: 'x', expected: 'A', patterns: ['Sam Ultraman', 'Ultraman'] }] }));
    expect(resolve(m.find('Sam Ultraman spoke')).map((c) => c.end - c.start)).toEqual([12]);
  });
});
