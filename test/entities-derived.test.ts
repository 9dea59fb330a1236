/**
 * Renderings derived at KB build, checked on their own: word-for-word forms
 * from the gloss table (src/entities/literal.ts, data/curated/glosses.yaml)
 * with how safe each is, the pinyin forms' polyphones, apostrophes and
 * company words (src/entities/renderings.ts), HK codes that are expanded or
 * kept (src/entities/names.ts), and the Taiwan, Korea and Tokyo ticker
 * notations (src/entities/tickers.ts). Then the same through the whole
 * pipeline with the shipped knowledge base, traps included.
 */
import { describe, expect, it } from 'vitest';
import { COMPANY_CUE, literalRenderings, NO_ARTICLE_BEFORE, SHARES_CUE, sectorCues } from '../src/entities/literal.js';
import { shortCodeExpandable } from '../src/entities/names.js';
import { companyGenericTailRenderings, companyHeadRenderings, companyRenderings, placedRenderings, companyTailRenderings, nicknameBeforeName, personRenderings, withSectorTail } from '../src/entities/renderings.js';
import { findTickers, printKey, tickerKey } from '../src/entities/tickers.js';
import { isEnglish, table } from './helpers/glosses.js';
import { sentenceCleaner } from './helpers/sentences.js';

const literal = (zh: string) => Object.fromEntries(literalRenderings(zh, table, isEnglish).map((r) => [r.form, r.shares ? 'shares' : r.risk]));

