/**
 * The shape of one block of text: what an editor sees at a glance before
 * reading it (length, case, punctuation, script, digits, links). The article
 * model and the removal rules judge blocks by these, with string lists only
 * as hints.
 */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
/** Abbreviations a full stop ends without ending the sentence. */
const ABBREVIATION = /\b(?:Inc|Co|Corp|Ltd|Plc|St|Mr|Mrs|Ms|Dr|No|vs|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;
const STOP = /[.!?。！？]["”’')\]]*(?=\s+["“‘(]?[\p{Lu}\p{N}]|\s*$)/gu;

/** Sentences, roughly: a stop followed by a capital or a figure ("…rose. 1.2 million…"), or the end; abbreviations skipped. */
export function sentencesIn(text: string): number {
  let n = 0;
  for (const match of text.matchAll(STOP)) {
    if (!ABBREVIATION.test(text.slice(Math.max(0, match.index - 6), match.index + 1))) n++;
  }
  return n;
}

/** Read-only: one shape object is shared by every rule that looks at its block. */
export interface Shape {
  readonly text: string;
  /** Words (letters or digits runs; a CJK run counts one word per two characters). */
  readonly words: number;
  /** Share of letters that are CJK (Han, kana, hangul). */
  readonly cjkShare: number;
  /** Share of non-space characters that are digits. */
  readonly digitShare: number;
  /** Share of the text inside links. */
  readonly linkShare: number;
  readonly sentences: number;
  /** Ends with sentence punctuation (. ! ? 。 or a closing quote after one). */
  readonly endsSentence: boolean;
  /** Ends with a quotation mark: a quote is prose, not a headline. */
  readonly endsWithQuote: boolean;
  /** Share of Latin words starting with a capital (title case). */
  readonly capitalShare: number;
}

/**
 * Shapes taken, by node. A shape is a function of the text and the link
 * share alone, so one taken of the same text and share is the same shape: a
 * block the article model, a removal rule and the prose guard all look at is
 * measured once, and a block edited since is measured again.
 */
const taken = new WeakMap<Nodes, Shape>();

export function shapeOf(node: Nodes): Shape {
  const text = foldWhitespace(textOf(node));
  const linkShare = linkShareOf(node);
  const known = taken.get(node);
  if (known && known.text === text && known.linkShare === linkShare) return known;
  const shape = shapeOfText(text, linkShare);
  taken.set(node, shape);
  return shape;
}

/** `toString(node)`, without building a string for the usual block of one text node. */
export function textOf(node: Nodes): string {
  if ('children' in node && node.children.length === 1 && node.children[0]!.type === 'text') return node.children[0].value;
  return toString(node);
}

/**
 * Whether a block may hold `n` words or more, as `shapeOf(node).words`
 * counts them, without taking its shape: every word starts with a Latin
 * letter or a digit after a character that is neither, and two CJK
 * characters count one word. Counted in each text of the block apart (a word
 * across two nodes counts twice), so the answer is never a false no.
 */
export function mayHaveWords(node: Nodes, n: number): boolean {
  return wordsAtMost(node) >= n;
}

/** The bound `mayHaveWords` tests: never less than `shapeOf(node).words`. */
export function wordsAtMost(node: Nodes): number {
  // What toString reads: a value, else an image's alt, else the children.
  if ('value' in node) return wordStartsIn(node.value);
  if ('alt' in node && node.alt) return wordStartsIn(node.alt);
  if (!('children' in node)) return 0;
  let n = 0;
  for (const child of node.children) n += wordsAtMost(child as Nodes);
  return n;
}

function wordStartsIn(text: string): number {
  let starts = 0;
  let high = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = isLatinLetter(c) || isDigit(c);
    if (word && !inWord) starts++;
    inWord = word;
    if (c >= 0x3040) high++;
  }
  return starts + Math.ceil(high / 2);
}

