/**
 * Correct, professionally edited copy comes through untouched:
 * fixtures/edited/<case>/ holds business articles written the way English
 * desks write them (deks, datelines, bylines, legal names at first reference,
 * tickers in every notation, executives under their right English names,
 * glosses, quoted titles, tables, lists, Q&A, live updates, corrections), in
 * the corpus format `../shared/eval/score.mjs --cases` reads. Each case must
 * come out as expected.md (the input as copydesk prints it: Markdown
 * normalisation only) with no message at all: no removal, no replacement, no
 * flag. When one fails, the message list says which rule misfired and on what.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'edited');
const INPUTS = { 'input.txt': 'text', 'input.md': 'markdown', 'input.html': 'html' } as const;

interface Case {
  format: 'text' | 'markdown' | 'html';
  keepTerms: string[];
}

/** The Markdown's words as score.mjs reads them: link targets, heading marks and emphasis dropped. */
const plain = (md: string) =>
  md
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!&<>|~])/g, '$1')
    .replace(/[*_`~]+/g, '');

const names = readdirSync(root).filter((n) => existsSync(join(root, n, 'case.json'))).sort();

function inputOf(dir: string): { text: string; format: Case['format'] } {
  for (const [file, format] of Object.entries(INPUTS)) {
    const path = join(dir, file);
    if (existsSync(path)) return { text: readFileSync(path, 'utf8'), format };
  }
  throw new Error(`no input in ${dir}`);
}

describe('professionally edited copy', () => {
  it('has at least 45 cases, in text, Markdown and HTML', () => {
    expect(names.length).toBeGreaterThanOrEqual(45);
    const formats = new Set(names.map((n) => inputOf(join(root, n)).format));
    expect([...formats].sort()).toEqual(['html', 'markdown', 'text']);
  });

  for (const name of names) {
    it(name, async () => {
      const dir = join(root, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
      const input = inputOf(dir);
      expect(spec.format).toBe(input.format);
      const result = await clean(input.text, { format: input.format });
      const said = result.messages.map((m) => `${m.ruleId} (${m.fatal === null ? 'info' : m.fatal ? 'error' : 'warning'}) ${JSON.stringify(m.actual)}${m.expected ? ` → ${JSON.stringify(m.expected)}` : ''}`);
      expect(said, 'no removal, replacement or flag on edited copy').toEqual([]);
      expect(result.markdown).toBe(readFileSync(join(dir, 'expected.md'), 'utf8'));
      const words = plain(result.markdown);
      for (const term of spec.keepTerms) expect(words, `kept term “${term}”`).toContain(term);
    });
  }
});
