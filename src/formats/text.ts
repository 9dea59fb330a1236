/**
 * Plain-text reader: a unified parser for wire copy pasted as text.
 *
 * One paragraph per line, blank lines ignored, the first line is the title
 * (a level-one heading). Lines become text nodes directly, so a line that
 * looks like Markdown (`1.`, `*`, `#`, `>`, `[x]`) stays literal text: the
 * Markdown writer escapes it on the way out.
 */
import type { Heading, Paragraph, Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { Plugin } from 'unified';

const copydeskText: Plugin<[], string, Root> = function () {
  this.parser = parseText;
};
export default copydeskText;

export function parseText(doc: string): Root {
  const root: Root = { type: 'root', children: [] };
  let offset = 0;
  let line = 1;
  while (offset <= doc.length) {
    let end = doc.indexOf('\n', offset);
    if (end === -1) end = doc.length;
    const raw = doc.slice(offset, end);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value) {
      const start: Point = { line, column: lead + 1, offset: offset + lead };
      const position: Position = {
        start,
        end: { line, column: lead + value.length + 1, offset: offset + lead + value.length },
      };
      const text = { type: 'text' as const, value, position };
      const block: Heading | Paragraph =
        root.children.length === 0
          ? { type: 'heading', depth: 1, children: [text], position }
          : { type: 'paragraph', children: [text], position };
      root.children.push(block);
    }
    if (end === doc.length) break;
    offset = end + 1;
    line++;
  }
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line, column: doc.length - doc.lastIndexOf('\n'), offset: doc.length },
  };
  return root;
}
