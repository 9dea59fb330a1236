/**
 * Context conditions of entries ("dark market" → "grey market" only in IPO
 * news; "Ultraman" → "Sam Altman" only where OpenAI is, and never beside
 * toys). Terms are whole words, case-insensitive; each is looked up once per
 * article and remembered. An `any` list that names a domain (a word of a
 * story about shares, AI models or games) is met by any word of that
 * domain's vocabulary too: the curated lists are short, the stories that
 * need them are not.
 */
import type { Context } from './kb.js';
import { escapeRe } from '../text/escape-re.js';

const termPatterns = new Map<string, RegExp>();
const anchored = new Map<string, RegExp>();

function termPattern(term: string): RegExp {
  let re = termPatterns.get(term);
  if (!re) {
    // A term of two words is met by them hyphenated too ("air conditioner" in "air-conditioner shipments").
    const body = escapeRe(term).replace(/\s+/g, '[\\s-]+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    termPatterns.set(term, re);
  }
  return re;
}

/**
 * Vocabularies of the domains whose words `any` lists name. An `any` list that
 * holds one of a domain's `triggers` is also met by any of its `terms`.
 */
const DOMAINS: ReadonlyArray<{ triggers: readonly string[]; terms: readonly string[] }> = [
  {
    // A story about shares and the exchanges.
    triggers: ['shares', 'stocks', 'stock', 'A-shares', 'A-share', 'index', 'limit-up', 'turnover', 'IPO', 'IPOs', 'brokerages'],
    terms: [
      'shares', 'stocks', 'A-shares', 'A-share', 'H shares', 'shareholders', 'shareholder', 'share price', 'share prices', 'share sale',
      // Not "index" nor "turnover" alone: a search index, a price index, staff turnover are no share story.
      'equities', 'stock index', 'stock indexes', 'share index', 'benchmark index', 'CSI 300', 'Shanghai Composite', 'ChiNext', 'STAR Market', 'Hang Seng',
      'Nasdaq', 'Dow', 'S&P 500', 'market turnover', 'trading volume',
      'traders', 'brokerage', 'brokerages', 'IPO', 'IPOs', 'bourse', 'stock exchange', 'Shanghai Stock Exchange', 'Shenzhen Stock Exchange',
      'CSRC', 'Stock Connect', 'limit-up', 'limit-down', 'sell-off', 'bull market', 'bear market', 'market value', 'market capitalisation',
      'market capitalization',
    ],
  },
  {
    // A story about AI models and chatbots.
    triggers: ['AI', 'artificial intelligence', 'chatbot', 'chatbots', 'LLM', 'large language model', 'GPU', 'GPUs'],
    terms: [
      'AI', 'artificial intelligence', 'chatbot', 'chatbots', 'LLM', 'LLMs', 'large language model', 'large language models', 'API', 'APIs',
      'tokens', 'inference', 'GPU', 'GPUs', 'open-source', 'OpenAI', 'DeepSeek', 'Moonshot', 'Zhipu', 'MiniMax', 'Nvidia', 'reasoning model',
      'AI agents', 'data centre', 'data center', 'data centres', 'data centers',
    ],
  },
  {
    // A story about games.
    triggers: ['game', 'games', 'gaming'],
    terms: [
      'game', 'games', 'gaming', 'gamers', 'gamer', 'players', 'mobile game', 'mobile games', 'console', 'consoles', 'PlayStation', 'Xbox',
      'Nintendo', 'Steam', 'esports', 'publisher', 'developer', 'studio', 'highest-grossing', 'top-grossing', 'downloads', 'NetEase',
      'Tencent Games', 'miHoYo', 'HoYoverse',
    ],
  },
];

const widened = new WeakMap<readonly string[], readonly string[]>();

/** The vocabulary of every domain `any` names, less the terms it lists itself. */
function domainTerms(any: readonly string[]): readonly string[] {
  let out = widened.get(any);
  if (!out) {
    const names = new Set(any.map((t) => t.toLowerCase()));
    const more = DOMAINS.filter((d) => d.triggers.some((t) => names.has(t.toLowerCase()))).flatMap((d) => d.terms);
    out = [...new Set(more)].filter((t) => !names.has(t.toLowerCase()));
    widened.set(any, out);
  }
  return out;
}

/** How often `re` (a term's pattern) matches in `text`. */
function occurrences(re: RegExp, text: string): number {
  const all = new RegExp(re.source, 'giu');
  let n = 0;
  while (all.exec(text)) n++;
  return n;
}

function anchoredPattern(source: string, side: 'before' | 'after'): RegExp {
  const key = `${side}\u0000${source}`;
  let re = anchored.get(key);
  if (!re) {
    // Without regard to case: a word the context names opens a sentence as often ("Consumer plates fell").
    re = new RegExp(side === 'before' ? `(?:${source})$` : `^(?:${source})`, 'iu');
    anchored.set(key, re);
  }
  return re;
}

/**
 * A context the KB build gives a name's wrong form made of English words: it
 * starts with a capital, as a name does ("Saviour", not "this saviour");
 * `words`: every word but the small ones does ("Golden Dragon Fish", not
 * "Golden dragon fish are prized"); a hyphenated word by its first part.
 */
export interface NameContext extends Context {
  capital?: boolean | 'words' | undefined;
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'by', 'with', 'from']);

