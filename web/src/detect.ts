/** The format of an article: from the file name when there is one, else from what it looks like. */
import type { Format } from './model';

const EXTENSIONS: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

export function formatOfName(name: string): Format | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

const HTML_START = /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<div[\s>]|<section[\s>]|<p[\s>]|<h[1-6][\s>])/i;
const HTML_TAGS = /<\/(?:p|div|h[1-6]|li|article|section|span|a|strong|em)>|<br\s*\/?>/gi;
const MARKDOWN = /^(?:#{1,6}\s|\s*[-*+]\s+\S|\s*\d+[.)]\s+\S|>\s?|```|~~~)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__/m;

export function detectFormat(content: string, name?: string): Format {
  const byName = name ? formatOfName(name) : undefined;
  if (byName) return byName;
  if (HTML_START.test(content) || (content.match(HTML_TAGS)?.length ?? 0) >= 2) return 'html';
  if (MARKDOWN.test(content)) return 'markdown';
  return 'text';
}

export const FORMAT_NAMES: Record<Format, string> = { text: 'Plain text', markdown: 'Markdown', html: 'HTML' };

export function isArticleFile(name: string): boolean {
  return formatOfName(name) !== undefined;
}
