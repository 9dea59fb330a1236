/**
 * The article model: which block is the headline, which lines around it are
 * the dateline, the byline and page chrome, and where the story begins. Found
 * once, by position, shape and content (the line the lede restates), and kept
 * on the file so every plugin reads the same answer instead of assuming that
 * line 1 is the title.
 */
import type { Heading, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import '../article-meta.js'; // the file.data.copydeskArticle type
import { ATTRIBUTION, FURNITURE, FURNITURE_SHAPES, LIST_MARKERS } from '../knowledge/boilerplate.js';
import { containment, profileText } from '../profile.js';
import { isBodyProse, isTitleLike, shapeOf, wordsAtMost, type Shape } from './shape.js';
import { isPlaceLine, isStandingLine } from './standing-lines.js';

export type Block = Paragraph | Heading;

export interface ArticleStructure {
  /** The headline; never removed by any rule. */
  headline?: Block | undefined;
  /** Lines standing above the headline that are page chrome (site name, breadcrumb, widget line). */
  chrome: Block[];
  /** A headline in another script standing directly beside the English one. */
  bilingual?: Block | undefined;
  /** Source-and-time or dateline line, kept. */
  dateline?: Block | undefined;
  /** Author line, kept. */
  byline?: Block | undefined;
  /** The first body paragraph when a lede follows it: a possible standfirst. */
  standfirst?: Block | undefined;
  /** The first paragraph of the story proper; never removed in favour of a standfirst. */
  lede?: Block | undefined;
  /** A chrome line the reader took for the title (line 1 of a text article). */
  formerTitle?: Block | undefined;
  /** The headline was found after the body and must move to the top. */
  headlineMoved: boolean;
}

declare module 'vfile' {
  interface DataMap {
    copydeskStructure: ArticleStructure;
    copydeskDeskMarks: DeskMarks;
  }
}

/** The article's title as it stands now (after name fixes): the model's headline, or what a reader found. */
export function titleOf(file: VFile): string | undefined {
  const headline = file.data.copydeskStructure?.headline;
  return headline ? toString(headline).replace(/\s+/g, ' ').trim() : file.data.copydeskArticle?.title;
}

/** The model on a file, found on first use. */
export function structureOf(tree: Root, file: VFile): ArticleStructure {
  return (file.data.copydeskStructure ??= findStructure(tree));
}

/** How many blocks from the top the headline may stand at. */
const HEAD_WINDOW = 8;
/** How many blocks from the end a headline printed after the body may stand at. */
const TAIL_WINDOW = 3;

const BREADCRUMB = /^(?:[\p{L}\p{N}&'’ -]{1,30}\s*(?:>|›|»|\/)\s*){2,}[\p{L}\p{N}&'’ -]{1,30}$/u;

export function isMarkerOrFurniture(text: string): boolean {
  return (text.length < 60 && LIST_MARKERS.some((re) => re.test(text))) || FURNITURE.some((re) => re.test(text)) || FURNITURE_SHAPES.some((f) => f.pattern.test(text));
}

export function isAttributionLine(text: string): boolean {
  return ATTRIBUTION.some((re) => re.test(text));
}

/**
 * A desk's dateline on its own line: a place, a date, the outlet, a dash
 * ("HONG KONG, Dec 1 (Reuters) -").
 */
export function isDeskDateline(text: string): boolean {
  return text.length <= 90 && /^[\p{Lu}][\p{Lu} ,.]{2,40},? (?:\w{3,9}\.? \d{1,2}|\d{1,2} \w{3,9})(?: \([\p{L} ]{2,30}\))? ?[-–—]$/u.test(text);
}

/** A page's source-and-time stamp: "Zhitong Finance · 2025-10-29 07:32", "Wire Eight 2025.07.17 00:05", "GMT Eight · 3 hours ago". */
function isSourceStamp(text: string): boolean {
  if (text.length > 90) return false;
  return /^[\p{L} ]{2,40}\s*[·•|]?\s*(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u.test(text) ||
    /^[\p{L} ]{2,40}\s*[·•|]\s*(?:\d+\s*(?:[mhd]|min|hours?|days?) ago|just now)$/iu.test(text);
}

/** "Zhitong Finance · 2025-10-29 07:32", "HONG KONG, Dec 1 (Reuters) -", "Wire Eight 2025.07.17 00:05". */
export function isDateline(text: string): boolean {
  return isDeskDateline(text) || isSourceStamp(text);
}

/** A desk's dateline opening a paragraph: "SEOUL, Oct 27 (Reuters) - Samsung said…", "NEW YORK/HONG KONG - …". */
const DATELINE_LEDE = /^[\p{Lu}][\p{Lu}.'’ -]{1,30}(?:\/[\p{Lu}][\p{Lu}.' -]{1,30})*(?:,\s+[\p{Lu}][\p{L}.]+(?:\s[\p{Lu}][\p{L}.]+)?){0,2}(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?(?:\s+\([^()]{2,30}\))?\s+[-–—]{1,2}\s+\S/u;
export function opensWithDateline(text: string): boolean {
  return DATELINE_LEDE.test(text);
}

/** A desk's byline: "By Jo Lee", "By Jo Lee and Sam Wu", "Staff writer". */
function isDeskByline(text: string): boolean {
  return text.length <= 80 && (/^[Bb]y\s+\p{Lu}[\p{L}'’.-]+(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]+){0,5}$/u.test(text) || /^Staff\s+writer\b/.test(text));
}

/** A reporting credit, as desks print it under or after a story: "(Reporting by Jo Lee; Editing by Sam Wu)". */
export function isCredit(text: string): boolean {
  return text.length <= 160 && /^\(?(?:Reporting|Writing|Additional\s+reporting)\s+by\s+\p{Lu}/u.test(text);
}

/** "By Jo Lee", or a page's author field ("author: …", "reporter丨…"). */
export function isByline(text: string): boolean {
  return isDeskByline(text) || (text.length <= 80 && /^(?:author|reporter|writer|text|editor)\s*[:：|丨]\s*\S/iu.test(text));
}

/**
 * The marks an English desk puts on a story it edited: a dateline (on its own
 * line or opening a paragraph), a byline, a reporting credit. A wire page's
 * source-and-time stamp and its author field are not a desk's marks. The one
 * definition: the article model and the entity rules both read it.
 */
export interface DeskMarks {
  dateline: boolean;
  byline: boolean;
}

/** The desk's marks on an article, from its blocks' text. */
export function deskMarksIn(texts: Iterable<string>): DeskMarks {
  const marks: DeskMarks = { dateline: false, byline: false };
  for (const t of texts) {
    if (!marks.dateline && (isDeskDateline(t) || opensWithDateline(t))) marks.dateline = true;
    if (!marks.byline && (isDeskByline(t) || isCredit(t))) marks.byline = true;
    if (marks.dateline && marks.byline) break;
  }
  return marks;
}

/** The desk's marks on the article of a file, found once (the blocks as the article came in). */
export function deskMarksOf(tree: Root, file: VFile): DeskMarks {
  return (file.data.copydeskDeskMarks ??= deskMarksIn(tree.children.filter((n): n is Block => n.type === 'paragraph' || n.type === 'heading').map((n) => toString(n).trim())));
}

function isBreadcrumb(text: string): boolean {
  return BREADCRUMB.test(text);
}

/**
 * A block, its shape and what kind of line it is, each taken on first use:
 * most of a long article is never looked at, and the lines near the top are
 * looked at several times.
 */
class Candidate {
  #shape: Shape | undefined;
  #furniture: boolean | undefined;
  #dateline: boolean | undefined;
  #byline: boolean | undefined;
  #attribution: boolean | undefined;
  #wordsAtMost: number | undefined;
  constructor(
    readonly node: Block,
    readonly index: number,
  ) {}
  get shape(): Shape {
    return (this.#shape ??= shapeOf(this.node));
  }
  get text(): string {
    return this.shape.text;
  }
  get furniture(): boolean {
    return (this.#furniture ??= isMarkerOrFurniture(this.text));
  }
  get dateline(): boolean {
    return (this.#dateline ??= isDateline(this.text));
  }
  get byline(): boolean {
    return (this.#byline ??= isByline(this.text));
  }
  get attribution(): boolean {
    return (this.#attribution ??= isAttributionLine(this.text));
  }
  /** Whether the block may hold `n` words, told without taking its shape (see `mayHaveWords`). */
  mayHaveWords(n: number): boolean {
    return (this.#wordsAtMost ??= wordsAtMost(this.node)) >= n;
  }
}

/**
 * A first line that cannot be the headline: a site or wire name, a
 * breadcrumb, a widget or furniture line, a line in another script.
 */
function chromeStrength(b: Candidate, story: string): 0 | 1 | 2 {
  const shape = b.shape;
  // A place printed as the dateline or a section word over the headline is the article's, and no headline.
  if (isStandingLine(shape.text, story)) return 2;
  if (shape.cjkShare > 0.5 || shape.linkShare > 0.5 || isBreadcrumb(shape.text) || b.furniture || b.dateline || shape.digitShare > 0.5) return 2;
  return shape.words <= 3 ? 1 : 0; // a site name, or a short headline
}

/** A label or value alone on its line under the headline ("avatar", "GMT Eight", "time"): page chrome. */
function isLabelLine(b: Candidate): boolean {
  const shape = b.shape;
  return shape.words >= 1 && shape.words <= 3 && !/[.!?:：]$/.test(shape.text) && !/\p{N}/u.test(shape.text) && shape.cjkShare < 0.5 && !b.attribution;
}

/** Whether a line may be a headline at all, by shape. */
function headlineShaped(b: Candidate): boolean {
  const shape = b.shape;
  if (!shape.text || shape.cjkShare > 0.3 || shape.linkShare > 0.5) return false;
  if (b.furniture || b.attribution || b.dateline || b.byline || isBreadcrumb(shape.text)) return false;
  return isTitleLike(shape) && shape.words >= 4;
}

/** Share of a headline's content words that the story's first paragraphs use. */
function restatedBy(title: Shape, body: string): number {
  const t = profileText(title.text);
  if (t.terms.size === 0) return 0;
  return containment(t.terms, profileText(body).terms);
}

export function findStructure(tree: Root): ArticleStructure {
  const structure: ArticleStructure = { chrome: [], headlineMoved: false };
  const blocks: Candidate[] = [];
  tree.children.forEach((node: RootContent, index) => {
    if (node.type === 'paragraph' || (node.type === 'heading' && node.depth <= 2)) blocks.push(new Candidate(node, index));
  });
  if (blocks.length === 0) return structure;

  // The story proper starts at the first block of body prose.
  // A heading is story text only when it holds several sentences (a text article whose line 1 is the lede).
  // A block too short for twelve words is passed over without taking its shape: most of a long article of short lines.
  const firstProse = blocks.findIndex((b) => b.mayHaveWords(12) && isBodyProse(b.shape) && b.shape.words >= 12 && (b.node.type === 'paragraph' || b.shape.sentences >= 2));
  const storyText = firstProse >= 0 ? blocks.slice(firstProse, firstProse + 2).map((b) => b.shape.text).join(' ') : '';

  const limit = firstProse >= 0 ? Math.min(firstProse, HEAD_WINDOW) : Math.min(blocks.length, HEAD_WINDOW);
  const given = blocks.slice(0, limit + 1).find((b) => b.node.type === 'heading' && b.node.depth === 1);

  let headline: Candidate | undefined;
  const chrome = given ? chromeStrength(given, storyText) : 0;
  // Over a place line or a kicker the headline is the next headline-shaped line, restated by the story or not.
  const standingFirst = given !== undefined && isStandingLine(given.text, storyText);
  if (given && chrome === 0 && !(firstProse >= 0 && blocks[firstProse] === given)) headline = given;
  // Chrome stands where the title should be: the headline is the title-shaped line the story restates most.
  if (!headline && given && chrome > 0) {
    const after = blocks.slice(blocks.indexOf(given) + 1, limit);
    const end = after.findIndex((b) => b.furniture && LIST_MARKERS.some((re) => re.test(b.text)));
    const candidates = (end >= 0 ? after.slice(0, end) : after).filter(headlineShaped);
    const scored = candidates.map((c) => ({ c, score: restatedBy(c.shape, storyText) + (c.node.type === 'heading' ? 0.2 : 0) }));
    scored.sort((x, y) => y.score - x.score || x.c.index - y.c.index);
    // A short first line may just be a short headline: only the story's own words make another one the title.
    const best = scored[0];
    if (best && (storyText ? best.score >= 0.3 || standingFirst : chrome === 2)) headline = best.c;
    // A place line or kicker is never the title: the line after it is, shaped as a headline or not (one ending in a
    // full stop), unless the story starts there.
    if (!headline && standingFirst) {
      const next = after.find((b) => !b.furniture && !b.dateline && !b.byline && !b.attribution && !isStandingLine(b.text, storyText));
      if (next && next !== blocks[firstProse] && next.shape.words >= 3) headline = next;
    }
  }
  // A headline printed after the body: the page's first line is story text.
  if (!headline && given && blocks[firstProse] === given) {
    const tail = blocks.slice(-TAIL_WINDOW).filter((b) => b !== given && headlineShaped(b));
    const found = tail.find((b) => restatedBy(b.shape, storyText) >= 0.5);
    if (found) {
      headline = found;
      structure.headlineMoved = true;
    }
  }
  // The reader's title, when nothing is better; story prose on line 1 is no title at all.
  const proseFirst = given && blocks[firstProse] === given && (given.shape.sentences >= 2 || given.shape.words > 40);
  if (!headline && given && !proseFirst) headline = given;
  if (!headline && proseFirst) structure.formerTitle = given.node;
  structure.headline = headline?.node;
  if (given && headline && given !== headline) structure.formerTitle = given.node;

  const at = headline && !structure.headlineMoved ? blocks.indexOf(headline) : 0;
  // Only an English headline has a version in another script beside it: in an article written in
  // Chinese or Japanese throughout, the short line under the headline is its lede.
  const besideEnglish = headline !== undefined && headline.shape.cjkShare < 0.2;
  // A place printed alone is the dateline when the page has no fuller one (a source-and-time line names the source too).
  let placeLine: Block | undefined;
  // Above the headline: a same-news line in another script beside it, or short chrome.
  for (let i = 0; i < at; i++) {
    const b = blocks[i]!;
    if (b.furniture) continue; // strip-boilerplate's, by its own rule
    if (i === at - 1 && besideEnglish && isOtherScriptHeadline(b)) structure.bilingual = b.node;
    else if (b.dateline) structure.dateline ??= b.node;
    else if (b.byline) structure.byline ??= b.node;
    // A place line is the dateline and a kicker the section: both the article's.
    else if (isStandingLine(b.text, storyText)) {
      if (isPlaceLine(b.text, storyText)) placeLine ??= b.node;
    }
    // Navigation links are strip-boilerplate's, by its own rule.
    else if (!b.attribution && !isBodyProse(b.shape) && b.shape.words <= 12 && b.shape.linkShare <= 0.5) structure.chrome.push(b.node);
  }
  // Just below it: a headline in another script, the dateline, the byline.
  let next = structure.headlineMoved ? 0 : at + 1;
  for (; next < blocks.length && next <= at + 4; next++) {
    const b = blocks[next]!;
    if (b === headline) continue;
    if (next === at + 1 && besideEnglish && !structure.bilingual && isOtherScriptHeadline(b) && !structure.headlineMoved) structure.bilingual = b.node;
    else if (b.dateline) structure.dateline ??= b.node;
    else if (b.byline) structure.byline ??= b.node;
    else if (b.furniture || b.attribution) continue;
    else if (isStandingLine(b.text, storyText)) {
      if (isPlaceLine(b.text, storyText)) placeLine ??= b.node;
    }
    // A subheading under the headline ("## Key Points" over a box of bullets) is the author's, not a widget label.
    else if (isLabelLine(b) && b.node.type !== 'heading' && next + 1 < blocks.length) structure.chrome.push(b.node);
    else break;
  }
  // A byline or dateline may also stand below a dek, before the lede.
  for (const b of blocks.slice(next, next + 3)) {
    if (b === headline) continue;
    if (b.dateline) structure.dateline ??= b.node;
    else if (b.byline) structure.byline ??= b.node;
  }
  structure.dateline ??= placeLine;
  // The lead: a standfirst is a first paragraph followed by a longer one of story prose.
  const body: Candidate[] = [];
  for (let i = next; i < blocks.length && body.length < 2; i++) {
    const b = blocks[i]!;
    // The reader's line 1, when it is story text, is a paragraph of the body (the plugin turns it into one).
    const paragraph = b.node.type === 'paragraph' || b.node === structure.formerTitle;
    if (b !== headline && paragraph && b.mayHaveWords(8) && b.shape.words >= 8 && !b.furniture) body.push(b);
  }
  const [first, second] = body;
  if (first && second && first.shape.sentences <= 1 && second.shape.text.length > first.shape.text.length && isBodyProse(second.shape)) {
    structure.standfirst = first.node;
    structure.lede = second.node;
  } else if (first) {
    structure.lede = first.node;
  }
  return structure;
}

/** Whether a node is one the model says must stay (headline, lede). */
export function isProtected(structure: ArticleStructure | undefined, node: Nodes): boolean {
  return !!structure && (node === structure.headline || node === structure.lede);
}

/** A short line in another script shaped as a headline: no sentence-final full stop, as a lede has. */
function isOtherScriptHeadline(b: Candidate): boolean {
  return b.shape.cjkShare > 0.5 && b.text.length <= 120 && !/[。．]\s*$/.test(b.text);
}
