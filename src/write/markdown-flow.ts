/**
 * The Markdown writer's block handlers (root, list, paragraph, heading), with
 * the output of mdast-util-to-markdown's own and less work per node.
 *
 * The library pays a fixed price for every block and every list item: a
 * position tracker that splits each result into lines twice, the attention
 * serializer run over every paragraph even when it holds no emphasis, and a
 * `parent.children.indexOf(item)` per ordered item (quadratic in a long
 * list). A document of 100,000 one-line items or paragraphs pays it 30× more
 * often than a plain article of the same bytes. These handlers do what the
 * library's do, in the same order and with the same state (construct stack,
 * index stack, bullet bookkeeping, join rules), minus the tracking: positions
 * are never part of the output. Escaping is not done here: every text still
 * goes through the text handler (src/write/markdown-text.ts: the library's
 * `safe` with the patterns that can match).
 *
 * Where a block holds anything but text (emphasis, links, breaks, code…), or a
 * list item is a task, the library's handler writes it, with the same state:
 * the fallback is per block, never per document. test/writer-fast-path.test.ts
 * checks the output against the library's handlers, byte for byte.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, type Handle, type Handlers, type Info, type State } from 'mdast-util-to-markdown';

/** Node types that are flow, never phrasing: a root of only these is written as blocks (mdast-util-to-markdown's root). */
const FLOW = new Set(['paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'code', 'html', 'definition', 'footnoteDefinition', 'table', 'math', 'yaml', 'toml']);

/** GFM's paragraph handler writes a task item's check before its first paragraph. */
const taskParagraph: Handle =
  gfmToMarkdown().extensions?.map((extension) => extension.handlers?.paragraph).find((handle): handle is Handle => !!handle) ?? defaultHandlers.paragraph;

function flowInfo(): Info {
  return { before: '\n', after: '\n', now: { line: 1, column: 1 }, lineShift: 0 };
}

function root(node: Root, parent: Parents | undefined, state: State, info: Info): string {
  for (const child of node.children) if (!FLOW.has(child.type)) return defaultHandlers.root(node, parent, state, info);
  return containerFlow(node, state);
}

/** mdast-util-to-markdown's containerFlow, without the tracker. */
function containerFlow(parent: Root | ListItem, state: State): string {
  const children = parent.children as RootContent[];
  const indexStack = state.indexStack;
  const out = new Joiner();
  indexStack.push(-1);
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    indexStack[indexStack.length - 1] = index;
    out.piece('', dispatch(child, parent, state, flowInfo()));
    if (child.type !== 'list') state.bulletLastUsed = undefined;
    if (index < children.length - 1) out.separator(between(child, children[index + 1]!, parent, state));
  }
  indexStack.pop();
  return out.done();
}

const own = Object.prototype.hasOwnProperty;

/** `state.handle` (zwitch) without its rest parameters: the handler for the node's type, or the library's dispatch to throw as it does. */
function dispatch(node: Nodes, parent: Parents, state: State, info: Info): string {
  const handlers = state.handlers as Record<string, Handle | undefined>;
  const handle = own.call(handlers, node.type) ? handlers[node.type] : undefined;
  return handle ? handle.call(state, node, parent, state, info) : state.handle(node, parent, state, info);
}

/** The blank lines between two blocks, as the join rules say (later rules first). */
function between(left: Nodes, right: Nodes, parent: Parents, state: State): string {
  let index = state.join.length;
  while (index--) {
    const result = state.join[index]!(left as never, right as never, parent as never, state);
    if (result === true || result === 1) break;
    if (typeof result === 'number') return result === 0 ? '\n' : '\n'.repeat(1 + result);
    if (result === false) return '\n\n<!---->\n\n';
  }
  return '\n\n';
}

/** mdast-util-to-markdown's list handler, its items written without a tracker or a search for their index. */
function list(node: List, parent: Parents | undefined, state: State): string {
  const exit = state.enter('list');
  const bulletCurrent = state.bulletCurrent;
  const options = state.options;
  const unordered = options.bullet || '*';
  let bullet = node.ordered ? options.bulletOrdered || '.' : unordered;
  const bulletOther = node.ordered ? (bullet === '.' ? ')' : '.') : options.bulletOther || (unordered === '*' ? '-' : '*');
  let useDifferentMarker = parent && state.bulletLastUsed ? bullet === state.bulletLastUsed : false;
  if (!node.ordered) {
    const first = node.children[0];
    const { stack, indexStack } = state;
    if (
      (bullet === '*' || bullet === '-') &&
      first &&
      !first.children[0] &&
      stack.at(-1) === 'list' &&
      stack.at(-2) === 'listItem' &&
      stack.at(-3) === 'list' &&
      stack.at(-4) === 'listItem' &&
      indexStack.at(-1) === 0 &&
      indexStack.at(-2) === 0 &&
      indexStack.at(-3) === 0
    ) {
      useDifferentMarker = true;
    }
  }
  if (useDifferentMarker) bullet = bulletOther;
  state.bulletCurrent = bullet;

  // An item that starts with a rule like this bullet would read as a rule: then every item takes the other
  // bullet. Seen while writing, not in a pass of its own (another walk over 100,000 items); met, the list is written again.
  const ruleLike = !node.ordered && !useDifferentMarker && (options.rule || '*') === bullet;
  const bulletLastUsed = state.bulletLastUsed;
  let out = items(node, state, ruleLike);
  if (out === undefined) {
    bullet = bulletOther;
    state.bulletCurrent = bullet;
    state.bulletLastUsed = bulletLastUsed;
    out = items(node, state, false)!;
  }

  state.bulletLastUsed = bullet;
  state.bulletCurrent = bulletCurrent;
  exit();
  return out;
}

/** The list's items and what stands between them, or undefined when `stopAtRule` and an item starts with a thematic break. */
function items(node: List, state: State, stopAtRule: boolean): string | undefined {
  const children = node.children;
  const indexStack = state.indexStack;
  // The item handler is the library's (GFM adds none): written here, given the index it would search for.
  const ownItems = state.handlers.listItem === defaultHandlers.listItem;
  const marker = new Marker(node, state);
  const out = new Joiner();
  indexStack.push(-1);
  for (let index = 0; index < children.length; index++) {
    const item = children[index]!;
    if (stopAtRule && item.children[0]?.type === 'thematicBreak') {
      indexStack.pop();
      return undefined;
    }
    indexStack[indexStack.length - 1] = index;
    if (ownItems) listItem(item, index, marker, state, out);
    else out.piece('', dispatch(item, node, state, flowInfo()));
    // containerFlow forgets the last bullet after every child that is not a list: here, every item.
    state.bulletLastUsed = undefined;
    if (index < children.length - 1) out.separator(between(item, children[index + 1]!, node, state));
  }
  indexStack.pop();
  return out.done();
}

/** Short pieces joined at a time. */
const RUN_CHUNK = 256;

/**
 * Pieces and the separators between them, as one string. A run of pieces with the same prefix and the
 * same separators is joined by Array#join (flat strings), not added to a rope a node or three per piece:
 * for 100,000 items those nodes, kept until the end, were most of the collector's work.
 */
class Joiner {
  private out = '';
  private run: string[] = [];
  private prefix = '';
  /** The separator between the run's pieces (once it has two), and that separator with the prefix. */
  private inside: string | undefined;
  private glue = '';
  /** The separator before the next piece. */
  private pending = '';
  /** Characters in the run's pieces. */
  private length = 0;

  /** Adds `prefix + value`. */
  piece(prefix: string, value: string): void {
    const run = this.run;
    if (run.length && prefix === this.prefix && (this.inside === undefined || this.inside === this.pending)) {
      if (this.inside === undefined) {
        this.inside = this.pending;
        this.glue = this.pending + prefix;
      }
      // Short pieces a few hundred at a time, joined while their strings are still in the cache; long ones
      // in one join at the end (a string made of chunks is copied once more when it is read).
      this.length += value.length;
      if (run.push(value) % RUN_CHUNK === 0 && this.length < RUN_CHUNK * 64) this.flush();
      return;
    }
    this.flush();
    this.out += this.pending;
    this.prefix = prefix;
    this.run.push(value);
    this.length = value.length;
  }

  separator(value: string): void {
    this.pending = value;
  }

  done(): string {
    this.flush();
    return this.out;
  }

  private flush(): void {
    const run = this.run;
    if (!run.length) return;
    this.out += this.prefix + (run.length === 1 ? run[0]! : run.join(this.glue));
    this.run = [];
    this.inside = undefined;
    this.length = 0;
  }
}

/** Spaces after a bullet, by count (a bullet is followed by one to four). */
const PADS = ['', ' ', '  ', '   ', '    '];

/** What listItem works out for every item of a list: the bullet, and for an unordered list its size and padding. */
class Marker {
  readonly bullet: string;
  readonly ordered: boolean;
  readonly start: number;
  readonly increment: boolean;
  readonly style: string;
  readonly spread: boolean;

  constructor(list: List, state: State) {
    this.bullet = state.bulletCurrent || state.options.bullet || '*';
    this.ordered = !!list.ordered;
    this.start = typeof list.start === 'number' && list.start > -1 ? list.start : 1;
    this.increment = state.options.incrementListMarker !== false;
    this.style = state.options.listItemIndent || 'one';
    this.spread = !!list.spread;
  }

  /** The item's bullet (numbered in an ordered list). */
  of(index: number): string {
    return this.ordered ? `${this.start + (this.increment ? index : 0)}${this.bullet}` : this.bullet;
  }

  /** The width of the item's bullet and the spaces after it. */
  size(bullet: string, item: ListItem): number {
    const size = bullet.length + 1;
    return this.style === 'tab' || (this.style === 'mixed' && (this.spread || item.spread)) ? Math.ceil(size / 4) * 4 : size;
  }
}

/** mdast-util-to-markdown's listItem handler, given the item's index; the item goes to `out`. */
function listItem(node: ListItem, index: number, marker: Marker, state: State, out: Joiner): void {
  const bullet = marker.of(index);
  const size = marker.size(bullet, node);
  let value = textItem(node, state);
  if (value === undefined) {
    const exit = state.enter('listItem');
    value = containerFlow(node, state);
    exit();
  }
  const pad = PADS[size - bullet.length] ?? ' '.repeat(size - bullet.length);
  if (!value.includes('\n') && !value.includes('\r')) {
    // An unordered item's bullet and padding are the same for every item: a prefix the joiner can share.
    if (!value) out.piece('', bullet);
    else if (marker.ordered) out.piece('', bullet + pad + value);
    else out.piece(bullet + pad, value);
    return;
  }
  const indent = ' '.repeat(size);
  out.piece('', state.indentLines(value, (line, lineIndex, blank) => (lineIndex ? (blank ? '' : indent) + line : (blank ? bullet : bullet + pad) + line)));
}

/**
 * An item that is one paragraph of text (most items of a long list), written as containerFlow
 * and the paragraph handler would write it, in the same constructs, without their calls; undefined
 * for any other item.
 */
function textItem(node: ListItem, state: State): string | undefined {
  const children = node.children;
  if (children.length !== 1 || typeof node.checked === 'boolean') return undefined;
  const head = children[0]!;
  if (head.type !== 'paragraph' || !onlyText(head.children) || (state.handlers.paragraph as unknown) !== paragraph) return undefined;
  const stack = state.stack;
  const indexStack = state.indexStack;
  stack.push('listItem', 'paragraph', 'phrasing');
  indexStack.push(0);
  const value = textRun(head.children, head, state, '\n', '\n');
  indexStack.pop();
  stack.pop();
  stack.pop();
  stack.pop();
  state.bulletLastUsed = undefined;
  return value;
}

function onlyText(children: PhrasingContent[]): children is Text[] {
  for (let index = 0; index < children.length; index++) if (children[index]!.type !== 'text') return false;
  return true;
}

function paragraph(node: Paragraph, parent: Parents | undefined, state: State, info: Info): string {
  if (parent?.type === 'listItem' && typeof parent.checked === 'boolean') return taskParagraph(node, parent, state, info);
  if (!onlyText(node.children)) return defaultHandlers.paragraph(node, parent, state, info);
  // state.enter and its exit, without a closure per paragraph.
  const stack = state.stack;
  stack.push('paragraph', 'phrasing');
  const value = textRun(node.children, node, state, info.before, info.after);
  stack.pop();
  stack.pop();
  return value;
}

function heading(node: Heading, parent: Parents | undefined, state: State, info: Info): string {
  // Setext (a line break in a level 1 or 2 heading, or the setext option) and anything but text: the library's.
  if (state.options.setext || !onlyText(node.children) || node.children.some((child) => /[\r\n]/.test(child.value))) {
    return defaultHandlers.heading(node, parent, state, info);
  }
  const rank = Math.max(Math.min(6, node.depth || 1), 1);
  const sequence = '#'.repeat(rank);
  const exit = state.enter('headingAtx');
  const subexit = state.enter('phrasing');
  let value = textRun(node.children, node, state, '# ', '\n');
  const head = value.charCodeAt(0);
  if (head === 9 || head === 32) value = `&#x${head.toString(16).toUpperCase()};${value.slice(1)}`;
  value = value ? `${sequence} ${value}` : sequence;
  if (state.options.closeAtx) value += ` ${sequence}`;
  subexit();
  exit();
  return value;
}

/**
 * containerPhrasing for children that are all text: each escaped by the text handler with the
 * character before it (the last one written) and after it (the first one the next text writes
 * on its own), as the library does. With no emphasis to pair, its serializer concatenates.
 */
function textRun(children: Text[], parent: Paragraph | Heading, state: State, before: string, after: string): string {
  const write = state.handlers.text as Handle;
  const indexStack = state.indexStack;
  if (children.length === 1) {
    // One text, as most are: escaped between what stands before and after the block.
    indexStack.push(0);
    const value: string = write(children[0]!, parent, state, { before, after, now: { line: 1, column: 1 }, lineShift: 0 });
    indexStack.pop();
    return value;
  }
  let out = '';
  let previous = before;
  indexStack.push(-1);
  for (let index = 0; index < children.length; index++) {
    indexStack[indexStack.length - 1] = index;
    const next = children[index + 1];
    const following = next ? firstCharacter(write(next, parent, state, { before: '', after: '', now: { line: 1, column: 1 }, lineShift: 0 })) : after;
    const value: string = write(children[index]!, parent, state, { before: previous, after: following, now: { line: 1, column: 1 }, lineShift: 0 });
    if (!value) continue;
    out += value;
    previous = lastCharacter(value);
  }
  indexStack.pop();
  return out;
}

function firstCharacter(value: string): string {
  const code = value.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2);
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1);
}

/** The handlers to pass to remark-stringify (beside the text handler). */
export const flowHandlers: Partial<Handlers> = {
  root: root as Handle,
  list: list as Handle,
  paragraph: paragraph as Handle,
  heading: heading as Handle,
};
