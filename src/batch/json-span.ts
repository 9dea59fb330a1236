/**
 * Where a value sits inside a JSON text, so a record can be written back with
 * only that value replaced and every other byte as it was.
 *
 *   findSpan('{"id":1,"body":"<p>x</p>"}', ['body'])  →  { start: 15, end: 25 }
 *
 * Offsets are string indices. The text is assumed to have passed `JSON.parse`
 * already: this walks it without building anything, skipping the values it
 * does not need.
 */

export interface Span {
  start: number;
  end: number;
}

/** A `--field` path as given on the command line: `content.body`, `items.0.html`. */
export function parseFieldPath(path: string): string[] {
  return path.split('.').filter((s) => s.length > 0);
}

/** The value at `path` in an already-parsed JSON value. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Span of the value at `path` (object keys, or array indices as digits), or undefined. */
export function findSpan(text: string, path: readonly string[]): Span | undefined {
  let i = skipSpace(text, 0);
  for (const segment of path) {
    const ch = text[i];
    if (ch === '{') {
      i = skipSpace(text, i + 1);
      let found = false;
      while (text[i] === '"') {
        const keyEnd = stringEnd(text, i);
        const raw = text.slice(i + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
        i = skipSpace(text, keyEnd);
        if (text[i] !== ':') return undefined;
        i = skipSpace(text, i + 1);
        if (key === segment) {
          found = true;
          break;
        }
        i = skipSpace(text, valueEnd(text, i));
        if (text[i] === ',') i = skipSpace(text, i + 1);
      }
      if (!found) return undefined;
    } else if (ch === '[') {
      if (!/^\d+$/.test(segment)) return undefined;
      let index = Number(segment);
      i = skipSpace(text, i + 1);
      while (index > 0 && text[i] !== ']' && i < text.length) {
        i = skipSpace(text, valueEnd(text, i));
        if (text[i] !== ',') return undefined;
        i = skipSpace(text, i + 1);
        index--;
      }
      if (index > 0 || text[i] === ']') return undefined;
    } else return undefined;
  }
  return { start: i, end: valueEnd(text, i) };
}

/** Replaces `span` of `text` with the JSON of `value`. */
export function replaceSpan(text: string, span: Span, value: unknown): string {
  return text.slice(0, span.start) + JSON.stringify(value) + text.slice(span.end);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index just past the string starting at `i` (which is a `"`). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just past the value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const ch = text[i];
  if (ch === '"') return stringEnd(text, i);
  if (ch === '{' || ch === '[') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const c = text[j];
      if (c === '"') {
        j = stringEnd(text, j);
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',}] \n\r\t'.includes(text[j]!)) j++;
  return j;
}
