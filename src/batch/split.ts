/**
 * CMS exports read as streams, cut into records without parsing the whole
 * file: a JSON Lines line, a Ghost post (`db[].data.posts[]`), a WordPress
 * `<item>`. Everything between records comes out as `raw` pieces, so writing
 * every piece back in order reproduces the file byte for byte.
 *
 * Memory stays bounded by the largest record, whatever the file's size. Each
 * record carries the scanner's state just past it, so an interrupted run can
 * resume reading from that byte offset (see resume.ts).
 *
 * Why not stream-json or a SAX parser for the whole file: they hand out
 * tokens, not byte offsets, and writing an export back "every other byte
 * untouched" needs the offsets. These scanners only find record boundaries
 * (tracking strings, CDATA and comments so no quote or `</item>` inside a
 * body misleads them); each record is then parsed for real, by JSON.parse or
 * saxes, in a worker.
 */

export type ExportKind = 'jsonl' | 'ghost' | 'wxr';

export interface Piece {
  type: 'raw' | 'record';
  bytes: Buffer;
  /** Line of the input where the piece starts (1-based). */
  line: number;
  /** Byte offset of the input just past the piece. */
  end: number;
  /** For records: the scanner state just past it, to resume from. */
  state?: ScanState;
}

/** Where a scan starts or resumes. */
export interface ScanState {
  offset: number;
  line: number;
  /** Ghost: the JSON containers around the current position. */
  stack?: Frame[];
}

export interface Frame {
  /** object or array */
  t: 'o' | 'a';
  /** object: the current key */
  key: string | null;
  /** object: a key is expected next */
  expectKey: boolean;
}

export const START: ScanState = { offset: 0, line: 1 };

/** Largest record held in memory. */
export const MAX_RECORD = 64 * 1024 * 1024;

export class RecordTooLarge extends Error {
  override name = 'RecordTooLarge';
}

export function splitExport(kind: ExportKind, input: AsyncIterable<Buffer>, from: ScanState = START): AsyncGenerator<Piece> {
  if (kind === 'jsonl') return splitLines(input, from);
  if (kind === 'ghost') return splitGhost(input, from);
  return splitWxr(input, from);
}

function countLines(bytes: Buffer, start = 0, end = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(10, start); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** JSON Lines: each non-blank line, with its line ending, is a record. */
export async function* splitLines(input: AsyncIterable<Buffer>, from: ScanState = START): AsyncGenerator<Piece> {
  let offset = from.offset;
  let line = from.line;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const emit = (bytes: Buffer): Piece => {
    const blank = bytes.toString('latin1').trim() === '';
    const piece: Piece = { type: blank ? 'raw' : 'record', bytes, line, end: offset + bytes.length };
    offset += bytes.length;
    line += 1;
    if (!blank) piece.state = { offset, line };
    return piece;
  };
  for await (const chunk of input) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, nl + 1);
      const bytes = pending.length ? Buffer.concat([...pending, part]) : Buffer.from(part);
      pending = [];
      pendingSize = 0;
      yield emit(bytes);
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingSize += chunk.length - start;
      if (pendingSize > MAX_RECORD) throw new RecordTooLarge(`line ${line} is longer than ${MAX_RECORD / 1024 / 1024} MB`);
    }
  }
  if (pending.length) yield emit(Buffer.concat(pending));
}

/**
 * A Ghost export: `{"db":[{"meta":…,"data":{"posts":[{…},…],…}}]}` (or the
 * older `{"data":{"posts":[…]}}`). Each post object is a record; the rest of
 * the file (tags, users, settings) passes through untouched.
 */
export async function* splitGhost(input: AsyncIterable<Buffer>, from: ScanState = START): AsyncGenerator<Piece> {
  const stack: Frame[] = (from.stack ?? []).map((f) => ({ ...f }));
  let offset = from.offset; // input offset of chunk[0]
  let line = from.line; // line at `rawStart`
  let inString = false;
  let escaped = false;
  let keyBytes: number[] | null = null;
  // a post being captured: the parts read so far, its start line, and the nesting inside it
  let capture: Buffer[] | null = null;
  let captureSize = 0;
  let captureLine = 0;
  let depth = 0;

  for await (const chunk of input) {
    let rawStart = 0;
    let captureStart = 0;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          if (keyBytes) keyBytes.push(chunk[i]!);
          i++;
          continue;
        }
        if (!keyBytes) {
          // fast path: jump to the next quote or backslash
          const q = chunk.indexOf(34, i);
          const b = chunk.indexOf(92, i);
          const next = q < 0 ? b : b < 0 ? q : Math.min(q, b);
          if (next < 0) {
            i = n;
            break;
          }
          i = next;
        }
        const c = chunk[i]!;
        if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (keyBytes) {
            const frame = stack[stack.length - 1]!;
            frame.key = Buffer.from(keyBytes).toString('utf8');
            frame.expectKey = false;
            keyBytes = null;
          }
        } else if (keyBytes && keyBytes.length < 256) keyBytes.push(c);
        i++;
        continue;
      }
      const c = chunk[i]!;
      if (c === 34) {
        inString = true;
        const top = stack[stack.length - 1];
        keyBytes = !capture && top?.t === 'o' && top.expectKey ? [] : null;
      } else if (capture) {
        if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            capture.push(chunk.subarray(captureStart, i + 1));
            const bytes = Buffer.concat(capture);
            capture = null;
            const end = offset + i + 1;
            const lines = countLines(bytes);
            yield { type: 'record', bytes, line: captureLine, end, state: { offset: end, line: captureLine + lines, stack: stack.map((f) => ({ ...f })) } };
            line = captureLine + lines;
            rawStart = i + 1;
          }
        }
      } else if (c === 123) {
        if (isPostsArray(stack)) {
          if (i > rawStart) {
            const bytes = Buffer.from(chunk.subarray(rawStart, i));
            yield { type: 'raw', bytes, line, end: offset + i };
            line += countLines(bytes);
          }
          capture = [];
          captureSize = 0;
          captureStart = i;
          captureLine = line;
          depth = 1;
        } else stack.push({ t: 'o', key: null, expectKey: true });
      } else if (c === 91) stack.push({ t: 'a', key: null, expectKey: false });
      else if (c === 125 || c === 93) stack.pop();
      else if (c === 44) {
        const top = stack[stack.length - 1];
        if (top?.t === 'o') top.expectKey = true;
      }
      i++;
    }
    if (capture) {
      capture.push(Buffer.from(chunk.subarray(captureStart)));
      captureSize += n - captureStart;
      if (captureSize > MAX_RECORD) throw new RecordTooLarge(`the post at line ${captureLine} is larger than ${MAX_RECORD / 1024 / 1024} MB`);
    } else if (rawStart < n) {
      const bytes = Buffer.from(chunk.subarray(rawStart));
      yield { type: 'raw', bytes, line, end: offset + n };
      line += countLines(bytes);
    }
    offset += n;
  }
  if (capture) yield { type: 'raw', bytes: Buffer.concat(capture), line: captureLine, end: offset };
}

