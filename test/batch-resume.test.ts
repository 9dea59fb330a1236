/**
 * copydesk batch, interrupted for real: a child process killed mid-run
 * (SIGKILL, SIGINT) leaves no half-written output, and `--resume` finishes
 * the job without redoing what was done.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeWorkspace, startCli, workspace } from './batch-helpers.js';
import { wireMarkdown } from './batch-fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeWorkspace));

/** Resolves when `check` is true (polled), or rejects after `ms`. */
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exitOf(child: ReturnType<typeof startCli>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
}

const stateFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('resume', () => {
  it('a JSON Lines export killed with SIGKILL goes on from its last checkpoint', async () => {
    const n = 800;
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `n${i}`, desk: { region: 'hk' }, body: wireMarkdown(`Story ${i}`, i) }));
    const dir = workspace({ 'feed.jsonl': `${lines.join('\n')}\n` });
    dirs.push(dir);
    const args = ['batch', 'feed.jsonl', '--out-dir', 'out', '--jobs', '1', '--report', 'json', '--report-file', 'report.json'];
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const state = join(dir, 'out/.copydesk-state');
    // a checkpoint written in full (the file appears a moment before its first line)
    await until(() => stateFiles(state).some((f) => f.endsWith('.ckpt') && readFileSync(join(state, f), 'utf8').endsWith('\n')));
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    // no output in its final place: only the partial, hidden, kept for --resume
    expect(existsSync(join(dir, 'out/feed.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'out/.feed.jsonl.copydesk-partial'))).toBe(true);

    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.summary.resumed).toBeGreaterThan(0);
    expect(report.summary.resumed + report.summary.articles).toBe(n); // nothing done twice
    const out = readFileSync(join(dir, 'out/feed.jsonl'), 'utf8').split('\n');
    expect(out).toHaveLength(n + 1);
    out.slice(0, n).forEach((line, i) => {
      const record = JSON.parse(line);
      expect(record.id).toBe(`n${i}`);
      expect(record.desk).toEqual({ region: 'hk' });
      expect(record.body).toContain(`item ${i}.`);
      expect(record.body).not.toContain('Related Articles');
    });
    expect(existsSync(state)).toBe(false);
    expect(readdirSync(join(dir, 'out'))).toEqual(['feed.jsonl']);
  });

  it('a folder run stopped with Ctrl-C (SIGINT) keeps whole files only, and resumes', async () => {
    const n = 240;
    const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [`in/${String(i).padStart(3, '0')}.md`, wireMarkdown(`Story ${i}`, i)]));
    const dir = workspace(files);
    dirs.push(dir);
    const args = ['batch', 'in', '--out-dir', 'out', '--jobs', '1', '--report', 'json', '--report-file', 'report.json'];
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const log = join(dir, 'out/.copydesk-state/done.log');
    await until(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').length > 20);
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);
    const written = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(n);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.includes('copydesk-tmp'))).toEqual([]);
    for (const name of written) expect(readFileSync(join(dir, 'out', name), 'utf8')).toMatch(/second half\.\n$/);

    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.summary.resumed).toBeGreaterThanOrEqual(20);
    expect(report.summary.resumed + report.summary.articles).toBe(n);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(Object.keys(files).map((f) => f.slice(3)).sort());
  });

  it('refuses to resume a different run', () => {
    const dir = workspace({ 'a.md': wireMarkdown('A'), 'out/.copydesk-state/run.json': '{"run":{"inputs":["other"]}}\n' });
    dirs.push(dir);
    const run = cli(['batch', 'a.md', '--out-dir', 'out', '--resume'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('other inputs or options');
  });
});
