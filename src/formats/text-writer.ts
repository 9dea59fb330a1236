/**
 * Plain-text writer: the counterpart of the text reader (text.ts), for
 * articles that came as text and go back as text (`batch --in-place` on a
 * `.txt` file).
 *
 * One block per line, title first: headings and paragraphs as their text,
 * each list item and each table row on a line of its own, block quotes and
 * code as their text; thematic breaks and empty blocks drop out. No Markdown
 * syntax is added, so reading the output back with the text reader gives the
 * same lines, and writing that again gives the same file (a second run is a
 * no-op).
 */
import type { Nodes, Root, RootContent } from 'mdast';

export interface TextOptions {
  /** Between lines: `\n` (default), or `\n\n` for text whose paragraphs have blank lines between them. */
  separator?: '\n' | '\n\n';
  /** Line ending: `\n` (default) or `\r\n`. */
  newline?: '\n' | '\r\n';
}

export function toText(tree: Root, options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const block of tree.children) collectLines(block, lines);
  const newline = options.newline ?? '\n';
  const separator = options.separator === '\n\n' ? newline + newline : newline;
  return lines.length ? `${lines.join(separator)}${newline}` : '';
}

/** How a text file was laid out, to write it back the same way: blank lines between paragraphs or not, CRLF or LF. */
export function textLayoutOf(source: string): Required<TextOptions> {
  return { separator: /\n[ \t]*\r?\n/.test(source.trim()) ? '\n\n' : '\n', newline: source.includes('\r\n') ? '\r\n' : '\n' };
}

function collectLines(node: RootContent, lines: string[]): void {
  switch (node.type) {
    case 'list':
    case 'listItem':
    case 'blockquote':
    case 'table':
    case 'footnoteDefinition':
      for (const child of node.children) collectLines(child as RootContent, lines);
      return;
    case 'tableRow':
      push(lines, node.children.map((cell) => inline(cell)).filter(Boolean).join(' | '));
      return;
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return;
    case 'code':
    case 'html':
      push(lines, node.value);
      return;
    default:
      push(lines, inline(node));
  }
}

/** A line's text: line breaks inside a block become spaces (the reader would cut the line there). */
function push(lines: string[], text: string): void {
  const line = text.replace(/[ \t]*\r?\n\s*/g, ' ').trim();
  if (line) lines.push(line);
}

function inline(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(inline).join('');
  return '';
}
