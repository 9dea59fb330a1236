/** Running the built CLI on temporary folders, for the batch tests. */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/src/cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `copydesk ...args` to completion (not on a terminal, so no progress bar).
 * One worker unless the test asks for more: starting workers is most of a small run's time.
 */
export function cli(args: string[], options: { cwd: string; input?: string | Buffer }): CliResult {
  const jobs = args[0] === 'batch' && !args.some((a) => a === '--jobs' || a === '-j') ? ['--jobs', '1'] : [];
  const result = spawnSync(process.execPath, [CLI, ...args, ...jobs], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `copydesk ...args` and leaves it running. */
export function startCli(args: string[], options: { cwd: string }) {
  return spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
}

export { removeWorkspace, workspace, workspaces } from './helpers/workspace.js';
