/**
 * A wrong form printed beside the right name as an appositive renames it on
 * purpose ("Intel, the toothpaste factory, …", "CATL (the Ning King)"):
 * replacing it would print one name twice. Checked with a knowledge base of
 * one company and its nickname.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/entities/kb.js';
import { clean } from '../src/pipeline.js';

const kb = new KnowledgeBase({
  version: 1,
  entities: [{ id: 'cn:quill', type: 'company', name: 'Quillbright' }],
  entries: [{ rule: 'entity-name', expected: 'Quillbright', patterns: ['feather mill'], entity: 'cn:quill' }],
});
const run = async (sentence: string) => (await clean(`Results\n\n${sentence}`, { format: 'text', fixEntities: { kb }, flagEntities: false })).markdown.split('\n\n').slice(1).join(' ').trim();

describe('a wrong form beside the right name', () => {
  it('stays where it renames the name printed just before or after it', async () => {
    for (const s of ['Quillbright, the feather mill, lost share to rivals.', 'Quillbright (the feather mill) lost share.', 'The feather mill, Quillbright, lost share.']) expect(await run(s)).toBe(s);
  });

  it('is fixed elsewhere, the name printed further on too', async () => {
    expect(await run('The feather mill lost share to rivals.')).toBe('Quillbright lost share to rivals.');
    expect(await run('Shares of the feather mill fell as Quillbright missed forecasts.')).toBe('Shares of Quillbright fell as Quillbright missed forecasts.');
  });
});
