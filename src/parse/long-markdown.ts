/**
 * Markdown to mdast for long documents, in time near-linear in their size.
 *
 * micromark spends about the same on every block whatever its length (a
 * tokenizer per container, per paragraph, per line of text), so an article of
 * 100,000 one-line list items or paragraphs took 15–25× a plain article of the
 * same size, and a gigabyte of memory per 50,000 items. Most blocks of such a
 * document need no tokenizer at all: a paragraph whose lines begin with a
 * letter or digit and hold no character that can open inline markup, and a
 * list of one-line items with such content, mean the same wherever they stand.
 * Those are built here directly; everything else is parsed by
 * mdast-util-from-markdown in chunks, each cut at a blank line where no
 * construct can run on, with positions shifted back to the whole document.
 *
 * Cut points are checked, not assumed: a chunk is parsed together with the
 * first line after its cut, and must end with a block of its own starting
 * there (an unclosed code fence or HTML block, or a list the next items
 * continue, would not); otherwise the rest of the document is one chunk.
 * Link reference definitions reach across the whole document, so a document
 * that may hold one (any `]:`) is parsed whole, as is one with CR line endings.
 */
import type { List, ListItem, Nodes, Paragraph, Root, RootContent, Text } from 'mdast';
import { fromMarkdown, type Extension, type Options } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import type { Point, Position } from 'unist';

export interface LongMarkdownOptions extends Options {
  /**
   * Documents shorter than this (in characters) are parsed whole by mdast-util-from-markdown. @default 0:
   * a 5 KB article's plain paragraphs built directly read in about half micromark's time, same tree.
   */
  minLength?: number | undefined;
  /** Filled in with what was done: blocks built directly, chunks parsed, and whether a cut failed its check. */
  stats?: LongMarkdownStats | undefined;
}

export interface LongMarkdownStats {
  built: number;
  chunks: number;
  /** A cut failed its check, so the rest of the document was parsed as one chunk. */
  rest: boolean;
}

/** Shortest run worth taking out of a chunk, in lines or characters: shorter runs cost more in parser set-up than they save. */
const MIN_RUN_LINES = 32;
const MIN_RUN_LENGTH = 4096;

/**
 * Paragraph text that is one text node as written: it starts with a letter, a digit or any other
 * character outside ASCII that is not white space (no block construct starts with one: curly quotes,
 * CJK, the stand-ins of src/input.ts), and holds no escapes, code, emphasis, links, HTML, entities,
 * strikethrough, tables or tabs; nothing to trim.
 */
