/**
 * Context conditions of entries ("dark market" → "grey market" only in IPO
 * news; "Ultraman" → "Sam Altman" only where OpenAI is, and never beside
 * toys). Terms are whole words, case-insensitive; each is looked up once per
 * article and remembered.
 */
import type { Context } from './kb.js';
import { escapeRe } from '../text/escape-re.js';

const termPatterns = new Map<string, RegExp>();
const anchored = new Map<string, RegExp>();

function termPattern(term: string): RegExp {
  let re = termPatterns.get(term);
  if (!re) {
    const body = escapeRe(term).replace(/\s+/g, '\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    termPatterns.set(term, re);
  }
  return re;
}

function anchoredPattern(source: string, side: 'before' | 'after'): RegExp {
  const key = `${side}\u0000${source}`;
  let re = anchored.get(key);
  if (!re) {
    re = new RegExp(side === 'before' ? `(?:${source})$` : `^(?:${source})`, 'u');
    anchored.set(key, re);
  }
  return re;
}

/**
 * A context the KB build gives a name's wrong form made of English words: it
 * starts with a capital, as a name does ("Saviour", not "this saviour");
 * `words`: every word but the small ones does ("Golden Dragon Fish", not
 * "Golden dragon fish are prized").
 */
export interface NameContext extends Context {
  capital?: boolean | 'words' | undefined;
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'by', 'with', 'from']);

function capitalised(match: string, every: boolean): boolean {
  if (!every) return /^\p{Lu}/u.test(match);
  return match.split(/[\s-]+/).every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && SMALL_WORDS.has(w.toLowerCase())) || !/^\p{L}/u.test(w));
}

export class ContextProbe {
  private readonly seen = new Map<string, boolean>();

  constructor(private readonly article: string) {}

  /** Whether the article holds `term` as a whole word. */
  has(term: string): boolean {
    let v = this.seen.get(term);
    if (v === undefined) {
      v = termPattern(term).test(this.article);
      this.seen.set(term, v);
    }
    return v;
  }

  /** Whether `context` holds for the match text[start, end) of one block. */
  holds(context: Context | undefined, text: string, start: number, end: number): boolean {
    if (!context) return true;
    const capital = (context as NameContext).capital;
    if (capital && !capitalised(text.slice(start, end), capital === 'words')) return false;
    const inBlock = context.scope === 'paragraph';
    const has = (term: string) => (inBlock ? termPattern(term).test(text) : this.has(term));
    if (context.any?.length && !context.any.some(has)) return false;
    if (context.none?.length && context.none.some(has)) return false;
    if (context.before && !anchoredPattern(context.before, 'before').test(text.slice(Math.max(0, start - 120), start))) return false;
    if (context.after && !anchoredPattern(context.after, 'after').test(text.slice(end, end + 120))) return false;
    return true;
  }
}
