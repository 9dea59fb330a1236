/**
 * The Markdown writer's text handler, with the same output in less work for
 * documents of many short texts.
 *
 * mdast-util-to-markdown escapes each text by running every one of its unsafe
 * patterns (about seventy regular expressions, each with a scope check) over
 * it: a fixed cost per text node that made a list of 100,000 one-line items
 * take five times a plain article of the same size to write. A pattern can
 * only match where its character is, so the handler runs only the patterns
 * whose character occurs in the text or in the characters around it; the rest
 * could not have matched. The default handler then does the rest as always.
 *
 * Before that, most texts are let through as they are, after a decision that
 * costs one pass over their characters and allocates nothing: the patterns in
 * scope where the text stands are sorted once per construct stack into those
 * that apply at a line start, those that look at one character on either side
 * (judged on the neighbours, by table) and those that always escape; a text
 * with no line ending or backslash whose characters none of them can match is
 * what `safe` would return. Anything else is escaped by the library's steps
 * (src/write/markdown-escape.ts), or by the library itself where those do not apply.
 */
import type { Parents, Text } from 'mdast';
import { defaultHandlers, type Info, type State, type Unsafe } from 'mdast-util-to-markdown';
import { canEscape, escapeText } from './markdown-escape.js';

interface Patterns {
  length: number;
  /** Every character some pattern escapes, as one class. */
  characters: RegExp;
  /** The same characters by code, when all are ASCII (they are for every pattern the library and GFM define). */
  ascii: Uint8Array | undefined;
  /** The patterns for each set of characters met so far, keyed by those characters in the order met. */
  bySet: Map<string, Unsafe[]>;
}

const known = new WeakMap<Unsafe[], Patterns>();
/** Distinct character sets kept per document; texts beyond that many filter afresh. */
const MAX_SETS = 4096;

/** The patterns of `unsafe` by character (rebuilt if a handler added patterns). */
function patternsOf(unsafe: Unsafe[]): Patterns {
  let patterns = known.get(unsafe);
  if (!patterns || patterns.length !== unsafe.length) {
    const characters = [...new Set(unsafe.map((pattern) => pattern.character))];
    const body = characters.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    let ascii: Uint8Array | undefined = new Uint8Array(128);
    for (const c of characters) {
      if (c.length !== 1 || c.charCodeAt(0) >= 128) ascii = undefined;
      else if (ascii) ascii[c.charCodeAt(0)] = 1;
    }
    patterns = { length: unsafe.length, characters: new RegExp(`[${body}]`, 'g'), ascii, bySet: new Map() };
    known.set(unsafe, patterns);
  }
  return patterns;
}

export function text(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  if (isVerbatimText(node.value, state, info)) return node.value;
  const all = state.unsafe;
  const patterns = patternsOf(all);
  const key = patterns.ascii ? charactersIn(patterns.ascii, info.before, node.value, info.after) : charactersMatched(patterns.characters, `${info.before}${node.value}${info.after}`);
  let relevant = patterns.bySet.get(key);
  if (!relevant) {
    relevant = all.filter((pattern) => key.includes(pattern.character));
    if (patterns.bySet.size < MAX_SETS) patterns.bySet.set(key, relevant);
  }
  if (canEscape(state, info, relevant)) return escapeText(state, node.value, info, relevant);
  state.unsafe = relevant;
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
}

/** The pattern characters in the parts, each once, in the order met (a scan of codes: no array of matches for a long text). */
function charactersIn(ascii: Uint8Array, ...parts: string[]): string {
  const seen = new Uint8Array(128);
  let key = '';
  for (const part of parts) {
    for (let index = 0; index < part.length; index++) {
      const code = part.charCodeAt(index);
      if (code < 128 && ascii[code] === 1 && seen[code] === 0) {
        seen[code] = 1;
        key += part[index];
      }
    }
  }
  return key;
}

function charactersMatched(characters: RegExp, value: string): string {
  let key = '';
  for (const c of value.match(characters) ?? []) if (!key.includes(c)) key += c;
  return key;
}

/** How one in-scope pattern can match at its character. */
type Check =
  /** Always, or not decidable from one neighbour on each side: the library decides. */
  | { kind: 'always' }
  /** Only at a line start (after spaces, tabs and, for some, digits). */
  | { kind: 'break' }
  /** When the characters before and after are in these classes (undefined: no condition). */
  | { kind: 'around'; before: CharClass | undefined; after: CharClass | undefined };

interface CharClass {
  /** How many characters in a row (`[Ww]{3}`). */
  count: number;
  ascii: Uint8Array;
  /** Whether any character outside ASCII may match (a negated or Unicode-wide class). */
  other: boolean;
}

