/**
 * The bundled knowledge base's matcher, precompiled: `npm run build:kb` writes
 * `data/kb.matcher.bin` beside `data/kb.json`, and loading it costs a file
 * read and a few linear passes instead of building a 200,000-state automaton.
 *
 * The file: the magic `CDKMATCH`, a little-endian u32 header length, a JSON
 * header (format, checksums of the kb.json it was built from and of the
 * body, the arrays' names, types and lengths), then the arrays themselves,
 * each aligned to 4 bytes (checksums: see checksum.ts). A file built from another kb.json, by another format, or
 * damaged is refused; the caller then compiles at runtime, with a warning.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import type { AutomatonTables } from './aho-corasick.js';
import { checksum, digestsOf, type Algorithm, type Digests } from './checksum.js';
import type { KnowledgeBase } from './kb.js';
import { Matcher, type CompiledMatcher } from './matcher.js';

/** Raised with the automaton layout or the target encoding: a file of another format is stale. */
export const COMPILED_FORMAT = 4;
const MAGIC = 'CDKMATCH';
const FILE_NAME = 'kb.matcher.bin';

type ArrayKind = 'i32' | 'u8';
interface Header {
  format: number;
  /** Checksums of the kb.json bytes. */
  kb: Digests;
  /** Checksums of everything after the header. */
  body: Digests;
  parts: Array<{ shallowMax: number; wordStarts: boolean }>;
  arrays: Array<[name: string, kind: ArrayKind, length: number]>;
}

