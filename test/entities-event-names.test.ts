/**
 * A company's word-for-word rendering before an event's word is the event's
 * own title ("the Byte Beat music festival"), never the company: checked
 * with a knowledge base of one such rendering.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/entities/kb.js';
import { clean } from '../src/pipeline.js';

const kb = new KnowledgeBase({
  version: 1,
  entities: [{ id: 'cn:quill', type: 'company', name: 'Quillbright' }],
  // As the build writes a rendering made of English words: it must stand capitalised.
  entries: [{ rule: 'entity-name', expected: 'Quillbright', patterns: ['Feather Light'], entity: 'cn:quill', context: { capital: 'words' } as never }],
});
const run = async (sentence: string) => (await clean(`Weekend listings\n\n${sentence}`, { format: 'text', fixEntities: { kb }, flagEntities: false })).markdown.split('\n\n').slice(1).join(' ').trim();

describe('a rendering before an event’s word', () => {
  it('is the event’s title', async () => {
    for (const s of ['Tickets for the Feather Light music festival sold out.', 'The Feather Light Festival returns in May.', 'She won the Feather Light Cup twice.', 'The Feather Light Awards honour new poets.']) expect(await run(s)).toBe(s);
  });

  it('is the company elsewhere, the festival named after it too', async () => {
    expect(await run('Feather Light won the festival’s streaming rights.')).toBe('Quillbright won the festival’s streaming rights.');
    expect(await run('Feather Light sponsors a festival in Chengdu.')).toBe('Quillbright sponsors a festival in Chengdu.');
  });
});
