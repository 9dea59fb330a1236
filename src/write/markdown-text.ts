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

interface CharacterClass {
  length: number;
  expression: RegExp;
}

const classes = new WeakMap<Unsafe[], CharacterClass>();

/** Every character some pattern escapes, as one class (rebuilt if a handler added patterns). */
function charactersOf(unsafe: Unsafe[]): RegExp {
  let known = classes.get(unsafe);
  if (!known || known.length !== unsafe.length) {
    const characters = [...new Set(unsafe.map((pattern) => pattern.character))];
    const body = characters.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    known = { length: unsafe.length, expression: new RegExp(`[${body}]`, 'g') };
    classes.set(unsafe, known);
  }
  return known.expression;
}

export function text(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const all = state.unsafe;
  const around = `${info.before}${node.value}${info.after}`;
  const present = new Set(around.match(charactersOf(all)));
  state.unsafe = all.filter((pattern) => present.has(pattern.character));
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
}
