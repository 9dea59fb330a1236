/**
 * Blind round 8 mechanisms: register forms that a broker's, a Japanese or a
 * Taiwanese register prints ("& Co. LLC", "Company, Limited", "Corporation
 * (Taiwan) Ltd."), a register's Chinese city around the form, the Russian and
 * French forms ("PJSC", "SCA") for a company no list holds, and the ticker
 * notations of trading apps and data vendors; traps where the legal name is
 * right and where a bracket holds no listing.
 */
import { describe, expect, it } from 'vitest';
import { legalSuffixAt } from '../src/entities/names.js';
import { unknownLegalNames } from '../src/entities/legal.js';
import { findTickers, tickerKey } from '../src/entities/tickers.js';
import { clean } from '../src/index.js';

const run = async (text: string) => {
  const r = await clean(`Markets in brief\n${text}`, { format: 'text' });
  return { body: r.markdown.split('\n\n').slice(1).join('\n\n').trim(), messages: r.messages };
};
const legal = (messages: Awaited<ReturnType<typeof run>>['messages']) => messages.filter((m) => m.ruleId === 'legal-suffix');

describe('a broker\'s "& Co." with a second form after it', () => {
  it('reads "& Co. LLC", "& Co., Inc." and "& Co. KG" as one form', () => {
    expect(legalSuffixAt('Kestrel Sachs & Co. LLC said', 13)?.length).toBe(' & Co. LLC'.length);
    expect(legalSuffixAt('Kestrel & Co., Inc. said', 7)?.length).toBe(' & Co., Inc.'.length);
    expect(legalSuffixAt('Kestrel & Co. KG said', 7)?.length).toBe(' & Co. KG'.length);
    // "& Co." alone is still a form, and "& Co. Limited Partners" does not take the next word.
    expect(legalSuffixAt('Kestrel & Co. said', 7)?.length).toBe(' & Co.'.length);
  });

  it('shortens it whole, leaving no stray stop or second form behind', async () => {
    const goldman = await run('Goldman Sachs & Co. LLC said it would hire more bankers in Hong Kong.');
    expect(goldman.body).toBe('Goldman Sachs said it would hire more bankers in Hong Kong.');
    expect(legal(goldman.messages)[0]).toMatchObject({ actual: 'Goldman Sachs & Co. LLC', expected: ['Goldman Sachs'] });
    expect((await run('Morgan Stanley & Co. LLC raised its target for Chinese stocks.')).body).toBe('Morgan Stanley raised its target for Chinese stocks.');
    expect((await run('Nordhavn Freight & Co. KG bought four container ships.')).body).toBe('Nordhavn Freight bought four container ships.');
  });

  it('keeps it in a lawsuit and in a list of underwriters named in a filing', async () => {
    const suit = 'A shareholder sued Goldman Sachs & Co. LLC over the bond sale.';
    expect((await run(suit)).body).toBe(suit);
    const filing = 'The prospectus of the offering names Morgan Stanley & Co. LLC as a joint bookrunner.';
    expect((await run(filing)).body).toBe(filing);
  });
});

describe('Japanese and Taiwanese register forms', () => {
  it('reads "Company, Limited" with the register\'s comma', async () => {
    expect(legalSuffixAt('Shiseido Company, Limited cut', 8)?.length).toBe(' Company, Limited'.length);
    expect((await run('Shiseido Company, Limited cut its sales outlook for China.')).body).toBe('Shiseido cut its sales outlook for China.');
    // A company no list holds, too.
    expect((await run('Harukaze Paper Company, Limited closed a mill in Aichi.')).body).toBe('Harukaze Paper closed a mill in Aichi.');
  });

  it('reads a register\'s place in brackets between "Corporation" and "Ltd."', async () => {
    expect(legalSuffixAt('Evergreen Marine Corporation (Taiwan) Ltd. ordered', 16)?.length).toBe(' Corporation (Taiwan) Ltd.'.length);
    const r = await run('Evergreen Marine Corporation (Taiwan) Ltd. ordered 11 methanol-ready ships.');
    expect(r.body).toBe('Evergreen Marine ordered 11 methanol-ready ships.');
    // A bracket that is no register place is no form: "(Taipei office)" is the copy's own aside.
    expect(legalSuffixAt('Evergreen Marine Corporation (Taipei office) Ltd.', 16)?.length).toBe(' Corporation'.length);
  });
});

