/**
 * Article cases for the entity mechanisms: fixtures/names-articles/<case>/,
 * in the corpus format `../shared/eval/score.mjs --cases` reads (input.txt,
 * expected.md, case.json with `replace`, `keepTerms`, `flags`, and a `kind`).
 * Each case must come out as expected.md, every replacement made, every kept
 * term intact, every flag raised and no other flag.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'names-articles');
const FLAG_RULES = new Set(['suspicious-product-name', 'ticker-mismatch', 'untranslated-text']);

interface Case {
  kind: string;
  replace: Array<{ from: string; to: string[] }>;
  keepTerms: string[];
  flags: Array<{ rule: string; text: string }>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const has = (text: string, term: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(term)}(?=$|[^\\p{L}\\p{N}])`, 'u').test(text);

const names = readdirSync(root).sort();

describe('names article cases', () => {
  it('has at least 60 cases', () => expect(names.length).toBeGreaterThanOrEqual(60));
  for (const name of names) {
    it(name, async () => {
      const dir = join(root, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
      const result = await clean(readFileSync(join(dir, 'input.txt'), 'utf8'), { format: 'text' });
      expect(result.markdown).toBe(readFileSync(join(dir, 'expected.md'), 'utf8'));
      for (const r of spec.replace) {
        expect(has(result.markdown, r.from), `“${r.from}” is still there`).toBe(false);
        expect(r.to.some((t) => has(result.markdown, t)), `“${r.to[0]}” is missing`).toBe(true);
      }
      for (const t of spec.keepTerms) expect(result.markdown, `kept term “${t}”`).toContain(t);
      const flags = result.messages.filter((m) => FLAG_RULES.has(m.ruleId ?? '') && m.fatal === false);
      expect(flags.map((m) => [m.ruleId, m.actual])).toHaveLength(spec.flags.length);
      spec.flags.forEach((f) => expect(flags.some((m) => m.ruleId === f.rule && String(m.actual).includes(f.text))).toBe(true));
    });
  }
});
