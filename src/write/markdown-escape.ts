/**
 * mdast-util-to-markdown's `safe` (util/safe.js) for text, the same steps in
 * the same order, with the bookkeeping in typed arrays.
 *
 * The library keeps the escape positions of a text in an array and an object
 * keyed by position, and escapes the backslashes of every slice between two
 * positions with a new regular expression and two arrays: fine for a sentence,
 * but a paragraph of 120,000 markers (`[a](` or `**a**_b_` run on) took longer
 * to write than a plain article of the same size took to clean. Here the
 * positions are flags in a byte array, scanned in order, and a slice without
 * a backslash is taken as it is.
 *
 * Only the plain case is done here: no `encode` list, not inside an autolink
 * (percent-encoding), no pattern tied to a neighbouring node. The caller gives
 * the library anything else. test/writer-fast-path.test.ts checks the output
 * against the library's text handler.
 */
import type { Info, State, Unsafe } from 'mdast-util-to-markdown';
import { stringOfCodes } from '../text/codes.js';

const PRESENT = 1;
const BEFORE = 2;
const AFTER = 4;

/** Whether `escapeText` can stand in for the library's `safe` here. */
export function canEscape(state: State, info: Info, patterns: readonly Unsafe[]): boolean {
  if ((info as { encode?: unknown }).encode !== undefined || state.stack.includes('autolink')) return false;
  for (const pattern of patterns) if (pattern.beforeNode || pattern.afterNode) return false;
  return true;
}

function listInScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list;
  if (!names || names.length === 0) return none;
  return names.some((name) => stack.includes(name));
}

/** The text escaped as `safe(state, input, info)` escapes it, given the patterns that may match it. */
export function escapeText(state: State, input: string, info: Info, patterns: readonly Unsafe[]): string {
  const before = info.before || '';
  const after = info.after || '';
  const value = before + input + after;
  const offset = before.length;
  const end = value.length - after.length;
  const flags = new Uint8Array(value.length + 1);
  let found = 0;

  for (const pattern of patterns) {
    if (!listInScope(state.stack, pattern.inConstruct, true) || listInScope(state.stack, pattern.notInConstruct, false)) continue;
    const hasBefore = Boolean(pattern.before || pattern.atBreak);
    const hasAfter = Boolean(pattern.after);
    if (!hasBefore && !hasAfter) {
      // The pattern compiles to its one character: every occurrence matches, found without a match object each.
      for (let position = value.indexOf(pattern.character); position !== -1; position = value.indexOf(pattern.character, position + 1)) {
        const flag = flags[position]!;
        if (flag & PRESENT) flags[position] = flag & ~(BEFORE | AFTER);
        else {
          flags[position] = PRESENT;
          found++;
        }
      }
      continue;
    }
    const expression = state.compilePattern(pattern);
    let match: RegExpExecArray | null;
    while ((match = expression.exec(value))) {
      const position = match.index + (hasBefore ? match[1]!.length : 0);
      const flag = flags[position]!;
      if (flag & PRESENT) {
        let next = flag;
        if (flag & BEFORE && !hasBefore) next &= ~BEFORE;
        if (flag & AFTER && !hasAfter) next &= ~AFTER;
        flags[position] = next;
      } else {
        flags[position] = PRESENT | (hasBefore ? BEFORE : 0) | (hasAfter ? AFTER : 0);
        found++;
      }
    }
  }

  const positions = new Int32Array(found);
  for (let at = 0, n = 0; n < found; at++) if (flags[at]! & PRESENT) positions[n++] = at;

  // The output code by code in one buffer, decoded once (a rope of a node or two per escape, or a join of
  // as many pieces, made a run of 100,000 markers slow); the slices between escapes are escaped for their
  // backslashes, when the value has any, as strings.
  const backslashes = value.includes('\\');
  const out = new Output(value.length + 2 * found + 16);
  let start = offset;
  for (let index = 0; index < found; index++) {
    const position = positions[index]!;
    if (position < start || position >= end) continue;

    // Intraword underscores (`a_b`, `a__b`) need no escape.
    if (
      value.charCodeAt(position) === 95 &&
      position > 0 &&
      unclassified(value.charCodeAt(position - 1)) &&
      !(flags[position - 1]! & PRESENT) &&
      !(position - 1 === offset && /[*_]/.test(value.charAt(offset - 1)))
    ) {
      let sequenceEnd = position + 1;
      while (sequenceEnd < end && value.charCodeAt(sequenceEnd) === 95) sequenceEnd++;
      const skip = sequenceEnd - position - 1;
      if (
        index + skip < found &&
        positions[index + skip] === sequenceEnd - 1 &&
        sequenceEnd < value.length &&
        unclassified(value.charCodeAt(sequenceEnd)) &&
        !(flags[sequenceEnd]! & PRESENT) &&
        !(sequenceEnd === end - 1 && /[*_]/.test(value.charAt(end)))
      ) {
        index += skip;
        continue;
      }
    }

    // An escape whose condition is on a neighbour that is itself escaped unconditionally is not needed.
    if (
      (position + 1 < end && index + 1 < found && positions[index + 1] === position + 1 && flags[position]! & AFTER && !(flags[position + 1]! & (BEFORE | AFTER))) ||
      (position - 1 >= offset && index > 0 && positions[index - 1] === position - 1 && flags[position]! & BEFORE && !(flags[position - 1]! & (BEFORE | AFTER)))
    ) {
      continue;
    }

    if (start !== position) {
      if (backslashes) out.string(escapeBackslashes(value.slice(start, position), '\\'));
      else out.copy(value, start, position);
    }
    start = position + 1;
    const code = value.charCodeAt(position);
    if (code < 128 && ASCII_PUNCTUATION[code] === 1) out.escaped(code);
    else out.string(`&#x${code.toString(16).toUpperCase()};`);
  }
  return out.text(value) + escapeBackslashes(value.slice(start, end), after);
}

