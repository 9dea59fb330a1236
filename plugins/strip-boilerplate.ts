/**
 * strip-boilerplate: removes page furniture and "Related Articles" blocks.
 *
 * Republished wire copy carries the source site's page with it: lists of
 * other headlines under "Related News" / "RECOMMEND" / "Hot topics" (often
 * twice, sometimes glued to the last sentence: "…its pace.Related NewsCiti…"),
 * share bars, app prompts, audio and rating widgets, image placeholders.
 * Editorial lines stay: "Source: …", author lines, a source-and-time line,
 * disclaimers. A sentence that merely uses "related" or "recommended" stays.
 * A block under a marker ends where the story goes on: body prose, a
 * sentence that refers back to the story, a line introducing a list, a
 * subhead of the marker's rank.
 *
 * Rule ids:
 * - `related-block`: a headline-list marker and the headlines under it.
 * - `page-furniture`: a known furniture line, or a short line made of
 *   interface words or links only (found by its shape, so the next site's
 *   chrome is caught too), a share bar printed as a list, a short
 *   imperative prompt to the reader ("Follow us for more").
 *
 * @example
 *   in:  "…the analyst said.Related NewsCiti expects capex to fall\nRECOMMEND"
 *   out: "…the analyst said."  (two `related-block` messages)
 */
