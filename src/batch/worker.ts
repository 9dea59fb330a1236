/**
 * The pool worker: cleans one article per task. File articles are read and
 * written here (atomically), off the main thread; export records come as
 * bytes and go back rewritten. Any failure of one article becomes the
 * result's `error`, never a crash of the run.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { workerData } from 'piscina';
import { cleanLazily, cleanTree, type LazyCleanResult, type CleanOptions } from '../pipeline.js';
import { textLayoutOf, toText } from '../formats/text-writer.js';
import type { JsonMessage } from '../json.js';
import { decodeInput, type Format } from '../input.js';
import { messageToJson } from '../json.js';
import { findSpan, replaceSpan, valueAt } from './json-span.js';
import { lexicalToHtml, lexicalWithMarkdown, mobiledocToHtml, mobiledocWithMarkdown } from './ghost.js';
import { backupSync, writeAtomicSync } from './atomic.js';
import { outputFault } from './faults.js';
import type { FileTask, OutputFormat, RecordTask, Task, TaskResult } from './task.js';

const options: CleanOptions = (workerData as { cleanOptions?: CleanOptions } | undefined)?.cleanOptions ?? {};

/** The WordPress reader (saxes) is loaded with the first WXR item: other runs start without it. */
let wxrModule: Promise<typeof import('./wxr.js')> | undefined;
const wxr = () => (wxrModule ??= import('./wxr.js'));

/** Largest article file read. */
const MAX_BYTES = 64 * 1024 * 1024;

/** One task, or a batch of them (fewer messages between threads), cleaned one after the other. */
export default async function run(tasks: Task | Task[]): Promise<TaskResult | TaskResult[]> {
  if (!Array.isArray(tasks)) return cleanOne(tasks);
  const results: TaskResult[] = [];
  for (const task of tasks) results.push(await cleanOne(task));
  return results;
}

async function cleanOne(task: Task): Promise<TaskResult> {
  try {
    if (task.kind === 'file') return await cleanFile(task);
    if (task.kind === 'jsonl') return await cleanLine(task);
    if (task.kind === 'ghost') return await cleanGhostPost(task);
    return await cleanWxrItem(task);
  } catch (error) {
    if (task.kind === 'wxr' && error instanceof (await wxr()).XmlError) {
      return { messages: [], changes: 0, error: `not well-formed XML at line ${task.line + error.line - 1}: ${error.message}` };
    }
    return { id: (error as ArticleError).id, messages: [], changes: 0, error: (error as Error).message };
  }
}

/** A failure of one article, with its id when it was read before the failure. */
class ArticleError extends Error {
  constructor(
    message: string,
    readonly id: string | undefined,
  ) {
    super(message);
  }
}

async function cleanFile(task: FileTask): Promise<TaskResult> {
  const bytes = task.bytes ?? readArticle(task.path);
  if (task.to === 'text') return cleanTextInPlace(task, bytes);
  const result = await cleanLazily(bytes, { ...options, format: task.format, path: task.name });
  const done = summarize(result);
  // in place, an article with nothing to change stays as it is (no rewrite in another style)
  if (task.inPlace && !done.changes) return done;
  const output = await render(result, task.to, { file: task.name }, done.messages);
  if (!task.outPath) return { ...done, output };
  return writeOut(task, output, done);
}

/** A `.txt` article cleaned in place goes back as plain text, laid out as it was, so a second run finds nothing to do. */
async function cleanTextInPlace(task: FileTask, bytes: Uint8Array): Promise<TaskResult> {
  const { tree, messages } = await cleanTree(bytes, { ...options, format: 'text', path: task.name });
  const done = summarize({ messages });
  if (!done.changes || !task.outPath) return done;
  return writeOut(task, toText(tree, textLayoutOf(decodeInput(bytes))), done);
}

/** The backup (when asked for), then the output, atomically; a refusal of the file system is the run's fault, not the article's. */
function writeOut(task: FileTask, output: string, done: TaskResult): TaskResult {
  let path = task.outPath!;
  try {
    if (task.backupPath) {
      path = task.backupPath;
      backupSync(task.path, task.backupPath);
    }
    path = task.outPath!;
    writeAtomicSync(path, output);
  } catch (error) {
    const fault = outputFault(error, path);
    if (!fault) throw error;
    return { ...done, error: fault.message, fault: fault.message };
  }
  return { ...done, written: true };
}

