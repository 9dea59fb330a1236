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

const NOT_ASCII = /[^\x00-\x7f]/;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

export function fold(text: string): string {
  if (!NOT_ASCII.test(text)) return text.toLowerCase(); // the table agrees with toLowerCase on ASCII
  const table = foldTableOf();
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = table[text.charCodeAt(i)]!;
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

/** Pattern flags for `search`: report only whole words; only where the first letter is a capital. */
export const WHOLE_WORD = 1;
export const CAPITAL = 2;

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
  /** Matches start only where a word starts (or at a character of an unspaced script). */
  private readonly wordStarts: boolean;
  /** Offset of a state's ASCII table in `dense`, or -1. */
  private readonly denseAt: Int32Array;
  private dense: Int32Array = new Int32Array(0);

  /**
   * `patterns` are folded here (pass `folded: true` if they already are);
   * empty ones never match. Index i of the input is pattern i.
   */
  constructor(patterns: readonly string[], options: { folded?: boolean; wordStarts?: boolean } = {}) {
    this.table = foldTableOf();
    this.wordStarts = options.wordStarts === true;
    const wordStarts = this.wordStarts;
    const folded = options.folded ? [...patterns] : patterns.map((p) => fold(p));
    this.patterns = folded;
    this.lengths = Int32Array.from(folded, (p) => p.length);
    // Unique strings in code-unit order (the native sort), each with its first index.
    const firstIndex = new Map<string, number>();
    folded.forEach((p, i) => {
      if (p.length && !firstIndex.has(p)) firstIndex.set(p, i);
    });
    const sorted = [...firstIndex.keys()].sort();

    // Trie from sorted strings: children of a node arrive in ascending order, and
    // only while the node is on the current path, so "last child" is kept per depth.
    let size = 1;
    let maxLength = 0;
    for (let k = 0; k < sorted.length; k++) {
      const s = sorted[k]!;
      const previous = k > 0 ? sorted[k - 1]! : '';
      size += s.length - commonPrefix(s, previous);
      if (s.length > maxLength) maxLength = s.length;
    }
    const char = new Uint16Array(size);
    const firstChild = new Int32Array(size).fill(-1);
    const nextSibling = new Int32Array(size).fill(-1);
    const outList = new Int32Array(size).fill(-1);
    const path = new Int32Array(maxLength + 1);
    const lastChildAt = new Int32Array(maxLength + 1).fill(-1);
    let created = 1;
    for (let k = 0; k < sorted.length; k++) {
      const s = sorted[k]!;
      const lcp = commonPrefix(s, k > 0 ? sorted[k - 1]! : '');
      let node = path[lcp]!;
      for (let d = lcp; d < s.length; d++) {
        const id = created++;
        char[id] = s.charCodeAt(d);
        if (lastChildAt[d] === -1) firstChild[node] = id;
        else nextSibling[lastChildAt[d]!] = id;
        lastChildAt[d] = id;
        lastChildAt[d + 1] = -1; // the new node has no children yet
        node = id;
        path[d + 1] = id;
      }
      outList[node] = firstIndex.get(s)!;
    }

    // Number states breadth first: the shallow states every scan keeps visiting
    // then sit together in memory instead of spread over the whole trie.
    {
      const order = new Int32Array(size);
      const renumber = new Int32Array(size);
      let head = 0;
      let tail = 1;
      while (head < tail) {
        const u = order[head++]!;
        for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) order[tail++] = v;
      }
      for (let k = 0; k < size; k++) renumber[order[k]!] = k;
      const char2 = new Uint16Array(size);
      const first2 = new Int32Array(size);
      const next2 = new Int32Array(size);
      const out2 = new Int32Array(size);
      for (let old = 0; old < size; old++) {
        const v = renumber[old]!;
        char2[v] = char[old]!;
        first2[v] = firstChild[old] === -1 ? -1 : renumber[firstChild[old]!]!;
        next2[v] = nextSibling[old] === -1 ? -1 : renumber[nextSibling[old]!]!;
        out2[v] = outList[old]!;
      }
      char.set(char2);
      firstChild.set(first2);
      nextSibling.set(next2);
      outList.set(out2);
    }

    this.childStart = new Int32Array(size);
    this.childCount = new Int32Array(size);
    this.childChar = new Uint16Array(Math.max(1, size - 1));
    this.childNext = new Int32Array(Math.max(1, size - 1));
    this.fail = new Int32Array(size);
    this.out = outList;
    this.dict = new Int32Array(size);
    this.root = new Int32Array(65536).fill(-1);
    this.denseAt = new Int32Array(size).fill(-1);
    const denseStates: number[] = [];

    // Lay children out contiguously, breadth first, computing failure links on the way.
    let cursor = 0;
    const depth = new Int32Array(size);
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
      else if (depth[u]! <= 2) denseStates.push(u);
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) depth[v] = depth[u]! + 1;
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
        if (u === 0) this.fail[v] = 0;
        else {
          let f = this.fail[u]!;
          let target = -1;
          for (;;) {
            // With word starts only, a match may not begin in the middle of a word.
            if (f === 0 && wordStarts && isSpacedWordChar(char[u]!) && isSpacedWordChar(char[v]!)) break;
            target = this.step(f, char[v]!);
            if (target >= 0 || f === 0) break;
            f = this.fail[f]!;
          }
          this.fail[v] = target >= 0 ? target : 0;
        }
        const f = this.fail[v]!;
        this.dict[v] = this.out[f]! >= 0 ? f : this.dict[f]!;
      }
    }
    // The shallow states, where failing transitions end, get a complete ASCII
    // transition table (failures resolved at build time): prose is mostly ASCII.
    this.dense = new Int32Array(denseStates.length * 128);
    denseStates.forEach((u, k) => {
      const base = k * 128;
      const f = this.fail[u]!;
      const fallback = f === 0 ? -1 : this.denseAt[f]!; // fail states are shallower: done already
      const midWord = wordStarts && isSpacedWordChar(char[u]!);
      for (let c = 0; c < 128; c++) {
        // Failing to the root: the state's last character is the text's previous one.
        const viaRoot = midWord && isSpacedWordChar(c) ? 0 : Math.max(0, this.root[c]!);
        this.dense[base + c] = f === 0 ? viaRoot : this.dense[fallback + c]!;
      }
      const start = this.childStart[u]!;
      for (let j = start; j < start + this.childCount[u]!; j++) if (this.childChar[j]! < 128) this.dense[base + this.childChar[j]!] = this.childNext[j]!;
      this.denseAt[u] = base;
    });
    for (let c = 0; c < 128; c++) if (this.root[c]! < 0) this.root[c] = 0; // from the root, an unknown character stays at the root
  }

  /** Number of trie states. */
  get states(): number {
    return this.fail.length;
  }

  patternLength(index: number): number {
    return this.lengths[index]!;
  }

  /** The child of `state` on `c`, or -1 (sparse states; during the build). */
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

  /**
   * Every occurrence of every pattern (overlaps included), as [pattern, end,
   * pattern, end, …]. `flags` per pattern can ask for a whole word
   * (`WHOLE_WORD`) and a capital first letter (`CAPITAL`), so that most raw
   * hits of short names ("rev" in "revenue", the word "on" for ON
   * Semiconductor) never leave the loop.
   */
  search(text: string, into: MatchList = [], flags?: Uint8Array): MatchList {
    const table = this.table;
    const out = this.out;
    const dict = this.dict;
    const lengths = this.lengths;
    let state = 0;
    const root = this.root;
    const dense = this.dense;
    const denseAt = this.denseAt;
    const wordStarts = this.wordStarts;
    let previousWord = false;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const c = table[code]!;
      const word = wordStarts && (code < 128 ? ASCII_WORD[code] === 1 : isSpacedWordChar(code));
      for (;;) {
        if (state === 0) {
          // Inside a word, no match can start: most characters end here.
          state = word && previousWord ? 0 : Math.max(0, root[c]!);
          break;
        }
        const d = denseAt[state]!;
        if (d >= 0 && c < 128) {
          state = dense[d + c]!; // complete: failures already resolved
          break;
        }
        const next = this.step(state, c);
        if (next >= 0) {
          state = next;
          break;
        }
        state = this.fail[state]!;
      }
      previousWord = word;
      let t = out[state]! >= 0 ? state : dict[state]!;
      while (t > 0) {
        const p = out[t]!;
        const f = flags ? flags[p]! : 0;
        const start = i + 1 - lengths[p]!;
        if (f === 0 || (!(f & CAPITAL && table[text.charCodeAt(start)] === text.charCodeAt(start)) && !(f & WHOLE_WORD && !atWordBoundaries(text, start, i + 1)))) into.push(p, i + 1);
        t = dict[t]!;
      }
    }
    return into;
  }
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Letters and digits of ASCII, for the scan's hot path. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

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
