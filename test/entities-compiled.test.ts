/**
 * The precompiled matcher (data/kb.matcher.bin): it finds exactly what the
 * matcher built at runtime finds, and a stale, damaged or missing file is
 * refused and replaced by a runtime build, with a warning.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digestOf, digestsOf } from '../src/entities/checksum.js';
import { COMPILED_FORMAT, compiledPathFor, CompiledMatcherError, loadMatcher, parseCompiledMatcher, readCompiledMatcher, serializeMatcher, writeCompiledMatcher } from '../src/entities/compiled.js';
import { bundledSource, KnowledgeBase, type KbData } from '../src/entities/kb.js';
import { foldTableOf } from '../src/entities/aho-corasick.js';
import { Matcher, type Candidate } from '../src/entities/matcher.js';
import { matcherFor } from '../src/entities/setup.js';

/** A candidate as text: span, and what it points at (entity and form, or entry index), so two matchers compare by value. */
function describeAll(found: Candidate[]): string[] {
  return found
    .map((c) => {
      const t = c.target;
      const what = t.kind === 'name' ? `name ${t.entity} ${t.form}` : `entry ${t.entry.index} ${t.entry.rule} ${t.entry.mode}`;
      return `${c.start}-${c.end} ${what} "${t.pattern}" p${t.priority}`;
    })
    .sort();
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * Text made of the knowledge base's own patterns, cased and glued in the ways
 * that decide a match: as written, upper and lower case, inside a longer word
 * (which must not match a whole-word pattern), after a possessive, in Chinese.
 */
function generatedText(kb: KnowledgeBase, seed: number, pieces: number): string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const forms: string[] = [];
  for (let k = 0; k < pieces; k++) {
    const useEntry = next() < 0.4 && kb.entries.length > 0;
    let form: string;
    if (useEntry) form = pick(pick(kb.entries).patterns.length ? pick(kb.entries).patterns : ['the']);
    else {
      const e = pick(kb.entities);
      form = pick([e.name, ...(e.aliases ?? []), ...(e.exact ?? []), ...(e.short ?? [])]);
    }
    const shape = next();
    if (shape < 0.15) form = form.toUpperCase();
    else if (shape < 0.3) form = form.toLowerCase();
    else if (shape < 0.4) form = `x${form}s`;
    else if (shape < 0.45) form = `${form}’s`;
    else if (shape < 0.5) form = `据${form}报道`;
    forms.push(form, pick([' ', ' said ', ', ', ' (00700) ', '. ', ' and ', '-', '\u00a0']));
  }
  return forms.join('');
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-compiled-'));
  dirs.push(dir);
  return dir;
}

/** A knowledge base of a few names and entries, in the shapes that matter: aliases, exact and short names, an inner-word entry, a regex. */
const smallData: KbData = {
  version: 1,
  entities: [
    { id: 'us:AAA', type: 'company', name: 'Arbour Analytics', aliases: ['Arbour'], tickers: ['US:AAA'] },
    { id: 'hk:01234', type: 'company', name: 'Harbour Group', exact: ['Harbour Holdings'], short: ['HARBOUR GP-W'], tickers: ['HK:01234'], fixShort: true },
    { id: 'p:li', type: 'person', name: 'Li Wen', aliases: ['Wen Li'] },
  ],
  entries: [
    { rule: 'entity-name', expected: 'Arbour Analytics', patterns: ['Arbor Analitics', 'arbour analytic'], entity: 'us:AAA' },
    { rule: 'jargon', expected: 'grey market', patterns: ['dark market', 'dark-market'] },
    { rule: 'jargon', expected: 'yuan', patterns: ['RMB'], caseSensitive: true },
    { rule: 'jargon', expected: 'kilo', patterns: ['kilogramme'], wordBoundary: false },
    { rule: 'jargon', expected: 'per cent', patterns: [], regex: [{ source: 'pct\\.?', flags: 'i' }] },
  ],
};
const smallText =
  'Arbor Analitics and ARBOUR, arbour analytics, Harbour Holdings (not harbour holdings) and HARBOUR GP-W; ' +
  'a dark-market deal in RMB, not rmb; two kilogrammes and a multikilogramme lot; 5 pct. Wen Li met Li Wen; Arbourside is a street.';

