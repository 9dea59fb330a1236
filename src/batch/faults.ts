/**
 * Operational failures: the file system refusing a write (disk full, quota,
 * read-only, no permission, I/O error). Unlike a bad article, which fails
 * alone, these stop the run: every later write would fail the same way. They
 * are told in one line (`copydesk: <path>: <what> (<code>)`), never a stack.
 */
import { isAbsolute, relative } from 'node:path';

/** errno codes that mean "the output cannot be written", not "this article is bad". */
const OUTPUT_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EFBIG', 'EMFILE', 'ENFILE', 'ENOTDIR', 'EISDIR', 'ENOENT', 'EBADF']);

const WHAT: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EFBIG: 'file too large for the file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'a folder is in the way',
  ENOENT: 'no such file or folder (removed while the run went on?)',
};

/** A path as the user would write it: relative to the working folder when inside it. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** A write that failed for a reason of the file system: the run stops, cleanly. */
export class OutputFault extends Error {
  override name = 'OutputFault';
  constructor(
    readonly code: string,
    readonly path: string | undefined,
    cause?: unknown,
  ) {
    super(`${path ? `${displayName(path)}: ` : ''}${WHAT[code] ?? 'cannot write'} (${code})`, { cause });
  }
}

/** The error as an `OutputFault` when it is one (an errno error from a write), else undefined. */
export function outputFault(error: unknown, path?: string): OutputFault | undefined {
  if (error instanceof OutputFault) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !OUTPUT_CODES.has(code)) return undefined;
  return new OutputFault(code, path ?? (error as NodeJS.ErrnoException).path, error);
}

/** Runs a write; a file-system refusal comes out as an `OutputFault` naming `path`. */
export async function writing<T>(path: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw outputFault(error, path) ?? error;
  }
}
