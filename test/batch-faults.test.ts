/**
 * copydesk batch under faults, on real files and processes (the built CLI):
 * a full disk (a small tmpfs) then `--resume`, two runs on one out-dir,
 * kill -9 mid-run (JSON Lines, a folder, `--in-place` text files) then
 * `--resume`, `--in-place --backup` twice, a 65 MB record among good ones, a
 * read-only out-dir. After each, the output is compared byte for byte with
 * the output of an undisturbed run of the same job.
 *
 * The disk faults need a tmpfs (mount): these tests run as root, as the
 * development machine and CI do; without the right to mount they are
 * skipped, saying why. The fault path itself is then still tested without
 * any mount or injection: stdout sent to /dev/full, where the kernel answers
 * every write with ENOSPC.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI, cli, startCli, workspaces, type CliResult } from './batch-helpers.js';
import { CLEAN_TEXT, ghostExport, wireHtml, wireMarkdown, wireText, wxrExport } from './batch-fixtures.js';

const ws = workspaces();
// each test runs the CLI two or three times on a few hundred articles: seconds alone, more on a busy machine
vi.setConfig({ testTimeout: 120_000 });

/** Can this process mount a tmpfs (root, or a container that allows it)? */
const canMount = (() => {
  const probe = join(ws(), 'probe');
  mkdirSync(probe);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const NO_MOUNT = 'needs the right to mount a tmpfs (root): a full or read-only disk cannot be made otherwise';

/** Mounts a tmpfs of `size` (e.g. `300k`) at `dir`; returns the unmount. */
function tmpfs(dir: string, size: string): () => void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return () => execFileSync('umount', [dir]);
}

const remount = (dir: string, options: string) => execFileSync('mount', ['-o', `remount,${options}`, dir]);

/** One line on stderr before the summary: the failure said plainly, no stack trace. */
function expectOneLine(run: CliResult, pattern: RegExp): void {
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('copydesk:'));
  expect(lines.some((l) => pattern.test(l)), run.stderr).toBe(true);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack frame
}

const feedLines = (n: number, prefix = 'n') =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}${i}`, desk: { region: 'hk', seq: i }, body: wireMarkdown(`Story ${prefix}${i}`, i) }));

/** The output of an undisturbed run of the same job, for comparing byte for byte. */
function reference(files: Record<string, string | Buffer>, args: string[], read: string): Buffer {
  const dir = ws(files);
  const run = cli(args, { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(join(dir, read));
}

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function exitOf(child: ReturnType<typeof startCli>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stderr })));
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
const countNul = (bytes: Buffer) => bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);

describe('a full disk', () => {
  it.skipIf(!canMount)('stops with one line (exit 3), leaves a resumable state, and --resume writes exactly the undisturbed output', () => {
    const feed = `${feedLines(800).join('\n')}\n`;
    const args = (out: string) => ['batch', 'feed.jsonl', '--out-dir', out, '--report', 'json', '--report-file', 'report.json'];
    const expected = reference({ 'feed.jsonl': feed }, args('out'), 'out/feed.jsonl');
    expect(expected.length).toBeGreaterThan(300_000);

    const dir = ws({ 'feed.jsonl': feed });
    const small = join(dir, 'small');
    const unmount = tmpfs(small, '120k'); // about a third of the output
    try {
      const full = cli(args('small'), { cwd: dir });
      expect(full.status, full.stderr).toBe(3);
      expectOneLine(full, /no space left on the device \(ENOSPC\).*--resume/);
      expect(full.stderr).toMatch(/articles/); // the summary is still printed
      expect(existsSync(join(small, 'feed.jsonl'))).toBe(false); // never a half export in the final place
      expect(existsSync(join(small, '.copydesk-state/run.json'))).toBe(true);

      remount(small, 'size=4m'); // space freed
      const resumed = cli([...args('small'), '--resume'], { cwd: dir });
      expect(resumed.status, resumed.stderr).toBe(0);
      const out = readFileSync(join(small, 'feed.jsonl'));
      expect(countNul(out)).toBe(0);
      expect(out.equals(expected)).toBe(true);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      expect(report.summary.resumed + report.summary.articles).toBe(800);
      expect(readdirSync(small)).toEqual(['feed.jsonl']); // state, lock and partial gone
    } finally {
      unmount();
    }
  });

  it.skipIf(!canMount)('in a folder run, stops at the first refused file; --resume completes the folder exactly', () => {
    const files = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`in/${String(i).padStart(3, '0')}.md`, wireMarkdown(`Folder story ${i}`, i)]));
    const refDir = ws(files);
    expect(cli(['batch', 'in', '--out-dir', 'out'], { cwd: refDir }).status).toBe(0);
    const dir = ws(files);
    const small = join(dir, 'small');
    const unmount = tmpfs(small, '120k'); // each file takes a 4 KB page: room for about a quarter
    try {
      const full = cli(['batch', 'in', '--out-dir', 'small'], { cwd: dir });
      expect(full.status, full.stderr).toBe(3);
      expectOneLine(full, /ENOSPC/);
      remount(small, 'size=4m');
      const resumed = cli(['batch', 'in', '--out-dir', 'small', '--resume'], { cwd: dir });
      expect(resumed.status, resumed.stderr).toBe(0);
      const names = readdirSync(join(refDir, 'out')).sort();
      expect(readdirSync(small).sort()).toEqual(names);
      for (const name of names) expect(readFileSync(join(small, name), 'utf8')).toBe(readFileSync(join(refDir, 'out', name), 'utf8'));
    } finally {
      unmount();
    }
  });
});

describe('a full device, without mounting anything', () => {
  it('stdout on /dev/full (the kernel answers ENOSPC): one line, exit 3, no stack', () => {
    const dir = ws({ 'feed.jsonl': `${feedLines(20).join('\n')}\n` });
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" batch feed.jsonl --jobs 1 -q > /dev/full`], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(run.status, run.stderr).toBe(3);
    expectOneLine({ status: run.status, stdout: '', stderr: run.stderr }, /^copydesk: stdout: no space left on the device \(ENOSPC\): stopped$/);
    expect(run.stderr).not.toContain('--resume'); // stdout cannot be resumed: not offered
  });
});

