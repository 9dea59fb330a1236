/**
 * What a batch reads: the command line's inputs turned into sources.
 *
 *   notes/a.md          an article (format from the extension)
 *   archive/            every article under it (.txt .md .html …), recursively
 *                       (not node_modules, dot-folders, nor what .copydeskignore or
 *                       --ignore-pattern names: see src/cli/ignore.ts)
 *   'wire/**\/*.html'   a glob (quote it, so the shell leaves it alone)
 *   export.jsonl        JSON Lines, one article per line (`--field`, `--id-field`)
 *   ghost.json          a Ghost export
 *   wordpress.xml       a WordPress WXR export
 *   -                   stdin: an article, or an export with `--input-type`/`--field`
 *
 * A missing input is an `InputError` before anything is read or written.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { formatFromPath, InputError, type Format } from '../input.js';
import type { ExportKind } from './split.js';
import { ALWAYS_SKIPPED, type Ignorer } from '../cli/ignore.js';

export const INPUT_TYPES = ['article', 'jsonl', 'ghost', 'wxr'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export interface Source {
  kind: 'article' | ExportKind;
  /** Absolute path, or `-` for stdin. */
  path: string;
  /** Name in reports: relative to the working folder when inside it. */
  name: string;
  /** Path below the input it was found in (a folder or a glob's base), for mirroring the layout. */
  rel: string;
  /** Articles: their format. */
  format?: Format | undefined;
}

export interface InputOptions {
  inputType?: InputType | undefined;
  /** Format of articles on stdin or with an unknown extension. */
  format?: Format | undefined;
  /** JSON Lines options were given: stdin is JSON Lines. */
  jsonl?: boolean | undefined;
  /** Folders not to descend into (the output folder, the state folder). */
  ignore?: string[] | undefined;
  /** Files a folder or glob passes over (`.copydeskignore`, `--ignore-pattern`); named files are read whatever it says. */
  ignorer?: Ignorer | undefined;
  cwd?: string | undefined;
  /** Told of what a folder holds that is not read (symbolic links: they are not followed). */
  onSkip?: ((name: string, reason: string) => void) | undefined;
}

const ARTICLE_GLOB = '**/*.{txt,text,md,markdown,mdown,html,htm,xhtml}';

const EXPORT_EXTENSIONS: Record<string, ExportKind> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'ghost',
  '.xml': 'wxr',
  '.wxr': 'wxr',
};

export async function resolveInputs(inputs: string[], options: InputOptions = {}): Promise<Source[]> {
  const cwd = options.cwd ?? process.cwd();
  const sources: Source[] = [];
  const seen = new Set<string>();
  const add = (source: Source) => {
    if (source.path !== '-' && seen.has(source.path)) return;
    seen.add(source.path);
    sources.push(source);
  };
  for (const input of inputs) {
    if (input === '-') {
      const kind = options.inputType ?? (options.jsonl ? 'jsonl' : 'article');
      if (kind === 'article' && !options.format) throw new InputError('stdin: pass --format text|markdown|html (or --input-type jsonl|ghost|wxr for an export)');
      add({ kind, path: '-', name: 'stdin', rel: kind === 'article' ? `stdin${extensionOf(options.format)}` : `stdin.${kind === 'wxr' ? 'xml' : kind === 'ghost' ? 'json' : 'jsonl'}`, format: options.format });
      continue;
    }
    const path = resolve(cwd, input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const ignore = (options.ignore ?? []).map((p) => relative(path, p)).filter((p) => p && !p.startsWith('..') && !isAbsolute(p)).map((p) => `${toPosix(p)}/**`);
      const found = (await glob(ARTICLE_GLOB, { cwd: path, ignore: [...ignore, ...ALWAYS_SKIPPED], followSymbolicLinks: false })).filter((rel) => !options.ignorer?.(resolve(path, rel)));
      if (options.onSkip) for (const link of await symlinksUnder(path, options.ignore ?? [])) if (!options.ignorer?.(link)) options.onSkip(displayName(link, cwd), 'a symbolic link: not followed, not cleaned');
      if (!found.length) throw new InputError(`${input}: no article (.txt, .md, .html) in this folder${options.ignorer ? ' (outside ignored paths)' : ''}`);
      for (const rel of found.sort()) add(classify(resolve(path, rel), rel, cwd, options, 'article'));
    } else if (info) {
      add(classify(path, input.split(/[\\/]/).pop()!, cwd, options, options.inputType));
    } else if (isDynamicPattern(input)) {
      const base = globBase(input);
      const found = (await glob(input, { cwd, absolute: true, ignore: [...(options.ignore ?? []).map((p) => `${toPosix(relative(cwd, p))}/**`), ...ALWAYS_SKIPPED] })).filter((file) => !options.ignorer?.(resolve(file)));
      if (!found.length) throw new InputError(`${input}: no file matches`);
      for (const file of found.sort()) add(classify(resolve(file), relative(resolve(cwd, base), file), cwd, options, options.inputType));
    } else throw new InputError(`${input}: no such file or folder`);
  }
  return sources;
}

/** Symbolic links under a folder (outside dot folders and the ignored ones) that the article glob passes over without a word. */
async function symlinksUnder(dir: string, ignore: string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const links: string[] = [];
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const path = resolve(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name);
    const rel = relative(dir, path);
    if (rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules')) continue;
    if (ignore.some((p) => path === p || path.startsWith(p + sep))) continue;
    const target = await stat(path).catch(() => undefined);
    // a link to an article file or to a folder (which may hold articles)
    if (target?.isDirectory() || (target?.isFile() && formatFromPath(path))) links.push(path);
  }
  return links.sort();
}

function classify(path: string, rel: string, cwd: string, options: InputOptions, forced: InputType | undefined): Source {
  const name = displayName(path, cwd);
  const kind = forced ?? EXPORT_EXTENSIONS[extname(path).toLowerCase()] ?? 'article';
  if (kind !== 'article') return { kind, path, name, rel };
  const format = formatFromPath(path) ?? options.format;
  if (!format) throw new InputError(`${name}: cannot tell the format from the extension; pass --format text|markdown|html`);
  return { kind, path, name, rel, format };
}

export function displayName(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? toPosix(rel) : path;
}

/** The folder part of a glob before its first pattern segment: `wire/2024/*.html` → `wire/2024`. */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const base: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isDynamicPattern(part)) break;
    base.push(part);
  }
  return base.join('/') || '.';
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function extensionOf(format: Format | undefined): string {
  return format === 'html' ? '.html' : format === 'text' ? '.txt' : '.md';
}