export class CompiledMatcherError extends Error {
  constructor(
    readonly reason: 'missing' | 'stale' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Where the precompiled matcher of a knowledge-base file lives. */
export function compiledPathFor(kbPath: string): string {
  return join(dirname(kbPath), FILE_NAME);
}



function namedArrays(compiled: CompiledMatcher): Array<[string, Int32Array | Uint8Array]> {
  const list: Array<[string, Int32Array | Uint8Array]> = [
    ['targetStart', compiled.targetStart],
    ['targetCode', compiled.targetCode],
    ['targetRef', compiled.targetRef],
  ];
  compiled.parts.forEach((p, i) => {
    const t = p.tables;
    list.push([`${i}.ids`, p.ids], [`${i}.flags`, p.flags], [`${i}.node`, t.node], [`${i}.kids`, t.kids], [`${i}.endPattern`, t.endPattern], [`${i}.endNext`, t.endNext], [`${i}.lengths`, t.lengths]);
  });
  return list;
}

const padded = (n: number) => (n + 3) & ~3;

/** The file's bytes for a matcher of the knowledge base alone, tied to the kb.json bytes' checksums. */
export function serializeMatcher(matcher: Matcher, kbDigests: Digests): Buffer {
  const compiled = matcher.compiled();
  const arrays = namedArrays(compiled);
  const body = Buffer.alloc(arrays.reduce((n, [, a]) => n + padded(a.byteLength), 0));
  let at = 0;
  for (const [, a] of arrays) {
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += padded(a.byteLength);
  }
  const header: Header = {
    format: COMPILED_FORMAT,
    kb: kbDigests,
    body: digestsOf(body),
    parts: compiled.parts.map((p) => ({ shallowMax: p.tables.shallowMax, wordStarts: p.tables.wordStarts })),
    arrays: arrays.map(([name, a]) => [name, a instanceof Uint8Array ? 'u8' : 'i32', a.length]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(padded(MAGIC.length + 4 + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  return Buffer.concat([head, body]);
}

export function writeCompiledMatcher(path: string, matcher: Matcher, kbDigests: Digests): number {
  const bytes = serializeMatcher(matcher, kbDigests);
  writeFileSync(path, bytes);
  return bytes.length;
}

/**
 * The typed arrays of a compiled-matcher file, as views of the bytes read (no
 * copy), after its format, its knowledge base and its checksum are checked.
 */
export function parseCompiledMatcher(file: Uint8Array, kbDigest: string): CompiledMatcher {
  if (endianness() !== 'LE') throw new CompiledMatcherError('stale', 'the compiled matcher is little-endian, this machine is not');
  const bytes = file.byteOffset % 4 === 0 ? file : new Uint8Array(file); // a copy: typed-array views need aligned offsets
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < MAGIC.length + 4 || view.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new CompiledMatcherError('corrupt', 'not a compiled matcher (no CDKMATCH magic)');
  const headerLength = view.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(view.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  } catch {
    throw new CompiledMatcherError('corrupt', 'its header is not JSON');
  }
  if (header.format !== COMPILED_FORMAT) throw new CompiledMatcherError('stale', `it is of format ${header.format}, this copydesk reads ${COMPILED_FORMAT}`);
  const [algorithm, value] = kbDigest.split(':') as [Algorithm, string];
  if (!value || (algorithm !== 'crc32' && algorithm !== 'sha1')) throw new CompiledMatcherError('stale', `"${kbDigest}" is no checksum of a knowledge base (crc32:… or sha1:…, see digestOf)`);
  const built = header.kb?.[algorithm];
  if (built === undefined) throw new CompiledMatcherError('stale', `it has no ${algorithm} checksum (built by another Node)`);
  if (built !== value) throw new CompiledMatcherError('stale', 'it was built from another data/kb.json');
  const bodyStart = padded(MAGIC.length + 4 + headerLength);
  const body = view.subarray(bodyStart);
  if (checksum(algorithm, body) !== header.body?.[algorithm]) throw new CompiledMatcherError('corrupt', 'its checksum does not match (damaged or truncated)');
  const arrays = new Map<string, Int32Array | Uint8Array>();
  let at = 0;
  for (const [name, kind, length] of header.arrays) {
    const byteLength = kind === 'i32' ? length * 4 : length;
    if (at + byteLength > body.length) throw new CompiledMatcherError('corrupt', `array ${name} runs past the end of the file`);
    arrays.set(name, kind === 'i32' ? new Int32Array(body.buffer, body.byteOffset + at, length) : new Uint8Array(body.buffer, body.byteOffset + at, length));
    at += padded(byteLength);
  }
  const i32 = (name: string): Int32Array => {
    const a = arrays.get(name);
    if (!(a instanceof Int32Array)) throw new CompiledMatcherError('corrupt', `array ${name} is missing`);
    return a;
  };
  const u8 = (name: string): Uint8Array => {
    const a = arrays.get(name);
    if (!(a instanceof Uint8Array)) throw new CompiledMatcherError('corrupt', `array ${name} is missing`);
    return a;
  };
  return {
    targetStart: i32('targetStart'),
    targetCode: i32('targetCode'),
    targetRef: i32('targetRef'),
    parts: header.parts.map((p, i) => {
      const tables: AutomatonTables = { node: i32(`${i}.node`), kids: i32(`${i}.kids`), endPattern: i32(`${i}.endPattern`), endNext: i32(`${i}.endNext`), lengths: i32(`${i}.lengths`), shallowMax: p.shallowMax, wordStarts: p.wordStarts };
      return { ids: i32(`${i}.ids`), flags: u8(`${i}.flags`), tables };
    }),
  };
}

/** Reads and checks a compiled-matcher file; `CompiledMatcherError` says why it cannot be used. */
export function readCompiledMatcher(path: string, kbDigest: string): CompiledMatcher {
  if (!existsSync(path)) throw new CompiledMatcherError('missing', `${path} is missing`);
  return parseCompiledMatcher(readFileSync(path), kbDigest);
}

/**
 * The matcher of a knowledge base read from `kbPath` (whose bytes hash to
 * `kbDigest`): from its compiled file when that is sound, else compiled now,
 * with a process warning that says why and how to rebuild the file.
 */
export function loadMatcher(kb: KnowledgeBase, kbPath: string, kbDigest: string): Matcher {
  const path = compiledPathFor(kbPath);
  try {
    return new Matcher(kb, [], readCompiledMatcher(path, kbDigest));
  } catch (error) {
    if (!(error instanceof CompiledMatcherError)) throw error;
    process.emitWarning(`copydesk: the precompiled matcher ${path} cannot be used (${error.message}); compiling the knowledge base now (run \`npm run build:kb\` to rebuild it)`, { code: `COPYDESK_MATCHER_${error.reason.toUpperCase()}` });
    return new Matcher(kb);
  }
}
