/**
 * `copydesk batch`: many articles through the pipeline, in parallel, safely.
 *
 *   check options → load config → find inputs        (any problem: exit 2, nothing touched)
 *   lock the out-dir → open (or resume) the state     (in use, not writable: exit 2)
 *   articles in files   → pool (read, clean, write atomically) → report, done.log
 *   each export, streamed → records → pool → written back in order → checkpoints
 *   summary table, exit code
 *
 * A write the file system refuses (disk full, read-only) stops the run: the
 * work in flight finishes, the state stays as of the last checkpoint, and one
 * line says what failed (exit 3; see faults.ts).
 *
 * The main thread only schedules, orders and writes; the workers clean.
 * At most `window` articles are in flight, so memory stays flat however big
 * the input is.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { cleanOptionsFromConfig, ConfigError, loadConfig } from '../config.js';
import { InputError, readStdin, type Format } from '../input.js';
import type { CleanOptions } from '../pipeline.js';
import { backup, writeAtomic } from './atomic.js';
import { OutputFault, outputFault, writing } from './faults.js';
import { LockedError, lockOutput, type OutputLock } from './lock.js';
import { resolveInputs, type InputType, type Source } from './inputs.js';
import { createProgress, progressMode, type Progress } from './progress.js';
import { JsonReporter, SarifReporter, type ArticleReport, type Reporter } from './report.js';
import { BatchTerminalReporter, TerminalReporter, terminalWidth, useColor } from '../cli/reporter.js';
import { createIgnorer } from '../cli/ignore.js';
import { partialPathFor, reopenPartial, ResumeError, RunState, STATE_FOLDER, tailHash, type Checkpoint } from './resume.js';
import { parseFieldPath, valueAt } from './json-span.js';
import { splitExport, START, type Piece, type ScanState } from './split.js';
import { Summary } from './summary.js';
import type { FileTask, OutputFormat, RecordTask, Task, TaskResult } from './task.js';
import { escapeRe } from '../text/escape-re.js';

export interface BatchOptions {
  outDir?: string | undefined;
  inPlace?: boolean | undefined;
  /** Keep the original as `<name><suffix>` (`true`: `.orig`). */
  backup?: string | boolean | undefined;
  yes?: boolean | undefined;
  /** Exports: one file per post in `--out-dir`. */
  split?: boolean | undefined;
  to?: OutputFormat | undefined;
  format?: Format | undefined;
  inputType?: InputType | undefined;
  field?: string | undefined;
  idField?: string | undefined;
  config?: string | undefined;
  jobs?: number | undefined;
  report?: 'json' | 'sarif' | undefined;
  reportFile?: string | undefined;
  frail?: boolean | undefined;
  resume?: boolean | undefined;
  /** true: plain progress lines off a terminal; false: never. */
  progress?: boolean | undefined;
  verbose?: boolean | undefined;
  /** Only warnings and errors in the report. */
  quiet?: boolean | undefined;
  /** Only errors in the report, and no summary table. */
  silent?: boolean | undefined;
  /** `--color`/`--no-color`; undefined: from NO_COLOR, FORCE_COLOR and the terminal. */
  color?: boolean | undefined;
  /** `--ignore-path`, `--ignore-pattern` (src/cli/ignore.ts). */
  ignorePath?: string | undefined;
  ignorePattern?: string[] | undefined;
  /** Clean and report, write nothing (a CI check). */
  check?: boolean | undefined;
  /** No summary table (for `copydesk clean` with several files). */
  summary?: boolean | undefined;
  minProseShare?: number | undefined;
  /** Heap ceiling per worker, MB. */
  workerMemory?: number | undefined;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes, as documented in docs/batch.md. */
export const EXIT = { ok: 0, flagged: 1, usage: 2, fault: 3, interrupted: 130 } as const;

