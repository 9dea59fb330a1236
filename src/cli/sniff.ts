/**
 * The format of an article that came without a name (stdin with neither
 * `--format` nor `--stdin-filename`), told from its first few kilobytes:
 * HTML when it opens as a page or is made of block elements, Markdown when
 * its lines use Markdown's block or link syntax, else plain text. A wire
 * story that mentions "<p>" in a sentence, or has one line starting "1.",
 * stays what it looks like as a whole.
 */
import type { Format } from '../input.js';

const SAMPLE = 16 * 1024;

const PAGE_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)/i;
const BLOCK_TAG = /<(?:p|div|article|section|h[1-6]|ul|ol|li|blockquote|table|figure|br|body|main|header|footer)(?:\s[^<>]*)?\/?>/gi;
const MARKDOWN_LINE = [
  /^#{1,6}\s+\S/, // ATX heading
  /^\s{0,3}(?:[-*+])\s+\S/, // bullet item
  /^\s{0,3}>\s?\S/, // block quote
  /^\s{0,3}(?:```|~~~)/, // fenced code
  /^\s{0,3}(?:=+|-+)\s*$/, // setext underline
  /^\s{0,3}\|.*\|\s*$/, // table row
];
const MARKDOWN_INLINE = /\[[^\]\n]+\]\((?:[^)\s]+)(?:\s+"[^"]*")?\)|\*\*[^*\n]+\*\*|!\[[^\]\n]*\]\(/g;

export function guessFormat(text: string): Format {
  const sample = text.slice(0, SAMPLE).replace(/^\uFEFF/, '');
  if (PAGE_START.test(sample)) return 'html';
  const tags = sample.match(BLOCK_TAG)?.length ?? 0;
  const lines = sample.split(/\r?\n/).filter((l) => l.trim());
  // block markup throughout, not a tag quoted in one sentence
  if (tags >= 2 && /^\s*</.test(sample)) return 'html';
  const markdownLines = lines.filter((l) => MARKDOWN_LINE.some((re) => re.test(l))).length;
  const inline = sample.match(MARKDOWN_INLINE)?.length ?? 0;
  if (markdownLines >= 2 || inline >= 1 || (markdownLines === 1 && /^#{1,6}\s/.test(lines[0] ?? ''))) return 'markdown';
  return 'text';
}
