/**
 * Renders an article tree for the preview page: HTML in which every change
 * and flag is an element carrying the message's id (`data-mid`), and every
 * block its place in the input (`data-o`, for scrolling the two sides
 * together), then sanitized.
 *
 * Marks are found from the messages' places in the input: trees keep the
 * input's positions through every plugin, so a block removed in the cleaned
 * article can be found in the article as read, and a name in a text node,
 * even after other fixes in that node moved it (the nearest occurrence of
 * the text to where it should be wins; escapes and entities make the value
 * differ a little from the source).
 *
 * Article HTML is never trusted: hast is sanitized with GitHub's schema,
 * narrowed (no images, which would reach the network; no form controls,
 * ids or tab stops) and widened by the two data attributes only.
 */
import type { Element, ElementContent, Nodes, Parents, Root as HastRoot, Text as HastText } from 'hast';
import type { Root } from 'mdast';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** A mark to place: a message's span in the input, and how to find it. */
export interface Mark {
  id: string;
  start: number;
  end: number;
  /** Inline marks: the text to find now at that place. Block marks (removals) have none. */
  text?: string | undefined;
}

/** A text edit made at `start` in the input, moving later text in its node by `delta`. */
export interface Shift {
  start: number;
  delta: number;
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'table', 'tr', 'hr', 'ul', 'ol', 'dl', 'div', 'section']);

const DROPPED_ATTRIBUTES = new Set(['id', 'name', 'tabIndex', 'accessKey']);
export const previewSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !['img', 'picture', 'source', 'input'].includes(t)),
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((a) => typeof a !== 'string' || !DROPPED_ATTRIBUTES.has(a)), 'dataMid', 'dataO', 'dataImage'],
  },
};

const toHast = unified().use(remarkRehype).freeze();
const writer = unified().use(rehypeSanitize, previewSchema).use(rehypeStringify).freeze();

/** The tree as sanitized HTML with marks. `shifts`: text edits already made in the tree (fixes, replacements). */
export async function renderMarked(tree: Root, marks: Mark[], shifts: Shift[] = []): Promise<string> {
  if (tree.children.length === 0) return '';
  const hast = (await toHast.run(structuredClone(tree))) as HastRoot;
  replaceImages(hast);
  tagBlocks(hast);
  // Right to left: splitting a text node keeps the part before in place.
  const inline = marks.filter((m) => m.text !== undefined).sort((a, b) => b.start - a.start);
  for (const mark of inline) {
    if (!markText(hast, mark, shifts)) markRange(hast, mark);
  }
  for (const mark of marks) if (mark.text === undefined) markRange(hast, mark);
  return writer.stringify((await writer.run(hast)) as HastRoot);
}

/** Images would load from the network: an offline, private preview shows their alt text instead. */
function replaceImages(tree: HastRoot): void {
  walk(tree, (node) => {
    if (node.type !== 'element' || node.tagName !== 'img') return;
    const alt = typeof node.properties.alt === 'string' && node.properties.alt.trim() ? node.properties.alt.trim() : 'image';
    node.tagName = 'span';
    node.properties = { dataImage: '' };
    node.children = [{ type: 'text', value: `[${alt}]` }];
  });
}

function tagBlocks(tree: HastRoot): void {
  walk(tree, (node) => {
    if (node.type === 'element' && BLOCKS.has(node.tagName) && node.position?.start.offset !== undefined) {
      node.properties.dataO = node.position.start.offset;
    }
  });
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

interface Located {
  node: HastText;
  parent: Parents;
}

function textsIn(tree: HastRoot): Located[] {
  const out: Located[] = [];
  const visit = (parent: Parents) => {
    for (const child of parent.children) {
      if (child.type === 'text') out.push({ node: child, parent });
      else if (child.type === 'element') visit(child);
    }
  };
  visit(tree);
  return out;
}

function span(id: string, value: string): Element {
  return { type: 'element', tagName: 'span', properties: { dataMid: id }, children: [{ type: 'text', value }] };
}

/** Wraps the text a message points at in a `<span data-mid>`; false when it is not in one text node. */
function markText(tree: HastRoot, mark: Mark, shifts: Shift[]): boolean {
  const needle = mark.text!;
  if (!needle) return false;
  const hit = textsIn(tree).find(({ node }) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    return s !== undefined && e !== undefined && s <= mark.start && mark.end <= e;
  });
  if (!hit) return false;
  const nodeStart = hit.node.position!.start.offset!;
  let estimate = mark.start - nodeStart;
  for (const s of shifts) if (s.start >= nodeStart && s.start < mark.start) estimate += s.delta;
  const at = nearest(hit.node.value, needle, estimate);
  if (at === -1) return false;
  const value = hit.node.value;
  const index = hit.parent.children.indexOf(hit.node);
  const after: HastText = { type: 'text', value: value.slice(at + needle.length) };
  // The node itself keeps the text before, and its position, for marks further left.
  hit.node.value = value.slice(0, at);
  (hit.parent.children as ElementContent[]).splice(index + 1, 0, span(mark.id, needle), after);
  return true;
}

/** Index of the occurrence of `needle` closest to `estimate`, or -1. */
export function nearest(hay: string, needle: string, estimate: number): number {
  let best = -1;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    if (best === -1 || Math.abs(i - estimate) < Math.abs(best - estimate)) best = i;
    if (i > estimate) break;
  }
  return best;
}

/** Marks every element and text wholly inside [start, end); text partly inside is wrapped as a whole. */
function markRange(parent: Parents, mark: Mark): boolean {
  let marked = false;
  const children = parent.children as ElementContent[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const s = child.position?.start.offset;
    const e = child.position?.end.offset;
    if (s === undefined || e === undefined) {
      if (child.type === 'element' && markRange(child, mark)) marked = true;
      continue;
    }
    if (e <= mark.start || s >= mark.end) continue;
    const inside = s >= mark.start && e <= mark.end;
    if (child.type === 'element') {
      if (inside && child.properties.dataMid === undefined) {
        child.properties.dataMid = mark.id;
        marked = true;
      } else if (markRange(child, mark)) marked = true;
    } else if (child.type === 'text' && child.value.trim()) {
      children[i] = span(mark.id, child.value);
      marked = true;
    }
  }
  return marked;
}
