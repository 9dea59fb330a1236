/**
 * The HTML output of the simple blocks most articles are made of, written
 * straight from the mdast, byte for byte what remark-rehype → rehype-sanitize
 * → rehype-stringify write for them.
 *
 * The library chain builds a hast node per mdast node, copies the whole tree
 * to sanitize it and walks it again to serialize: a fixed price per node that
 * a document of 300,000 tiny nodes pays 30× more often than a plain article of
 * the same bytes. The blocks written here (paragraphs, headings, rules, block
 * quotes and lists holding them; text, emphasis, strong, strikethrough, code,
 * breaks and links to plain http(s), relative or in-page URLs) come out of
 * that chain unchanged by the sanitizer, so their HTML is known: tags, `\n`
 * between blocks and around list items, `<` and `&` escaped in text, `&` in an
 * attribute.
 *
 * Every other block goes through the library chain, consecutive ones
 * together, and so does a list item this cannot write (alone, in a list as
 * loose as its own); a document with anything that reaches across blocks (raw
 * HTML, definitions and references, footnotes) goes through it whole.
 * test/writer-fast-path.test.ts checks the output against the chain's.
 */
import type { Blockquote, Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';

/** Node types whose meaning reaches across blocks (resolution, footnote sections, raw HTML parsed as one document). */
const DOCUMENT_WIDE = new Set(['html', 'definition', 'linkReference', 'imageReference', 'footnoteReference', 'footnoteDefinition']);

/** A URL that normalizes to itself and that the sanitizer keeps: http(s), an absolute path, or an in-page fragment. */
const PLAIN_URL = /^(?:https?:\/\/[A-Za-z0-9]|\/(?!\/)|#)[A-Za-z0-9\-._~/?#=+:@!$,;*()&]*$/;

function documentWide(node: Nodes): boolean {
  if (DOCUMENT_WIDE.has(node.type)) return true;
  if ('children' in node) for (const child of node.children) if (documentWide(child)) return true;
  return false;
}

/**
 * The document's HTML: simple blocks written here, runs of others by `library` (which writes a root of them).
 * Only the blocks left to the library are searched for nodes that reach across blocks: a block written
 * here holds none (neither `block` nor `inline` writes those types), so a long list is not walked twice.
 */
export async function writeHtml(tree: Root, library: (root: Root) => Promise<string>, sync?: (root: Root) => string): Promise<string> {
  // The synchronous chain is there for list items only while the blocks are written, which never awaits.
  librarySync = sync;
  let written: ReturnType<typeof writeBlocks>;
  try {
    written = writeBlocks(tree);
  } finally {
    librarySync = undefined;
  }
  if (!written) return library(tree);
  const { parts, runs } = written;
  if (!runs.length) return parts.join('\n');
  for (const { at, blocks } of runs) parts[at] = await library({ type: 'root', children: blocks });
  // A run the library writes as nothing takes no line of its own (a block written here is never empty).
  return parts.filter((html) => html !== '').join('\n');
}

/** The blocks written here, with places kept for the runs of others; undefined when the document goes to the library whole. */
function writeBlocks(tree: Root): { parts: string[]; runs: Array<{ at: number; blocks: RootContent[] }> } | undefined {
  const parts: string[] = [];
  /** Runs of blocks for the library, each with the index in `parts` its HTML goes to. */
  const runs: Array<{ at: number; blocks: RootContent[] }> = [];
  let run: RootContent[] | undefined;
  let chunk = 0;
  let chunkLength = 0;
  for (const child of tree.children) {
    const html = block(child);
    if (html === undefined) {
      if (documentWide(child)) return undefined;
      if (!run) {
        runs.push({ at: parts.length, blocks: (run = []) });
        parts.push('');
        chunk = parts.length;
        chunkLength = 0;
      }
      run.push(child);
      continue;
    }
    run = undefined;
    // Short blocks are joined a few hundred at a time, while they are still in the cache (never across a run's
    // place); long ones are left for the last join, which would copy them a second time.
    chunkLength += html.length;
    if (parts.push(html) - chunk === CHUNK) {
      if (chunkLength < CHUNK * 64) parts.push(parts.splice(chunk).join('\n'));
      chunk = parts.length;
      chunkLength = 0;
    }
  }
  return { parts, runs };
}

/** Pieces joined at a time: a long run's strings are copied while still in the cache, not after the whole run. */
const CHUNK = 256;

/** Fields by which a remark plugin tells mdast-util-to-hast to write a node another way: the library's. */
function hasHastData(node: Nodes): boolean {
  const data = node.data as Record<string, unknown> | undefined;
  return data !== undefined && (data.hName !== undefined || data.hProperties !== undefined || data.hChildren !== undefined);
}

function block(node: RootContent): string | undefined {
  if (hasHastData(node)) return undefined;
  switch (node.type) {
    case 'paragraph':
      return paragraph(node);
    case 'heading':
      return heading(node);
    case 'thematicBreak':
      return '<hr>';
    case 'blockquote':
      return blockquote(node);
    case 'list':
      return list(node);
    default:
      return undefined;
  }
}

function paragraph(node: Paragraph): string | undefined {
  const inside = node.children.length === 1 ? loneInline(node.children[0]!) : phrasing(node.children);
  return inside === undefined ? undefined : `<p>${inside}</p>`;
}

function heading(node: Heading): string | undefined {
  if (!(node.depth >= 1 && node.depth <= 6 && Number.isInteger(node.depth))) return undefined;
  const inside = phrasing(node.children);
  return inside === undefined ? undefined : `<h${node.depth}>${inside}</h${node.depth}>`;
}

/** Blocks of a container, each on its own line, with a line ending first and last when there are any (mdast-util-to-hast's `wrap(…, true)`). */
function flow(children: readonly RootContent[]): string | undefined {
  let out = '\n';
  for (const child of children) {
    const html = block(child);
    if (html === undefined) return undefined;
    out += `${html}\n`;
  }
  return out;
}

function blockquote(node: Blockquote): string | undefined {
  const inside = flow(node.children);
  return inside === undefined ? undefined : `<blockquote>${inside}</blockquote>`;
}

function list(node: List): string | undefined {
  let open = '<ul';
  let close = '</ul>';
  if (node.ordered) {
    const start = node.start;
    if (start !== null && start !== undefined && start !== 1) {
      if (!Number.isSafeInteger(start) || start < 0) return undefined;
      open = `<ol start="${start}"`;
    } else open = '<ol';
    close = '</ol>';
  }
  // Loose when the list or any item is spread (an item with no spread field: when it holds more than one block).
  // The items are written as tight until a spread one is met, then again as loose: no pass of its own to find out.
  const seen = { task: false };
  let inside = node.spread ? null : items(node.children, false, seen);
  if (inside === null) inside = items(node.children, true, seen);
  if (inside === undefined) return undefined;
  // A list with a task item is marked as holding one (mdast-util-to-hast), which the sanitizer keeps.
  return `${open}${seen.task ? ' class="contains-task-list"' : ''}>\n${inside}${close}`;
}

/** The items, each with its line ending; undefined when one is not written here, null when `loose` is false and an item is spread. */
function items(children: readonly ListItem[], loose: boolean, seen: { task: boolean }): string | undefined | null {
  let out = '';
  // Consecutive tight items of one text each are joined CHUNK at a time: flat strings, not a rope of three pieces per item.
  let run: string[] = [];
  for (const item of children) {
    if (!loose && (item.spread ?? item.children.length > 1)) return null;
    const inside = loose ? undefined : tightText(item);
    if (inside !== undefined) {
      if (run.push(inside) === CHUNK) {
        out += `<li>${run.join('</li>\n<li>')}</li>\n`;
        run = [];
      }
      continue;
    }
    if (run.length) {
      out += `<li>${run.join('</li>\n<li>')}</li>\n`;
      run = [];
    }
    if (typeof item.checked === 'boolean') seen.task = true;
    const html = listItem(item, loose) ?? libraryItem(item, loose);
    if (html === undefined) return undefined;
    out += `${html}\n`;
  }
  if (run.length) out += `<li>${run.join('</li>\n<li>')}</li>\n`;
  return out;
}

/** The library chain, synchronous, while `writeHtml` writes blocks (set and cleared around its loop, which never awaits). */
let librarySync: ((root: Root) => string) | undefined;

/**
 * An item not written here (a task, an image, a titled link…), written by the library alone in a list
 * of its own as loose or tight as its list, so one such item does not send a list of 100,000 to the library
 * whole. Undefined when that is not known to be the same: nodes that reach across blocks, nodes a plugin
 * asked mdast-util-to-hast to write another way (an id the rest of the document may link to), output of
 * another shape.
 */
function libraryItem(item: ListItem, loose: boolean): string | undefined {
  if (!librarySync || !standsAlone(item)) return undefined;
  const html = librarySync({ type: 'root', children: [{ type: 'list', ordered: false, spread: loose, children: [item] }] });
  const start = html.indexOf('>\n<li');
  if (!html.startsWith('<ul') || start === -1 || !html.endsWith('</li>\n</ul>')) return undefined;
  return html.slice(start + 2, -'\n</ul>'.length);
}

/** Whether the library writes the node alike alone and in its document: nothing in it reaches across blocks or carries hast data. */
function standsAlone(node: Nodes): boolean {
  if (DOCUMENT_WIDE.has(node.type) || hasHastData(node)) return false;
  if ('children' in node) for (const child of node.children) if (!standsAlone(child)) return false;
  return true;
}

/** The HTML inside a tight item of one paragraph of one text (most items of a long list); undefined for any other item. */
function tightText(node: ListItem): string | undefined {
  const children = node.children;
  if (children.length !== 1 || typeof node.checked === 'boolean' || node.data !== undefined) return undefined;
  const head = children[0]!;
  if (head.type !== 'paragraph' || head.children.length !== 1 || head.data !== undefined) return undefined;
  const text = head.children[0]!;
  return text.type === 'text' ? loneInline(text) : undefined;
}

/** What `phrasing` writes for one inline node; a text without data, as most paragraphs and items hold, without the loop and the switch. */
function loneInline(node: PhrasingContent): string | undefined {
  return node.type === 'text' && node.data === undefined ? escapeText(trimLines(node.value)) : phrasing([node]);
}

function listItem(node: ListItem, loose: boolean): string | undefined {
  // A task item gets a checkbox and classes: the library's.
  if (typeof node.checked === 'boolean' || hasHastData(node)) return undefined;
  let out = '<li>';
  const children = node.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    // A tight item's paragraphs are unwrapped; a line ending before every block but a first tight paragraph.
    if (child.type === 'paragraph' && !loose) {
      const inside = phrasing(child.children);
      if (inside === undefined) return undefined;
      out += index === 0 ? inside : `\n${inside}`;
      continue;
    }
    const html = block(child);
    if (html === undefined) return undefined;
    out += `\n${html}`;
  }
  const tail = children.at(-1);
  if (tail && (loose || tail.type !== 'paragraph')) out += '\n';
  return `${out}</li>`;
}

/** Inline content, or undefined when some of it is not written here. */
function phrasing(children: readonly PhrasingContent[]): string | undefined {
  let out = '';
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    // After a break, the next text (or an element's first text) loses its leading spaces and tabs.
    const afterBreak = index > 0 && children[index - 1]!.type === 'break';
    const html = inline(child, afterBreak);
    if (html === undefined) return undefined;
    out += html;
  }
  return out;
}

