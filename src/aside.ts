/**
 * The standfirst dedupe-lead moves out of the body into `meta.dek` is text the
 * CMS publishes too, so it must be as clean as the body: the entity rules
 * fix and flag it with the rest of the article. `asideIn` puts the moved
 * blocks back after the headline for them; `asideOut`, last in the chain,
 * takes them out again and sets `meta.dek` to the text as fixed (and as the
 * editor decided). Messages point into the original input either way.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { articleInfo } from './article-meta.js';

declare module 'vfile' {
  interface DataMap {
    /** Blocks moved out of the body into the article's meta (the dek), in order. */
    copydeskAside: RootContent[];
  }
}

/** Records a block moved out of the body into `meta.dek`. */
export function setAside(file: VFile, node: RootContent): void {
  (file.data.copydeskAside ??= []).push(node);
}

/** unified plugin: the blocks set aside stand again after the headline (or first), for the plugins that follow. */
export function asideIn() {
  return (tree: Root, file: VFile): void => {
    const aside = file.data.copydeskAside?.filter((node) => !tree.children.includes(node));
    if (!aside?.length) return;
    const headline = tree.children.findIndex((node) => node.type === 'heading' && node.depth === 1);
    tree.children.splice(headline + 1, 0, ...aside);
  };
}

/** unified plugin: the blocks set aside leave the body again; `meta.dek` is their text now. */
export function asideOut() {
  return (tree: Root, file: VFile): void => {
    const aside = file.data.copydeskAside;
    if (!aside?.length) return;
    const set = new Set<RootContent>(aside);
    tree.children = tree.children.filter((node) => !set.has(node));
    articleInfo(file).meta.dek = aside.map((node) => toString(node)).join('\n\n');
  };
}
