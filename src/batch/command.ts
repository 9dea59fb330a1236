/** `copydesk batch <inputs...>`: the command line of the batch runner (see docs/batch.md). */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isDynamicPattern } from 'tinyglobby';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FORMATS, isFormat, type Format } from '../input.js';
import { INPUT_TYPES } from './inputs.js';
import type { BatchOptions } from './run.js';
import { loadPart } from '../cli/optional.js';

/** The runner and its packages (a worker pool, a progress bar, a lock) load only when a batch runs: they are optional. */
async function runBatch(inputs: string[], options: BatchOptions, command = 'copydesk batch'): Promise<number> {
  const run = await loadPart('batch', command, () => import('./run.js'));
  return run.runBatch(inputs, options);
}

/**
 * The flags every reporting command (`clean`, `batch`) shares, one rule for all (README "Exit codes"):
 * errors exit 1, `--frail` makes warnings exit 1, `--quiet` hides info, `--silent` all but errors.
 */
export function addReportOptions(command: Command): Command {
  return command
    .option('-q, --quiet', 'report only warnings and errors (no changes)')
    .option('--silent', 'report only errors')
    .option('--frail', 'exit 1 on warnings too, not only on errors')
    .option('--color', 'colour the report (default: on a terminal, unless NO_COLOR is set)')
    .option('--no-color', 'no colour in the report')
    .option('--ignore-path <file>', 'ignore file for folders and globs (default: the nearest .copydeskignore)')
    .option('--ignore-pattern <pattern>', 'also pass over files matching this gitignore pattern (repeatable)', collect);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerBatch(program: Command): Command {
  const command = program
    .command('batch')
    .description('clean many articles: files, folders, globs, stdin, JSON Lines, Ghost and WordPress exports')
    .argument('<inputs...>', 'files, folders (recursive), globs, or - for stdin')
    .option('-o, --out-dir <dir>', 'write outputs here, mirroring the input layout (exports: written back in their own format)')
    .option('-i, --in-place', 'overwrite the inputs (needs --backup or --yes)')
    .option('-b, --backup [suffix]', 'with --in-place: keep each original as <name><suffix> (default suffix: .orig)')
    .option('-y, --yes', 'with --in-place: overwrite without a backup')
    .option('--check', 'clean and report only, write nothing (for CI)')
    .option('--split', 'with --out-dir: one file per exported post, named by slug or id')
    .addOption(new Option('-t, --to <format>', 'output format (exports: the body written back; default as it came)').choices(['markdown', 'html', 'json']))
    .option('-f, --format <format>', `article format for stdin, unknown extensions and JSON Lines bodies (${FORMATS.join('|')})`, parseFormat)
    .addOption(new Option('--input-type <type>', 'what the named inputs are (default: by extension)').choices([...INPUT_TYPES]))
    .option('--field <path>', 'JSON Lines: the body field, dots for nesting (default: body)')
    .option('--id-field <path>', 'JSON Lines: the id field (default: id)')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-j, --jobs <n>', `worker threads (default: ${availableParallelism()}, the cores)`, parseJobs)
    .option('--worker-memory <mb>', 'heap ceiling per worker; an article needing more fails alone (default: 256)', parseJobs)
    .addOption(new Option('--report <format>', 'also write a report file').choices(['json', 'sarif']))
    .option('--report-file <file>', 'where the report goes (default: copydesk-report.json / .sarif)')
    .option('--resume', 'go on with an interrupted run (same inputs and options)')
    .option('--progress', 'progress as plain lines when not on a terminal')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('-v, --verbose', 'report every change, not only flags and failures')
    .option('--min-prose-share <share>', 'share of prose removals must leave, 0-1', parseShare);
  return addReportOptions(command).action(async (inputs: string[], opts: BatchOptions) => {
    process.exitCode = await runBatch(inputs, opts);
  });
}

function parseFormat(value: string): Format {
  if (!isFormat(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

/**
 * `copydesk clean` with several inputs, a folder, a glob or `--out-dir` goes to the batch
 * runner; one file to stdout stays exactly as it was.
 */
export async function cleanHandsOver(inputs: string[], opts: { outDir?: string } = {}): Promise<boolean> {
  if (inputs.length !== 1 || opts.outDir !== undefined) return true;
  const [input] = inputs as [string];
  if (input === '-') return false;
  const info = await stat(input).catch(() => undefined);
  return info ? info.isDirectory() : isDynamicPattern(input);
}

export interface CleanManyOptions {
  format?: Format;
  json?: boolean;
  html?: boolean;
  minProseShare?: number;
  quiet?: boolean;
  silent?: boolean;
  frail?: boolean;
  color?: boolean;
  ignorePath?: string;
  ignorePattern?: string[];
  outDir?: string;
  config?: string;
}

/** `copydesk clean a.md b.html archive/`: every article on stdout as `clean` prints one (JSON Lines with --json), or into --out-dir. */
export function cleanMany(inputs: string[], opts: CleanManyOptions): Promise<number> {
  return runBatch(inputs, {
    outDir: opts.outDir,
    to: opts.json ? 'json' : opts.html ? 'html' : 'markdown',
    format: opts.format,
    minProseShare: opts.minProseShare,
    config: opts.config,
    // as `clean` reports one article: every change unless --quiet or --silent
    quiet: opts.quiet,
    silent: opts.silent,
    frail: opts.frail,
    color: opts.color,
    ignorePath: opts.ignorePath,
    ignorePattern: opts.ignorePattern,
    verbose: true,
    summary: !opts.quiet,
    progress: false,
  }, 'copydesk clean');
}
