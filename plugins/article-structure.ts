/**
 * article-structure: reads the page the way an editor does before anything
 * is cleaned, and shares the answer (src/article/structure.ts) with every
 * later plugin: the headline, the lines above it, the dateline and byline,
 * the standfirst and the lede.
 *
 * It makes the headline the title (a level-one heading at the top) when the
 * reader took something else for it, and removes what stands above the
 * headline: page chrome (a site name, a breadcrumb, a widget line) and a
 * headline in another script printed beside the English one. The dateline
 * and byline stay in the body and are copied into the article's meta.
 *
 * Rule ids:
 * - `headline-chrome`: a short line of page chrome above the headline, or a
 *   label alone on its line just below it ("avatar", the wire's name).
 * - `bilingual-headline`: a headline in another script beside its English version.
 *
 * @example
 *   in:  "Wire Eight\nAcme to buy Widgets for $2 billion\nAcme agreed on Monday to buy…"
 *   out: "# Acme to buy Widgets for $2 billion\n\nAcme agreed on Monday to buy…"  (`headline-chrome`)
 */
import type { Heading, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { addMeta, articleInfo } from '../src/article-meta.js';
import { structureOf, type Block } from '../src/article/structure.js';
import { applyRemovals, type GuardOptions, type Removal } from '../src/removal.js';

export const PLUGIN = 'article-structure';
export const RULES = ['headline-chrome', 'bilingual-headline'] as const;

export type ArticleStructureOptions = GuardOptions;

const articleStructure: Plugin<[ArticleStructureOptions?], Root> = function (options = {}) {
  return (tree: Root, file: VFile) => {
    const structure = structureOf(tree, file);
    const removals: Removal[] = [];
    for (const node of structure.chrome) {
      removals.push({ node, ruleId: 'headline-chrome', reason: 'Removed a line of page chrome around the headline (a site name, breadcrumb, widget or label line)', marked: true });
    }
    if (structure.bilingual) {
      removals.push({ node: structure.bilingual, ruleId: 'bilingual-headline', reason: 'Removed the headline in another script printed beside its English version', marked: true });
    }
    const removed = new Set(applyRemovals(tree, file, PLUGIN, removals, options).map((r) => r.node));

    const { headline, formerTitle } = structure;
    // The line the reader took for the title, when it is not the headline and stays, is body text.
    if (formerTitle && !removed.has(formerTitle)) toParagraph(formerTitle);
    if (headline) {
      toTitle(headline);
      // A headline printed after the body goes to the top; lines an editor kept above it stay where they were.
      const at = tree.children.indexOf(headline);
      if (structure.headlineMoved && at > 0) {
        tree.children.splice(at, 1);
        tree.children.unshift(headline);
      }
      articleInfo(file).title ??= toString(headline).replace(/\s+/g, ' ').trim();
    }
    const line = (node: Block | undefined) => (node && !removed.has(node) ? toString(node).replace(/\s+/g, ' ').trim() : undefined);
    const dateline = line(structure.dateline);
    addMeta(file, { dateline, byline: line(structure.byline), source: dateline && sourceOf(dateline) });
  };
};

export default articleStructure;

/** Turns a block into the title in place (the model and later plugins keep pointing at it). */
function toTitle(node: Block): void {
  if (node.type === 'heading' && node.depth === 1) return;
  const heading = node as unknown as Heading;
  heading.type = 'heading';
  heading.depth = 1;
}

function toParagraph(node: Block): void {
  if (node.type === 'paragraph') return;
  const paragraph = node as unknown as Paragraph & { depth?: number };
  paragraph.type = 'paragraph';
  delete paragraph.depth;
}

/** The outlet named in a source-and-time line: "Zhitong Finance · 2025-10-29 07:32" → "Zhitong Finance". */
function sourceOf(dateline: string): string | undefined {
  const name = /^([\p{L}][\p{L} ]{1,38}[\p{L}])\s*[·•|]/u.exec(dateline)?.[1];
  return name && !/^(?:date|time|updated|published)$/i.test(name) ? name : undefined;
}
