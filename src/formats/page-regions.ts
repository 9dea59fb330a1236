/**
 * What extraction dropped, as regions: the page's text is recorded before Readability runs (it moves
 * the article's nodes and removes the rest; `page-detect.ts` records it), then every run of text that did not reach the article
 * and lies in the same landmark (a `nav`, `header`, `footer`, `aside`, form, comment section…) is one
 * region, reported with its text.
 */

import type { Position } from 'unist';

/** The little of the DOM this reads (linkedom's nodes have it). */
export interface DomNode {
  nodeType: number;
  localName?: string;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  getAttribute?(name: string): string | null;
  getAttributeNode?(name: string): { value: string } | null;
  querySelector?(selector: string): DomNode | null;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
  remove?(): void;
}

export interface DomDocument extends DomNode {
  body: DomNode | null;
  head: DomNode | null;
  documentElement: DomNode | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

export interface RecordedText {
  /** A text node with more than white space. */
  node: DomNode;
  /** The outermost landmark holding it, if any. */
  landmark: DomNode | undefined;
}

export interface DroppedRegion {
  label: string;
  text: string;
  words: number;
  /** Its text nodes, to find it in the page's source. */
  nodes: DomNode[];
}

const ELEMENT = 1;
const TEXT = 3;
const LANDMARK_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu', 'section', 'dialog']);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
const LANDMARK_NAMES = /comment|related|recommend|sidebar|share|social|footer|header|masthead|menu|navigation|newsletter|promo|breadcrumb|cookie|subscribe/i;

/** White space folded to single spaces, trimmed. (Most texts have none to fold: no new string then.) */
export const squash = (text: string): string => (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim());

/** An element's `class` as written. (linkedom's `getAttribute('class')` builds the element's class list to join it again.) */
export function classOf(node: DomNode): string {
  return (node.getAttributeNode ? node.getAttributeNode('class')?.value : node.getAttribute?.('class')) ?? '';
}

/** An element whose text is one region when dropped: a landmark, a form, a section, or named like a comment section or a rail. */
export function isLandmark(node: DomNode): boolean {
  if (LANDMARK_TAGS.has(node.localName ?? '')) return true;
  const role = node.getAttribute?.('role');
  if (role && LANDMARK_ROLES.has(role)) return true;
  const name = `${node.getAttribute?.('id') ?? ''} ${classOf(node)}`;
  return name.length > 1 && LANDMARK_NAMES.test(name);
}

/** Runs of recorded text that are not in `article`, one per landmark. */
export function droppedRegions(texts: RecordedText[], article: DomNode, alsoKept: Iterable<string> = []): DroppedRegion[] {
  const keptNodes = new Set<DomNode>();
  const walk = (node: DomNode): void => {
    // firstChild/nextSibling: linkedom builds a fresh array for every childNodes read.
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT) keptNodes.add(child);
      else if (child.nodeType === ELEMENT) walk(child);
    }
  };
  walk(article);
  // Readability parses the page again when its first try is too short: then only the text tells.
  let keptTexts: Set<string> | undefined;
  const isKeptText = (text: string) => {
    if (!keptTexts) {
      keptTexts = new Set(alsoKept);
      for (const node of keptNodes) {
        const kept = squash(node.nodeValue ?? '');
        if (kept) keptTexts.add(kept);
      }
    }
    return keptTexts.has(text);
  };
  const regions: DroppedRegion[] = [];
  let run: Array<{ entry: RecordedText; text: string }> = [];
  const close = () => {
    if (!run.length) return;
    const text = run.map((r) => r.text).join(' ');
    regions.push({ label: labelOf(run[0]!.entry.landmark), text, words: text.split(' ').length, nodes: run.map((r) => r.entry.node) });
    run = [];
  };
  for (const entry of texts) {
    if (keptNodes.has(entry.node)) {
      close();
      continue;
    }
    const text = squash(entry.node.nodeValue ?? '');
    if (isKeptText(text)) {
      close();
      continue;
    }
    if (run.length && run[0]!.entry.landmark !== entry.landmark) close();
    run.push({ entry, text });
  }
  close();
  return regions;
}

function labelOf(landmark: DomNode | undefined): string {
  if (!landmark) return 'page text';
  const id = landmark.getAttribute?.('id');
  const cls = classOf(landmark).trim().split(/\s+/)[0];
  const role = landmark.getAttribute?.('role');
  return `\`<${landmark.localName}${id ? `#${id}` : cls ? `.${cls}` : role ? ` role=${role}` : ''}>\``;
}

/** Every element under `root` (document order) that `test` accepts; a plain walk, much cheaper than a CSS selector on linkedom. */
export function elementsWhere(root: DomNode, test: (element: DomNode) => boolean): DomNode[] {
  const out: DomNode[] = [];
  const walk = (node: DomNode): void => {
    // firstChild/nextSibling: linkedom builds a fresh array for every childNodes read.
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== ELEMENT) continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/**
 * Where each region stands in the page's source: its first and last text looked up in document
 * order (linkedom keeps no source positions). A text whose source spells it with entities is not
 * found; that region has no place.
 */
export function locateRegions(source: string, regions: DroppedRegion[]): Array<Position | undefined> {
  const lines: number[] = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lines.push(i + 1);
  const pointAt = (offset: number) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lines[lo]! + 1, offset };
  };
  let cursor = 0;
  return regions.map((region) => {
    // The first text found from the start, the last found from the end (a text may be all entities).
    let start = -1;
    for (const node of region.nodes.slice(0, 10)) {
      const head = literalPart(node.nodeValue ?? '', 'start');
      start = head ? source.indexOf(head, cursor) : -1;
      if (start !== -1) break;
    }
    if (start === -1) return undefined;
    let end = start;
    for (const node of region.nodes.slice(-10).reverse()) {
      const tail = literalPart(node.nodeValue ?? '', 'end');
      const at = tail ? source.indexOf(tail, start) : -1;
      if (at !== -1) {
        end = at + tail.length;
        break;
      }
    }
    cursor = end;
    return { start: pointAt(start), end: pointAt(end) };
  });
}

/**
 * A stretch of a text node's value that its source spells as it is: the text itself when it has no
 * character a page might write as an entity, else its first (or last) longest plain run.
 */
function literalPart(value: string, side: 'start' | 'end'): string {
  const raw = value.trim();
  if (!raw) return '';
  if (/^[\x20-\x25\x28-\x3b\x3d\x3f-\x7e]+$/.test(raw)) return side === 'start' ? raw.slice(0, 60) : raw.slice(-60);
  const runs = raw.match(/[A-Za-z0-9][A-Za-z0-9 ,.;:!?()/-]{3,}/g) ?? [];
  const pick = side === 'start' ? runs[0] : runs[runs.length - 1];
  return pick ? pick.trim() : '';
}
