/**
 * Removing blocks, the one way every plugin does it: muted passages are
 * skipped, each removal is reported with the removed text (its source, so an
 * editor can paste it back), and a guard keeps a rule from eating the article.
 */
import type { Nodes, Parents, Root } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { isBodyProse, shapeOf } from './article/shape.js';
import { isMuted } from './control.js';
import { isRejected } from './decisions.js';
import { report } from './report.js';

export interface Removal {
  node: Nodes;
  ruleId: string;
  reason: string;
  /** The copy that was kept, for a duplicate. */
  cause?: VFileMessage | undefined;
  /** Part of a clearly marked boilerplate block: the prose guard does not hold it back. */
  marked?: boolean | undefined;
}

export interface GuardOptions {
  /**
   * Share of the article's prose that must survive removals outside marked
   * boilerplate blocks (0–1). Below it, those removals are not made.
   * @default 0.5
   */
  minProseShare?: number | undefined;
  /**
   * Share of the article's prose that removals of prose-like blocks with no
   * copy kept (boilerplate, not duplicates) may take (0–1). Beyond it they
   * are still made but reported as warnings, holding the article for review.
   * @default 0.15
   */
  maxRemovalShare?: number | undefined;
}

interface GuardState {
  prose: number;
  removed: number;
  /** All prose before any removal. */
  total: number;
  /** Prose-like text removed so far with no copy kept. */
  proseTaken: number;
}

declare module 'vfile' {
  interface DataMap {
    copydeskGuard: GuardState;
  }
}

/**
 * Where a node is in the input. Blocks made up on reading (a paragraph that
 * rehype-remark wraps around inline HTML) take the span of their descendants.
 */
export function positionOf(node: Nodes): Position | undefined {
  if (node.position) return node.position;
  if (!('children' in node)) return undefined;
  let start: Position['start'] | undefined;
  let end: Position['end'] | undefined;
  for (const child of node.children) {
    const p = positionOf(child);
    if (!p) continue;
    start ??= p.start;
    end = p.end;
  }
  return start && end ? { start, end } : undefined;
}

/** The text an editor would need to restore a node: its source where we have it. */
export function sourceText(file: VFile, node: Nodes): string {
  const position = positionOf(node);
  const start = position?.start.offset;
  const end = position?.end.offset;
  if (typeof file.value === 'string' && start !== undefined && end !== undefined && end > start) {
    return file.value.slice(start, end);
  }
  return toString(node);
}

/** Characters of text in a node: what the guard weighs, and a cheap first look for plugins (no string is built). */
export function proseLength(node: Nodes): number {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value.length;
  if (!('children' in node)) return 0;
  let n = 0;
  for (const child of node.children) n += proseLength(child);
  return n;
}

/** Whether a node holds more than `limit` characters of text (`proseLength(node) > limit`), counted only until it does. */
export function longerThan(node: Nodes, limit: number): boolean {
  return countUpTo(node, limit) > limit;
}

function countUpTo(node: Nodes, limit: number): number {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value.length;
  if (!('children' in node)) return 0;
  let n = 0;
  for (const child of node.children) {
    n += countUpTo(child, limit - n);
    if (n > limit) break;
  }
  return n;
}

export function applyRemovals(tree: Root, file: VFile, plugin: string, removals: Removal[], options: GuardOptions = {}): Removal[] {
  const wanted = removals.filter(
    (r) => !isMuted(tree, r.node, [r.ruleId, plugin]) && !isRejected(file, r.ruleId, positionOf(r.node), { reason: r.reason, actual: () => sourceText(file, r.node) }),
  );
  if (wanted.length === 0) return [];
  const minShare = options.minProseShare ?? 0.5;
  const marked = wanted.filter((r) => r.marked);
  let unmarked = wanted.filter((r) => !r.marked);

  let state = file.data.copydeskGuard;
  if (!state) {
    const total = proseLength(tree);
    state = file.data.copydeskGuard = { prose: total - marked.reduce((n, r) => n + proseLength(r.node), 0), removed: 0, total, proseTaken: 0 };
  }
  const unmarkedLength = unmarked.reduce((n, r) => n + proseLength(r.node), 0);
  if (unmarked.length && state.prose > 0 && (state.prose - state.removed - unmarkedLength) / state.prose < minShare) {
    const left = Math.round((100 * (state.prose - state.removed - unmarkedLength)) / state.prose);
    report(file, {
      ruleId: 'prose-guard',
      severity: 'warning',
      reason: `Kept ${unmarked.length} block(s) that \`${plugin}\` would remove: only ${left}% of the article's prose would be left (the floor is ${Math.round(minShare * 100)}%)`,
      place: positionOf(unmarked[0]!.node),
      actual: unmarked.map((r) => sourceText(file, r.node)).join('\n\n'),
    });
    unmarked = [];
  } else {
    state.removed += unmarkedLength;
  }

  const done = [...marked, ...unmarked];
  // Prose taken without a copy kept: past a small share of the article, an editor must look.
  const uncopied = done.filter((r) => !r.cause && bodyProseLength(r.node) > 0);
  state.proseTaken += uncopied.reduce((n, r) => n + bodyProseLength(r.node), 0);
  const maxShare = options.maxRemovalShare ?? 0.15;
  const held = state.total > 0 && state.proseTaken / state.total > maxShare ? new Set(uncopied) : new Set<Removal>();
  const share = Math.round((100 * state.proseTaken) / Math.max(1, state.total));
  for (const r of done) {
    report(file, {
      ruleId: r.ruleId,
      reason: r.reason,
      place: positionOf(r.node),
      actual: sourceText(file, r.node),
      cause: r.cause,
      ...(held.has(r) && {
        severity: 'warning' as const,
        note: `Removals of prose-like text take ${share}% of the article (more than ${Math.round(maxShare * 100)}%): check that no story text went with them`,
      }),
    });
  }
  removeNodes(tree, new Set<Nodes>(done.map((r) => r.node)));
  return done;
}

/** Text of the parts of a block that read as body prose (a removal an editor must be able to trust). */
function bodyProseLength(node: Nodes): number {
  if (node.type === 'list') return node.children.reduce((n, item) => n + bodyProseLength(item), 0);
  if (node.type === 'listItem' || node.type === 'blockquote') return node.children.reduce((n, c) => n + bodyProseLength(c), 0);
  if (node.type !== 'paragraph' && node.type !== 'heading') return 0;
  return isBodyProse(shapeOf(node)) ? proseLength(node) : 0;
}

function removeNodes(tree: Root, doomed: Set<Nodes>): void {
  const walk = (parent: Parents): void => {
    if (!parent.children.some((c) => doomed.has(c) || 'children' in c)) return;
    parent.children = parent.children.filter((child) => {
      if (doomed.has(child)) return false;
      if ('children' in child) walk(child);
      return true;
    }) as typeof parent.children;
  };
  walk(tree);
}
