/**
 * copydesk's own pass over Readability's article, before it is read: what Readability keeps but is
 * not article text. Removed nodes are reported with the page's other dropped regions.
 */
import type { DomNode } from './page-regions.js';
import { squash } from './page-regions.js';

export function tidyArticle(content: DomNode, title: string | undefined): void {
  // The headline is written first by the reader: a copy of it at the top of the body goes.
  if (title) {
    const heading = content.querySelector?.('h1, h2');
    if (heading && squash(heading.textContent ?? '') === title) heading.remove?.();
  }
}