function inline(node: PhrasingContent, afterBreak: boolean): string | undefined {
  if (hasHastData(node)) return undefined;
  switch (node.type) {
    case 'text': {
      const value = trimLines(node.value);
      return escapeText(afterBreak ? value.replace(/^[ \t]+/, '') : value);
    }
    case 'break':
      return '<br>\n';
    case 'inlineCode':
      return afterBreak ? undefined : `<code>${escapeText(node.value.replace(/\r?\n|\r/g, ' '))}</code>`;
    case 'emphasis':
    case 'strong':
    case 'delete': {
      const first = node.children[0];
      if (afterBreak && first?.type === 'text') return undefined;
      const inside = phrasing(node.children);
      const tag = node.type === 'emphasis' ? 'em' : node.type === 'strong' ? 'strong' : 'del';
      return inside === undefined ? undefined : `<${tag}>${inside}</${tag}>`;
    }
    case 'link': {
      if (node.title || !PLAIN_URL.test(node.url) || (afterBreak && node.children[0]?.type === 'text')) return undefined;
      const inside = phrasing(node.children);
      return inside === undefined ? undefined : `<a href="${node.url.replaceAll('&', '&#x26;')}">${inside}</a>`;
    }
    default:
      return undefined;
  }
}

/** Spaces and tabs around line endings dropped, as mdast-util-to-hast's text handler does (trim-lines). */
function trimLines(value: string): string {
  return value.includes('\n') || value.includes('\r') ? value.replace(/[ \t]*(\r?\n|\r)[ \t]*/g, '$1') : value;
}

function escapeText(value: string): string {
  return value.includes('<') || value.includes('&') ? value.replace(/[<&]/g, (c) => (c === '<' ? '&#x3C;' : '&#x26;')) : value;
}
