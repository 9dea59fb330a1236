/**
 * What comes in: bytes or text, in one of three formats. Bad input is an
 * `InputError` with one clear sentence, never a crash further down.
 */
import { extname } from 'node:path';

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

/** Text from bytes: strict UTF-8, no NUL bytes (a binary file is not an article). */
export function decodeInput(input: string | Uint8Array, path?: string): string {
  const name = path ? `${path}: ` : '';
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = decoder.decode(input);
    } catch {
      throw new InputError(`${name}not valid UTF-8 text (is it a binary file, or in another encoding?)`);
    }
  }
  if (text.includes('\u0000')) throw new InputError(`${name}looks like a binary file (it contains NUL bytes)`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Everything on stdin, refused past `maxBytes` so memory stays bounded. */
export async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new InputError(`stdin: larger than ${maxBytes / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Deepest nesting parsed as written; deeper structure would overflow the parsers' stacks. */
export const MAX_DEPTH = 200;

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

export interface Guarded {
  value: string;
  /** Why the input was changed, when it was. */
  warning?: string | undefined;
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
