/** copydesk batch: outputs (out-dir, in place, stdout, formats), reports, exit codes, config. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspaces } from './batch-helpers.js';
import { CLEAN_TEXT, wireHtml, wireMarkdown } from './batch-fixtures.js';

const ws = workspaces();

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('--in-place', () => {
  it('refuses without --backup or --yes, touching nothing', () => {
    const dir = ws({ 'a.md': wireMarkdown('A') });
    const run = cli(['batch', 'a.md', '--in-place'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--backup');
    expect(read(dir, 'a.md')).toBe(wireMarkdown('A'));
  });

  it('rewrites each file in its own format and keeps the original as a backup', () => {
    const files = { 'site/a.md': wireMarkdown('A'), 'site/b.html': wireHtml('B'), 'site/c.txt': `${CLEAN_TEXT}\n` };
    const dir = ws(files);
    const run = cli(['batch', 'site', '--in-place', '--backup'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(read(dir, 'site/a.md.orig')).toBe(files['site/a.md']);
    expect(read(dir, 'site/b.html.orig')).toBe(files['site/b.html']);
    expect(read(dir, 'site/a.md')).not.toContain('Related Articles');
    expect(read(dir, 'site/b.html')).toMatch(/^<h1>B<\/h1>/);
    expect(read(dir, 'site/b.html')).not.toContain('Southbound');
    // c.txt needed no change: left as it was, so it needs no backup
    expect(read(dir, 'site/c.txt')).toBe(files['site/c.txt']);
    expect(readdirSync(join(dir, 'site')).sort()).toEqual(['a.md', 'a.md.orig', 'b.html', 'b.html.orig', 'c.txt']);
    expect(existsSync(join(dir, '.copydesk-state'))).toBe(false);
    // a second run does not pick up the backups
    const again = cli(['batch', 'site', '--in-place', '--backup', '.bak', '--report', 'json', '--report-file', 'r.json'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(JSON.parse(read(dir, 'r.json')).summary.articles).toBe(3);
  });

  it('writes an export back in place, with a backup', () => {
    const line = JSON.stringify({ id: 1, body: wireMarkdown('A') });
    const dir = ws({ 'feed.jsonl': `${line}\n` });
    const run = cli(['batch', 'feed.jsonl', '--in-place', '-b', '.before'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(read(dir, 'feed.jsonl.before')).toBe(`${line}\n`);
    expect(JSON.parse(read(dir, 'feed.jsonl')).body).not.toContain('Related Articles');
  });
});

describe('stdout and --to', () => {
  it('prints several articles with a marker before each', () => {
    const dir = ws({ 'a.md': wireMarkdown('A'), 'b.md': wireMarkdown('B') });
    const run = cli(['batch', 'a.md', 'b.md'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^<!-- copydesk: a\.md -->\n# A\n[\s\S]*<!-- copydesk: b\.md -->\n# B\n/);
  });

  it('prints JSON Lines with --to json', () => {
    const dir = ws({ 'a.md': wireMarkdown('A'), 'b.html': wireHtml('B') });
    const run = cli(['batch', 'a.md', 'b.html', '--to', 'json'], { cwd: dir });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['a.md', 'b.html']);
    expect(lines[1].html).toContain('<p>Revenue');
    expect(lines[1].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('related-block');
  });

  it('writes .json files into --out-dir', () => {
    const dir = ws({ 'in/a.md': wireMarkdown('A') });
    expect(cli(['batch', 'in', '-o', 'out', '-t', 'json'], { cwd: dir }).status).toBe(0);
    expect(JSON.parse(read(dir, 'out/a.json'))).toMatchObject({ file: 'in/a.md', markdown: expect.stringContaining('# A') });
  });
});

describe('copydesk clean', () => {
  it('keeps one file with --json as one object on stdout: the article and its structure', () => {
    const dir = ws({ 'a.md': wireMarkdown('A') });
    const run = cli(['clean', 'a.md', '--json'], { cwd: dir });
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(['html', 'markdown', 'messages', 'meta', 'title']);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('hands a folder over to the batch runner', () => {
    const dir = ws({ 'in/a.md': wireMarkdown('A'), 'in/b.md': wireMarkdown('B') });
    const run = cli(['clean', 'in', '--json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual(['in/a.md', 'in/b.md']);
    const toDir = cli(['clean', 'in', '--out-dir', 'out', '--html'], { cwd: dir });
    expect(toDir.status).toBe(0);
    expect(toDir.stdout).toBe('');
    expect(read(dir, 'out/b.html')).toMatch(/^<h1>B<\/h1>/);
  });
});

describe('reports and exit codes', () => {
  it('exits 0 with warnings, 1 with warnings under --frail', () => {
    const dir = ws({ 'in/empty.md': '\n', 'in/a.md': wireMarkdown('A') });
    const plain = cli(['batch', 'in', '-o', 'out'], { cwd: dir });
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/in\/empty\.md\n.*warning.*The article is empty.*empty-input/);
    expect(plain.stderr).not.toContain('related-block  copydesk'); // changes only with --verbose
    const frail = cli(['batch', 'in', '--check', '--frail'], { cwd: dir });
    expect(frail.status).toBe(1);
    expect(frail.stdout).toBe(''); // --check writes nothing
    expect(cli(['batch', 'feed.jsonl', 'in', '--check'], { cwd: ws({ 'feed.jsonl': '{"body":"# A\\n\\nRelated Articles\\n\\n- x\\n"}\n', 'in/a.md': '# B\n' }) }).stdout).toBe('');
    const verbose = cli(['batch', 'in', '-o', 'out', '--verbose'], { cwd: dir });
    expect(verbose.stderr).toMatch(/in\/a\.md\n.*info.*related-block/);
  });

  it('prints a summary table with changes and flags per rule, time and rate', () => {
    const dir = ws({ 'in/empty.md': '', 'in/a.md': wireMarkdown('A'), 'in/b.html': wireHtml('B') });
    const run = cli(['batch', 'in', '-o', 'out'], { cwd: dir });
    expect(run.stderr).toMatch(/rule\s+changes\s+flags/);
    expect(run.stderr).toMatch(/empty-input\s+0\s+1/);
    expect(run.stderr).toMatch(/related-block\s+4\s+0/);
    expect(run.stderr).toMatch(/3 articles, 2 changed, 1 flagged, 0 failed/);
    expect(run.stderr).toMatch(/[\d.]+ s, [\d.]+ articles\/s/);
  });

  it('writes SARIF 2.1.0', () => {
    const dir = ws({ 'in/empty.md': '', 'in/a.md': wireMarkdown('A'), 'feed.jsonl': '{"id":"x1","body":"# T\\n\\nRelated Articles\\n\\n- a\\n"}\n{oops\n' });
    const run = cli(['batch', 'in', 'feed.jsonl', '-o', 'out', '--report', 'sarif', '--report-file', 'out.sarif'], { cwd: dir });
    expect(run.status).toBe(2);
    const sarif = JSON.parse(read(dir, 'out.sarif'));
    expect(sarif.version).toBe('2.1.0');
    const [runLog] = sarif.runs;
    expect(runLog.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('related-block');
    const results = runLog.results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }>;
    expect(results.find((r) => r.ruleId === 'empty-input')).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'in/empty.md' } } }] });
    expect(results.find((r) => r.ruleId === 'bad-input')).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'feed.jsonl' }, region: { startLine: 2 } } }] });
    expect(runLog.invocations[0].properties.articles).toBe(4);
  });
});

describe('configuration', () => {
  it('fails on a bad config before touching any file', () => {
    const dir = ws({ '.copydeskrc.yaml': 'rules:\n  related-block: loud\n', 'a.md': wireMarkdown('A') });
    const run = cli(['batch', 'a.md', '--in-place', '--yes'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.copydeskrc\.yaml: \/rules\/related-block: must be one of/);
    expect(read(dir, 'a.md')).toBe(wireMarkdown('A'));
  });

  it('applies the config found, or the one named with --config', () => {
    const dir = ws({ '.copydeskrc.json': '{"rules": {"related-block": "off"}}', 'strict.yaml': 'rules:\n  empty-input: error\n', 'a.md': wireMarkdown('A'), 'e.md': '' });
    const found = cli(['batch', 'a.md'], { cwd: dir });
    expect(found.stdout).toContain('Related Articles');
    const named = cli(['batch', 'a.md', 'e.md', '--config', 'strict.yaml', '-o', 'out'], { cwd: dir });
    expect(named.status).toBe(1); // an error-severity flag
    expect(read(dir, 'out/a.md')).not.toContain('Related Articles');
    expect(cli(['batch', 'a.md', '--config', 'nope.yaml'], { cwd: dir }).status).toBe(2);
  });
});
