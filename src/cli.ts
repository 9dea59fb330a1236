#!/usr/bin/env node
/** The `copydesk` command. */
import { Command, InvalidArgumentError } from 'commander';
import { addReportOptions, cleanHandsOver, cleanMany, registerBatch } from './batch/command.js';
import { FORMATS, isFormat, type Format } from './input.js';
import { loadPart } from './cli/optional.js';
import { VERSION } from './version.js';

const program = new Command('copydesk')
  .description('Clean machine-translated financial news before it is republished.')
  .version(VERSION)
  .showHelpAfterError('(add --help for usage)')
  // Usage errors exit 2, as documented; set before the commands so they inherit it.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

const clean = program
  .command('clean')
  .description('clean one article; cleaned Markdown on stdout, a report on stderr')
  .argument('<files...>', 'article (.txt, .md, .html), or - for stdin; several, a folder or a glob: as `copydesk batch`')
  .option('-f, --format <format>', `input format (${FORMATS.join('|')}); default: from the extension, on stdin guessed from the text`, parseFormat)
  .option('--stdin-filename <name>', 'the name stdin is reported under; its extension gives the format')
  .option('--json', 'print one JSON object { markdown, html, messages } on stdout')
  .option('--html', 'print the cleaned HTML instead of Markdown')
  .option('--diff', 'print a unified diff of what would change (the article in its own format), write nothing')
  .option('--min-prose-share <share>', 'share of prose removals must leave, 0-1', parseShare)
  .option('-o, --out-dir <dir>', 'write cleaned files here instead of stdout (as `copydesk batch`)')
  .option('-c, --config <file>', 'config file (default: found from the working folder)');
addReportOptions(clean).action(async (files: string[], opts) => {
  if (opts.diff && (opts.json || opts.html || opts.outDir !== undefined)) usage('--diff prints a diff: it excludes --json, --html and --out-dir');
  if (await cleanHandsOver(files, opts)) {
    if (opts.diff) {
      const { runCleanDiffMany } = await import('./cli/clean.js');
      process.exitCode = await runCleanDiffMany(files, opts);
      return;
    }
    process.exitCode = await cleanMany(files, opts);
    return;
  }
  // the pipeline is loaded only where it runs: here for one file, in the pool's workers for many
  const { runClean } = await import('./cli/clean.js');
  process.exitCode = await runClean(files[0]!, opts);
});

registerBatch(program);

program
  .command('serve')
  .description('run the HTTP service (POST /v1/clean, Ghost webhook, /healthz, /readyz, /metrics); token from COPYDESK_TOKEN')
  .option('--host <host>', 'address to listen on (default 127.0.0.1; another needs COPYDESK_TOKEN)')
  .option('--port <port>', 'port (default 8080)', parsePort)
  .option('--config <file>', 'config file (default: found from the working folder)')
  .option('-q, --quiet', 'log only warnings and errors')
  .option('--silent', 'log only errors')
  .action(async (opts) => {
    const { runServe } = await loadPart('service', 'copydesk serve', () => import('./cli/serve.js'));
    process.exitCode = await runServe({ ...opts, logLevel: logLevel(opts) });
  });

program
  .command('preview')
  .description('open an article in the editorial preview: a loopback server, its page URL as the first line on stdout; serves until stopped')
  .argument('<file>', 'article (.txt, .md, .html)')
  .option('-f, --format <format>', `input format (${FORMATS.join('|')}); default: from the extension`, parseFormat)
  .option('--port <port>', 'port (default: a free one)', parsePort)
  .option('--config <file>', 'config file (default: found from the working folder)')
  .option('-q, --quiet', 'no hint on stderr; log only warnings and errors')
  .option('--silent', 'log only errors')
  .action(async (file: string, opts) => {
    const { runPreview } = await loadPart('service', 'copydesk preview', () => import('./cli/preview.js'));
    process.exitCode = await runPreview(file, opts);
  });

/** The service's log level for --quiet and --silent, the same rule as the report of `clean` and `batch`. */
function logLevel(opts: { quiet?: boolean; silent?: boolean }): 'warn' | 'error' | undefined {
  return opts.silent ? 'error' : opts.quiet ? 'warn' : undefined;
}

function usage(text: string): never {
  process.stderr.write(`copydesk: ${text}\n`);
  process.exit(2);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0-65535');
  return n;
}

function parseFormat(value: string): Format {
  if (!isFormat(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value;
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

await program.parseAsync();