describe('word-for-word renderings', () => {
  it('keeps a place in pinyin and translates the rest: a distinctive form is safe', () => {
    const forms = literal('宁德时代');
    expect(forms).toMatchObject({ 'Ningde Times': 'safe', 'Ningde Era': 'safe', 'Ningde Age': 'safe' });
    expect(Object.keys(forms).some((f) => /Peaceful|Virtue/.test(f))).toBe(false);
  });

  it('renders a name and a company word in English or in pinyin, never the company word in pinyin beside English', () => {
    const forms = literal('长城汽车');
    expect(forms).toMatchObject({ 'Great Wall Auto': 'phrase', 'Changcheng Motor': 'safe' });
    expect(Object.keys(forms).filter((f) => /Qiche/.test(f))).toEqual([]);
  });

  it('translates one-character words only where nothing is kept in pinyin', () => {
    expect(literal('零跑汽车')).toMatchObject({ 'Zero Run Auto': 'phrase' });
    // 新奥: "Xinao Energy", never "New Ao Energy".
    expect(Object.keys(literal('新奥能源'))).toEqual(['Xinao Energy']);
  });

  it('derives nothing from company words and places alone', () => {
    expect(literal('北京控股')).toEqual({});
    expect(literal('中国银行')).toEqual({});
  });

  it('marks English-only forms by how much of the name they keep, and 股份 as "Shares"', () => {
    expect(literal('美的集团')).toMatchObject({ 'Beautiful Group': 'word', 'Meide Group': 'safe' });
    expect(literal('龙湖集团')).toMatchObject({ 'Dragon Lake Group': 'phrase' });
    expect(literal('通威股份')).toMatchObject({ 'Tongwei Shares': 'shares' });
  });

  it('keeps a Latin brand as written and drops a bracketed place', () => {
    expect(literal('LG化学')).toMatchObject({ 'LG Chemical': 'safe' });
    expect(Object.keys(literal('亚洲水泥(中国)'))).not.toContain('Asia Cement (China)');
  });

  it('renders the morphemes of well-covered names word for word, English words only as a phrase', () => {
    expect(literal('软银集团')).toMatchObject({ 'Soft Silver Group': 'phrase' });
    expect(literal('石药集团')).toMatchObject({ 'Stone Medicine Group': 'phrase' });
    expect(literal('霸王茶姬')).toMatchObject({ 'Overlord Tea Princess': 'phrase' });
    expect(literal('三星电子')).toMatchObject({ 'Three Star Electronics': 'phrase', 'Three Stars Electronics': 'phrase' });
    // Without its trailing company word where the rest is two English words of the name: 森马服饰 "Forest Horse".
    expect(literal('森马服饰')).toMatchObject({ 'Forest Horse Apparel': 'phrase', 'Forest Horse': 'phrase' });
    expect(Object.keys(literal('长城汽车'))).not.toContain('Changcheng');
    // A new company word of a trade: 兆易创新 "Zhaoyi Innovation", kept in pinyin where the rest is a name.
    expect(literal('兆易创新')).toMatchObject({ 'Zhaoyi Innovation': 'safe' });
  });

  it('renders the company words of heavy machinery, solar and carmakers as translators do', () => {
    expect(literal('中联重科')).toMatchObject({ 'Zhonglian Heavy Science': 'safe', 'Zhonglian Heavy Industry': 'safe' });
    expect(literal('天合光能')).toMatchObject({ 'Tianhe Light Energy': 'safe' });
    expect(literal('隆基绿能')).toMatchObject({ 'Longji Green Energy': 'safe' });
    expect(literal('理想汽车')).toMatchObject({ 'Ideal Car': 'word', 'Lixiang Car': 'safe' });
    // 微 ends a chip designer's name ("Ruixin Micro") but never opens one: 微创 stays in pinyin.
    expect(literal('瑞芯微')).toMatchObject({ 'Ruixin Micro': 'safe' });
    expect(Object.keys(literal('微创医疗')).some((f) => f.startsWith('Micro '))).toBe(false);
    // A group's English name that MT writes for its characters, before 股份: "Baosteel Shares".
    expect(literal('宝钢股份')).toMatchObject({ 'Baosteel Shares': 'shares' });
  });

  it('renders the Chinese names of Taiwanese, Japanese and Korean companies word for word', () => {
    expect(literal('日月光')).toMatchObject({ 'Sun Moon Light': 'phrase' });
    expect(literal('野村控股')).toMatchObject({ 'Wild Village Holdings': 'phrase' });
    expect(literal('三菱日联金融集团')).toMatchObject({ 'Three Diamonds Japan United Financial Group': 'phrase' });
    expect(literal('南亚科技')).toMatchObject({ 'South Asia Technology': 'phrase' });
    // 韩华 is left out of the table: "Korea China" is how copy names two countries.
    expect(Object.keys(literal('韩华集团'))).not.toContain('Korea China');
  });

  it('takes "X Shares" for the company only before what a share price does not do', () => {
    const cue = new RegExp(`^${SHARES_CUE}`, 'u');
    expect(cue.test(' sold more hogs')).toBe(true);
    expect(cue.test(' sold off in the afternoon')).toBe(false);
    expect(cue.test(' kept its prices flat')).toBe(true);
    expect(cue.test(' kept rising')).toBe(false);
    expect(cue.test(' returned to profit')).toBe(true);
    expect(cue.test(' returned 12% this year')).toBe(false);
    expect(cue.test(' rose 2%')).toBe(false);
  });

  it('has a company cue and trade words for the risky forms', () => {
    const cue = new RegExp(`^${COMPANY_CUE}`);
    expect(cue.test(' said on Monday')).toBe(true);
    expect(cue.test('’s shares')).toBe(true);
    expect(cue.test(' of singers')).toBe(false);
    expect(cue.test(' turned a profit')).toBe(true);
    expect(cue.test(' is adding two plants')).toBe(true);
    expect(cue.test(' was weighing a sale')).toBe(true);
    expect(cue.test(' is amazing')).toBe(false);
    expect(cue.test(' is a good buy')).toBe(false);
    // No article before a company's name: "The Cambrian Period began" is geology.
    const noArticle = new RegExp(`(?:${NO_ARTICLE_BEFORE})$`, 'u');
    expect(noArticle.test('Fossils show that the ')).toBe(false);
    expect(noArticle.test('The ')).toBe(false);
    expect(noArticle.test('')).toBe(true);
    expect(noArticle.test('Shares of ')).toBe(true);
    expect(noArticle.test('Theme ')).toBe(true);
    expect(sectorCues('home appliances')).toEqual(expect.arrayContaining(['appliances', 'air conditioners']));
    expect(sectorCues(undefined)).toEqual([]);
  });
});