const EXTENSION: Record<OutputFormat, string> = { markdown: '.md', html: '.html', json: '.json' };
/** Largest article read from stdin. */
const MAX_STDIN = 64 * 1024 * 1024;
const CHECKPOINT_MS = 250;
/** Articles per message to a worker, and bytes at most. */
const BATCH = 8;
const BATCH_BYTES = 1024 * 1024;
/** Old-generation heap per worker, in MB. */
export const DEFAULT_WORKER_MEMORY = 256;
const FLUSH_BYTES = 256 * 1024;

export async function runBatch(inputs: string[], options: BatchOptions): Promise<number> {
  const err = (text: string) => process.stderr.write(`copydesk: ${text}\n`);
  let run: Run;
  let lock: OutputLock | undefined;
  try {
    checkUsage(inputs, options);
    const { config } = await loadConfig({ configPath: options.config });
    const cleanOptions = cleanOptionsFromConfig(config);
    if (options.minProseShare !== undefined) cleanOptions.minProseShare = options.minProseShare;
    const outDir = options.outDir === undefined ? undefined : resolve(options.outDir);
    const stateDir = outDir ? join(outDir, STATE_FOLDER) : options.inPlace ? resolve(STATE_FOLDER) : undefined;
    const sources = await resolveInputs(inputs, {
      inputType: options.inputType,
      format: options.format,
      jsonl: options.field !== undefined || options.idField !== undefined,
      ignore: [outDir, stateDir].filter((p): p is string => Boolean(p)),
      ignorer: createIgnorer({ ignorePath: options.ignorePath, ignorePatterns: options.ignorePattern }),
      onSkip: (name, reason) => err(`${name}: ${reason}`),
    });
    checkSources(sources, options);
    let lost: ((error: Error) => void) | undefined;
    if (stateDir) {
      // one run at a time on an output: taken before any state is read or cleared
      const lockDir = dirname(stateDir);
      await writing(lockDir, () => mkdir(lockDir, { recursive: true }));
      lock = await writing(lockDir, () => lockOutput(lockDir, (error) => lost?.(error)));
    }
    const state = stateDir ? await RunState.open(stateDir, signature(sources, options, config), Boolean(options.resume)) : undefined;
    run = new Run(sources, options, cleanOptions, outDir, state);
    lost = (error) => run.lockLost(error);
  } catch (error) {
    await lock?.release();
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError || error instanceof ResumeError || error instanceof LockedError || error instanceof OutputFault) {
      err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    return await run.go();
  } finally {
    await lock?.release();
  }
}

function checkUsage(inputs: string[], o: BatchOptions): void {
  if (!inputs.length) throw new UsageError('no input: name files, folders, globs, or - for stdin');
  if (o.inPlace && o.outDir) throw new UsageError('--in-place and --out-dir exclude each other');
  if (o.check && (o.inPlace || o.outDir)) throw new UsageError('--check writes nothing: it excludes --in-place and --out-dir');
  if (o.inPlace && !o.backup && !o.yes) throw new UsageError('--in-place overwrites your inputs: add --backup (keeps each original as <name>.orig) or --yes');
  if (o.inPlace && o.to) throw new UsageError('--in-place writes each file in its own format; --to does not apply');
  if (o.inPlace && inputs.includes('-')) throw new UsageError('--in-place cannot write back to stdin');
  if (o.split && !o.outDir) throw new UsageError('--split writes one file per exported post: it needs --out-dir');
  if (o.resume && !o.outDir && !o.inPlace) throw new UsageError('--resume needs --out-dir or --in-place (output on stdout cannot be resumed)');
  if (o.jobs !== undefined && !(Number.isInteger(o.jobs) && o.jobs >= 1)) throw new UsageError('--jobs must be a whole number of 1 or more');
}

function checkSources(sources: Source[], o: BatchOptions): void {
  const exportsWrittenBack = sources.some((s) => s.kind !== 'article') && !o.split && (o.outDir || o.inPlace);
  if (exportsWrittenBack && o.to === 'json') throw new UsageError('an export is written back in its own format; for one JSON file per post add --split');
  if (o.resume && sources.some((s) => s.path === '-')) throw new UsageError('--resume cannot resume reading stdin');
}

