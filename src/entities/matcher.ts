/**
 * Every name and every replacement entry of the knowledge base and the user
 * dictionaries, compiled into one Aho–Corasick automaton: a block of text is
 * scanned once, whatever the size of the dictionaries. Candidates are then
 * checked for case and Unicode word boundaries, and overlaps resolved
 * leftmost-longest, then by precedence.
 */
import { atWordBoundaries, Automaton, CAPITAL, fold, WHOLE_WORD, type AutomatonTables, type MatchList } from './aho-corasick.js';
import type { EntryRecord, KnowledgeBase, Mode } from './kb.js';

export interface CompiledEntry extends EntryRecord {
  index: number;
  mode: Mode;
  priority: number;
  compiled?: RegExp[] | undefined;
}

export type Target =
  | { kind: 'name'; entity: number; form: 'alias' | 'exact' | 'short'; pattern: string; priority: number }
  | { kind: 'entry'; entry: CompiledEntry; pattern: string; priority: number };

export interface Candidate {
  start: number;
  end: number;
  target: Target;
  /** Set when a rule extended the match (a legal suffix, an HK suffix). */
  extension?: 'legal' | 'hk-suffix' | 'pinyin-tail' | undefined;
  /** Share class named in a legal-suffix extension ("Class C"). */
  shareClass?: string | undefined;
  /** Other entries for the same words at the same span and priority, in precedence order: see `resolve`. */
  alternatives?: CompiledEntry[] | undefined;
  /** Shorter matches inside this one's span, for when its entry's context does not hold: see `resolve`. */
  inside?: Candidate[] | undefined;
}

export const USER_PRIORITY = 10;

/** A target as numbers, for a precompiled matcher: form (0 alias, 1 exact, 2 short, 3 entry) and which of its patterns; entity or entry index. */
const FORMS = ['alias', 'exact', 'short'] as const;
const ENTRY_FORM = 3;

/**
 * Everything a matcher is built to, as typed arrays: what `Matcher.compiled`
 * gives and `Matcher.fromCompiled` takes (see compiled.ts for the file).
 * Pattern k's targets are `targetCode`/`targetRef` at targetStart[k]..targetStart[k+1].
 */
export interface CompiledMatcher {
  targetStart: Int32Array;
  targetCode: Int32Array;
  targetRef: Int32Array;
  parts: Array<{ ids: Int32Array; flags: Uint8Array; tables: AutomatonTables }>;
}

type Part = { automaton: Automaton; ids: Int32Array; flags: Uint8Array };

/** The raw hits of one automaton search, reused: see `collect`. */
const RAW_HITS: MatchList = [];

export class Matcher {
  readonly kb: KnowledgeBase;
  readonly entries: CompiledEntry[];
  private readonly parts: Part[];
  /** Targets by pattern; a precompiled matcher decodes a pattern's targets the first time it is found. */
  private readonly targets: Array<Target[] | undefined>;
  private readonly encoded: CompiledMatcher | undefined;
  private readonly regexEntries: CompiledEntry[];

