/**
 * `copydesk batch`: many articles through the pipeline, in parallel, safely.
 *
 *   check options → load config → find inputs        (any problem: exit 2, nothing touched)
 *   articles in files   → pool (read, clean, write atomically) → report, done.log
 *   each export, streamed → records → pool → written back in order → checkpoints
 *   summary table, exit code
 *
 * The main thread only schedules, orders and writes; the workers clean.
 * At most `window` articles are in flight, so memory stays flat however big
 * the input is.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { cleanOptionsFromConfig, ConfigError, loadConfig } from '../config.js';
import { InputError, readStdin, type Format } from '../input.js';
import type { CleanOptions } from '../pipeline.js';
import { copyAtomic, writeAtomic } from './atomic.js';
import { resolveInputs, type InputType, type Source } from './inputs.js';
import { createProgress, progressMode, type Progress } from './progress.js';
import { HumanReporter, JsonReporter, SarifReporter, type ArticleReport, type Reporter } from './report.js';
import { partialPathFor, ResumeError, RunState, STATE_FOLDER, type Checkpoint } from './resume.js';
import { parseFieldPath, valueAt } from './json-span.js';
import { RecordTooLarge, splitExport, START, type Piece, type ScanState } from './split.js';
import { Summary } from './summary.js';
import type { FileTask, OutputFormat, RecordTask, Task, TaskResult } from './task.js';

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
  quiet?: boolean | undefined;
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
export const EXIT = { ok: 0, flagged: 1, usage: 2, interrupted: 130 } as const;

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
    });
    checkSources(sources, options);
    const state = stateDir ? await RunState.open(stateDir, signature(sources, options, config), Boolean(options.resume)) : undefined;
    run = new Run(sources, options, cleanOptions, outDir, state);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError || error instanceof ResumeError) {
      err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
  return run.go();
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

/** Buffered sequential writes to a file or to stdout. */
class Output {
  written = 0;
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly handle: FileHandle | NodeJS.WriteStream) {}

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
    if ('writeFile' in this.handle) await this.handle.write(data);
    else await writeStdout(data);
  }

  async close(): Promise<void> {
    await this.flush();
    if ('writeFile' in this.handle) await this.handle.close();
  }
}

class Run {
  private readonly summary = new Summary();
  private readonly reporters: Reporter[] = [];
  private readonly progress: Progress;
  private readonly pool: Piscina<Task[], TaskResult[]>;
  private readonly window: number;
  private stopping: NodeJS.Signals | undefined;
  private readonly usedNames = new Set<string>();
  private unitsDone = 0;

  constructor(
    private readonly sources: Source[],
    private readonly o: BatchOptions,
    cleanOptions: CleanOptions,
    private readonly outDir: string | undefined,
    private readonly state: RunState | undefined,
  ) {
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
    if (!o.quiet) this.reporters.push(new HumanReporter((text) => this.progress.log(text), { verbose: Boolean(o.verbose), color: Boolean(process.stderr.isTTY) }));
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
      if (error.code !== 'EPIPE') throw error;
      stdoutClosed = true;
      this.stopping ??= 'SIGPIPE';
    };
    process.stdout.on('error', onStdoutError);
    process.stderr.on('error', () => {}); // a closed stderr must not stop the run
    try {
      if (this.state?.resuming) this.summary.resumed += this.state.doneCount;
      await this.articles(this.sources.filter((s) => s.kind === 'article'));
      for (const source of this.sources) {
        if (source.kind === 'article') continue;
        if (this.stopping) break;
        await this.export(source);
        this.unitsDone++;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.stdout.off('error', onStdoutError);
      await this.pool.destroy();
      this.progress.stop();
    }
    this.summary.interrupted = Boolean(this.stopping);
    for (const reporter of this.reporters) await reporter.finish(this.summary);
    await this.state?.close(!this.stopping);
    if (this.o.summary !== false) process.stderr.write(`\n${this.summary.table()}\n`);
    if (this.stopping) return this.stopping === 'SIGTERM' ? 143 : this.stopping === 'SIGPIPE' ? 141 : EXIT.interrupted;
    if (this.summary.failed) return EXIT.usage;
    if (this.summary.errors || (this.o.frail && this.summary.warnings)) return EXIT.flagged;
    return EXIT.ok;
  }

  private get units(): number {
    return this.sources.length;
  }

