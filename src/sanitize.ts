/**
 * One sanitizing policy for both outputs, applied to the mdast before either
 * writer runs, so the Markdown output is as safe as the HTML one and the
 * editor sees, in messages, everything removed for safety:
 *
 * - raw HTML with a script-like element (`script`, `iframe`, `object`, …), an
 *   event handler (`on*`), `srcdoc`, or a URL of a protocol the schema does not
 *   allow is rewritten without them, or removed when nothing is left
 *   (`unsafe-html`, with the original source);
 * - links and images whose URL has such a protocol (`javascript:`, `vbscript:`,
 *   `data:`, …) lose the link, keeping its text, or are removed (`unsafe-url`);
 * - a link with no URL at all (an `<a>` without `href`) is only its text.
 *
 * The allowed protocols are rehype-sanitize's (GitHub's) schema, the one the
 * HTML writer applies last as a guard.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Definition, Nodes, Parents, Root, RootContent } from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from './report.js';

/** Elements that run code, embed other documents or change how the page loads: removed with their content. */
export const UNSAFE_ELEMENTS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'base', 'link', 'meta',
  'form', 'noscript', 'template', 'svg', 'math', 'portal',
]);

/** Attributes (hast property names) that hold URLs. */
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formAction', 'poster', 'cite', 'background', 'data', 'xLinkHref', 'lowsrc', 'dynsrc', 'ping']);

const hrefProtocols = new Set(defaultSchema.protocols?.href ?? ['http', 'https', 'mailto']);
const srcProtocols = new Set(defaultSchema.protocols?.src ?? ['http', 'https']);

/** The protocol of a URL as a browser reads it (control characters and whitespace ignored), or undefined for a relative URL. */
function protocolOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  const colon = squeezed.indexOf(':');
  if (colon === -1) return undefined;
  const before = squeezed.slice(0, colon);
  if (/[/?#]/.test(before)) return undefined;
  return before.toLowerCase();
}

/** True when `url` may stand in a link (`href`) or an image (`src`) of the output. */
export function isSafeUrl(url: string, kind: 'href' | 'src'): boolean {
  const protocol = protocolOf(url);
  return protocol === undefined || (kind === 'href' ? hrefProtocols : srcProtocols).has(protocol);
}

/** Cheap test first: most raw HTML (comments, `<br>`, `<sup>`) cannot hold any of this. */
const MAYBE_UNSAFE = new RegExp(`<\\s*(?:${[...UNSAFE_ELEMENTS].join('|')})\\b|\\son[a-z]+\\s*=|srcdoc|:`, 'i');

interface Scrubbed {
  /** The HTML with the unsafe parts taken out ('' when nothing is left). */
  value: string;
  /** What was taken out, for the message. */
  removed: string[];
  /** Text of the removed elements. */
  text: string;
}

/** Raw HTML with unsafe elements, attributes and URLs taken out; undefined when it was safe already. */
export function scrubHtml(value: string): Scrubbed | undefined {
  if (!MAYBE_UNSAFE.test(value)) return undefined;
  const tree: HastRoot = fromHtml(value, { fragment: true });
  const removed: string[] = [];
  const texts: string[] = [];
  const walk = (parent: HastRoot | Element): void => {
    const kept: HastContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'element') {
        if (UNSAFE_ELEMENTS.has(child.tagName)) {
          removed.push(`a <${child.tagName}> element`);
          const text = hastToString(child).replace(/\s+/g, ' ').trim();
          if (text) texts.push(text);
          continue;
        }
        scrubProperties(child, removed);
        walk(child);
      }
      kept.push(child);
    }
    parent.children = kept as typeof parent.children;
  };
  walk(tree);
  if (removed.length === 0) return undefined;
  let out = toHtml(tree).trim();
  // An opening tag alone (`<a onclick=…>`, its `</a>` in a later node) stays an opening tag.
  const last = tree.children.at(-1);
  if (last?.type === 'element' && out.endsWith(`</${last.tagName}>`) && !new RegExp(`</${last.tagName}\\s*>\\s*$`, 'i').test(value)) {
    out = out.slice(0, -`</${last.tagName}>`.length);
  }
  return { value: out, removed: [...new Set(removed)], text: texts.join(' ') };
}

function scrubProperties(element: Element, removed: string[]): void {
  for (const [name, value] of Object.entries(element.properties)) {
    if (/^on/i.test(name) || name === 'srcDoc' || name === 'srcdoc') {
      removed.push(`the ${name.toLowerCase()} attribute`);
      delete element.properties[name];
    } else if (URL_PROPERTIES.has(name) && value !== null && value !== undefined) {
      const url = Array.isArray(value) ? value.join(' ') : String(value);
      const kind = name === 'href' || name === 'action' || name === 'formAction' || name === 'cite' || name === 'ping' ? 'href' : 'src';
      if (!isSafeUrl(url, kind)) {
        removed.push(`a ${protocolOf(url)}: URL`);
        delete element.properties[name];
      }
    }
  }
}

