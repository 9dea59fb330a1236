/**
 * The package as users get it: every package in the lock supports Node 20
 * (so `npm ci` prints no EBADENGINE), and the packed tarball, installed with
 * `--omit=dev` into an empty project, runs a plugin in a ten-line remark
 * pipeline without the service's or the batch runner's packages. The install
 * size is measured and printed (the README states it).
 *
 * Needs the build (`npx tsc -p tsconfig.json`, and the preview page in dist/web).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { workspaces } from './helpers/workspace.js';

const root = join(import.meta.dirname, '..');
const folder = workspaces();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The Node 20 we promise: our own version when we run on 20, else the oldest 20 that `>=20` admits. */
const NODE_20 = process.versions.node.startsWith('20.') ? process.versions.node : '20.0.0';

describe('engines', () => {
  it('every package in package-lock.json admits Node 20', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (range && !semver.satisfies(NODE_20, range, { includePrerelease: true })) refusing.push(`${path || 'copydesk'} (node ${range})`);
    }
    expect(refusing).toEqual([]);
  });
});

/** Bytes and package count of a node_modules folder. */
function sizeOf(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += statSync(path).size;
        if (entry.name === 'package.json' && /node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/@]+$/.test(d)) packages++;
      }
    }
  };
  walk(dir);
  return { bytes, packages };
}

const built = existsSync(join(root, 'dist', 'src', 'index.js')) && existsSync(join(root, 'dist', 'plugins', 'strip-boilerplate.js'));

describe.skipIf(!built)('the packed package', () => {
  it('installs with --omit=dev, runs a plugin in a remark pipeline, and stays small', { timeout: 600_000 }, () => {
    const work = folder();
    // --ignore-scripts: pack what is built, without rebuilding the shared dist/
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }>; unpackedSize: number }>;
    const { filename, files } = packed[0]!;
    const paths = files.map((f) => f.path);
    expect(paths).toContain('dist/src/index.js');
    expect(paths).toContain('dist/plugins/strip-boilerplate.js');
    expect(paths).toContain('data/kb.json');
    for (const left of ['dist/bench/', 'dist/scripts/', 'dist/test/', 'fixtures/', 'data/curated/', 'src/']) expect(paths.filter((p) => p.startsWith(left))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);

    const project = folder({
      'package.json': JSON.stringify({ name: 'newsroom-site', version: '1.0.0', private: true, type: 'module' }),
      // ten lines: a user's own remark pipeline with one copydesk plugin
      'clean.js': [
        "import { unified } from 'unified';",
        "import remarkParse from 'remark-parse';",
        "import remarkStringify from 'remark-stringify';",
        "import stripBoilerplate from 'copydesk/plugins/strip-boilerplate';",
        "const input = '# Ferry fares rise\\n\\nFares on the harbour ferry rise by a tenth from May, the operator said on Monday.\\n\\nRelated Articles\\n\\n- [Bus lanes extended](https://example.com/bus)\\n';",
        'const file = await unified().use(remarkParse).use(stripBoilerplate).use(remarkStringify).process(input);',
        'process.stdout.write(String(file));',
        "for (const m of file.messages) process.stderr.write(`${m.ruleId}\\n`);",
        "const { clean } = await import('copydesk');",
        "process.stderr.write(`title: ${(await clean('# Ferry fares rise\\n\\nFares rise.\\n')).title}\\n`);",
      ].join('\n'),
    });
    // offline first: every dependency was fetched into the npm cache when this checkout was installed
    const install = spawnSync(npm, ['install', join(work, filename), '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, encoding: 'utf8', timeout: 540_000 });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toContain('EBADENGINE');

    const installed = readdirSync(join(project, 'node_modules'));
    for (const optional of ['fastify', 'piscina', 'prom-client', 'pg', 'better-sqlite3', 'cli-progress', 'proper-lockfile', 'payload']) expect(installed).not.toContain(optional);

    const run = spawnSync(process.execPath, ['clean.js'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('# Ferry fares rise\n\nFares on the harbour ferry rise by a tenth from May, the operator said on Monday.\n');
    expect(run.stderr).toContain('related-block');
    expect(run.stderr).toContain('title: Ferry fares rise');

    // the batch runner says what to install rather than failing with a stack trace
    const batch = spawnSync(process.execPath, [join(project, 'node_modules', 'copydesk', 'dist', 'src', 'cli.js'), 'batch', 'clean.js', '--check'], { cwd: project, encoding: 'utf8' });
    expect(batch.status).toBe(2);
    expect(batch.stderr).toMatch(/`copydesk batch` needs the package \S+, not installed .*npm install piscina@\S+ cli-progress@/);
    const serve = spawnSync(process.execPath, [join(project, 'node_modules', 'copydesk', 'dist', 'src', 'cli.js'), 'serve'], { cwd: project, encoding: 'utf8' });
    expect(serve.status).toBe(2);
    expect(serve.stderr).toMatch(/`copydesk serve` needs the package \S+.*npm install fastify@/);
    // one article needs none of them
    const one = spawnSync(process.execPath, [join(project, 'node_modules', 'copydesk', 'dist', 'src', 'cli.js'), 'clean', '-', '--format', 'markdown', '--quiet'], { cwd: project, encoding: 'utf8', input: '# A\n\nText of the story.\n' });
    expect(one.status, one.stderr).toBe(0);

    const { bytes, packages } = sizeOf(join(project, 'node_modules'));
    const megabytes = bytes / 1024 / 1024;
    const data = ['kb.json', 'kb.matcher.bin'].reduce((sum, f) => sum + statSync(join(project, 'node_modules', 'copydesk', 'data', f)).size, 0) / 1024 / 1024;
    const line = `copydesk install (--omit=dev, library and CLI): ${packages} packages, ${megabytes.toFixed(1)} MB in node_modules, ${data.toFixed(1)} MB of it the knowledge base; tarball ${(statSync(join(work, filename)).size / 1024 / 1024).toFixed(1)} MB`;
    console.log(line);
    // With the service and the batch runner it was 199 packages and 44 MB; without them about 165 packages and 15 MB
    // besides the knowledge base (the unified ecosystem is many small packages). The knowledge base grows with what it
    // knows (10.5 MB for about 12,600 entities and 40,000 patterns; 14.7 MB for 13,700 entries and 55,000 patterns, a
    // tenth of it contexts repeated by derived entries; 16.2 MB for 16,900 entries and 67,000 patterns, the entries'
    // sources moved out to kb.sources.json, which is not shipped; 19.4 MB for 19,400 entries and 79,500 patterns, 10.5 MB of
    // it the automaton's states): bounded on its own, so code and data are each watched.
    expect(packages).toBeLessThan(185);
    expect(megabytes - data).toBeLessThan(17);
    expect(data).toBeLessThan(20);
  });
});
