/**
 * The gloss table's reach (data/curated/glosses.yaml) and how the cuts of a
 * name share the cap of renderings (src/entities/literal.ts): names whose
 * morphemes round 8 added render as a translator writes them, and the glosses
 * that would have made an English phrase or another company's name are not in
 * the table.
 */
import { describe, expect, it } from 'vitest';
import { GlossTable, literalRenderings, type Gloss } from '../src/entities/literal.js';
import { isEnglish, table } from './helpers/glosses.js';
import { sentenceCleaner } from './helpers/sentences.js';

const forms = (zh: string, t = table) => literalRenderings(zh, t, isEnglish).map((r) => r.form);

describe('the cap of renderings per name', () => {
  it('takes the cuts in turn, so a cut with many alternatives leaves room for the pinyin one', () => {
    // 极 and 氪 with eight renderings each make 64 fully translated forms; the cut that keeps 极氪 in pinyin still counts.
    const many = (n: string) => Array.from({ length: 8 }, (_, i) => `${n}${String.fromCharCode(97 + i)}`);
    const glosses: Gloss[] = [
      { zh: '极', en: many('Pole'), role: 'word' },
      { zh: '氪', en: many('Gas'), role: 'word' },
      { zh: '汽车', en: ['Auto', 'Motors'], role: 'generic' },
    ];
    const got = forms('极氪汽车', new GlossTable(glosses));
    expect(got).toHaveLength(16);
    expect(got).toContain('Jike Auto');
    expect(got).toContain('Jike Motors');
    expect(got).toContain('Polea Gasa Auto');
  });
});

describe('one-character words beside pinyin', () => {
  const risks = (zh: string) => Object.fromEntries(literalRenderings(zh, table, isEnglish).map((r) => [r.form, r.risk]));
  it('translates one that ends the name after its pinyin, as a suffix is ("Tongren Hall")', () => {
    expect(risks('同仁堂')).toMatchObject({ 'Tongren Hall': 'word' });
  });
  it('fixes such a form only before a company verb in a story of its trade: it is also how a place is written', () => {
    // 白云山 is a mountain in Guangzhou as well as the drugmaker: "Baiyun Mountain" is never safe anywhere.
    expect(risks('白云山')['Baiyun Mountain']).toBe('word');
  });
  it('never translates one that opens the name or stands between pinyin ("New Ao" for 新奥)', () => {
    expect(forms('新奥股份').some((f) => /^New /.test(f))).toBe(false);
    expect(forms('周黑鸭').some((f) => /Black/.test(f))).toBe(false);
  });
});

describe('round 8 glosses', () => {
  it.each([
    ['中科曙光', 'China Science Dawn'],
    ['华东医药', 'East China Medicine'],
    ['泸州老窖', 'Luzhou Old Cellar'],
    ['涂鸦智能', 'Graffiti Intelligence'],
    ['面壁智能', 'Face the Wall Intelligence'],
    ['大族激光', 'Big Clan Laser'],
    ['新和成', 'New Harmony Success'],
    ['中联重科', 'China United Heavy Technology'],
    ['昆仑万维', 'Kunlun Worldwide'],
    ['阅文集团', 'Reading Text Group'],
    ['晶澳科技', 'Crystal Australia Technology'],
    ['先导智能', 'Pioneer Intelligence'],
    ['招商证券', 'Investment Promotion Securities'],
    ['北方华创', 'North China Creation'],
    ['澎湃新闻', 'Surging News'],
    ['新松机器人', 'New Pine Robot'],
    ['极氪', 'Extreme Krypton'],
  ])('%s → %s', (zh, form) => {
    expect(forms(zh)).toContain(form);
  });

  it('keeps a region a word of the name, not a place that leaves only company words', () => {
    expect(forms('华东医药')).toContain('East China Pharmaceutical');
  });

  it('drops a trailing company word only where the rest is no region or phrase', () => {
    expect(forms('华东医药')).not.toContain('East China');
    expect(forms('中联重科')).not.toContain('China United');
    expect(forms('面壁智能')).not.toContain('Face the Wall');
    expect(forms('紫金矿业')).toContain('Purple Gold');
    expect(forms('森马服饰')).toContain('Forest Horse');
  });

  it('has no gloss that turns a name into an English phrase or another company', () => {
    // 信 "Trust": 国信证券 would be "National Trust"; 思 "Thinking": 新思科技 "New Thinking"; 中金 is CICC, never "China Gold".
    expect(forms('国信证券')).not.toContain('National Trust');
    expect(forms('新思科技')).not.toContain('New Thinking');
    expect(forms('中金公司').some((f) => /China Gold/.test(f))).toBe(false);
    // 华 and 中 alone are kept in pinyin by translators: 华海药业 is not "China Sea", 中钢 not "Central Steel".
    expect(forms('华海药业').some((f) => /China Sea/.test(f))).toBe(false);
    expect(forms('中钢集团').some((f) => /Central|China Steel/.test(f))).toBe(false);
    // 中华电信 is Chunghwa Telecom: "China Telecom" is another company's name, left out at build by the names taken.
    expect(forms('中华电信').some((f) => /Chinese/.test(f))).toBe(false);
  });
});

describe('a rendering with English words in it, in the knowledge base', async () => {
  const { clean } = await sentenceCleaner();
  // Derived ("Luzhou Old Cellar", "Ningde Times") and listed ("Qingdao Beer", "Ningbo Bank") alike: the name title-cased,
  // a description in lower case.
  it.each([
    ['Luzhou Old Cellar raised the price of its top baijiu.', 'Luzhou Laojiao raised the price of its top baijiu.'],
    ['Tourists walked past the Luzhou old cellar pits.', 'Tourists walked past the Luzhou old cellar pits.'],
    ['Ningde Times will build a plant in Spain.', 'CATL will build a plant in Spain.'],
    ['Ningde times have changed since the plant opened.', 'Ningde times have changed since the plant opened.'],
    ['Qingdao Beer said sales volume fell.', 'Tsingtao Brewery said sales volume fell.'],
    ['The Qingdao beer festival drew a million visitors.', 'The Qingdao beer festival drew a million visitors.'],
    ['A Ningbo bank said it would cut deposit rates.', 'A Ningbo bank said it would cut deposit rates.'],
    ['Hikers on Baiyun Mountain said the trail was closed.', 'Hikers on Baiyun Mountain said the trail was closed.'],
    ['Tongren Hall said sales of its medicine rose.', 'Beijing Tong Ren Tang said sales of its medicine rose.'],
  ])('%s', async (from, to) => {
    expect(await clean(from)).toBe(to);
  });
});
