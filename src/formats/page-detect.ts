/**
 * Whole page or fragment? A CMS body or an export's `content:encoded` is a run of paragraphs, maybe
 * with a quote's `<footer>` or an embed's script; a page has the site around the article: navigation,
 * a header and footer, many links and scripts, or an `<article>` among other content.
 *
 * One walk over the page answers that and gathers what extraction needs from the page as served,
 * before Readability changes it: its visible text nodes with their landmarks (`page-regions.ts`), the
 * elements its metadata is read from (`page-meta.ts`) and the sources of its quotes (`page-tidy.ts`).
 */
import { isLandmark, type DomDocument, type DomNode, type RecordedText } from './page-regions.js';

/** Cheap test on the string: markup only a page (or a page-like fragment) has. Fragments without it skip the DOM. */
export function looksLikePage(html: string): boolean {
  return /<(?:html|head|body|nav|header|footer|aside|article|main|script)[\s>/]/i.test(html);
}

const LANDMARK_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
/** Inside these a `<footer>` or `<header>` belongs to the article (a quote's source, an article's own header). */
const ARTICLE_PARTS = new Set(['blockquote', 'figure', 'article']);
/** Not counted as the page's text or links. */
const UNCOUNTED = new Set(['style', 'template', 'noscript']);
/** Never visible text (the regions' record skips them). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);
/** Where the page's metadata is read from. */
const META_TAGS = new Set(['meta', 'link', 'title', 'h1', 'time']);

export interface PageSurvey {
  /** At least two signs of a site around the article. */
  whole: boolean;
  /** The visible text nodes of the body, in document order, each with its outermost landmark. */
  texts: RecordedText[];
  /** `<meta>`, `<link>`, `<title>`, `<h1>` and `<time>` elements, in document order. */
  metaElements: DomNode[];
  /** `<footer>`s of block quotes: a quote's source. */
  quoteSources: DomNode[];
}

interface Counts {
  landmarks: number;
  links: number;
  scripts: number;
  articles: number;
  textOutsideArticles: number;
}

interface Context {
  /** Inside a style, template or noscript: not counted. */
  uncounted: boolean;
  inArticlePart: boolean;
  inArticle: boolean;
  /** Inside the body and outside code: its text is recorded. */
  visible: boolean;
  landmark: DomNode | undefined;
}

export function surveyPage(document: DomDocument): PageSurvey {
  const counts: Counts = { landmarks: 0, links: 0, scripts: 0, articles: 0, textOutsideArticles: 0 };
  const survey: PageSurvey = { whole: false, texts: [], metaElements: [], quoteSources: [] };
  const body = document.body;
  const walk = (node: DomNode, at: Context): void => {
    // firstChild/nextSibling: linkedom builds a fresh array for every childNodes read.
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        // Most text nodes of a page are the indentation between its tags.
        if (!/\S/.test(value)) continue;
        if (!at.uncounted && !at.inArticle) counts.textOutsideArticles += visibleLength(value);
        if (at.visible) survey.texts.push({ node: child, landmark: at.landmark });
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.localName ?? '';
      if (tag === 'script') {
        if (!at.uncounted) counts.scripts++;
        continue;
      }
      if (META_TAGS.has(tag)) survey.metaElements.push(child);
      if (tag === 'footer' && node.localName === 'blockquote' && at.visible) survey.quoteSources.push(child);
      if (!at.uncounted) {
        if (tag === 'a' && child.getAttribute?.('href')) counts.links++;
        if (tag === 'article') counts.articles++;
        if (!at.inArticlePart && (LANDMARK_TAGS.has(tag) || LANDMARK_ROLES.has(child.getAttribute?.('role') ?? ''))) counts.landmarks++;
      }
      const visible = (at.visible || child === body) && !NOT_TEXT.has(tag);
      walk(child, {
        uncounted: at.uncounted || UNCOUNTED.has(tag),
        inArticlePart: at.inArticlePart || ARTICLE_PARTS.has(tag),
        inArticle: at.inArticle || tag === 'article',
        visible,
        landmark: visible && !at.landmark && child !== body && isLandmark(child) ? child : at.landmark,
      });
    }
  };
  const root = document.documentElement;
  if (root) {
    walk(root, { uncounted: false, inArticlePart: false, inArticle: false, visible: root === body, landmark: undefined });
  }
  let signs = 0;
  if (document.head && hasPageHead(document.head)) signs++;
  signs += Math.min(2, counts.landmarks);
  if (counts.links >= 25) signs++;
  if (counts.scripts >= 2) signs++;
  if (counts.articles && counts.textOutsideArticles > 200) signs++;
  survey.whole = signs >= 2;
  return survey;
}

/** Characters other than white space. */
function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000)) || c === 0x1680)) n++;
  }
  return n;
}

/** A `<title>`, an Open Graph tag or a canonical link: a document served as a page. */
function hasPageHead(head: DomNode): boolean {
  for (let child = head.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    if (child.localName === 'title') return true;
    if (child.localName === 'meta' && /^og:/.test(child.getAttribute?.('property') ?? '')) return true;
    if (child.localName === 'link' && child.getAttribute?.('rel') === 'canonical') return true;
  }
  return false;
}
