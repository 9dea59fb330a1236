/**
 * GFM for the Markdown reader: tables, strikethrough, task lists, footnotes
 * and literal autolinks, as remark-gfm reads them, but with literal autolinks
 * (`www.example.com`, `https://…`, emails) found by mdast-util-gfm's pass over
 * text nodes instead of micromark's autolink tokenizer, which tries at nearly
 * every word and tripled the time to read a long article.
 */
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

export default function remarkGfmLean(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmToMarkdown());
}
