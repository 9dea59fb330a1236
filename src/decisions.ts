/**
 * An editor's decisions on a cleaned article, applied by cleaning it again:
 *
 * - `reject`: changes not to make. A rejected removal is never made (the
 *   block stays where it was, see `applyRemovals`); a rejected fix is undone
 *   in its text node, so one name among several identical ones goes back.
 *   `'*'` rejects every change: the article as it was read.
 * - `replace`: text put in place of a message's span — a flag's suggestion
 *   accepted, or an editor's own wording (of a flag or of a fix).
 *
 * Decisions name messages by `messageId`: the rule id and the span in the
 * input, the same on every run over the same input, so a CMS can store them
 * and apply them again.
 *
 * @example
 *   const first = await clean(text);                    // messages carry places
 *   const ids = first.messages.map(messageId);
 *   await clean(text, { decisions: { reject: [ids[1]], replace: { [ids[2]]: 'Meta AI' } } });
 */
import type { Root, Text } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { report, SOURCE } from './report.js';

export interface Decisions {
  /** Ids (`messageId`) of changes not to make; `'*'` among them rejects every change. */
  reject?: string[] | undefined;
  /** Text to put in place of a message's span, by message id. */
  replace?: Record<string, string> | undefined;
}

interface Compiled {
  all: boolean;
  reject: Set<string>;
  replace: Map<string, string>;
}

declare module 'vfile' {
  interface DataMap {
    copydeskDecisions: Compiled;
    /** Changes not made because the editor rejected them, as the messages they would have been. */
    copydeskHeldBack: VFileMessage[];
  }
}

type Place = Position | Point | undefined;

function startOf(place: Place): Point | undefined {
  if (!place) return undefined;
  return 'start' in place ? place.start : place;
}

function endOf(place: Place): Point | undefined {
  if (!place) return undefined;
  return 'end' in place ? place.end : undefined;
}

/** `rule@line:column-endLine:endColumn`: stable for one input. */
export function idFor(ruleId: string | undefined, place: Place): string {
  const start = startOf(place);
  const end = endOf(place);
  const at = start ? `${start.line}:${start.column}${end ? `-${end.line}:${end.column}` : ''}` : '-';
  return `${ruleId ?? 'copydesk'}@${at}`;
}

/** The id of a message (a vfile message, or its JSON form with `line`…`endColumn`). */
export function messageId(message: VFileMessage | { ruleId?: string | undefined; line?: number | undefined; column?: number | undefined; endLine?: number | undefined; endColumn?: number | undefined }): string {
  if ('place' in message) return idFor(message.ruleId, message.place);
  const m = message as { ruleId?: string; line?: number; column?: number; endLine?: number; endColumn?: number };
  const place: Place =
    m.line === undefined || m.column === undefined
      ? undefined
      : m.endLine === undefined || m.endColumn === undefined
        ? { line: m.line, column: m.column }
        : { start: { line: m.line, column: m.column }, end: { line: m.endLine, column: m.endColumn } };
  return idFor(m.ruleId, place);
}

/** Puts decisions on a file, for the plugins (and readers) that honour them. */
export function setDecisions(file: VFile, decisions: Decisions | undefined): void {
  if (!decisions) return;
  const reject = new Set(decisions.reject ?? []);
  file.data.copydeskDecisions = { all: reject.has('*'), reject, replace: new Map(Object.entries(decisions.replace ?? {})) };
}

/**
 * Whether the editor rejected the change `ruleId` would make at `place`.
 * With `change`, a rejected change is kept as the message it would have been
 * (`heldBack`), so the editor can still see it and accept it again.
 */
export function isRejected(file: VFile, ruleId: string, place: Place, change?: { reason: string; actual: () => string }): boolean {
  const d = file.data.copydeskDecisions;
  if (!d || !(d.all || d.reject.has(idFor(ruleId, place)))) return false;
  if (change && !d.all) {
    const message = new VFileMessage(change.reason, { place, ruleId, source: SOURCE });
    message.fatal = null;
    message.actual = change.actual();
    (file.data.copydeskHeldBack ??= []).push(message);
  }
  return true;
}

/** The changes rejected on this run (removals, chrome), as messages. */
export function heldBack(file: VFile): VFileMessage[] {
  return file.data.copydeskHeldBack ?? [];
}

