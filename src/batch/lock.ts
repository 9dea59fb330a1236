/**
 * One run at a time per output: an exclusive lock on the out-dir (for
 * `--in-place`, on the working folder's state), taken before the run reads or
 * clears any state.
 *
 * The lock itself is proper-lockfile's: a `.copydesk-lock` folder made with
 * mkdir (atomic, on a local or a network file system) whose mtime the holder
 * refreshes; one not refreshed for `STALE_MS` is stale. Beside it,
 * `.copydesk-lock.json` names the holder (pid, host, start, command), so a
 * second run is refused with a line that says which run holds it, and a lock
 * left by a process that is gone (kill -9, a crash) on this host is broken at
 * once instead of after the stale period.
 */
import { hostname } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export const LOCK_NAME = '.copydesk-lock';
const STALE_MS = 20_000;

export class LockedError extends Error {
  override name = 'LockedError';
}

interface Holder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export interface OutputLock {
  /** Gives the lock up (idempotent). */
  release(): Promise<void>;
}

/**
 * Locks `dir` (which must exist) for this process. `onLost` is called if the
 * lock is taken away while the run goes on (its folder removed, or its mtime
 * not refreshed for a long time): the run must stop writing.
 */
export async function lockOutput(dir: string, onLost: (error: Error) => void): Promise<OutputLock> {
  const lockPath = join(dir, LOCK_NAME);
  const infoPath = `${lockPath}.json`;
  const options = { lockfilePath: lockPath, realpath: false, stale: STALE_MS, onCompromised: onLost };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = await readHolder(infoPath);
    if (!holder || holder.host !== hostname() || isAlive(holder.pid)) throw new LockedError(lockedMessage(dir, holder));
    // the holder is gone without unlocking (killed): its lock is stale now, not in STALE_MS
    await rm(lockPath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
      throw new LockedError(lockedMessage(dir, await readHolder(infoPath)));
    }
  }
  const holder: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: process.argv.slice(2).join(' ') };
  await writeFile(infoPath, `${JSON.stringify(holder)}\n`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(infoPath, { force: true });
      await release().catch(() => {}); // already compromised: nothing left to remove
    },
  };
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    return undefined; // taken a moment ago and not yet named, or from an older copydesk
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

function lockedMessage(dir: string, holder: Holder | undefined): string {
  const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.started}: copydesk ${holder.command}` : 'another run';
  return `${dir} is in use by ${who}; wait for it to finish (or stop it), then run again`;
}
