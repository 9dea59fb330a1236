/**
 * One WordPress WXR `<item>`: its fields, and where its `content:encoded`
 * sits in the item's text so the body can be replaced and nothing else.
 * Parsed with saxes (a strict, streaming XML parser), so a malformed item is
 * an error with a line number rather than a silently mangled post.
 */
import { SaxesParser } from 'saxes';
import type { Span } from './json-span.js';

export interface WxrItem {
  title: string;
  id: string | undefined;
  slug: string | undefined;
  type: string | undefined;
  content: string;
  /** Span of everything between `<content:encoded>` and `</content:encoded>`. */
  contentSpan: Span | undefined;
}

const FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  'wp:post_id': 'id',
  'wp:post_name': 'slug',
  'wp:post_type': 'type',
  'content:encoded': 'content',
};

export class XmlError extends Error {
  override name = 'XmlError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseItem(text: string): WxrItem {
  const item: WxrItem = { title: '', id: undefined, slug: undefined, type: undefined, content: '', contentSpan: undefined };
  // The item is parsed alone, out of the document that declares its namespaces.
  const parser = new SaxesParser({ fragment: true });
  const open: string[] = [];
  let text_ = '';
  let contentStart = -1;
  let failure: XmlError | undefined;
  parser.on('error', (error) => {
    failure ??= new XmlError(error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''), parser.line);
  });
  parser.on('opentag', (tag) => {
    open.push(tag.name);
    text_ = '';
    if (open.length === 2 && tag.name === 'content:encoded') contentStart = parser.position;
  });
  parser.on('text', (t) => (text_ += t));
  parser.on('cdata', (t) => (text_ += t));
  parser.on('closetag', (tag) => {
    open.pop();
    if (open.length !== 1) return;
    const field = FIELDS[tag.name];
    if (field === 'content' && contentStart >= 0) {
      item.content = text_;
      item.contentSpan = { start: contentStart, end: parser.position - `</${tag.name}>`.length };
    } else if (field) (item as unknown as Record<string, string>)[field] = text_.trim();
  });
  parser.write(text).close();
  if (failure) throw failure;
  return item;
}

/** The cleaned HTML as the body of `content:encoded`. */
export function cdata(html: string): string {
  return `<![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Classic-editor posts keep paragraphs as blank lines, not `<p>`: give them
 * paragraphs before reading them as HTML (a small `wpautop`).
 */
export function autop(content: string): string {
  if (/<(p|div|h[1-6]|ul|ol|blockquote|table|figure|pre)[\s>]/i.test(content)) return content;
  return content
    .split(/\n\s*\n/)
    .filter((block) => block.trim())
    .map((block) => `<p>${block.trim().replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}