interface Scope {
  /** Checks per ASCII character code; characters outside ASCII are in no pattern. */
  checks: Array<Check[] | undefined>;
  /**
   * The characters to look at anywhere in a text: those with a check that can match inside it,
   * line endings and backslashes. The rest need looking at only at a line start (break checks)
   * or as a text's first or last character (checks on a neighbour that must be a line ending,
   * which a text without line endings has only outside it).
   */
  anywhere: RegExp;
  /** The same characters by code (all are ASCII), for short texts, where a loop costs less than a match. */
  anywhereCodes: Uint8Array;
}

/**
 * Scopes by pattern list, then by construct stack. Every document gets a new `state.unsafe` array,
 * but of the same pattern objects, so the list is known by their identities: built once per
 * processor, not per document.
 */
const patternIds = new WeakMap<Unsafe, number>();
let lastPatternId = 0;
const scopesByPatterns = new Map<string, Map<string, Scope>>();
const scopesByArray = new WeakMap<Unsafe[], { length: number; byStack: Map<string, Scope> }>();

function scopesFor(unsafe: Unsafe[]): Map<string, Scope> {
  let entry = scopesByArray.get(unsafe);
  if (!entry || entry.length !== unsafe.length) {
    const key = unsafe
      .map((pattern) => {
        let id = patternIds.get(pattern);
        if (id === undefined) patternIds.set(pattern, (id = ++lastPatternId));
        return id;
      })
      .join(',');
    let byStack = scopesByPatterns.get(key);
    if (!byStack) {
      if (scopesByPatterns.size >= 64) scopesByPatterns.clear();
      scopesByPatterns.set(key, (byStack = new Map()));
    }
    entry = { length: unsafe.length, byStack };
    scopesByArray.set(unsafe, entry);
  }
  return entry.byStack;
}

/** The patterns in scope for the current construct stack, sorted into checks (cached per stack). */
function scopeOf(state: State): Scope {
  // The text before this one mostly stood in the same constructs with the same patterns: no map lookups.
  const recent = latest;
  if (recent && recent.unsafe === state.unsafe && recent.length === state.unsafe.length && sameStack(recent.stack, state.stack)) return recent.scope;
  const scope = scopeFromMaps(state);
  latest = { unsafe: state.unsafe, length: state.unsafe.length, stack: [...state.stack], scope };
  return scope;
}

/** The scope last returned, with the pattern list (and its length) and the stack it was for. */
let latest: { unsafe: Unsafe[]; length: number; stack: string[]; scope: Scope } | undefined;

function scopeFromMaps(state: State): Scope {
  const byStack = scopesFor(state.unsafe);
  const stack = state.stack;
  // Texts in a row mostly stand in the same constructs: the last stack's scope, compared entry by entry.
  const last = lastScope.get(byStack);
  if (last && sameStack(last.stack, stack)) return last.scope;
  const key = stack.join(' ');
  let scope = byStack.get(key);
  if (!scope) byStack.set(key, (scope = buildScope(state.unsafe, stack)));
  lastScope.set(byStack, { stack: [...stack], scope });
  return scope;
}

const lastScope = new WeakMap<Map<string, Scope>, { stack: string[]; scope: Scope }>();

function sameStack(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function inScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list;
  if (!names || names.length === 0) return none;
  return names.some((name) => stack.includes(name));
}

/** One character, escaped or literal, or one bracketed class: what a neighbour test can decide. */
const ONE_CHARACTER = /^(?:\\[^dDsSwWpPbBuxc0-9]|\[(?:\\.|[^\]\\])+\]|[^\\[\]().*+?{}^$|])$/;

const charClasses = new Map<string, CharClass | 'complex'>();

function charClass(source: string | null | undefined): CharClass | undefined | 'complex' {
  if (source === undefined || source === null) return undefined;
  let known = charClasses.get(source);
  if (!known) charClasses.set(source, (known = compileCharClass(source)));
  return known;
}

function compileCharClass(source: string): CharClass | 'complex' {
  const repeated = /^(.*)\{([1-9])\}$/.exec(source);
  const one = repeated ? repeated[1]! : source;
  if (!ONE_CHARACTER.test(one)) return 'complex';
  const expression = new RegExp(`^(?:${one})$`);
  const ascii = new Uint8Array(128);
  for (let code = 0; code < 128; code++) ascii[code] = expression.test(String.fromCharCode(code)) ? 1 : 0;
  return { count: repeated ? Number(repeated[2]) : 1, ascii, other: one.startsWith('[^') || /\\[sSWDpP]/.test(one) };
}

