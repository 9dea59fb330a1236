/**
 * Whole page or fragment? A CMS body or an export's `content:encoded` is a run of paragraphs, maybe
 * with a quote's `<footer>` or an embed's script; a page has the site around the article: navigation,
 * a header and footer, many links and scripts, or an `<article>` among other content.
 */
import type { DomDocument, DomNode } from './page-regions.js';

/** Cheap test on the string: markup only a page (or a page-like fragment) has. Fragments without it skip the DOM. */
export function looksLikePage(html: string): boolean {
  return /<(?:html|head|body|nav|header|footer|aside|article|main|script)[\s>/]/i.test(html);
}

const LANDMARK_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
/** Inside these a `<footer>` or `<header>` belongs to the article (a quote's source, an article's own header). */
const ARTICLE_PARTS = new Set(['blockquote', 'figure', 'article']);

interface Survey {
  landmarks: number;
  links: number;
  scripts: number;
  articles: number;
  textOutsideArticles: number;
}

/** Whole page: at least two signs of a site around the article. */
export function isWholePage(document: DomDocument): boolean {
  const survey: Survey = { landmarks: 0, links: 0, scripts: 0, articles: 0, textOutsideArticles: 0 };
  if (document.documentElement) walk(document.documentElement, survey, false, false);
  let signs = 0;
  if (document.head && hasPageHead(document.head)) signs++;
  signs += Math.min(2, survey.landmarks);
  if (survey.links >= 25) signs++;
  if (survey.scripts >= 2) signs++;
  if (survey.articles && survey.textOutsideArticles > 200) signs++;
  return signs >= 2;
}

function walk(node: DomNode, survey: Survey, inArticlePart: boolean, inArticle: boolean): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      if (!inArticle) survey.textOutsideArticles += (child.nodeValue ?? '').replace(/\s+/g, '').length;
      continue;
    }
    if (child.nodeType !== 1) continue;
    const tag = child.localName ?? '';
    if (tag === 'script') {
      survey.scripts++;
      continue;
    }
    if (tag === 'style' || tag === 'template' || tag === 'noscript') continue;
    if (tag === 'a' && child.getAttribute?.('href')) survey.links++;
    if (tag === 'article') survey.articles++;
    if (!inArticlePart && (LANDMARK_TAGS.has(tag) || LANDMARK_ROLES.has(child.getAttribute?.('role') ?? ''))) survey.landmarks++;
    walk(child, survey, inArticlePart || ARTICLE_PARTS.has(tag), inArticle || tag === 'article');
  }
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