describe('pinyin renderings', () => {
  it('reads 的 in a brand both ways and writes the apostrophe before a vowel syllable', () => {
    expect(companyTailRenderings('美的集团')).toEqual(expect.arrayContaining(['Meide Jituan', 'Meidi Jituan']));
    expect(companyTailRenderings('新奥能源')).toEqual(expect.arrayContaining(['Xinao Nengyuan', "Xin'ao Nengyuan"]));
  });

  it('adds the company word a trade implies, and 集团/公司/控股 only to a bare two-character name', () => {
    expect(withSectorTail('蔚来', 'electric vehicles')).toBe('蔚来汽车');
    expect(withSectorTail('美的集团', 'home appliances')).toBeUndefined();
    expect(companyGenericTailRenderings('京东')).toEqual(expect.arrayContaining(['Jingdong Jituan']));
    expect(companyGenericTailRenderings('京东物流')).toEqual([]);
    // A company word the Chinese name has is not offered again as a generic one.
    expect(companyGenericTailRenderings('联想集团')).not.toContain('Lianxiang Jituan');
  });

  it('hyphenates the words of a longer name too', () => {
    expect(companyRenderings('宁德时代')).toEqual(expect.arrayContaining(['Ningde Shidai', 'NingdeShidai', 'Ningde-Shidai']));
    expect(companyRenderings('比亚迪').some((f) => f.includes('-'))).toBe(false);
  });

  it('gives a computer maker its company word in pinyin', () => {
    expect(withSectorTail('华硕', 'computers')).toBe('华硕电脑');
    expect(companyTailRenderings('华硕电脑')).toContain('Huashuo Diannao');
  });

  it('gives a carmaker the car word, never a maker of what goes into cars', () => {
    expect(withSectorTail('零跑', 'electric vehicles')).toBe('零跑汽车');
    expect(withSectorTail('宁德时代', 'electric vehicle batteries')).toBeUndefined();
    expect(withSectorTail('福耀玻璃', 'automotive glass')).toBeUndefined();
  });

  it('still derives no bare two-syllable name', () => {
    expect(companyRenderings('宏碁')).toEqual([]);
  });

  it('writes a trade word ending a long name as a word of its own, the longest one that fits', () => {
    expect(companyRenderings('寒武纪科技')).toEqual(expect.arrayContaining(['Hanwuji Keji', 'Hanwuji-Keji']));
    expect(companyRenderings('寒武纪科技')).not.toContain('Hanwu Jikeji');
    expect(companyRenderings('地平线机器人')).toContain('Dipingxian Jiqiren');
    expect(companyRenderings('贝特瑞新材料')).toContain('Beiterui Xincailiao');
    expect(companyRenderings('沐曦集成电路')).toContain('Muxi Jicheng Dianlu');
    // Names of two two-character words are grouped as before.
    expect(companyRenderings('立讯精密')).toEqual(expect.arrayContaining(['Lixun Jingmi', 'Lixunjingmi', 'Li Xun Jing Mi']));
  });

  it("gives a name of two company words its own word, the outer one alone only as a weak form", () => {
    expect(companyTailRenderings('保利置业集团')).toEqual(['Baoli Zhiye', 'Baoli Zhiye Jituan']);
    expect(companyGenericTailRenderings('保利置业集团')).toEqual(['Baoli Jituan']);
    expect(companyGenericTailRenderings('泰康保险集团')).toEqual(['Taikang Jituan']);
  });

  it('reads 行 in a bank name as hang, and 再保险 as one word', () => {
    expect(companyRenderings('国开行')).toContain('Guokaihang');
    expect(companyRenderings('中国再保险')).toContain('Zhongguo Zaibaoxian');
  });

  it('writes the place before the pinyin of a company whose English name starts with it', () => {
    expect(placedRenderings(['Huayou Guye', 'Hua You Gu Ye', 'Huayouguye'], ['Zhejiang Huayou Cobalt'])).toEqual(['Zhejiang Huayou Guye']);
    expect(placedRenderings(['Pianzaihuang Yaoye'], ['Zhangzhou Pientzehuang Pharmaceutical'], ['漳州'])).toEqual(['Zhangzhou Pianzaihuang Yaoye']);
    expect(placedRenderings(['Haikang Weishi'], ['Hikvision'])).toEqual([]);
  });

  it('splits a name of five syllables either way where no trade word ends it', () => {
    expect(companyRenderings('华尔街见闻')).toEqual(expect.arrayContaining(['Huaer Jiejianwen', 'Huaerjie Jianwen']));
    expect(companyRenderings('寒武纪科技')).not.toContain('Hanwu Jikeji');
  });

  it("reads 厦 as Xiamen's xia too, and 日报 as one word", () => {
    expect(companyRenderings('厦钨新能')).toContain('Xiawu Xinneng');
    expect(companyRenderings('科创板日报')).toContain('Kechuangban Ribao');
  });

  it('spells ü three ways in a company name', () => {
    expect(companyRenderings('隆基绿能')).toEqual(expect.arrayContaining(['Longji Lüneng', 'Longji Luneng', 'Longji Lvneng']));
    expect(companyRenderings('宁德时代').some((f) => /ü/.test(f))).toBe(false);
  });

  it("derives a long name's head without its trade word, never a place's", () => {
    expect(companyHeadRenderings('地平线机器人')).toContain('Dipingxian');
    expect(companyHeadRenderings('寒武纪科技')).toContain('Hanwuji');
    // Two characters are too short; a name without a trade word has no head to give.
    expect(companyHeadRenderings('立讯精密')).toEqual([]);
    expect(companyHeadRenderings('宁德时代')).toEqual([]);
    // A place in the head, in pinyin or among the build's place glosses.
    expect(companyHeadRenderings('中国工商银行')).toEqual([]);
    expect(companyHeadRenderings('中国再保险')).toEqual([]);
    expect(companyHeadRenderings('哈尔滨银行', ['哈尔滨'])).toEqual([]);
    expect(companyHeadRenderings('哈尔滨银行')).toContain('Haerbin');
  });
});