function capitalised(match: string, every: boolean): boolean {
  if (!every) return /^\p{Lu}/u.test(match);
  // A hyphenated word is capitalised by its first part, as a name prints it ("Wall-facing Intelligence").
  return match.split(/\s+/).every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && SMALL_WORDS.has(w.toLowerCase())) || !/^\p{L}/u.test(w));
}

/**
 * Whether the conditions of `context` tied to the match's own place hold:
 * its capital, the text just before and just after. Where they do not, the
 * words are not the entry's at all, whatever the story.
 */
export function placeHolds(context: Context | undefined, text: string, start: number, end: number): boolean {
  if (!context) return true;
  const capital = (context as NameContext).capital;
  if (capital && !capitalised(text.slice(start, end), capital === 'words')) return false;
  if (context.before && !anchoredPattern(context.before, 'before').test(text.slice(Math.max(0, start - 120), start))) return false;
  if (context.after && !anchoredPattern(context.after, 'after').test(text.slice(end, end + 120))) return false;
  return true;
}

export class ContextProbe {
  private readonly seen = new Map<string, boolean>();
  private readonly counted = new Map<string, number>();

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

  /** How often the article holds `term` as a whole word. */
  private count(term: string): number {
    let n = this.counted.get(term);
    if (n === undefined) {
      n = occurrences(termPattern(term), this.article);
      this.counted.set(term, n);
    }
    return n;
  }

  /**
   * Whether a domain's term is in the scope outside the match text[start, end):
   * the entry's own words may be part of its pattern ("track stocks"), a
   * domain's word inside the match is no evidence ("monster stocks").
   */
  private hasOutside(term: string, inBlock: boolean, text: string, start: number, end: number): boolean {
    const re = termPattern(term);
    if (!(inBlock ? re.test(text) : this.has(term))) return false;
    const match = text.slice(start, end);
    if (!re.test(match)) return true;
    if (inBlock) return re.test(`${text.slice(0, start)} ${text.slice(end)}`);
    return this.count(term) > occurrences(re, match);
  }

  /** Whether `context` holds for the match text[start, end) of one block. */
  holds(context: Context | undefined, text: string, start: number, end: number): boolean {
    if (!context) return true;
    if (!placeHolds(context, text, start, end)) return false;
    const inBlock = context.scope === 'paragraph';
    const has = (term: string) => (inBlock ? termPattern(term).test(text) : this.has(term));
    if (context.any?.length && !context.any.some(has) && !domainTerms(context.any).some((t) => this.hasOutside(t, inBlock, text, start, end))) return false;
    if (context.none?.length && context.none.some(has)) return false;
    return true;
  }
}