/** Whitespace runs as one space, trimmed; most blocks have nothing to fold, and no new string is made for them. */
export function foldWhitespace(text: string): string {
  return (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

const isCjk = (c: number) => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
const isLatinLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
const isDigit = (c: number) => c >= 48 && c <= 57;
const NON_ASCII_LETTER = /\p{L}/u;
const JOINER = new Set([39, 0x2019, 46, 44, 45]); // ' ’ . , - inside a word ("company's", "4.5", "1,200", "year-on-year")

/** One pass over the characters: a shape is taken of every block near the top, so it must be cheap. */
export function shapeOfText(text: string, linkShare = 0): Shape {
  let letters = 0;
  let cjk = 0;
  let digits = 0;
  let nonSpace = 0;
  let latinWords = 0;
  let alphaWords = 0;
  let capitals = 0;
  let wordLength = 0;
  let wordStartsWithLetter = false;
  let wordStartsUpper = false;
  const endWord = () => {
    if (wordLength === 0) return;
    latinWords++;
    if (wordLength > 3 && wordStartsWithLetter) {
      alphaWords++;
      if (wordStartsUpper) capitals++;
    }
    wordLength = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) {
      endWord();
      continue;
    }
    nonSpace++;
    const latin = isLatinLetter(c);
    const digit = isDigit(c);
    if (latin || digit) {
      if (latin) letters++;
      else digits++;
      if (wordLength === 0) {
        wordStartsWithLetter = latin;
        wordStartsUpper = isUpper(c);
      }
      wordLength++;
      continue;
    }
    if (wordLength > 0 && JOINER.has(c)) {
      const next = text.charCodeAt(i + 1);
      if (isLatinLetter(next) || isDigit(next)) {
        wordLength++;
        continue;
      }
    }
    endWord();
    if (c < 128) continue;
    if (isCjk(c)) {
      cjk++;
      letters++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // An astral character: CJK extension ideographs live there; count the pair once.
      const code = text.codePointAt(i)!;
      if (code >= 0x20000 && code <= 0x3ffff) {
        cjk++;
        letters++;
      } else if (NON_ASCII_LETTER.test(String.fromCodePoint(code))) letters++;
      i++;
    } else if (NON_ASCII_LETTER.test(text[i]!)) letters++;
    else if (c >= 0x660 && /\p{N}/u.test(text[i]!)) digits++;
  }
  endWord();
  return {
    text,
    words: latinWords + Math.ceil(cjk / 2),
    cjkShare: letters ? cjk / letters : 0,
    digitShare: nonSpace ? digits / nonSpace : 0,
    linkShare,
    sentences: sentencesIn(text),
    endsSentence: /[.!?。！？][”"’')\]]*$/.test(text),
    endsWithQuote: /[”"’]$/.test(text) || /[.!?,]['’]$/.test(text),
    capitalShare: alphaWords ? capitals / alphaWords : 0,
  };
}

/** Share of a block's text that sits inside links. */
export function linkShareOf(node: Nodes): number {
  // Most blocks hold no link: their share is 0 without counting a character.
  if (!('children' in node) || !hasLink(node)) return 0;
  let linked = 0;
  let all = 0;
  const walk = (n: Nodes, inLink: boolean) => {
    if (n.type === 'text' || n.type === 'inlineCode') {
      const len = n.value.replace(/\s+/g, '').length;
      all += len;
      if (inLink) linked += len;
      return;
    }
    if ('children' in n) for (const c of n.children) walk(c as Nodes, inLink || n.type === 'link' || n.type === 'linkReference');
  };
  walk(node, false);
  return all ? linked / all : 0;
}

function hasLink(node: Nodes): boolean {
  if (node.type === 'link' || node.type === 'linkReference') return true;
  return 'children' in node && node.children.some((c) => hasLink(c as Nodes));
}

/** Words that report speech or sources: prose, never a headline list. */
export const ATTRIBUTION_WORDS = /\b(?:said|says|told|according to|reported|announced|added|noted|wrote|stated|explained|commented)\b/i;

const ARTICLES = /\b(?:the|a|an)\b/gi;
const PRONOUNS = /\b(?:it|its|they|their|them|he|she|his|her|we|our|this|these)\b/i;
const PAST = /\b(?:\p{L}{3,}ed|said|was|were|had|rose|fell|kept|made|told|took|came|went|saw|grew|won|lost|paid|sold|began|left|held)\b/iu;

/**
 * How much a one-sentence line reads like narrative (articles, pronouns, past
 * tense, a clause after a comma) rather than like a headline (a "X: Y" frame,
 * title case): positive for prose.
 */
export function narrativeScore(shape: Shape): number {
  const text = shape.text;
  let score = 0;
  if ((text.match(ARTICLES)?.length ?? 0) / Math.max(1, shape.words) >= 0.05) score++;
  if (PRONOUNS.test(text)) score++;
  if (PAST.test(text)) score++;
  if (/,\s/.test(text)) score++;
  const colon = text.search(/:\s(?!["“])/);
  if (colon > 0 && colon < text.length * 0.7) score -= 2;
  if (shape.capitalShare >= 0.35) score--;
  return score;
}

/**
 * Body prose, by shape: a sentence an editor reads as part of the story
 * rather than a listed headline (attribution, a quote, several sentences, or a
 * sentence ending in a full stop that reads as narrative).
 */
export function isBodyProse(shape: Shape): boolean {
  if (shape.cjkShare > 0.5) return false;
  if (shape.sentences >= 2) return true;
  if (shape.endsWithQuote && shape.words >= 6) return true;
  if (ATTRIBUTION_WORDS.test(shape.text) && shape.words >= 8 && shape.linkShare < 0.5) return true;
  if (!shape.endsSentence || shape.words < 6 || shape.linkShare >= 0.5) return false;
  return narrativeScore(shape) >= (shape.words >= 16 ? 1 : 2);
}

/**
 * A headline, by shape: one short line, no sentence punctuation at the end
 * (a question or exclamation allowed), mostly letters.
 */
export function isTitleLike(shape: Shape, maxWords = 30): boolean {
  if (shape.words < 3 || shape.words > maxWords || shape.text.length > 240) return false;
  if (shape.sentences > 1 || shape.digitShare > 0.35) return false;
  if (/[.。][”"’)]*$/.test(shape.text) && !/\b(?:Inc|Co|Ltd|Corp|U\.S|etc)\.$/.test(shape.text)) return false;
  return !ATTRIBUTION_WORDS.test(shape.text) || shape.words <= 14;
}
