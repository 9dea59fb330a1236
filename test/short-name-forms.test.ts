/**
 * Forms of a company's short Chinese name that the build derives besides its
 * bare pinyin: a bank's short name with the bank word a translator adds after
 * it ("Gonghang Bank" for 工行), replaced whole so no "ICBC Bank" comes out;
 * and the business words that let a bare short name be fixed (a bond sale, a
 * unit's results, a plant's capacity), with the place guard still holding; and a
 * short name whose pinyin is the company's own name run together ("Huahong"
 * for 华虹, Hua Hong Semiconductor), which is its misspelling, not another's name.
 */
import { describe, expect, it } from 'vitest';
import { shippedKbWithSources } from './helpers/kb.js';
import { sentenceCleaner } from './helpers/sentences.js';

describe('short-name forms in the shipped knowledge base', async () => {
  const kb = shippedKbWithSources();
  const clean = (await sentenceCleaner()).cleanWithMessages;

  it('replaces a bank short name with the bank word after it as one form', async () => {
    const { text, messages } = await clean('Gonghang Bank cut its deposit rates again, as the other big lenders did.');
    expect(text).toBe('ICBC cut its deposit rates again, as the other big lenders did.');
    expect(messages.find((m) => m.ruleId === 'entity-name')).toMatchObject({ actual: 'Gonghang Bank', expected: ['ICBC'] });
    expect((await clean('Nonghang Bank said its loans to small firms grew 20%.')).text).toBe('Agricultural Bank of China said its loans to small firms grew 20%.');
    expect((await clean('Jiaohang Bank raised its interim dividend.')).text).toBe('Bank of Communications raised its interim dividend.');
  });

  it('derives the bank-word form only for a bank short name that ends in 行', () => {
    const derived = (pattern: string) => kb.entries.filter((e) => e.patterns.includes(pattern) && /pinyin of/.test(e.source ?? '')).map((e) => e.expected);
    expect(derived('Gonghang Bank')).toEqual(['ICBC']);
    // 中移动 is no bank: no "Zhongyidong Bank".
    expect(derived('Zhongyidong Bank')).toEqual([]);
  });

  it('keeps the bank-word form where the story names a road or a district', async () => {
    const right = 'The old Jiaohang Bank building on Zhongshan Road is now a museum.';
    expect((await clean(right)).text).toBe(right);
  });

  it('fixes a bare short name in a story of a bond sale or a unit’s results', async () => {
    expect((await clean('Nonghang raised 40 billion yuan from a perpetual bond sale.')).text).toBe('Agricultural Bank of China raised 40 billion yuan from a perpetual bond sale.');
    expect((await clean('Taibao said its property and casualty unit kept costs down.')).text).toBe('CPIC said its property and casualty unit kept costs down.');
    const place = 'Nonghang township sold a bond to build a new road.';
    expect((await clean(place)).text).toBe(place);
  });

  it('fixes a bare short name in a story of a plant running at capacity', async () => {
    expect((await clean('Lixun said its new plant in Vietnam is running at full capacity.')).text).toBe('Luxshare Precision said its new plant in Vietnam is running at full capacity.');
  });

  it('fixes a short name spelled as the company’s own name run together, and leaves another’s name run together alone', async () => {
    expect((await clean('Huahong said its fabs are running at full capacity.')).text).toBe('Hua Hong Semiconductor said its fabs are running at full capacity.');
    const derived = (pattern: string) => kb.entries.filter((e) => e.patterns.includes(pattern) && /pinyin of/.test(e.source ?? '')).map((e) => e.expected);
    expect(derived('Huahong')).toEqual(['Hua Hong Semiconductor']);
  });

  it('keeps a bare short name that stands as a person: after a title, before a role or "who"', async () => {
    // 德赛 is Desay SV's short name, and Desai an Indian surname.
    expect((await clean('Desai said the company would raise prices for its cockpit systems.')).text).toBe('Desay SV said the company would raise prices for its cockpit systems.');
    for (const sentence of [
      'Desai, the chief financial officer, said the company would cut costs.',
      'Desai, the company’s head of sales, said orders rose.',
      'Desai, who joined the supplier in 2019, said orders rose.',
      'Ms. Desai said the company would raise prices.',
      'Dr Desai told analysts that profit would rise.',
    ]) expect((await clean(sentence)).text).toBe(sentence);
  });
});
