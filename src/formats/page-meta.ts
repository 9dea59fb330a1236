/**
 * A page's own metadata: headline, byline, date, site name and canonical URL, from its `<meta>` tags,
 * `<link rel=canonical>`, `<h1>` and `<title>` (Readability's picks are the fallback).
 */
import type { DomNode } from './page-regions.js';
import { squash } from './page-regions.js';

export interface PageMeta {
  /** `og:title` or `twitter:title`. */
  headline?: string | undefined;
  /** The page's only `<h1>`, when it has one. */
  h1?: string | undefined;
  /** `<title>`. */
  titleTag?: string | undefined;
  byline?: string | undefined;
  siteName?: string | undefined;
  published?: string | undefined;
  url?: string | undefined;
}

/** The metadata of a page from its `<meta>`, `<link>`, `<title>`, `<h1>` and `<time>` elements (in document order). */
export function pageMeta(elements: readonly DomNode[]): PageMeta {
  const metas = new Map<string, string>();
  let canonical: string | undefined;
  let titleTag: string | undefined;
  let time: string | undefined;
  const h1s: DomNode[] = [];
  for (const el of elements) {
    const tag = el.localName;
    if (tag === 'meta') {
      const name = (el.getAttribute?.('property') ?? el.getAttribute?.('name') ?? el.getAttribute?.('itemprop') ?? '').toLowerCase();
      const content = squash(el.getAttribute?.('content') ?? '');
      if (name && content && !metas.has(name)) metas.set(name, content);
    } else if (tag === 'link' && canonical === undefined && (el.getAttribute?.('rel') ?? '').toLowerCase() === 'canonical') canonical = el.getAttribute?.('href') ?? undefined;
    else if (tag === 'title' && titleTag === undefined) titleTag = squash(el.textContent ?? '') || undefined;
    else if (tag === 'h1') h1s.push(el);
    else if (tag === 'time' && time === undefined) time = el.getAttribute?.('datetime') ?? undefined;
  }
  const meta = (...names: string[]) => names.map((n) => metas.get(n.toLowerCase())).find(Boolean);
  return {
    headline: meta('og:title', 'twitter:title', 'dc.title', 'headline'),
    h1: h1s.length === 1 ? squash(h1s[0]!.textContent ?? '') || undefined : undefined,
    titleTag,
    byline: meta('author', 'article:author', 'dc.creator', 'byl', 'parsely-author', 'sailthru.author'),
    siteName: meta('og:site_name', 'application-name', 'publisher'),
    published: meta('article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'publish-date', 'parsely-pub-date', 'sailthru.date') ?? (time ? squash(time) || undefined : undefined),
    url: absoluteUrl(canonical) ?? absoluteUrl(meta('og:url')),
  };
}

function absoluteUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text && /^https?:\/\//i.test(text) && URL.canParse(text) ? text : undefined;
}

const SEPARATOR = /\s+[|–—\-:·•»«/\\]\s+/;

/** The headline: `og:title`, the page's `<h1>`, else `<title>`; in each, the site's name and its separator dropped. */
export function headlineOf(readabilityTitle: string | undefined, meta: PageMeta): string | undefined {
  const candidates = [meta.headline, meta.h1, meta.titleTag, readabilityTitle].map((t) => (t ? withoutSiteName(t, meta.siteName) : undefined));
  return candidates.find((t): t is string => Boolean(t && t.length > 2));
}

/** "Acme buys Widgets | Daily Ledger" → "Acme buys Widgets", when the dropped part is the site's name (or, without one, clearly a tail). */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  const text = squash(title);
  const parts = text.split(SEPARATOR);
  if (parts.length < 2) return text;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const site = siteName ? norm(siteName) : '';
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (site) {
    if (norm(last) === site || (norm(last).length > 0 && site.includes(norm(last)))) return squash(text.slice(0, text.lastIndexOf(last)).replace(/\s+[|–—\-:·•»«/\\]\s*$/, ''));
    if (norm(first) === site) return squash(text.slice(first.length).replace(/^\s*[|–—\-:·•»«/\\]\s+/, ''));
    return text;
  }
  // No site name known: a short last part after a bar is the site ("… | Ledger"), a colon is part of the headline.
  const bar = text.match(/\s+[|–—·•»]\s+([^|–—·•»]+)$/);
  if (bar && bar[1]!.split(' ').length <= 4 && bar.index! > 15) return squash(text.slice(0, bar.index));
  return text;
}
