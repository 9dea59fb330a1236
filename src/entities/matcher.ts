/**
 * Every name and every replacement entry of the knowledge base and the user
 * dictionaries, compiled into one Aho–Corasick automaton: a block of text is
 * scanned once, whatever the size of the dictionaries. Candidates are then
 * checked for case and Unicode word boundaries, and overlaps resolved
 * leftmost-longest, then by precedence.
 */
import { atWordBoundaries, Automaton, CAPITAL, fold, WHOLE_WORD } from './aho-corasick.js';
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
}

export const USER_PRIORITY = 10;

export class Matcher {
  readonly kb: KnowledgeBase;
  readonly entries: CompiledEntry[];
  private readonly parts: Array<{ automaton: Automaton; ids: Int32Array; flags: Uint8Array }>;
  private readonly targets: Target[][];
  private readonly regexEntries: CompiledEntry[];

  constructor(kb: KnowledgeBase, extra: readonly EntryRecord[] = []) {
    this.kb = kb;
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

    this.entries = [...kb.entries, ...extra].map((e, index) => ({
      ...e,
      index,
      mode: e.mode ?? 'fix',
      priority: e.priority ?? (index < kb.entries.length ? 0 : USER_PRIORITY),
    }));
    this.regexEntries = [];
    for (const entry of this.entries) {
      for (const pattern of entry.patterns) add(pattern, { kind: 'entry', entry, pattern, priority: entry.priority });
      if (entry.regex?.length) {
        entry.compiled = entry.regex.map((r) => new RegExp(r.source, r.flags.includes('g') ? r.flags : `${r.flags}g`));
        this.regexEntries.push(entry);
      }
    }
    // Precedence: for one pattern, only the highest-priority entries stay (later ones win ties).
    for (let k = 0; k < targets.length; k++) {
      const list = targets[k]!;
      if (list.length < 2) continue;
      const entries = list.filter((t) => t.kind === 'entry');
      if (entries.length < 2) continue;
      const top = Math.max(...entries.map((t) => t.priority));
      const winner = entries.filter((t) => t.priority === top).at(-1)!;
      targets[k] = list.filter((t) => t.kind !== 'entry' || t === winner);
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
    this.regexMatches(text, out);
    return out;
  }

  private collect(part: Matcher['parts'][number], text: string, out: Candidate[]): void {
    const raw = part.automaton.search(text, [], part.flags);
    for (let k = 0; k < raw.length; k += 2) {
      const index = part.ids[raw[k]!]!;
      const end = raw[k + 1]!;
      const start = end - part.automaton.patternLength(raw[k]!);
      let bounded: boolean | undefined;
      for (const target of this.targets[index]!) {
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

/**
 * Non-overlapping candidates, leftmost first; at one start the longest, then
 * the highest priority, then the most specific target.
 */
export function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      b.target.priority - a.target.priority ||
      rank(a.target) - rank(b.target),
  );
  const out: Candidate[] = [];
  let reach = 0;
  for (const c of sorted) {
    if (c.start < reach) continue;
    out.push(c);
    reach = c.end;
  }
  return out;
}

/**
 * The replacement for one match of an entry: `expected` (with `$1` groups for
 * a regular expression); a capital at the start of the match is kept
 * ("Dark market prices" → "Grey market prices").
 */
export function replacementFor(entry: EntryRecord, matched: string): string {
  let value = entry.expected;
  const regex = entry.regex?.find((r) => new RegExp(`^(?:${r.source})$`, r.flags.replace('g', '')).test(matched));
  if (regex) value = matched.replace(new RegExp(regex.source, regex.flags.replace('g', '')), entry.expected);
  // "Dark market prices" → "Grey market prices"; a name written with a small letter ("iFlytek") keeps it.
  if (!entry.caseSensitive && /^\p{Lu}/u.test(matched) && /^\p{Ll}+(?:[\s-]|$)/u.test(value)) value = value[0]!.toUpperCase() + value.slice(1);
  return value;
}
