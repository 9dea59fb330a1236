/**
 * The shape of one block of text: what an editor sees at a glance before
 * reading it (length, case, punctuation, script, digits, links). The article
 * model and the removal rules judge blocks by these, with string lists only
 * as hints.
 */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { sentenceCount } from '../profile.js';

export interface Shape {
  text: string;
  /** Words (letters or digits runs; a CJK run counts one word per two characters). */
  words: number;
  /** Share of letters that are CJK (Han, kana, hangul). */
  cjkShare: number;
  /** Share of non-space characters that are digits. */
  digitShare: number;
  /** Share of the text inside links. */
  linkShare: number;
  sentences: number;
  /** Ends with sentence punctuation (. ! ? 。 or a closing quote after one). */
  endsSentence: boolean;
  /** Ends with a quotation mark: a quote is prose, not a headline. */
  endsWithQuote: boolean;
  /** Share of Latin words starting with a capital (title case). */
  capitalShare: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LETTER = /\p{L}/gu;

export function shapeOf(node: Nodes): Shape {
  return shapeOfText(toString(node).replace(/\s+/g, ' ').trim(), linkShareOf(node));
}

export function shapeOfText(text: string, linkShare = 0): Shape {
  const letters = text.match(LETTER)?.length ?? 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const latinWords = text.match(/[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}'’.,-]*/gu) ?? [];
  const nonSpace = text.replace(/\s+/g, '').length;
  const digits = text.match(/\p{N}/gu)?.length ?? 0;
  const alphaWords = latinWords.filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  const capitals = alphaWords.filter((w) => /^\p{Lu}/u.test(w)).length;
  return {
    text,
    words: latinWords.length + Math.ceil(cjk / 2),
    cjkShare: letters ? cjk / letters : 0,
    digitShare: nonSpace ? digits / nonSpace : 0,
    linkShare,
    sentences: sentenceCount(text),
    endsSentence: /[.!?。！？][”"’')\]]*$/.test(text),
    endsWithQuote: /[”"’]$/.test(text) || /[.!?,]['’]$/.test(text),
    capitalShare: alphaWords.length ? capitals / alphaWords.length : 0,
  };
}

/** Share of a block's text that sits inside links. */
export function linkShareOf(node: Nodes): number {
  if (!('children' in node)) return 0;
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