/** Inside `db[n].data.posts` (or `data.posts`), where each `{` opens a post. */
function isPostsArray(stack: Frame[]): boolean {
  const k = stack.length;
  if (k === 5) {
    return stack[0]!.key === 'db' && stack[1]!.t === 'a' && stack[2]!.key === 'data' && stack[3]!.key === 'posts' && stack[4]!.t === 'a';
  }
  return k === 3 && stack[0]!.key === 'data' && stack[1]!.key === 'posts' && stack[2]!.t === 'a';
}

const ITEM_OPEN = Buffer.from('<item');
const ITEM_CLOSE = Buffer.from('</item>');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');
const COMMENT_OPEN = Buffer.from('<!--');
const COMMENT_CLOSE = Buffer.from('-->');

/** Bytes of an export read but not yet handed on, and where they start in the input. */
class Pending {
  buffer: Buffer = Buffer.alloc(0);

  constructor(
    /** Input offset of buffer[0]. */
    public offset: number,
    /** Line at buffer[0]. */
    public line: number,
  ) {}

  append(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
  }

  /** The first `n` bytes as a piece (a record carries the state to resume from after it); the rest stays pending. */
  take(n: number, type: Piece['type']): Piece {
    const bytes = Buffer.from(this.buffer.subarray(0, n));
    const line = this.line;
    this.buffer = this.buffer.subarray(n);
    this.offset += n;
    this.line += countLines(bytes);
    const piece: Piece = { type, bytes, line, end: this.offset };
    if (type === 'record') piece.state = { offset: this.offset, line: this.line };
    return piece;
  }
}

/**
 * A WordPress WXR export (RSS 2.0 with `wp:` fields): each `<item>…</item>`
 * is a record. CDATA sections and comments are skipped over, so an article
 * that mentions `</item>` in its body does not end the item early.
 */
export async function* splitWxr(input: AsyncIterable<Buffer>, from: ScanState = START): AsyncGenerator<Piece> {
  const pending = new Pending(from.offset, from.line);
  let inItem = false; // an item starts at pending.buffer[0], on pending.line
  let pos = 0; // scanned up to here
  let skipUntil: Buffer | null = null;
  for await (const chunk of input) {
    pending.append(chunk);
    for (;;) {
      const buffer = pending.buffer;
      if (skipUntil) {
        const close = buffer.indexOf(skipUntil, pos);
        if (close < 0) {
          pos = Math.max(pos, buffer.length - skipUntil.length + 1);
          break;
        }
        pos = close + skipUntil.length;
        skipUntil = null;
        continue;
      }
      const lt = buffer.indexOf(60, pos);
      if (lt < 0) {
        pos = buffer.length;
        break;
      }
      if (buffer.length - lt < CDATA_OPEN.length) {
        pos = lt;
        break; // need more bytes to tell what this tag is
      }
      if (startsWith(buffer, lt, CDATA_OPEN)) {
        skipUntil = CDATA_CLOSE;
        pos = lt + CDATA_OPEN.length;
      } else if (startsWith(buffer, lt, COMMENT_OPEN)) {
        skipUntil = COMMENT_CLOSE;
        pos = lt + COMMENT_OPEN.length;
      } else if (!inItem && startsWith(buffer, lt, ITEM_OPEN) && isNameEnd(buffer[lt + ITEM_OPEN.length])) {
        if (lt > 0) yield pending.take(lt, 'raw');
        inItem = true;
        pos = ITEM_OPEN.length;
      } else if (inItem && startsWith(buffer, lt, ITEM_CLOSE)) {
        inItem = false;
        pos = 0;
        yield pending.take(lt + ITEM_CLOSE.length, 'record');
      } else pos = lt + 1;
    }
    if (!inItem && !skipUntil && pos > 0) {
      yield pending.take(pos, 'raw'); // what lies before the scan position
      pos = 0;
    } else if (inItem && pending.buffer.length > MAX_RECORD) {
      throw new RecordTooLarge(`the item at line ${pending.line} is larger than ${MAX_RECORD / 1024 / 1024} MB`);
    }
  }
  if (pending.buffer.length) yield pending.take(pending.buffer.length, 'raw');
}

function startsWith(buffer: Buffer, at: number, prefix: Buffer): boolean {
  return buffer.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

function isNameEnd(byte: number | undefined): boolean {
  return byte === 62 || byte === 32 || byte === 9 || byte === 10 || byte === 13 || byte === 47;
}