describe('a read-only out-dir', () => {
  it.skipIf(!canMount)('is one line and exit 2, before anything is read', () => {
    const dir = ws({ 'a.md': wireMarkdown('A'), 'feed.jsonl': `${feedLines(3).join('\n')}\n` });
    const ro = join(dir, 'ro');
    const unmount = tmpfs(ro, '1m');
    try {
      remount(ro, 'ro'); // root ignores permission bits, not a read-only mount
      for (const input of ['a.md', 'feed.jsonl']) {
        const run = cli(['batch', input, '--out-dir', 'ro'], { cwd: dir });
        expect(run.status, run.stderr).toBe(2);
        expectOneLine(run, /ro: read-only file system \(EROFS\)/);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      unmount();
    }
  });
});

describe('two runs on one out-dir', () => {
  it('the second is refused with one line naming the first, which finishes intact', async () => {
    const n = 2000; // a few seconds of work: the first is still running when the others start
    const dir = ws({ 'feed.jsonl': `${feedLines(n).join('\n')}\n` });
    const first = startCli(['batch', 'feed.jsonl', '--out-dir', 'out', '--jobs', '1'], { cwd: dir });
    const firstExit = exitOf(first);
    await until(() => existsSync(join(dir, 'out/.copydesk-lock.json')));
    const second = cli(['batch', 'feed.jsonl', '--out-dir', 'out'], { cwd: dir });
    expect(second.status).toBe(2);
    expect(second.stderr.trim()).toMatch(new RegExp(`^copydesk: .*out is in use by process ${first.pid} on .*: copydesk batch feed\\.jsonl`));
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    // a resume of the same job while it runs is refused too (it would clear or truncate its state)
    expect(cli(['batch', 'feed.jsonl', '--out-dir', 'out', '--resume'], { cwd: dir }).status).toBe(2);
    const done = await firstExit;
    expect(done.code, done.stderr).toBe(0);
    const out = readFileSync(join(dir, 'out/feed.jsonl'));
    expect(countNul(out)).toBe(0);
    const records = out.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: n }, (_, i) => `n${i}`));
    expect(readdirSync(join(dir, 'out'))).toEqual(['feed.jsonl']);
  });

  it('a lock left by a process that is gone is broken at once; one held by a live process is not', () => {
    const dir = ws({ 'a.md': wireMarkdown('A') });
    // a live holder: this test's own process
    mkdirSync(join(dir, 'out/.copydesk-lock'), { recursive: true });
    const holder = (pid: number) => JSON.stringify({ pid, host: execFileSync('hostname').toString().trim(), started: '2026-01-01T00:00:00.000Z', command: 'batch x --out-dir out' });
    writeFileSync(join(dir, 'out/.copydesk-lock.json'), holder(process.pid));
    const refused = cli(['batch', 'a.md', '--out-dir', 'out'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`in use by process ${process.pid}`);
    // a dead holder: a pid past the kernel's limit is never alive
    writeFileSync(join(dir, 'out/.copydesk-lock.json'), holder(2 ** 22 + 1));
    const run = cli(['batch', 'a.md', '--out-dir', 'out'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['a.md']);
  });
});

