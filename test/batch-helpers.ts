/** Running the built CLI on temporary folders, for the batch tests. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

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

/** A fresh temporary folder, with `files` written into it. */
export function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-batch-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A workspace maker for one test file: every folder it makes is removed after that file's tests. */
export function workspaces(): (files: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeWorkspace));
  return (files) => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
}
