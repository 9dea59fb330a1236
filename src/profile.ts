/**
 * Paragraph profiles, computed once per block: what duplicate detection and
 * boilerplate detection compare, so no rule re-tokenizes a paragraph.
 */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

const STOPWORDS = new Set(
  ('a an the and or but of to in on at for from by with as is are was were be been being it its this that these those ' +
    'has have had will would can could should may might than then there their they he she his her we our you your i ' +
    'not no so if into over after before about up down out also more most such which who whom whose what when where while')
    .split(' '),
);

/** Words a rewording swaps freely in market copy, folded to one term ("climbed" / "rose" / "gained"). */
const SYNONYMS = new Map<string, string>(); // a Map: an object keyed by arbitrary words is slow to look up
for (const [canonical, words] of Object.entries({
  up: 'rose rise climb climb gain jump surge soar advance increase grew grow higher up',
  down: 'fell fall drop declin decline slip slid slide plunge tumble decrease lower down shrank shrink',
  profit: 'profit earning income',
  revenue: 'revenue sale turnover',
  company: 'company group firm corporation',
  say: 'said say announc announce report state disclos disclose',
  share: 'share stock',
  spend: 'spend spent spending investment invest',
  expect: 'expect forecast estimat estimate anticipat anticipate',
  big: 'big large major biggest largest',
  half: 'half interim h1',
  quarter: 'quarter quarterly q1 q2 q3 q4',
})) {
  for (const word of words.split(' ')) SYNONYMS.set(word, canonical);
}

export interface Profile {
  /** Plain text of the block. */
  text: string;
  /** Words, lower case (ASCII letters and digits: enough to compare English copy). */
  words: string[];
  /** Stemmed content words (no stopwords, no numbers). */
  terms: Set<string>;
  /** Numbers as written, commas dropped: figures and ticker codes. */
  numbers: Set<string>;
}

/** A crude stemmer: enough to match "units"/"unit", "rises"/"rise", "company's"/"company". */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s") || w.endsWith('\u2019s')) w = w.slice(0, -2);
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (n > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  const m = w.length;
  if (m > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (m > 4 && (w.endsWith('ed') || w.endsWith('ly'))) w = w.slice(0, -2);
  return SYNONYMS.get(w) ?? w;
}

const TICKER = /\((?:[A-Z]{1,6}[.:]\s?)?[A-Z0-9]{1,6}(?:[.-][A-Z]{1,3})?\)/g;
const ATTRIBUTION = /\b(according to|said|says|told|learned that|reported|announced|sources?)\b/gi;

export function normalizeKey(text: string): string {
  // One pass: anything but letters, digits and the marks figures carry becomes a space.
  return text
    .toLowerCase()
    .replace(/(?:[^\p{L}\p{N}%$.'\u2019]|[.'\u2019](?![\p{L}\p{N}]))+/gu, ' ')
    .trim();
}

export function profile(node: Nodes): Profile {
  return profileText(toString(node));
}

/** Stems already computed: news copy reuses a small vocabulary. */
const stems = new Map<string, string>();

/** `stem(word)`, remembered. */
export function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stems.size > 50_000) stems.clear(); // bounded: a long-running server sees every word eventually
    stems.set(word, s);
  }
  return s;
}

const WORD = /[a-z0-9]+(?:['\u2019][a-z]+|[.,]\d+)*/g;

export function profileText(text: string): Profile {
  const words = text.toLowerCase().match(WORD) ?? [];
  const terms = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const first = word.charCodeAt(0);
    if (first >= 48 && first <= 57) continue; // figures are compared as numbers
    if (word === 'artificial' && words[i + 1] === 'intelligence') {
      terms.add('ai');
      i++;
      continue;
    }
    if (STOPWORDS.has(word)) continue;
    const s = stemOf(word);
    if (!STOPWORDS.has(s)) terms.add(s);
  }
  return { text, words, terms, numbers: numbersOf(text) };
}

/** Facts an editor would not want to lose: figures, tickers, attribution. */
export function factsOf(profile: Profile): number {
  return profile.numbers.size + (profile.text.match(TICKER)?.length ?? 0) + (profile.text.match(ATTRIBUTION)?.length ?? 0);
}

/** Figures and codes as written, thousands separators dropped. */
export function numbersOf(text: string): Set<string> {
  return new Set((text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replaceAll(',', '')));
}

/** Share of `part`'s items found in any of `wholes`. */
export function containment<T>(part: Set<T>, ...wholes: Set<T>[]): number {
  if (part.size === 0) return 0;
  let hit = 0;
  for (const item of part) if (wholes.some((w) => w.has(item))) hit++;
  return hit / part.size;
}

/** Sentences in a block, roughly: terminal punctuation followed by a capital or the end. */
export function sentenceCount(text: string): number {
  return (text.match(/[.!?。！？](?=\s+["“'‘(]?[A-Z]|\s*$)/g) ?? []).length;
}
