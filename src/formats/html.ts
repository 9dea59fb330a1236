/**
 * HTML reader: rehype-parse, then page chrome out, then rehype-remark.
 *
 * A whole page or an article fragment. Code (`script`, `style`, …) is dropped
 * without a word; page furniture that a reader could see (`nav`, `form`,
 * `footer`, buttons) is dropped with an `info` message holding its text, so
 * nothing visible is lost silently.
 */
import type { Element, Root as HastRoot, Parents } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { toString as hastToString } from 'hast-util-to-string';
import type { Preset } from 'unified';
import type { VFile } from 'vfile';
import { isRejected } from '../decisions.js';
import { report } from '../report.js';

/** Code and embeds: never article text. */
const CODE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'link', 'meta']);
/** Visible page furniture. */
const CHROME = new Set(['nav', 'form', 'footer', 'button', 'input', 'select', 'textarea', 'dialog', 'menu']);

export function isChrome(node: Element): boolean {
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

/** The editor rejected dropping this element (see `decisions.ts`): it stays, read like the rest of the page. */
function chromeRejected(file: VFile, node: Element): boolean {
  const actual = () => hastToString(node).replace(/\s+/g, ' ').trim();
  return isRejected(file, 'page-chrome', node.position, { reason: `Removed page furniture \`<${node.tagName}>\``, actual });
}

/** The HTML reading steps as a preset: parse, clean hast, bridge to mdast. */
const htmlReader: Preset = {
  plugins: [[rehypeParse, { fragment: false }], rehypeDropChrome, rehypeRemark],
};
export default htmlReader;
