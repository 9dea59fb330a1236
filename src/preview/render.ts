/**
 * What the preview page shows for one article and the editor's decisions:
 *
 *   cleaned    the article with the decisions applied: Markdown and HTML to
 *              take away, and a rendering with every fix and flag marked
 *   original   the article as read (every change rejected), with removed
 *              blocks, fixes and flags marked where they were
 *   messages   every message, with its id, its kind and its place in the input
 *
 * The original is built from the same tree the cleanup starts from, so both
 * sides share block places (`data-o`) for scrolling together.
 */
import { articleInfo, type ArticleMeta } from '../article-meta.js';
import { titleOf } from '../article/structure.js';
import type { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import { heldBack, messageId, type Decisions } from '../decisions.js';
import type { Format } from '../input.js';
import { messageToJson, type JsonMessage } from '../json.js';
import { cleanTree, toHtml, toMarkdown, type CleanOptions } from '../pipeline.js';
import { renderMarked, type Mark, type Shift } from './annotate.js';

export type MessageKind = 'removal' | 'fix' | 'flag' | 'note';

export interface PreviewMessage extends JsonMessage {
  /** Stable id (`rule@line:column-endLine:endColumn`): what decisions name. */
  id: string;
  /** removal, fix (a change made: can be rejected), flag (for the editor: accept, edit, dismiss), note (no place). */
  kind: MessageKind;
  /** A change the decisions rejected (a rejected fix is made, then undone; a rejected removal is not made). */
  rejected?: boolean;
}

export interface PreviewInput {
  content: string;
  format: Format;
}

export interface PreviewResult {
  /** The headline the article model found. */
  title?: string | undefined;
  markdown: string;
  html: string;
  /** Sanitized HTML of the cleaned article, fixes and flags marked. */
  cleaned: string;
  /** Sanitized HTML of the article as read, every change and flag marked (when asked for). */
  original?: string | undefined;
  messages: PreviewMessage[];
  /** Lines kept beside the body (dek, dateline, byline, source). */
  meta: ArticleMeta;
}

export function kindOf(message: VFileMessage): MessageKind {
  if (!message.place) return 'note';
  if (message.fatal !== null) return 'flag';
  return Array.isArray(message.expected) && message.expected.length > 0 ? 'fix' : 'removal';
}

function offsets(message: VFileMessage, lineStarts: number[]): { start: number; end: number } | undefined {
  const place = message.place;
  if (!place) return undefined;
  const start: Point = 'start' in place ? place.start : place;
  const end: Point | undefined = 'end' in place ? (place as Position).end : undefined;
  const at = (p: Point) => p.offset ?? (lineStarts[p.line - 1] ?? 0) + p.column - 1;
  return { start: at(start), end: end ? at(end) : at(start) };
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Inline marks are short single-line texts; anything else is marked by its range. */
function inlineText(message: VFileMessage): string | undefined {
  const actual = message.actual;
  return typeof actual === 'string' && actual.length > 0 && actual.length <= 300 && !actual.includes('\n') ? actual : undefined;
}

export async function previewArticle(input: PreviewInput, options: CleanOptions = {}, wantOriginal = true): Promise<PreviewResult> {
  const decisions: Decisions = options.decisions ?? {};
  const rejected = new Set(decisions.reject ?? []);
  const replace = decisions.replace ?? {};
  const cleaned = await cleanTree(input.content, { ...options, format: input.format, decisions });
  const source = String(cleaned.file.value ?? '');
  const starts = lineStartsOf(source);

  const marks: Mark[] = [];
  const shifts: Shift[] = [];
  for (const m of cleaned.messages) {
    const kind = kindOf(m);
    const at = offsets(m, starts);
    if (!at || (kind !== 'fix' && kind !== 'flag')) continue;
    const id = messageId(m);
    const actual = inlineText(m);
    if (actual === undefined) {
      if (kind === 'flag') marks.push({ id, ...at });
      continue;
    }
    const undone = kind === 'fix' && (rejected.has(id) || rejected.has('*'));
    const now = replace[id] ?? (kind === 'fix' && !undone ? m.expected![0]! : actual);
    if (now !== actual) shifts.push({ start: at.start, delta: now.length - actual.length });
    if (now) marks.push({ id, ...at, text: now });
  }

  // Every change in play: those made, and those the decisions held back (in article order).
  const held = heldBack(cleaned.file);
  const inPlay = held.length ? [...cleaned.messages, ...held].sort((a, b) => (offsets(a, starts)?.start ?? -1) - (offsets(b, starts)?.start ?? -1)) : cleaned.messages;
  const result: PreviewResult = {
    title: titleOf(cleaned.file),
    meta: articleInfo(cleaned.file).meta,
    markdown: toMarkdown(cleaned.tree),
    html: await toHtml(cleaned.tree),
    cleaned: await renderMarked(cleaned.tree, marks, shifts),
    messages: inPlay.map((m) => {
      const id = messageId(m);
      const kind = kindOf(m);
      const isRejected = (kind === 'fix' || kind === 'removal') && (rejected.has(id) || rejected.has('*'));
      return { ...messageToJson(m), id, kind, ...(isRejected ? { rejected: true } : {}) };
    }),
  };
  if (wantOriginal) result.original = await renderOriginal(input, options, inPlay, starts);
  return result;
}

/** The article as read, with every change in play and every flag marked where it was. */
async function renderOriginal(input: PreviewInput, options: CleanOptions, all: VFileMessage[], starts: number[]): Promise<string> {
  const asRead = await cleanTree(input.content, { ...options, format: input.format, decisions: { reject: ['*'] } });
  const seen = new Set<string>();
  const marks: Mark[] = [];
  for (const m of all) {
    const id = messageId(m);
    const kind = kindOf(m);
    const at = offsets(m, starts);
    if (seen.has(id) || !at || kind === 'note' || m.ruleId === 'decision-not-applied') continue;
    seen.add(id);
    const text = kind === 'removal' ? undefined : inlineText(m);
    marks.push({ id, ...at, ...(text !== undefined ? { text } : {}) });
  }
  return renderMarked(asRead.tree, marks);
}
