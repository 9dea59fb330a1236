/**
 * A short name's bare pinyin (海康 "Haikang", 宁王 "Ningwang") that stands
 * before a company word is the head of a longer name, one the knowledge base
 * may not hold: the head alone is not replaced, so no "Hikvision Vision" or
 * "CATL Technology" is printed; the same pinyin standing alone, or before a
 * word of running prose ("shares"), is still the company.
 */
import { describe, expect, it } from 'vitest';
import { sentenceCleaner } from './helpers/sentences.js';

describe('a short name’s bare pinyin as the head of a longer name', async () => {
  const clean = (await sentenceCleaner()).cleanWithMessages;

  it('is left alone before a company word', async () => {
    for (const right of [
      'Haikang Logistics said quarterly profit rose as warehouse orders grew.',
      'Zhaohang Securities said its brokerage revenue rose in the quarter.',
      'Haikang Medical reported higher sales of its scanners in the first half.',
    ]) {
      expect((await clean(right)).text).toBe(right);
    }
  });

  it('is still the company alone, before a verb or before “shares”', async () => {
    expect((await clean('Haikang said quarterly profit rose on camera orders.')).text).toBe('Hikvision said quarterly profit rose on camera orders.');
    expect((await clean('Haikang shares rose 3% after its profit beat forecasts.')).text).toBe('Hikvision shares rose 3% after its profit beat forecasts.');
    expect((await clean('Zhaohang said its net interest margin narrowed as loans repriced.')).text).toBe('China Merchants Bank said its net interest margin narrowed as loans repriced.');
  });
});