describe('kill -9 mid-run, then --resume', () => {
  it('JSON Lines: the output is the undisturbed one, byte for byte', async () => {
    const n = 800;
    const files = { 'feed.jsonl': `${feedLines(n).join('\n')}\n` };
    const args = ['batch', 'feed.jsonl', '--out-dir', 'out', '--jobs', '1'];
    const expected = reference(files, args, 'out/feed.jsonl');
    const dir = ws(files);
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const state = join(dir, 'out/.copydesk-state');
    await until(() => existsSync(state) && readdirSync(state).some((f) => f.endsWith('.ckpt') && lines(join(state, f)) >= 2));
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/feed.jsonl')).equals(expected)).toBe(true);
  });

  it('refuses to resume when the partial output no longer matches its checkpoint', async () => {
    const dir = ws({ 'feed.jsonl': `${feedLines(800).join('\n')}\n` });
    const args = ['batch', 'feed.jsonl', '--out-dir', 'out', '--jobs', '1'];
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const state = join(dir, 'out/.copydesk-state');
    await until(() => existsSync(state) && readdirSync(state).some((f) => f.endsWith('.ckpt') && lines(join(state, f)) >= 1));
    child.kill('SIGKILL');
    await exited;
    const partial = join(dir, 'out/.feed.jsonl.copydesk-partial');
    const ckpt = readdirSync(state).find((f) => f.endsWith('.ckpt'))!;
    const checkpoint = JSON.parse(readFileSync(join(state, ckpt), 'utf8').trim().split('\n').at(-1)!);
    const bytes = readFileSync(partial);
    // a byte changed before the checkpoint (same length)
    const changed = Buffer.from(bytes);
    changed[checkpoint.out - 10] = changed[checkpoint.out - 10] === 0x41 ? 0x42 : 0x41;
    writeFileSync(partial, changed);
    const refused = cli([...args, '--resume'], { cwd: dir });
    expect(refused.status).toBe(2);
    expectOneLine(refused, /is not what was written.*without --resume/);
    // shorter than the checkpoint (cut)
    writeFileSync(partial, bytes.subarray(0, checkpoint.out - 1));
    const cut = cli([...args, '--resume'], { cwd: dir });
    expect(cut.status).toBe(2);
    expectOneLine(cut, /bytes, but \d+ were on disk/);
    // the state is still there: nothing was cleared by the refusals
    expect(existsSync(join(state, ckpt))).toBe(true);
  });

  it('a folder: every file as the undisturbed run writes it', async () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`in/${String(i).padStart(3, '0')}.${i % 3 ? 'md' : 'html'}`, i % 3 ? wireMarkdown(`Story ${i}`, i) : wireHtml(`Story ${i}`, i)]));
    const refDir = ws(files);
    expect(cli(['batch', 'in', '--out-dir', 'out'], { cwd: refDir }).status).toBe(0);
    const dir = ws(files);
    const args = ['batch', 'in', '--out-dir', 'out', '--jobs', '1'];
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const log = join(dir, 'out/.copydesk-state/done.log');
    await until(() => existsSync(log) && lines(log) > 20);
    child.kill('SIGKILL');
    await exited;
    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    const names = readdirSync(join(refDir, 'out')).sort();
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(readFileSync(join(refDir, 'out', name), 'utf8'));
  });

  it('--in-place on .txt files: written back as text, and cleaning again changes nothing', async () => {
    // Enough files that the run is still going when the log has 20 lines (a short run ends, and clears its state, first).
    const files = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`wire/${String(i).padStart(4, '0')}.txt`, wireText(`Story ${i}`, i)]));
    const refDir = ws(files);
    expect(cli(['batch', 'wire', '--in-place', '--backup'], { cwd: refDir }).status).toBe(0);
    const first = readFileSync(join(refDir, 'wire/0000.txt'), 'utf8');
    expect(first).toMatch(/^Story 0\nZhitong Finance/); // plain text: no '# ' put before the title
    expect(first).not.toContain('Related Articles');

    const dir = ws(files);
    const args = ['batch', 'wire', '--in-place', '--backup', '--jobs', '1'];
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const log = join(dir, '.copydesk-state/done.log');
    await until(() => existsSync(log) && lines(log) > 20);
    child.kill('SIGKILL');
    await exited;
    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    for (const name of Object.keys(files)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(readFileSync(join(refDir, name), 'utf8'));
      expect(readFileSync(join(dir, `${name}.orig`), 'utf8')).toBe(files[name]); // the original, once
    }
    expect(readdirSync(join(dir, 'wire')).filter((f) => !f.endsWith('.txt') && !f.endsWith('.txt.orig'))).toEqual([]);

    const again = cli([...args, '--report', 'json', '--report-file', 'again.json'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')).summary.changed).toBe(0);
    for (const name of Object.keys(files)) expect(readFileSync(join(dir, name), 'utf8')).toBe(readFileSync(join(refDir, name), 'utf8'));
  });
});

