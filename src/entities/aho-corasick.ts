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
  for (let c = 0; c < 65536; c++) table[c] = c;
  // Only characters that change when lower-cased (about 1,400) are lower-cased one by one: a call
  // for each of the 65,536 was a good part of every process's start. Surrogates stay as they are.
  const units = new Uint16Array(0xd800 + 0x2000);
  units.set(table.subarray(0, 0xd800));
  units.set(table.subarray(0xe000), 0xd800);
  const all = Buffer.from(units.buffer).toString('utf16le');
  for (const m of all.matchAll(/\p{Changes_When_Lowercased}/gu)) {
    const lower = m[0].toLowerCase();
    if (lower.length === 1) table[m[0].charCodeAt(0)] = lower.charCodeAt(0);
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

/**
 * A state's record in `node`, four 32-bit fields (16 bytes: four states to a
 * cache line): children count and, for one child, its character; that child,
 * or where the children start in `kids`; the failure link; the first output
 * entry on the failure chain (1-based, see `endPattern`; 0: none).
 */
const COUNT_CHAR = 0;
const NEXT_OR_KIDS = 1;
const FAIL = 2;
const FIRST_OUT = 3;
const SHIFT = 2;
/** Depth up to which states get a complete ASCII table. */
const SHALLOW = 2;
/**
 * Depth up to which states are numbered breadth first. Nearly every word start
 * reaches a depth-3 state; kept together, their records stay in cache instead
 * of costing a miss per word of text in a large knowledge base.
 */
const BREADTH_FIRST = 3;

export class Automaton {
  /** Folded patterns, or where to get them (a precompiled automaton reads them only when asked). */
  private folded: string[] | (() => string[]);
  private readonly lengths: Int32Array;
  /** Transitions from the root, by code unit (-1: none; ASCII: 0 for "stay"). */
  private readonly root: Int32Array;
  private readonly node: Int32Array;
  /** Children of states with several: pairs of (character, state). */
  private readonly kids: Int32Array;
  /**
   * Output chains: entry k (1-based, as FIRST_OUT holds it) is a state that
   * ends a pattern: the pattern, and the next entry on its failure chain (0: none).
   */
  private readonly endPattern: Int32Array;
  private readonly endNext: Int32Array;
  /** Complete ASCII tables of states 1..shallowMax (failures resolved), 128 entries each. */
  private readonly dense: Int32Array;
  private readonly shallowMax: number;
  private readonly table: Uint16Array;
  /** Matches start only where a word starts (or at a character of an unspaced script). */
  private readonly wordStarts: boolean;

  /**
   * `patterns` are folded here (pass `folded: true` if they already are);
   * empty ones never match. Index i of the input is pattern i.
   */
  constructor(patterns: readonly string[], options: { folded?: boolean; wordStarts?: boolean } = {}) {
    this.table = foldTableOf();
    const wordStarts = (this.wordStarts = options.wordStarts === true);
    const folded = options.folded ? [...patterns] : patterns.map((p) => fold(p));
    this.folded = folded;
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
      size += s.length - commonPrefix(s, k > 0 ? sorted[k - 1]! : '');
      if (s.length > maxLength) maxLength = s.length;
    }
    let char = new Uint16Array(size);
    let firstChild = new Int32Array(size).fill(-1);
    let nextSibling = new Int32Array(size).fill(-1);
    let out = new Int32Array(size).fill(-1);
    let depth = new Int32Array(size);
    {
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
          depth[id] = d + 1;
          if (lastChildAt[d] === -1) firstChild[node] = id;
          else nextSibling[lastChildAt[d]!] = id;
          lastChildAt[d] = id;
          lastChildAt[d + 1] = -1; // the new node has no children yet
          node = id;
          path[d + 1] = id;
        }
        out[node] = firstIndex.get(s)!;
      }
    }

    // Number the states for memory locality: the shallow ones, which every scan
    // keeps visiting, breadth first at the front; below them, each subtree in
    // depth-first order, so walking down one name reads consecutive records.
    // Breadth first, the states of depth 1..SHALLOW come first: 1..shallowMax.
    let shallowMax = 0;
    {
      const order = new Int32Array(size);
      let n = 0;
      order[n++] = 0;
      for (let head = 0; head < n; head++) {
        const u = order[head]!;
        if (depth[u]! >= BREADTH_FIRST) continue;
        for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) order[n++] = v;
      }
      while (shallowMax + 1 < n && depth[order[shallowMax + 1]!]! <= SHALLOW) shallowMax++;
      const stack: number[] = [];
      for (let k = n - 1; k >= 1; k--) if (depth[order[k]!] === BREADTH_FIRST) for (let v = firstChild[order[k]!]!; v !== -1; v = nextSibling[v]!) stack.push(v);
      // stack holds the nodes one below the breadth-first ones; pop order gives preorder when children are pushed in reverse.
      stack.reverse();
      const pending: number[] = [];
      for (const top of stack) {
        pending.push(top);
        while (pending.length) {
          const u = pending.pop()!;
          order[n++] = u;
          const children: number[] = [];
          for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) children.push(v);
          for (let j = children.length - 1; j >= 0; j--) pending.push(children[j]!);
        }
      }
      const renumber = new Int32Array(size);
      for (let k = 0; k < size; k++) renumber[order[k]!] = k;
      const char2 = new Uint16Array(size);
      const first2 = new Int32Array(size);
      const next2 = new Int32Array(size);
      const out2 = new Int32Array(size);
      const depth2 = new Int32Array(size);
      for (let old = 0; old < size; old++) {
        const v = renumber[old]!;
        char2[v] = char[old]!;
        first2[v] = firstChild[old] === -1 ? -1 : renumber[firstChild[old]!]!;
        next2[v] = nextSibling[old] === -1 ? -1 : renumber[nextSibling[old]!]!;
        out2[v] = out[old]!;
        depth2[v] = depth[old]!;
      }
      char = char2;
      firstChild = first2;
      nextSibling = next2;
      out = out2;
      depth = depth2;
    }

    // Records and children, then failure links breadth first.
    const node = new Int32Array(size << SHIFT);
    const kids = new Int32Array(Math.max(2, 2 * size));
    const root = new Int32Array(65536).fill(-1);
    const dict = new Int32Array(size);
    let cursor = 0;
    for (let u = 0; u < size; u++) {
      let count = 0;
      let only = -1;
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
        count++;
        only = v;
        if (u === 0) root[char[v]!] = v;
      }
      const b = u << SHIFT;
      if (count === 1) {
        node[b + COUNT_CHAR] = (1 << 16) | char[only]!;
        node[b + NEXT_OR_KIDS] = only;
      } else {
        node[b + COUNT_CHAR] = count << 16;
        node[b + NEXT_OR_KIDS] = cursor;
        for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
          kids[cursor++] = char[v]!;
          kids[cursor++] = v;
        }
      }
    }
    const child = (state: number, c: number): number => {
      if (state === 0) return root[c]!;
      const b = state << SHIFT;
      const count = node[b + COUNT_CHAR]! >>> 16;
      if (count === 1) return (node[b + COUNT_CHAR]! & 0xffff) === c ? node[b + NEXT_OR_KIDS]! : -1;
      for (let k = node[b + NEXT_OR_KIDS]!, end = k + 2 * count; k < end; k += 2) if (kids[k] === c) return kids[k + 1]!;
      return -1;
    };
    const queue = new Int32Array(size);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      for (let v = firstChild[u]!; v !== -1; v = nextSibling[v]!) {
        queue[tail++] = v;
        let target = -1;
        if (u !== 0) {
          let f = node[(u << SHIFT) + FAIL]!;
          for (;;) {
            // With word starts only, a match may not begin in the middle of a word.
            if (f === 0 && wordStarts && isSpacedWordChar(char[u]!) && isSpacedWordChar(char[v]!)) break;
            target = child(f, char[v]!);
            if (target >= 0 || f === 0) break;
            f = node[(f << SHIFT) + FAIL]!;
          }
        }
        const f = target >= 0 ? target : 0;
        node[(v << SHIFT) + FAIL] = f;
        dict[v] = out[f]! >= 0 ? f : dict[f]!;
      }
    }
    // The states that end a pattern numbered 1.. in state order; each state's first output is one of them.
    const entryOf = new Int32Array(size);
    let ends = 0;
    for (let u = 0; u < size; u++) if (out[u]! >= 0) entryOf[u] = ++ends;
    const endPattern = new Int32Array(ends);
    const endNext = new Int32Array(ends);
    for (let u = 0; u < size; u++) {
      const e = entryOf[u]!;
      if (e > 0) {
        endPattern[e - 1] = out[u]!;
        endNext[e - 1] = dict[u]! > 0 ? entryOf[dict[u]!]! : 0;
      }
      node[(u << SHIFT) + FIRST_OUT] = e > 0 ? e : dict[u]! > 0 ? entryOf[dict[u]!]! : 0;
    }

    for (let c = 0; c < 128; c++) if (root[c]! < 0) root[c] = 0; // from the root, an unknown character stays there
    this.node = node;
    this.kids = kids.slice(0, Math.max(2, cursor));
    this.root = root;
    this.endPattern = endPattern;
    this.endNext = endNext;
    this.dense = denseTables(node, this.kids, root, shallowMax, wordStarts, char);
    this.shallowMax = shallowMax;
  }

  /**
   * An automaton from the tables `tables()` gave (a precompiled matcher): the
   * records, the root and dense tables are expanded again in linear passes;
   * nothing is built. `patterns` is asked for only when read.
   */
  static fromTables(tables: AutomatonTables, patterns: () => string[]): Automaton {
    const { node, kids, endPattern, endNext, lengths, shallowMax, wordStarts } = tables;
    const size = node.length >> SHIFT;
    if (size < 1 || node.length !== size << SHIFT || shallowMax >= size || endPattern.length !== endNext.length) throw new Error('automaton tables of inconsistent sizes');
    const root = rootTable(node, kids);
    // The character each shallow state is reached by: their parents are the root and depth-1 states, all numbered ≤ shallowMax.
    const char = new Uint16Array(shallowMax + 1);
    for (let u = 0; u <= shallowMax; u++) eachChild(node, kids, u, (c, v) => {
      if (v <= shallowMax) char[v] = c;
    });
    // The fields in the order the class declares them, so both kinds of automaton share one shape.
    const fields: Record<'folded' | 'lengths' | 'root' | 'node' | 'kids' | 'endPattern' | 'endNext' | 'dense' | 'shallowMax' | 'table' | 'wordStarts', unknown> = {
      folded: patterns,
      lengths,
      root,
      node,
      kids,
      endPattern,
      endNext,
      dense: denseTables(node, kids, root, shallowMax, wordStarts, char),
      shallowMax,
      table: foldTableOf(),
      wordStarts,
    };
    return Object.assign(Object.create(Automaton.prototype) as Automaton, fields);
  }

  /** Folded patterns, index i for pattern i (duplicates folded the same; empty ones never match). */
  get patterns(): string[] {
    if (typeof this.folded === 'function') this.folded = this.folded();
    return this.folded;
  }

  /** What `fromTables` needs to rebuild this automaton (views of its own arrays; the root and dense tables are derived). */
  tables(): AutomatonTables {
    return { node: this.node, kids: this.kids, endPattern: this.endPattern, endNext: this.endNext, lengths: this.lengths, shallowMax: this.shallowMax, wordStarts: this.wordStarts };
  }

  /** Number of trie states. */
  get states(): number {
    return this.node.length >> SHIFT;
  }

  patternLength(index: number): number {
    return this.lengths[index]!;
  }

  /**
   * Every occurrence of every pattern (overlaps included), as [pattern, end,
   * pattern, end, …]. `flags` per pattern can ask for a whole word
   * (`WHOLE_WORD`) and a capital first letter (`CAPITAL`), so that most raw
   * hits of short names ("rev" in "revenue", the word "on" for ON
   * Semiconductor) never leave the loop.
   */
  search(text: string, into: MatchList = [], flags?: Uint8Array): MatchList {
    const { table, node, kids, root, dense, endPattern, endNext, lengths, wordStarts, shallowMax } = this;
    let state = 0;
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
        if (state <= shallowMax && c < 128) {
          state = dense[(state - 1) * 128 + c]!; // complete: failures already resolved
          break;
        }
        const b = state << SHIFT;
        const countChar = node[b + COUNT_CHAR]!;
        if (countChar >>> 16 === 1) {
          if ((countChar & 0xffff) === c) {
            state = node[b + NEXT_OR_KIDS]!;
            break;
          }
        } else if (countChar !== 0) {
          let next = -1;
          for (let k = node[b + NEXT_OR_KIDS]!, end = k + 2 * (countChar >>> 16); k < end; k += 2) {
            if (kids[k] === c) {
              next = kids[k + 1]!;
              break;
            }
          }
          if (next >= 0) {
            state = next;
            break;
          }
        }
        state = node[b + FAIL]!;
      }
      previousWord = word;
      let k = node[(state << SHIFT) + FIRST_OUT]!;
      while (k > 0) {
        const p = endPattern[k - 1]!;
        const f = flags ? flags[p]! : 0;
        const start = i + 1 - lengths[p]!;
        if (f === 0 || (!(f & CAPITAL && table[text.charCodeAt(start)] === text.charCodeAt(start)) && !(f & WHOLE_WORD && !atWordBoundaries(text, start, i + 1)))) into.push(p, i + 1);
        k = endNext[k - 1]!;
      }
    }
    return into;
  }
}

