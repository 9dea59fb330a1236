/**
 * One look at an article for the entity rules: its blocks, the names and
 * entries found in each (one automaton pass per block), names extended by a
 * legal suffix or an HKEX share-class marker, and how often each entity is
 * mentioned (by name or by ticker).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { ContextProbe } from './context.js';
import type { EntityRecord } from './kb.js';
import { resolve, type Candidate, type Matcher } from './matcher.js';
import { companyWordsAt } from './company-words.js';
import { bareCoAt, hkSuffixAt, legalSuffixAt, pinyinTailAt, theCompanyAt } from './names.js';
import { collectBlocks, collectBlocksAgain, type Block } from './text.js';
import { findTickers, hasBracket, type TickerSpan } from './tickers.js';

export interface Found extends Candidate {
  /** The legal suffix ended in a stop that also ends the sentence. */
  keepStop?: boolean | undefined;
  /** Where the name ends, before an extension. */
  nameEnd?: number | undefined;
}

export interface Analysis {
  blocks: Block[];
  /** Per block: non-overlapping matches, leftmost-longest. */
  found: Found[][];
  /** Per block: parenthesised tickers. */
  tickers: TickerSpan[][];
  probe: ContextProbe;
  /** The blocks' text, one per line. */
  article: string;
  /** Entity index → mentions in the article (names and tickers). */
  mentions: Map<number, number>;
}

/**
 * Matches per block text, kept on the file for the next plugin: flag-entities
 * rescans only the blocks fix-entities changed.
 */
interface MatchMemo {
  matcher: Matcher;
  byText: Map<string, { found: Found[]; tickers?: TickerSpan[] | undefined }>;
  /** The last analysis of a tree: its blocks and their matches, reused for blocks still unchanged. */
  last?: { tree: Root; blocks: Block[]; found: Found[][] } | undefined;
}

declare module 'vfile' {
  interface DataMap {
    copydeskMatches: MatchMemo;
  }
}

/**
 * `withTickers: false` skips tickers and mention counts (fix-entities needs
 * neither); they come back empty. `blocks`: the tree's blocks as
 * `collectBlocks` gives them now, when the caller has them already.
 */
export function analyse(tree: Root, matcher: Matcher, file?: VFile, withTickers = true, given?: Block[]): Analysis {
  const kb = matcher.kb;
  let memo = file?.data.copydeskMatches;
  if (file && memo?.matcher !== matcher) file.data.copydeskMatches = memo = { matcher, byText: new Map() };
  const last = memo?.last?.tree === tree ? memo.last : undefined;
  const blocks = given ?? (last ? collectBlocksAgain(tree, last.blocks) : collectBlocks(tree));
  const found: Found[][] = [];
  const tickers: TickerSpan[][] = [];
  const mentions = new Map<number, number>();
  const mention = (entity: number | undefined) => {
    if (entity !== undefined) mentions.set(entity, (mentions.get(entity) ?? 0) + 1);
  };
  // Nothing remembered yet (the first analysis of an article, or one of short blocks with no match): no lookups.
  const byText = memo?.byText.size ? memo.byText : undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const text = block.text;
    const known = byText?.get(text);
    // A block the last analysis of this tree saw, unchanged since (same node, same text), has its matches.
    const resolved = known?.found ?? (last && last.blocks[i] === block ? last.found[i]! : matchBlock(matcher, text));
    found.push(resolved);
    if (!withTickers) {
      if (!known && worthKeeping(text, resolved)) memo?.byText.set(text, { found: resolved });
      tickers.push(NO_TICKERS);
      continue;
    }
    // findTickers finds none without a bracket: most blocks are not looked at.
    const spans = known?.tickers ?? (hasBracket(text) ? findTickers(text) : NO_TICKERS);
    // One entry per text: the one fix-entities left gains its tickers.
    if (known) known.tickers = spans;
    else if (worthKeeping(text, resolved)) memo?.byText.set(text, { found: resolved, tickers: spans });
    tickers.push(spans);
    for (const c of resolved) mention(entityOf(matcher, c));
    for (const t of spans) for (const key of t.keys) for (const e of kb.holders(key)) mention(e);
  }
  if (memo) memo.last = { tree, blocks, found };
  // The whole text is joined only for a rule that looks at the article as a whole.
  let article: string | undefined;
  let probe: ContextProbe | undefined;
  const joined = () => (article ??= blocks.map((b) => b.text).join('\n'));
  return {
    blocks,
    found,
    tickers,
    get probe() {
      return (probe ??= new ContextProbe(joined()));
    },
    get article() {
      return joined();
    },
    mentions,
  };
}

