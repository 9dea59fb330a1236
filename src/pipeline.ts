/**
 * The whole pipeline, in one place:
 *
 *   read     text | Markdown (remark-parse; long documents: src/parse/long-markdown.ts) | HTML (rehype-parse → drop chrome → rehype-remark)
 *   clean    article-structure → strip-boilerplate → dedupe-lead → fix-entities → flag-entities
 *   write    Markdown (remark-stringify)  and  HTML (remark-rehype → rehype-sanitize → rehype-stringify),
 *            simple blocks by shortcuts with the same output (src/write/)
 *
 * Each cleanup plugin reports every change on the file, so `clean()` returns
 * the messages beside the two outputs.
 */
import type { Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkGfmLean from './gfm.js';
import remarkParse from './parse/long-markdown.js';
import { text as markdownText } from './write/markdown-text.js';
import { flowHandlers } from './write/markdown-flow.js';
import { writeHtml } from './write/html-fast.js';
import remarkRehype from 'remark-rehype';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified, type PluggableList, type Preset } from 'unified';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import articleStructure, { type ArticleStructureOptions } from '../plugins/article-structure.js';
import dedupeLead, { type DedupeLeadOptions } from '../plugins/dedupe-lead.js';
import fixEntities, { type FixEntitiesOptions } from '../plugins/fix-entities.js';
import flagEntities, { type FlagEntitiesOptions } from '../plugins/flag-entities.js';
import type { Dictionary } from './entities/dictionary.js';
import stripBoilerplate, { type StripBoilerplateOptions } from '../plugins/strip-boilerplate.js';
import { decodeInput, type Format, guardInput, restoreLiteralMarkup } from './input.js';
import copydeskText from './formats/text.js';
import { report } from './report.js';
import { switchOff } from './control.js';
import { applyDecisions, setDecisions, type Decisions } from './decisions.js';
import { RULES } from './rules.js';
import { articleInfo, type ArticleMeta } from './article-meta.js';
import { titleOf } from './article/structure.js';
import { asideIn, asideOut } from './aside.js';
import { hasRawHtml, linearHandlers, rehypeFragmentLinks, sanitizeMarkup } from './sanitize.js';
import { processorKey } from './processor-key.js';

export interface CleanOptions {
  /** Input format. @default 'markdown' (or from `path`'s extension) */
  format?: Format | undefined;
  /** File name, for messages and for finding the format. */
  path?: string | undefined;
  /** Share of prose that removals outside marked boilerplate must leave (0–1). @default 0.5 */
  minProseShare?: number | undefined;
  /** Share of the article that prose-like removals with no copy kept may take before they are warnings (0–1). @default 0.15 */
  maxRemovalShare?: number | undefined;
  /** Options per plugin; `false` switches a plugin off. */
  articleStructure?: ArticleStructureOptions | false | undefined;
  stripBoilerplate?: StripBoilerplateOptions | false | undefined;
  dedupeLead?: DedupeLeadOptions | false | undefined;
  fixEntities?: FixEntitiesOptions | false | undefined;
  flagEntities?: FlagEntitiesOptions | false | undefined;
  /** User dictionaries for the entity plugins: YAML/JSON file paths or dictionary data, later ones winning. */
  dictionaries?: ReadonlyArray<string | Dictionary> | undefined;
  /** Rules (ids or plugin names) switched off, or given another severity. */
  rules?: Record<string, 'off' | 'info' | 'warning' | 'error'> | undefined;
  /** An editor's decisions (rejected changes, accepted or edited text), by message id: see `decisions.ts`. */
  decisions?: Decisions | undefined;
}

export interface CleanResult {
  /** The headline (plain text), when the article has one: the level-one heading of `markdown`. */
  title?: string | undefined;
  markdown: string;
  html: string;
  messages: VFileMessage[];
  /** Lines kept beside the body: the dek moved out of it, the dateline, byline, source (and page metadata of an HTML page). */
  meta: ArticleMeta;
}