describe('person renderings: Japanese names of five kanji, polyphonic given names', () => {
  it('reads a two-kanji surname and a three-kanji given name, in both orders and spaced', () => {
    expect(personRenderings('小泉进次郎')).toEqual(
      expect.arrayContaining(['Xiaoquan Jincilang', 'Jincilang Xiaoquan', 'Xiaoquan Jin Ci Lang', 'Xiaoquan Jin-ci-lang']),
    );
  });

  it('reads a listed three-kanji surname as one word', () => {
    expect(personRenderings('三木谷浩史')).toEqual(expect.arrayContaining(['Sanmugu Haoshi', 'Haoshi Sanmugu']));
    expect(personRenderings('佐佐木朗希')).toContain('Langxi Zuozuomu');
  });

  it('reads a polyphonic character of a given name both ways, never the surname', () => {
    expect(personRenderings('永守重信')).toEqual(expect.arrayContaining(['Yongshou Zhongxin', 'Yongshou Chongxin', 'Chongxin Yongshou']));
    // 曾 as a surname is only "Zeng"; 长 in a given name is "Chang" or "Zhang".
    expect(personRenderings('曾毓群').some((f) => /Ceng/.test(f))).toBe(false);
    expect(personRenderings('李长江')).toEqual(expect.arrayContaining(['Li Changjiang', 'Li Zhangjiang']));
  });

  it('leaves a transliteration of five characters to its own reading', () => {
    expect(personRenderings('埃隆·马斯克')).toEqual([]);
  });
});

