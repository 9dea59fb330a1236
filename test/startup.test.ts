/**
 * Start-up stays lean: every pool worker and every `copydesk clean` loads the
 * pipeline, so parsers needed only by some inputs (WordPress XML, dictionaries,
 * HTML) load on first use. Checked in a fresh process, on the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const worker = 'dist/src/batch/worker.js';

/** Packages (CommonJS ones, which show in require.cache) loaded after importing `module` and running `code`. */
function loadedAfter(module: string, code = ''): string[] {
  const script = `
    const { createRequire } = await import('node:module');
    const m = await import(${JSON.stringify(`${process.cwd()}/${module}`)});
    ${code}
    const cache = createRequire(import.meta.url).cache;
    console.log(JSON.stringify([...new Set(Object.keys(cache).map((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1]).filter(Boolean))]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}

describe('start-up', () => {
  test.skipIf(!existsSync(worker))('a pool worker loads neither the WordPress reader nor the dictionary parsers', () => {
    const loaded = loadedAfter(worker);
    for (const name of ['saxes', 'ajv', 'yaml', 'js-yaml']) expect(loaded).not.toContain(name);
  });

  test.skipIf(!existsSync(worker))('they load when an input needs them', () => {
    const loaded = loadedAfter('dist/src/entities/dictionary.js', `m.compileDictionary({ rules: [{ expected: 'Jensen Huang', patterns: ['Huang Renxun'] }] });`);
    expect(loaded).toContain('ajv');
  });
});
