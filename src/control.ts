/**
 * Editor control comments in Markdown, in the manner of remark-message-control:
 *
 *     <!-- copydesk ignore dedupe-lead -->      the next block only
 *     <!-- copydesk disable strip-boilerplate --> … <!-- copydesk enable strip-boilerplate -->
 *
 * Names are plugin names or rule ids; no name means every rule. A muted
 * passage is left as it is: rules neither change nor remove anything in it.
 */
import type { Nodes, Root } from 'mdast';
import { positionOf } from './removal.js';

const MARKER = /^<!--\s*copydesk\s+(ignore|disable|enable)\b([\s\S]*?)-->$/;

interface MutedRange {
  start: number;
  end: number;
  /** `null`: every rule. */
  names: Set<string> | null;
}

const cache = new WeakMap<Root, MutedRange[]>();
/** Rules switched off for the whole article (configuration: `"rules": { "x": "off" }`). */
const switchedOff = new WeakMap<Root, Set<string>>();

/** Switch rules (rule ids or plugin names) off for a whole tree. */
export function switchOff(tree: Root, names: Iterable<string>): void {
  switchedOff.set(tree, new Set(names));
}

function parseMarker(value: string): { verb: string; names: Set<string> | null } | undefined {
  const match = MARKER.exec(value.trim());
  if (!match) return undefined;
  const names = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
  return { verb: match[1]!, names: names.length ? new Set(names) : null };
}

function collect(tree: Root): MutedRange[] {
  const ranges: MutedRange[] = [];
  // A plain walk: this runs on every article, most of which hold no comment at all.
  const walk = (children: Nodes[]): void => {
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if ('children' in child) walk(child.children as Nodes[]);
      if (child.type === 'html') addRange(children, index, ranges);
    }
  };
  walk(tree.children);
  return ranges;
}

function addRange(children: Nodes[], index: number, ranges: MutedRange[]): void {
  const child = children[index]!;
  if (child.type !== 'html') return;
  const marker = parseMarker(child.value);
  const from = child.position?.end.offset;
  if (!marker || from === undefined || marker.verb === 'enable') return;
  if (marker.verb === 'ignore') {
    const end = children[index + 1]?.position?.end.offset;
    if (end !== undefined) ranges.push({ start: from, end, names: marker.names });
    return;
  }
  // disable: until a matching enable among the following siblings, or the end.
  let end = Number.POSITIVE_INFINITY;
  for (const later of children.slice(index + 1)) {
    if (later.type !== 'html') continue;
    const close = parseMarker(later.value);
    const sameNames = close?.verb === 'enable' && (close.names === null || marker.names === null || [...marker.names].some((n) => close.names!.has(n)));
    if (sameNames && later.position) {
      end = later.position.start.offset ?? end;
      break;
    }
  }
  ranges.push({ start: from, end, names: marker.names });
}

/** Whether `node` sits in a passage where any of `names` is switched off. */
export function isMuted(tree: Root, node: { position?: Nodes['position'] }, names: readonly string[]): boolean {
  const off = switchedOff.get(tree);
  if (off && names.some((n) => off.has(n))) return true;
  let ranges = cache.get(tree);
  if (!ranges) {
    ranges = collect(tree);
    cache.set(tree, ranges);
  }
  const offset = positionOf(node as Nodes)?.start.offset;
  if (offset === undefined || ranges.length === 0) return false;
  return ranges.some((r) => offset >= r.start && offset < r.end && (r.names === null || names.some((n) => r.names!.has(n))));
}
