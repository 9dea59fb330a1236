/**
 * Real pages from the shared benchmarks (Readability's test pages and an
 * article-extraction set) all go through `clean(…, { format: 'html' })`
 * without failing, and their outputs are sanitized. The pages are read in
 * place; none of their text is kept in the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const shared = join(import.meta.dirname, '..', '..', 'shared', 'benchmarks');
const readability = join(shared, 'readability-pages', 'pages');
const extraction = join(shared, 'article-extraction', 'html');
const present = existsSync(readability) && existsSync(extraction);

function pages(): Array<{ name: string; read: () => Buffer }> {
  const out: Array<{ name: string; read: () => Buffer }> = [];
  for (const name of readdirSync(readability).sort()) {
    const path = join(readability, name, 'source.html');
    if (existsSync(path)) out.push({ name: `readability/${name}`, read: () => readFileSync(path) });
  }
  for (const name of readdirSync(extraction).sort()) {
    if (name.endsWith('.html.gz')) out.push({ name: `extraction/${name.slice(0, 12)}`, read: () => gunzipSync(readFileSync(join(extraction, name))) });
  }
  return out;
}

/** What neither output may hold, whatever the page held. */
const UNSAFE_MARKDOWN = /<script\b|\son[a-z]+\s*=\s*["']?[^\s>]|\]\(\s*(?:javascript|vbscript|data):/i;
const UNSAFE_HTML = /<script\b|\son[a-z]+\s*=|(?:href|src)\s*=\s*"\s*(?:javascript|vbscript|data):/i;

/** Code samples may show a `<script>` tag: they are text, escaped in the HTML output. */
const withoutCode = (markdown: string) => markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/(`+)[^`]+?\1/g, '');

describe.skipIf(!present)('real pages (../shared/benchmarks)', () => {
  it('every page is cleaned without failure, to sanitized outputs', async () => {
    const all = pages();
    expect(all.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    const unsafe: string[] = [];
    for (const page of all) {
      try {
        const result = await clean(page.read(), { format: 'html', path: 'source.html' });
        if (UNSAFE_MARKDOWN.test(withoutCode(result.markdown))) unsafe.push(`${page.name} (Markdown)`);
        if (UNSAFE_HTML.test(result.html)) unsafe.push(`${page.name} (HTML)`);
        if (result.html.includes('href=""')) unsafe.push(`${page.name} (empty href)`);
      } catch (error) {
        failures.push(`${page.name}: ${String((error as Error).message).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(unsafe).toEqual([]);
  }, 240_000);
});

describe.skipIf(present)('real pages', () => {
  it.skip('skipped: ../shared/benchmarks (readability-pages, article-extraction) is not next to the project', () => {});
});
