/**
 * The extracted article, from Readability's DOM straight to hast, in one walk that also writes its
 * HTML: the file's value becomes that HTML and every hast node carries its place in it, as if the
 * HTML had been parsed (so later messages point into the text the file holds), without parsing it
 * again.
 *
 * The tree is the one parse5 would build from that HTML, as far as the reader can tell: attributes
 * become properties as hastscript makes them, line breaks are LF, a `<pre>`'s first line break is
 * not text, and elements nest as the page's DOM nests them.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h, s } from 'hastscript';
import type { Point } from 'unist';
import type { DomNode } from './page-regions.js';

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Their text is written as it is (HTML's raw-text elements). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Parts of a table: outside one, an HTML parser ignores their tags and keeps their content. */
const TABLE_PARTS = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);
/** Elements whose start tag ends an open `<p>` in an HTML parser. */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing', 'form', 'li', 'dd', 'dt', 'plaintext', 'table', 'hr', 'xmp']);
/**
 * Block elements: white space between two of them (a page's indentation) is no text, and the Markdown
 * reader would minify it away; it is left out of the tree (its place stays in the HTML).
 */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup', 'dd', 'dialog', 'dir', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul']);
/** A line break right after their start tag is not part of their text. */
const LEADING_NEWLINE = new Set(['pre', 'textarea', 'listing']);

interface Attr {
  name: string;
  value: string;
}
type Attributed = DomNode & { attributes?: ArrayLike<Attr> };

/** HTML written piece by piece, keeping the point (line, column, offset) where the next piece goes. */
class Writer {
  readonly parts: string[] = [];
  offset = 0;
  line = 1;
  column = 1;

  point(): Point {
    return { line: this.line, column: this.column, offset: this.offset };
  }

  write(text: string): void {
    this.parts.push(text);
    this.offset += text.length;
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.column += text.length;
      return;
    }
    let last = newline;
    while (newline !== -1) {
      this.line++;
      last = newline;
      newline = text.indexOf('\n', newline + 1);
    }
    this.column = text.length - last;
  }
}

const escapeText = (text: string) => (/[&<>\u00a0]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;') : text);
const escapeAttribute = (text: string) => (/[&"\u00a0]/.test(text) ? text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;') : text);
const lineFeeds = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/**
 * `<h1>headline</h1>` (when there is one), then the children of `content`, as HTML and as hast with
 * places in that HTML.
 */
export function articleToHast(content: DomNode, headline: string | undefined): { html: string; tree: HastRoot } {
  const out = new Writer();
  const children: ElementContent[] = [];
  if (headline) {
    const start = out.point();
    out.write('<h1>');
    const textStart = out.point();
    out.write(escapeText(headline));
    const text: ElementContent = { type: 'text', value: headline, position: { start: textStart, end: out.point() } };
    out.write('</h1>');
    const heading = h('h1', {}, [text]);
    heading.position = { start, end: out.point() };
    children.push(heading);
    out.write('\n');
  }
  for (let child = content.firstChild; child; child = child.nextSibling) convert(child, out, children, { raw: false, pre: false, svg: false, table: false });
  dropIndentation(children);
  const end = out.point();
  return { html: out.parts.join(''), tree: { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } } };
}

interface Context {
  /** Inside a raw-text element. */
  raw: boolean;
  /** Inside a `<pre>` (or the like): white space is text. */
  pre: boolean;
  svg: boolean;
  /** Inside a `<table>`. */
  table: boolean;
}

/** Writes `node` and adds what it becomes to `into`; whether it is or holds an element that ends a paragraph. */
function convert(node: DomNode, out: Writer, into: ElementContent[], at: Context): boolean {
  if (node.nodeType === TEXT) {
    const value = lineFeeds(node.nodeValue ?? '');
    const start = out.point();
    out.write(at.raw ? value : escapeText(value));
    into.push({ type: 'text', value, position: { start, end: out.point() } });
    return false;
  }
  if (node.nodeType === COMMENT) {
    const value = node.nodeValue ?? '';
    const start = out.point();
    out.write(`<!--${value}-->`);
    into.push({ type: 'comment', value, position: { start, end: out.point() } });
    return false;
  }
  if (node.nodeType !== ELEMENT) return false;
  const tag = (node.localName ?? 'div').toLowerCase();
  const svg = at.svg || tag === 'svg';
  const start = out.point();
  const properties: Record<string, string> = {};
  let open = `<${tag}`;
  const attributes = (node as Attributed).attributes;
  if (attributes) {
    for (let i = 0; i < attributes.length; i++) {
      const { name, value } = attributes[i]!;
      const text = lineFeeds(value);
      if (!Object.hasOwn(properties, name)) properties[name] = text;
      open += ` ${name}="${escapeAttribute(text)}"`;
    }
  }
  out.write(`${open}>`);
  const children: ElementContent[] = [];
  let holdsBlock = false;
  if (!VOID.has(tag)) {
    const pre = at.pre || LEADING_NEWLINE.has(tag) || tag === 'plaintext';
    const inner: Context = { raw: RAW_TEXT.has(tag), pre, svg, table: at.table || tag === 'table' };
    for (let child = node.firstChild; child; child = child.nextSibling) if (convert(child, out, children, inner)) holdsBlock = true;
    out.write(`</${tag}>`);
    if (LEADING_NEWLINE.has(tag)) dropLeadingNewline(children);
    else if (!pre && !svg && BLOCKS.has(tag)) dropIndentation(children);
  }
  // A cell or row outside any table (Readability keeps a layout table's cell as a block): its content only.
  if (!at.table && !svg && TABLE_PARTS.has(tag)) {
    into.push(...children);
    return holdsBlock;
  }
  // A paragraph holding blocks (Readability turns some divs into paragraphs): a parser would end it at
  // the first block; as a division, the Markdown reader makes paragraphs of its runs of text instead.
  const element: Element = (svg ? s : h)(tag === 'p' && holdsBlock ? 'div' : tag, properties, children);
  element.position = { start, end: out.point() };
  into.push(element);
  return holdsBlock || CLOSES_P.has(tag);
}

const isBlock = (node: ElementContent | undefined) => node?.type === 'element' && BLOCKS.has(node.tagName);
const isIndentation = (node: ElementContent) => node.type === 'comment' || (node.type === 'text' && !/[^ \t\n\f\r]/.test(node.value));

/** White space (and comments) between blocks of a block, or between a block and its start or end. */
function dropIndentation(children: ElementContent[]): void {
  let kept = 0;
  let previousBlock = true;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (isIndentation(child)) {
      let next = i + 1;
      while (next < children.length && isIndentation(children[next]!)) next++;
      if (previousBlock && (next === children.length || isBlock(children[next]))) continue;
    } else previousBlock = isBlock(child);
    children[kept++] = child;
  }
  children.length = kept;
}

function dropLeadingNewline(children: ElementContent[]): void {
  const first = children[0];
  if (first?.type !== 'text' || !first.value.startsWith('\n')) return;
  first.value = first.value.slice(1);
  const start = first.position?.start;
  if (start) first.position!.start = { line: start.line + 1, column: 1, offset: (start.offset ?? 0) + 1 };
  if (!first.value) children.shift();
}