/** ASCII punctuation by code (`[!-/:-@[-\`{-~]`): escaped with a backslash. */
const ASCII_PUNCTUATION = Uint8Array.from({ length: 128 }, (_, code) => (/[!-/:-@[-`{-~]/.test(String.fromCharCode(code)) ? 1 : 0));

/** Code units written one by one into a buffer that grows as needed. */
class Output {
  private codes: Uint16Array;
  private length = 0;
  constructor(size: number) {
    this.codes = new Uint16Array(size);
  }
  private room(more: number): void {
    if (this.length + more <= this.codes.length) return;
    const bigger = new Uint16Array(Math.max(this.codes.length * 2, this.length + more));
    bigger.set(this.codes.subarray(0, this.length));
    this.codes = bigger;
  }
  copy(value: string, from: number, to: number): void {
    this.room(to - from);
    const codes = this.codes;
    let n = this.length;
    for (let i = from; i < to; i++) codes[n++] = value.charCodeAt(i);
    this.length = n;
  }
  string(value: string): void {
    this.copy(value, 0, value.length);
  }
  escaped(code: number): void {
    this.room(2);
    this.codes[this.length++] = 92;
    this.codes[this.length++] = code;
  }
  /** The text written, as a string; `source` is the value it was made from (see stringOfCodes). */
  text(source: string): string {
    return this.length === 0 ? '' : stringOfCodes(this.codes.subarray(0, this.length), source);
  }
}

const BACKSLASH_ESCAPE = /\\(?=[!-/:-@[-`{-~])/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
const WHITESPACE = /\s/;

/** micromark's classifyCharacter gives undefined: not white space, not punctuation (NaN, past the end, counts as neither). */
function unclassified(code: number): boolean {
  if (Number.isNaN(code)) return true;
  if (code < 128) return ASCII_UNCLASSIFIED[code] === 1;
  const character = String.fromCharCode(code);
  return !WHITESPACE.test(character) && !UNICODE_PUNCTUATION.test(character);
}

/** The same answer for each ASCII code, worked out once (most characters beside a marker are ASCII). */
const ASCII_UNCLASSIFIED = Uint8Array.from({ length: 128 }, (_, code) => {
  const character = String.fromCharCode(code);
  return code !== 32 && !WHITESPACE.test(character) && !UNICODE_PUNCTUATION.test(character) ? 1 : 0;
});

/** A backslash before ASCII punctuation (in the value, or reaching into `after`) is escaped. */
function escapeBackslashes(value: string, after: string): string {
  if (!value.includes('\\') && !BACKSLASH_ESCAPE.test(after)) return value;
  const whole = value + after;
  const expression = /\\(?=[!-/:-@[-`{-~])/g;
  let out = '';
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = expression.exec(whole))) {
    if (start !== match.index) out += value.slice(start, match.index);
    out += '\\';
    start = match.index;
  }
  return out + value.slice(start);
}
