/**
 * `copydesk preview <file>`: the editorial preview for one article. Starts the
 * server on a free loopback port with a fresh one-time token, allowed to
 * serve that file and nothing else, prints the page's URL (the article
 * loaded, the token in the fragment) as the first line on stdout, and serves
 * until stopped (SIGINT/SIGTERM). Logs go to stderr.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { type Format } from '../input.js';
import { createServer } from '../server/app.js';
import { serverOptionsFromConfig } from '../server/options.js';
import { sourceNames } from '../server/preview.js';
import { serveUntilSignal, startOrExplain } from './lifecycle.js';

export interface PreviewCliOptions {
  port?: number;
  format?: Format;
  config?: string;
  quiet?: boolean;
  silent?: boolean;
}

/** The page URL for a source: name in the query, token in the fragment (never sent to a server, never logged). */
export function previewUrl(base: string, name: string, token: string, format?: Format): string {
  const query = new URLSearchParams({ source: name, ...(format ? { format } : {}) });
  return `${base}/?${query.toString()}#token=${encodeURIComponent(token)}`;
}

export async function runPreview(file: string, opts: PreviewCliOptions): Promise<number> {
  const path = resolve(file);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.R_OK);
  } catch {
    process.stderr.write(`copydesk: ${file}: no such readable file\n`);
    return 2;
  }
  const token = randomBytes(24).toString('base64url');
  const server = await startOrExplain(async () => {
    const { config, filepath } = await loadConfig({ configPath: opts.config });
    const base = serverOptionsFromConfig(config, {} as NodeJS.ProcessEnv, { host: '127.0.0.1', port: opts.port ?? 0 }, filepath);
    return createServer({
      ...base,
      host: '127.0.0.1',
      token,
      ghost: undefined,
      corsOrigins: undefined,
      staticRoot: undefined,
      threads: 1,
      logLevel: opts.silent ? 'error' : 'warn',
      logStream: process.stderr,
      preview: { page: true, files: [path] },
    });
  });
  if (!server) return 2;
  const url = await server.listen();
  const [name] = sourceNames([path]).keys();
  process.stdout.write(`${previewUrl(url, name ?? basename(path), token, opts.format)}\n`);
  if (!opts.quiet && !opts.silent) process.stderr.write('copydesk preview: open the URL above in a browser; Ctrl+C stops the server.\n');
  await serveUntilSignal(server, 5_000);
  return 0;
}
