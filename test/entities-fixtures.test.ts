/**
 * Entity fixtures: one folder per situation under fixtures/entities, holding
 * the input, the expected Markdown and the entity messages expected (rule id,
 * the original text, the replacement or suggestions), in order. Each message
 * must point at its original text in the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean, formatFromPath, RULES } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'entities');
const entityRule = (id: string | undefined) => !!id && ['fix-entities', 'flag-entities'].includes(RULES[id]?.plugin ?? '');

interface Case {
  messages: Array<{ ruleId: string; actual: string; expected?: string[] }>;
}

describe('entity fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    it(name, async () => {
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
      const path = join(dir, input);
      const source = readFileSync(path, 'utf8');
      const result = await clean(source, { format: formatFromPath(path), path });
      expect(result.markdown).toBe(readFileSync(join(dir, 'expected.md'), 'utf8'));

      const got = result.messages.filter((m) => entityRule(m.ruleId));
      expect(got.map((m) => [m.ruleId, m.actual])).toEqual(spec.messages.map((m) => [m.ruleId, m.actual]));
      spec.messages.forEach((want, i) => {
        const message = got[i]!;
        expect(message.expected).toEqual(want.expected);
        expect(message.fatal, `${want.ruleId}: severity`).toBe(RULES[want.ruleId]!.severity === 'info' ? null : false);
        const place = message.place && 'start' in message.place ? message.place : undefined;
        expect(place, `${want.ruleId} has a position`).toBeDefined();
        // Plain text and Markdown without escapes: the position spans exactly the original text.
        if (!input.endsWith('.html')) expect(source.slice(place!.start.offset, place!.end.offset)).toBe(want.actual);
      });

      // Cleaning the cleaned article changes nothing more.
      const again = await clean(result.markdown, { format: 'markdown' });
      expect(again.markdown).toBe(result.markdown);
      expect(again.messages.filter((m) => entityRule(m.ruleId) && m.fatal === null)).toEqual([]);
    });
  }
});
