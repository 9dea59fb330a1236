/**
 * What copydesk knows about an article beside its body: the headline and the
 * lines around it that a CMS keeps in fields of their own (excerpt, byline,
 * date). Readers (a whole HTML page's metadata) and plugins (the article
 * model) fill it on the file; `clean()` returns it as `title` and `meta`.
 */
import type { VFile } from 'vfile';

export interface ArticleMeta {
  /** The standfirst: a first paragraph restating the headline and lede, moved out of the body. */
  dek?: string | undefined;
  /** A dateline ("HONG KONG, Dec 1 (Reuters) -") or a source-and-time line. */
  dateline?: string | undefined;
  /** The author line as printed. */
  byline?: string | undefined;
  /** The wire or outlet the article comes from ("Zhitongcaijing", "GMT Eight"). */
  source?: string | undefined;
  /** The site the page was read from (`og:site_name`). */
  siteName?: string | undefined;
  /** The page's canonical URL. */
  url?: string | undefined;
  /** Publication date as printed or as an ISO 8601 string from the page's metadata. */
  published?: string | undefined;
}

export interface ArticleInfo {
  /** The article's headline, without Markdown. */
  title?: string | undefined;
  meta: ArticleMeta;
}

declare module 'vfile' {
  interface DataMap {
    copydeskArticle: ArticleInfo;
  }
}

/** The article's info on a file, made empty on first use. */
export function articleInfo(file: VFile): ArticleInfo {
  return (file.data.copydeskArticle ??= { meta: {} });
}

/** Sets fields of `meta` that are not set yet: what the page's own markup says comes first. */
export function addMeta(file: VFile, meta: ArticleMeta): void {
  const info = articleInfo(file);
  for (const [key, value] of Object.entries(meta) as Array<[keyof ArticleMeta, string | undefined]>) {
    if (value && !info.meta[key]) info.meta[key] = value;
  }
}