import type { List, Nodes, Paragraph, Parents, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { ATTRIBUTION, FURNITURE, FURNITURE_SHAPES, GLUED_MARKER, LIST_MARKERS, UI_WORDS } from '../src/knowledge/boilerplate.js';
import { ATTRIBUTION_WORDS, foldWhitespace, isBodyProse, linkShareOf, narrativeScore, shapeOf, type Shape } from '../src/article/shape.js';
import { structureOf } from '../src/article/structure.js';
import { isBareTime, isTimedEntry } from '../src/article/standing-lines.js';
import { anyOf } from '../src/article/patterns.js';
import { sentenceCount } from '../src/profile.js';
import { applyRemovals, longerThan, proseLength, type GuardOptions, type Removal } from '../src/removal.js';

export const PLUGIN = 'strip-boilerplate';
export const RULES = ['related-block', 'page-furniture'] as const;

export interface StripBoilerplateOptions extends GuardOptions {
  /** More headline-list markers (whole-line patterns). */
  markers?: RegExp[] | undefined;
  /** More furniture lines (whole-line patterns). */
  furniture?: RegExp[] | undefined;
  /** Longest line, in words, taken as a headline under a marker. @default 40 */
  maxHeadlineWords?: number | undefined;
}

const ANY_ATTRIBUTION = anyOf(ATTRIBUTION);
const ANY_SHAPE = anyOf(FURNITURE_SHAPES.map((f) => f.pattern));

/** Interface words that ordinary prose rarely uses: one must be present. */
const STRONG_UI = new Set(
  'share wechat weibo qq facebook twitter linkedin whatsapp telegram email print comment comments favorite favourite bookmark download app apps scan qr subscribe login register zoom font listen helpful install'.split(' '),
);
/**
 * A strong word anywhere in a line, in any case: a word of the lower-cased line can be one only if this
 * holds (with `u`, `i` also folds the Kelvin sign, the one non-ASCII letter that lower-cases to one of them).
 */
const STRONG_UI_INSIDE = new RegExp([...STRONG_UI].join('|'), 'iu');

const stripBoilerplate: Plugin<[StripBoilerplateOptions?], Root> = function (options = {}) {
  const markers = [...LIST_MARKERS, ...(options.markers ?? [])];
  const furniture = [...FURNITURE, ...(options.furniture ?? [])];
  const maxHeadlineWords = options.maxHeadlineWords ?? 40;

  // Each list tested as one regex or a few: every short block meets them all.
  const anyMarker = anyOf(markers);
  const isFurniture = anyOf(furniture);
  const isMarker = (text: string) => text.length < 60 && anyMarker(text);
  const isAttribution = ANY_ATTRIBUTION;

  return (tree: Root, file: VFile) => {
    const glued = splitGluedMarkers(tree);
    const { headline } = structureOf(tree, file);
    const removals: Removal[] = [];
    for (const parent of blockParents(tree)) {
      const children = parent.children as RootContent[];
      const section = new SectionFacts(children, (t) => isMarker(t) || isFurniture(t), maxHeadlineWords);
      for (let i = 0; i < children.length; i++) {
        const node = children[i]!;
        if (node === headline) continue; // the title is never boilerplate
        // Furniture and markers are short: long blocks are prose, not worth a look.
        if (!glued.has(node) && longerThan(node, MAX_TEXT)) continue;
        const text = blockText(node);
        if (glued.has(node) || isMarker(text)) {
          const first = removals.length;
          const markerAt = i;
          removals.push(related(node, 'Removed a related-headlines marker'));
          let linked = false;
          let headlines = 0;
          let unlinked = false;
          // The headlines under the marker, and any repeated marker, go with it.
          while (i + 1 < children.length) {
            const next = children[i + 1]!;
            if (next === headline) break;
            const nextText = blockText(next);
            if (isMarker(nextText)) removals.push(related(next, 'Removed a related-headlines marker'));
            else if (isFurniture(nextText)) removals.push({ node: next, ruleId: 'page-furniture', reason: 'Removed page furniture', marked: true });
            // A live blog's timed entry ("09:45 — Shares opened 3% higher") is the story, never another one's headline.
            else if (isAttribution(nextText) || opensSection(node, next, linked) || continuesStory(next, nextText) || isTimedEntry(nextText)) break;
            else if (isHeadlines(next, nextText, maxHeadlineWords)) {
              const links = linkShareOf(next) >= 0.6;
              linked ||= links;
              unlinked ||= !links;
              headlines++;
              // A headline that reads like a sentence is weighed by the prose guard like any other removal.
              const removal = related(next, 'Removed a headline listed under a related-headlines marker');
              if (readsLikeSentence(next)) removal.marked = false;
              removals.push(removal);
            } else if (next.type !== 'thematicBreak') break; // body prose ends the block, wherever the marker stands
            i++;
          }
          // A marker that is also a story's own subhead ("Latest" over a live blog, "Top picks" over a broker's
          // list) heads other stories only when what it takes is navigation: headlines that are all links, or
          // lines that close the article. Otherwise the marker and the lines under it are the story's section.
          if (!glued.has(node) && isSubheadWord(text) && !((headlines > 0 && !unlinked) || section.closesFrom(i + 1))) {
            removals.length = first;
            i = markerAt;
          }
          continue;
        }
        if (node.type === 'list' && isInterfaceList(node)) {
          removals.push({ node, ruleId: 'page-furniture', reason: 'Removed a share bar or menu printed as a list' });
          continue;
        }
        if (!text || node.type === 'list' || node.type === 'code' || node.type === 'table' || isAttribution(text)) continue;
        // A time alone over a live blog's entry looks like a widget's counter, and is the entry's stamp.
        if (isBareTime(text) && section.stampsLiveEntry(i)) continue;
        let shaped: (typeof FURNITURE_SHAPES)[number] | undefined;
        if (isFurniture(text)) {
          removals.push({ node, ruleId: 'page-furniture', reason: 'Removed page furniture', marked: true });
        } else if ((shaped = ANY_SHAPE(text) ? FURNITURE_SHAPES.find((f) => f.pattern.test(text)) : undefined)) {
          removals.push({ node, ruleId: 'page-furniture', reason: `Removed page furniture: ${shaped.what}`, marked: true });
        } else if (looksLikeInterface(node, text)) {
          removals.push({ node, ruleId: 'page-furniture', reason: 'Removed a line of interface words or links' });
        } else if (isReaderPrompt(node, text)) {
          removals.push({ node, ruleId: 'page-furniture', reason: 'Removed a prompt to the reader (download, follow, subscribe)' });
        }
      }
    }
    removals.push(...trailingLinkLists(tree, new Set(removals.map((r) => r.node))));
    applyRemovals(tree, file, PLUGIN, removals, options);
  };
};

/**
 * Lists of bare links closing the article, with no marker above them: the
 * position and the link density say "other headlines" even where the site's
 * heading is missing. Not marked: the prose guard still holds them.
 */
function trailingLinkLists(tree: Root, already: Set<Nodes>): Removal[] {
  const out: Removal[] = [];
  for (let i = tree.children.length - 1; i >= 0; i--) {
    const node = tree.children[i]!;
    if (already.has(node) || node.type === 'html' || node.type === 'thematicBreak') continue;
    if (node.type !== 'list' || !node.children.every(isLinkOnly) || introduced(tree.children[i - 1], already)) break;
    out.push({ node, ruleId: 'related-block', reason: 'Removed a list of links to other articles closing the page' });
  }
  return out;
}

/**
 * A list the story introduces: under a subhead of its own ("Documents",
 * "Sources") or after a line ending in a colon. A site's list of other
 * headlines follows the story with no heading, or under a marker.
 */
function introduced(before: Nodes | undefined, already: Set<Nodes>): boolean {
  if (!before || already.has(before)) return false;
  if (before.type === 'heading') return true;
  return before.type === 'paragraph' && /[:：]$/.test(foldWhitespace(toString(before)));
}

/** A list item that is one link and (almost) nothing else. */
function isLinkOnly(item: Nodes): boolean {
  if (item.type !== 'listItem' || item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return false;
  const paragraph = item.children[0];
  const links = paragraph.children.filter((c) => c.type === 'link');
  if (links.length !== 1) return false;
  const text = toString(paragraph).trim();
  return text.length > 0 && toString(links[0]!).length / text.length >= 0.9;
}

export default stripBoilerplate;

/** Longest marker or furniture line, in text characters: the longest seen is an app prompt of about 80. */
const MAX_TEXT = 160;

function related(node: Nodes, reason: string): Removal {
  return { node, ruleId: 'related-block', reason, marked: true };
}

function blockText(node: Nodes): string {
  if (node.type === 'html' || node.type === 'code') return '';
  const only = node.type === 'paragraph' && node.children.length === 1 ? node.children[0] : undefined;
  return foldWhitespace(only?.type === 'text' ? only.value : toString(node));
}

/** Block sequences worth scanning: the root and block quotes (HTML sections are flattened already). */
function blockParents(tree: Root): Parents[] {
  const out: Parents[] = [tree];
  for (let i = 0; i < out.length; i++) {
    for (const child of out[i]!.children) if (child.type === 'blockquote') out.push(child);
  }
  return out;
}

/**
 * A list of headlines, or one headline line: short, title-like, no
 * attribution, no closing quote, mostly link text when it has links. The
 * first block that reads as body prose is not one, so a marker standing
 * mid-article never takes the story after it.
 */
function isHeadlines(node: Nodes, text: string, maxWords: number): boolean {
  if (node.type === 'list') return node.children.every((item) => isHeadline(shapeOf(item), maxWords));
  if (node.type !== 'paragraph' && node.type !== 'heading') return false;
  return text.split(' ').length <= maxWords && isHeadline(shapeOf(node), maxWords);
}

function isHeadline(shape: Shape, maxWords: number): boolean {
  if (shape.words === 0 || shape.words > maxWords || shape.sentences > 1 || isBodyProse(shape)) return false;
  if (shape.endsWithQuote || ATTRIBUTION_WORDS.test(shape.text)) return false;
  // With links, a listed headline is the link; a sentence with a link in it is prose.
  return shape.linkShare === 0 || shape.linkShare >= 0.6;
}

/**
 * A block the related box cannot hold: a heading of the marker's rank or
 * higher (the box is a section under its marker), or, after headlines that
 * were links, a block with no link at all (the story's subhead or paragraph).
 */
function opensSection(marker: Nodes, next: Nodes, linked: boolean): boolean {
  if (next.type === 'heading' && marker.type === 'heading' && next.depth <= marker.depth) return true;
  return linked && next.type !== 'thematicBreak' && linkShareOf(next) === 0;
}

/**
 * What the rules need to know about a run of sibling blocks beyond the one
 * at hand, each found once and only when asked (an article of 100,000 short
 * paragraphs must not be scanned again for each of them).
 */
class SectionFacts {
  #times: number | undefined;
  /** A block of the story's found at or after the last scan's start. */
  #story = -1;
  /** From here on no block is the story's. */
  #clearFrom = Number.POSITIVE_INFINITY;
  constructor(
    readonly children: RootContent[],
    readonly isChrome: (text: string) => boolean,
    readonly maxWords: number,
  ) {}

  /**
   * Whether the time at `at` heads an entry of a live blog: text follows it,
   * and it is one of several times standing alone (a page's lone clock or
   * counter is not a live blog).
   */
  stampsLiveEntry(at: number): boolean {
    const next = this.children[at + 1];
    if (!next || (next.type !== 'paragraph' && next.type !== 'list' && next.type !== 'blockquote') || isBareTime(blockText(next))) return false;
    this.#times ??= this.children.filter((c) => (c.type === 'paragraph' || c.type === 'heading') && !longerThan(c, 24) && isBareTime(blockText(c))).length;
    return this.#times >= 2;
  }

  /**
   * Whether nothing from `from` on is the story's: only markers, furniture
   * and lines shaped as other stories' headlines follow (a live-blog entry, a
   * quote, any line a headline list cannot hold is the story going on).
   * Asked with `from` rising, so each block is looked at once.
   */
  closesFrom(from: number): boolean {
    if (from >= this.#clearFrom) return true;
    if (this.#story >= from) return false;
    for (let k = from; k < this.children.length && k < this.#clearFrom; k++) {
      if (this.isStory(this.children[k]!)) {
        this.#story = k;
        return false;
      }
    }
    this.#clearFrom = from;
    return true;
  }

  private isStory(node: RootContent): boolean {
    if (node.type === 'thematicBreak' || node.type === 'html' || node.type === 'definition') return false;
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'list') return true;
    const text = blockText(node);
    if (this.isChrome(text)) return false;
    return isTimedEntry(text) || !isHeadlines(node, text, this.maxWords);
  }
}

/** Markers that are also words a story's own subhead is made of. */
const SUBHEAD_MARKER = /^(?:latest|top picks|trending|popular)$/i;

function isSubheadWord(text: string): boolean {
  return SUBHEAD_MARKER.test(text);
}

/** Openings that refer back to what the story has said: a headline names its subject, prose goes on about it. */
const REFERS_BACK = /^["“]?(?:(?:The|This|That|These|Those|Such)\s+\p{Ll}|(?:It|Its|They|Their|He|She|His|Her|We|Our)\s)/u;

/**
 * A block that can only be the story going on: a line that ends with a colon
 * (it introduces what follows, as no listed headline does), or a sentence
 * that opens by referring back ("The company expects…", "Its shares…").
 */
function continuesStory(node: Nodes, text: string): boolean {
  if (node.type !== 'paragraph') return false;
  if (/[:：]$/.test(text)) return true;
  const shape = shapeOf(node);
  return shape.endsSentence && shape.words >= 6 && shape.linkShare < 0.5 && REFERS_BACK.test(text);
}

/** A line under a marker that ends like a sentence, is long enough to be one and has something of narrative. */
function readsLikeSentence(node: Nodes): boolean {
  if (node.type === 'list') return false;
  const shape = shapeOf(node);
  return shape.endsSentence && shape.words >= 10 && narrativeScore(shape) >= 1;
}

/** An interface verb the reader is told to do, opening the line. */
const PROMPT_VERB = /^(?:please\s+)?(?:click|tap|download|install|scan|subscribe|sign up|log in|register|follow|open the app|open app)(?![\w-])/i;
/** What a prompt is about: the site, its app or newsletter (a company's alerts are the story's; a sentence about its app has a subject first). */
const PROMPT_OBJECT = /\b(?:app|apps|us|our|here|newsletters?|qr|code|more news)\b/i;
const LIKED = /^(?:like|liked|enjoy|enjoyed|love) (?:this|the|our) (?:article|story|post|news)\b/i;

/**
 * A short line in the imperative addressed to the reader ("Click to download
 * the … APP for more news", "Follow us for more", "Like this article?"):
 * story prose has a subject before its verb, reports and attributes.
 */
function isReaderPrompt(node: Nodes, text: string): boolean {
  if (node.type !== 'paragraph' && node.type !== 'heading') return false;
  if (spacesUpTo(text, 16) >= 16) return false;
  if (!(PROMPT_VERB.test(text) && PROMPT_OBJECT.test(text)) && !LIKED.test(text)) return false;
  const shape = shapeOf(node);
  return shape.sentences <= 2 && !ATTRIBUTION_WORDS.test(text) && shape.digitShare < 0.2;
}

/** A short line of interface words ("Share to: WeChat | Weibo"), or of links only. */
function looksLikeInterface(node: Nodes, text: string): boolean {
  if (node.type !== 'paragraph' && node.type !== 'heading') return false;
  if (spacesUpTo(text, 13) >= 13) return false; // cheap: more than 12 words cannot be a widget label
  if (isInterfaceText(text)) return true;
  // Navigation: two or more links making up nearly all of the text, no sentence. A link without words (a
  // permalink "¶", an icon, an empty mail link) is no menu item: a linked subhead or byline beside one stays.
  const links = node.children.filter((c) => c.type === 'link' && /[\p{L}\p{N}]/u.test(toString(c)));
  if (links.length < 2 || sentenceCount(text) > 0) return false;
  const linked = links.reduce((n, l) => n + toString(l).length, 0);
  return linked / text.replace(/[\s|·•,/]+/g, '').length >= 0.8;
}

/** Up to 12 words, nearly all of them interface words, one of them one prose rarely uses ("share", "WeChat", "app"). */
function isInterfaceText(text: string): boolean {
  if (!STRONG_UI_INSIDE.test(text)) return false; // cheap: most lines hold no strong interface word at all
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0 || words.length > 12) return false;
  const ui = words.filter((w) => UI_WORDS.has(w)).length;
  return ui / words.length >= 0.7 && words.some((w) => STRONG_UI.has(w));
}

/** A share bar or menu a converter printed as a list: items of a word or two, together a line of interface words. */
function isInterfaceList(list: List): boolean {
  if (proseLength(list) > MAX_TEXT) return false;
  const short = list.children.every((item) => item.children.length === 1 && item.children[0]!.type === 'paragraph' && spacesUpTo(toString(item).trim(), 4) < 4);
  return short && isInterfaceText(list.children.map((item) => foldWhitespace(toString(item))).join(' '));
}

/** Spaces in `text`, counted up to `most`. */
function spacesUpTo(text: string, most: number): number {
  let n = 0;
  for (let at = text.indexOf(' '); at !== -1 && n < most; at = text.indexOf(' ', at + 1)) n++;
  return n;
}

/** A cheap test before the real one: most paragraphs hold none of these words. */
const GLUED_HINT = /Related|RECOMMEND|Recommended|Hot topics|Read more/;

/** Cut "…its pace.Related NewsCiti expects…" into the sentence and a marker block. */
function splitGluedMarkers(tree: Root): Set<Nodes> {
  const split = new Set<Nodes>();
  for (const parent of blockParents(tree)) {
    const children = parent.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type !== 'paragraph') continue;
      const at = node.children.findIndex((c) => c.type === 'text' && GLUED_HINT.test(c.value) && GLUED_MARKER.test(c.value));
      if (at === -1) continue;
      const text = node.children[at] as Text;
      const cut = text.value.search(GLUED_MARKER);
      if (cut <= 0) continue;
      const head: Text = { type: 'text', value: text.value.slice(0, cut), position: text.position };
      const tailStart = shift(text, cut);
      const tail: Paragraph = {
        type: 'paragraph',
        children: [{ type: 'text', value: text.value.slice(cut).trimStart(), position: tailStart && { start: tailStart, end: text.position!.end } }, ...node.children.slice(at + 1)],
        position: tailStart && node.position && { start: tailStart, end: node.position.end },
      };
      node.children = [...node.children.slice(0, at), head];
      if (head.position && tailStart) head.position = { start: head.position.start, end: tailStart };
      if (node.position && tailStart) node.position = { start: node.position.start, end: tailStart };
      children.splice(i + 1, 0, tail);
      split.add(tail);
    }
  }
  return split;
}

/** The point `by` characters into a text node (positions of the original input). */
function shift(text: Text, by: number) {
  const start = text.position?.start;
  if (!start || start.offset === undefined) return undefined;
  const before = text.value.slice(0, by);
  const lines = before.split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length === 1 ? start.column + by : lines[lines.length - 1]!.length + 1;
  return { line, column, offset: start.offset + by };
}
