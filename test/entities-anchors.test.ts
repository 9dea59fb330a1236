/**
 * Tickers as anchors: full-width brackets read like ASCII ones, and a ticker
 * beside a place, an exchange or a class of shares names no company (no fix,
 * no `ticker-mismatch`), while a name before a possessive is the one the
 * ticker belongs to.
 */
import { describe, expect, it } from 'vitest';
import { findTickers } from '../src/entities/tickers.js';
import { clean } from '../src/index.js';

const run = async (sentence: string) => {
  const r = await clean(`Stocks in Asia move on the news\n${sentence}`, { format: 'text' });
  const body = r.markdown.split('\n\n').slice(1).join('\n\n').trim();
  return { body, rules: r.messages.map((m) => m.ruleId) };
};

describe('full-width brackets', () => {
  it('reads a ticker in full-width brackets, with ASCII or full-width characters inside', () => {
    expect(findTickers('腾讯（00700.HK）涨').map((t) => t.keys)).toEqual([['HK:00700']]);
    expect(findTickers('Tencent（0700.HK）rose').map((t) => t.keys)).toEqual([['HK:00700']]);
    expect(findTickers('（６００５１９．ＳＨ）').map((t) => t.keys)).toEqual([['CN:600519']]);
    expect(findTickers('Tencent Music（TME.US，01698.HK）').map((t) => t.keys)).toEqual([['US:TME', 'HK:01698']]);
  });

  it('does not read a year, a count or mixed brackets as a ticker', () => {
    expect(findTickers('founded in Hangzhou（1999）')).toEqual([]);
    expect(findTickers('its riders（38000 in total）')).toEqual([]);
    expect(findTickers('revenue（up 12.5%）')).toEqual([]);
    expect(findTickers('Tencent（00700.HK)')).toEqual([]);
  });

  it('anchors a rendering beside a full-width ticker, and flags another company’s code', async () => {
    expect((await run('Guizhou Maotai Liquor（600519.SH）fell after the price cut.')).body).toBe('Kweichow Moutai（600519.SH）fell after the price cut.');
    expect((await run('Huawei（00700.HK）rose in the afternoon.')).rules).toContain('ticker-mismatch');
  });

  it('leaves a right name and a year in full-width brackets alone', async () => {
    const right = await run('Kweichow Moutai（600519.SH）fell after the price cut.');
    expect(right).toEqual({ body: 'Kweichow Moutai（600519.SH）fell after the price cut.', rules: [] });
    const year = await run('Alibaba, founded in Hangzhou（1999）, runs a large cloud business.');
    expect(year).toEqual({ body: 'Alibaba, founded in Hangzhou（1999）, runs a large cloud business.', rules: [] });
  });
});

describe('a ticker beside a place or a noun', () => {
  const unchanged = [
    'Alibaba, which is listed in Hong Kong (09988), said cloud revenue rose.',
    'Alibaba, listed on the Hong Kong Stock Exchange (09988), rose.',
    "Alibaba's Hong Kong Shares (09988) rose 3% on Monday.",
    "BYD's H Shares (01211) rose while its A shares (002594) fell.",
    'Meituan said its Hong Kong shares (3690) fell.',
    'Kweichow Moutai, listed in Shanghai (600519.SH), fell.',
  ];
  for (const sentence of unchanged) {
    it(`leaves “${sentence}” as it is, with no flag`, async () => expect(await run(sentence)).toEqual({ body: sentence, rules: [] }));
  }

  it('does not take a year after a title for a Hong Kong code', async () => {
    const sentence = 'His Book of Black Magic and Pacts (1898) led a young poet to the occult.';
    expect(await run(sentence)).toEqual({ body: sentence, rules: [] });
    expect((await run('Xiaomi Jituan (1810) rose 3% in the morning.')).body).toBe('Xiaomi (1810) rose 3% in the morning.');
  });

  it('judges the possessor, not the noun phrase it owns', async () => {
    expect((await run("Guizhou Maotai Liquor's A Shares (600519.SH) fell.")).body).toBe("Kweichow Moutai's A Shares (600519.SH) fell.");
  });

  it('still fixes a rendering that ends in “Shares”, a word of the name’s own before it', async () => {
    expect((await run('Tongwei Shares (600438.SH) rose 4%.')).body).toBe('Tongwei (600438.SH) rose 4%.');
  });
});

describe('the ticker as the context of a wrong form', () => {
  it('fixes a variant whose context the sentence alone does not hold, beside its own ticker', async () => {
    expect((await run('Weilai (NIO.US) rose 6% on delivery data.')).body).toBe('NIO (NIO.US) rose 6% on delivery data.');
    expect((await run('Beautiful Group (000333.SZ) rose 2%.')).body).toBe('Midea Group (000333.SZ) rose 2%.');
  });

  it('leaves the same form alone without the ticker, and a right name beside its ticker', async () => {
    expect((await run('Weilai rose 6% on the news.')).body).toBe('Weilai rose 6% on the news.');
    expect((await run('Hua Hong Semiconductor (01347) rose 2%.')).body).toBe('Hua Hong Semiconductor (01347) rose 2%.');
  });

  it('fixes a right name’s pinyin word printed syllable by syllable', async () => {
    expect((await run('Tong Wei Shares (600438.SH) rose 4%.')).body).toBe('Tongwei (600438.SH) rose 4%.');
  });

  it('fixes a name half translated, half in pinyin, whose pinyin run is a rendering’s', async () => {
    expect((await run('Ocean Kang Wei Shi (002415.SZ) rose 2%.')).body).toBe('Hikvision (002415.SZ) rose 2%.');
    expect((await run('Great Qin Tie Lu (601006.SH) rose 2%.')).body).toBe('Daqin Railway (601006.SH) rose 2%.');
  });

  it('does not take a founder’s name beside the code for a spaced company name', async () => {
    const sentence = 'Lei Jun (01810) spoke at the launch.';
    expect((await run(sentence)).body).toBe(sentence);
  });
});
