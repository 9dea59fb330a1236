/**
 * Whole page or fragment? A CMS body or an export's `content:encoded` is a run of paragraphs, maybe
 * with a quote's `<footer>` or an embed's script; a page has the site around the article: navigation,
 * a header and footer, many links and scripts, or an `<article>` among other content.
 */
import type { DomDocument, DomNode } from './page-regions.js';

/** Cheap test on the string: markup only a page (or a page-like fragment) has. Fragments without it skip the DOM. */
export function looksLikePage(html: string): boolean {
  return /<(?:html|head|body|nav|header|footer|aside|article|main|script)[\s>/]/i.test(html.slice(0, 200_000)) || /<script[\s>]/i.test(html);
}

const LANDMARKS = 'nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';

/** Whole page: at least two signs of a site around the article. */
export function isWholePage(document: DomDocument): boolean {
  let signs = 0;
  if (document.querySelector('head title, head meta[property^="og:"], head link[rel="canonical"]')) signs++;
  const landmarks = Array.from(document.querySelectorAll(LANDMARKS)).filter((node) => !insideQuoteOrArticle(node));
  signs += Math.min(2, landmarks.length);
  if (document.querySelectorAll('a[href]').length >= 25) signs++;
  if (document.querySelectorAll('script').length >= 2) signs++;
  const articles = document.querySelectorAll('article');
  if (articles.length) {
    const all = (document.body?.textContent ?? '').replace(/\s+/g, '').length;
    const inArticles = Array.from(articles).reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, '').length, 0);
    if (all - inArticles > 200) signs++;
  }
  return signs >= 2;
}

/** A `<footer>` in a quote or a `<header>` of an article belongs to the article, not to a site. */
function insideQuoteOrArticle(node: DomNode): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) {
    const tag = p.localName;
    if (tag === 'blockquote' || tag === 'figure' || tag === 'article') return true;
  }
  return false;
}