describe('kill -9 of an export cleaned in place', () => {
  it('after --resume it is cleaned in full, even when the records left had nothing to change', async () => {
    // changes only in the first part: the resumed part alone would look like "nothing to rewrite". Enough
    // records after it that the run cannot finish between the checkpoint looked for and the kill.
    const clean = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `c${i}`, body: `${CLEAN_TEXT} Item ${i}.` }));
    const files = { 'feed.jsonl': `${[...feedLines(400), ...clean].join('\n')}\n` };
    const args = ['batch', 'feed.jsonl', '--in-place', '--backup', '--jobs', '1'];
    const expected = reference(files, args, 'feed.jsonl');
    const dir = ws(files);
    const child = startCli(args, { cwd: dir });
    const exited = exitOf(child);
    const state = join(dir, '.copydesk-state');
    const lastCheckpoint = () => {
      const ckpt = existsSync(state) ? readdirSync(state).find((f) => f.endsWith('.ckpt')) : undefined;
      const last = ckpt ? readFileSync(join(state, ckpt), 'utf8').trim().split('\n').at(-1) : undefined;
      try {
        return last ? (JSON.parse(last) as { articles: number }) : undefined;
      } catch {
        return undefined;
      }
    };
    await until(() => (lastCheckpoint()?.articles ?? 0) > 420);
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(join(dir, 'feed.jsonl'), 'utf8')).toBe(files['feed.jsonl']); // untouched until complete
    const resumed = cli([...args, '--resume'], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'feed.jsonl')).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, 'feed.jsonl.orig'), 'utf8')).toBe(files['feed.jsonl']);
  });
});

describe('--in-place --backup twice', () => {
  it('never overwrites a backup: the original stays in .orig, a later version goes to .orig.2', () => {
    const original = wireMarkdown('A');
    const dir = ws({ 'site/a.md': original, 'site/b.txt': wireText('B') });
    expect(cli(['batch', 'site', '--in-place', '--backup'], { cwd: dir }).status).toBe(0);
    const cleaned = readFileSync(join(dir, 'site/a.md'), 'utf8');
    const mtime = statSync(join(dir, 'site/a.md')).mtimeMs;
    // a second run finds nothing to change: no file rewritten, the backups as they were
    expect(cli(['batch', 'site', '--in-place', '--backup'], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, 'site/a.md')).mtimeMs).toBe(mtime);
    expect(readFileSync(join(dir, 'site/a.md.orig'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'site/b.txt.orig'), 'utf8')).toBe(wireText('B'));
    // an editor adds a related block again; the next run keeps that version beside the original
    const edited = `${cleaned}\nRelated Articles\n\n- Copper climbs on supply worries\n- Brokers trim forecasts for the index\n`;
    expect(edited).not.toBe(original);
    writeFileSync(join(dir, 'site/a.md'), edited);
    expect(cli(['batch', 'site', '--in-place', '--backup'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'site/a.md.orig'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'site/a.md.orig.2'), 'utf8')).toBe(edited);
    expect(readFileSync(join(dir, 'site/a.md'), 'utf8')).toBe(cleaned);
  });

  it('an export in place: the backup is kept once, and an export with nothing to change is not rewritten', () => {
    const feed = `${feedLines(3).join('\n')}\n`;
    const dir = ws({ 'feed.jsonl': feed });
    expect(cli(['batch', 'feed.jsonl', '--in-place', '--backup'], { cwd: dir }).status).toBe(0);
    const cleaned = readFileSync(join(dir, 'feed.jsonl'), 'utf8');
    expect(cleaned).not.toBe(feed);
    const mtime = statSync(join(dir, 'feed.jsonl')).mtimeMs;
    expect(cli(['batch', 'feed.jsonl', '--in-place', '--backup'], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, 'feed.jsonl')).mtimeMs).toBe(mtime);
    expect(readFileSync(join(dir, 'feed.jsonl.orig'), 'utf8')).toBe(feed);
    expect(readdirSync(dir).sort()).toEqual(['feed.jsonl', 'feed.jsonl.orig']);
  });
});

