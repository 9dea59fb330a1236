/** `copydesk clean <file>`: one article in, cleaned Markdown (or JSON, or a diff) out. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { clean, cleanTree, toHtml, toMarkdown } from '../pipeline.js';
import { decodeInput, formatFromPath, InputError, readBounded, readStdin, type Format } from '../input.js';
import { messageToJson, type JsonMessage } from '../json.js';
import { cleanOptionsFromConfig, ConfigError, loadConfig } from '../config.js';
import { textLayoutOf, toText } from '../formats/text-writer.js';
import { countSeverities, terminalWidth, TerminalReporter, useColor, type ReportLevel } from './reporter.js';
import { guessFormat } from './sniff.js';
import { unifiedDiff } from './diff.js';
import { createIgnorer } from './ignore.js';
import { resolveInputs } from '../batch/inputs.js';

export interface CleanCliOptions {
  format?: Format;
  json?: boolean;
  html?: boolean;
  minProseShare?: number;
  /** Only warnings and errors in the report. */
  quiet?: boolean;
  /** Only errors in the report. */
  silent?: boolean;
  /** Warnings exit 1 too. */
  frail?: boolean;
  /** `--color`/`--no-color`; undefined: from the environment and the terminal. */
  color?: boolean;
  /** Print a unified diff of what would change instead of the cleaned article. */
  diff?: boolean;
  /** The name stdin is reported under, and its format when `--format` is missing. */
  stdinFilename?: string;
  config?: string;
}

/** Largest article read, to keep memory bounded. */
const MAX_BYTES = 64 * 1024 * 1024;

/** Exit codes, one rule for every command (README "Exit codes"). */
export const EXIT_CODES = { ok: 0, flagged: 1, usage: 2 } as const;

export function reportLevel(opts: { quiet?: boolean | undefined; silent?: boolean | undefined }, fallback: ReportLevel = 'all'): ReportLevel {
  return opts.silent ? 'errors' : opts.quiet ? 'flags' : fallback;
}

/** 1 when a message is an error, or a warning under `--frail`; else 0. */
export function exitFor(messages: readonly Pick<JsonMessage, 'severity'>[], frail: boolean | undefined): number {
  const { errors, warnings } = countSeverities(messages);
  return errors || (frail && warnings) ? EXIT_CODES.flagged : EXIT_CODES.ok;
}

/** `as`: the name in the report and the diff, when not the path given. */
export async function runClean(path: string, opts: CleanCliOptions, as?: string): Promise<number> {
  try {
    const bytes = await readInput(path);
    const stdin = path === '-';
    const name = as ?? (stdin ? (opts.stdinFilename ?? 'stdin') : path);
    const format = opts.format ?? formatFromPath(stdin ? (opts.stdinFilename ?? '') : path) ?? (stdin ? guessFormat(decodeInput(bytes)) : undefined);
    if (!format) throw new InputError(`${path}: cannot tell the format from the extension; pass --format text|markdown|html`);
    // The same configuration as batch, serve and preview: rules, plugin options, dictionaries.
    const { config } = await loadConfig({ configPath: opts.config });
    const options = cleanOptionsFromConfig(config);
    if (opts.minProseShare !== undefined) options.minProseShare = opts.minProseShare;
    const color = useColor(opts.color);
    let messages: JsonMessage[];
    if (opts.diff) {
      const { tree, messages: found } = await cleanTree(bytes, { ...options, format, path: name });
      messages = found.map(messageToJson);
      const before = decodeInput(bytes);
      // the article as it would be written back in its own format (as `batch --in-place` writes it)
      const after = format === 'html' ? `${await toHtml(tree)}\n` : format === 'text' ? toText(tree, textLayoutOf(before)) : toMarkdown(tree);
      const changed = messages.some((m) => m.severity === 'info');
      process.stdout.write(changed ? unifiedDiff(name, before, after, useColor(opts.color, process.stdout)) : '');
    } else {
      const result = await clean(bytes, { ...options, format, path: name });
      messages = result.messages.map(messageToJson);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ title: result.title, markdown: result.markdown, html: result.html, messages, meta: result.meta })}\n`);
      } else {
        process.stdout.write(opts.html ? `${result.html}\n` : result.markdown);
      }
    }
    if (!opts.json) {
      const reporter = new TerminalReporter({ color, width: terminalWidth(), level: reportLevel(opts) });
      const text = reporter.file({ name, messages });
      if (text) process.stderr.write(`${text}${reporter.totals(countSeverities(messages))}`);
    }
    return exitFor(messages, opts.frail);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError) {
      process.stderr.write(`copydesk: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
}

/**
 * `clean --diff` with several files, a folder or a glob: the diff of each article in turn (the
 * same inputs and ignore rules as `batch`); exports are refused, their records have no file to diff.
 */
export async function runCleanDiffMany(inputs: string[], opts: CleanCliOptions & { ignorePath?: string; ignorePattern?: string[] }): Promise<number> {
  let sources;
  try {
    sources = await resolveInputs(inputs, { format: opts.format, ignorer: createIgnorer({ ignorePath: opts.ignorePath, ignorePatterns: opts.ignorePattern }) });
    const exported = sources.find((s) => s.kind !== 'article');
    if (exported) throw new InputError(`${exported.name}: --diff shows articles, not exports (use batch --check for those)`);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`copydesk: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
  let exit: number = EXIT_CODES.ok;
  for (const source of sources) exit = Math.max(exit, await runClean(source.path, { ...opts, format: source.format }, source.name));
  return exit;
}

async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') return readStdin(MAX_BYTES);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code})`);
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a folder, not an article`);
  if (info.size > MAX_BYTES) throw new InputError(`${path}: larger than ${MAX_BYTES / 1024 / 1024} MB`);
  // The limit is applied as the bytes arrive too: a pipe or a device (/dev/zero) has no size to stat.
  try {
    return await readBounded(createReadStream(path), MAX_BYTES, path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code})`);
  }
}
