/**
 * A code-unit Aho–Corasick automaton: every pattern found in one pass over a
 * text, whatever the number of patterns (10,000–50,000 names cost about the
 * same as 100). Matching is case-insensitive (a per-code-unit fold that keeps
 * offsets); callers check case and word boundaries on the few real matches.
 *
 * Built from sorted patterns, so no per-node Map: children are laid out in
 * flat typed arrays (CSR), the root has a direct 64 Ki table.
 */

let foldTable: Uint16Array | undefined;

/** Lower case per UTF-16 code unit, curly apostrophes and no-break spaces folded: same length as the input. */
export function foldTableOf(): Uint16Array {
  if (foldTable) return foldTable;
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      table[c] = c;
      continue;
    }
    const lower = String.fromCharCode(c).toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  table[0x2019] = 0x27; // ’ → '
  table[0x2018] = 0x27; // ‘ → '
  table[0xa0] = 0x20; // no-break space → space
  foldTable = table;
  return table;
}

export function fold(text: string): string {
  const table = foldTableOf();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(table[text.charCodeAt(i)]!);
  return out;
}

/** Matches as a flat list: pattern index, end offset (exclusive), repeated. */
export type MatchList = number[];

export class Automaton {
  /** Unique folded patterns, in the order given (duplicates map to the first). */
  readonly patterns: string[];
  private readonly lengths: Int32Array;
  private readonly root: Int32Array;
  private readonly childStart: Int32Array;
  private readonly childCount: Int32Array;
  private readonly childChar: Uint16Array;
  private readonly childNext: Int32Array;
  private readonly fail: Int32Array;
  private readonly out: Int32Array;
  private readonly dict: Int32Array;
  private readonly table: Uint16Array;

  /** `patterns` are folded here; empty ones never match. Index i of the input is pattern i. */
  constructor(patterns: readonly string[]) {
    this.table = foldTableOf();
    const folded = patterns.map((p) => fold(p));
    this.patterns = folded;
    this.lengths = Int32Array.from(folded, (p) => p.length);
    const order = folded.map((_, i) => i).filter((i) => folded[i]!.length > 0);
    order.sort((a, b) => (folded[a]! < folded[b]! ? -1 : folded[a]! > folded[b]! ? 1 : a - b));

    // Trie from sorted strings: children of a node arrive in ascending order.
    const parent: number[] = [0];
    const char: number[] = [0];
    const firstChild: number[] = [-1];
    const lastChild: number[] = [-1];
    const nextSibling: number[] = [-1];
    const outList: number[] = [-1];
    const path: number[] = [0];
    let previous = '';
    for (const index of order) {
      const s = folded[index]!;
      if (s === previous) continue; // a duplicate keeps the first index
      let lcp = 0;
      const max = Math.min(s.length, previous.length);
      while (lcp < max && s.charCodeAt(lcp) === previous.charCodeAt(lcp)) lcp++;
      let node = path[lcp]!;
      for (let k = lcp; k < s.length; k++) {
        const id = parent.length;
        parent.push(node);
        char.push(s.charCodeAt(k));
        firstChild.push(-1);
        lastChild.push(-1);
        nextSibling.push(-1);
        outList.push(-1);
        if (firstChild[node] === -1) firstChild[node] = id;
        else nextSibling[lastChild[node]!] = id;
        lastChild[node] = id;
        node = id;
        path[k + 1] = id;
      }
      outList[node] = index;
      previous = s;
    }

    const size = parent.length;
    this.childStart = new Int32Array(size);
    this.childCount = new Int32Array(size);
    this.childChar = new Uint16Array(Math.max(1, size - 1));
    this.childNext = new Int32Array(Math.max(1, size - 1));
    this.fail = new Int32Array(size);
    this.out = Int32Array.from(outList);
    this.dict = new Int32Array(size);
    this.root = new Int32Array(65536).fill(-1);

    // Lay children out contiguously, breadth first, computing failure links on the way.
    let cursor = 0;
    const queue = new Int32Array(size);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const u = queue[head++]!;
      this.childStart[u] = cursor;
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
        this.childChar[cursor] = char[v]!;
        this.childNext[cursor] = v;
        cursor++;
        queue[tail++] = v;
      }
      this.childCount[u] = cursor - this.childStart[u]!;
      if (u === 0) for (let v = firstChild[0]!; v !== -1; v = nextSibling[v]!) this.root[char[v]!] = v;
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
        if (u === 0) this.fail[v] = 0;
        else {
          let f = this.fail[u]!;
          let target = -1;
          for (;;) {
            target = this.step(f, char[v]!);
            if (target >= 0 || f === 0) break;
            f = this.fail[f]!;
          }
          this.fail[v] = target >= 0 && target !== v ? target : 0;
        }
        const f = this.fail[v]!;
        this.dict[v] = this.out[f]! >= 0 ? f : this.dict[f]!;
      }
    }
  }

  /** Number of trie states. */
  get states(): number {
    return this.fail.length;
  }

  patternLength(index: number): number {
    return this.lengths[index]!;
  }

  private step(state: number, c: number): number {
    if (state === 0) return this.root[c]!;
    const start = this.childStart[state]!;
    const count = this.childCount[state]!;
    if (count <= 8) {
      for (let k = start; k < start + count; k++) if (this.childChar[k] === c) return this.childNext[k]!;
      return -1;
    }
    let lo = start;
    let hi = start + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.childChar[mid]!;
      if (m === c) return this.childNext[mid]!;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Every occurrence of every pattern (overlaps included), as [pattern, end, pattern, end, …]. */
  search(text: string, into: MatchList = []): MatchList {
    const table = this.table;
    const out = this.out;
    const dict = this.dict;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = table[text.charCodeAt(i)]!;
      for (;;) {
        const next = this.step(state, c);
        if (next >= 0) {
          state = next;
          break;
        }
        if (state === 0) break;
        state = this.fail[state]!;
      }
      let t = out[state]! >= 0 ? state : dict[state]!;
      while (t > 0) {
        into.push(out[t]!, i + 1);
        t = dict[t]!;
      }
    }
    return into;
  }
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** 0 unknown, 1 word character of a script that spaces its words, 2 anything else. */
const wordCache = new Uint8Array(65536);

/**
 * A letter, digit or mark of a script that separates words with spaces.
 * Han, kana, Thai and the like do not, so a name inside Chinese text needs no boundary.
 */
export function isSpacedWordChar(code: number): boolean {
  let v = wordCache[code]!;
  if (v === 0) {
    const ch = String.fromCharCode(code);
    v = WORD.test(ch) && !UNSPACED.test(ch) ? 1 : 2;
    if (code >= 0xd800 && code <= 0xdfff) v = 1; // astral letters: treat as word characters
    wordCache[code] = v;
  }
  return v === 1;
}

/** Whether text[start, end) stands as a whole word (Unicode-aware, unlike `\b`). */
export function atWordBoundaries(text: string, start: number, end: number): boolean {
  if (start > 0 && isSpacedWordChar(text.charCodeAt(start)) && isSpacedWordChar(text.charCodeAt(start - 1))) return false;
  if (end < text.length && isSpacedWordChar(text.charCodeAt(end - 1)) && isSpacedWordChar(text.charCodeAt(end))) return false;
  return true;
}
