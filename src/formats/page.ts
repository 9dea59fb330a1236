/**
 * Whole web pages in: the article is found with Mozilla Readability on a
 * linkedom DOM, and only the article goes on to copydesk's cleanup.
 *
 * A fragment (a CMS body, an export's `content:encoded`) passes through
 * untouched. Whether the input is a whole page is decided from the document
 * (see `page-detect.ts`); a cheap look at the string first spares fragments
 * the DOM. Whole pages are never parsed by parse5: the reader's parser is
 * wrapped, and the page's DOM is built by linkedom, which is several times
 * faster. linkedom and Readability are loaded on the first page only.
 *
 * Positions: after extraction the file's value is the extracted article's
 * HTML (the headline first, as `<h1>`), so every later message's place and
 * `actual` point into that text, not into the page as served. That HTML and
 * its hast are written together from Readability's DOM (`page-hast.ts`): the
 * article is not serialized and parsed again. What
 * extraction dropped is reported as one `page-region` message per region,
 * with its text in `actual` and no place (it is not in the extracted text).
 * The page's headline, byline, date, site name and canonical URL go into the
 * article's meta (`article-meta.ts`).
 */
import type { Root as HastRoot } from 'hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { addMeta, articleInfo } from '../article-meta.js';
import { report } from '../report.js';
import { articleToHast } from './page-hast.js';
import { looksLikePage, surveyPage } from './page-detect.js';
import { pageMeta, headlineOf } from './page-meta.js';
import { droppedRegions, locateRegions, type DomNode, type DomDocument } from './page-regions.js';
import { keepQuoteSources, tidyArticle } from './page-tidy.js';

type Parse = (document: string, file: VFile) => HastRoot;

/** Roots handed out by the wrapped parser for pages still to be read: the transformer fills them. */
const pending = new WeakSet<HastRoot>();

/**
 * rehype plugin, right after rehype-parse: reads the article out of a whole page.
 * It wraps the parser (a page is not parsed twice) and does the work in its transformer (async, so
 * linkedom and Readability load on demand).
 */
export function rehypeExtractArticle(this: Processor) {
  const parseDocument = this.parser as unknown as Parse | undefined;
  if (!parseDocument) throw new Error('rehypeExtractArticle must come after rehype-parse');
  (this as unknown as { parser: Parse }).parser = (document, file) => {
    if (!looksLikePage(document)) return parseDocument(document, file);
    const root: HastRoot = { type: 'root', children: [] };
    pending.add(root);
    return root;
  };
  return async (tree: HastRoot, file: VFile): Promise<void> => {
    if (!pending.has(tree)) return;
    pending.delete(tree);
    const html = String(file.value ?? '');
    const extracted = await extractArticle(html, file);
    if (!extracted) {
      Object.assign(tree, parseDocument(html, file));
      return;
    }
    // The article's HTML and its tree come from one walk of Readability's DOM: it is not parsed again.
    file.value = extracted.html;
    Object.assign(tree, extracted.tree);
  };
}

export interface ExtractedPage {
  /** The article's HTML: its headline as `<h1>`, then Readability's content after copydesk's tidy-up. */
  html: string;
  /** The same as hast, with places in `html`. */
  tree: HastRoot;
}

let libraries: Promise<{ parseHTML: (html: string) => { document: DomDocument }; Readability: ReadabilityClass }> | undefined;
type ReadabilityClass = new (document: unknown, options?: { serializer?: (node: unknown) => unknown }) => {
  parse(): null | { title?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null; content?: unknown };
};

function loadLibraries() {
  return (libraries ??= Promise.all([import('linkedom'), import('@mozilla/readability')]).then(([linkedom, readability]) => ({
    parseHTML: linkedom.parseHTML as unknown as (html: string) => { document: DomDocument },
    Readability: readability.Readability as unknown as ReadabilityClass,
  })));
}

/**
 * Readability's article, or null where it fails: it walks up from its best candidate to a <body> it
 * assumes, and throws on a fragment that has page regions (<header>, <aside>) but no <html>/<body>;
 * the document is then read as it is.
 */
function readArticle(reader: InstanceType<ReadabilityClass>): ReturnType<InstanceType<ReadabilityClass>['parse']> {
  try {
    return reader.parse();
  } catch {
    return null;
  }
}

/**
 * The article of a whole page as HTML and hast, with the page's meta and one message per dropped region
 * on `file`; `undefined` when the document is a fragment or no article is found (then it is read as it is).
 */
export async function extractArticle(html: string, file: VFile): Promise<ExtractedPage | undefined> {
  const { parseHTML, Readability } = await loadLibraries();
  const { document } = parseHTML(html);
  if (!document.body) return undefined;
  const survey = surveyPage(document);
  if (!survey.whole) return undefined;
  const meta = pageMeta(survey.metaElements);
  keepQuoteSources(survey.quoteSources);
  const result = readArticle(new Readability(document, { serializer: (node) => node }));
  const content = result?.content as DomNode | undefined;
  if (!result || !content) return undefined;
  const title = headlineOf(result.title ?? undefined, meta);
  const byline = meta.byline ?? clean(result.byline);
  tidyArticle(content, title, byline);
  const regions = droppedRegions(survey.texts, content, title ? [title] : []);
  const places = locateRegions(html, regions);
  regions.forEach((region, i) => {
    report(file, {
      ruleId: 'page-region',
      reason: `Removed ${region.label} when extracting the article (${region.words} word${region.words === 1 ? '' : 's'})`,
      place: places[i],
      actual: region.text,
      note: 'The place is in the page as served; later messages point into the extracted article.',
    });
  });
  addMeta(file, { byline, siteName: meta.siteName ?? clean(result.siteName), published: meta.published ?? clean(result.publishedTime), url: meta.url });
  if (title) articleInfo(file).title ??= title;
  return articleToHast(content, title);
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

