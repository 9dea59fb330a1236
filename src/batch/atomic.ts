/**
 * Atomic writes: the data goes to a temporary file beside the target, then a
 * rename puts it in place, so the target is always either the old file or the
 * whole new one, never half of it. The temporary name is fixed per target
 * (`.name.copydesk-tmp`) so an interrupted run knows what to clear away.
 */
import { constants, copyFileSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** The candidate names of a backup: `base`, then `base.2`, `base.3`, … */
function backupName(base: string, n: number): string {
  return n === 1 ? base : `${base}.${n}`;
}

/**
 * Keeps a copy of `from` as a backup, never overwriting one: an existing
 * backup with the same bytes serves (a second run, a resumed run), else the
 * next free name is used (`base`, `base.2`, `base.3`, …). The copy is filled
 * beside it and linked into place, which fails rather than replace a file
 * that appeared meanwhile. A backup that serves clears its temporary file,
 * which a run killed between the link and the removal leaves. Returns the
 * backup's path.
 */
export function backupSync(from: string, base: string): string {
  const data = readFileSync(from);
  for (let n = 1; ; n++) {
    const path = backupName(base, n);
    const size = statSync(path, { throwIfNoEntry: false })?.size;
    if (size === undefined) {
      const temp = tempPathFor(path);
      try {
        writeFileSync(temp, data);
        linkNoClobberSync(temp, path);
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temp, { force: true });
      }
    }
    if (size === data.length && readFileSync(path).equals(data)) {
      rmSync(tempPathFor(path), { force: true });
      return path;
    }
  }
}

/** `backupSync` for an export, which may be large: compared and copied without reading it whole. */
export async function backup(from: string, base: string): Promise<string> {
  const { size: length } = await stat(from);
  for (let n = 1; ; n++) {
    const path = backupName(base, n);
    const size = (await stat(path).catch(() => undefined))?.size;
    if (size === undefined) {
      const temp = tempPathFor(path);
      try {
        await copyFile(from, temp);
        await linkNoClobber(temp, path);
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await rm(temp, { force: true });
      }
    }
    if (size === length && (await sameBytes(from, path))) {
      await rm(tempPathFor(path), { force: true });
      return path;
    }
  }
}

/** File systems without hard links (FAT, some network shares): an exclusive copy, which fails the same way on an existing file. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function linkNoClobberSync(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(temp, path, constants.COPYFILE_EXCL);
  }
}

async function linkNoClobber(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(temp, path, constants.COPYFILE_EXCL);
  }
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const bx = Buffer.alloc(1 << 20);
    const by = Buffer.alloc(1 << 20);
    for (let position = 0; ; position += bx.length) {
      const [rx, ry] = await Promise.all([x.read(bx, 0, bx.length, position), y.read(by, 0, by.length, position)]);
      if (rx.bytesRead !== ry.bytesRead || !bx.subarray(0, rx.bytesRead).equals(by.subarray(0, ry.bytesRead))) return false;
      if (rx.bytesRead < bx.length) return true;
    }
  } finally {
    await Promise.all([x.close(), y.close()]);
  }
}

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await viaTemp(path, (temp) => writeFile(temp, data));
}