  /** Compiles the knowledge base and `extra` entries; or, given `compiled` (from this knowledge base alone), loads that. */
  constructor(kb: KnowledgeBase, extra: readonly EntryRecord[] = [], compiled?: CompiledMatcher) {
    this.kb = kb;
    const entries = kb.entries.length ? kb.entries.concat(extra) : [...extra];
    this.entries = entries.map((e, index) => compiledEntry(e, index, index < kb.entries.length ? 0 : USER_PRIORITY));
    this.regexEntries = [];
    for (const entry of this.entries) {
      if (!entry.regex?.length) continue;
      entry.compiled = entry.regex.map((r) => new RegExp(r.source, r.flags.includes('g') ? r.flags : `${r.flags}g`));
      this.regexEntries.push(entry);
    }
    if (compiled) {
      if (extra.length) throw new Error('a precompiled matcher holds the knowledge base alone');
      const size = compiled.targetStart.length - 1;
      this.encoded = compiled;
      this.targets = new Array<Target[] | undefined>(size);
      this.parts = compiled.parts.map((part) => ({
        automaton: Automaton.fromTables(part.tables, () => Array.from(part.ids, (k) => fold(this.targetsOf(k)[0]?.pattern ?? ''))),
        ids: part.ids,
        flags: part.flags,
      }));
      return;
    }
    this.encoded = undefined;
    const unique = new Map<string, number>();
    const patterns: string[] = [];
    const targets: Target[][] = [];
    const add = (pattern: string, target: Target) => {
      const key = fold(pattern);
      if (!key) return;
      let index = unique.get(key);
      if (index === undefined) {
        index = patterns.length;
        unique.set(key, index);
        patterns.push(key);
        targets.push([]);
      }
      targets[index]!.push(target);
    };

    kb.entities.forEach((entity, i) => {
      for (const name of [entity.name, ...(entity.aliases ?? [])]) add(name, { kind: 'name', entity: i, form: 'alias', pattern: name, priority: 0 });
      for (const name of entity.exact ?? []) add(name, { kind: 'name', entity: i, form: 'exact', pattern: name, priority: 0 });
      for (const name of entity.short ?? []) add(name, { kind: 'name', entity: i, form: 'short', pattern: name, priority: 0 });
    });

    for (const entry of this.entries) for (const pattern of entry.patterns) add(pattern, { kind: 'entry', entry, pattern, priority: entry.priority });
    // Precedence: for one pattern, only the highest-priority entries stay, the later first. The first is
    // the match; the others are its alternatives, tried where its context does not hold (one rendering,
    // two people: "the entry's context decides").
    for (let k = 0; k < targets.length; k++) {
      const list = targets[k]!;
      if (list.length < 2) continue;
      const entries = list.filter((t) => t.kind === 'entry');
      if (entries.length < 2) continue;
      const top = Math.max(...entries.map((t) => t.priority));
      const kept = entries.filter((t) => t.priority === top).reverse();
      targets[k] = [...kept, ...list.filter((t) => t.kind !== 'entry')];
    }
    this.targets = targets;
    // What every target of a pattern asks for is checked inside the scan: whole words, a capital first letter.
    const flags = targets.map((list) => {
      const whole = list.every((t) => t.kind === 'name' || t.entry.wordBoundary !== false);
      const capital = list.every((t) => t.kind === 'name' && /^\p{Lu}/u.test(t.pattern));
      return (whole ? WHOLE_WORD : 0) | (capital ? CAPITAL : 0);
    });
    // Whole-word patterns (nearly all) go into an automaton that starts matches only where words
    // start; the few that may match inside a word (wordBoundary: false) into a second one.
    const whole: number[] = [];
    const inner: number[] = [];
    flags.forEach((f, k) => (f & WHOLE_WORD ? whole : inner).push(k));
    this.parts = [whole, inner]
      .filter((ids) => ids.length > 0)
      .map((ids) => ({
        automaton: new Automaton(ids.map((k) => patterns[k]!), { folded: true, wordStarts: ids === whole }),
        ids: Int32Array.from(ids),
        flags: Uint8Array.from(ids, (k) => flags[k]!),
      }));
  }

  /** This matcher as typed arrays, for `new Matcher(kb, [], compiled)` (only a matcher of the knowledge base alone). */
  compiled(): CompiledMatcher {
    if (this.encoded) return this.encoded;
    if (this.entries.length !== this.kb.entries.length) throw new Error('only a matcher of the knowledge base alone is precompiled');
    const size = this.targets.length;
    const targetStart = new Int32Array(size + 1);
    const codes: number[] = [];
    const refs: number[] = [];
    for (let k = 0; k < size; k++) {
      for (const t of this.targets[k]!) {
        if (t.kind === 'entry') {
          codes.push(ENTRY_FORM | (t.entry.patterns.indexOf(t.pattern) << 2));
          refs.push(t.entry.index);
        } else {
          const e = this.kb.entity(t.entity);
          const list = t.form === 'alias' ? [e.name, ...(e.aliases ?? [])] : t.form === 'exact' ? e.exact ?? [] : e.short ?? [];
          codes.push(FORMS.indexOf(t.form) | (list.indexOf(t.pattern) << 2));
          refs.push(t.entity);
        }
      }
      targetStart[k + 1] = codes.length;
    }
    return {
      targetStart,
      targetCode: Int32Array.from(codes),
      targetRef: Int32Array.from(refs),
      parts: this.parts.map((p) => ({ ids: p.ids, flags: p.flags, tables: p.automaton.tables() })),
    };
  }

  /** The targets of distinct pattern k. */
  private targetsOf(k: number): Target[] {
    const known = this.targets[k];
    if (known) return known;
    const { targetStart, targetCode, targetRef } = this.encoded!;
    const list: Target[] = [];
    for (let j = targetStart[k]!; j < targetStart[k + 1]!; j++) {
      const form = targetCode[j]! & 3;
      const which = targetCode[j]! >>> 2;
      const ref = targetRef[j]!;
      if (form === ENTRY_FORM) {
        const entry = this.entries[ref]!;
        list.push({ kind: 'entry', entry, pattern: entry.patterns[which]!, priority: entry.priority });
      } else {
        const e = this.kb.entity(ref);
        const pattern = form === 0 ? (which === 0 ? e.name : e.aliases![which - 1]!) : form === 1 ? e.exact![which]! : e.short![which]!;
        list.push({ kind: 'name', entity: ref, form: FORMS[form]!, pattern, priority: 0 });
      }
    }
    return (this.targets[k] = list);
  }