describe('Russian and French forms of companies no list holds', () => {
  it('finds "PJSC" and "SCA" after a name', () => {
    expect(unknownLegalNames('Volga Tankers PJSC cut exports.', []).map((n) => n.nameEnd)).toEqual(['Volga Tankers'.length]);
    expect(unknownLegalNames('Maison Arlette SCA raised prices.', []).map((n) => n.nameEnd)).toEqual(['Maison Arlette'.length]);
  });

  it('shortens them in running text and keeps them in a court-case name', async () => {
    expect((await run('Volga Tankers PJSC cut its fuel exports to Asia.')).body).toBe('Volga Tankers cut its fuel exports to Asia.');
    expect((await run('Maison Arlette SCA raised its prices in Shanghai.')).body).toBe('Maison Arlette raised its prices in Shanghai.');
    const court = 'In Volga Tankers PJSC v. Kestrel Shipping Ltd., the court ruled for the charterer.';
    expect((await run(court)).body).toBe(court);
  });

  it('leaves the plain words "SCA" and "pjsc" alone where no name stands before them', () => {
    expect(unknownLegalNames('The SCA ruled on Tuesday.', [])).toEqual([]);
    expect(unknownLegalNames('a pjsc is a public joint-stock company', [])).toEqual([]);
  });
});

describe('a register\'s Chinese city around the form', () => {
  it('reads any Chinese city in brackets as a register word ("(Tianjin)", "(Suzhou)")', async () => {
    expect(legalSuffixAt('Asymchem Laboratories (Tianjin) Co., Ltd. said', 21)?.length).toBe(' (Tianjin) Co., Ltd.'.length);
    expect((await run('Asymchem Laboratories (Tianjin) Co., Ltd. said its orders recovered.')).body).toBe('Asymchem Laboratories said its orders recovered.');
    expect((await run('Brightfield Optics (Suzhou) Co., Ltd. opened a second plant.')).body).toBe('Brightfield Optics opened a second plant.');
  });

  it('takes the city printed after the form without "of" only before what a company does', async () => {
    const will = await run('Will Semiconductor Co., Ltd. Shanghai said its image-sensor sales rose.');
    expect(will.body).toBe('Will Semiconductor said its image-sensor sales rose.');
    expect(legal(will.messages)[0]).toMatchObject({ actual: 'Will Semiconductor Co., Ltd. Shanghai' });
    // "Suzhou" before a noun is the copy's own word, not the register's; the stop is then read as before.
    expect(legalSuffixAt('Kestrel Optics Co., Ltd. Suzhou plant', 14)?.length).toBe(' Co., Ltd.'.length);
  });

  it('keeps a branch\'s register name whole', async () => {
    const branch = 'Kestrel Optics Co., Ltd. Suzhou Branch posted a loss for the year.';
    expect((await run(branch)).body).toBe(branch);
  });
});

describe('ticker notations of trading apps and data vendors', () => {
  it('reads market prefixes without a colon, Futu\'s dotted ones, a market spelled out and .XSHG/.XSHE', () => {
    expect(tickerKey('SH600519')).toBe('CN:600519');
    expect(tickerKey('sz002415')).toBe('CN:002415');
    expect(tickerKey('BJ830799')).toBe('CN:830799');
    expect(tickerKey('HK0700')).toBe('HK:00700');
    expect(tickerKey('HK.00700')).toBe('HK:00700');
    expect(tickerKey('US.PDD')).toBe('US:PDD');
    expect(tickerKey('Shanghai: 600519')).toBe('CN:600519');
    expect(tickerKey('Shenzhen: 000858')).toBe('CN:000858');
    expect(tickerKey('Hong Kong: 0700')).toBe('HK:00700');
    expect(tickerKey('SHSE: 601318')).toBe('CN:601318');
    expect(tickerKey('600519.XSHG')).toBe('CN:600519');
    expect(tickerKey('000858.XSHE')).toBe('CN:000858');
  });

  it('reads no index and no year as a listing', () => {
    expect(tickerKey('SH000001')).toBeUndefined(); // the SSE Composite
    expect(tickerKey('SZ399006')).toBeUndefined(); // the ChiNext index
    expect(tickerKey('Hong Kong: 2024')).toBeUndefined();
    expect(tickerKey('US.')).toBeUndefined();
  });

  it('reads a code in square brackets, but no footnote or year', () => {
    const spans = findTickers('Kingsoft [03888] rose [12] while [1998] and [600519.SH] and [2024] fell.');
    expect(spans.map((t) => [t.text, t.keys])).toEqual([
      ['[03888]', ['HK:03888']],
      ['[600519.SH]', ['CN:600519']],
    ]);
  });

  it('fixes a rendering beside an app prefix and names the right board in a mismatch', async () => {
    const r = await run('Zhongji Xuchuang Gufen (SZ300308) rose 6% on orders for optical modules.');
    expect(r.body).toBe('Zhongji Innolight (SZ300308) rose 6% on orders for optical modules.');
    const mismatch = await run('Wuliangye (SH600519) fell 2% on Tuesday.');
    expect(mismatch.messages.find((m) => m.ruleId === 'ticker-mismatch')).toMatchObject({ expected: ['Wuliangye (SZ000858)', 'Kweichow Moutai (SH600519)'] });
    const square = await run('Shunyu Guangxue [02382] shipped fewer lenses in October.');
    expect(square.body).toBe('Sunny Optical \\[02382] shipped fewer lenses in October.');
  });

  it('leaves a footnote number after a name alone', async () => {
    const text = 'Tencent said the plan would work [12]. It gave no date.';
    const r = await run(text);
    expect(r.messages.filter((m) => m.ruleId === 'ticker-mismatch' || m.ruleId === 'entity-name')).toEqual([]);
  });
});