describe('one record too big', () => {
  const huge = (id: string) => JSON.stringify({ id, body: `${'Filler paragraph about nothing in particular. '.repeat(1_500_000)}` });

  it('a 65 MB JSON Lines record among good ones: reported with its id and line, written back unchanged, the rest cleaned', () => {
    const good = feedLines(6);
    const big = huge('huge-7');
    expect(big.length).toBeGreaterThan(65 * 1024 * 1024);
    const dir = ws({ 'feed.jsonl': `${[...good.slice(0, 3), big, ...good.slice(3)].join('\n')}\n` });
    const run = cli(['batch', 'feed.jsonl', '--out-dir', 'out', '--report', 'json', '--report-file', 'r.json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(2); // an article failed; the others were done
    expect(run.stderr).toMatch(/feed\.jsonl:4 \(huge-7\)[\s\S]*line 4 is larger than 64 MB: written back unchanged/);
    const out = readFileSync(join(dir, 'out/feed.jsonl'), 'utf8').split('\n');
    expect(out).toHaveLength(8);
    expect(out[3]).toBe(big);
    for (const i of [0, 1, 2, 4, 5, 6]) expect(JSON.parse(out[i]!).body).not.toContain('Related Articles');
    const summary = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).summary;
    expect([summary.articles, summary.failed, summary.changed]).toEqual([7, 1, 6]);
  });

  it('a Ghost post too big: the other posts cleaned, that one passed through', () => {
    const posts = [1, 2].map((i) => ({ id: `p${i}`, slug: `post-${i}`, title: `Post ${i}`, html: wireHtml(`Post ${i}`, i) }));
    const body = 'Filler paragraph about nothing in particular. '.repeat(1_500_000);
    const text = ghostExport([posts[0]!, { id: 'big', slug: 'big-one', title: 'Big', html: `<p>${body}</p>` }, posts[1]!]);
    const dir = ws({ 'ghost.json': text });
    const run = cli(['batch', 'ghost.json', '--out-dir', 'out'], { cwd: dir });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/\(big\)[\s\S]*larger than 64 MB/);
    const out = JSON.parse(readFileSync(join(dir, 'out/ghost.json'), 'utf8'));
    const [a, big, b] = out.db[0].data.posts;
    expect(big.html).toBe(`<p>${body}</p>`);
    expect(a.html).not.toContain('Southbound');
    expect(b.html).not.toContain('Southbound');
  });

  it('a WordPress item too big: the other items cleaned, that one passed through', () => {
    const body = `<p>${'Filler paragraph about nothing in particular. '.repeat(1_500_000)}</p>`;
    const text = wxrExport([
      { id: 11, slug: 'first', title: 'First', content: wireHtml('First', 1) },
      { id: 12, slug: 'big-one', title: 'Big', content: body },
      { id: 13, slug: 'third', title: 'Third', content: wireHtml('Third', 3) },
    ]);
    const dir = ws({ 'wp.xml': text });
    const run = cli(['batch', 'wp.xml', '--out-dir', 'out'], { cwd: dir });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/wp\.xml:\d+ \(12\)[\s\S]*the item at line \d+ is larger than 64 MB/);
    const out = readFileSync(join(dir, 'out/wp.xml'), 'utf8');
    expect(out).toContain(`<content:encoded><![CDATA[${body}]]></content:encoded>`);
    expect(out.match(/Southbound/g)).toBeNull(); // both small posts cleaned
    expect(out.length).toBeGreaterThan(body.length);
  });
});

describe('inputs it cannot read as asked', () => {
  it('a UTF-16 Ghost export is named as such', () => {
    const text = ghostExport([{ id: 'p1', slug: 'p1', title: 'P', html: wireHtml('P') }]);
    const dir = ws({ 'ghost.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    const run = cli(['batch', 'ghost.json', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the export is UTF-16LE, not UTF-8');
    expect(run.stderr).not.toContain('no posts found');
  });

  it('a symbolic link in a folder is told, not skipped in silence', () => {
    const dir = ws({ 'in/a.md': wireMarkdown('A'), 'elsewhere/b.md': wireMarkdown('B') });
    execFileSync('ln', ['-s', '../elsewhere/b.md', join(dir, 'in/b.md')]);
    const run = cli(['batch', 'in', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('in/b.md: a symbolic link: not followed, not cleaned');
    expect(readdirSync(join(dir, 'out'))).toEqual(['a.md']);
  });
});
