/**
 * Round 9, companies word for word: a translated word that is no English word
 * ("Cathay" of 国泰航空) makes a rendering as distinctive as pinyin does, and a
 * hyphenated word of a rendering counts as capitalised by its first part
 * ("Wall-facing Intelligence", as a name is often printed).
 */
import { describe, expect, it } from 'vitest';
import { literalRenderings } from '../src/entities/literal.js';
import { isEnglish, table } from './helpers/glosses.js';
import { sentenceCleaner } from './helpers/sentences.js';

const risks = (zh: string) => Object.fromEntries(literalRenderings(zh, table, isEnglish).map((r) => [r.form, r.risk]));

describe('a translated word that is no English word', () => {
  it('is distinctive: "Cathay Airlines" is no English phrase', () => {
    expect(risks('国泰航空')['Cathay Airlines']).toBe('safe');
  });
  it('leaves an English word as it was: "Graffiti Intelligence" still needs its trade in the story', () => {
    expect(risks('涂鸦智能')['Graffiti Intelligence']).toBe('word');
  });
  it('counts each part of a hyphenated rendering: "Wall-Facing" is English words', () => {
    expect(risks('面壁智能')['Wall-Facing Intelligence']).not.toBe('safe');
  });
});

describe('sentences', async () => {
  const { clean } = await sentenceCleaner();
  it.each([
    ['Cathay Airlines flew more passengers in October.', 'Cathay Pacific flew more passengers in October.'],
    ['Cathay Pacific cut fuel surcharges on long-haul routes.', 'Cathay Pacific cut fuel surcharges on long-haul routes.'],
    // The capital of a hyphenated word's second part is optional, as headlines and wires print it.
    ['Wall-facing Intelligence released a small model that runs on phones.', 'ModelBest released a small model that runs on phones.'],
    ['Wall-Facing Intelligence released a small model that runs on phones.', 'ModelBest released a small model that runs on phones.'],
    // Still a description in lower case.
    ['The monks sat in wall-facing intelligence of a kind, the guide said.', 'The monks sat in wall-facing intelligence of a kind, the guide said.'],
    ['Pony Smart Travel won a permit to run driverless taxis in Shenzhen.', 'Pony.ai won a permit to run driverless taxis in Shenzhen.'],
    ['Pony.ai said its seventh-generation robotaxi cut costs.', 'Pony.ai said its seventh-generation robotaxi cut costs.'],
  ])('%s', async (from, to) => {
    expect(await clean(from)).toBe(to);
  });
});