/** What makes two runs the same run, for `--resume`. */
function signature(sources: Source[], o: BatchOptions, config: unknown) {
  return {
    inputs: sources.map((s) => `${s.kind}:${s.path}`).join('\n').length > 100_000 ? hashOf(sources) : sources.map((s) => `${s.kind}:${s.path}`),
    outDir: o.outDir && resolve(o.outDir),
    inPlace: Boolean(o.inPlace),
    split: Boolean(o.split),
    to: o.to,
    format: o.format,
    field: o.field,
    idField: o.idField,
    config,
  };
}

function hashOf(sources: Source[]): string {
  let h = 0;
  for (const s of sources) for (let i = 0; i < s.path.length; i++) h = (Math.imul(h, 31) + s.path.charCodeAt(i)) | 0;
  return `${sources.length}:${h}`;
}

/**
 * Runs the items' tasks in the pool, yielding each item with its result in
 * input order. Tasks go to the workers in batches (up to `batch` tasks or
 * `batchBytes` bytes), which keeps the main thread's per-article cost small;
 * at most `window` batches are in flight, which keeps memory flat.
 * `taskOf` gives an item's task, or its result when there is nothing to run
 * (a problem found already), or undefined (a piece passed through as is).
 */
async function* inOrder<T>(
  items: AsyncIterable<T> | Iterable<T>,
  taskOf: (item: T) => Task | TaskResult | undefined,
  run: (tasks: Task[]) => Promise<TaskResult[]>,
  o: { window: number; batch: number; batchBytes: number; sizeOf: (item: T) => number; stopped: () => boolean },
): AsyncGenerator<[T, TaskResult | undefined]> {
  const queue: Array<{ items: T[]; results: Promise<Array<TaskResult | undefined>> }> = [];
  let group: T[] = [];
  let entries: Array<Task | TaskResult | undefined> = [];
  let tasks = 0;
  let bytes = 0;
  const close = () => {
    const batch = entries.filter(isTask);
    const pending = entries;
    const results = (batch.length ? run(batch) : Promise.resolve([])).then((done) => {
      let k = 0;
      return pending.map((entry) => (isTask(entry) ? done[k++] : entry));
    });
    queue.push({ items: group, results });
    group = [];
    entries = [];
    tasks = 0;
    bytes = 0;
  };
  async function* drain(entry: (typeof queue)[number]): AsyncGenerator<[T, TaskResult | undefined]> {
    const results = await entry.results;
    for (let i = 0; i < entry.items.length; i++) yield [entry.items[i]!, results[i]];
  }
  for await (const item of items) {
    const entry = taskOf(item);
    group.push(item);
    entries.push(entry);
    bytes += o.sizeOf(item);
    if (isTask(entry)) tasks++;
    if (tasks >= o.batch || bytes >= o.batchBytes) close();
    while (queue.length >= o.window) yield* drain(queue.shift()!);
    if (o.stopped()) break;
  }
  if (group.length) close();
  while (queue.length) yield* drain(queue.shift()!);
}

function isTask(entry: Task | TaskResult | undefined): entry is Task {
  return entry !== undefined && 'kind' in entry;
}

/**
 * Buffered sequential writes to a file or to stdout. `written` counts the
 * bytes handed over; only `sync()` says how many are on disk, and only that
 * figure goes into a checkpoint.
 */
class Output {
  written = 0;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private closed = false;

