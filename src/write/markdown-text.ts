/**
 * The Markdown writer's text handler, with the same output in less work for
 * documents of many short texts.
 *
 * mdast-util-to-markdown escapes each text by running every one of its unsafe
 * patterns (about seventy regular expressions, each with a scope check) over
 * it: a fixed cost per text node that made a list of 100,000 one-line items
 * take five times a plain article of the same size to write. A pattern can
 * only match where its character is, so the handler runs only the patterns
 * whose character occurs in the text or in the characters around it; the rest
 * could not have matched. The default handler then does the rest as always.
 */
import type { Parents, Text } from 'mdast';
import { defaultHandlers, type Info, type State, type Unsafe } from 'mdast-util-to-markdown';

interface Patterns {
  length: number;
  /** Every character some pattern escapes, as one class. */
  characters: RegExp;
  /** The patterns for each set of characters met so far, keyed by those characters in the order met. */
  bySet: Map<string, Unsafe[]>;
}

const known = new WeakMap<Unsafe[], Patterns>();
/** Distinct character sets kept per document; texts beyond that many filter afresh. */
const MAX_SETS = 4096;

/** The patterns of `unsafe` by character (rebuilt if a handler added patterns). */
function patternsOf(unsafe: Unsafe[]): Patterns {
  let patterns = known.get(unsafe);
  if (!patterns || patterns.length !== unsafe.length) {
    const characters = [...new Set(unsafe.map((pattern) => pattern.character))];
    const body = characters.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    patterns = { length: unsafe.length, characters: new RegExp(`[${body}]`, 'g'), bySet: new Map() };
    known.set(unsafe, patterns);
  }
  return patterns;
}

export function text(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const all = state.unsafe;
  const patterns = patternsOf(all);
  let key = '';
  for (const c of `${info.before}${node.value}${info.after}`.match(patterns.characters) ?? []) if (!key.includes(c)) key += c;
  let relevant = patterns.bySet.get(key);
  if (!relevant) {
    relevant = all.filter((pattern) => key.includes(pattern.character));
    if (patterns.bySet.size < MAX_SETS) patterns.bySet.set(key, relevant);
  }
  state.unsafe = relevant;
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
}
