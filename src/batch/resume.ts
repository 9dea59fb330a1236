/**
 * What a run has finished, kept so `--resume` can go on after Ctrl-C, a kill,
 * a crash or a full disk without redoing finished articles, and without
 * trusting anything that is not on disk.
 *
 * The state folder (`<out-dir>/.copydesk-state`, or `.copydesk-state` in the
 * working folder for `--in-place`) holds:
 *
 * - `run.json`: what the run was (inputs, outputs, options); resuming a
 *   different run is refused.
 * - `done.log`: articles in files of their own whose output is in place
 *   (appended and fsynced in batches).
 * - `<hash>.ckpt`: for each export being rewritten, checkpoints appended as
 *   the output grows: how far the input was read, how long the output is, a
 *   hash of the output's last bytes, and the scanner's state there. A
 *   checkpoint is written only after the output up to it has been flushed and
 *   fsynced, so it never counts bytes that are not on disk. The output is
 *   `.<name>.copydesk-partial` beside the target, renamed into place when
 *   complete. Resuming checks the partial output against the last
 *   checkpoint (at least that long, the same tail), cuts it back to it, and
 *   reads the input on from that offset; when they disagree it refuses.
 *
 * The folder is only touched under the out-dir's lock (lock.ts). A fresh run
 * (no `--resume`) clears it; a run that completes removes it.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writing } from './faults.js';
import type { ScanState } from './split.js';

export const STATE_FOLDER = '.copydesk-state';

/** Bytes at the end of a partial output whose hash a checkpoint keeps. */
export const TAIL_BYTES = 64 * 1024;

export interface Checkpoint {
  /** Where to read the input on from. */
  scan: ScanState;
  /** Length of the partial output at that point (bytes), flushed and fsynced. */
  out: number;
  /** sha256 (hex) of the output's last `min(out, TAIL_BYTES)` bytes. */
  tail: string;
  /** Articles finished up to there. */
  articles: number;
  /** Records rewritten up to there (none: an export in place is left as it was). */
  changed?: number;
}

export class ResumeError extends Error {
  override name = 'ResumeError';
}