  /** Whether this matcher was loaded from a precompiled form rather than built. */
  get precompiled(): boolean {
    return this.encoded !== undefined;
  }

  /** The automaton of the whole-word patterns (tests and benchmarks look at it). */
  get automaton(): Automaton {
    return this.parts[0]!.automaton;
  }

  /** Number of distinct literal patterns in the automaton. */
  get size(): number {
    return this.targets.length;
  }

  /** All acceptable matches in `text`: case and word boundaries checked, overlaps kept. */
  find(text: string): Candidate[] {
    const out: Candidate[] = [];
    for (const part of this.parts) this.collect(part, text, out);
    if (this.regexEntries.length) this.regexMatches(text, out);
    return out;
  }

  private collect(part: Part, text: string, out: Candidate[]): void {
    // One scratch list for the raw hits of every search (most blocks have none: a new list each cost more
    // than searching a short block); nothing called while the hits are read searches again.
    const raw = part.automaton.search(text, RAW_HITS, part.flags);
    if (raw.length === 0) return;
    try {
      this.collectHits(part, text, raw, out);
    } finally {
      raw.length = 0;
    }
  }

  private collectHits(part: Part, text: string, raw: MatchList, out: Candidate[]): void {
    for (let k = 0; k < raw.length; k += 2) {
      const index = part.ids[raw[k]!]!;
      const end = raw[k + 1]!;
      const start = end - part.automaton.patternLength(raw[k]!);
      let bounded: boolean | undefined;
      for (const target of this.targetsOf(index)) {
        if (!caseMatches(target, text, start, end)) continue;
        const wantBoundary = target.kind === 'name' || target.entry.wordBoundary !== false;
        if (wantBoundary && !(bounded ??= atWordBoundaries(text, start, end))) continue;
        out.push({ start, end, target });
      }
    }
  }

  private regexMatches(text: string, out: Candidate[]): void {
    for (const entry of this.regexEntries) {
      for (const re of entry.compiled!) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const end = m.index + m[0].length;
          if (entry.wordBoundary !== false && !atWordBoundaries(text, m.index, end)) continue;
          out.push({ start: m.index, end, target: { kind: 'entry', entry, pattern: re.source, priority: entry.priority } });
        }
      }
    }
  }
}

/**
 * An entry with its defaults filled in, every field written out in one order:
 * one object shape for all, where a spread of thousands of parsed objects of
 * varied shapes costs several times as much (it was most of a precompiled load).
 */
function compiledEntry(e: EntryRecord, index: number, defaultPriority: number): CompiledEntry {
  const entry: { [K in keyof Required<CompiledEntry>]: CompiledEntry[K] | undefined } = {
    rule: e.rule,
    expected: e.expected,
    patterns: e.patterns,
    regex: e.regex,
    entity: e.entity,
    mode: e.mode ?? 'fix',
    caseSensitive: e.caseSensitive,
    wordBoundary: e.wordBoundary,
    context: e.context,
    lead: e.lead,
    note: e.note,
    source: e.source,
    priority: e.priority ?? defaultPriority,
    specs: e.specs,
    index,
    compiled: undefined,
  };
  return entry as CompiledEntry;
}

function caseMatches(target: Target, text: string, start: number, end: number): boolean {
  const pattern = target.pattern;
  if (target.kind === 'name') {
    if (target.form !== 'alias') return text.startsWith(pattern, start);
    // A name matched without regard to case must still start as it is written ("apple" is fruit).
    const first = pattern[0]!;
    return first === first.toLowerCase() || text[start] === first;
  }
  if (target.entry.caseSensitive) return end - start === pattern.length && text.startsWith(pattern, start);
  return true;
}

/** At one span (same priority): an exchange short name as printed, an entry, a name as printed, a name in any case. */
function rank(t: Target): number {
  return t.kind === 'entry' ? 1 : t.form === 'short' ? 0 : t.form === 'exact' ? 2 : 3;
}

/** Leftmost first; at one start the longest, then the highest priority, then the most specific target. */
const precedence = (a: Candidate, b: Candidate) => a.start - b.start || b.end - a.end || b.target.priority - a.target.priority || rank(a.target) - rank(b.target);