  /** `start`: the file's length when it is appended to (a resumed export). */
  constructor(
    private readonly handle: FileHandle | NodeJS.WriteStream,
    private readonly path?: string,
    start = 0,
  ) {
    this.written = start;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes);
    this.size += bytes.length;
    this.written += bytes.length;
    if (this.size >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.size) return;
    const data = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    const handle = this.handle;
    // writeFile goes on after a short write (write() would return it as done); a refusal is a fault
    if ('writeFile' in handle) await writing(this.path, () => handle.writeFile(data));
    else await writeStdout(data);
  }

  /** Flushes and fsyncs: everything written so far is on disk. */
  async sync(): Promise<void> {
    await this.flush();
    const handle = this.handle;
    if ('writeFile' in handle) await writing(this.path, () => handle.datasync());
  }

  /** The hash a checkpoint keeps of the first `length` bytes (on disk: after `sync()`). */
  async tailAt(length: number): Promise<string> {
    return 'writeFile' in this.handle ? tailHash(this.handle, length) : '';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    this.closed = true;
    if ('writeFile' in this.handle) await this.handle.close();
  }

  /** After a failed write: closed without writing more (what is on disk stays, for --resume). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.chunks = [];
    if ('writeFile' in this.handle) await this.handle.close().catch(() => {});
  }
}

class Run {
  private readonly summary = new Summary();
  private readonly reporters: Reporter[] = [];
  private readonly progress: Progress;
  private readonly pool: Piscina<Task[], TaskResult[]>;
  private readonly window: number;
  private stopping: NodeJS.Signals | undefined;
  /** Why the run stopped early, other than a signal: a write the file system refused, a resume refused. */
  private fault: { message: string; exit: number } | undefined;
  private readonly usedNames = new Set<string>();
  private unitsDone = 0;
  /** Every input is an article file: the progress total is known (found once, not on every tick). */
  private readonly onlyArticles: boolean;

  constructor(
    private readonly sources: Source[],
    private readonly o: BatchOptions,
    cleanOptions: CleanOptions,
    private readonly outDir: string | undefined,
    private readonly state: RunState | undefined,
  ) {
    this.onlyArticles = sources.every((s) => s.kind === 'article');
    const jobs = o.jobs ?? availableParallelism();
    this.window = jobs * 3; // batches in flight
    this.pool = new Piscina<Task[], TaskResult[]>({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: jobs,
      maxThreads: jobs,
      // one article at a time: cleaning is CPU-bound, and workers read and write synchronously
      concurrentTasksPerWorker: 1,
      idleTimeout: 1000,
      // a ceiling per worker keeps the resident set flat (V8 otherwise lets heaps grow while there
      // is room); an article that needs more fails alone and its worker is replaced
      resourceLimits: { maxOldGenerationSizeMb: o.workerMemory ?? DEFAULT_WORKER_MEMORY },
      workerData: { cleanOptions },
    });
    this.progress = createProgress(progressMode(o.progress));
    // one rule for every command: --silent errors only, --quiet flags (a batch's default), --verbose every change
    const level = o.silent ? 'errors' : o.quiet ? 'flags' : o.verbose ? 'all' : 'flags';
    this.reporters.push(new BatchTerminalReporter((text) => this.progress.log(text), new TerminalReporter({ color: useColor(o.color), width: terminalWidth(), level })));
    const report = o.report ?? (o.reportFile ? (o.reportFile.endsWith('.sarif') ? 'sarif' : 'json') : undefined);
    if (report === 'json') this.reporters.push(new JsonReporter(resolve(o.reportFile ?? 'copydesk-report.json')));
    if (report === 'sarif') this.reporters.push(new SarifReporter(resolve(o.reportFile ?? 'copydesk-report.sarif')));
  }

  async go(): Promise<number> {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stopping) process.exit(EXIT.interrupted);
      this.stopping = signal;
      if (!process.stderr.writable) return;
      this.progress.log(`copydesk: ${signal}: finishing the articles in hand; again to quit at once\n`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const onStdoutError = (error: NodeJS.ErrnoException) => {
      stdoutClosed = true;
      if (error.code === 'EPIPE') this.stopping ??= 'SIGPIPE';
      else this.fail(outputFault(error, 'stdout') ?? error);
    };
    process.stdout.on('error', onStdoutError);
    process.stderr.on('error', () => {}); // a closed stderr must not stop the run
    try {
      if (this.state?.resuming) this.summary.resumed += this.state.doneCount;
      await this.articles(this.sources.filter((s) => s.kind === 'article'));
      for (const source of this.sources) {
        if (source.kind === 'article') continue;
        if (this.halted) break;
        await this.export(source);
        this.unitsDone++;
      }
    } catch (error) {
      this.fail(error);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.stdout.off('error', onStdoutError);
      await this.pool.destroy();
      this.progress.stop();
    }
    this.summary.interrupted = Boolean(this.stopping || this.fault);
    this.summary.resumable = Boolean(this.state);
    for (const reporter of this.reporters) await Promise.resolve(reporter.finish(this.summary)).catch((error: unknown) => this.fail(error));
    // the state stays for --resume unless the run is complete
    await this.state?.close(!this.halted).catch((error: unknown) => this.fail(error));
    if (this.o.summary !== false && !this.o.silent) process.stderr.write(`\n${this.summary.table()}\n`);
    if (this.fault) {
      process.stderr.write(`copydesk: ${this.fault.message}\n`);
      return this.fault.exit;
    }
    if (this.stopping) return this.stopping === 'SIGTERM' ? 143 : this.stopping === 'SIGPIPE' ? 141 : EXIT.interrupted;
    if (this.summary.failed) return EXIT.usage;
    if (this.summary.errors || (this.o.frail && this.summary.warnings)) return EXIT.flagged;
    return EXIT.ok;
  }

  /** Stopping: interrupted, or a fault. */
  private get halted(): boolean {
    return Boolean(this.stopping || this.fault);
  }

  /**
   * Stops the run for a fault that is not one article's: a write the file system refused
   * (told in one line, exit 3, resumable), a resume that does not match its output (exit 2).
   * Anything else is a bug, and is thrown.
   */
  private fail(error: unknown): void {
    if (this.fault) return; // the first cause is the one to tell
    const fault = outputFault(error);
    if (fault) {
      const resumable = this.state ? '; the output so far is kept: run again with --resume once that is fixed' : '';
      this.fault = { message: `${fault.message}: stopped${resumable}`, exit: EXIT.fault };
    } else if (error instanceof ResumeError) this.fault = { message: error.message, exit: EXIT.usage };
    else if (typeof error === 'string') this.fault = { message: error, exit: EXIT.fault };
    else throw error;
  }

  /** The out-dir's lock was taken away (its folder removed, or not refreshed for long): stop writing. */
  lockLost(error: Error): void {
    this.fail(`the lock on the output was lost (${error.message}): stopped; run again with --resume`);
  }

  private get units(): number {
    return this.sources.length;
  }

  private tick(fraction = 0): void {
    // the total is known when every input is an article file (an export's records are counted as read)
    // (on --resume, those done before are not counted again)
    const total = this.onlyArticles ? Math.max(0, this.sources.length - this.summary.resumed) : undefined;
    this.progress.update((this.unitsDone + fraction) / Math.max(1, this.units), this.summary.articles, this.summary.rate, total);
  }

  private async record(article: ArticleReport): Promise<void> {
    this.summary.add(article.messages, article.error !== undefined);
    for (const reporter of this.reporters) await reporter.add(article);
  }

  /** A batch of tasks in one worker; if the worker dies (out of memory), each again alone, so only the culprit fails. */
  private runTasks = async (tasks: Task[]): Promise<TaskResult[]> => {
    try {
      return await this.pool.run(tasks);
    } catch (error) {
      // each again alone (in place, a backup made before the failure holds the same bytes and serves again)
      if (tasks.length > 1) return Promise.all(tasks.map((task) => this.runTasks([task]).then(([result]) => result!)));
      const task = tasks[0]!;
      return [{ id: task.kind === 'file' ? undefined : recordId(task), messages: [], changes: 0, error: `the worker failed: ${(error as Error).message}` }];
    }
  };

  private options<T>(sizeOf: (item: T) => number, batch = BATCH) {
    return { window: this.window, batch, batchBytes: BATCH_BYTES, sizeOf, stopped: () => this.halted };
  }

  // ── articles in files of their own ──────────────────────────────────────

  private async articles(sources: Source[]): Promise<void> {
    if (!sources.length) return;
    const toStdout = !this.outDir && !this.o.inPlace && !this.o.check;
    // several articles on stdout: say where each begins
    const markers = toStdout && this.o.to !== 'json' && this.sources.length > 1;
    const tasks = this.fileTasks(sources);
    const taskOf = ([, task, problem]: [Source, FileTask | undefined, string | undefined]) => (problem ? { messages: [], changes: 0, error: problem } : task);
    for await (const [[source, task], result_] of inOrder(tasks, taskOf, this.runTasks, this.options(([, task]) => task?.bytes?.length ?? 0))) {
      const result = result_!;
      this.unitsDone++;
      if (result.fault) {
        // not the article's failure: it is not done, and the run stops (what is in flight still finishes)
        this.fail(result.fault);
        continue;
      }
      await this.record({ name: source.name, file: source.name, messages: result.messages, error: result.error });
      if (result.output !== undefined && toStdout && result.error === undefined) {
        if (markers) await writeStdout(`<!-- copydesk: ${source.name} -->\n`);
        await writeStdout(result.output);
      }
      if (task?.outPath && result.error === undefined) await this.state?.markDone(source.path);
      this.tick();
    }
  }

  private async *fileTasks(sources: Source[]): AsyncGenerator<[Source, FileTask | undefined, string | undefined]> {
    const outputs = new Set<string>();
    for (const source of sources) {
      if (this.state?.isDone(source.path)) {
        this.unitsDone++;
        continue;
      }
      // in place, each file goes back in its own format
      const to: FileTask['to'] = this.o.inPlace ? (source.format ?? 'markdown') : (this.o.to ?? 'markdown');
      const task: FileTask = { kind: 'file', path: source.path, name: source.name, format: source.format ?? 'markdown', to, inPlace: this.o.inPlace };
      if (source.path === '-') {
        try {
          task.bytes = await readStdin(MAX_STDIN);
        } catch (error) {
          yield [source, undefined, (error as Error).message];
          continue;
        }
      }
      if (this.outDir) {
        const rel = source.rel.slice(0, source.rel.length - extname(source.rel).length) + EXTENSION[to as OutputFormat];
        task.outPath = join(this.outDir, rel);
      } else if (this.o.inPlace) {
        task.outPath = source.path;
        if (this.o.backup) task.backupPath = source.path + backupSuffix(this.o.backup);
      }
      if (task.outPath && !this.o.inPlace && resolve(task.outPath) === source.path) {
        yield [source, undefined, `the output would overwrite the input (${task.outPath}); pick another --out-dir`];
      } else if (task.outPath && outputs.has(task.outPath)) {
        yield [source, undefined, `another input already writes ${task.outPath}`];
      } else {
        if (task.outPath) outputs.add(task.outPath);
        yield [source, task, undefined];
      }
    }
  }

  // ── exports, streamed ───────────────────────────────────────────────────

  private async export(source: Source): Promise<void> {
    const key = `export:${source.path}`;
    if (this.state?.isDone(key)) return;
    const o = this.o;
    const toStdout = !this.outDir && !o.inPlace && !o.check;
    const mode: RecordTask['mode'] = o.split || (toStdout && o.to === 'json') ? 'render' : 'writeback';
    const to: OutputFormat | undefined = mode === 'render' ? (o.to ?? 'markdown') : o.to;
    const field = source.kind === 'jsonl' ? parseFieldPath(o.field ?? 'body') : undefined;
    const idField = source.kind === 'jsonl' ? parseFieldPath(o.idField ?? 'id') : undefined;
    const format = source.kind === 'jsonl' ? o.format : undefined;

    const encoding = source.path === '-' ? undefined : await wideEncoding(source.path);
    if (encoding) {
      await this.record({ name: source.name, file: source.name, messages: [], error: `the export is ${encoding}, not UTF-8: convert it first (iconv -f ${encoding} -t UTF-8 ${source.name} > utf8.${source.kind === 'wxr' ? 'xml' : source.kind})` });
      return;
    }

    // where it goes
    const target = o.inPlace ? source.path : this.outDir ? join(this.outDir, source.rel) : undefined;
    const splitDir = o.split && this.outDir ? join(this.outDir, source.rel.slice(0, source.rel.length - extname(source.rel).length)) : undefined;
    const partial = mode === 'writeback' && target ? partialPathFor(target) : undefined;
    let checkpoint = await this.state?.loadCheckpoint(key);
    let out: Output | undefined;
    if (partial) {
      await writing(dirname(partial), () => mkdir(dirname(partial), { recursive: true }));
      // resuming: the partial output must hold what the checkpoint says is on disk; what follows is cut off
      const handle = checkpoint ? await reopenPartial(partial, checkpoint) : undefined;
      if (!handle) checkpoint = undefined; // no partial output (removed to make room?): this export starts over
      out = new Output(handle ?? (await writing(partial, () => open(partial, 'w+'))), partial, checkpoint?.out ?? 0);
    } else if (toStdout) out = new Output(process.stdout);
    const from: ScanState = checkpoint?.scan ?? START;
    if (checkpoint) this.summary.resumed += checkpoint.articles;

    const size = source.path === '-' ? 0 : (await stat(source.path)).size;
    const input = source.path === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(source.path, { start: from.offset, highWaterMark: 1024 * 1024 });
    let articles = checkpoint?.articles ?? 0;
    // records rewritten so far (an export in place with none is left as it was)
    let changed = checkpoint ? (checkpoint.changed ?? 1) : 0;
    // the last record written, and the output's length just after it: a checkpoint is made of them
    // once the output up to there is on disk (raw bytes written after it are cut off on --resume)
    let last: Omit<Checkpoint, 'tail'> | undefined;
    let lastSaved = performance.now();
    let records = 0;
    const saveCheckpoint = async () => {
      if (!this.state || !out || !last) return;
      await out.sync();
      await this.state.saveCheckpoint(key, { ...last, tail: await out.tailAt(last.out) });
      lastSaved = performance.now();
    };

    const taskOf = (piece: Piece): RecordTask | TaskResult | undefined => {
      if (piece.type === 'raw') return undefined;
      // too big to hold: it went through unchanged already, only its failure is left to tell
      if (piece.type === 'oversized') return { id: oversizedId(source.kind, piece.head, idField), messages: [], changes: 0, error: piece.error };
      return { kind: source.kind as RecordTask['kind'], bytes: piece.bytes, name: source.name, line: piece.line, mode, to, field, idField, format };
    };
    // a pipe may bring records slowly: send each at once rather than wait for a batch
    const options = this.options((piece: Piece) => piece.bytes.length, source.path === '-' ? 1 : BATCH);
    try {
      for await (const [piece, result] of inOrder(splitExport(source.kind as RecordTask['kind'], input, from), taskOf, this.runTasks, options)) {
        if (!result) {
          if (mode === 'writeback') await out?.write(piece.bytes);
          continue;
        }
        records++;
        if (result.skipped) this.summary.skipped++;
        else {
          articles++;
          const id = result.id ?? result.slug;
          await this.record({ name: `${source.name}:${piece.line}${id ? ` (${id})` : ''}`, file: source.name, line: piece.line, id, messages: result.messages, error: result.error });
        }
        if (mode === 'writeback') {
          // unchanged, skipped or failed: the record exactly as it was
          const rewritten = result.error === undefined && result.output !== undefined;
          if (rewritten) changed++;
          await out?.write(rewritten ? Buffer.from(result.output!) : piece.bytes);
        } else if (result.error === undefined && !result.skipped && result.output !== undefined) {
          if (splitDir) await writing(splitDir, () => writeAtomic(join(splitDir, this.postName(splitDir, result, piece.line) + EXTENSION[to!]), result.output!));
          else await out?.write(Buffer.from(result.output));
        }
        last = { scan: piece.state!, out: out?.written ?? 0, articles, changed };
        if (performance.now() - lastSaved > CHECKPOINT_MS) await saveCheckpoint();
        this.tick(size ? piece.end / size : 0);
      }
      if (records === 0 && source.kind !== 'jsonl' && !this.halted) {
        await this.record({ name: source.name, file: source.name, messages: [], error: source.kind === 'ghost' ? 'no posts found: is it a Ghost export (db[].data.posts[])?' : 'no <item> found: is it a WordPress export (WXR)?' });
      }
      if (this.halted) {
        // keep what is on disk, and say where to go on from
        await saveCheckpoint();
        await out?.close();
        return;
      }
      await out?.close();
    } catch (error) {
      // a write refused (disk full…): the last checkpoint stays, what came after it is cut off on --resume
      await out?.abandon();
      throw error;
    }
    if (partial && target) {
      if (o.inPlace && !changed) await rm(partial, { force: true }); // nothing changed: the original stays as it was
      else {
        if (o.inPlace && o.backup) await writing(source.path, () => backup(source.path, source.path + backupSuffix(o.backup!)));
        await writing(target, () => rename(partial, target));
      }
    }
    await this.state?.markDone(key);
  }

  /** A file name for an exported post: its slug, else its id, else its line; never twice the same. */
  private postName(dir: string, result: TaskResult, line: number): string {
    const base = (result.slug ?? result.id ?? `line-${line}`).replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '').slice(0, 120) || `line-${line}`;
    let name = base;
    for (let n = 2; this.usedNames.has(join(dir, name)); n++) name = `${base}-${n}`;
    this.usedNames.add(join(dir, name));
    return name;
  }
}