const PLAIN = /^(?:[\p{L}\p{N}]|[^\x00-\x7f\s])[^\\`*_[\]<&~|\t]*$/u;
/** Digits that would make a line an ordered list item rather than text. */
const ORDERED_MARKER = /^\d{1,9}[.)](?:[ \t]|$)/;
/** A one-line list item: the marker, exactly one space, then its content. */
const ITEM = /^(?:([-*+])|(\d{1,9})([.)])) (.*)$/;
/** What a chunk after a list may not start with: an indented line or a list marker could continue that list. */
const MAY_CONTINUE_LIST = /^(?:[ \t]|[-*+]|\d)/;
const BLANK = /^[ \t]*$/;

type LineKind =
  | { kind: 'blank' }
  | { kind: 'plain' }
  | { kind: 'item'; list: string; value: number | undefined; contentStart: number }
  | { kind: 'complex' };

/** Where each line starts and ends (before its `\n`), in two arrays: a document of 100,000 lines holds no object per line. */
interface Lines {
  start: Int32Array;
  end: Int32Array;
  length: number;
}

interface Group {
  first: number;
  last: number;
  /** `paragraph`, `list:<marker>`, or `complex`. */
  kind: string;
}

export function parseLongMarkdown(value: string, options: LongMarkdownOptions = {}): Root {
  const { minLength = 0, stats, ...parseOptions } = options;
  if (value.length < minLength || value.includes(']:') || value.includes('\r')) return fromMarkdown(value, parseOptions);
  const lines = splitLines(value);
  const kinds: LineKind[] = new Array(lines.length);
  for (let l = 0; l < lines.length; l++) kinds[l] = classifyAt(value, lines.start[l]!, lines.end[l]!);
  const groups = groupLines(kinds);
  markShortRunsComplex(groups, lines);
  markListsAChunkMayContinue(groups, value, lines);
  if (!groups.some((g) => g.kind !== 'complex')) return fromMarkdown(value, parseOptions);
  return build(value, lines, kinds, groups, parseOptions, stats);
}

function splitLines(value: string): Lines {
  let count = 1;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) count++;
  const lines: Lines = { start: new Int32Array(count), end: new Int32Array(count), length: count };
  let start = 0;
  for (let l = 0; l < count; l++) {
    const end = l === count - 1 ? value.length : value.indexOf('\n', start);
    lines.start[l] = start;
    lines.end[l] = end;
    start = end + 1;
  }
  return lines;
}

// One object per kind of line where the kind says all: a long document has one line kind per line.
const BLANK_LINE: LineKind = Object.freeze({ kind: 'blank' });
const PLAIN_LINE: LineKind = Object.freeze({ kind: 'plain' });
const BULLET_ITEMS: Record<string, LineKind> = {
  '-': Object.freeze({ kind: 'item', list: '-', value: undefined, contentStart: 2 }),
  '*': Object.freeze({ kind: 'item', list: '*', value: undefined, contentStart: 2 }),
  '+': Object.freeze({ kind: 'item', list: '+', value: undefined, contentStart: 2 }),
};
/** Characters `.` in ITEM does not match (a line holds no \n or \r here). */
const LINE_BREAK_INSIDE = /[\u2028\u2029]/;

function classify(text: string): LineKind {
  if (BLANK.test(text)) return BLANK_LINE;
  if (isPlain(text)) return PLAIN_LINE;
  // A bullet item, as ITEM reads one, without the match: the marker, one space, content on the line.
  const bullet = BULLET_ITEMS[text[0]!];
  if (bullet && text.charCodeAt(1) === 32) {
    const content = text.slice(2);
    return !LINE_BREAK_INSIDE.test(content) && isPlain(content) ? bullet : { kind: 'complex' };
  }
  const item = ITEM.exec(text);
  if (item && isPlain(item[4]!)) {
    const bullet = item[1];
    return bullet
      ? { kind: 'item', list: bullet, value: undefined, contentStart: 2 }
      : { kind: 'item', list: item[3]!, value: Number.parseInt(item[2]!, 10), contentStart: item[2]!.length + 2 };
  }
  return { kind: 'complex' };
}

function isPlain(text: string): boolean {
  return PLAIN.test(text) && !ORDERED_MARKER.test(text) && !text.endsWith(' ');
}

// PLAIN and ORDERED_MARKER, read in place at an offset of the document: a line's end is its `\n` or the document's end.
const PLAIN_AT = /(?:[\p{L}\p{N}]|[^\x00-\x7f\s])[^\\`*_[\]<&~|\t\n]*/uy;
/** PLAIN_AT for a list item's content, which may hold no Unicode line or paragraph separator either (`.` in ITEM stops there). */
const PLAIN_CONTENT_AT = /(?:[\p{L}\p{N}]|[^\x00-\x7f\s])[^\\`*_[\]<&~|\t\n\u2028\u2029]*/uy;
const ORDERED_MARKER_AT = /\d{1,9}[.)](?:[ \t\n]|$)/y;

function plainAt(value: string, from: number, end: number, pattern: RegExp): boolean {
  if (from >= end || value.charCodeAt(end - 1) === 32) return false;
  pattern.lastIndex = from;
  if (!pattern.test(value) || pattern.lastIndex !== end) return false;
  ORDERED_MARKER_AT.lastIndex = from;
  return !ORDERED_MARKER_AT.test(value);
}

/** `classify(value.slice(from, end))`, without the slice for blank lines, plain lines and bullet items. */
function classifyAt(value: string, from: number, end: number): LineKind {
  let blank = true;
  for (let i = from; i < end && blank; i++) {
    const c = value.charCodeAt(i);
    blank = c === 32 || c === 9;
  }
  if (blank) return BLANK_LINE;
  if (plainAt(value, from, end, PLAIN_AT)) return PLAIN_LINE;
  const bullet = BULLET_ITEMS[value[from]!];
  if (bullet && value.charCodeAt(from + 1) === 32) return plainAt(value, from + 2, end, PLAIN_CONTENT_AT) ? bullet : { kind: 'complex' };
  return classify(value.slice(from, end));
}

const LIST_KINDS: Record<string, string> = { '-': 'list:-', '*': 'list:*', '+': 'list:+', '.': 'list:.', ')': 'list:)' };

/** Lines between blank lines: a paragraph, the items of one list, or anything else. */
function groupLines(kinds: LineKind[]): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  kinds.forEach((line, index) => {
    if (line.kind === 'blank') {
      current = undefined;
      return;
    }
    const kind = line.kind === 'plain' ? 'paragraph' : line.kind === 'item' ? (LIST_KINDS[line.list] ?? `list:${line.list}`) : 'complex';
    if (!current) groups.push((current = { first: index, last: index, kind }));
    else {
      current.last = index;
      // A paragraph line after an item would continue it lazily; an item after a paragraph line may interrupt it or not.
      if (current.kind !== kind) current.kind = 'complex';
    }
  });
  return groups;
}

function markShortRunsComplex(groups: Group[], lines: Lines): void {
  let runStart = 0;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i]!.kind !== 'complex') continue;
    const run = groups.slice(runStart, i);
    runStart = i + 1;
    if (!run.length) continue;
    const first = run[0]!.first;
    const last = run[run.length - 1]!.last;
    if (last - first + 1 < MIN_RUN_LINES && lines.end[last]! - lines.start[first]! < MIN_RUN_LENGTH) for (const g of run) g.kind = 'complex';
  }
}

/** A list directly before a chunk is parsed with it when the chunk's first line could continue the list. */
function markListsAChunkMayContinue(groups: Group[], value: string, lines: Lines): void {
  for (let i = 1; i < groups.length; i++) {
    let j = i;
    while (j > 0 && groups[j]!.kind === 'complex' && groups[j - 1]!.kind.startsWith('list:')) {
      const first = groups[j]!.first;
      if (!MAY_CONTINUE_LIST.test(value.slice(lines.start[first]!, lines.end[first]!))) break;
      groups[--j]!.kind = 'complex';
    }
  }
}

interface Shift {
  offset: number;
  line: number;
}

function build(value: string, lines: Lines, kinds: LineKind[], groups: Group[], options: Options, stats: LongMarkdownStats | undefined): Root {
  const children: RootContent[] = [];
  const built: Paragraph[] = [];
  let end: Point | undefined;
  let i = 0;
  while (i < groups.length) {
    const group = groups[i]!;
    if (group.kind === 'complex') {
      let last = i;
      while (last + 1 < groups.length && groups[last + 1]!.kind === 'complex') last++;
      const from = lines.start[group.first]!;
      const next = groups[last + 1];
      const shift = { offset: from, line: group.first };
      if (!next) {
        if (stats) stats.chunks++;
        const tree = fromMarkdown(value.slice(from), options);
        children.push(...shifted(tree.children, shift));
        end = shiftPoint(tree.position!.end, shift);
        break;
      }
      // Parse through the first line after the cut: it must come out as a block of its own.
      const probe = { start: lines.start[next.first]!, end: lines.end[next.first]! };
      const tree = fromMarkdown(value.slice(from, probeEnd(value, probe, kinds[next.first]!)), options);
      const tail = tree.children[tree.children.length - 1];
      if (stats) stats.chunks++;
      if (!startsFresh(tail, probe.start - from, kinds[next.first]!)) {
        if (stats) stats.rest = true;
        const whole = fromMarkdown(value.slice(from), options);
        children.push(...shifted(whole.children, shift));
        end = shiftPoint(whole.position!.end, shift);
        break;
      }
      children.push(...shifted(tree.children.slice(0, -1), shift));
      i = last + 1;
      continue;
    }
    if (group.kind === 'paragraph') {
      const node = paragraph(value, lines, group.first, group.last, 0);
      children.push(node);
      built.push(node);
      if (stats) stats.built++;
      i++;
      continue;
    }
    // One list: this group and every following group of the same list (groups are split by blank lines).
    let last = i;
    while (last + 1 < groups.length && groups[last + 1]!.kind === group.kind) last++;
    const node = list(value, lines, kinds, groups.slice(i, last + 1));
    children.push(node);
    if (stats) stats.built++;
    for (const item of node.children) built.push(item.children[0] as Paragraph);
    i = last + 1;
  }
  runTransforms(built, options);
  const last = lines.length - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: end ?? pointAt(lines, last, value.length - lines.start[last]!) } };
}

/** Characters of the line after a cut that the check parses: how a line starts decides what it starts. */
const PROBE_LENGTH = 256;

/**
 * Where the check's parse ends: the line after the cut, or only its start when that reads the same
 * (a long paragraph line would otherwise be parsed once more, whole). Whether an open construct
 * swallows the line does not depend on what the line holds.
 */
function probeEnd(value: string, probe: { start: number; end: number }, kind: LineKind): number {
  if (probe.end - probe.start <= PROBE_LENGTH) return probe.end;
  const end = probe.start + PROBE_LENGTH;
  const head = classify(value.slice(probe.start, end));
  const same = head.kind === kind.kind && (head.kind !== 'item' || (kind.kind === 'item' && head.list === kind.list && head.value === kind.value && head.contentStart === kind.contentStart));
  return same ? end : probe.end;
}

/**
 * Whether the node the parser made of the line after a cut is the block built here from that
 * line, starting where it does: not part of a construct left open (a fence, an HTML block, a list
 * it joins), and not read otherwise (after indented code and a blank line, the parser takes
 * `0. text` for a paragraph: it still counts the code as open, and such an item may not interrupt).
 */
function startsFresh(node: RootContent | undefined, offset: number, line: LineKind): boolean {
  if (!node || node.position?.start.offset !== offset) return false;
  if (line.kind === 'plain') return node.type === 'paragraph';
  if (line.kind !== 'item' || node.type !== 'list' || node.children.length !== 1) return false;
  const content = node.children[0]!.children[0];
  return node.ordered === (line.value !== undefined) && node.start === (line.value ?? null) && content?.type === 'paragraph' && content.position?.start.offset === offset + line.contentStart;
}

function pointAt(lines: Lines, lineIndex: number, column0: number): Point {
  return { line: lineIndex + 1, column: column0 + 1, offset: lines.start[lineIndex]! + column0 };
}

function span(lines: Lines, firstLine: number, firstColumn0: number, lastLine: number): Position {
  return { start: pointAt(lines, firstLine, firstColumn0), end: pointAt(lines, lastLine, lines.end[lastLine]! - lines.start[lastLine]!) };
}

function paragraph(value: string, lines: Lines, first: number, last: number, column0: number): Paragraph {
  const from = lines.start[first]! + column0;
  // The text spans its paragraph exactly: one position object serves both (nothing edits a position in place).
  const position = span(lines, first, column0, last);
  const text: Text = { type: 'text', value: value.slice(from, lines.end[last]!), position };
  return { type: 'paragraph', children: [text], position };
}

function list(value: string, lines: Lines, kinds: LineKind[], groups: Group[]): List {
  const items: ListItem[] = [];
  let start: number | null = null;
  let ordered = false;
  for (const group of groups) {
    for (let l = group.first; l <= group.last; l++) {
      const kind = kinds[l] as Extract<LineKind, { kind: 'item' }>;
      if (!items.length && kind.value !== undefined) {
        ordered = true;
        start = kind.value;
      }
      const content = paragraph(value, lines, l, l, kind.contentStart);
      // The item ends where its one paragraph does: the end point is shared.
      items.push({ type: 'listItem', spread: false, checked: null, children: [content], position: { start: pointAt(lines, l, 0), end: content.position!.end } });
    }
  }
  const position = { start: { ...items[0]!.position!.start }, end: { ...items[items.length - 1]!.position!.end } };
  return { type: 'list', ordered, start, spread: groups.length > 1, children: items, position };
}

/** Text GFM's literal autolink transform can change: it finds `http://`, `https://`, `www.`, and addresses with `@`. */
const MAY_HOLD_AUTOLINK = /:\/\/|www\.|@/i;

/**
 * The tree transforms of the mdast extensions, on the paragraphs built here (chunks had theirs). The
 * only one GFM has finds literal autolinks; paragraphs it cannot change are left out of its walk,
 * which cost more than building them. Any other transform sees every paragraph.
 */
function runTransforms(paragraphs: Paragraph[], options: Options): void {
  const transforms: NonNullable<Extension['transforms']> = [];
  const collect = (extensions: ReadonlyArray<Extension | Extension[]>): void => {
    for (const extension of extensions) {
      if (Array.isArray(extension)) collect(extension);
      else if (extension.transforms) transforms.push(...extension.transforms);
    }
  };
  collect(options.mdastExtensions ?? []);
  if (!transforms.length) return;
  const onlyAutolinks = transforms.every((t) => t.name === 'transformGfmAutolinkLiterals');
  const touched = onlyAutolinks ? paragraphs.filter((p) => MAY_HOLD_AUTOLINK.test((p.children[0] as Text).value)) : paragraphs;
  if (!touched.length) return;
  // The paragraphs stay where they are: the transforms change their children in place.
  let root: Root = { type: 'root', children: touched };
  for (const transform of transforms) root = transform(root) ?? root;
}

function shiftPoint(point: Point, shift: Shift): Point {
  return { line: point.line + shift.line, column: point.column, offset: (point.offset ?? 0) + shift.offset };
}

/** Positions in a chunk are relative to its first line, which starts a line of the document: columns stay. */
function shifted(nodes: RootContent[], shift: Shift): RootContent[] {
  const visit = (node: Nodes): void => {
    if (node.position) node.position = { start: shiftPoint(node.position.start, shift), end: shiftPoint(node.position.end, shift) };
    if ('children' in node) for (const child of node.children) visit(child);
  };
  if (shift.offset || shift.line) for (const node of nodes) visit(node);
  return nodes;
}

/** remark-parse, with `parseLongMarkdown` as its parser: a drop-in for `unified().use(remarkParse)`. */
export default function remarkParseLong(this: Processor, options: Omit<LongMarkdownOptions, 'extensions' | 'mdastExtensions'> = {}): void {
  const self = this;
  this.parser = (doc) => {
    const data = self.data();
    return parseLongMarkdown(doc, {
      ...data.settings,
      ...options,
      extensions: data.micromarkExtensions ?? [],
      mdastExtensions: data.fromMarkdownExtensions ?? [],
    } as LongMarkdownOptions);
  };
}
