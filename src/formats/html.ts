/**
 * HTML reader: rehype-parse, then page chrome out, then rehype-remark.
 *
 * A whole page or an article fragment. Code (`script`, `style`, …) is dropped
 * without a word; page furniture that a reader could see (`nav`, `form`,
 * `footer`, buttons) is dropped with an `info` message holding its text, and
 * so is markup Markdown cannot hold (MathML, SVG, `noscript`, fallback text of
 * `canvas`, `object`, `iframe`: `unsupported-markup`; MathML is kept as its
 * text, in code), so nothing visible is lost silently. Tables, `del`/`s` and task-list checkboxes become GFM.
 */
import type { Element, ElementContent, Root as HastRoot, Parents } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { toString as hastToString } from 'hast-util-to-string';
import type { Preset } from 'unified';
import type { VFile } from 'vfile';
import { isRejected } from '../decisions.js';
import { report } from '../report.js';
import { rehypeExtractArticle } from './page.js';

/** Code and document metadata: never article text. */
const CODE = new Set(['script', 'style', 'template', 'link', 'meta']);
/** Markup with text Markdown cannot hold: dropped with a message carrying that text. */
const UNSUPPORTED: Record<string, string> = {
  svg: 'SVG has no Markdown form',
  noscript: 'shown only without JavaScript',
  canvas: 'fallback text of a canvas',
  object: 'fallback text of an embedded object',
  embed: 'an embedded object',
  iframe: 'fallback text of an embedded page',
  applet: 'fallback text of an applet',
  frameset: 'frames',
  noembed: 'fallback text',
  noframes: 'fallback text',
};
/** Visible page furniture. */
const CHROME = new Set(['nav', 'form', 'footer', 'button', 'input', 'select', 'textarea', 'dialog', 'menu']);

export function isChrome(node: Element): boolean {
  if (isCheckbox(node)) return false;
  if (CHROME.has(node.tagName)) return true;
  const p = node.properties;
  if (p.role === 'navigation' || p.role === 'banner' || p.role === 'contentinfo') return true;
  if (p.hidden !== undefined && p.hidden !== false && p.hidden !== null) return true;
  return String(p.ariaHidden) === 'true';
}

/** rehype plugin: remove code and page furniture from the tree. */
export function rehypeDropChrome() {
  return (tree: HastRoot, file: VFile): void => {
    const walk = (parent: Parents): void => {
      const kept: typeof parent.children = [];
      for (const child of parent.children) {
        if (child.type === 'comment' || child.type === 'doctype') continue;
        if (child.type === 'element') {
          if (CODE.has(child.tagName)) continue;
          if (child.tagName === 'base' && !hasAbsoluteHref(child)) continue;
          if (child.tagName === 'math') {
            // Formulas keep their text, as code: the sentence around them still reads.
            const text = unsupportedText(child);
            if (text) {
              report(file, { ruleId: 'unsupported-markup', reason: 'Wrote MathML as its text, in code: Markdown has no formulas', place: child.position, actual: text, expected: [`\`${text}\``] });
              kept.push({ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: text }], position: child.position });
            }
            continue;
          }
          const why = UNSUPPORTED[child.tagName];
          if (why !== undefined) {
            const text = unsupportedText(child);
            if (text) {
              report(file, { ruleId: 'unsupported-markup', reason: `Removed \`<${child.tagName}>\`: ${why}`, place: child.position, actual: text });
            }
            continue;
          }
          if (child.tagName === 'table') {
            kept.push(...captionOf(child));
            firstRowAsHeader(child);
          }
          if (isChrome(child) && !chromeRejected(file, child)) {
            const text = hastToString(child).replace(/\s+/g, ' ').trim();
            if (text) {
              report(file, {
                ruleId: 'page-chrome',
                reason: `Removed page furniture \`<${child.tagName}>\``,
                place: child.position,
                actual: text,
              });
            }
            continue;
          }
          walk(child);
        }
        kept.push(child);
      }
      parent.children = kept as typeof parent.children;
    };
    walk(tree);
  };
}

/** A task list's checkbox (`<li><input type=checkbox checked> …`): GFM keeps it as `[x]`. */
function isCheckbox(node: Element): boolean {
  return node.tagName === 'input' && String(node.properties.type).toLowerCase() === 'checkbox';
}

/** rehype-remark resolves every URL against the first `<base href>`: one that is not an absolute URL would throw. */
function hasAbsoluteHref(node: Element): boolean {
  const href = node.properties.href;
  return typeof href === 'string' && URL.canParse(href.trim());
}

/** The visible text of an element Markdown cannot hold. `noscript` content is raw HTML text when parsed with scripting on. */
function unsupportedText(node: Element): string {
  if (node.tagName === 'math' && typeof node.properties.alttext === 'string') return node.properties.alttext.replace(/\s+/g, ' ').trim();
  if (node.tagName === 'noscript') {
    const raw = hastToString(node);
    if (raw.includes('<')) return spacedText(fromHtml(raw, { fragment: true }));
  }
  return spacedText(node);
}

/** Text of a tree with its text nodes set apart (SVG labels and MathML tokens are separate nodes with no spaces between). */
function spacedText(node: HastRoot | Element): string {
  const parts: string[] = [];
  const walk = (n: HastRoot | Element): void => {
    for (const child of n.children) {
      if (child.type === 'text') parts.push(child.value);
      else if (child.type === 'element') walk(child);
    }
  };
  walk(node);
  return parts.map((p) => p.trim()).filter(Boolean).join(' ');
}

/** A table's caption, as a paragraph before it (GFM tables have none; hast-util-to-mdast drops it). */
function captionOf(table: Element): ElementContent[] {
  const at = table.children.findIndex((c) => c.type === 'element' && c.tagName === 'caption');
  if (at === -1) return [];
  const caption = table.children[at] as Element;
  table.children.splice(at, 1);
  return [{ type: 'element', tagName: 'p', properties: {}, children: caption.children, position: caption.position }];
}

/**
 * A table with no header row: its first row becomes the header. A GFM table must have one, and
 * hast-util-to-mdast would add an empty one (a one-row table came out as a blank header over its row).
 */
function firstRowAsHeader(table: Element): void {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'thead') return;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const row of child.children) if (row.type === 'element' && row.tagName === 'tr') rows.push(row);
    }
  }
  const first = rows[0];
  if (!first || rows.slice(0, 2).some((row) => row.children.some((c) => c.type === 'element' && c.tagName === 'th'))) return;
  for (const cell of first.children) if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th';
}

/** The editor rejected dropping this element (see `decisions.ts`): it stays, read like the rest of the page. */
function chromeRejected(file: VFile, node: Element): boolean {
  const actual = () => hastToString(node).replace(/\s+/g, ' ').trim();
  return isRejected(file, 'page-chrome', node.position, { reason: `Removed page furniture \`<${node.tagName}>\``, actual });
}

/** The HTML reading steps as a preset: parse, clean hast, bridge to mdast. */
const htmlReader: Preset = {
  plugins: [[rehypeParse, { fragment: false }], rehypeExtractArticle, rehypeDropChrome, rehypeRemark],
};
export default htmlReader;
