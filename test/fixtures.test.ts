/**
 * Golden fixtures: one folder per situation under fixtures/cleanup, holding
 * the input, the expected Markdown and the messages expected (rule id and a
 * snippet of the removed text, in order). Only cleanup rules are compared
 * here; entity rules have fixtures of their own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean, formatFromPath, RULES } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'cleanup');
const cleanupRule = (id: string | undefined) => !!id && ['strip-boilerplate', 'dedupe-lead', 'html reader'].includes(RULES[id]?.plugin ?? '');

interface Case {
  messages: Array<{ ruleId: string; actual: string }>;
  htmlExcludes?: string[];
}

describe('cleanup fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    if (!input || !existsSync(join(dir, 'case.json'))) continue;
    it(name, async () => {
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
      const path = join(dir, input);
      const result = await clean(readFileSync(path), { format: formatFromPath(path), path });
      expect(result.markdown).toBe(readFileSync(join(dir, 'expected.md'), 'utf8'));

      const got = result.messages.filter((m) => cleanupRule(m.ruleId));
      expect(got.map((m) => m.ruleId)).toEqual(spec.messages.map((m) => m.ruleId));
      spec.messages.forEach((want, i) => {
        const message = got[i]!;
        expect(message.actual).toContain(want.actual);
        expect(message.line, `${want.ruleId} has a line`).toBeGreaterThan(0);
        expect(message.fatal, 'a change is an info message').toBeNull();
      });
      for (const bad of spec.htmlExcludes ?? []) expect(result.html).not.toContain(bad);

      // Cleaning the cleaned article changes nothing.
      const again = await clean(result.markdown, { format: 'markdown' });
      expect(again.markdown).toBe(result.markdown);
    });
  }
});
