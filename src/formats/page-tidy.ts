/**
 * copydesk's own pass over Readability's article, before it is read: what Readability keeps but a
 * reader does not read as the story. Picture captions and credits; lines that only date or sign the
 * page ("Updated 11:05, Nov 19"); promotion lines ("SEE MORE: …", "Continue Reading Below"); blocks
 * and lists that are mostly links (rails of other stories); tag lists and copyright notices. Only
 * short blocks are judged, so a paragraph of prose never goes. What is removed here is reported with
 * the page's other dropped regions (`page-regions.ts`).
 */
import type { DomNode } from './page-regions.js';
import { classOf, elementsWhere, squash } from './page-regions.js';

const ELEMENT = 1;
/** Inline elements judged as lines when they stand in a container, not in a sentence. */
const INLINE = new Set(['span', 'time', 'small', 'a', 'strong', 'b', 'em', 'i']);
const CONTAINERS = new Set(['div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'figure']);
const isLine = (el: DomNode) => BLOCKS.has(el.localName ?? '') || (INLINE.has(el.localName ?? '') && CONTAINERS.has(el.parentNode?.localName ?? ''));
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'aside', 'dl', 'table', 'header', 'footer']);
const isCaption = (el: DomNode) => el.localName === 'figcaption' || /caption|credit/i.test(classOf(el));
/** Where a short line starts like this, it is the page talking, not the story. */
const PROMO =
  /^(?:you (?:may|might) (?:also )?like|don'?t miss|see (?:more|also)|read (?:more|next|also)|more (?:from|on|stories|news)|related(?: (?:articles?|stories|news|posts?|content|coverage|reading))?\b|recommended|continue reading|advertisement|sponsored|share (?:this|on)|follow us|sign up|subscribe|tags?\b|filed under|topics?:|categories?:|comments?\b|leave a (?:comment|reply)|click here|get .{0,40} on the go|watch:|listen:|photo:|image:|video:|trending|popular|most read|top stories|next article|previous article|more:)/i;
const DATED = /\b(?:published|updated|posted|last (?:modified|updated)|first published)\b/i;
const DATE_OR_TIME =
  /\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d+ (?:minutes?|hours?|days?|weeks?) ago)/i;
