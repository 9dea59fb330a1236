/**
 * The prose of an mdast tree as the entity rules see it: one string per block
 * (paragraph, heading, table cell), made of its text nodes, including those in
 * links and emphasis; inline code, HTML and breaks are opaque separators, so
 * nothing matches across or inside them. Edits go back into the text nodes
 * they fall in, and every edit is logged so later messages can still point
 * into the original input.
 */
import type { Nodes, Parents, Root, Text } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** Stands for inline code, HTML, breaks and images: matches neither a word nor a name. */
export const OPAQUE = '\uFFFC';

export interface Segment {
  node: Text;
  /** Offsets in the block string. */
  start: number;
  end: number;
}

export interface Block {
  node: Parents;
  text: string;
  segments: Segment[];
}

const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Every prose block, in document order. */
export function collectBlocks(tree: Root): Block[] {
  const blocks: Block[] = [];
  collectInto(tree, blocks);
  return blocks;
}

// Plain loops, no closure per node: this runs over every block of the article, several times per article.
function collectInto(parent: Parents, blocks: Block[]): void {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') blocks.push(blockOf(child));
    else if (child.type !== 'code' && child.type !== 'html' && 'children' in child) collectInto(child, blocks);
  }
}

/**
 * The tree's blocks, reusing those of `previous` (an earlier collection of the
 * same tree) that still stand where they stood with the same one text node and
 * value; `previous` itself when every block is unchanged. The entity rules run
 * one after the other over a tree they mostly leave as it is: the second needs
 * no new block, nor new matches, for an unchanged one (a block of several
 * nodes is always made anew: its text is not known without making it).
 */
export function collectBlocksAgain(tree: Root, previous: readonly Block[]): Block[] {
  const again: Again = { previous, index: 0, out: undefined };
  againInto(tree, again);
  if (!again.out && again.index === previous.length) return previous as Block[];
  return again.out ?? previous.slice(0, again.index);
}

interface Again {
  previous: readonly Block[];
  index: number;
  /** The blocks so far, once one differs from `previous`. */
  out: Block[] | undefined;
}

function againInto(parent: Parents, again: Again): void {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
      const k = again.index++;
      const old = again.previous[k];
      if (!again.out && old && unchanged(old, child)) continue;
      again.out ??= again.previous.slice(0, k);
      again.out.push(old && unchanged(old, child) ? old : blockOf(child));
    } else if (child.type !== 'code' && child.type !== 'html' && 'children' in child) againInto(child, again);
  }
}

function unchanged(block: Block, node: Parents): boolean {
  if (!(block instanceof OneTextBlock) || block.node !== node) return false;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only === block.only && only.value === block.text;
}

/** A block of one text node, the usual kind: its one segment made when first asked for (most blocks never are). */
class OneTextBlock implements Block {
  readonly text: string;
  #segments: Segment[] | undefined;
  constructor(
    readonly node: Parents,
    readonly only: Text,
  ) {
    this.text = only.value;
  }
  get segments(): Segment[] {
    return (this.#segments ??= [{ node: this.only, start: 0, end: this.text.length }]);
  }
}

export function blockOf(node: Parents): Block {
  const children = node.children as Nodes[];
  // Most blocks are one text node: its value is the block's text.
  if (children.length === 1 && children[0]!.type === 'text') return new OneTextBlock(node, children[0]);
  const block: Block = { node, text: '', segments: [] };
  appendInline(node, block);
  return block;
}

function appendInline(parent: Parents, block: Block): void {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'text') {
      block.segments.push({ node: child, start: block.text.length, end: block.text.length + child.value.length });
      block.text += child.value;
    } else if (INLINE_PARENTS.has(child.type)) appendInline(child as Parents, block);
    else block.text += OPAQUE;
  }
}

/** The segment holding block[start, end), if one text node holds it all. */
export function segmentAt(block: Block, start: number, end: number): Segment | undefined {
  for (const s of block.segments) if (start >= s.start && end <= s.end) return s;
  return undefined;
}

/** An edit made to a text node: where, in the value as it was before the edit. */
interface Edit {
  start: number;
  oldLength: number;
  newLength: number;
}

interface Log {
  original: string;
  edits: Edit[];
}

/** Edits per text node, shared by every plugin in this process (keyed by node). */
const logs = new WeakMap<Text, Log>();

/** Replaces node.value[start, end) with `value`, logging it. */
export function editText(node: Text, start: number, end: number, value: string): void {
  let log = logs.get(node);
  if (!log) {
    log = { original: node.value, edits: [] };
    logs.set(node, log);
  }
  log.edits.push({ start, oldLength: end - start, newLength: value.length });
  node.value = node.value.slice(0, start) + value + node.value.slice(end);
}

/**
 * Maps an offset in the current value of a text node to one in its original
 * value; inside replaced text, the span that text replaced.
 */
export function originalOffset(node: Text, offset: number): { offset: number; within?: [number, number] | undefined } {
  const log = logs.get(node);
  if (!log) return { offset };
  let within: [number, number] | undefined;
  for (let k = log.edits.length - 1; k >= 0; k--) {
    const e = log.edits[k]!;
    if (offset >= e.start + e.newLength) {
      offset += e.oldLength - e.newLength;
      if (within) within = [within[0] + e.oldLength - e.newLength, within[1] + e.oldLength - e.newLength];
    } else if (offset >= e.start && e.newLength > 0 && offset < e.start + e.newLength) {
      offset = e.start;
      within = [e.start, e.start + e.oldLength];
    }
  }
  return { offset, within };
}

export function originalValue(node: Text): string {
  return logs.get(node)?.original ?? node.value;
}

/** Line starts of the input, for offset → line/column. */
const lineStarts = new WeakMap<VFile, number[]>();

function pointAt(file: VFile, offset: number): Point {
  let starts = lineStarts.get(file);
  if (!starts) {
    starts = [0];
    const value = String(file.value ?? '');
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(file, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
}

/**
 * Where `actual`, found at node.value[start, …) now, stood in the input. When
 * the source of the node is not its value verbatim (escapes, entities, HTML),
 * the text is looked up in the node's source; failing that, the node's start.
 */
export function placeIn(file: VFile, node: Text, start: number, actual: string): Position | undefined {
  const position = node.position;
  const from = position?.start.offset;
  const to = position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const source = typeof file.value === 'string' ? file.value : String(file.value ?? '');
  const slice = source.slice(from, to);
  const { offset: at, within } = originalOffset(node, start);
  let offset: number;
  const original = originalValue(node);
  if (slice === original) {
    // Text a repair rewrote ("$BABA-SW (09988.HK)$" → "BABA-SW (09988.HK)"): find it in what was there.
    const inside = within ? original.slice(within[0], within[1]).indexOf(actual) : -1;
    offset = from + (within && inside !== -1 ? within[0] + inside : at);
  } else {
    const near = slice.indexOf(actual, Math.max(0, at - 8));
    const any = near === -1 ? slice.indexOf(actual) : near;
    if (any === -1) return position;
    offset = from + any;
  }
  return { start: pointAt(file, offset), end: pointAt(file, Math.min(offset + actual.length, source.length)) };
}
