/**
 * What comes in: bytes or text, in one of three formats. Bad input is an
 * `InputError` with one clear sentence, never a crash further down.
 */
import { extname } from 'node:path';
import { stringOfCodes } from './text/codes.js';

export const FORMATS = ['text', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

export class InputError extends Error {
  override name = 'InputError';
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The format a file name implies, if any. */
export function formatFromPath(path: string): Format | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text from bytes: strict UTF-8 (or UTF-16 with a byte-order mark), no NUL bytes (a binary file is not an article). */
export function decodeInput(input: string | Uint8Array, path?: string): string {
  const name = path ? `${path}: ` : '';
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const utf16 = utf16Of(input);
    if (utf16 === 'no-bom') throw new InputError(`${name}looks like UTF-16 without a byte-order mark: UTF-16 is not supported; convert to UTF-8`);
    try {
      text = utf16 ? new TextDecoder(utf16, { fatal: true }).decode(input) : decoder.decode(input);
    } catch {
      throw new InputError(utf16 ? `${name}not valid UTF-16 text despite its byte-order mark; convert to UTF-8` : `${name}not valid UTF-8 text (is it a binary file, or in another encoding?)`);
    }
  }
  if (text.includes('\u0000')) throw new InputError(`${name}looks like a binary file (it contains NUL bytes)`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * UTF-16 by its byte-order mark (decoded), or by its look without one: text in
 * a Latin script has a NUL in every other byte, which no UTF-8 text has.
 */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'no-bom' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  return (odd > half * 0.6 && even < half * 0.1) || (even > half * 0.6 && odd < half * 0.1) ? 'no-bom' : undefined;
}

/**
 * Everything a stream gives, refused as soon as it passes `maxBytes` (a pipe, a
 * device such as /dev/zero or a growing file has no size to check first), or as
 * soon as its first bytes show a binary file.
 */
export async function readBounded(stream: AsyncIterable<Uint8Array> & { destroy?: () => void }, maxBytes: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.from(chunk);
      if (size === 0 && looksBinary(bytes)) throw new InputError(`${name}: looks like a binary file (it contains NUL bytes)`);
      size += bytes.length;
      if (size > maxBytes) throw new InputError(`${name}: larger than ${maxBytes / 1024 / 1024} MB`);
      chunks.push(bytes);
    }
  } finally {
    stream.destroy?.();
  }
  return Buffer.concat(chunks);
}

/** NUL bytes at the start of something that is not UTF-16. */
function looksBinary(first: Uint8Array): boolean {
  const head = first.subarray(0, 4096);
  return head.includes(0) && utf16Of(head) === undefined;
}

/** Everything on stdin, refused past `maxBytes` so memory stays bounded. */
export async function readStdin(maxBytes: number): Promise<Buffer> {
  return readBounded(process.stdin, maxBytes, 'stdin');
}

/** Deepest nesting parsed as written; deeper structure would overflow the parsers' stacks. */
export const MAX_DEPTH = 200;

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

export interface Guarded {
  value: string;
  /** Why the input was changed, when it was. */
  warning?: string | undefined;
  /** The rule the warning is reported under. @default 'deep-nesting' */
  ruleId?: string | undefined;
}

/**
 * Most markers of one kind a Markdown paragraph is parsed with. micromark pairs
 * emphasis markers and brackets by looking back over the open ones, which is
 * quadratic in their number within one paragraph (320 KB of `**a**_b_` took
 * 34 s); no article has a paragraph with hundreds of them. Past this, that
 * paragraph's markers are read as literal text.
 */
export const MAX_MARKERS = 256;

/** Stand-ins of the same length (private-use characters), put back after parsing so every position stays true. */
const LITERAL: Record<string, string> = { '*': '\ue02a', _: '\ue05f', '~': '\ue07e', '[': '\ue05b', ']': '\ue05d' };