  private tick(fraction = 0): void {
    this.progress.update((this.unitsDone + fraction) / Math.max(1, this.units), this.summary.articles, this.summary.rate);
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
      // some of the batch may be done already: in place, a backup made then now holds the original, keep it
      const again = tasks.map((task) => (task.kind === 'file' && task.backupPath ? { ...task, keepBackup: true } : task));
      if (tasks.length > 1) return Promise.all(again.map((task) => this.runTasks([task]).then(([result]) => result!)));
      const task = tasks[0]!;
      return [{ id: task.kind === 'file' ? undefined : recordId(task), messages: [], changes: 0, error: `the worker failed: ${(error as Error).message}` }];
    }
  };

  private options<T>(sizeOf: (item: T) => number, batch = BATCH) {
    return { window: this.window, batch, batchBytes: BATCH_BYTES, sizeOf, stopped: () => Boolean(this.stopping) };
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
      const to: OutputFormat = this.o.inPlace ? (source.format === 'html' ? 'html' : 'markdown') : (this.o.to ?? 'markdown');
      const task: FileTask = { kind: 'file', path: source.path, name: source.name, format: source.format ?? 'markdown', to };
      if (source.path === '-') {
        try {
          task.bytes = await readStdin(MAX_STDIN);
        } catch (error) {
          yield [source, undefined, (error as Error).message];
          continue;
        }
      }
      if (this.outDir) {
        const rel = source.rel.slice(0, source.rel.length - extname(source.rel).length) + EXTENSION[to];
        task.outPath = join(this.outDir, rel);
      } else if (this.o.inPlace) {
        task.outPath = source.path;
        if (this.o.backup) {
          task.backupPath = source.path + (typeof this.o.backup === 'string' ? this.o.backup : '.orig');
          task.keepBackup = this.state?.resuming;
        }
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

    // where it goes
    const target = o.inPlace ? source.path : this.outDir ? join(this.outDir, source.rel) : undefined;
    const splitDir = o.split && this.outDir ? join(this.outDir, source.rel.slice(0, source.rel.length - extname(source.rel).length)) : undefined;
    const partial = mode === 'writeback' && target ? partialPathFor(target) : undefined;
    let checkpoint = await this.state?.loadCheckpoint(key);
    let out: Output | undefined;
    if (partial) {
      await mkdir(dirname(partial), { recursive: true });
      // resuming: cut the partial output back to the last checkpoint (it may hold more)
      if (checkpoint && !(await truncate(partial, checkpoint.out).then(() => true, () => false))) checkpoint = undefined;
      out = new Output(await open(partial, checkpoint ? 'a' : 'w'));
    } else if (toStdout) out = new Output(process.stdout);
    const from: ScanState = checkpoint?.scan ?? START;
    if (checkpoint) this.summary.resumed += checkpoint.articles;

    const size = source.path === '-' ? 0 : (await stat(source.path)).size;
    const input = source.path === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(source.path, { start: from.offset, highWaterMark: 1024 * 1024 });
    let articles = checkpoint?.articles ?? 0;
    let last: Checkpoint | undefined = checkpoint;
    let lastSaved = performance.now();
    let records = 0;

    const taskOf = (piece: Piece): RecordTask | undefined =>
      piece.type === 'raw' ? undefined : { kind: source.kind as RecordTask['kind'], bytes: piece.bytes, name: source.name, line: piece.line, mode, to, field, idField, format };
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
          await out?.write(result.error === undefined && result.output !== undefined ? Buffer.from(result.output) : piece.bytes);
        } else if (result.error === undefined && !result.skipped && result.output !== undefined) {
          if (splitDir) await writeAtomic(join(splitDir, this.postName(splitDir, result, piece.line) + EXTENSION[to!]), result.output);
          else await out?.write(Buffer.from(result.output));
        }
        last = { scan: piece.state!, out: out?.written ?? 0, articles };
        if (this.state && performance.now() - lastSaved > CHECKPOINT_MS) {
          await out?.flush();
          await this.state.saveCheckpoint(key, last);
          lastSaved = performance.now();
        }
        this.tick(size ? piece.end / size : 0);
      }
    } catch (error) {
      if (!(error instanceof RecordTooLarge)) throw error;
      await this.record({ name: source.name, file: source.name, messages: [], error: error.message });
      await out?.close();
      if (partial) await rm(partial, { force: true });
      return;
    }
    if (records === 0 && source.kind !== 'jsonl' && !this.stopping) {
      await this.record({ name: source.name, file: source.name, messages: [], error: source.kind === 'ghost' ? 'no posts found: is it a Ghost export (db[].data.posts[])?' : 'no <item> found: is it a WordPress export (WXR)?' });
    }
    if (this.stopping) {
      // keep what is complete, and say where to go on from
      await out?.close();
      if (this.state && last) await this.state.saveCheckpoint(key, last);
      return;
    }
    await out?.close();
    if (partial && target) {
      if (o.inPlace && o.backup) await copyAtomic(source.path, source.path + (typeof o.backup === 'string' ? o.backup : '.orig'), { keepExisting: this.state?.resuming });
      await rename(partial, target);
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
