/**
 * The plain-text writer used by `batch --in-place` on `.txt` files: what it
 * writes, read back with the text reader, is the same article, and writing
 * that again gives the same bytes (so cleaning in place twice is a no-op).
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseText } from '../src/formats/text.js';
import { textLayoutOf, toText } from '../src/formats/text-writer.js';
import { messageToJson } from '../src/json.js';
import { cleanTree } from '../src/pipeline.js';

const fromMarkdown = (doc: string) => unified().use(remarkParse).parse(doc);
const changes = (messages: Parameters<typeof messageToJson>[0][]) => messages.map(messageToJson).filter((m) => m.severity === 'info');

/** Blocks and their text, without positions: what "the same article" means for plain text. */
const shape = (tree: Root) => tree.children.map((block) => [block.type, block.type === 'heading' ? block.depth : 0, toText({ type: 'root', children: [block] })]);

describe('toText', () => {
  it('writes the title first and a paragraph per line, with no Markdown added', () => {
    const tree = parseText('Chipmaker lifts forecast\nShares rose 4% in Taipei.\n*Not emphasis*, 1. not a list, # not a heading\n');
    expect(toText(tree)).toBe('Chipmaker lifts forecast\nShares rose 4% in Taipei.\n*Not emphasis*, 1. not a list, # not a heading\n');
  });

  it('keeps the layout of the source: blank lines between paragraphs, CRLF line endings', () => {
    const source = 'Title here\n\nFirst paragraph.\n\nSecond paragraph.\n';
    expect(textLayoutOf(source)).toEqual({ separator: '\n\n', newline: '\n' });
    expect(textLayoutOf('Title\nOne.\nTwo.\n').separator).toBe('\n');
    expect(toText(parseText(source), textLayoutOf(source))).toBe(source);
    const windows = 'Title here\r\nFirst paragraph.\r\nSecond paragraph.\r\n';
    expect(toText(parseText(windows), textLayoutOf(windows))).toBe(windows);
  });

  it('flattens Markdown structure: a line per heading, list item, quote paragraph and table row', () => {
    const tree = fromMarkdown(['# Title', '', 'A paragraph with *emphasis*, `code` and a [link](https://example.com).', '', '- first item', '- second item\n  continued', '', '> quoted text', '', '---', '', 'Line one  \nline two'].join('\n'));
    expect(toText(tree)).toBe(['Title', 'A paragraph with emphasis, code and a link.', 'first item', 'second item continued', 'quoted text', 'Line one line two', ''].join('\n'));
  });

  it('writes nothing for an empty article', () => {
    expect(toText({ type: 'root', children: [] })).toBe('');
  });

  it('read back, it is the same article; written again, the same bytes (any lines)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', '#', '*', '-', '1', '.', '>', '[', ']', '\\', 'é', '股'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, blank) => {
        const doc = lines.join(blank ? '\n\n' : '\n');
        const tree = parseText(doc);
        const written = toText(tree);
        const again = parseText(written);
        expect(shape(again)).toEqual(shape(tree));
        expect(toText(again)).toBe(written);
      }),
      { numRuns: 300 },
    );
  });

  it('a cleaned wire story, written as text and cleaned again, changes nothing more', async () => {
    const wire = [
      'Lender raises dividend after profit jumps',
      'According to a filing on Monday, the lender raised its interim dividend by 10% after first-half profit rose 15%.',
      'The bank said bad loans fell to 1.2% of its book, the lowest in six years.',
      'Related Articles',
      'Banks lead Hang Seng gains',
      'Property loans under the microscope',
    ].join('\n');
    const first = await cleanTree(wire, { format: 'text' });
    expect(changes(first.messages).length).toBeGreaterThan(0); // something was removed
    const text = toText(first.tree);
    expect(text).not.toContain('Related Articles');
    const second = await cleanTree(text, { format: 'text' });
    expect(changes(second.messages)).toEqual([]);
    expect(toText(second.tree)).toBe(text);
  });
});
