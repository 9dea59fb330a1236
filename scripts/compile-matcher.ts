/**
 * Writes `data/kb.matcher.bin`, the precompiled matcher of `data/kb.json`
 * (see src/entities/compiled.ts). `npm run build:kb` calls it after writing
 * kb.json; alone (`node dist/scripts/compile-matcher.js [KB_FILE]`) it
 * recompiles the matcher of the kb.json there is, without rebuilding it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledPathFor, writeCompiledMatcher } from '../src/entities/compiled.js';
import { digestsOf } from '../src/entities/checksum.js';
import { bundledPath, KnowledgeBase, type KbData } from '../src/entities/kb.js';
import { Matcher } from '../src/entities/matcher.js';

/** Compiles the matcher of the knowledge base in `kbFile`, tied to that file's bytes. */
export function compileMatcherFile(kbFile: string): { path: string; bytes: number; patterns: number } {
  const written = readFileSync(kbFile);
  const matcher = new Matcher(new KnowledgeBase(JSON.parse(written.toString('utf8')) as KbData));
  const path = compiledPathFor(kbFile);
  return { path, bytes: writeCompiledMatcher(path, matcher, digestsOf(written)), patterns: matcher.size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { path, bytes, patterns } = compileMatcherFile(resolve(process.argv[2] ?? bundledPath()));
  console.log(`${path}: ${patterns} patterns, ${(bytes / 2 ** 20).toFixed(2)} MiB`);
}