/** The cleanup plugins as a unified preset, for anyone's remark pipeline. */
export function copydeskPreset(options: CleanOptions = {}): Preset {
  const guard = { minProseShare: options.minProseShare, maxRemovalShare: options.maxRemovalShare };
  const off = Object.entries(options.rules ?? {}).filter(([, v]) => v === 'off').map(([k]) => k);
  const plugins: PluggableList = [];
  if (off.length) plugins.push([switchRulesOff, off]);
  // The article model first: every later plugin reads the headline, lede and standfirst from it.
  if (options.articleStructure !== false) plugins.push([articleStructure, { ...guard, ...options.articleStructure }]);
  if (options.stripBoilerplate !== false) plugins.push([stripBoilerplate, { ...guard, ...options.stripBoilerplate }]);
  if (options.dedupeLead !== false) plugins.push([dedupeLead, { ...guard, ...options.dedupeLead }]);
  const entities = { dictionaries: options.dictionaries };
  // The dek moved out of the body is published beside it: fixed and flagged with the body, then set aside again.
  const aside = options.dedupeLead !== false && (options.fixEntities !== false || options.flagEntities !== false);
  if (aside) plugins.push(asideIn);
  if (options.fixEntities !== false) plugins.push([fixEntities, { ...entities, ...options.fixEntities }]);
  if (options.flagEntities !== false) plugins.push([flagEntities, { ...entities, ...options.flagEntities }]);
  if (options.decisions) plugins.push(applyDecisions);
  if (aside) plugins.push(asideOut);
  return { plugins };
}

/** Rules switched off by configuration make no change at all (not merely no message). */
function switchRulesOff(names: string[]) {
  return (tree: Root) => switchOff(tree, names);
}

let htmlReader: PluggableList | undefined;

/** The reader for `format`. The HTML one (parse5 and its helpers) is loaded on first use, so Markdown runs start without it. */
async function readerFor(format: Format): Promise<PluggableList> {
  if (format === 'text') return [copydeskText];
  if (format === 'markdown') return [remarkParse, remarkGfmLean, restoreLiteralMarkup];
  htmlReader ??= (await import('./formats/html.js')).default.plugins ?? [];
  return htmlReader;
}

/** A processor that reads `format` and cleans; `run` it to get the cleaned mdast. */
export async function createProcessor(format: Format, options: CleanOptions = {}) {
  return unified().use(await readerFor(format)).use(sanitizeMarkup).use(copydeskPreset(options));
}

/** Frozen processors by format and options (see processor-key.ts), newest last. */
const processors = new Map<string, Awaited<ReturnType<typeof createProcessor>>>();

/** The processor for one article: the one frozen for the same options when there is one. */
async function processorFor(format: Format, options: CleanOptions) {
  const key = processorKey(format, options);
  let processor = key === undefined ? undefined : processors.get(key);
  if (!processor) {
    processor = (await createProcessor(format, options)).freeze();
    if (key !== undefined) {
      if (processors.size >= 16) processors.delete(processors.keys().next().value!);
      processors.set(key, processor);
    }
  }
  return processor;
}

export const markdownOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  fences: true,
  listItemIndent: 'one',
  resourceLink: false,
  // Escapes as the default text handler does, trying only the patterns whose character is there;
  // blocks and list items written as the library's handlers do, without their per-node tracking.
  handlers: { text: markdownText, ...flowHandlers },
};