describe('precompiled matcher of the shipped knowledge base', () => {
  const shipped = bundledSource();
  const compiledFile = compiledPathFor(shipped.path);
  const built = new Matcher(shipped.kb);

  it('is current: built from this data/kb.json, by this format', () => {
    expect(() => readCompiledMatcher(compiledFile, shipped.digest)).not.toThrow();
  });

  it('is what the entity plugins get by default', () => {
    const m = matcherFor();
    expect(m.precompiled).toBe(true);
    expect(m.size).toBe(built.size);
    expect(matcherFor({ dictionaries: [{ rules: [{ expected: 'Harbour Holdings', patterns: ['Harbor Hldgs'] }] }] }).precompiled).toBe(false);
  });

  it('finds exactly what the runtime-built matcher finds, on the corpus, the fixtures and generated text', () => {
    const loaded = new Matcher(shipped.kb, [], readCompiledMatcher(compiledFile, shipped.digest));
    const texts = [
      ...filesUnder(join(process.cwd(), '..', 'shared', 'corpus'), /^input\.(txt|md|html)$/),
      ...filesUnder(join(process.cwd(), 'fixtures'), /\.(txt|md|html)$/),
    ].map((f) => readFileSync(f, 'utf8'));
    expect(texts.length).toBeGreaterThan(100);
    for (let seed = 1; seed <= 40; seed++) texts.push(generatedText(shipped.kb, seed, 300));
    let candidates = 0;
    for (const text of texts) {
      const want = describeAll(built.find(text));
      candidates += want.length;
      expect(describeAll(loaded.find(text))).toEqual(want);
    }
    expect(candidates).toBeGreaterThan(10_000);
    // The folded patterns, read lazily from the targets, are those the build folded.
    expect(loaded.automaton.patterns).toEqual(built.automaton.patterns);
  });

  it('serializes to the same bytes as the file (the build is deterministic)', () => {
    expect(serializeMatcher(built, digestsOf(readFileSync(shipped.path))).equals(readFileSync(compiledFile))).toBe(true);
  });
});

