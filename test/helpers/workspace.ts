/** Temporary folders for tests, removed again so repeated runs leave nothing in the system's temp folder. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temporary folder, with `files` written into it. */
export function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-test-'));
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
export function workspaces(): (files?: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeWorkspace));
  return (files = {}) => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
}
