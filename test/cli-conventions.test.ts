/**
 * The conventions remark-cli, ESLint, textlint and Vale users expect, checked on the built CLI in a
 * child process: one exit-code rule for every command, --quiet/--silent/--frail, colour from
 * NO_COLOR/FORCE_COLOR/--color, a report within the terminal width with excerpt and suggestion,
 * config keys checked with a suggestion, ignore files, --diff, and the format of stdin guessed.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { workspaces } from './helpers/workspace.js';

// every case starts the CLI, several times on a shared two-core machine
vi.setConfig({ testTimeout: 240_000 });

const folder = workspaces();
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

/** Colour and width left to each test: the parent's terminal settings must not leak in. */
const plainEnv = (() => {
  const env = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'CI']) delete env[key];
  return env;
})();

function run(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env: { ...plainEnv, ...options.env }, timeout: 60_000 };
  const r = spawnSync(process.execPath, [cli, ...args], spawnOptions);
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

// A short story with a related-headlines block at its foot: the block is boilerplate, the story is not.
const STORY = [
  '# Lakeview Rail posts a wider quarterly loss',
  '',
  'Lakeview Rail said on Thursday its loss for the quarter widened to 42 million yuan as freight volumes on two northern lines fell.',
  '',
  'The operator expects volumes to recover once a bridge on the Hexi line reopens in the spring, its finance chief told analysts.',
  '',
  'Related Articles',
  '',
  '- [Coal haulage slows for a fourth month](https://example.com/coal)',
  '- [Port operators trim forecasts](https://example.com/ports)',
  '',
].join('\n');

// Nothing to take out: a trap for a careless rule (it mentions related articles in a sentence).
const CLEAN_STORY = [
  '# Harbour cranes arrive late',
  '',
  'Three cranes for the new container terminal arrived two weeks late, the port authority said, and related articles in the local press blamed the weather.',
  '',
].join('\n');

