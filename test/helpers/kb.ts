/** The shipped knowledge base read afresh, with each entry's source (kb.sources.json) put back: for tests that ask why an entry exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase, type KbData } from '../../src/entities/kb.js';
import { withEntrySources } from '../../src/entities/kb-sources.js';

export function shippedKbWithSources(): KnowledgeBase {
  const path = join(import.meta.dirname, '..', '..', 'data', 'kb.json');
  return withEntrySources(new KnowledgeBase(JSON.parse(readFileSync(path, 'utf8')) as KbData), path);
}
