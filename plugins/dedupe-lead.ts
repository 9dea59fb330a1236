/**
 * dedupe-lead: removes repeated copies of the lead, the title and paragraphs.
 *
 * Wire pages print a one-sentence summary and then a lede that says the same
 * thing again (often with machine-linked names), reprint the title as the
 * first paragraph or as image captions, repeat a paragraph, or print the
 * whole story twice. The headline and the lede come from the article model
 * (src/article/structure.ts) and are never removed in favour of anything
 * else. A standfirst that restates a wire lede leaves the body for
 * `meta.dek`; edited copy (a dek and a lede on the same news) stays as it is.
 * Of two copies of a paragraph, the fuller one stays. Every removal names
 * the copy that was kept (or the lede) as its `cause`.
 *
 * Rule ids:
 * - `dek`: a standfirst restating the lede, moved to `meta.dek`.
 * - `duplicate-lead`: a paragraph near the top printed again nearly word for word.
 * - `repeated-title`: the title printed again in the body: word for word
 *   anywhere; nearly so at the top of the body or as a line with no full
 *   stop (a caption). A sentence restating it further down is the story's.
 * - `duplicate-paragraph`: a paragraph printed again, exactly or nearly word
 *   for word (an article printed twice). A page whose text is largely repeats
 *   is no wire slip: lone repeats past `maxRepeatShare` stay, with a warning.
 *   A question or bold label printed again over different text (one question
 *   put to each person interviewed) is the article's form: it stays.
 *
 * Parallel paragraphs that differ in names and figures ("Tencent drew net
 * buying of HK$1.21 billion" / "Alibaba drew net buying of HK$986 million")
 * are not duplicates: a repeat must not bring figures of its own.
 *
 * @example
 *   in:  "# Acme buys Widgets\nAcme agreed to buy Widgets, a maker of gears.\nAccording to filings, Acme (ACME.US) agreed on Monday to buy Widgets, a gear maker, for $2 billion."
 *   out: the first paragraph moved to `meta.dek` (`dek`, cause: the lede)
 */
