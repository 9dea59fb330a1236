/**
 * Every spec of the curated knowledge (`specs: [{ from, to }]` of the entries
 * in data/curated/ and its folders) run through the whole cleaning pipeline:
 * one processor, built once, reused for every sentence. Failures are listed
 * per file, with the entry, what came out and what was expected, so the
 * people who write the data can fix their entries (or report a gap in the
 * rules). data/kb.json must have been rebuilt from the same files
 * (`npm run build:kb`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurated, specsOf, type Item, type Spec } from '../src/entities/curated.js';
import { bundledKnowledgeBase, bundledPath } from '../src/entities/kb.js';
import { withEntrySources } from '../src/entities/kb-sources.js';
import { sentenceCleaner } from './helpers/sentences.js';

const curatedDir = join(import.meta.dirname, '..', 'data', 'curated');
const data = readCurated(curatedDir);

interface Case {
  label: string;
  spec: Spec;
}

const byFile = new Map<string, Case[]>();
const add = (item: Item<{ specs?: Spec[]; variants?: unknown[] }>, label: string) => {
  for (const spec of specsOf(item.entry as Parameters<typeof specsOf>[0])) {
    const list = byFile.get(item.file) ?? [];
    list.push({ label: `[${item.index}] ${label}`, spec });
    byFile.set(item.file, list);
  }
};
for (const item of [...data.companies, ...data.people, ...data.products]) add(item, item.entry.name);
for (const item of data.jargon) add(item, item.entry.expected);

const { clean: cleaned, print: printed } = await sentenceCleaner();

/** Why a spec may fail: whether the knowledge base holds an entry for a wrong form in the sentence. */
function hint(spec: Spec): string {
  if (spec.from === spec.to) return 'a right name or a trap was changed: some entry (or a rule) treats it as wrong';
  const from = spec.from.toLowerCase();
  const hits = withEntrySources(bundledKnowledgeBase(), bundledPath()).entries.filter((e) => e.patterns.some((p) => p.length > 3 && from.includes(p.toLowerCase())));
  if (hits.length === 0) return 'no entry holds the wrong form: kb.json is older than the file (npm run build:kb), or the build dropped the form (see its warnings)';
  return `entries hold it (${hits.slice(0, 2).map((e) => `${e.rule} → “${e.expected}”, ${e.source ?? ''}`).join('; ')}) but were not applied: a context not met, a legal or quoted context, or a longer name decided otherwise`;
}

describe('curated specs', () => {
  it('the curated files hold specs', () => {
    expect([...byFile.values()].flat().length).toBeGreaterThan(0);
  });
  for (const [file, cases] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    it(`${file} (${cases.length} specs)`, async () => {
      const failures: string[] = [];
      for (const { label, spec } of cases) {
        const got = await cleaned(spec.from);
        if (got !== printed(spec.to)) failures.push(`${label}\n      from: ${spec.from}\n      got:  ${got}\n      want: ${spec.to}\n      why:  ${hint(spec)}`);
      }
      expect(failures, `${failures.length} of ${cases.length} specs fail in ${file}:\n  ${failures.join('\n  ')}`).toEqual([]);
    });
  }
});
