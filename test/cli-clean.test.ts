/** `copydesk clean`, run as a user runs it: the built CLI in a child process, on real files. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaces } from './helpers/workspace.js';

const folder = workspaces();

const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'cleanup', 'summary-then-lede', 'input.txt');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '' });

describe('copydesk clean', () => {
  it('prints cleaned Markdown on stdout and a report on stderr', () => {
    const r = run('clean', fixture);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Harbourline Logistics/);
    expect(r.stdout).not.toContain('shares jumped after the company won');
    expect(r.stderr).toContain('dek');
    expect(r.stderr).toMatch(/2:1-2:\d+/);
  });

  it('--json prints exactly one object with markdown, html and messages', () => {
    const r = run('clean', fixture, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { markdown: string; html: string; messages: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['title', 'markdown', 'html', 'messages', 'meta']);
    expect(out.html).toContain('<h1>Harbourline Logistics');
    expect(out.messages[0]).toMatchObject({ ruleId: 'dek', source: 'copydesk', severity: 'info', line: 2, column: 1 });
    expect(out.messages[0]!.actual).toMatch(/^Harbourline Logistics shares jumped/);
    expect(out.messages[0]!.cause).toMatchObject({ line: 3 });
  });

  it('--format overrides the extension, and stdin is read with -', () => {
    const r = spawnSync(process.execPath, [cli, 'clean', '-', '--format', 'text', '--json'], { encoding: 'utf8', input: 'A title\nA line of text.\n' });
    expect(JSON.parse(r.stdout).markdown).toBe('# A title\n\nA line of text.\n');
  });

  const dir = folder();
  const cases: Array<[string, string[], RegExp]> = [
    ['a missing file', ['clean', join(dir, 'nope.txt')], /nope\.txt: no such file/],
    ['an unknown format', ['clean', fixture, '--format', 'docx'], /expected one of text, markdown, html/],
    ['an extension it cannot read', ['clean', (writeFileSync(join(dir, 'a.pdf'), 'x'), join(dir, 'a.pdf'))], /cannot tell the format/],
    ['a binary file', ['clean', (writeFileSync(join(dir, 'b.txt'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10])), join(dir, 'b.txt'))], /not valid UTF-8|binary/],
  ];
  for (const [what, args, message] of cases) {
    it(`exits 2 with one clear line for ${what}`, () => {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('copydesk clean with a configuration', () => {
  const dir = folder();
  const article = join(dir, 'story.txt');
  writeFileSync(article, 'A title for the story\nListen to the news\nThe body of the story has a few words in it.\n');

  it('applies the config found from the working folder', () => {
    writeFileSync(join(dir, '.copydeskrc.json'), JSON.stringify({ rules: { 'page-furniture': 'off' } }));
    const r = spawnSync(process.execPath, [cli, 'clean', article, '--json'], { encoding: 'utf8', cwd: dir });
    expect(JSON.parse(r.stdout).markdown).toContain('Listen to the news');
  });

  it('a bad --config exits 2 with one line naming the file', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  page-furniture: loud\n');
    const r = run('clean', article, '--config', bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml: \/rules\/page-furniture: must be one of/);
  });
});