describe('a nickname printed before the name it stands for', () => {
  const words = new Set(['mother', 'leather', 'jacket', 'swordsman', 'lei', 'yang', 'old']);
  const isWord = (w: string) => words.has(w);
  it('is the name once, for a nickname with an English word in it', () => {
    expect(nicknameBeforeName('Mother Su', 'Lisa Su', isWord)).toBe('Mother Su Lisa Su');
    expect(nicknameBeforeName('Leather Jacket Swordsman', 'Jensen Huang', isWord)).toBe('Leather Jacket Swordsman Jensen Huang');
  });

  it('is nothing for a pinyin form, even one whose syllables are English words, or a form holding the name', () => {
    expect(nicknameBeforeName('Lei Busi', 'Lei Jun', isWord)).toBeUndefined();
    expect(nicknameBeforeName('Yang Meng', 'Steven Yang', isWord)).toBeUndefined();
    expect(nicknameBeforeName('Old Ma Elon Musk', 'Elon Musk', isWord)).toBeUndefined();
  });
});

describe('HK codes of two to four capitals', () => {
  const never = () => false;
  it('expands an opaque code, keeps one that is how copy names the company', () => {
    expect(shortCodeExpandable('DFZQ', 'Orient Securities', isEnglish, never)).toBe(true);
    expect(shortCodeExpandable('BCQ', 'Bank of Chongqing', isEnglish, never)).toBe(true);
    expect(shortCodeExpandable('CCB', 'China Construction Bank', isEnglish, never)).toBe(false);
    expect(shortCodeExpandable('ABC', 'Agricultural Bank of China', isEnglish, never)).toBe(false);
    expect(shortCodeExpandable('FWD', 'FWD Group', isEnglish, never)).toBe(false);
    expect(shortCodeExpandable('LENS', 'Lens Technology', isEnglish, never)).toBe(false);
    expect(shortCodeExpandable('PRU', 'Prudential', isEnglish, (c) => c === 'PRU')).toBe(false);
  });
});

describe('Taiwan, Korea and Tokyo tickers', () => {
  it('reads the suffixed, prefixed and Bloomberg forms', () => {
    expect(['2330.TW', '6488.TWO', 'TPE: 2330', 'TWSE: 2330', '2330 TT'].map(tickerKey)).toEqual(['TW:2330', 'TW:6488', 'TW:2330', 'TW:2330', 'TW:2330']);
    expect(['005930.KS', '035720.KQ', 'KRX: 005930', 'KOSDAQ: 035720', '005930 KS'].map(tickerKey)).toEqual(['KR:005930', 'KR:035720', 'KR:005930', 'KR:035720', 'KR:005930']);
    expect(['7203.T', 'TYO: 7203', 'TSE: 7203', '7203 JP'].map(tickerKey)).toEqual(['JP:7203', 'JP:7203', 'JP:7203', 'JP:7203']);
    expect(printKey('TW:2330')).toBe('2330.TW');
    expect(printKey('JP:7203')).toBe('7203.T');
  });

  it('leaves what is not one of them alone', () => {
    expect(tickerKey('7203.TX')).toBeUndefined();
    expect(tickerKey('TPE: ABC')).toBeUndefined();
    // A bare four-digit number stays what it was (a Hong Kong code), not a Tokyo one.
    expect(tickerKey('7203')).toBe('HK:07203');
    expect(findTickers('Sony (6758.T) and TSMC (TPE: 2330)').map((t) => t.keys)).toEqual([['JP:6758'], ['TW:2330']]);
  });
});

