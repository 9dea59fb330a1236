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

/** Input as given; a hook for limits that keep parsing bounded. */
export function guardInput(value: string, _format: Format): string {
  return value;
}