describe('compiled matcher files', () => {
  const kb = new KnowledgeBase(structuredClone(smallData));
  const runtime = new Matcher(kb);
  // The checksums of the bytes the matcher is tied to (a kb.json's, in use).
  const kbBytes = Buffer.from(JSON.stringify(smallData));
  const digests = digestsOf(kbBytes);
  const digest = digestOf(kbBytes);

  it('round-trips every kind of target: names, exact and short forms, entries, inner-word and case-sensitive ones, regexes', () => {
    const bytes = serializeMatcher(runtime, digests);
    const loaded = new Matcher(kb, [], parseCompiledMatcher(bytes, digest));
    const found = describeAll(loaded.find(smallText));
    expect(found).toEqual(describeAll(runtime.find(smallText)));
    expect(found.join('\n')).toMatch(/kilogramme/); // inside "multikilogramme" too
    expect(found.some((f) => f.includes('"RMB"'))).toBe(true);
    expect(found.filter((f) => f.includes('"RMB"'))).toHaveLength(1); // not "rmb"
    expect(found.some((f) => f.startsWith('99-') || f.includes('Arbourside'))).toBe(false);
    expect(serializeMatcher(loaded, digests).equals(bytes)).toBe(true);
  });

  it('refuses a file built from other data, of another format, damaged, truncated or not a matcher at all', () => {
    const bytes = serializeMatcher(runtime, digests);
    const reason = (file: Uint8Array, kbDigest = digest) => {
      try {
        parseCompiledMatcher(file, kbDigest);
        return 'accepted';
      } catch (error) {
        return error instanceof CompiledMatcherError ? error.reason : `other: ${(error as Error).message}`;
      }
    };
    expect(reason(bytes)).toBe('accepted');
    expect(reason(bytes, digestOf(Buffer.from('{"version":1,"entities":[],"entries":[]}')))).toBe('stale');
    const otherFormat = Buffer.from(bytes.toString('latin1').replace(`"format":${COMPILED_FORMAT},`, `"format":${COMPILED_FORMAT + 1},`), 'latin1');
    expect(otherFormat.equals(bytes)).toBe(false);
    expect(reason(otherFormat)).toBe('stale');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 5]! ^= 0x40;
    expect(reason(flipped)).toBe('corrupt');
    expect(reason(bytes.subarray(0, bytes.length - 64))).toBe('corrupt');
    expect(reason(Buffer.from('{"version":1}'))).toBe('corrupt');
    expect(reason(Buffer.alloc(0))).toBe('corrupt');
    // At an offset that typed arrays cannot view: copied, then read.
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    expect(reason(shifted.subarray(1))).toBe('accepted');
  });

  it('is read on any Node 20: by its CRC-32 where Node has zlib.crc32, else by its SHA-1', () => {
    expect(digest).toMatch(/^crc32:[0-9a-f]{8}$/); // this Node has it (20.15 and later)
    const bothKinds = serializeMatcher(runtime, digests);
    expect(() => parseCompiledMatcher(bothKinds, `sha1:${digests.sha1}`)).not.toThrow();
    // A file written where Node had no CRC holds SHA-1 alone: a reader with the CRC calls it stale and compiles at runtime.
    const sha1Only = serializeMatcher(runtime, { sha1: digests.sha1 });
    expect(() => parseCompiledMatcher(sha1Only, `sha1:${digests.sha1}`)).not.toThrow();
    expect(() => parseCompiledMatcher(sha1Only, digest)).toThrow(/no crc32 checksum/);
    // Damage is told by either checksum.
    const flipped = Buffer.from(bothKinds);
    flipped[flipped.length - 9]! ^= 0x01;
    for (const d of [digest, `sha1:${digests.sha1}`]) expect(() => parseCompiledMatcher(flipped, d)).toThrow(/checksum does not match/);
  });

  it('falls back to a runtime build, with a warning, when the file beside kb.json is stale, damaged or missing', async () => {
    const dir = tempDir();
    const kbFile = join(dir, 'kb.json');
    writeFileSync(kbFile, JSON.stringify(smallData));
    const binFile = compiledPathFor(kbFile);
    writeCompiledMatcher(binFile, new Matcher(new KnowledgeBase(structuredClone(smallData))), digestsOf(readFileSync(kbFile)));
    const warnings: Error[] = [];
    const listener = (w: Error) => warnings.push(w);
    process.on('warning', listener);
    try {
      const load = () => {
        const bytes = readFileSync(kbFile);
        const fresh = new KnowledgeBase(JSON.parse(bytes.toString('utf8')) as KbData);
        return { matcher: loadMatcher(fresh, kbFile, digestOf(bytes)), fresh };
      };
      const settle = () => new Promise((r) => setImmediate(r));

      expect(load().matcher.precompiled).toBe(true);
      await settle();
      expect(warnings).toHaveLength(0);

      // kb.json edited after the build: a new name must be found, so the old file is refused.
      const edited: KbData = structuredClone(smallData);
      edited.entities.push({ id: 'us:NEW', type: 'company', name: 'Quayside Motors' });
      writeFileSync(kbFile, JSON.stringify(edited));
      const stale = load();
      expect(stale.matcher.precompiled).toBe(false);
      expect(describeAll(stale.matcher.find('Quayside Motors and Arbour'))).toEqual(describeAll(new Matcher(stale.fresh).find('Quayside Motors and Arbour')));
      expect(describeAll(stale.matcher.find('Quayside Motors'))).toHaveLength(1);

      // Rebuilt, then damaged on disk.
      writeCompiledMatcher(binFile, new Matcher(new KnowledgeBase(structuredClone(edited))), digestsOf(readFileSync(kbFile)));
      expect(load().matcher.precompiled).toBe(true);
      const damaged = readFileSync(binFile);
      damaged[Math.floor(damaged.length * 0.75)]! ^= 0xff;
      writeFileSync(binFile, damaged);
      const corrupt = load();
      expect(corrupt.matcher.precompiled).toBe(false);
      expect(describeAll(corrupt.matcher.find(smallText))).toEqual(describeAll(new Matcher(corrupt.fresh).find(smallText)));

      rmSync(binFile);
      expect(load().matcher.precompiled).toBe(false);

      await settle();
      expect(warnings.map((w) => (w as Error & { code?: string }).code)).toEqual(['COPYDESK_MATCHER_STALE', 'COPYDESK_MATCHER_CORRUPT', 'COPYDESK_MATCHER_MISSING']);
      for (const w of warnings) expect(w.message).toMatch(/npm run build:kb/);
    } finally {
      process.off('warning', listener);
    }
  });

  it('ships beside kb.json in the package', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('data/kb.matcher.bin');
  });
});

describe('the case-fold table', () => {
  it('is what lower-casing each code unit alone gives (built a block at a time)', () => {
    const table = foldTableOf();
    const differ: string[] = [];
    for (let c = 0; c < 65536; c++) {
      let want = c;
      if (c < 0xd800 || c > 0xdfff) {
        const lower = String.fromCharCode(c).toLowerCase();
        if (lower.length === 1) want = lower.charCodeAt(0);
      }
      if (c === 0x2019 || c === 0x2018) want = 0x27;
      if (c === 0xa0) want = 0x20;
      if (table[c] !== want) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });
});
