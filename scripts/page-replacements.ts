/**
 * Every replacement copydesk makes on real English web pages: runs `clean()`
 * (format html) over the shared benchmark pages and lists each message that
 * rewrites text (one with an `expected`), by rule, with a few words around
 * it. Those pages are mostly ordinary news and blogs, so each replacement
 * there is a candidate false change to review. The pages are read from
 * ../shared at run time; nothing of their text is written into the project.
 *
 * With `--flags` it lists the flags instead (`suspicious-product-name`,
 * `ticker-mismatch`): on pages that are not Chinese financial news, nearly
 * every one of them is a false flag.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/page-replacements.js [--rules fix-entities,legal-suffix] [--flags] [--json out.json]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { clean } from '../src/pipeline.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const shared = resolve(option('--shared') ?? join(process.cwd(), '..', 'shared'));
const onlyRules = option('--rules')?.split(',');
const jsonOut = option('--json');
const flagsOnly = args.includes('--flags');
const FLAG_RULES = ['suspicious-product-name', 'ticker-mismatch'];

/** Every page: the readability test pages (source.html) and the extraction benchmark's html/*.html.gz. */
function pages(): Array<{ name: string; read: () => string }> {
  const out: Array<{ name: string; read: () => string }> = [];
  const readability = join(shared, 'benchmarks', 'readability-pages', 'pages');
  if (existsSync(readability)) {
    for (const dir of readdirSync(readability).sort()) {
      const file = join(readability, dir, 'source.html');
      if (existsSync(file)) out.push({ name: `readability/${dir}`, read: () => readFileSync(file, 'utf8') });
    }
  }
  const extraction = join(shared, 'benchmarks', 'article-extraction', 'html');
  if (existsSync(extraction)) {
    for (const f of readdirSync(extraction).sort()) {
      const file = join(extraction, f);
      out.push({ name: `extraction/${f}`, read: () => (f.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file)).toString('utf8') });
    }
  }
  return out;
}

interface Found {
  page: string;
  ruleId: string;
  actual: string;
  expected: string;
  around: string;
}

const found: Found[] = [];
let failed = 0;
const all = pages();
for (const page of all) {
  let result;
  try {
    result = await clean(page.read(), { format: 'html' });
  } catch (error) {
    failed++;
    console.error(`${page.name}: ${(error as Error).message}`);
    continue;
  }
  const text = result.markdown;
  for (const m of result.messages) {
    const expected = (m as { expected?: unknown }).expected;
    const actual = (m as { actual?: unknown }).actual;
    const ruleId = m.ruleId ?? '';
    if (flagsOnly) {
      if (!FLAG_RULES.includes(ruleId)) continue;
      found.push({ page: page.name, ruleId, actual: String(actual ?? ''), expected: String(Array.isArray(expected) ? (expected[0] ?? '') : ''), around: m.reason.slice(0, 160) });
      continue;
    }
    if (!Array.isArray(expected) || !expected.length || typeof actual !== 'string') continue;
    if (onlyRules && !onlyRules.includes(ruleId)) continue;
    if (ruleId === 'sanitize' || /^(?:dedupe|strip|boilerplate|headline|dek)/.test(ruleId)) continue;
    const target = String(expected[0]);
    const at = text.indexOf(target);
    const around = at >= 0 ? text.slice(Math.max(0, at - 60), at + target.length + 60).replace(/\s+/g, ' ') : '';
    found.push({ page: page.name, ruleId, actual, expected: target, around });
  }
}
const byRule = new Map<string, number>();
for (const f of found) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
for (const f of found) console.log(`${f.page}\t${f.ruleId}\t${JSON.stringify(f.actual)} → ${JSON.stringify(f.expected)}\t…${f.around}…`);
console.log(`\n${all.length} pages (${failed} failed), ${found.length} ${flagsOnly ? 'flags' : 'replacements'}: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(found, null, 2));