describe('"Holding" after "&" and a register\'s "Corporation Ltd."', () => {
  it('keeps "& Holding" as words of the name, never a stray "&"', async () => {
    const r = await run('Huawei Investment & Holding Co., Ltd. said its revenue rose 22%.');
    expect(r.body).toBe('Huawei Investment & Holding said its revenue rose 22%.');
    expect((await run('Kestrel Finance and Holdings Limited sold its stake.')).body).toBe('Kestrel Finance and Holdings sold its stake.');
    // A plain "Holdings" before the form is still the form's.
    expect((await run('Brightwater Holdings Limited sold its stake.')).body).toBe('Brightwater sold its stake.');
  });

  it('reads "Corporation Ltd." whole, so no "Corporation" is dropped from the middle', async () => {
    expect(legalSuffixAt('Kestrel Holdings Corporation Ltd. said', 7)?.length).toBe(' Holdings Corporation Ltd.'.length);
    const r = await run('Sinochem Holdings Corporation Ltd. said it would merge two units.');
    expect(r.body).not.toContain('Holdings Ltd.');
  });
});

describe('a regional unit\'s register name is never its parent\'s', () => {
  it('keeps the region in brackets in the running name of a known company\'s unit', async () => {
    const icbc = await run('Industrial and Commercial Bank of China (Asia) Limited cut its prime rate.');
    expect(icbc.body).toBe('Industrial and Commercial Bank of China (Asia) cut its prime rate.');
    expect((await run('Bank of China (Hong Kong) Limited cut its prime rate.')).body).toBe('Bank of China (Hong Kong) cut its prime rate.');
    expect((await run('China Construction Bank (Asia) Corporation Limited cut its prime rate.')).body).toBe('China Construction Bank (Asia) cut its prime rate.');
    expect((await run('Alibaba (China) Co., Ltd. signed the lease.')).body).toBe('Alibaba (China) signed the lease.');
  });

  it('does so for a company no list holds too', async () => {
    expect((await run('Kestrel Bank (Asia) Limited raised its deposit rates.')).body).toBe('Kestrel Bank (Asia) raised its deposit rates.');
  });

  it('still reads register words in brackets as the form\'s ("(Group)", "(International)", "(Holdings)")', async () => {
    expect((await run('BYD Electronic (International) Company Limited won an order.')).body).toBe('BYD Electronic won an order.');
    expect((await run('BOC Hong Kong (Holdings) Limited raised its dividend.')).body).toBe('BOC Hong Kong raised its dividend.');
  });

  it('keeps a bank\'s "Banking Corporation" whole: without its form the name ends in an activity', async () => {
    const hsbc = 'The Hongkong and Shanghai Banking Corporation Limited cut its prime rate.';
    expect((await run(hsbc)).body).toBe(hsbc);
  });
});

describe('a form\'s "Group" that is a word of another known company\'s name', () => {
  it('gives that company\'s name, not the shorter one\'s ("Haier Group", not "Haier Smart Home")', async () => {
    const haier = await run('Haier Group Co., Ltd. agreed to buy a stake in a water purifier maker.');
    expect(haier.body).toBe('Haier Group agreed to buy a stake in a water purifier maker.');
    expect((await run('Sany Group Co., Ltd. will spin off its wind turbine unit.')).body).toBe('Sany Group will spin off its wind turbine unit.');
    // A company whose desk name lacks a word of the printed one is still another company, and stays.
    expect((await run('SoftBank Corp. raised its dividend.')).body).toBe('SoftBank Corp. raised its dividend.');
  });
});

