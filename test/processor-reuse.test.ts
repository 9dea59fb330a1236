/**
 * clean() reuses the processor frozen for the same options (src/processor-key.ts):
 * what it cleans must be exactly what a fresh processor would clean, whatever
 * changed between two articles: a dictionary file edited, a rule switched off,
 * options that are no plain data.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { clean, createProcessor, toMarkdown } from '../src/index.js';
import { processorKey } from '../src/processor-key.js';
import { workspaces } from './helpers/workspace.js';

const workspace = workspaces();

const story = [
  '# Harbour Rail wins a signalling order',
  '',
  'Harbour Rail said on Tuesday that it had won a signalling order worth $40 million from a port operator, its largest this year.',
  '',
  'The Coastline Hldgs unit will deliver the first systems next spring, the company said in a filing.',
  '',
  'Related News',
  '',
  '- [Port volumes at a record](/n/2)',
].join('\n');

/** The Markdown a processor made for this call alone gives: the reference for the reused one. */
async function fresh(doc: string, options: Parameters<typeof clean>[1] = {}): Promise<string> {
  const processor = await createProcessor('markdown', options);
  const file = new VFile(doc);
  return toMarkdown(await processor.run(processor.parse(file), file));
}

describe('processor reuse', () => {
  it('cleans the next article as a fresh processor would', async () => {
    const first = await clean(story, { format: 'markdown' });
    const again = await clean(story, { format: 'markdown' });
    expect(again.markdown).toBe(first.markdown);
    expect(again.messages.map((m) => [m.ruleId, m.actual])).toEqual(first.messages.map((m) => [m.ruleId, m.actual]));
    expect(first.markdown).toBe(await fresh(story));
    expect(first.markdown).not.toContain('Related News');
  });

  it('reads a dictionary file again once it has changed', async () => {
    const dir = workspace();
    const path = join(dir, 'desk.yml');
    writeFileSync(path, 'version: 1\nrules:\n  - expected: Coastline Holdings\n    pattern: Coastline Hldgs\n');
    utimesSync(path, new Date(2024, 0, 1), new Date(2024, 0, 1));
    const before = await clean(story, { format: 'markdown', dictionaries: [path] });
    expect(before.markdown).toContain('The Coastline Holdings unit');

    writeFileSync(path, 'version: 1\nrules:\n  - expected: Coastline Group\n    pattern: Coastline Hldgs\n');
    utimesSync(path, new Date(2024, 0, 2), new Date(2024, 0, 2));
    const after = await clean(story, { format: 'markdown', dictionaries: [path] });
    expect(after.markdown).toContain('The Coastline Group unit');
    expect(after.markdown).toBe(await fresh(story, { dictionaries: [path] }));
  });

  it('honours options that differ from one article to the next', async () => {
    const on = await clean(story, { format: 'markdown' });
    const off = await clean(story, { format: 'markdown', rules: { 'related-block': 'off' } });
    expect(on.markdown).not.toContain('Related News');
    expect(off.markdown).toContain('Related News');
    const marker = await clean('# A title for the story here\n\nThe company said revenue rose 4% in the quarter, helped by exports.\n\nElsewhere on the site\n', {
      format: 'markdown',
      stripBoilerplate: { markers: [/^elsewhere on the site$/i] },
    });
    expect(marker.markdown).not.toContain('Elsewhere on the site');
  });
});

describe('processorKey', () => {
  it('is the same for the same plain options in any key order', () => {
    expect(processorKey('markdown', { minProseShare: 0.4, rules: { jargon: 'off', dek: 'warning' } })).toBe(
      processorKey('markdown', { rules: { dek: 'warning', jargon: 'off' }, minProseShare: 0.4 }),
    );
    expect(processorKey('markdown', {})).not.toBe(processorKey('text', {}));
    expect(processorKey('markdown', { minProseShare: 0.4 })).not.toBe(processorKey('markdown', { minProseShare: 0.5 }));
  });

  it('keeps no processor for options that are not plain data', () => {
    expect(processorKey('markdown', { stripBoilerplate: { markers: [/^more$/] } })).toBeUndefined();
    expect(processorKey('markdown', { fixEntities: { kb: new Map() } })).toBeUndefined();
    expect(processorKey('markdown', { fixEntities: { dictionaries: ['desk.yml'] } })).toBeUndefined();
  });

  it('tells decisions only by their presence (they are read from the file)', () => {
    expect(processorKey('markdown', { decisions: { a: { action: 'reject' } } })).toBe(processorKey('markdown', { decisions: { b: { action: 'accept' } } }));
    expect(processorKey('markdown', { decisions: {} })).not.toBe(processorKey('markdown', {}));
  });
});