/** Opening tag of an unsafe element whose content follows in later sibling nodes (`<script>` inline in a paragraph). */
function unclosedUnsafe(value: string): string | undefined {
  const open = /<\s*([a-z]+)\b[^>]*>/gi;
  let name: string | undefined;
  for (const m of value.matchAll(open)) {
    const tag = m[1]!.toLowerCase();
    if (UNSAFE_ELEMENTS.has(tag) && !new RegExp(`</\\s*${tag}\\s*>`, 'i').test(value.slice(m.index))) name = tag;
  }
  return name;
}

function span(first: Nodes, last: Nodes): Position | undefined {
  if (!first.position || !last.position) return first.position;
  return { start: first.position.start, end: last.position.end };
}

function sourceOf(file: VFile, place: Position | undefined, fallback: string): string {
  const text = String(file.value ?? '');
  const from = place?.start.offset;
  const to = place?.end.offset;
  return from !== undefined && to !== undefined && to <= text.length ? text.slice(from, to) : fallback;
}

/** remark plugin: the sanitizing policy above, reported on the file. */
export function sanitizeMarkup() {
  return (tree: Root, file: VFile): void => {
    if (nothingToSanitize(tree, file)) return;
    const unsafeDefinitions = new Map<string, string>();
    const definitions: Definition[] = [];
    collectDefinitions(tree, definitions);
    for (const d of definitions) if (!isSafeUrl(d.url, 'href')) unsafeDefinitions.set(d.identifier, d.url);
    walk(tree, file, unsafeDefinitions);
  };
}

/**
 * Raw HTML needs a `<`; links, images, definitions and references a `[` (or a
 * `<` for an autolink). A tree read from a source holding neither has only the
 * literal autolinks GFM finds (`www.`, `https://`, e-mail), whose URLs are of
 * allowed protocols: walking its every node (100,000 list items) finds nothing.
 * Only a tree that spans its file's text is judged by that text.
 */
function nothingToSanitize(tree: Root, file: VFile): boolean {
  const value = file.value;
  if (typeof value !== 'string' || tree.position?.end.offset !== value.length || tree.position.start.offset !== 0) return false;
  return !value.includes('<') && !value.includes('[');
}

function collectDefinitions(node: Nodes, out: Definition[]): void {
  if (node.type === 'definition') out.push(node);
  // Definitions are flow content: none stands inside a paragraph or heading, so their text is not walked.
  if (node.type === 'paragraph' || node.type === 'heading' || !('children' in node)) return;
  for (const child of node.children) collectDefinitions(child, out);
}