/** A fix made in the text: `info`, with the replacement in `expected`. */
function isTextFix(message: VFileMessage): boolean {
  return message.fatal === null && Array.isArray(message.expected) && message.expected.length > 0 && typeof message.actual === 'string';
}

interface TextEdit {
  message: VFileMessage;
  start: number;
  end: number;
  /** The text in the tree now. */
  current: string;
  /** The text wanted. */
  wanted: string;
}

/**
 * unified plugin, last in the chain: undoes rejected text fixes and puts
 * replacements in place, in the text nodes the messages point into. An edit
 * that cannot be placed is reported (`decision-not-applied`), never guessed.
 */
export function applyDecisions() {
  return (tree: Root, file: VFile): void => {
    const d = file.data.copydeskDecisions;
    if (!d) return;
    const source = String(file.value ?? '');
    const offsets = lineOffsets(source);
    const offsetOf = (p: Point | undefined) => (p ? (p.offset ?? pointOffset(offsets, p)) : undefined);

    const fixes: Array<{ start: number; delta: number }> = [];
    const edits: TextEdit[] = [];
    for (const message of file.messages) {
      if (message.ruleId === 'decision-not-applied') continue;
      const start = offsetOf(startOf(message.place));
      const end = offsetOf(endOf(message.place));
      if (start === undefined || end === undefined) continue;
      const fix = isTextFix(message);
      const id = idFor(message.ruleId, message.place);
      const rejected = fix && (d.all || d.reject.has(id));
      const current = fix ? message.expected![0]! : (message.actual ?? '');
      if (fix) fixes.push({ start, delta: current.length - message.actual!.length });
      const replacement = d.replace.get(id);
      const wanted = replacement ?? (rejected ? message.actual! : undefined);
      if (wanted === undefined || wanted === current) continue;
      if (typeof message.actual !== 'string') continue;
      edits.push({ message, start, end, current, wanted });
    }
    if (edits.length === 0) return;

    const texts = textNodes(tree);
    // Right to left: an edit never moves the text of the ones still to make.
    edits.sort((a, b) => b.start - a.start);
    for (const edit of edits) {
      if (!placeEdit(texts, fixes, edit)) {
        report(file, {
          ruleId: 'decision-not-applied',
          severity: 'warning',
          reason: `Could not apply the decision on \`${edit.message.ruleId}\`: “${edit.current}” is no longer where the message points`,
          place: edit.message.place,
          actual: edit.current,
          expected: [edit.wanted],
        });
      }
    }
  };
}

function placeEdit(texts: Text[], fixes: Array<{ start: number; delta: number }>, edit: TextEdit): boolean {
  const node = texts.find((t) => {
    const s = t.position?.start.offset;
    const e = t.position?.end.offset;
    return s !== undefined && e !== undefined && s <= edit.start && edit.end <= e;
  });
  if (!node) return false;
  const nodeStart = node.position!.start.offset!;
  const nodeEnd = node.position!.end.offset!;
  // Where the span should be in the value now: its place in the source, moved
  // by the fixes made before it in this node (the source may differ a little
  // from the value — escapes, entities — so the nearest occurrence wins).
  let estimate = edit.start - nodeStart;
  for (const f of fixes) if (f.start >= nodeStart && f.start < edit.start && f.start < nodeEnd) estimate += f.delta;
  const at = nearest(node.value, edit.current, estimate);
  if (at === -1) return false;
  node.value = node.value.slice(0, at) + edit.wanted + node.value.slice(at + edit.current.length);
  return true;
}

/** Index of the occurrence of `needle` in `hay` closest to `estimate`; -1 if none. */
function nearest(hay: string, needle: string, estimate: number): number {
  if (needle === '') return Math.max(0, Math.min(hay.length, estimate));
  let best = -1;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    if (best === -1 || Math.abs(i - estimate) < Math.abs(best - estimate)) best = i;
    if (i > estimate) break;
  }
  return best;
}

function textNodes(tree: Root): Text[] {
  const out: Text[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'text') out.push(node as Text);
    else if (node.children) for (const child of node.children) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
  return out;
}

function lineOffsets(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function pointOffset(starts: number[], point: Point): number | undefined {
  const lineStart = starts[point.line - 1];
  return lineStart === undefined ? undefined : lineStart + point.column - 1;
}
