/**
 * CMS exports read as streams, cut into records without parsing the whole
 * file: a JSON Lines line, a Ghost post (`db[].data.posts[]`), a WordPress
 * `<item>`. Everything between records comes out as `raw` pieces, so writing
 * every piece back in order reproduces the file byte for byte.
 *
 * Memory stays bounded by MAX_RECORD, whatever the file's size. A record
 * larger than that is not held: it is passed on as `raw` pieces as it is
 * read (so it is written back unchanged) and then told by an `oversized`
 * piece with its line and its first bytes (for its id), so one such record
 * never sinks the export. Each record carries the scanner's state just past
 * it, so an interrupted run can resume reading from that byte offset (see
 * resume.ts).
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
  /** `oversized`: the end of a record too big to clean, its bytes already passed on as `raw` pieces; `bytes` is empty. */
  type: 'raw' | 'record' | 'oversized';
  bytes: Buffer;
  /** Line of the input where the piece starts (1-based). */
  line: number;
  /** Byte offset of the input just past the piece. */
  end: number;
  /** For records: the scanner state just past it, to resume from. */
  state?: ScanState;
  /** Oversized: its first and last bytes (where its id is, most likely), and what to report. */
  head?: Buffer;
  error?: string;
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

/** Bytes of an oversized record kept to find its id in. */
const HEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const tooLarge = (what: string) => `${what} is larger than ${MAX_RECORD / 1024 / 1024} MB: written back unchanged, not cleaned`;

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
  /** A line too long to hold, being passed on: where it started, its first bytes. */
  let overflow: { line: number; head: Buffer } | undefined;
  const passOn = (bytes: Buffer): Piece => {
    const piece: Piece = { type: 'raw', bytes, line, end: offset + bytes.length };
    offset += bytes.length;
    return piece;
  };
  const oversized = (over: { line: number; head: Buffer }): Piece => {
    line = over.line + 1;
    return { type: 'oversized', bytes: EMPTY, line: over.line, end: offset, state: { offset, line }, head: over.head, error: tooLarge(`line ${over.line}`) };
  };
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
      start = nl + 1;
      if (overflow) {
        yield passOn(Buffer.from(part));
        overflow.head = Buffer.concat([overflow.head.subarray(0, HEAD_BYTES), part.subarray(-HEAD_BYTES)]);
        yield oversized(overflow);
        overflow = undefined;
        continue;
      }
      const bytes = pending.length ? Buffer.concat([...pending, part]) : Buffer.from(part);
      pending = [];
      pendingSize = 0;
      yield emit(bytes);
    }
    if (start < chunk.length) {
      if (overflow) yield passOn(Buffer.from(chunk.subarray(start)));
      else {
        pending.push(chunk.subarray(start));
        pendingSize += chunk.length - start;
        if (pendingSize > MAX_RECORD) {
          const bytes = Buffer.concat(pending);
          pending = [];
          pendingSize = 0;
          overflow = { line, head: Buffer.from(bytes.subarray(0, HEAD_BYTES)) };
          yield passOn(bytes);
        }
      }
    }
  }
  if (overflow) yield oversized(overflow);
  else if (pending.length) yield emit(Buffer.concat(pending));
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
  /** The post being captured is too big to hold: its bytes are passed on as read; its first bytes. */
  let overflowHead: Buffer | undefined;

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
            const end = offset + i + 1;
            if (overflowHead) {
              const rest = Buffer.from(chunk.subarray(captureStart, i + 1));
              yield { type: 'raw', bytes: rest, line, end };
              line += countLines(rest);
              const state = { offset: end, line, stack: stack.map((f) => ({ ...f })) };
              yield { type: 'oversized', bytes: EMPTY, line: captureLine, end, state, head: overflowHead, error: tooLarge(`the post at line ${captureLine}`) };
              overflowHead = undefined;
            } else {
              capture.push(chunk.subarray(captureStart, i + 1));
              const bytes = Buffer.concat(capture);
              const lines = countLines(bytes);
              yield { type: 'record', bytes, line: captureLine, end, state: { offset: end, line: captureLine + lines, stack: stack.map((f) => ({ ...f })) } };
              line = captureLine + lines;
            }
            capture = null;
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
    if (capture && overflowHead) {
      const bytes = Buffer.from(chunk.subarray(captureStart));
      yield { type: 'raw', bytes, line, end: offset + n };
      line += countLines(bytes);
    } else if (capture) {
      capture.push(Buffer.from(chunk.subarray(captureStart)));
      captureSize += n - captureStart;
      if (captureSize > MAX_RECORD) {
        // too big to hold: pass on what is read, and the rest of the post as it comes
        const bytes = Buffer.concat(capture);
        capture = [];
        overflowHead = Buffer.from(bytes.subarray(0, HEAD_BYTES));
        yield { type: 'raw', bytes, line, end: offset + n };
        line += countLines(bytes);
      }
    } else if (rawStart < n) {
      const bytes = Buffer.from(chunk.subarray(rawStart));
      yield { type: 'raw', bytes, line, end: offset + n };
      line += countLines(bytes);
    }
    offset += n;
  }
  if (capture && overflowHead) yield { type: 'oversized', bytes: EMPTY, line: captureLine, end: offset, state: { offset, line, stack }, head: overflowHead, error: tooLarge(`the post at line ${captureLine}`) };
  else if (capture) yield { type: 'raw', bytes: Buffer.concat(capture), line: captureLine, end: offset };
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
  /** The item being read is too big to hold: it is passed on as read; where it started, its first bytes. */
  let overflow: { line: number; head: Buffer } | undefined;
  const oversized = (over: { line: number; head: Buffer }): Piece => ({
    type: 'oversized',
    bytes: EMPTY,
    line: over.line,
    end: pending.offset,
    state: { offset: pending.offset, line: pending.line },
    head: over.head,
    error: tooLarge(`the item at line ${over.line}`),
  });
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
        if (overflow) {
          const rest = pending.take(lt + ITEM_CLOSE.length, 'raw');
          yield rest;
          overflow.head = Buffer.concat([overflow.head, rest.bytes.subarray(-HEAD_BYTES)]);
          yield oversized(overflow);
          overflow = undefined;
        } else yield pending.take(lt + ITEM_CLOSE.length, 'record');
      } else pos = lt + 1;
    }
    if (!inItem && !skipUntil && pos > 0) {
      yield pending.take(pos, 'raw'); // what lies before the scan position
      pos = 0;
    } else if (inItem && (overflow || pending.buffer.length > MAX_RECORD) && pos > 0) {
      // too big to hold: what is scanned goes on as it is, the scan goes on from there
      overflow ??= { line: pending.line, head: Buffer.from(pending.buffer.subarray(0, HEAD_BYTES)) };
      yield pending.take(pos, 'raw');
      pos = 0;
    }
  }
  if (pending.buffer.length) yield pending.take(pending.buffer.length, 'raw');
  if (overflow) yield oversized(overflow);
}

function startsWith(buffer: Buffer, at: number, prefix: Buffer): boolean {
  return buffer.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

function isNameEnd(byte: number | undefined): boolean {
  return byte === 62 || byte === 32 || byte === 9 || byte === 10 || byte === 13 || byte === 47;
}