export function partialPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.copydesk-partial`);
}

/** The hash a checkpoint keeps of the `length` first bytes of an open file: its last TAIL_BYTES of them. */
export async function tailHash(handle: FileHandle, length: number): Promise<string> {
  const size = Math.min(length, TAIL_BYTES);
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const { bytesRead } = await handle.read(buffer, read, size - read, length - size + read);
    if (!bytesRead) break;
    read += bytesRead;
  }
  return createHash('sha256').update(buffer.subarray(0, read)).digest('hex');
}

/**
 * Resuming: checks that the partial output holds what the checkpoint says
 * was on disk, then cuts off what came after it (written after the last
 * checkpoint, perhaps half a record). Returns the open file, for appending.
 * A partial output that is gone means that export starts over (undefined).
 */
export async function reopenPartial(partial: string, checkpoint: Checkpoint): Promise<FileHandle | undefined> {
  if (!(await stat(partial).catch(() => undefined))) return undefined;
  // appending ('a+'): every write goes to the end, wherever a read or the truncation left the position
  const handle = await writing(partial, () => open(partial, 'a+'));
  try {
    const { size } = await handle.stat();
    if (size < checkpoint.out) {
      throw new ResumeError(`${partial}: ${size} bytes, but ${checkpoint.out} were on disk at the last checkpoint: it was changed since; run without --resume to start over`);
    }
    if ((await tailHash(handle, checkpoint.out)) !== checkpoint.tail) {
      throw new ResumeError(`${partial}: its content up to the last checkpoint (${checkpoint.out} bytes) is not what was written: it was changed since; run without --resume to start over`);
    }
    await writing(partial, () => handle.truncate(checkpoint.out));
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export class RunState {
  private log: FileHandle | undefined;
  private pending = '';
  private flushed = performance.now();
  private readonly checkpoints = new Map<string, FileHandle>();

  private constructor(
    readonly dir: string,
    private readonly done: Set<string>,
    /** True when an earlier run's state was found and is being continued. */
    readonly resuming: boolean,
  ) {}

  static async open(dir: string, signature: unknown, resume: boolean): Promise<RunState> {
    const run = JSON.stringify(signature);
    if (resume) {
      const previous = await readFile(join(dir, 'run.json'), 'utf8').catch(() => undefined);
      if (previous !== undefined) {
        let recorded: unknown;
        try {
          recorded = (JSON.parse(previous) as { run: unknown }).run;
        } catch {
          throw new ResumeError(`${join(dir, 'run.json')}: not readable (cut short?); run without --resume to start over`);
        }
        if (JSON.stringify(recorded) !== run) {
          throw new ResumeError(`${dir}: the interrupted run had other inputs or options; run it with those, or without --resume to start over`);
        }
        const log = await readFile(join(dir, 'done.log'), 'utf8').catch(() => '');
        // the last line may be cut short (a full disk): only whole lines count
        const done = new Set(log.slice(0, log.lastIndexOf('\n') + 1).split('\n').filter(Boolean));
        return new RunState(dir, done, true);
      }
    }
    await writing(dir, async () => {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'run.json'), `${JSON.stringify({ run: signature, started: new Date().toISOString() })}\n`);
    });
    return new RunState(dir, new Set(), false);
  }

  get doneCount(): number {
    return this.done.size;
  }

  isDone(key: string): boolean {
    return this.done.has(key);
  }

  /**
   * Records an article whose output is in place. Written in batches (every
   * 200 ms or 64 KB): a kill may lose the last few entries, whose articles are
   * then cleaned again, to the same result.
   */
  async markDone(key: string): Promise<void> {
    this.pending += `${key}\n`;
    if (this.pending.length > 65_536 || performance.now() - this.flushed > 200) await this.flushLog();
  }

  private async flushLog(): Promise<void> {
    this.flushed = performance.now();
    if (!this.pending) return;
    const path = join(this.dir, 'done.log');
    const text = this.pending;
    this.pending = '';
    await writing(path, async () => {
      this.log ??= await open(path, 'a');
      await this.log.writeFile(text);
      await this.log.datasync();
    });
  }

  private checkpointPath(key: string): string {
    return join(this.dir, `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.ckpt`);
  }

  async loadCheckpoint(key: string): Promise<Checkpoint | undefined> {
    if (!this.resuming) return undefined;
    const text = await readFile(this.checkpointPath(key), 'utf8').catch(() => '');
    const lines = text.split('\n').filter(Boolean);
    // the last line may be cut short by a kill or a full disk: take the last one that parses
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        const checkpoint = JSON.parse(lines[i]!) as Checkpoint;
        if (typeof checkpoint.out === 'number' && typeof checkpoint.tail === 'string') return checkpoint;
      } catch {
        continue;
      }
    }
    return undefined;
  }

  /** Appends a checkpoint (and fsyncs it). The output it counts must be fsynced already. */
  async saveCheckpoint(key: string, checkpoint: Checkpoint): Promise<void> {
    const path = this.checkpointPath(key);
    await writing(path, async () => {
      let handle = this.checkpoints.get(key);
      if (!handle) {
        handle = await open(path, 'a');
        this.checkpoints.set(key, handle);
      }
      await handle.writeFile(`${JSON.stringify(checkpoint)}\n`);
      await handle.datasync();
    });
  }

  /** Closes the files; a complete run removes the state folder. Left as it is on a failure, for `--resume`. */
  async close(complete: boolean): Promise<void> {
    try {
      await this.flushLog();
    } finally {
      await this.log?.close().catch(() => {});
      for (const handle of this.checkpoints.values()) await handle.close().catch(() => {});
      this.checkpoints.clear();
    }
    if (complete) await rm(this.dir, { recursive: true, force: true });
  }
}
