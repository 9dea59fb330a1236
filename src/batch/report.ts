/**
 * Reports of a batch run, written as articles finish (nothing is held until
 * the end, so memory stays flat):
 *
 * - human: vfile-reporter's format, grouped per article, on stderr. Flags
 *   (warnings, errors) and failures by default; every change with `--verbose`.
 * - json: `{ tool, version, articles: [...], summary }` to a file.
 * - sarif: SARIF 2.1.0 (code scanning UIs, CI annotations) to a file.
 *
 * File reports go to a temporary file renamed into place at the end.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import type { JsonMessage } from '../json.js';
import { RULES } from '../rules.js';
import { tempPathFor } from './atomic.js';
import type { Summary } from './summary.js';
import { VERSION } from '../version.js';


/** The rule id of an article that could not be read or cleaned. */
export const BAD_INPUT = 'bad-input';

export interface ArticleReport {
  /** The article's name: a path, or `export.jsonl:12 (id)`. */
  name: string;
  /** The file it came from, and for an export record its line and id. */
  file: string;
  line?: number | undefined;
  id?: string | undefined;
  messages: JsonMessage[];
  error?: string | undefined;
}

export interface Reporter {
  add(article: ArticleReport): Promise<void> | void;
  finish(summary: Summary): Promise<void> | void;
  /** Interrupted before the end: drop what was written. */
  abort?(): Promise<void>;
}

/** vfile-reporter output for one article, without the per-call totals line. */
export function humanReport(article: ArticleReport, options: { verbose: boolean; color: boolean }): string {
  const file = new VFile({ path: article.name });
  const shown = article.messages.filter((m) => options.verbose || m.severity !== 'info');
  for (const m of shown) file.messages.push(toVFileMessage(m));
  if (article.error !== undefined) {
    const message = new VFileMessage(article.error, { ruleId: BAD_INPUT, source: 'copydesk' });
    message.fatal = true;
    file.messages.push(message);
  }
  if (!file.messages.length) return '';
  const text = reporter(file, { quiet: true, color: options.color });
  const lines = text.split('\n');
  // vfile-reporter closes with "", "⚠ 1 warning" when there are flags: the batch prints its own totals
  if (file.messages.some((m) => m.fatal !== null && m.fatal !== undefined)) lines.splice(-2);
  return `${lines.join('\n')}\n`;
}

function toVFileMessage(m: JsonMessage): VFileMessage {
  const start = { line: m.line ?? 1, column: m.column ?? 1 };
  const place = m.line === undefined ? undefined : m.endLine === undefined ? start : { start, end: { line: m.endLine, column: m.endColumn ?? 1 } };
  const message = new VFileMessage(m.reason, { place, ruleId: m.ruleId, source: m.source });
  message.fatal = m.severity === 'info' ? null : m.severity === 'error';
  return message;
}

export class HumanReporter implements Reporter {
  constructor(
    private readonly write: (text: string) => void,
    private readonly options: { verbose: boolean; color: boolean },
  ) {}

  add(article: ArticleReport): void {
    const text = humanReport(article, this.options);
    if (text) this.write(`${text}\n`);
  }

  finish(): void {}
}

/** Writes a file through a stream, waiting when the disk is behind. */
class StreamFile {
  private readonly temp: string;
  private readonly stream: WriteStream;

  /** The stream's failure (disk full…), told on the next write or at close rather than crashing the run. */
  private failure: Error | undefined;

  constructor(private readonly path: string) {
    this.temp = tempPathFor(path);
    this.stream = createWriteStream(this.temp);
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  private pending = '';

  /** Buffered in 64 KB pieces: one small write per article would cost more than the article's report. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length > 65_536) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const text = this.pending;
    this.pending = '';
    if (text && !this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream).catch(() => {});
    if (this.failure) {
      await rm(this.temp, { force: true });
      throw this.failure;
    }
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}

const JSON_HEAD = `{"tool":"copydesk","version":${JSON.stringify(VERSION)},"articles":[`;

export class JsonReporter implements Reporter {
  private readonly out: StreamFile;
  private first = true;

  constructor(path: string) {
    this.out = new StreamFile(path);
  }

  async add(article: ArticleReport): Promise<void> {
    const entry = { file: article.file, line: article.line, id: article.id, name: article.name, error: article.error, messages: article.messages };
    await this.out.write(`${this.first ? `${JSON_HEAD}\n` : ',\n'}${JSON.stringify(entry)}`);
    this.first = false;
  }

  async finish(summary: Summary): Promise<void> {
    await this.out.write(`${this.first ? JSON_HEAD : '\n'}],\n"summary":${JSON.stringify(summary)}}\n`);
    await this.out.close();
  }

  abort(): Promise<void> {
    return this.out.abort();
  }
}

const LEVEL = { info: 'note', warning: 'warning', error: 'error' } as const;

/**
 * SARIF 2.1.0. An article in a file of its own points at that file and the
 * message's line; a record of an export points at the record's line in the
 * export, with the id as a logical location and the place inside the article
 * under `properties`.
 */
export class SarifReporter implements Reporter {
  private readonly out: StreamFile;
  private first = true;

  constructor(path: string) {
    this.out = new StreamFile(path);
  }

  private header(): string {
    const rules = Object.entries(RULES).map(([id, rule]) => ({
      id,
      shortDescription: { text: rule.summary },
      defaultConfiguration: { level: rule.severity === 'info' ? 'note' : 'warning' },
      properties: { plugin: rule.plugin },
    }));
    rules.push({ id: BAD_INPUT, shortDescription: { text: 'An article that could not be read or cleaned.' }, defaultConfiguration: { level: 'error' }, properties: { plugin: 'copydesk batch' } });
    const driver = { name: 'copydesk', version: VERSION, informationUri: 'https://github.com/copydesk/copydesk', rules };
    return `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":${JSON.stringify(driver)}},"results":[\n`;
  }

  async add(article: ArticleReport): Promise<void> {
    const results = article.messages.map((m) => this.result(article, m.ruleId, m.severity, m.reason, m));
    if (article.error !== undefined) results.push(this.result(article, BAD_INPUT, 'error', article.error));
    for (const result of results) {
      await this.out.write(`${this.first ? this.header() : ',\n'}${JSON.stringify(result)}`);
      this.first = false;
    }
  }

  private result(article: ArticleReport, ruleId: string | undefined, severity: keyof typeof LEVEL, text: string, m?: JsonMessage) {
    const inExport = article.line !== undefined;
    const region = inExport
      ? { startLine: article.line }
      : m?.line !== undefined
        ? { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn }
        : undefined;
    return {
      ruleId: ruleId ?? 'unknown',
      level: LEVEL[severity],
      message: { text },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: article.file }, ...(region ? { region } : {}) },
          ...(article.id ? { logicalLocations: [{ name: article.id, kind: 'object' }] } : {}),
        },
      ],
      ...(inExport && m ? { properties: { line: m.line, column: m.column, actual: m.actual } } : m?.actual !== undefined ? { properties: { actual: m.actual } } : {}),
    };
  }

  async finish(summary: Summary): Promise<void> {
    const invocation = { executionSuccessful: !summary.interrupted, properties: summary.toJSON() };
    await this.out.write(`${this.first ? this.header() : '\n'}],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
    await this.out.close();
  }

  abort(): Promise<void> {
    return this.out.abort();
  }
}