describe('another company\'s word-for-word rendering beside a ticker', () => {
  it('is not fixed to the other company, only the ticker\'s holder offered', async () => {
    // 太平 (China Taiping) and 平安 (Ping An) both come out as "peace".
    const r = await run('China Peace Insurance (00966.HK) said its profit rose.');
    expect(r.body).toBe('China Peace Insurance (00966.HK) said its profit rose.');
    const offered = r.messages.find((m) => m.ruleId === 'entity-name');
    expect(offered).toMatchObject({ actual: 'China Peace Insurance', expected: ['China Taiping Insurance'] });
  });

  it('is fixed to its own company beside that company\'s ticker, and without a ticker where its context holds', async () => {
    expect((await run('China Peace Insurance (02318.HK) said its profit rose.')).body).toBe('Ping An (02318.HK) said its profit rose.');
    expect((await run('China Peace Insurance said its premiums rose.')).body).toBe('Ping An said its premiums rose.');
  });

  it('leaves a pinyin rendering of another company to the ticker-mismatch flag', async () => {
    const r = await run('Ningde Times (002594.SZ) said its profit rose.');
    expect(r.messages.some((m) => m.ruleId === 'ticker-mismatch')).toBe(true);
  });
});

describe('a terminal\'s share-class letter and an exchange\'s counter marker after the form', () => {
  it('reads "Co Ltd-H", "Co Ltd-A" and "Ltd-SW" whole', async () => {
    expect(legalSuffixAt('BYD Co Ltd-H rose', 3)).toMatchObject({ length: ' Co Ltd-H'.length, shareClass: 'H' });
    expect((await run('BYD Co Ltd-H rose 3% on Monday.')).body).toBe('BYD rose 3% on Monday.');
    expect((await run('Kweichow Moutai Co Ltd-A fell 1% on Monday.')).body).toBe('Kweichow Moutai fell 1% on Monday.');
    expect((await run('Alibaba Group Holding Ltd-SW rose 4%.')).body).toBe('Alibaba rose 4%.');
  });

  it('leaves a hyphenated compound after the form alone ("Co Ltd-Apple venture")', () => {
    expect(legalSuffixAt('Kestrel Co Ltd-Apple venture', 7)?.length).toBe(' Co Ltd'.length);
  });

  it('reads "Co of China Ltd" without the stop, as terminals print it', async () => {
    expect((await run('Ping An Insurance (Group) Co of China Ltd rose 2%.')).body).toBe('Ping An rose 2%.');
  });
});

describe('a Chinese register\'s "Joint Stock Limited Company"', () => {
  it('reads it whole, for a known company and for one no list holds', async () => {
    expect((await run('Yangtze Optical Fibre and Cable Joint Stock Limited Company won orders for cable.')).body).toBe('YOFC won orders for cable.');
    expect((await run('Kestrel Cable Joint Stock Limited Company won orders for cable.')).body).toBe('Kestrel Cable won orders for cable.');
  });
});

describe('a right name\'s leading acronym with the rest in pinyin beside its ticker', () => {
  it('is fixed to the holder ("LG Xinneng Yuan (373220.KS)": 新能源 left in pinyin)', async () => {
    expect((await run('LG Xinneng Yuan (373220.KS) cut its spending plans.')).body).toBe('LG Energy Solution (373220.KS) cut its spending plans.');
  });

  it('leaves another company of the same group to the mismatch flag', async () => {
    const r = await run('LG Display (373220.KS) cut its spending plans.');
    expect(r.body).toBe('LG Display (373220.KS) cut its spending plans.');
    expect(r.messages.some((m) => m.ruleId === 'ticker-mismatch')).toBe(true);
  });
});

describe('legal contexts of round 8', () => {
  it('keeps the legal name in a complaint, an allegation or an infringement claim', async () => {
    for (const text of [
      'The complaint accuses BYD Company Limited of infringing two patents.',
      'Regulators alleged that Kestrel Trading Limited hid its losses.',
    ]) expect((await run(text)).body).toBe(text);
  });

  it('keeps it in a licence disclosure ("is a licensed bank regulated by the HKMA")', async () => {
    for (const text of [
      'Bank of China (Hong Kong) Limited is a licensed bank regulated by the HKMA.',
      'Futu Securities International (Hong Kong) Limited is licensed by the SFC.',
    ]) expect((await run(text)).body).toBe(text);
  });

  it('still shortens it in plain news', async () => {
    expect((await run('BYD Company Limited said its overseas sales rose.')).body).toBe('BYD said its overseas sales rose.');
  });
});
