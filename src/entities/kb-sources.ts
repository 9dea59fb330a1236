/**
 * Where each entry of a built knowledge base comes from (`companies/x.yaml:
 * pinyin of 宁德时代`): `kb.sources.json` beside `kb.json`, one line per
 * entry, in entry order. The cleaner never reads it; reviews, tools and tests
 * that ask why an entry exists do.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { KnowledgeBase } from './kb.js';

export function entrySourcesPath(kbPath: string): string {
  return join(dirname(kbPath), `${basename(kbPath, '.json')}.sources.json`);
}

/** Sets each entry's `source` from the file beside `kbPath`; refuses a file written for another build. */
export function withEntrySources(kb: KnowledgeBase, kbPath: string): KnowledgeBase {
  const path = entrySourcesPath(kbPath);
  const { entries, sources } = JSON.parse(readFileSync(path, 'utf8')) as { entries: number; sources: Array<string | null> };
  if (entries !== kb.entries.length || sources.length !== entries) {
    throw new Error(`${path} lists ${sources.length} entries, ${kbPath} has ${kb.entries.length}: rebuild both (npm run build:kb)`);
  }
  kb.entries.forEach((e, i) => {
    const source = sources[i];
    if (source !== null && source !== undefined) e.source = source;
  });
  return kb;
}
