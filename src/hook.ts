/**
 * The publish decision, shared by every integration (HTTP service, Ghost,
 * Payload, `createPublishHook` for Strapi and custom servers):
 *
 *   clean the article (with its title, so a title reprinted in the body is found)
 *   → count changes (info) and flags (warnings, errors)
 *   → verdict: `publish` (no flags), `review` (warnings), `reject` (errors,
 *     or warnings of a rule listed in `block`; `*` lists them all).
 *
 * @example
 *   const hook = createPublishHook({ field: 'body', format: 'markdown', block: ['ticker-mismatch'] });
 *   const { doc, report, verdict } = await hook({ title: 'Acme buys Widgets', body: '…' });
 */
import type { ArticleMeta } from './article-meta.js';
import { messageToJson, type JsonMessage } from './json.js';
import type { Format } from './input.js';
import { clean, type CleanOptions } from './pipeline.js';

export type Verdict = 'publish' | 'review' | 'reject';

export interface ArticleInput {
  content: string;
  format: Format;
  /** The headline, when the CMS keeps it apart from the body. */
  title?: string | undefined;
}

export interface ArticleResult {
  markdown: string;
  html: string;
  /** The title after cleaning (entity fixes apply to it too); absent when none was given. */
  title?: string | undefined;
  messages: JsonMessage[];
  /** What stands beside the body: the dek moved out of it, dateline, byline, source (see `ArticleMeta`). */
  meta: ArticleMeta;
}

/** What the CMS keeps beside the article: the verdict and why. */
export interface PublishReport {
  verdict: Verdict;
  /** Changes made (info messages). */
  changes: number;
  /** Warnings and errors for an editor. */
  flags: number;
  /** Messages per rule id. */
  rules: Record<string, number>;
  messages: JsonMessage[];
  /** ISO time of the clean. */
  cleanedAt: string;
}

/**
 * Cleans one article. A separate title is put in front as a level-one
 * heading (the way the plain-text reader reads a first line), so
 * `repeated-title` and the lead rules see it, and taken off again after:
 * the body comes back without it, message lines refer to the body as given.
 */
export async function cleanArticle(input: ArticleInput, options: CleanOptions = {}): Promise<ArticleResult> {
  const title = input.title?.replace(/\s+/g, ' ').trim();
  if (!title) {
    const result = await clean(input.content, { ...options, format: input.format });
    return { markdown: result.markdown, html: result.html, messages: result.messages.map(messageToJson), meta: result.meta };
  }
  const prefix = titlePrefix(title, input.format);
  const shift = prefix.split('\n').length - 1;
  const result = await clean(prefix + input.content, { ...options, format: input.format });
  const md = splitTitle(result.markdown, /^#[ \t]+([^\n]*)\n+/);
  const html = splitTitle(result.html, /^<h1>([\s\S]*?)<\/h1>\n?/);
  return {
    markdown: md.body,
    html: html.body,
    title: md.title ?? title,
    messages: result.messages.map((m) => shiftMessage(messageToJson(m), shift)),
    meta: result.meta,
  };
}

function titlePrefix(title: string, format: Format): string {
  if (format === 'text') return `${title}\n`;
  if (format === 'html') return `<h1>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h1>\n`;
  return `# ${title.replace(/^#+\s*/, '').replace(/\s#+$/, '')}\n\n`;
}

function splitTitle(output: string, pattern: RegExp): { title: string | undefined; body: string } {
  const match = pattern.exec(output);
  return match ? { title: match[1], body: output.slice(match[0].length) } : { title: undefined, body: output };
}

/** Lines of the body as given; a message about the title itself has no line. */
function shiftMessage(message: JsonMessage, shift: number): JsonMessage {
  const line = (n: number | undefined) => (n === undefined || n <= shift ? undefined : n - shift);
  const inTitle = message.line !== undefined && message.line <= shift;
  return {
    ...message,
    line: line(message.line),
    column: inTitle ? undefined : message.column,
    endLine: line(message.endLine),
    endColumn: inTitle ? undefined : message.endColumn,
    ...(message.cause ? { cause: { ...message.cause, line: line(message.cause.line) } } : {}),
  };
}

/**
 * `reject` for errors, or warnings of a rule in `block` (`*`: any warning);
 * `review` for other warnings; `publish` otherwise.
 */
export function verdictOf(messages: readonly Pick<JsonMessage, 'severity' | 'ruleId'>[], block: readonly string[] = []): Verdict {
  const all = block.includes('*');
  let verdict: Verdict = 'publish';
  for (const m of messages) {
    if (m.severity === 'error' || (m.severity === 'warning' && (all || block.includes(m.ruleId ?? '')))) return 'reject';
    if (m.severity === 'warning') verdict = 'review';
  }
  return verdict;
}

export function buildReport(messages: JsonMessage[], block: readonly string[] = [], now = new Date()): PublishReport {
  const rules: Record<string, number> = {};
  let changes = 0;
  for (const m of messages) {
    const id = m.ruleId ?? 'unknown';
    rules[id] = (rules[id] ?? 0) + 1;
    if (m.severity === 'info') changes++;
  }
  return { verdict: verdictOf(messages, block), changes, flags: messages.length - changes, rules, messages, cleanedAt: now.toISOString() };
}

/** A flag as one line an editor reads: `rule-id: reason (line N)`. */
export function describeFlag(m: JsonMessage): string {
  return `${m.ruleId ?? 'copydesk'}: ${m.reason}${m.line !== undefined ? ` (line ${m.line})` : ''}`;
}

export interface PublishHookOptions {
  /** The document field holding the article body. @default 'body' */
  field?: string;
  /** The format of that field, or a function choosing it per document. @default 'markdown' */
  format?: Format | ((doc: Record<string, unknown>) => Format);
  /** The field holding the headline, if any. @default 'title' */
  titleField?: string | false;
  /** Options for `clean()` (for example `cleanOptionsFromConfig(config)`). */
  clean?: CleanOptions;
  /** Rule ids whose warnings reject rather than hold for review; `*` for all. */
  block?: string[];
  /** Where to write the report on the returned document; `false`: not at all. @default false */
  reportField?: string | false;
}

export interface PublishHookResult<T> {
  /** A copy of the document with the cleaned body (in the field's own format). */
  doc: T;
  report: PublishReport;
  verdict: Verdict;
}

/**
 * A hook for any Node CMS: give it a document, get back the cleaned copy,
 * the report and the verdict. The document passed in is not modified; a
 * document without the field (or with an empty one) passes as `publish`.
 */
export function createPublishHook<T extends Record<string, unknown> = Record<string, unknown>>(
  options: PublishHookOptions = {},
): (doc: T) => Promise<PublishHookResult<T>> {
  const field = options.field ?? 'body';
  const titleField = options.titleField === undefined ? 'title' : options.titleField;
  return async (doc: T) => {
    const content = doc[field];
    if (typeof content !== 'string' || !content.trim()) {
      const report = buildReport([], options.block);
      return { doc: { ...doc }, report, verdict: report.verdict };
    }
    const format = typeof options.format === 'function' ? options.format(doc) : (options.format ?? 'markdown');
    const rawTitle = titleField ? doc[titleField] : undefined;
    const title = typeof rawTitle === 'string' ? rawTitle : undefined;
    const result = await cleanArticle({ content, format, title }, options.clean);
    const report = buildReport(result.messages, options.block);
    const body = format === 'html' ? result.html : result.markdown;
    const out: Record<string, unknown> = { ...doc, [field]: body };
    if (options.reportField) out[options.reportField] = report;
    return { doc: out as T, report, verdict: report.verdict };
  };
}
