/**
 * Blind round 9 mechanisms for names beside tickers and legal names: a
 * company's own name is never read as another company's wrong form with a
 * company word after it, and a wrong form whose story this is not leaves a
 * legal name around it free to be shortened; traps where the other reading
 * is right.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { findTickers } from '../src/entities/tickers.js';

const run = async (text: string) => {
  const r = await clean(`Markets in brief\n${text}`, { format: 'text' });
  return { body: r.markdown.split('\n\n').slice(1).join('\n\n').trim(), messages: r.messages };
};
const rules = (messages: Awaited<ReturnType<typeof run>>['messages']) => messages.map((m) => m.ruleId).filter((id) => id !== 'headline-chrome');

describe("a company's own name against another's wrong form and a company word", () => {
  it('keeps "Huadi International", a US-listed steel pipe maker, though "Huadi" is 华帝 (Vatti) in pinyin', async () => {
    const beside = 'Huadi International (HUDI.US) warned that full-year profit would fall.';
    const r = await run(beside);
    expect(r.body).toBe(beside);
    expect(rules(r.messages)).not.toContain('ticker-mismatch');
    expect((await run('Huadi International won an order for stainless steel pipes.')).body).toBe('Huadi International won an order for stainless steel pipes.');
  });

  it('still fixes the wrong form with a company word no name holds', async () => {
    expect((await run('Ningde Times Technology said it would build a plant in Hungary.')).body).toBe('CATL said it would build a plant in Hungary.');
    expect((await run('Zhongxing Tongxun Gufen shipped more base stations.')).body).toBe('ZTE shipped more base stations.');
  });
});

describe('a wrong form whose context does not hold, inside a legal name', () => {
  it('shortens the legal name of a company no list holds', async () => {
    const r = await run('Hangzhou Lanxin Robotics Co., Ltd. raised 300 million yuan in a new funding round.');
    expect(r.body).toBe('Hangzhou Lanxin Robotics raised 300 million yuan in a new funding round.');
    expect(r.messages.find((m) => m.ruleId === 'legal-suffix')).toMatchObject({ actual: 'Hangzhou Lanxin Robotics Co., Ltd.', expected: ['Hangzhou Lanxin Robotics'] });
  });

  it('keeps it in a legal context, and fixes the form where its story is told', async () => {
    const suit = 'The plaintiffs say Hangzhou Lanxin Robotics Co., Ltd. copied their designs.';
    expect((await run(suit)).body).toBe(suit);
    expect((await run('Vivo said Lanxin models now run on all of its new phones.')).body).toBe('Vivo said BlueLM models now run on all of its new phones.');
  });
});

describe('a one-word name between the words of a longer legal name', () => {
  it('shortens the longer name: the word is one of its words', async () => {
    // "Intelligent" is a US listing's running name (Intelligent Group), one word of many here.
    const r = await run('Shenzhen Kestrel Intelligent Technology Co., Ltd. won an order for battery equipment.');
    expect(r.body).toBe('Shenzhen Kestrel Intelligent Technology won an order for battery equipment.');
  });

  it('keeps the legal name in a legal context', async () => {
    const suit = 'A court in Shenzhen fined Shenzhen Kestrel Intelligent Technology Co., Ltd. for the breach.';
    expect((await run(suit)).body).toBe(suit);
  });
});

describe("a product's rendering beside its maker's ticker, when the product bears the maker's name", () => {
  it('fixes "Know Almost" (知乎, the app) beside Zhihu\'s US and Hong Kong codes', async () => {
    expect((await run('Know Almost (NYSE: ZH) narrowed its net loss for the quarter.')).body).toBe('Zhihu (NYSE: ZH) narrowed its net loss for the quarter.');
    expect((await run('Know Almost (02390.HK) cut its marketing spending.')).body).toBe('Zhihu (02390.HK) cut its marketing spending.');
  });

  it('leaves the English words where the ticker names no company, and flags a product of another name beside a code', async () => {
    const plain = 'Investors know almost nothing about the listing plan, it said.';
    expect((await run(plain)).body).toBe(plain);
    const other = await run('Lanxin (688981.SH) said output rose.');
    expect(other.body).toBe('Lanxin (688981.SH) said output rose.');
    expect(rules(other.messages)).toContain('ticker-mismatch');
  });
});

describe('Indonesian, Malaysian and Vietnamese register forms', () => {
  it('shortens "Tbk", "Berhad" and "Joint Stock Company" after a name no list holds', async () => {
    expect((await run('PT Kestrel Nikel Indonesia Tbk signed a supply deal with a Chinese battery maker.')).body).toBe('PT Kestrel Nikel Indonesia signed a supply deal with a Chinese battery maker.');
    expect((await run('Kestrel Mining Berhad bought a stake in a bauxite mine.')).body).toBe('Kestrel Mining bought a stake in a bauxite mine.');
    expect((await run('Kestrel Dairy Products Joint Stock Company raised milk prices.')).body).toBe('Kestrel Dairy Products raised milk prices.');
    const r = await run('Kestrel Nikel Tbk. signed a deal.');
    expect(r.body).toBe('Kestrel Nikel signed a deal.');
  });

  it('keeps them in a filing and in a lawsuit', async () => {
    const filing = 'The filing shows PT Kestrel Nikel Indonesia Tbk holds 20% of the smelter.';
    expect((await run(filing)).body).toBe(filing);
    const suit = 'The court ordered Kestrel Mining Berhad to pay damages.';
    expect((await run(suit)).body).toBe(suit);
  });
});

describe('a US symbol after a "US:" prefix, as Chinese quote pages print it', () => {
  it('reads it as the US listing, and a rendering beside it as the company', async () => {
    expect(findTickers('Pin Duo Duo (US:PDD) rose.').map((t) => t.keys)).toEqual([['US:PDD']]);
    expect((await run('Know Almost (US:ZH) narrowed its net loss.')).body).toBe('Zhihu (US:ZH) narrowed its net loss.');
  });

  it('never reads a figure or a word after "US:" as a symbol', () => {
    expect(findTickers('Growth by region (US: 5%, EU: 3%) slowed.')).toEqual([]);
    expect(findTickers('Sales (US: now the largest market) rose.')).toEqual([]);
  });
});