/** Each stand-in's character code, by the code it stands for, and back. */
const STAND_IN_CODE = new Map(Object.entries(LITERAL).map(([ascii, stand]) => [ascii.charCodeAt(0), stand.charCodeAt(0)]));
const ASCII_CODE = new Map([...STAND_IN_CODE].map(([ascii, stand]) => [stand, ascii]));
const ANY_STAND_IN = /[\ue02a\ue05f\ue07e\ue05b\ue05d]/;


/** `value` with every stand-in put back: one pass over its code units (a replacement per character cost more than the parse). */
export function restoreLiteral(value: string): string {
  if (!ANY_STAND_IN.test(value)) return value;
  const codes = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    codes[i] = ASCII_CODE.get(c) ?? c;
  }
  return stringOfCodes(codes, value);
}

const BACKSLASH = 92;
const isEmphasisCode = (c: number) => c === 42 || c === 95 || c === 126; // * _ ~
const isBracketCode = (c: number) => c === 91 || c === 93; // [ ]

/** Whether the character at `i` is not escaped: an even number of backslashes stands before it (an escaped marker is literal already, and must stay escaped). */
function unescapedAt(text: string, i: number): boolean {
  let n = 0;
  while (i - n > 0 && text.charCodeAt(i - n - 1) === BACKSLASH) n++;
  return n % 2 === 0;
}

/** How many emphasis characters (`*`, `_`, `~`) and brackets `text[from, to)` holds, escaped or not. */
function markerCounts(text: string, from: number, to: number): [number, number] {
  let markers = 0;
  let brackets = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isEmphasisCode(c)) markers++;
    else if (isBracketCode(c)) brackets++;
  }
  return [markers, brackets];
}

/** Emphasis runs that start with an unescaped marker, and unescaped brackets. */
function unescapedCounts(block: string): [number, number] {
  let runs = 0;
  let brackets = 0;
  for (let i = 0; i < block.length; i++) {
    const c = block.charCodeAt(i);
    if (isEmphasisCode(c)) {
      if (!unescapedAt(block, i)) continue;
      runs++;
      while (i + 1 < block.length && isEmphasisCode(block.charCodeAt(i + 1))) i++;
    } else if (isBracketCode(c) && unescapedAt(block, i)) brackets++;
  }
  return [runs, brackets];
}

/** `block` with its unescaped emphasis markers, or brackets, or both, as stand-ins. */
function withStandIns(block: string, emphasis: boolean, brackets: boolean): string {
  const codes = new Uint16Array(block.length);
  for (let i = 0; i < block.length; i++) {
    const c = block.charCodeAt(i);
    const marker = (emphasis && isEmphasisCode(c)) || (brackets && isBracketCode(c));
    codes[i] = marker && unescapedAt(block, i) ? STAND_IN_CODE.get(c)! : c;
  }
  return stringOfCodes(codes, block);
}

/** Paragraphs (text between blank lines) with more than `MAX_MARKERS` emphasis runs or brackets get stand-ins for them. */
function literalMarkers(value: string): Guarded {
  if (/[\ue02a\ue05f\ue07e\ue05b\ue05d]/.test(value)) return { value }; // the stand-ins are in use: leave the text alone
  // Runs and brackets are never more than their characters: a text with few settles every paragraph at once, and most
  // paragraphs are settled by a count in place.
  const [allMarkers, allBrackets] = markerCounts(value, 0, value.length);
  if (allMarkers <= MAX_MARKERS && allBrackets <= MAX_MARKERS) return { value };
  const parts: string[] = [];
  const lines: number[] = [];
  let changed = 0;
  let from = 0;
  let copied = 0; // the text before this offset is in `parts`
  const blank = /\n[ \t]*\n/g;
  for (;;) {
    const m = blank.exec(value);
    const to = m ? m.index : value.length;
    const [markerChars, bracketChars] = markerCounts(value, from, to);
    if (markerChars > MAX_MARKERS || bracketChars > MAX_MARKERS) {
      const block = value.slice(from, to);
      const [emphasis, brackets] = unescapedCounts(block);
      if (emphasis > MAX_MARKERS || brackets > MAX_MARKERS) {
        parts.push(value.slice(copied, from), withStandIns(block, emphasis > MAX_MARKERS, brackets > MAX_MARKERS));
        copied = to;
        changed++;
        if (lines.length < 5) lines.push(lineAt(value, from));
      }
    }
    if (!m) break;
    from = m.index + m[0].length;
  }
  if (!changed) return { value };
  parts.push(value.slice(copied));
  return {
    value: parts.join(''),
    ruleId: 'literal-markup',
    warning: `${changed} paragraph${changed > 1 ? 's' : ''} with more than ${MAX_MARKERS} emphasis markers or brackets (line ${lines.join(', ')}${changed > lines.length ? ', …' : ''}): read as literal text`,
  };
}

