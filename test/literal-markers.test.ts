/**
 * The literal-markup guard's scan (src/input.ts) against the regular
 * expressions it replaced, kept here as the oracle: the same paragraphs get
 * stand-ins, at the same characters, and `restoreLiteral` gives the text back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardInput, MAX_MARKERS, restoreLiteral } from '../src/input.js';

const UNESCAPED = String.raw`(?<=(?:^|[^\\])(?:\\\\)*)`;
const EMPHASIS_RUN = new RegExp(`${UNESCAPED}[*_~]+`, 'g');
const EMPHASIS = new RegExp(`${UNESCAPED}[*_~]`, 'g');
const BRACKET = new RegExp(`${UNESCAPED}[[\\]]`, 'g');
const LITERAL: Record<string, string> = { '*': '\ue02a', _: '\ue05f', '~': '\ue07e', '[': '\ue05b', ']': '\ue05d' };

/** The guard as it was written with regular expressions. */
function oracle(value: string): string {
  return value
    .split(/(\n[ \t]*\n)/)
    .map((block, i) => {
      if (i % 2) return block;
      const emphasis = block.match(EMPHASIS_RUN)?.length ?? 0;
      const brackets = block.match(BRACKET)?.length ?? 0;
      if (emphasis > MAX_MARKERS) block = block.replace(EMPHASIS, (c) => LITERAL[c]!);
      if (brackets > MAX_MARKERS) block = block.replace(BRACKET, (c) => LITERAL[c]!);
      return block;
    })
    .join('');
}

const piece = fc.constantFrom('*', '_', '~', '[', ']', '\\', '\\\\', 'a', 'b c', '(', ')', '\n', '\n\n', ' ', 'é', '\ud83d\ude00', '\ud800');
const dense = fc.array(piece, { minLength: 200, maxLength: 1500 }).map((parts) => parts.join(''));

describe('literal-markup guard', () => {
  it('puts stand-ins where the regular expressions did (property)', () => {
    fc.assert(
      fc.property(dense, (text) => {
        if (/[*_]{128,}/.test(text)) return; // refused as no article before the scan
        expect(guardInput(text, 'markdown').value).toBe(oracle(text));
      }),
      { numRuns: 400 },
    );
  });

  it('gives back the text it was given, lone surrogates included', () => {
    fc.assert(
      fc.property(dense, (text) => {
        if (/[*_]{128,}/.test(text)) return;
        expect(restoreLiteral(guardInput(text, 'markdown').value)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves escaped markers and paragraphs under the limit alone', () => {
    const escaped = '\\*a\\* '.repeat(400);
    expect(guardInput(escaped, 'markdown').value).toBe(escaped);
    const few = '*a* '.repeat(MAX_MARKERS / 2 - 1);
    expect(guardInput(few, 'markdown').value).toBe(few);
    const many = '*a* '.repeat(MAX_MARKERS);
    const guarded = guardInput(many, 'markdown');
    expect(guarded.ruleId).toBe('literal-markup');
    expect(guarded.value).not.toContain('*');
  });
});