/** An automaton as stored: what cannot be derived from the rest in a linear pass. */
export interface AutomatonTables {
  /** Four fields a state (COUNT_CHAR, NEXT_OR_KIDS, FAIL, FIRST_OUT). */
  node: Int32Array;
  kids: Int32Array;
  endPattern: Int32Array;
  endNext: Int32Array;
  lengths: Int32Array;
  shallowMax: number;
  wordStarts: boolean;
}

function eachChild(node: Int32Array, kids: Int32Array, u: number, visit: (c: number, v: number) => void): void {
  const b = u << SHIFT;
  const count = node[b + COUNT_CHAR]! >>> 16;
  if (count === 1) visit(node[b + COUNT_CHAR]! & 0xffff, node[b + NEXT_OR_KIDS]!);
  else for (let k = node[b + NEXT_OR_KIDS]!, end = k + 2 * count; k < end; k += 2) visit(kids[k]!, kids[k + 1]!);
}

/** Transitions from the root by code unit: -1 for none, except ASCII, where 0 means "stay". */
function rootTable(node: Int32Array, kids: Int32Array): Int32Array {
  const root = new Int32Array(65536).fill(-1);
  eachChild(node, kids, 0, (c, v) => (root[c] = v));
  for (let c = 0; c < 128; c++) if (root[c]! < 0) root[c] = 0;
  return root;
}

/**
 * The shallow states, where failing transitions end, get a complete ASCII
 * transition table (failures resolved at build time): prose is mostly ASCII.
 * `char[u]` is the character state u is reached by.
 */
function denseTables(node: Int32Array, kids: Int32Array, root: Int32Array, shallowMax: number, wordStarts: boolean, char: Uint16Array): Int32Array {
  const dense = new Int32Array(shallowMax * 128);
  for (let u = 1; u <= shallowMax; u++) {
    const base = (u - 1) * 128;
    const f = node[(u << SHIFT) + FAIL]!;
    const midWord = wordStarts && isSpacedWordChar(char[u]!);
    for (let c = 0; c < 128; c++) {
      // Failing to the root: the state's last character is the text's previous one.
      const viaRoot = midWord && isSpacedWordChar(c) ? 0 : Math.max(0, root[c]!);
      dense[base + c] = f === 0 ? viaRoot : dense[(f - 1) * 128 + c]!; // fail states are shallower: done
    }
    eachChild(node, kids, u, (c, v) => {
      if (c < 128) dense[base + c] = v;
    });
  }
  return dense;
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