const ANSI = /\u001B\[\d+m/;

describe('exit codes: one rule for clean and batch', () => {
  const dir = folder({
    'story.md': STORY,
    'warn/.copydeskrc.yaml': 'rules:\n  related-block: warning\n',
    'warn/story.md': STORY,
    'err/.copydeskrc.yaml': 'rules:\n  related-block: error\n',
    'err/story.md': STORY,
  });

  it('changes alone exit 0', () => {
    expect(run(['clean', 'story.md'], { cwd: dir }).status).toBe(0);
    expect(run(['batch', 'story.md', '--check', '--no-progress'], { cwd: dir }).status).toBe(0);
  });

  it('warnings exit 0, and 1 with --frail', () => {
    const cwd = join(dir, 'warn');
    expect(run(['clean', 'story.md'], { cwd }).status).toBe(0);
    expect(run(['clean', 'story.md', '--frail'], { cwd }).status).toBe(1);
    expect(run(['batch', 'story.md', '--check', '--no-progress'], { cwd }).status).toBe(0);
    expect(run(['batch', 'story.md', '--check', '--no-progress', '--frail'], { cwd }).status).toBe(1);
  });

  it('errors exit 1 in both', () => {
    const cwd = join(dir, 'err');
    const clean = run(['clean', 'story.md'], { cwd });
    expect(clean.status, clean.stderr).toBe(1);
    expect(clean.stdout, clean.stderr).toContain('Lakeview Rail said on Thursday'); // the article is still printed
    expect(run(['batch', 'story.md', '--check', '--no-progress'], { cwd }).status).toBe(1);
  });

  const usage: Array<[string, string[]]> = [
    ['clean with an unknown flag', ['clean', 'story.md', '--frial']],
    ['batch with an unknown flag', ['batch', 'story.md', '--chekc']],
    ['serve with an unknown flag', ['serve', '--prot', '9']],
    ['preview with an unknown flag', ['preview', 'story.md', '--colour']],
    ['clean with a missing file', ['clean', 'nowhere.md']],
    ['batch with a missing folder', ['batch', 'nowhere/', '--check']],
    ['preview with a missing file', ['preview', 'nowhere.md']],
    ['clean --diff with --json', ['clean', 'story.md', '--diff', '--json']],
  ];
  for (const [what, args] of usage) {
    it(`usage and input errors exit 2: ${what}`, () => {
      const r = run(args, { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toBe('');
    });
  }
});

describe('--quiet and --silent', () => {
  const dir = folder({ 'story.md': STORY, 'err/.copydeskrc.yaml': 'rules:\n  related-block: error\n', 'err/story.md': STORY });

  it('clean reports every change by default; --quiet hides them, --silent hides all but errors', () => {
    expect(run(['clean', 'story.md'], { cwd: dir }).stderr).toContain('related-block');
    expect(run(['clean', 'story.md', '--quiet'], { cwd: dir }).stderr).toBe('');
    const silent = run(['clean', 'story.md', '--silent'], { cwd: join(dir, 'err') });
    expect(silent.stderr).toContain('error');
    expect(silent.stderr).toContain('related-block');
  });

  it('batch --silent prints no summary table, only errors', () => {
    const quiet = run(['batch', 'story.md', '--check', '--no-progress', '--quiet'], { cwd: dir });
    expect(quiet.stderr).toContain('articles'); // the summary stays under --quiet
    const silent = run(['batch', 'story.md', '--check', '--no-progress', '--silent'], { cwd: dir });
    expect(silent.status).toBe(0);
    expect(silent.stderr).toBe('');
    const errors = run(['batch', 'story.md', '--check', '--no-progress', '--silent'], { cwd: join(dir, 'err') });
    expect(errors.status).toBe(1);
    expect(errors.stderr).toContain('related-block');
    expect(errors.stderr).not.toContain('rule ');
  });
});

describe('colour and terminal width', () => {
  const dir = folder({ 'story.md': STORY });

  it('no colour off a terminal; FORCE_COLOR turns it on; NO_COLOR wins over FORCE_COLOR; the flags win over both', () => {
    expect(run(['clean', 'story.md'], { cwd: dir }).stderr).not.toMatch(ANSI);
    expect(run(['clean', 'story.md'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stderr).toMatch(ANSI);
    expect(run(['clean', 'story.md'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stderr).not.toMatch(ANSI);
    expect(run(['clean', 'story.md'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stderr).not.toMatch(ANSI);
    expect(run(['clean', 'story.md', '--color'], { cwd: dir, env: { NO_COLOR: '1' } }).stderr).toMatch(ANSI);
    expect(run(['clean', 'story.md', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stderr).not.toMatch(ANSI);
    expect(run(['batch', 'story.md', '--check', '--no-progress', '-v'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stderr).toMatch(ANSI);
    expect(run(['batch', 'story.md', '--check', '--no-progress', '-v', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stderr).not.toMatch(ANSI);
  });

  it('keeps every report line within the width, and shows the excerpt of each message', () => {
    for (const columns of [50, 72]) {
      const r = run(['clean', 'story.md'], { cwd: dir, env: { COLUMNS: String(columns) } });
      const lines = r.stderr.split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      expect(r.stderr).toContain('“Related Articles”');
      expect(r.stderr).toMatch(/“- \[Coal haulage/);
    }
  });

  it('shows the suggestion of a replacement ("did you mean …")', () => {
    const work = folder({
      'names.yaml': 'rules:\n  - expected: Jensen Huang\n    patterns: [Huang Renxun]\n',
      '.copydeskrc.yaml': 'dictionaries: [names.yaml]\n',
      'chips.md': '# Chip stocks rally\n\nHuang Renxun told the fair in Taipei that demand for accelerators would outrun supply next year.\n',
    });
    const r = run(['clean', 'chips.md'], { cwd: work });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Jensen Huang told the fair');
    expect(r.stderr).toContain('“Huang Renxun”');
    expect(r.stderr).toContain('did you mean “Jensen Huang”?');
  });
});

describe('config keys are checked, with the nearest valid name', () => {
  const dir = folder({
    'story.md': STORY,
    'rules/.copydeskrc.yaml': 'rules:\n  related-blok: off\n',
    'rules/story.md': STORY,
    'options/.copydeskrc.json': JSON.stringify({ plugins: { 'dedupe-lead': { leadWindw: 3 } } }),
    'options/story.md': STORY,
    'top/.copydeskrc.yaml': 'minProseShar: 0.4\n',
    'top/story.md': STORY,
    'server/.copydeskrc.yaml': 'server:\n  queue:\n    stor: sqlite\n',
    'far/.copydeskrc.yaml': 'rules:\n  zzzzqqq: off\n',
    'far/story.md': STORY,
  });
  const cases: Array<[string, string[], string, RegExp]> = [
    ['a misspelt rule id (clean)', ['clean', 'story.md'], 'rules', /rules[/\\]\.copydeskrc\.yaml: .*unknown rule "related-blok" \(did you mean "related-block"\?\)/],
    ['a misspelt plugin option (batch)', ['batch', 'story.md', '--check'], 'options', /\.copydeskrc\.json: .*dedupe-lead: unknown option "leadWindw" \(did you mean "leadWindow"\?\)/],
    ['a misspelt top-level key (clean)', ['clean', 'story.md'], 'top', /\.copydeskrc\.yaml: .*unknown setting "minProseShar" \(did you mean "minProseShare"\?\)/],
    ['a misspelt server key (serve)', ['serve', '--port', '0'], 'server', /\.copydeskrc\.yaml: server\/queue: unknown setting "stor" \(did you mean "store"\?\)/],
    ['a name like none (clean)', ['clean', 'story.md'], 'far', /unknown rule "zzzzqqq" \(valid: /],
  ];
  for (const [what, args, sub, message] of cases) {
    it(`${what}: exit 2 naming the file, the key and the nearest name`, () => {
      const r = run(args, { cwd: join(dir, sub) });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('a correct config passes', () => {
    const work = folder({ '.copydeskrc.yaml': 'rules:\n  related-block: warning\n  strip-boilerplate: info\nplugins:\n  dedupe-lead:\n    leadWindow: 3\nblock: [ticker-mismatch]\n', 'story.md': STORY });
    expect(run(['clean', 'story.md'], { cwd: work }).status).toBe(0);
  });
});

describe('ignore files', () => {
  const tree = {
    'news/a.md': STORY,
    'news/drafts/b.md': STORY,
    'news/node_modules/some-pkg/README.md': STORY,
    'news/.cache/c.md': STORY,
    'news/old/d.md': STORY,
    'news/old/keep.md': STORY,
    'news/e.tmp.md': STORY,
  };
  const reported = (cwd: string, args: string[]) => {
    const r = run(['batch', ...args, '--check', '--no-progress', '--report', 'json', '--report-file', 'report.json'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as { articles: Array<{ file?: string; name: string }> };
    return report.articles.map((a) => a.name).sort();
  };

  it('skips node_modules and dot-folders by default', () => {
    const dir = folder(tree);
    expect(reported(dir, ['news'])).toEqual(['news/a.md', 'news/drafts/b.md', 'news/e.tmp.md', 'news/old/d.md', 'news/old/keep.md']);
  });

  it('reads the nearest .copydeskignore upwards, patterns relative to its folder (negation too)', () => {
    const dir = folder({ ...tree, '.copydeskignore': '# not for publishing\nnews/drafts/\n*.tmp.md\nnews/old/*\n!news/old/keep.md\n' });
    expect(reported(dir, ['news'])).toEqual(['news/a.md', 'news/old/keep.md']);
    // from a subfolder the same file is found, and its patterns still count from its own folder
    expect(reported(join(dir, 'news'), ['.'])).toEqual(['a.md', 'old/keep.md']);
    // a glob run follows it too
    expect(reported(dir, ['news/**/*.md'])).toEqual(['news/a.md', 'news/old/keep.md']);
  });

  it('--ignore-path replaces it; --ignore-pattern adds to it', () => {
    const dir = folder({ ...tree, '.copydeskignore': 'news/drafts/\n', 'other.ignore': 'old/\n' });
    expect(reported(dir, ['news', '--ignore-path', 'other.ignore'])).toEqual(['news/a.md', 'news/drafts/b.md', 'news/e.tmp.md']);
    expect(reported(dir, ['news', '--ignore-pattern', '*.tmp.md', '--ignore-pattern', 'a.md'])).toEqual(['news/old/d.md', 'news/old/keep.md']);
    const missing = run(['batch', 'news', '--check', '--ignore-path', 'none.ignore'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('none.ignore');
  });

  it('a file named on the command line is cleaned whatever the patterns say', () => {
    const dir = folder({ ...tree, '.copydeskignore': 'news/drafts/\n' });
    expect(reported(dir, ['news/drafts/b.md'])).toEqual(['news/drafts/b.md']);
  });

  it('clean with a folder follows the same rules', () => {
    const dir = folder({ ...tree, '.copydeskignore': 'drafts/\nold/\n*.tmp.md\n' });
    const r = run(['clean', 'news', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    const names = r.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { file?: string; name?: string }));
    expect(names).toHaveLength(1);
  });
});

describe('--diff', () => {
  it('prints a unified diff of what would change and writes nothing', () => {
    const dir = folder({ 'story.md': STORY, 'calm.md': CLEAN_STORY });
    const r = run(['clean', 'story.md', '--diff'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^--- story\.md\n\+\+\+ story\.md\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(r.stdout).toContain('\n-Related Articles\n');
    expect(r.stdout).toContain('\n-- [Coal haulage slows for a fourth month](https://example.com/coal)\n');
    expect(r.stdout).not.toMatch(/^\+.*Lakeview/m); // the story itself is context, not a change
    expect(readFileSync(join(dir, 'story.md'), 'utf8')).toBe(STORY);
    const calm = run(['clean', 'calm.md', '--diff'], { cwd: dir });
    expect(calm.status).toBe(0);
    expect(calm.stdout).toBe('');
  });

  it('diffs each format as it would be written back, and several files in turn', () => {
    const text = ['Lakeview Rail posts a wider quarterly loss', STORY.split('\n')[2], 'Related Articles', 'Coal haulage slows for a fourth month', ''].join('\n');
    const html = `<h1>Lakeview Rail posts a wider quarterly loss</h1>\n<p>${STORY.split('\n')[2]}</p>\n<p>Related Articles</p>\n<ul><li><a href="https://example.com/coal">Coal haulage slows for a fourth month</a></li></ul>\n`;
    const dir = folder({ 'in/story.txt': text, 'in/story.html': html, 'in/calm.md': CLEAN_STORY });
    const r = run(['clean', 'in', '--diff'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- in/story.txt');
    expect(r.stdout).toContain('--- in/story.html');
    expect(r.stdout).not.toContain('in/calm.md');
    expect(r.stdout).toMatch(/^-Related Articles$/m);
    expect(r.stdout).toMatch(/^-<p>Related Articles<\/p>$/m);
    // the text diff stays plain text: no Markdown heading marks added
    expect(r.stdout).not.toMatch(/^\+# /m);
  });

  it('colours the diff only when colour is on', () => {
    const dir = folder({ 'story.md': STORY });
    expect(run(['clean', 'story.md', '--diff'], { cwd: dir }).stdout).not.toMatch(ANSI);
    expect(run(['clean', 'story.md', '--diff', '--color'], { cwd: dir }).stdout).toMatch(ANSI);
  });
});

describe('stdin: the format guessed when --format is missing, or taken from --stdin-filename', () => {
  const body = 'Lakeview Rail said on Thursday its loss for the quarter widened to 42 million yuan.';
  const markdownOf = (input: string, ...args: string[]) => {
    const r = run(['clean', '-', '--json', ...args], { input });
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { markdown: string }).markdown;
  };

  it('HTML', () => {
    expect(markdownOf(`<h1>Lakeview Rail loss widens</h1>\n<p>${body}</p>\n`)).toBe(`# Lakeview Rail loss widens\n\n${body}\n`);
    expect(markdownOf(`<!DOCTYPE html><html><head><title>x</title></head><body><article><h1>Lakeview Rail loss widens</h1><p>${body}</p></article></body></html>`)).toContain(body);
  });

  it('Markdown', () => {
    expect(markdownOf(`# Lakeview Rail loss widens\n\n${body}\n\n- one\n- two\n`)).toBe(`# Lakeview Rail loss widens\n\n${body}\n\n- one\n- two\n`);
  });

  it('plain text, also when a sentence mentions a tag or a list-like line', () => {
    expect(markdownOf(`Lakeview Rail loss widens\n${body}\n`)).toBe(`# Lakeview Rail loss widens\n\n${body}\n`);
    const trap = `Web desk moves to new CMS\nThe old system wrapped every paragraph in <p> tags, the editor said.\n`;
    expect(markdownOf(trap)).toMatch(/^# Web desk moves to new CMS\n/);
  });

  it('--stdin-filename gives the format and the name in the report', () => {
    // as text, "<p>" lines would stay literal; named .html it is read as HTML
    expect(markdownOf(`<p>${body}</p>\n`, '--stdin-filename', 'wire/story.html')).toBe(`${body}\n`);
    const r = run(['clean', '-', '--stdin-filename', 'wire/story.md'], { input: STORY });
    expect(r.stderr).toMatch(/^wire\/story\.md$/m);
    // --format still wins
    expect(markdownOf(`# Not a heading here\n${body}\n`, '--stdin-filename', 'x.md', '--format', 'text')).toMatch(/^# /);
  });
});

describe('batch progress', () => {
  it('shows done/total when every input is an article file', () => {
    const dir = folder({ 'a.md': STORY, 'b.md': CLEAN_STORY, 'c.md': STORY });
    const r = run(['batch', '.', '--check', '--progress', '--jobs', '1'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\| 3\/3 articles \|/);
  });
});

describe('serve: --quiet and --silent set the log level', () => {
  /** Starts `copydesk serve` on a free port, waits for /healthz, stops it with SIGTERM: its exit code and what it logged. */
  async function serveOnce(flags: string[]) {
    const { spawn } = await import('node:child_process');
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolvePort) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolvePort(free));
      });
    });
    const dir = folder({ '.copydeskrc.yaml': 'server:\n  database: state/copydesk.db\n' });
    const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), ...flags], { cwd: dir, env: plainEnv });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    return { code: await exited, out };
  }

  it('logs "listening" by default, not with --quiet, and exits 0 on SIGTERM', async () => {
    const normal = await serveOnce([]);
    expect(normal.code).toBe(0);
    expect(normal.out).toContain('listening');
    const quiet = await serveOnce(['--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.out).not.toContain('listening');
    expect(quiet.out).not.toContain('shutting down');
  });
});