function walk(parent: Parents, file: VFile, unsafeDefinitions: Map<string, string>): void {
  const children = parent.children as RootContent[];
  // The children as they will be, copied only once one is dropped or replaced: most parents keep all of theirs.
  let kept: RootContent[] | undefined;
  let removed = false;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'text') {
      // Most nodes are text: nothing in them to sanitize.
      kept?.push(node);
      continue;
    }
    if (node.type === 'html') {
      const closing = unclosedUnsafe(node.value);
      if (closing) {
        // Everything up to the closing tag is the element's content: removed with it.
        let j = i;
        const close = new RegExp(`</\\s*${closing}\\s*>`, 'i');
        while (j + 1 < children.length) {
          j++;
          const next = children[j]!;
          if (next.type === 'html' && close.test(next.value)) break;
        }
        const place = span(node, children[j]!);
        const actual = sourceOf(file, place, node.value);
        report(file, { ruleId: 'unsafe-html', reason: `Removed raw HTML: a <${closing}> element`, place, actual });
        kept ??= children.slice(0, i);
        i = j;
        removed = true;
        continue;
      }
      const scrubbed = scrubHtml(node.value);
      if (scrubbed) {
        const reason = `${scrubbed.value ? 'Rewrote' : 'Removed'} raw HTML: ${scrubbed.removed.join(', ')}`;
        report(file, {
          ruleId: 'unsafe-html',
          reason,
          place: node.position,
          actual: node.value,
          expected: scrubbed.value ? [scrubbed.value] : undefined,
          note: scrubbed.text ? `Its text: ${scrubbed.text}` : undefined,
        });
        if (!scrubbed.value) {
          kept ??= children.slice(0, i);
          removed = true;
          continue;
        }
        node.value = scrubbed.value;
      }
      kept?.push(node);
      continue;
    }
    if (node.type === 'definition' && unsafeDefinitions.has(node.identifier)) {
      report(file, { ruleId: 'unsafe-url', reason: `Removed a link definition to a ${protocolOf(node.url)}: URL`, place: node.position, actual: sourceOf(file, node.position, node.url) });
      kept ??= children.slice(0, i);
      continue;
    }
    if (node.type === 'link' || node.type === 'linkReference') {
      const unsafe = node.type === 'link' ? !isSafeUrl(node.url, 'href') : unsafeDefinitions.has(node.identifier);
      if (unsafe || (node.type === 'link' && !node.url.trim())) {
        if (unsafe) {
          const url = node.type === 'link' ? node.url : (unsafeDefinitions.get(node.identifier) ?? '');
          report(file, {
            ruleId: 'unsafe-url',
            reason: `Removed a link to a ${protocolOf(url) ?? 'unsafe'}: URL (its text is kept)`,
            place: node.position,
            actual: sourceOf(file, node.position, url),
            note: url ? `The URL: ${url}` : undefined,
          });
        }
        walk(node, file, unsafeDefinitions);
        (kept ??= children.slice(0, i)).push(...(node.children as RootContent[]));
        continue;
      }
    }
    if ((node.type === 'image' && !isSafeUrl(node.url, 'src')) || (node.type === 'imageReference' && unsafeDefinitions.has(node.identifier))) {
      const url = node.type === 'image' ? node.url : (unsafeDefinitions.get(node.identifier) ?? '');
      report(file, {
        ruleId: 'unsafe-url',
        reason: `Removed an image with a ${protocolOf(url) ?? 'unsafe'}: URL`,
        place: node.position,
        actual: sourceOf(file, node.position, url.length > 200 ? `![${node.alt ?? ''}](${url.slice(0, 200)}…)` : url),
        note: node.alt ? `Its text: ${node.alt}` : undefined,
      });
      kept ??= children.slice(0, i);
      removed = true;
      continue;
    }
    if ('children' in node) walk(node, file, unsafeDefinitions);
    kept?.push(node);
  }
  if (kept) parent.children = (removed ? tidyText(kept) : kept) as typeof parent.children;
}

/** After a removal inside a sentence: no doubled space where it was, none at the start or end of the block. */
function tidyText(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text') {
      last.value = `${last.value.replace(/[ \t]+$/, ' ')}${last.value.endsWith(' ') ? node.value.replace(/^[ \t]+/, '') : node.value}`;
      if (last.position && node.position) last.position = { start: last.position.start, end: node.position.end };
      continue;
    }
    out.push(node);
  }
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t]+/, '');
  const end = out.at(-1);
  if (end?.type === 'text') end.value = end.value.replace(/[ \t]+$/, '');
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}

/** True when the tree holds raw HTML, which the HTML writer must parse (rehype-raw); most trees hold none. */
export function hasRawHtml(node: Nodes): boolean {
  if (node.type === 'html') return true;
  return 'children' in node && node.children.some((child) => hasRawHtml(child));
}

/**
 * mdast-util-to-hast's list item handler asks, for every item, whether its
 * whole list is loose: quadratic in the list's length (100,000 items took
 * minutes). The answer is computed once per list here.
 */
const looseness = new WeakMap<object, boolean>();
const looseList = { type: 'list', spread: true, children: [] } as const;
const tightList = { type: 'list', spread: false, children: [] } as const;

export const linearHandlers: Partial<Handlers> = {
  listItem(state: State, node, parent) {
    if (!parent || parent.type !== 'list') return defaultHandlers.listItem(state, node, parent);
    let loose = looseness.get(parent);
    if (loose === undefined) {
      loose = !!parent.spread || parent.children.some((item) => item.spread ?? item.children.length > 1);
      looseness.set(parent, loose);
    }
    return defaultHandlers.listItem(state, node, (loose ? looseList : tightList) as never);
  },
};

/**
 * rehype plugin, after rehype-sanitize: in-page links (`#fn-1`, footnotes) follow the ids the
 * sanitizer prefixed (`user-content-fn-1`), as GitHub's page script does; without it every
 * footnote link of the HTML output pointed nowhere.
 */
export function rehypeFragmentLinks() {
  return (tree: HastRoot): void => {
    const ids = new Set<string>();
    const links: Element[] = [];
    const walk = (node: HastRoot | Element): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (typeof child.properties.id === 'string') ids.add(child.properties.id);
        if (child.tagName === 'a' && typeof child.properties.href === 'string' && child.properties.href.startsWith('#')) links.push(child);
        walk(child);
      }
    };
    walk(tree);
    for (const link of links) {
      const target = (link.properties.href as string).slice(1);
      if (!ids.has(target) && ids.has(`${CLOBBER_PREFIX}${target}`)) link.properties.href = `#${CLOBBER_PREFIX}${target}`;
    }
  };
}

const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';
