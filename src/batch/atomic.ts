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
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function copyAtomicSync(from: string, to: string, options: { keepExisting?: boolean | undefined } = {}): void {
  if (options.keepExisting && existsSync(to)) return;
  const temp = tempPathFor(to);
  try {
    copyFileSync(from, temp);
    renameSync(temp, to);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Copies `from` to `to` atomically; with `keepExisting`, an existing `to` is left as it is. */
export async function copyAtomic(from: string, to: string, options: { keepExisting?: boolean | undefined } = {}): Promise<void> {
  if (options.keepExisting && (await exists(to))) return;
  const temp = tempPathFor(to);
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