// GFM (tables, strikethrough, task lists, footnotes, autolinks) in both writers. Raw HTML the
// sanitizer kept is parsed into the tree (rehype-raw), so the HTML output holds what the Markdown does;
// rehype-sanitize stays the last guard.
const markdownWriter = unified().use(remarkGfm).use(remarkStringify, markdownOptions).freeze();
// Ids are prefixed once, by the sanitizer (remark-rehype's own prefix doubled them), and in-page links follow.
const toHast = { handlers: linearHandlers, clobberPrefix: '' };
const htmlWriter = unified().use(remarkRehype, toHast).use(rehypeSanitize).use(rehypeFragmentLinks).use(rehypeStringify).freeze();
const rawHtmlWriter = unified()
  .use(remarkRehype, { ...toHast, allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize)
  .use(rehypeFragmentLinks)
  .use(rehypeStringify)
  .freeze();

export function toMarkdown(tree: Root): string {
  return tree.children.length ? markdownWriter.stringify(tree) : '';
}

/** The HTML output: simple blocks written directly (src/write/html-fast.ts), the rest by the library chain. */
export async function toHtml(tree: Root): Promise<string> {
  return tree.children.length ? writeHtml(tree, htmlByLibrary, htmlByLibrarySync) : '';
}

/** The HTML output as the library chain alone writes it: the shortcut's oracle. */
export async function toHtmlByLibrary(tree: Root): Promise<string> {
  return tree.children.length ? htmlByLibrary(tree) : '';
}

async function htmlByLibrary(tree: Root): Promise<string> {
  const writer = hasRawHtml(tree) ? rawHtmlWriter : htmlWriter;
  const hast = await writer.run(tree);
  return writer.stringify(hast);
}

/** The same chain run synchronously (none of its plugins is asynchronous), for a list item the shortcut leaves to it. */
function htmlByLibrarySync(tree: Root): string {
  const writer = hasRawHtml(tree) ? rawHtmlWriter : htmlWriter;
  return writer.stringify(writer.runSync(tree));
}

/** A cleaned article whose outputs are written when first asked for: each is a serialisation of the tree. */
export interface LazyCleanResult {
  messages: VFileMessage[];
  title?: string | undefined;
  meta: ArticleMeta;
  markdown: () => string;
  html: () => Promise<string>;
}

/** Cleans one article, for callers that need only some of its outputs (the batch workers). */
export async function cleanLazily(input: string | Uint8Array, options: CleanOptions = {}): Promise<LazyCleanResult> {
  const { tree, file, messages } = await cleanTree(input, options);
  let markdown: string | undefined;
  let html: Promise<string> | undefined;
  const { meta } = articleInfo(file);
  const title = titleOf(file); // as cleaned: name fixes apply to the headline too
  return { messages, title, meta, markdown: () => (markdown ??= toMarkdown(tree)), html: () => (html ??= toHtml(tree)) };
}

/** Cleans one article. Throws `InputError` for input that is not text. */
export async function clean(input: string | Uint8Array, options: CleanOptions = {}): Promise<CleanResult> {
  const article = await cleanLazily(input, options);
  return { title: article.title, markdown: article.markdown(), html: await article.html(), messages: article.messages, meta: article.meta };
}

/** Cleans one article to its tree (positions of the input kept), for callers that write it their own way. */
export async function cleanTree(input: string | Uint8Array, options: CleanOptions = {}): Promise<{ tree: Root; file: VFile; messages: VFileMessage[] }> {
  const value = decodeInput(input, options.path);
  const format = options.format ?? 'markdown';
  const guarded = guardInput(value, format, options.path);
  const file = new VFile({ value: guarded.value, path: options.path });
  setDecisions(file, options.decisions);
  if (guarded.warning) report(file, { ruleId: guarded.ruleId ?? 'deep-nesting', severity: 'warning', reason: guarded.warning });
  if (!value.trim()) {
    report(file, { ruleId: 'empty-input', severity: 'warning', reason: 'The article is empty' });
    return { tree: { type: 'root', children: [] }, file, messages: sorted(withSeverities(file.messages, options.rules)) };
  }
  const processor = await processorFor(format, options);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { tree, file, messages: sorted(withSeverities(file.messages, options.rules)) };
}

/** Severities set by configuration, by rule id or by the plugin that owns the rule. */
function withSeverities(messages: VFileMessage[], rules: CleanOptions['rules']): VFileMessage[] {
  if (!rules) return messages;
  for (const message of messages) {
    const id = message.ruleId ?? '';
    const setting = rules[id] ?? rules[RULES[id]?.plugin ?? ''];
    if (setting === 'info') message.fatal = null;
    else if (setting === 'warning') message.fatal = false;
    else if (setting === 'error') message.fatal = true;
  }
  return messages;
}

function sorted(messages: VFileMessage[]): VFileMessage[] {
  const at = (m: VFileMessage) => m.place && ('start' in m.place ? m.place.start.offset : m.place.offset);
  return [...messages].sort((a, b) => (at(a) ?? -1) - (at(b) ?? -1));
}