/** Interface words of a gallery or a player, alone on a line. */
const WIDGET = /^(?:caption|close|open|next|previous|prev|expand|enlarge|menu|print|email|share|play|pause|replay|more|hide caption|toggle caption|image \d+ of\s*\/?\s*\d*|\d+ of \d+|back to (?:top|gallery))$/i;
/** A picture's caption or credit, by its wording: "(Image: GETTY)", "(AP Photo/…)", "Photo: …". */
const CREDIT = /\((?:image|images|photo|photos|picture|pic|credit|source)s?:[^)]*\)\s*$|\(AP Photo\/|^(?:photo|photograph|image|credit|picture)s?:\s|\bCredit:\s*\S+(?:\s+\S+){0,6}$/i;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
const NOTICE = /^(?:©|\(c\)|copyright\b|all rights reserved|this (?:document|article|material) (?:is subject to|may not)|citation:)/i;

const words = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

interface Mutable {
  ownerDocument: { createElement(tag: string): Mutable };
  firstChild: unknown;
  appendChild(node: unknown): void;
  replaceWith(node: unknown): void;
}

/**
 * Before Readability: a quote's source (`<blockquote>…<footer>Name</footer>`) is the article's, but
 * Readability drops every `<footer>`; it becomes a paragraph of the quote.
 */
export function keepQuoteSources(sources: readonly DomNode[]): void {
  for (const source of sources) {
    const node = source as unknown as Mutable;
    const paragraph = node.ownerDocument.createElement('p');
    while (node.firstChild) paragraph.appendChild(node.firstChild);
    node.replaceWith(paragraph);
  }
}

export function tidyArticle(content: DomNode, title: string | undefined, byline?: string): void {
  narrowToArticle(content);
  // The headline is written first by the reader: a copy of it at the top of the body goes.
  if (title) {
    const heading = content.querySelector?.('h1, h2');
    if (heading && squash(heading.textContent ?? '') === title) heading.remove?.();
  }
  // The byline is in the meta: its line at the top of the body goes.
  if (byline) {
    const name = byline.toLowerCase();
    for (const node of elementsWhere(content, (el) => /^(?:p|div|span|address)$/.test(el.localName ?? '')).slice(0, 12)) {
      const text = squash(node.textContent ?? '').toLowerCase().replace(/^by\s+/, '');
      if (text === name && isLeafBlock(node)) node.remove?.();
    }
  }
  for (const node of elementsWhere(content, isCaption)) if (words(node.textContent ?? '') <= 60) node.remove?.();
  for (const node of elementsWhere(content, isLine)) {
    if (!node.parentNode) continue;
    if (isPageLine(node)) node.remove?.();
  }
}

/** A short block that is a promotion, a date line, a notice, or mostly links. */
function isPageLine(node: DomNode): boolean {
  // Cheap tests first: most elements are containers, and the text of each is a walk of its subtree.
  if (node.localName === 'ul' || node.localName === 'ol') return isLinkList(node);
  if (!isLeafBlock(node)) return false;
  const text = squash(node.textContent ?? '');
  if (text.length > 600) return false;
  const count = words(text);
  if (count === 0) return false;
  if (count <= 12 && PROMO.test(text)) return true;
  if (count <= 5 && WIDGET.test(text)) return true;
  if (URL_ONLY.test(text)) return true;
  if (count <= 60 && CREDIT.test(text)) return true;
  if (count <= 16 && DATED.test(text) && DATE_OR_TIME.test(text)) return true;
  if (count <= 8 && DATE_OR_TIME.test(text) && datesOnly(text)) return true;
  if (count <= 60 && NOTICE.test(text)) return true;
  if (count <= 25 && linkShare(node, text) > 0.7 && !/[.!?]["”’)]?$/.test(text.replace(/\s*…$/, ''))) return true;
  return false;
}

/** No block element inside: a paragraph, a heading, a line (not a container of several). */
/**
 * One `<article>` holding most of what Readability kept (its container took a layout table's cells
 * or a rail beside it): the article alone is kept.
 */
function narrowToArticle(content: DomNode): void {
  const articles = elementsWhere(content, (el) => el.localName === 'article');
  if (articles.length !== 1) return;
  const article = articles[0]!;
  const inside = words(article.textContent ?? '');
  const all = words(content.textContent ?? '');
  if (inside < 50 || inside >= all || inside < all * 0.5) return;
  for (let node: DomNode = article; node.parentNode && node !== content; node = node.parentNode) {
    for (const sibling of Array.from(node.parentNode.childNodes)) if (sibling !== node) sibling.remove?.();
  }
}

function isLeafBlock(node: DomNode): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT && /^(?:p|div|ul|ol|li|h[1-6]|table|section|blockquote|figure|pre|dl)$/.test(child.localName ?? '')) return false;
  }
  return true;
}

/** The text is nothing but a date, a time, a relative time and separators. */
function datesOnly(text: string): boolean {
  const rest = text
    .replace(new RegExp(DATE_OR_TIME.source, 'gi'), ' ')
    .replace(/\b(?:\d{1,4}|on|at|am|pm|[ap]\.m\.|gmt|utc|[a-z]{2,4}t|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi, ' ')
    .replace(/[\s,.;:|/–—-]+/g, '');
  return rest.length === 0;
}

function linkShare(node: DomNode, text: string): number {
  let linked = 0;
  for (const a of elementsWhere(node, (el) => el.localName === 'a')) linked += squash(a.textContent ?? '').length;
  return text.length ? linked / text.length : 0;
}

/** A list whose every item is a link and no sentence: a rail of other stories. */
function isLinkList(list: DomNode): boolean {
  const items = Array.from(list.childNodes).filter((c) => c.nodeType === ELEMENT && c.localName === 'li');
  if (items.length < 2) return false;
  return items.every((item) => {
    const text = squash(item.textContent ?? '');
    return text.length > 0 && linkShare(item, text) > 0.8 && words(text) <= 20;
  });
}
