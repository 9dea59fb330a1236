/** `copydesk clean <file>`: one article in, cleaned Markdown (or JSON) out. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { reporter } from 'vfile-reporter';
import { VFile } from 'vfile';
import { clean } from '../pipeline.js';
import { formatFromPath, InputError, readBounded, readStdin, type Format } from '../input.js';
import { messageToJson } from '../json.js';
import { cleanOptionsFromConfig, ConfigError, loadConfig } from '../config.js';

export interface CleanCliOptions {
  format?: Format;
  json?: boolean;
  html?: boolean;
  minProseShare?: number;
  quiet?: boolean;
  config?: string;
}

/** Largest article read, to keep memory bounded. */
const MAX_BYTES = 64 * 1024 * 1024;

export async function runClean(path: string, opts: CleanCliOptions): Promise<number> {
  try {
    const bytes = await readInput(path);
    const format = opts.format ?? (path === '-' ? undefined : formatFromPath(path));
    if (!format) throw new InputError(`${path}: cannot tell the format from the extension; pass --format text|markdown|html`);
    // The same configuration as batch, serve and preview: rules, plugin options, dictionaries.
    const { config } = await loadConfig({ configPath: opts.config });
    const options = cleanOptionsFromConfig(config);
    if (opts.minProseShare !== undefined) options.minProseShare = opts.minProseShare;
    const result = await clean(bytes, { ...options, format, path: path === '-' ? 'stdin' : path });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ title: result.title, markdown: result.markdown, html: result.html, messages: result.messages.map(messageToJson), meta: result.meta })}\n`);
    } else {
      process.stdout.write(opts.html ? `${result.html}\n` : result.markdown);
      if (!opts.quiet) {
        const file = new VFile({ path: path === '-' ? 'stdin' : path });
        file.messages = result.messages;
        process.stderr.write(`${reporter(file, { verbose: false })}\n`);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError) {
      process.stderr.write(`copydesk: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') return readStdin(MAX_BYTES);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code})`);
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a folder, not an article`);
  if (info.size > MAX_BYTES) throw new InputError(`${path}: larger than ${MAX_BYTES / 1024 / 1024} MB`);
  // The limit is applied as the bytes arrive too: a pipe or a device (/dev/zero) has no size to stat.
  try {
    return await readBounded(createReadStream(path), MAX_BYTES, path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code})`);
  }
}
