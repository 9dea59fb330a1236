/**
 * Which files a folder or glob run passes over, as remark-cli, ESLint and
 * Prettier users expect:
 *
 * - always: anything under `node_modules` and under dot-folders (`.git`, `.cache`…);
 * - `.copydeskignore` (gitignore syntax), the nearest one from the working
 *   folder upwards, its patterns relative to its own folder; or the file
 *   named with `--ignore-path` instead;
 * - `--ignore-pattern <pattern>` (repeatable), relative to the working folder.
 *
 * A file named on the command line is cleaned whatever the patterns say:
 * it was asked for by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { InputError } from '../input.js';

export const IGNORE_FILE = '.copydeskignore';

/** Folders never descended into by a folder or glob run. */
export const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.*/**'];

export interface IgnoreOptions {
  /** `--ignore-path`: this file instead of the nearest `.copydeskignore`. */
  ignorePath?: string | undefined;
  /** `--ignore-pattern`: more patterns, relative to `cwd`. */
  ignorePatterns?: string[] | undefined;
  cwd?: string | undefined;
}

interface Rules {
  base: string;
  rules: Ignore;
}

/** The nearest `.copydeskignore` from `cwd` up to the root, if any. */
export function findIgnoreFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, IGNORE_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A test of absolute paths: true for a file to pass over. */
export type Ignorer = (path: string) => boolean;

export function createIgnorer(options: IgnoreOptions = {}): Ignorer {
  const cwd = resolve(options.cwd ?? process.cwd());
  const sets: Rules[] = [];
  const file = options.ignorePath !== undefined ? resolve(cwd, options.ignorePath) : findIgnoreFile(cwd);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${options.ignorePath ?? file}: ${code === 'ENOENT' ? 'no such ignore file' : `cannot read (${code})`}`);
    }
    sets.push({ base: dirname(file), rules: ignore().add(text) });
  }
  if (options.ignorePatterns?.length) sets.push({ base: cwd, rules: ignore().add(options.ignorePatterns) });
  return (path: string) => {
    for (const { base, rules } of sets) {
      const rel = relative(base, path);
      if (!rel || rel.startsWith('..') || isAbsolute(rel)) continue; // outside the file's folder: not its business
      if (rules.ignores(sep === '/' ? rel : rel.split(sep).join('/'))) return true;
    }
    return false;
  };
}