import type { Heading, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import stringSimilarity from 'string-similarity';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { containment, factsOf, normalizeKey, profileText, stemOf, type Profile } from '../src/profile.js';
import { applyRemovals, proseLength, type GuardOptions, type Removal } from '../src/removal.js';
import { pointer, report } from '../src/report.js';
import { isMuted } from '../src/control.js';
import { addMeta, articleInfo } from '../src/article-meta.js';
import { setAside } from '../src/aside.js';
import { opensWithDateline, structureOf } from '../src/article/structure.js';
import { figuresRestated } from '../src/article/figures.js';
import { WIRE_LEDE } from '../src/knowledge/boilerplate.js';
import { isTitleLike, shapeOf, textOf } from '../src/article/shape.js';

export const PLUGIN = 'dedupe-lead';
/** Share of a lede's content words a standfirst must hold to be a copy of it, when the lede has no wire formula. */
const NEAR_COPY = 0.6;
export const RULES = ['dek', 'duplicate-lead', 'repeated-title', 'duplicate-paragraph'] as const;

export interface DedupeLeadOptions extends GuardOptions {
  /** How many paragraphs from the top count as the lead (a repeat there is a `duplicate-lead`). @default 4 */
  leadWindow?: number | undefined;
  /** Dice similarity (string-similarity) above which a short line repeats the title. @default 0.85 */
  titleSimilarity?: number | undefined;
  /**
   * Overlap needed between the first two body paragraphs: the share of the
   * shorter one's content words found in the other and the title, plus the
   * share found in the other alone (0–2). @default 0.85
   */
  leadOverlap?: number | undefined;
  /** The overlap (as `leadOverlap`) a standfirst needs when the lede does not open with a wire's formula. @default 1.6 */
  closeRestatement?: number | undefined;
  /** Dice similarity above which two close paragraphs near the top are one paragraph printed twice. @default 0.9 */
  nearRepeat?: number | undefined;
  /**
   * Share of the article (0–1) that repeats standing alone (not a stretch of
   * paragraphs printed again in order, nor a headline-shaped line printed
   * three times or more) may take and still be removed; a copy
   * right after its original (printed twice in a row) may take twice that.
   * Beyond it the page is largely repeats, not doubled by a machine: they
   * stay, each with a warning for an editor. @default 0.2
   */
  maxRepeatShare?: number | undefined;
}

/**
 * A paragraph or heading. `length` (characters of text, no string built) is a
 * first look: most blocks never need their `text` (plain, whitespace folded:
 * the exact-duplicate key), which is made on first use.
 */
class Block {
  #text: string | undefined;
  #words: Set<string> | undefined;
  #lower: string | undefined;
  readonly length: number;
  constructor(readonly node: Paragraph | Heading) {
    this.length = proseLength(node);
  }
  get text(): string {
    return (this.#text ??= foldSpace(textOf(this.node)));
  }
  /** Distinct lower-case words. */
  get words(): Set<string> {
    return (this.#words ??= new Set(this.lower.match(WORD_RUN)));
  }
  get lower(): string {
    return (this.#lower ??= this.text.toLowerCase());
  }
}

/** A word, for the near-repeat test: a run of ASCII letters and digits or of any letter past U+00C0. */
const WORD_RUN = /[a-z0-9\u00c0-\uffff]+/g;

const dedupeLead: Plugin<[DedupeLeadOptions?], Root> = function (options = {}) {
  const leadWindow = options.leadWindow ?? 4;
  const titleSimilarity = options.titleSimilarity ?? 0.85;
  const leadOverlap = options.leadOverlap ?? 0.85;
  const nearRepeat = options.nearRepeat ?? 0.9;
  const closeRestatement = options.closeRestatement ?? 1.6;
  const maxRepeatShare = options.maxRepeatShare ?? 0.2;

  return (tree: Root, file: VFile) => {
    const structure = structureOf(tree, file);
    const blocks = collectBlocks(tree);
    // The headline from the article model: never removed, whatever stands around it.
    const title = blocks.find((b) => b.node === structure.headline);
    const removals: Removal[] = [];
    const gone = new Set<Nodes>();
    /** Each removed repeat and the copy kept, for the share test at the end. */
    const copies = new Map<Removal, { block: Block; kept: Block }>();
    const remove = (block: Block, ruleId: string, reason: string, kept: Block) => {
      if (block === title || gone.has(block.node)) return;
      gone.add(block.node);
      const removal: Removal = { node: block.node, ruleId, reason, cause: pointer('Kept copy', kept.node.position, toString(kept.node)) };
      removals.push(removal);
      if (ruleId === 'duplicate-paragraph' || ruleId === 'duplicate-lead') copies.set(removal, { block, kept });
    };

    // Title reprinted: exact or near-exact, as a paragraph or a caption.
    if (title) {
      const titleKey = normalizeKey(title.text);
      // A near copy is a reprint where a reprint stands (the top of the body) or in a reprint's shape (a line
      // with no full stop, a caption); further down, a sentence that restates the headline is the story's.
      const top = new Set(blocks.filter((b) => b !== title && b.node.type === 'paragraph').slice(0, 2));
      for (const block of blocks) {
        if (block === title || block.node.type !== 'paragraph') continue;
        const ratio = block.length / Math.max(1, title.length);
        if (ratio < 0.6 || ratio > 1.6) continue;
        const key = normalizeKey(block.text);
        // A lede that opens with the headline's words and goes on is the story, not a reprint.
        if (key !== titleKey && block.node === structure.lede && key.split(' ').length > titleKey.split(' ').length + 2) continue;
        if (key === titleKey || ((top.has(block) || isTitleLike(shapeOf(block.node))) && stringSimilarity.compareTwoStrings(key, titleKey) >= titleSimilarity)) {
          remove(block, 'repeated-title', 'Removed the title printed again in the body', title);
        }
      }
    }

    // Exact repeats anywhere: the first copy stays. Only blocks of equal length can be equal.
    const byLength = new Map<number, Block[]>();
    for (const block of blocks) {
      if (gone.has(block.node) || block.node.type !== 'paragraph' || block.length < 20) continue;
      const same = byLength.get(block.length);
      if (same) same.push(block);
      else byLength.set(block.length, [block]);
    }
    let at: Map<Block, number> | undefined; // made only when a repeat is found
    const indexOf = (b: Block) => (at ??= new Map(blocks.map((x, i) => [x, i]))).get(b)!;
    for (const same of byLength.values()) {
      if (same.length < 2) continue;
      const seen = new Map<string, Block>();
      for (const block of same) {
        const first = seen.get(block.text);
        if (first && !recurringLabel(blocks, indexOf, block, first)) remove(block, 'duplicate-paragraph', 'Removed a repeated paragraph', first);
        else if (!first) seen.set(block.text, block);
      }
    }

    // A standfirst glued into the body: it leaves the body for the dek only when it
    // says nothing the lede and headline do not, in mostly the lede's own words.
    const standfirst = blocks.find((b) => b.node === structure.standfirst);
    const lede = blocks.find((b) => b.node === structure.lede);
    const titleProfile = title ? profileText(title.text) : undefined;
    const deks: Block[] = [];
    if (standfirst && lede && !gone.has(standfirst.node) && !gone.has(lede.node)) {
      if (figuresRestated(standfirst.text, [lede.text, title?.text ?? ''])) {
        const ps = profileText(standfirst.text);
        const pl = profileText(lede.text);
        // Edited copy prints a dek and a lede on the same news: only a wire page's summary (its lede opens
        // with the wire's formula) or a near-verbatim copy of the lede is moved.
        const wire = WIRE_LEDE.some((re) => re.test(lede.text));
        const overlap = wire ? leadOverlap : closeRestatement;
        // On a story with a desk's marks (a dateline, a byline) and no wire formula, a copy is one both ways:
        // a short dek that sums up a long dated lede is an editor's dek. Without them, a summary is the wire's.
        const desk = Boolean(structure.dateline || structure.byline) || opensWithDateline(lede.text);
        // Without either, a wire's summary is its lede cut short, about the lede's subject by name and with no day
        // of its own; an editor's dek refers back ("The lender's…", "The round values…"), and a first paragraph
        // that says when ("on Monday") is a lede with a fuller paragraph after it: both stay.
        const summary = !desk && opensWithSubjectOf(standfirst.text, lede.text);
        const copy = wire || ((containment(pl.terms, ps.terms) >= NEAR_COPY || summary) && !SAYS_WHEN.test(standfirst.text));
        if (copy && restates(ps, pl, titleProfile, overlap) && !bringsNames(standfirst.text, [lede.text, title?.text ?? ''])) {
          gone.add(standfirst.node);
          deks.push(standfirst);
          removals.push({
            node: standfirst.node,
            ruleId: 'dek',
            reason: 'Moved a standfirst that restates the lede out of the body, into the dek',
            cause: pointer('Lede', lede.node.position, toString(lede.node)),
          });
        }
      }
    }

    // A paragraph printed again nearly word for word (near the top, or a whole article printed twice with
    // edits): the fuller copy stays. Past the lead, nothing less than a near-verbatim repeat is a duplicate.
    const paragraphs = blocks.filter((b) => b !== title && b.node.type === 'paragraph' && !gone.has(b.node) && b.length >= 30 && spacesUpTo(b.text, 7) >= 7); // eight words or more
    const order = new Map(paragraphs.map((b, i) => [b, i]));
    const nearTop = new Set(paragraphs.slice(0, leadWindow));
    const compared = new Set<string>();
    for (const group of sharedRareWords(paragraphs)) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!;
          const b = group[j]!;
          const pair = `${order.get(a)}:${order.get(b)}`;
          if (compared.has(pair) || gone.has(a.node) || gone.has(b.node)) continue;
          compared.add(pair);
          const ratio = a.length / b.length;
          if (ratio < 0.8 || ratio > 1.25 || a.text === b.text) continue; // exact repeats are handled above
          if (sharedWordShare(a, b) < 0.8) continue; // cheap: a near-verbatim copy shares nearly all its words
          if (stringSimilarity.compareTwoStrings(normalizeKey(a.text), normalizeKey(b.text)) < nearRepeat) continue;
          const keepA = moreInformative(profileText(a.text), profileText(b.text));
          const [loser, winner] = keepA ? [b, a] : [a, b];
          if (!figuresRestated(loser.text, [winner.text])) continue; // parallel paragraphs: each has figures of its own
          const lead = nearTop.has(a) && nearTop.has(b);
          remove(
            loser,
            lead ? 'duplicate-lead' : 'duplicate-paragraph',
            `Removed a paragraph${lead ? ' near the top' : ''} printed again nearly word for word; the fuller copy stays`,
            winner,
          );
        }
      }
    }

    const held = copies.size ? largelyRepeats(blocks, copies, proseLength(tree), maxRepeatShare) : new Set<Removal>(); // most articles repeat nothing: no walk
    for (const removal of held) {
      const { block, kept } = copies.get(removal)!;
      if (isMuted(tree, block.node, [removal.ruleId, PLUGIN])) continue;
      report(file, {
        ruleId: removal.ruleId,
        severity: 'warning',
        reason: 'Kept a paragraph printed again: repeats would take too much of the article to be a doubling by the wire',
        place: block.node.position,
        actual: toString(block.node),
        cause: removal.cause,
        note: `Copy kept at line ${kept.node.position?.start.line ?? '?'}. Alone, not part of the article printed again in order, repeats are removed while they take at most ${Math.round(maxRepeatShare * 100)}% of the article (${Math.round(maxRepeatShare * 200)}% printed twice in a row).`,
      });
    }
    const done = applyRemovals(tree, file, PLUGIN, held.size ? removals.filter((r) => !held.has(r)) : removals, options);
    const dek = deks.find((d) => done.some((r) => r.node === d.node));
    if (dek) {
      addMeta(file, { dek: dek.text });
      // The dek is published beside the body: the entity rules still see it (src/aside.ts).
      if (articleInfo(file).meta.dek === dek.text) setAside(file, dek.node as RootContent);
    }
  };
};

export default dedupeLead;

/**
 * The repeats to keep: a page whose text is largely repeats (a test page, a
 * form letter, a chorus) is not a wire defect. A repeat in a run (two or more
 * paragraphs printed again in the same order: the article or a stretch of it
 * doubled) is always a machine's doing, and so is a headline-shaped line
 * printed three times or more (a title reused as captions). Repeats standing alone are removed
 * only while together they are a small share of the article; one right after
 * its copy (doubled in a row, the usual wire slip) weighs half.
 */
function largelyRepeats(blocks: Block[], copies: Map<Removal, { block: Block; kept: Block }>, total: number, maxShare: number): Set<Removal> {
  if (copies.size === 0 || total <= 0) return new Set();
  const at = new Map(blocks.map((b, i) => [b, i]));
  const paragraphs = blocks.filter((b) => b.node.type === 'paragraph');
  const order = new Map(paragraphs.map((b, i) => [b, i]));
  const keptFor = new Map<Block, Block>();
  for (const { block, kept } of copies.values()) keptFor.set(block, kept);
  // Consecutive paragraphs (headings between do not break a doubled article) copied from consecutive ones.
  const inRun = (block: Block, kept: Block, step: number) => {
    const next = paragraphs[order.get(block)! + step];
    const keptNext = paragraphs[order.get(kept)! + step];
    return next !== undefined && keptNext !== undefined && keptFor.get(next) === keptNext;
  };
  // A headline-shaped line printed three times or more (a title reused as every picture's caption) is the
  // page's machinery too; a sentence of prose printed over and over is the page's own text (filler, a form).
  const printed = new Map<Block, number>();
  for (const kept of keptFor.values()) printed.set(kept, (printed.get(kept) ?? 1) + 1);
  const reprinted = (kept: Block) => printed.get(kept)! >= 3 && isTitleLike(shapeOf(kept.node));
  let weight = 0;
  const alone: Removal[] = [];
  for (const [removal, { block, kept }] of copies) {
    if (inRun(block, kept, 1) || inRun(block, kept, -1) || reprinted(kept)) continue;
    alone.push(removal);
    const inARow = Math.abs(at.get(block)! - at.get(kept)!) === 1;
    weight += inARow ? block.length / 2 : block.length;
  }
  return weight / total > maxShare ? new Set(alone) : new Set();
}

/**
 * A question or a bold label printed again over different text (the same
 * question put to each person in a round of interviews, a recurring section
 * label): the article's form, not a copy. An article printed twice repeats
 * what follows the label too.
 */
function recurringLabel(blocks: Block[], indexOf: (b: Block) => number, copy: Block, first: Block): boolean {
  const bold = copy.node.children.length === 1 && copy.node.children[0]!.type === 'strong';
  // Neither a question nor a bold label: settled without taking the block's shape (a repeated paragraph is most often neither).
  if (!bold && !/\?["”’)]*\s*$/.test(copy.text)) return false;
  const shape = shapeOf(copy.node);
  if (shape.words > 25 || !(/\?["”’)]*$/.test(shape.text) || bold)) return false;
  const after = blocks[indexOf(copy) + 1];
  const afterFirst = blocks[indexOf(first) + 1];
  if (!after || !afterFirst || after === copy || afterFirst === copy) return false;
  return stringSimilarity.compareTwoStrings(normalizeKey(after.text), normalizeKey(afterFirst.text)) < 0.5;
}

/**
 * Whether `part` says nothing that `whole` (with the title) does not: its
 * content words recur and it does not say the opposite. Figures are compared
 * before (with rounding: see src/article/figures.ts).
 */
function restates(part: Profile, whole: Profile, title: Profile | undefined, overlap: number): boolean {
  // Short paragraphs say too little to judge by words alone, unless they share two or more figures.
  const direct = containment(part.terms, whole.terms);
  const enough = part.terms.size >= 8 || (part.terms.size >= 5 && (part.numbers.size >= 2 || direct >= 0.85));
  if (!enough || part.terms.size > whole.terms.size * 1.5 || contradicts(part, whole)) return false;
  const context = title ? [whole, title] : [whole];
  const covered = containment(part.terms, ...context.map((p) => p.terms));
  return covered >= 0.5 && covered + direct >= overlap;
}

/** One says a figure went up where the other says it went down: a contradiction, not a restatement. */
function contradicts(a: Profile, b: Profile): boolean {
  const way = (p: Profile) => {
    let up = 0;
    let down = 0;
    for (const word of p.words) {
      const s = stemOf(word);
      if (s === 'up') up = 1;
      else if (s === 'down') down = 1;
    }
    return up - down;
  };
  return way(a) * way(b) < 0;
}

/** Paragraphs and headings of the root and block quotes, in order. */
function collectBlocks(tree: Root): Block[] {
  const out: Block[] = [];
  const walk = (children: Root['children']) => {
    for (const node of children) {
      if (node.type === 'paragraph' || node.type === 'heading') out.push(new Block(node));
      else if (node.type === 'blockquote') walk(node.children);
    }
  };
  walk(tree.children);
  return out;
}

/** Spaces in `text`, counted up to `most`. */
function spacesUpTo(text: string, most: number): number {
  let n = 0;
  for (let at = text.indexOf(' '); at !== -1 && n < most; at = text.indexOf(' ', at + 1)) n++;
  return n;
}

function foldSpace(text: string): string {
  const trimmed = text.trim();
  return /\s\s|[\t\n\r]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Whether `a` carries at least as many facts as `b` (figures, tickers, attribution), length breaking ties. */
function moreInformative(a: Profile, b: Profile): boolean {
  const fa = factsOf(a);
  const fb = factsOf(b);
  return fa > fb || (fa === fb && a.words.length >= b.words.length);
}

/**
 * The `n` longest distinct words of at least five letters of a block (ties:
 * the first seen), read straight off its lower-case text (words as WORD_RUN
 * has them): most blocks never need their word set, and short words are
 * never cut out. A word seen again changes nothing: it is among the top
 * already, or it is no longer than the shortest of them (which only grow).
 */
function longest(lower: string, n: number): string[] {
  const top: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 0xc0) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const from = start;
    start = -1;
    const length = i - from;
    if (length < 5 || (top.length === n && length <= top[n - 1]!.length)) continue;
    const w = lower.slice(from, i);
    if (top.includes(w)) continue;
    // Insert by length, after the words as long as it (stable, as a sort would be).
    let at = top.length === n ? n - 1 : top.length;
    for (; at > 0 && top[at - 1]!.length < length; at--) top[at] = top[at - 1]!;
    top[at] = w;
  }
  return top;
}

/** Share of the smaller word set found in the other. */
function sharedWordShare(a: Block, b: Block): number {
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  if (small.size === 0) return 0;
  let hit = 0;
  for (const w of small) if (large.has(w)) hit++;
  return hit / small.size;
}

/**
 * Groups of paragraphs that share one of their rarest words (the longest
 * ones): near-verbatim copies always do, so only those pairs are compared.
 */
/** Most paragraphs one rare word may be shared by for them to be compared as possible copies. */
const MAX_SHARING = 12;

function sharedRareWords(paragraphs: Block[]): Block[][] {
  const groups = new Map<string, Block[]>();
  for (const block of paragraphs) {
    const words = longest(block.lower, 3);
    for (const word of words) {
      const group = groups.get(word);
      if (group) group.push(block);
      else groups.set(word, [block]);
    }
  }
  // A word many paragraphs share is no sign of a copy, and comparing all of them pairwise is quadratic
  // (a long, repetitive article took minutes): only words shared by a few paragraphs make groups.
  return [...groups.values()].filter((g) => g.length > 1 && g.length <= MAX_SHARING);
}

/** A news peg: the day or date a lede gives for what happened. */
const SAYS_WHEN = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|overnight)\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b/;

/** Words a sentence may open with that name nobody. */
const NO_NAME = /^(?:the|a|an|this|that|these|those|its|their|his|her|our|in|on|at|after|as|for|with|by|from|while|when|shares|investors|analysts)$/i;

/** Whether `text` opens with a name that `lede` uses too, capitalised there as well (a name, not a sentence's first word). */
function opensWithSubjectOf(text: string, lede: string): boolean {
  const first = /^["“‘(]?(\p{Lu}[\p{L}\p{N}]*)/u.exec(text)?.[1];
  if (!first || NO_NAME.test(first)) return false;
  return (lede.match(/\p{Lu}[\p{L}\p{N}]*/gu) ?? ([] as string[])).includes(first);
}

/** Whether `text` names someone or something (a capitalised word inside the sentence) that none of `others` does. */
function bringsNames(text: string, others: string[]): boolean {
  const known = new Set(others.join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const inner = text.replace(/^\S+/, '').match(/\b\p{Lu}[\p{L}\p{N}&'’-]*/gu) ?? [];
  return inner.some((name) => !known.has(name.replace(/['’]s$/, '').toLowerCase().replace(/[-'’&].*$/, '')));
}
