/**
 * What a run has finished, kept so `--resume` can go on after Ctrl-C, a kill
 * or a crash without redoing finished articles.
 *
 * The state folder (`<out-dir>/.copydesk-state`, or `.copydesk-state` in the
 * working folder for `--in-place`) holds:
 *
 * - `run.json`: what the run was (inputs, outputs, options); resuming a
 *   different run is refused.
 * - `done.log`: articles in files of their own whose output is in place.
 * - `<hash>.ckpt`: for each export being rewritten, checkpoints appended as
 *   the output grows: how far the input was read, how long the output is, and
 *   the scanner's state there. The output is `.<name>.copydesk-partial`
 *   beside the target, renamed into place when complete. Resuming truncates
 *   it to the last checkpoint and reads the input on from that offset.
 *
 * A fresh run (no `--resume`) clears the folder; a run that completes
 * removes it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { ScanState } from './split.js';

export const STATE_FOLDER = '.copydesk-state';

export interface Checkpoint {
  /** Where to read the input on from. */
  scan: ScanState;
  /** Length of the partial output at that point (bytes). */
  out: number;
  /** Articles finished up to there. */
  articles: number;
}

export class ResumeError extends Error {
  override name = 'ResumeError';
}

export function partialPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.copydesk-partial`);
}

export class RunState {
  private log: WriteStream | undefined;
  private pending = '';
  private flushed = performance.now();

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
        if (JSON.stringify((JSON.parse(previous) as { run: unknown }).run) !== run) {
          throw new ResumeError(`${dir}: the interrupted run had other inputs or options; run it with those, or without --resume to start over`);
        }
        const log = await readFile(join(dir, 'done.log'), 'utf8').catch(() => '');
        const done = new Set(log.split('\n').filter(Boolean));
        return new RunState(dir, done, true);
      }
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'run.json'), `${JSON.stringify({ run: signature, started: new Date().toISOString() })}\n`);
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
    this.log ??= createWriteStream(join(this.dir, 'done.log'), { flags: 'a' });
    const text = this.pending;
    this.pending = '';
    if (!this.log.write(text)) await once(this.log, 'drain');
  }

  private checkpointPath(key: string): string {
    return join(this.dir, `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.ckpt`);
  }

  async loadCheckpoint(key: string): Promise<Checkpoint | undefined> {
    if (!this.resuming) return undefined;
    const text = await readFile(this.checkpointPath(key), 'utf8').catch(() => '');
    const lines = text.split('\n').filter(Boolean);
    // the last line may be cut short by a kill: take the last one that parses
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        return JSON.parse(lines[i]!) as Checkpoint;
      } catch {
        continue;
      }
    }
    return undefined;
  }

  async saveCheckpoint(key: string, checkpoint: Checkpoint): Promise<void> {
    await appendFile(this.checkpointPath(key), `${JSON.stringify(checkpoint)}\n`);
  }

  /** Closes the log; a complete run removes the state folder. */
  async close(complete: boolean): Promise<void> {
    await this.flushLog();
    if (this.log) {
      this.log.end();
      await once(this.log, 'finish');
    }
    if (complete) await rm(this.dir, { recursive: true, force: true });
  }
}