/**
 * Keeps parsing bounded. HTML nested deeper than `MAX_DEPTH` is flattened (the
 * extra tags blanked out with spaces, so every position stays true); Markdown
 * nested that deep, or with emphasis runs no article has, is refused.
 */
export function guardInput(value: string, format: Format, path?: string): Guarded {
  if (format === 'html') return flattenHtml(value);
  if (format === 'markdown') {
    const name = path ? `${path}: ` : '';
    const quote = /^(?:[ \t]*>){200}/m.exec(value);
    if (quote) throw new InputError(`${name}block quotes nested more than ${MAX_DEPTH} deep (line ${lineAt(value, quote.index)})`);
    const indent = new RegExp(`^[ \\t]{${MAX_DEPTH * 2},}\\S`, 'm').exec(value);
    if (indent) throw new InputError(`${name}lists nested more than ${MAX_DEPTH} deep (line ${lineAt(value, indent.index)})`);
    const run = /[*_]{128,}/.exec(value);
    if (run) throw new InputError(`${name}a run of ${run[0].length}+ emphasis or bracket characters (line ${lineAt(value, run.index)}): not an article`);
    return literalMarkers(value);
  }
  return { value };
}

function lineAt(value: string, index: number): number {
  let line = 1;
  for (let i = value.indexOf('\n'); i !== -1 && i < index; i = value.indexOf('\n', i + 1)) line++;
  return line;
}

function flattenHtml(value: string): Guarded {
  const open: string[] = [];
  const dropped = new Map<string, number>();
  const blanks: Array<[number, number]> = [];
  for (const match of value.matchAll(TAG)) {
    const [whole, closing, rawName, selfClosing] = match;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (VOID.has(name) || selfClosing) continue;
    if (closing) {
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        blanks.push([match.index, whole.length]);
      } else {
        const at = open.lastIndexOf(name);
        if (at !== -1) open.length = at;
      }
    } else if (open.length >= MAX_DEPTH) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      blanks.push([match.index, whole.length]);
    } else {
      open.push(name);
    }
  }
  if (blanks.length === 0) return { value };
  const parts: string[] = [];
  let from = 0;
  for (const [at, length] of blanks) {
    parts.push(value.slice(from, at), ' '.repeat(length));
    from = at + length;
  }
  parts.push(value.slice(from));
  return { value: parts.join(''), warning: `HTML nested more than ${MAX_DEPTH} elements deep: ${blanks.length} tags beyond that depth were ignored (their text is kept)` };
}

/** remark plugin, right after parsing: the stand-ins `guardInput` put in become the characters they stood for again, in the tree and the file. */
export function restoreLiteralMarkup() {
  return (tree: object, file: { value: unknown }): void => {
    const text = String(file.value ?? '');
    if (!ANY_STAND_IN.test(text)) return;
    file.value = restoreLiteral(text);
    const walk = (node: Record<string, unknown>): void => {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'position') continue;
        if (typeof value === 'string') node[key] = restoreLiteral(value);
        else if (Array.isArray(value)) for (const child of value) if (child && typeof child === 'object') walk(child as Record<string, unknown>);
      }
    };
    walk(tree as Record<string, unknown>);
  };
}