function backupSuffix(backup: string | boolean): string {
  return typeof backup === 'string' ? backup : '.orig';
}

/**
 * An export in UTF-16 or UTF-32 (a byte-order mark, or NULs between ASCII bytes): read as UTF-8 it
 * would hold no record, so it is named for what it is. Undefined for UTF-8 (or anything else).
 */
async function wideEncoding(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const b = head.subarray(0, bytesRead);
    if (b.length >= 4 && b.readUInt32BE(0) === 0xfffe0000) return 'UTF-32LE';
    if (b.length >= 4 && b.readUInt32BE(0) === 0x0000feff) return 'UTF-32BE';
    if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
    if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
    if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return 'UTF-16LE';
    if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return 'UTF-16BE';
    return undefined;
  } finally {
    await handle.close();
  }
}

/** The id of a record too big to read, from its first bytes (best effort: the id field usually comes early). */
function oversizedId(kind: Source['kind'], head: Buffer | undefined, idField: string[] | undefined): string | undefined {
  if (!head) return undefined;
  const text = head.toString('utf8');
  if (kind === 'wxr') return /<wp:post_id>(?:<!\[CDATA\[)?(\d+)/.exec(text)?.[1];
  const key = (kind === 'jsonl' ? idField?.at(-1) : undefined) ?? 'id';
  const match = new RegExp(`"${escapeRe(key)}"\\s*:\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(-?\\d+))`).exec(text);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The id of a record whose worker died (rare), for the report. */
function recordId(task: RecordTask): string | undefined {
  try {
    const text = Buffer.from(task.bytes).toString('utf8');
    if (task.kind === 'wxr') return /<wp:post_id>(?:<!\[CDATA\[)?(\d+)/.exec(text)?.[1];
    const id = valueAt(JSON.parse(text), task.kind === 'jsonl' ? (task.idField ?? ['id']) : ['id']);
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}


/** Set when the reader of stdout has gone (`| head`): stop as if interrupted, quietly. */
let stdoutClosed = false;

function writeStdout(text: string | Uint8Array): Promise<void> | void {
  if (stdoutClosed) return;
  if (!process.stdout.write(text)) {
    return new Promise((done) => {
      process.stdout.once('drain', done);
      process.stdout.once('error', done);
    });
  }
}