/**
 * Non-overlapping candidates, leftmost first; at one start the longest, then
 * the highest priority, then the most specific target.
 */
export function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(precedence);
  const out: Candidate[] = [];
  let reach = 0;
  for (const c of sorted) {
    if (c.start < reach) {
      // Another entry for the same words (another person, another story): kept beside the first for its context to decide.
      const last = out[out.length - 1]!;
      if (c.start === last.start && c.end === last.end && c.extension === last.extension && c.target.kind === 'entry' && last.target.kind === 'entry' && c.target.priority === last.target.priority && c.target.entry !== last.target.entry) {
        (last.alternatives ??= []).push(c.target.entry);
      } else if (last.target.kind === 'entry' && last.target.entry.context) {
        // "10-year national debt" in a story its entry's context does not fit: "national debt" inside it may fit its own,
        // and so may a match crossing its end ("track stocks" of "new energy track stocks").
        (last.inside ??= []).push(c);
      }
      continue;
    }
    out.push(c);
    reach = c.end;
  }
  return out;
}

/**
 * The non-overlapping matches inside `c`, for when its entry's context does
 * not hold: leftmost first, the longest at each start (`resolve` without
 * keeping anything beside them). Then a match crossing its end, ending
 * before `limit` (where the next match starts). Where the crossing match
 * overlaps matches inside, both are offered: the words inside come first
 * where their own contexts hold, the crossing match where none of theirs
 * does ("the Entrepreneurial Board Index": the index whose words cross the
 * refused "the Entrepreneurial Board", whose board alone is refused too).
 */
export function insideOf(c: Candidate, limit = Infinity): Candidate[] {
  if (!c.inside) return [];
  const contained = nonOverlapping(c.inside.filter((x) => x.end <= c.end));
  const crossing = c.inside.filter((x) => x.end > c.end && x.end <= limit).sort(precedence)[0];
  return crossing ? [...contained, crossing].sort(precedence) : contained;
}

function nonOverlapping(candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  let reach = 0;
  for (const x of candidates.sort(precedence)) {
    if (x.start < reach) continue;
    out.push(x);
    reach = x.end;
  }
  return out;
}

/**
 * The candidate whose entry's context holds: `c` itself, or the first of its
 * alternatives that holds (as a candidate of its own), or `c` when none does;
 * undefined when the contexts of two entries naming different people or
 * companies both hold (two people's stories in one article: unsure, so
 * neither; two terms' contexts that both hold leave the first).
 */
export function byContext(c: Candidate, holds: (entry: CompiledEntry) => boolean): Candidate | undefined {
  if (!c.alternatives || c.target.kind !== 'entry') return c;
  const first = c.target.entry;
  const held = [first, ...c.alternatives].filter(holds);
  const entry = held[0];
  if (!entry) return c;
  if (entry.context && entry.rule !== 'jargon' && held.some((e) => e.context && e.expected !== entry.expected)) return undefined;
  if (entry === first) return c;
  const { alternatives: _others, ...rest } = c;
  return { ...rest, target: { kind: 'entry', entry, pattern: c.target.pattern, priority: c.target.priority } };
}

/**
 * The replacement for one match of an entry: `expected` (with `$1` groups for
 * a regular expression); a capital at the start of the match is kept
 * ("Dark market prices" → "Grey market prices").
 */
export function replacementFor(entry: EntryRecord, matched: string, opensSentence = true): string {
  let value = entry.expected;
  const regex = entry.regex?.find((r) => new RegExp(`^(?:${r.source})$`, r.flags.replace('g', '')).test(matched));
  if (regex) value = matched.replace(new RegExp(regex.source, regex.flags.replace('g', '')), entry.expected);
  // "Dark market prices" → "Grey market prices" at a sentence's start; inside one, a phrase written in capitals
  // ("on the Dragon and Tiger List") is the common noun it stands for. A name written with a small letter ("iFlytek") keeps it.
  if (!entry.caseSensitive && opensSentence && /^\p{Lu}/u.test(matched) && /^\p{Ll}+(?:[\s-]|$)/u.test(value)) value = value[0]!.toUpperCase() + value.slice(1);
  return value;
}

/** Whether `start` opens a sentence of `text`: the block's start, or after a full stop, question or exclamation mark (and a quote or bracket). */
export function opensSentence(text: string, start: number): boolean {
  return /(?:^|[.!?]["'”’)\]]?\s+)["'“‘(]?$/u.test(text.slice(Math.max(0, start - 6), start)) || start === 0;
}
