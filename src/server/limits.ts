/**
 * Where articles are cleaned, and the limits around it: at most
 * `concurrency` articles in the server at once (more are refused at once
 * with `OverloadError`, answered 503 with Retry-After), and at most
 * `timeoutMs` for each, queue wait included (`CleanTimeoutError`, answered
 * 504). Cleaning runs in a piscina worker pool, so a timed-out article's
 * worker is stopped (and replaced) instead of blocking the event loop;
 * `threads: 0` cleans on the main thread, where the limit can only be
 * checked between steps.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { cleanArticle, type ArticleInput, type ArticleResult } from '../hook.js';
import type { CleanOptions } from '../pipeline.js';
import { InputError } from '../input.js';
import type { CleanOutcome, CleanTask } from './worker.js';

export class OverloadError extends Error {
  override name = 'OverloadError';
}

export class CleanTimeoutError extends Error {
  override name = 'CleanTimeoutError';
}

/**
 * Admission and deadline for one kind of work, shared by cleaning and
 * previews: at most `concurrency` in flight (`OverloadError`), each given
 * `timeoutMs` from admission (`CleanTimeoutError`), its signal aborted then.
 */
export class Limiter {
  #inFlight = 0;
  constructor(
    readonly concurrency: number,
    readonly timeoutMs: number,
    /** How to name the work in errors: "articles are being cleaned", "cleaning". */
    readonly words: { busy: string; doing: string },
  ) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>, onTimeout?: () => void): Promise<T> {
    if (this.#inFlight >= this.concurrency) throw new OverloadError(`${this.#inFlight} ${this.words.busy}; try again shortly`);
    this.#inFlight++;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        onTimeout?.();
        reject(new CleanTimeoutError(`${this.words.doing} took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([work(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
      this.#inFlight--;
    }
  }
}

export interface CleanerOptions {
  threads: number;
  concurrency: number;
  timeoutMs: number;
}

/** The compiled worker: next to this file when running from `dist`, else from `dist` (tests run the sources). */
export function workerFile(): string {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  const built = fileURLToPath(new URL('../../dist/src/server/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`copydesk: the clean worker is not built (${built}); run \`npm run build\` first`);
}

const WARM_UP: CleanTask = { input: { content: 'Warm up.', format: 'markdown' }, options: {} };

export class Cleaner {
  readonly threads: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  #pool: Piscina<CleanTask, CleanOutcome> | undefined;
  readonly #limiter: Limiter;
  #rewarming: Promise<unknown> | undefined;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(options: Partial<CleanerOptions> = {}) {
    this.threads = options.threads ?? Math.max(1, availableParallelism());
    this.concurrency = options.concurrency ?? 32;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#limiter = new Limiter(this.concurrency, this.timeoutMs, { busy: 'articles are being cleaned', doing: 'cleaning' });
    if (this.threads > 0) {
      this.#pool = new Piscina<CleanTask, CleanOutcome>({
        filename: workerFile(),
        minThreads: this.threads,
        maxThreads: this.threads,
        idleTimeout: Number.POSITIVE_INFINITY,
        // No queue limit of the pool's own: `concurrency` bounds what reaches it.
      });
    }
  }

  get inFlight(): number {
    return this.#limiter.inFlight;
  }

  /** Loads the pipeline in every worker, so the first articles are not slow. */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: Math.max(this.threads, 1) }, () => this.#run(WARM_UP, undefined)));
  }

  async clean(input: ArticleInput, options: CleanOptions): Promise<ArticleResult> {
    return this.#limiter.run(
      (signal) => this.#run({ input, options }, signal),
      () => {
        // The aborted worker is replaced by a new one, which loads the pipeline on its
        // first task: give it one that cannot be aborted, or short articles queued behind
        // could time out on that loading and stop worker after worker.
        if (this.#pool && !this.#rewarming) {
          this.#rewarming = this.#run(WARM_UP, undefined)
            .catch(() => undefined)
            .finally(() => (this.#rewarming = undefined));
        }
      },
    );
  }

  async #run(task: CleanTask, signal: AbortSignal | undefined): Promise<ArticleResult> {
    if (!this.#pool) return cleanArticle(task.input, task.options);
    await this.#acquire(signal);
    try {
      // A task aborted while running stops its worker; the pool starts a new one.
      const outcome = await this.#pool.run(task, { signal: signal ?? null });
      if ('inputError' in outcome) throw new InputError(outcome.inputError);
      return outcome.result;
    } finally {
      this.#release();
    }
  }

  /**
   * At most one task per thread is handed to the pool; the rest wait here.
   * Measured: with 16 tasks queued inside piscina, each article took twice
   * as long in the workers (and throughput halved) as with one per thread.
   */
  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.#running < this.threads) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', abort);
        this.#running++;
        resolve();
      };
      const abort = () => {
        const at = this.#waiting.indexOf(start);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(new CleanTimeoutError('aborted while waiting for a worker'));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.#waiting.push(start);
    });
  }

  #release(): void {
    this.#running--;
    this.#waiting.shift()?.();
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }
}
