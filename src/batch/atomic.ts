/**
 * Atomic writes: the data goes to a temporary file beside the target, then a
 * rename puts it in place, so the target is always either the old file or the
 * whole new one, never half of it. The temporary name is fixed per target
 * (`.name.copydesk-tmp`) so an interrupted run knows what to clear away.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { access, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.copydesk-tmp`);
}

const made = new Set<string>();

/** Fills the temporary file beside `target`, then renames it into place; on failure the temporary file goes. */
function viaTempSync(target: string, fill: (temp: string) => void): void {
  const temp = tempPathFor(target);
  try {
    fill(temp);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

async function viaTemp(target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fill(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The same, synchronously, for the pool workers: a worker cleans one article
 * at a time, and a small synchronous write costs less CPU than a round trip
 * through libuv's thread pool.
 */
export function writeAtomicSync(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  viaTempSync(path, (temp) => writeFileSync(temp, data));
}

export function copyAtomicSync(from: string, to: string, options: { keepExisting?: boolean | undefined } = {}): void {
  if (options.keepExisting && existsSync(to)) return;
  viaTempSync(to, (temp) => copyFileSync(from, temp));
}

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await viaTemp(path, (temp) => writeFile(temp, data));
}

/** Copies `from` to `to` atomically; with `keepExisting`, an existing `to` is left as it is. */
export async function copyAtomic(from: string, to: string, options: { keepExisting?: boolean | undefined } = {}): Promise<void> {
  if (options.keepExisting && (await exists(to))) return;
  await viaTemp(to, (temp) => copyFile(from, temp));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