function buildScope(unsafe: Unsafe[], stack: readonly string[]): Scope {
  const checks: Array<Check[] | undefined> = [];
  for (const pattern of unsafe) {
    if (!inScope(stack, pattern.inConstruct, true) || inScope(stack, pattern.notInConstruct, false)) continue;
    const code = pattern.character.charCodeAt(0);
    let check: Check;
    if (pattern.character.length !== 1 || code >= 128) check = { kind: 'always' };
    else if (pattern.atBreak) check = !pattern.before || pattern.before === '\\d+' ? { kind: 'break' } : { kind: 'always' };
    else {
      const before = charClass(pattern.before);
      const after = charClass(pattern.after);
      check = before === 'complex' || after === 'complex' ? { kind: 'always' } : { kind: 'around', before, after };
    }
    (checks[code] ??= []).push(check);
  }
  let anywhere = '\\n\\r\\\\';
  const anywhereCodes = new Uint8Array(128);
  anywhereCodes[10] = anywhereCodes[13] = anywhereCodes[92] = 1;
  for (let code = 0; code < 128; code++) {
    const here = checks[code];
    if (here?.some((check) => check.kind === 'always' || (check.kind === 'around' && !lineEndingOnly(check.before) && !lineEndingOnly(check.after)))) {
      anywhere += `\\u${code.toString(16).padStart(4, '0')}`;
      anywhereCodes[code] = 1;
    }
  }
  return { checks, anywhere: new RegExp(`[${anywhere}]`, 'g'), anywhereCodes };
}

/** A one-character class that holds only line endings. */
function lineEndingOnly(cls: CharClass | undefined): boolean {
  if (!cls || cls.count !== 1 || cls.other) return false;
  for (let code = 0; code < 128; code++) if (cls.ascii[code] === 1 && code !== 10 && code !== 13) return false;
  return true;
}

function classHas(cls: CharClass, code: number): boolean {
  if (Number.isNaN(code)) return false;
  return code < 128 ? cls.ascii[code] === 1 : cls.other;
}

/** The code unit `offset` places from `index` in before + value + after (NaN outside). */
function unitAt(value: string, index: number, offset: number, before: string, after: string): number {
  const at = index + offset;
  if (at < 0) return before.charCodeAt(before.length + at);
  if (at >= value.length) return after.charCodeAt(at - value.length);
  return value.charCodeAt(at);
}

/** Whether the `count` characters before (or after) `index` are all in the class. */
function runMatches(cls: CharClass, value: string, index: number, direction: -1 | 1, before: string, after: string): boolean {
  for (let step = 1; step <= cls.count; step++) if (!classHas(cls, unitAt(value, index, direction * step, before, after))) return false;
  return true;
}

/** Whether `before` ends in a line ending, then only spaces and tabs, then digits (`/[\r\n][\t ]*\d*$/`): where break patterns can match. */
function endsAtBreak(before: string): boolean {
  let index = before.length - 1;
  while (index >= 0 && isDigit(before.charCodeAt(index))) index--;
  while (index >= 0 && (before.charCodeAt(index) === 32 || before.charCodeAt(index) === 9)) index--;
  const code = before.charCodeAt(index);
  return code === 10 || code === 13;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Texts up to this long are scanned code by code; longer ones by the scope's expression. */
const SHORT_TEXT = 96;

/** True when the library's `safe(value, info)` would return `value` unchanged where the state stands. */
export function isVerbatimText(value: string, state: State, info: Info): boolean {
  return isVerbatim(value, info.before, info.after, scopeOf(state));
}

function isVerbatim(value: string, before: string, after: string, scope: Scope): boolean {
  const checks = scope.checks;
  const last = value.length - 1;
  // Break patterns can match only while the text so far is spaces, tabs and digits after a line start in `before`.
  if (before !== '' && endsAtBreak(before)) {
    for (let index = 0; index <= last; index++) {
      const code = value.charCodeAt(index);
      if (checks[code]?.some((check) => check.kind === 'break')) return false;
      if (code !== 32 && code !== 9 && !isDigit(code)) break;
    }
  }
  if (last < 0) return true;
  if (!passes(value, 0, before, after, checks) || !passes(value, last, before, after, checks)) return false;
  if (value.length <= SHORT_TEXT) {
    const codes = scope.anywhereCodes;
    for (let index = 1; index < last; index++) {
      const code = value.charCodeAt(index);
      if (code < 128 && codes[code] === 1 && !passes(value, index, before, after, checks)) return false;
    }
    return true;
  }
  const anywhere = scope.anywhere;
  anywhere.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = anywhere.exec(value))) {
    if (!passes(value, match.index, before, after, checks)) {
      anywhere.lastIndex = 0;
      return false;
    }
  }
  return true;
}

/** Whether no check but a break check can match the character at `index`. */
function passes(value: string, index: number, before: string, after: string, checks: Array<Check[] | undefined>): boolean {
  const code = value.charCodeAt(index);
  if (code >= 128) return true;
  // Line endings start new lines and backslashes are escaped by their own rule: the library's.
  if (code === 10 || code === 13 || code === 92) return false;
  const here = checks[code];
  if (!here) return true;
  for (const check of here) {
    if (check.kind === 'always') return false;
    if (check.kind === 'around') {
      if ((!check.before || runMatches(check.before, value, index, -1, before, after)) && (!check.after || runMatches(check.after, value, index, 1, before, after))) return false;
    }
  }
  return true;
}
