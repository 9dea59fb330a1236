/**
 * Ghost post bodies. A Ghost export holds a post's body as `html` and as the
 * editor's own document, `lexical` (Ghost 5+) or `mobiledoc` (older), both
 * JSON strings. Reading: `html` when present, else the editor document
 * rendered to HTML here (paragraphs, headings, lists, quotes, links, and the
 * Markdown/HTML cards that imported articles use). Writing back: `html` gets
 * the cleaned HTML, and the editor document becomes one Markdown card holding
 * the cleaned Markdown (a card Ghost's editor opens and renders), so Ghost
 * does not regenerate the body from the stale original.
 */

interface LexicalNode {
  type?: string;
  text?: string;
  format?: number;
  tag?: string;
  listType?: string;
  url?: string;
  markdown?: string;
  html?: string;
  src?: string;
  alt?: string;
  caption?: string;
  children?: LexicalNode[];
}

export function lexicalToHtml(source: string): string {
  const doc = JSON.parse(source) as { root?: LexicalNode };
  return (doc.root?.children ?? []).map(lexicalBlock).join('\n');
}

function lexicalBlock(node: LexicalNode): string {
  const inner = () => (node.children ?? []).map(lexicalInline).join('');
  switch (node.type) {
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading':
    case 'extended-heading':
      return `<${safeTag(node.tag, 'h2')}>${inner()}</${safeTag(node.tag, 'h2')}>`;
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return `<blockquote>${inner()}</blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      return `<${tag}>${(node.children ?? []).map((item) => `<li>${(item.children ?? []).map(lexicalInline).join('')}</li>`).join('')}</${tag}>`;
    }
    case 'markdown':
      return markdownCardHtml(node.markdown ?? '');
    case 'html':
      return node.html ?? '';
    case 'image':
      return node.src ? `<figure><img src="${escapeAttribute(node.src)}" alt="${escapeAttribute(node.alt ?? '')}">${node.caption ? `<figcaption>${node.caption}</figcaption>` : ''}</figure>` : '';
    case 'horizontalrule':
      return '<hr>';
    default:
      return node.children ? `<p>${inner()}</p>` : '';
  }
}

function lexicalInline(node: LexicalNode): string {
  if (node.type === 'linebreak') return '<br>';
  if (node.type === 'link' || node.type === 'autolink') {
    return `<a href="${escapeAttribute(node.url ?? '')}">${(node.children ?? []).map(lexicalInline).join('')}</a>`;
  }
  if (node.children) return node.children.map(lexicalInline).join('');
  let text = escapeText(node.text ?? '');
  const format = node.format ?? 0;
  if (format & 16) text = `<code>${text}</code>`;
  if (format & 2) text = `<em>${text}</em>`;
  if (format & 1) text = `<strong>${text}</strong>`;
  return text;
}

type MobiledocMarker = [number, number[], number, string];
interface Mobiledoc {
  markups?: Array<[string, string[]?]>;
  cards?: Array<[string, Record<string, unknown>]>;
  sections?: unknown[][];
}

export function mobiledocToHtml(source: string): string {
  const doc = JSON.parse(source) as Mobiledoc;
  const markups = doc.markups ?? [];
  const markers = (list: MobiledocMarker[]) => {
    const open: string[] = [];
    let html = '';
    for (const [kind, opens, closes, value] of list) {
      for (const index of opens) {
        const [tag, attributes = []] = markups[index] ?? ['span'];
        const href = tag === 'a' ? attributes[attributes.indexOf('href') + 1] : undefined;
        html += href ? `<a href="${escapeAttribute(href)}">` : `<${safeTag(tag, 'span')}>`;
        open.push(safeTag(tag, 'span'));
      }
      html += kind === 0 ? escapeText(value) : '';
      for (let k = 0; k < closes; k++) html += `</${open.pop()}>`;
    }
    return html;
  };
  return (doc.sections ?? [])
    .map((section) => {
      const [type] = section;
      if (type === 1) return `<${safeTag(section[1] as string, 'p')}>${markers(section[2] as MobiledocMarker[])}</${safeTag(section[1] as string, 'p')}>`;
      if (type === 3) {
        const tag = section[1] === 'ol' ? 'ol' : 'ul';
        return `<${tag}>${(section[2] as MobiledocMarker[][]).map((item) => `<li>${markers(item)}</li>`).join('')}</${tag}>`;
      }
      if (type === 10) {
        const [name, payload = {}] = doc.cards?.[section[1] as number] ?? ['', {}];
        if (name === 'markdown' || name === 'card-markdown') return markdownCardHtml(String(payload.markdown ?? ''));
        if (name === 'html') return String(payload.html ?? '');
        if (name === 'image' && payload.src) return `<figure><img src="${escapeAttribute(String(payload.src))}"></figure>`;
      }
      return '';
    })
    .join('\n');
}

/** A Markdown card's text, carried as paragraphs for the HTML reader. */
function markdownCardHtml(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .filter((block) => block.trim())
    .map((block) => `<p>${escapeText(block.trim())}</p>`)
    .join('\n');
}

/** A Lexical document with one Markdown card. */
export function lexicalWithMarkdown(markdown: string): string {
  return JSON.stringify({
    root: {
      children: [{ type: 'markdown', version: 1, markdown }],
      direction: null,
      format: '',
      indent: 0,
      type: 'root',
      version: 1,
    },
  });
}

/** A Mobiledoc document with one Markdown card. */
export function mobiledocWithMarkdown(markdown: string): string {
  return JSON.stringify({ version: '0.3.1', atoms: [], cards: [['markdown', { markdown }]], markups: [], sections: [[10, 0]] });
}

function safeTag(tag: string | undefined, fallback: string): string {
  return tag && /^[a-z][a-z0-9]{0,9}$/i.test(tag) ? tag.toLowerCase() : fallback;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