/** An article file, read synchronously (see writeAtomicSync), refusing one too big to be an article. */
function readArticle(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES / 1024 / 1024} MB`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** JSON Lines: the body at `field` replaced, the line's other bytes as they were. */
async function cleanLine(task: RecordTask): Promise<TaskResult> {
  const { body: text, ending } = splitEnding(decodeInput(task.bytes));
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const field = task.field ?? ['body'];
  const idValue = valueAt(record, task.idField ?? ['id']);
  const id = idValue === undefined || idValue === null ? undefined : String(idValue);
  const body = valueAt(record, field);
  if (typeof body !== 'string') {
    throw new ArticleError(`no string at "${field.join('.')}"`, id);
  }
  const format = task.format ?? sniffFormat(body);
  const result = await cleanLazily(body, { ...options, format, path: articleName(task, id) });
  const done = { ...summarize(result), id, slug: id };
  if (task.mode === 'render') return { ...done, output: await render(result, task.to ?? 'json', { file: task.name, line: task.line, id }, done.messages) };
  if (!done.changes) return done; // written back as it was
  const span = findSpan(text, field);
  if (!span) throw new ArticleError(`cannot locate "${field.join('.')}" in the line`, id);
  return { ...done, output: replaceSpan(text, span, await bodyFor(result, task.to, format)) + ending };
}

/** Ghost: `html` (or the editor document) replaced; every other field untouched. */
async function cleanGhostPost(task: RecordTask): Promise<TaskResult> {
  const text = decodeInput(task.bytes);
  let post: Record<string, unknown>;
  try {
    post = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`the post is not valid JSON (${(error as Error).message})`);
  }
  const id = typeof post.id === 'string' || typeof post.id === 'number' ? String(post.id) : undefined;
  const slug = typeof post.slug === 'string' && post.slug ? post.slug : id;
  let html: string | undefined;
  try {
    if (typeof post.html === 'string' && post.html.trim()) html = post.html;
    else if (typeof post.lexical === 'string' && post.lexical) html = lexicalToHtml(post.lexical);
    else if (typeof post.mobiledoc === 'string' && post.mobiledoc) html = mobiledocToHtml(post.mobiledoc);
  } catch (error) {
    throw new ArticleError(`the editor document is not valid JSON (${(error as Error).message})`, id);
  }
  if (html === undefined) return { id, slug, messages: [], changes: 0, skipped: true };
  const result = await cleanLazily(html, { ...options, format: 'html', path: articleName(task, slug) });
  const done = { ...summarize(result), id, slug };
  if (task.mode === 'render') return { ...done, output: await render(result, task.to ?? 'json', { file: task.name, line: task.line, id, slug }, done.messages) };
  if (!done.changes) return done;
  let out = text;
  // Replace from the last field to the first, so earlier spans stay valid.
  const replacements: Array<[string, unknown]> = [];
  if (typeof post.html === 'string') replacements.push(['html', await result.html()]);
  if (typeof post.lexical === 'string' && post.lexical) replacements.push(['lexical', lexicalWithMarkdown(result.markdown())]);
  if (typeof post.mobiledoc === 'string' && post.mobiledoc) replacements.push(['mobiledoc', mobiledocWithMarkdown(result.markdown())]);
  const spans = replacements
    .map(([key, value]) => ({ span: findSpan(text, [key]), value }))
    .filter((r) => r.span)
    .sort((a, b) => b.span!.start - a.span!.start);
  for (const { span, value } of spans) out = replaceSpan(out, span!, value);
  return { ...done, output: out };
}

/** WordPress: the `content:encoded` of posts and pages replaced; other items pass through. */
async function cleanWxrItem(task: RecordTask): Promise<TaskResult> {
  const { autop, cdata, parseItem } = await wxr();
  const text = decodeInput(task.bytes);
  const item = parseItem(text);
  const slug = item.slug || item.id;
  if ((item.type && item.type !== 'post' && item.type !== 'page') || !item.content.trim() || !item.contentSpan) {
    return { id: item.id, slug, messages: [], changes: 0, skipped: true };
  }
  const result = await cleanLazily(autop(item.content), { ...options, format: 'html', path: articleName(task, slug) });
  const done = { ...summarize(result), id: item.id, slug };
  if (task.mode === 'render') return { ...done, output: await render(result, task.to ?? 'json', { file: task.name, line: task.line, id: item.id, slug }, done.messages) };
  if (!done.changes) return done;
  const span = item.contentSpan;
  return { ...done, output: text.slice(0, span.start) + cdata(await result.html()) + text.slice(span.end) };
}

function summarize(result: Pick<LazyCleanResult, 'messages'>): TaskResult {
  const messages = result.messages.map(messageToJson);
  return { messages, changes: messages.filter((m) => m.severity === 'info').length };
}

/** The article as `to` asks (only that output is written); `messages` as `summarize` made them. */
async function render(result: LazyCleanResult, to: OutputFormat, where: Record<string, string | number | undefined>, messages: JsonMessage[]): Promise<string> {
  if (to === 'html') return `${await result.html()}\n`;
  if (to === 'markdown') return result.markdown();
  return `${JSON.stringify({ ...where, markdown: result.markdown(), html: await result.html(), messages })}\n`;
}

/** The body written back into a JSON Lines record: as `--to` says, else in the format it came in. */
async function bodyFor(result: LazyCleanResult, to: OutputFormat | undefined, format: Format): Promise<string> {
  if (to === 'html' || (to === undefined && format === 'html')) return result.html();
  return result.markdown();
}

function sniffFormat(body: string): Format {
  return /^\s*<(!doctype|html|body|p|div|h[1-6]|article|section|ul|ol|table|blockquote|figure|span|a|br|img)\b/i.test(body) ? 'html' : 'markdown';
}

function splitEnding(line: string): { body: string; ending: string } {
  const match = /\r?\n$/.exec(line);
  return match ? { body: line.slice(0, match.index), ending: match[0] } : { body: line, ending: '' };
}

function articleName(task: RecordTask, id: string | undefined): string {
  return `${task.name}:${task.line}${id ? ` (${id})` : ''}`;
}
