/**
 * Wire page fixtures: one folder per site layout and situation under
 * fixtures/wire, in the corpus's case format (so `node ../shared/eval/score.mjs
 * --cases fixtures/wire` scores them too), plus what the article model must
 * find: the title, the meta (dek, dateline, byline, source) and the rule ids
 * of the structure and removal rules, in the order of the input.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean, formatFromPath, RULES } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'wire');
const STRUCTURE_PLUGINS = ['article-structure', 'strip-boilerplate', 'dedupe-lead'];
const structureRule = (id: string | undefined) => !!id && STRUCTURE_PLUGINS.includes(RULES[id]?.plugin ?? '');

interface WireCase {
  remove: string[];
  keepTerms?: string[];
  flags?: Array<{ rule: string; text: string }>;
  title?: string;
  meta: Record<string, string>;
  rules: string[];
}

describe('wire page fixtures', () => {
  const names = readdirSync(root).sort();
  it('has at least 60 cases', () => expect(names.length).toBeGreaterThanOrEqual(60));

  for (const name of names) {
    const dir = join(root, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    if (!input || !existsSync(join(dir, 'case.json'))) continue;
    it(name, async () => {
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as WireCase;
      const path = join(dir, input);
      const result = await clean(readFileSync(path), { format: formatFromPath(path), path });

      expect(result.markdown).toBe(readFileSync(join(dir, 'expected.md'), 'utf8'));
      expect(result.title).toBe(spec.title);
      expect(result.meta).toEqual(spec.meta);
      const got = result.messages.filter((m) => structureRule(m.ruleId));
      expect(got.map((m) => m.ruleId)).toEqual(spec.rules);
      for (const message of got) {
        expect(message.actual, `${message.ruleId} says what it removed`).toBeTruthy();
        expect(message.fatal, 'a change is an info message').toBeNull();
      }
      for (const term of spec.keepTerms ?? []) expect(result.markdown).toContain(term);
      for (const flag of spec.flags ?? []) {
        expect(result.messages.some((m) => m.ruleId === flag.rule && String(m.actual ?? '').includes(flag.text))).toBe(true);
      }
      // The title is the HTML's level-one heading too: the first block, or after the lines kept above it (a place line).
      if (spec.title) {
        const firstHeading = /<h1>([\s\S]*?)<\/h1>/.exec(result.html)?.[1];
        expect(firstHeading?.replace(/<[^>]+>/g, '').replace(/&#x26;/g, '&')).toBe(spec.title);
        const above = result.html.slice(0, result.html.indexOf('<h1>'));
        expect(above, 'only paragraphs kept above the title').toMatch(/^(?:<p>[^<]*<\/p>\n)*$/);
      }

      // Cleaning the cleaned article changes nothing, and finds the same title.
      const again = await clean(result.markdown, { format: 'markdown' });
      expect(again.markdown).toBe(result.markdown);
      expect(again.title).toBe(result.title);
    });
  }
});
