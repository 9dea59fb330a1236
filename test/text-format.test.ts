import fc from 'fast-check';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { parseText } from '../src/formats/text.js';

describe('plain-text reader', () => {
  it('makes the first line the title and each other line a paragraph, skipping blank lines', () => {
    const tree = parseText('Title here\n\n  First paragraph.  \r\n\nSecond paragraph.\n');
    expect(tree.children.map((n) => [n.type, toString(n)])).toEqual([
      ['heading', 'Title here'],
      ['paragraph', 'First paragraph.'],
      ['paragraph', 'Second paragraph.'],
    ]);
    expect(tree.children[1]!.position).toMatchObject({ start: { line: 3, column: 3, offset: 14 } });
  });

  it('keeps text that looks like Markdown literal', async () => {
    const lines = ['1. Not a list item', '* not a bullet', '# not a heading', '> not a quote', 'snake_case_name stays', '[not a link](http://x)', '<b>not html</b>', '---'];
    const { markdown } = await clean(`A title\n${lines.join('\n')}`, { format: 'text' });
    const reparsed = unified().use(remarkParse).parse(markdown);
    expect(reparsed.children.slice(1).map((n) => [n.type, toString(n)])).toEqual(lines.map((l) => ['paragraph', l]));
  });

  it('round-trips any line as literal text (property)', async () => {
    const line = fc
      .stringMatching(/^[A-Za-z0-9 *_#>\[\]()!`~.&<|+=-]{1,40}$/)
      .map((s) => s.trim())
      .filter((s) => /[A-Za-z]{3}/.test(s));
    await fc.assert(
      fc.asyncProperty(line, async (text) => {
        const { markdown } = await clean(`Title line\n${text}`, { format: 'text', stripBoilerplate: false, dedupeLead: false });
        const reparsed = unified().use(remarkParse).parse(markdown);
        expect(reparsed.children.length).toBe(2);
        expect(toString(reparsed.children[1]!)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