/**
 * Whether a block's matches are worth remembering for the next analysis: a
 * short text with none is scanned again for less than a map entry costs
 * (100,000 one-line list items spent more on the memo than on matching).
 */
function worthKeeping(text: string, found: Found[]): boolean {
  return found.length > 0 || text.length >= 64;
}

/** Shared by every block with no tickers or no match: never written to. */
const NO_TICKERS: TickerSpan[] = Object.freeze([]) as unknown as TickerSpan[];
const NO_MATCHES: Found[] = Object.freeze([]) as unknown as Found[];

/** One automaton pass over a block, names extended by legal suffixes and HK markers, overlaps resolved. */
function matchBlock(matcher: Matcher, text: string): Found[] {
  const kb = matcher.kb;
  const raw: Found[] = matcher.find(text);
  if (raw.length === 0) return NO_MATCHES;
  const extended: Found[] = [];
  for (const c of raw) {
    // "Ningde Times Co., Ltd.": a company's wrong form with a legal form after it is replaced whole.
    if (c.target.kind === 'entry' && c.target.entry.rule === 'entity-name' && c.target.entry.entity && kb.entity(kb.indexOf(c.target.entry.entity) ?? -1)?.type === 'company') {
      // "Ningde Times Technology", "Zhongxing Tongxun Gufen": the company words after a wrong form go with it.
      const words = companyWordsAt(text, c.end);
      // "Huadi International" is a company's own name, not 华帝's "Huadi" with a company word: the right name printed there wins.
      if (words && raw.some((r) => r.target.kind === 'name' && r.start === c.start && r.end >= c.end + words)) continue;
      const legal = legalSuffixAt(text, c.end + words) ?? bareCoAt(text, c.end + words);
      if (legal && !legal.shareClass) extended.push({ ...c, end: c.end + words + legal.length, nameEnd: c.end, extension: 'legal', keepStop: legal.keepStop });
      else if (words) extended.push({ ...c, end: c.end + words, nameEnd: c.end, extension: 'pinyin-tail' });
      continue;
    }
    if (c.target.kind !== 'name' || c.target.form === 'short') continue;
    const entity = kb.entity(c.target.entity);
    if (entity.type !== 'company') continue;
    const legal = legalSuffixAt(text, c.end) ?? theCompanyAt(text, c.start, c.end);
    if (legal) extended.push({ ...c, end: c.end + legal.length, nameEnd: c.end, extension: 'legal', shareClass: legal.shareClass, keepStop: legal.keepStop });
    else {
      const tail = pinyinTailAt(text, c.end);
      if (tail) extended.push({ ...c, end: c.end + tail, nameEnd: c.end, extension: 'pinyin-tail' });
    }
    if (entity.tickers?.some((t) => t.startsWith('HK:'))) {
      const n = hkSuffixAt(text, c.end);
      if (n) extended.push({ ...c, end: c.end + n, nameEnd: c.end, extension: 'hk-suffix' });
    }
  }
  return resolve(raw.concat(extended));
}

/** The entity a match names, if any (a name, or an entry tied to an entity). */
export function entityOf(matcher: Matcher, c: Candidate): number | undefined {
  if (c.target.kind === 'name') return c.target.entity;
  return c.target.entry.entity ? matcher.kb.indexOf(c.target.entry.entity) : undefined;
}

/**
 * The company an unnamed product belongs to: the nearest company with
 * products named before `at` in the block, else the article's most mentioned
 * company with products.
 */
export function ownerOf(analysis: Analysis, matcher: Matcher, blockIndex: number, at: number, exclude: number): number | undefined {
  const kb = matcher.kb;
  const hasProducts = (e: number) => e !== exclude && kb.entity(e).type === 'company' && kb.productsOf(e).length > 0;
  const before = analysis.found[blockIndex]!.filter((c) => c.end <= at);
  for (let k = before.length - 1; k >= 0; k--) {
    const e = entityOf(matcher, before[k]!);
    if (e !== undefined && hasProducts(e)) return e;
  }
  let best: number | undefined;
  let most = 0;
  for (const [e, n] of analysis.mentions) {
    if (n > most && hasProducts(e)) {
      best = e;
      most = n;
    }
  }
  return best;
}

const PLAUSIBLE_MAKER = /software|internet|artificial intelligence|\bAI\b|search|cloud|e-commerce|online|platform|games|apps|streaming|photo apps/i;

/** Whether a company could plausibly make a product of this kind (a robot maker does not make chatbots). */
export function plausibleMaker(entity: EntityRecord, categories: string[]): boolean {
  if (!entity.sector) return !categories.some((c) => c === 'assistant' || c === 'chatbot' || c === 'model');
  if (categories.includes('service')) return true;
  return PLAUSIBLE_MAKER.test(entity.sector);
}