describe('through the pipeline, with the shipped knowledge base', async () => {
  const { clean, print } = await sentenceCleaner();
  const cases: Array<[string, string]> = [
    ['Ningde Era said it would build a plant in Spain.', 'CATL said it would build a plant in Spain.'],
    ['Zero Run Auto said deliveries doubled.', 'Leapmotor said deliveries doubled.'],
    ['Changcheng Motor opened a plant in Brazil.', 'Great Wall Motor opened a plant in Brazil.'],
    ['Beautiful Group raised prices of air conditioners.', 'Midea Group raised prices of air conditioners.'],
    ['Tongwei Shares said it would cut output.', 'Tongwei said it would cut output.'],
    ['Fengtian Qiche (TYO: 7203) kept its forecast.', 'Toyota (TYO: 7203) kept its forecast.'],
    ['DFZQ cut its fee forecast.', 'Orient Securities cut its fee forecast.'],
    // A wrong form with a legal form after it is replaced whole, its stop kept where it ends the sentence.
    ['Zero Run Auto Co., Ltd. said deliveries doubled.', 'Leapmotor said deliveries doubled.'],
    ['It signed with Ningde Times Co., Ltd. The deal runs to 2030.', 'It signed with CATL. The deal runs to 2030.'],
    ['Ningde Times Co., Ltd. v. Acme Inc. was heard on Monday.', 'Ningde Times Co., Ltd. v. Acme Inc. was heard on Monday.'],
    // Company words after a wrong form, in English or left in pinyin, go with it.
    ['Ningde Times Technology said it would invest in Hungary.', 'CATL said it would invest in Hungary.'],
    ['Zhongxing Tongxun Gufen won a contract in Brazil.', 'ZTE won a contract in Brazil.'],
    ['Ningde Shidai Gufen Youxian Gongsi said output rose.', 'CATL said output rose.'],
    ['Ningde-Shidai said output rose.', 'CATL said output rose.'],
    ['Purple Gold Mining Co said output rose.', 'Zijin Mining said output rose.'],
    ['Ningde Times New Energy Technology Company said output rose.', 'CATL said output rose.'],
    ['Ningde Times Battery plant opened in March.', 'CATL Battery plant opened in March.'],
    ['Soft Silver Group raised its stake in the chip designer.', 'SoftBank Group raised its stake in the chip designer.'],
    ['Stone Medicine Group licensed a cancer drug to a US partner.', 'CSPC Pharmaceutical licensed a cancer drug to a US partner.'],
    ['Forest Horse said sales of school uniforms slowed.', 'Semir Garment said sales of school uniforms slowed.'],
    // A nickname before the name it stands for leaves the name once.
    ['Mother Su Lisa Su showed the new AMD accelerators.', 'Lisa Su showed the new AMD accelerators.'],
    ['Wooden Sister Cathie Wood sold Tesla shares.', 'Cathie Wood sold Tesla shares.'],
    ['Jincilang Xiaoquan said rice prices would fall.', 'Shinjiro Koizumi said rice prices would fall.'],
    ['Muyuan Shares sold more hogs in October.', 'Muyuan Foods sold more hogs in October.'],
    ['Baosteel Shares kept its coil prices flat.', 'Baoshan Iron & Steel kept its coil prices flat.'],
    ['Zhonglian Heavy Science won a crane order.', 'Zoomlion won a crane order.'],
    // Traps: the same words as ordinary English, or a right name.
    ['A forest horse trail opened near the reservoir.', 'A forest horse trail opened near the reservoir.'],
    ['The Cambrian Period began about 540 million years ago.', 'The Cambrian Period began about 540 million years ago.'],
    ['Ningde Times Shares rose 2%.', 'CATL Shares rose 2%.'],
    ['A soft silver group of birch trees stood by the lake.', 'A soft silver group of birch trees stood by the lake.'],
    ['Tongwei shares rose 3%.', 'Tongwei shares rose 3%.'],
    ['Muyuan Shares sold off after the report.', 'Muyuan Shares sold off after the report.'],
    ['Tongwei Shares kept rising into the close.', 'Tongwei Shares kept rising into the close.'],
    ['An ideal car for a family of five is a minivan.', 'An ideal car for a family of five is a minivan.'],
    ['Tongwei Shares Rise on Output Cuts', 'Tongwei Shares Rise on Output Cuts'],
    ['The choir is a beautiful group of singers.', 'The choir is a beautiful group of singers.'],
    ['Beautiful Group won a design award for its garden.', 'Beautiful Group won a design award for its garden.'],
    ['We walked past the Great Wall near Beijing.', 'We walked past the Great Wall near Beijing.'],
    ['It was a hundred degrees in the shade.', 'It was a hundred degrees in the shade.'],
    ['CCB said bad loans fell.', 'CCB said bad loans fell.'],
    ['Alibaba, which also trades in New York (NYSE: BABA), rose.', 'Alibaba, which also trades in New York (NYSE: BABA), rose.'],
  ];
  it.each(cases)('%s', async (from, to) => {
    expect(await clean(from)).toBe(print(to));
  });
});
