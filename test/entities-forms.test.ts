/**
 * The forms the KB build derives from what the curated data lists: ü
 * spellings, misspelt Western surnames, a nickname's kinship word, a pinyin
 * word written syllable by syllable, jargon verb phrases in the past tense;
 * and the capitals a name's English-word form needs in the text.
 */
import { describe, expect, it } from 'vitest';
import { ContextProbe, type NameContext } from '../src/entities/context.js';
import { pastTense, pastTenseJargon, pluralJargon, pluralOf, presentTenseJargon, singularJargon, singularOf } from '../src/entities/inflect.js';
import { nicknameForms, personMisspellings, personRenderings, spacedPinyin } from '../src/entities/renderings.js';

describe('derived forms of listed names', () => {
  it('spells ü as a translator does: u, v and yu', () => {
    const forms = personRenderings('吕志和');
    expect(forms).toEqual(expect.arrayContaining(['Lu Zhihe', 'Lv Zhihe', 'Lyu Zhihe', 'Lu Zhi He']));
    expect(personRenderings('黄仁勋').some((f) => /v|yu/.test(f))).toBe(false);
  });

  it('writes a surname’s doubled letter or “ck” once, never a vowel pair or the first name', () => {
    expect(personMisspellings('Kevin Hassett')).toEqual(['Kevin Hasett', 'Kevin Hasset']);
    expect(personMisspellings('Howard Lutnick')).toEqual(['Howard Lutnik']);
    expect(personMisspellings('Lisa Cook')).toEqual([]);
    expect(personMisspellings('Scott Bessent')).toEqual(['Scott Besent']);
    // Too short to be read as the same name.
    expect(personMisspellings('Michael Dell')).toEqual([]);
    expect(personMisspellings('Elon')).toEqual([]);
  });

  it('gives a kinship word its other renderings, and nothing to other nicknames', () => {
    expect(nicknameForms('Mama Su')).toEqual(['Mother Su', 'Mom Su', 'Mum Su']);
    expect(nicknameForms('Sister Dong')).toEqual(['Big Sister Dong', 'Elder Sister Dong', 'Dong Jie']);
    expect(nicknameForms('Teacher Ma')).toEqual([]);
    expect(nicknameForms('Little Horse Brother')).toEqual([]);
  });

  it('cuts a run-together pinyin word into syllables, two or three only', () => {
    expect(spacedPinyin('Chuanpu')).toEqual(['Chuan Pu']);
    expect(spacedPinyin('Telangpu')).toEqual(['Te Lang Pu']);
    expect(spacedPinyin('Ultraman')).toEqual([]);
    expect(spacedPinyin('Zhakeboge')).toEqual([]);
    expect(spacedPinyin("Wei'er")).toEqual([]);
  });

  it('puts a jargon verb phrase listed with its -ing form into the past tense, with its replacement', () => {
    expect(pastTense('harvest')).toBe('harvested');
    expect(pastTense('rub')).toBe('rubbed');
    expect(pastTense('copy')).toBe('copied');
    expect(pastTense('go')).toBe('went');
    expect(pastTense('fleece')).toBe('fleeced');
    const derived = pastTenseJargon([
      { expected: 'fleece retail investors', patterns: ['cut leeks', 'harvest the leeks'] },
      { expected: 'fleecing retail investors', patterns: ['cutting leeks', 'harvesting the leeks'] },
      // No -ing form listed: not known to be a verb, so nothing ("dark market" is no verb).
      { expected: 'grey market', patterns: ['dark market'] },
    ]);
    expect(derived).toEqual([{ index: 0, expected: 'fleeced retail investors', patterns: ['harvested the leeks'] }]);
  });

  it('puts a jargon noun phrase listed in the singular into the plural, with its replacement', () => {
    expect([pluralOf('agreement'), pluralOf('subsidy'), pluralOf('tax'), pluralOf('branch'), pluralOf('ETF')]).toEqual(['agreements', 'subsidies', 'taxes', 'branches', 'ETFs']);
    // Uncountable, already plural, not a noun, a proper noun: no plural.
    expect([pluralOf('turnover'), pluralOf('stocks'), pluralOf('financial'), pluralOf('Index'), pluralOf('up')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const derived = pluralJargon([
      { expected: 'valuation adjustment mechanism', patterns: ['gambling agreement', 'betting agreement', 'agreement of gambling'] },
      // A hyphenated word is no preposition.
      { expected: 'exchange-traded fund', patterns: ['on-site fund'] },
      // Listed in the plural already by another entry: not derived again.
      { expected: 'interim dividend', patterns: ['mid-term dividend'] },
      { expected: 'interim dividends', patterns: ['mid-term dividends'] },
      // A verb and its object, a phrase with its article or a preposition: no noun to count.
      { expected: 'cut the reserve requirement ratio', patterns: ['lower the standard'] },
      { expected: 'an upfront payment', patterns: ['a first payment'] },
      { expected: 'letter of concern', patterns: ['letter of attention'] },
      // A replacement that is no countable noun: nothing.
      { expected: 'grey market turnover', patterns: ['dark market turnover'] },
    ]);
    expect(derived).toEqual([
      { index: 0, expected: 'valuation adjustment mechanisms', patterns: ['gambling agreements', 'betting agreements'] },
      { index: 1, expected: 'exchange-traded funds', patterns: ['on-site funds'] },
    ]);
  });

  it('puts a jargon verb phrase listed only in the past tense into the present and the -ing form', () => {
    const words = new Set(['turn', 'swing', 'move', 'break', 'list', 'register']);
    const derived = presentTenseJargon(
      [
        { expected: 'swung to a loss', patterns: ['turned from profit to loss'] },
        { expected: 'broke below its IPO price', patterns: ['moved below the issue price'] },
        // A participle before a noun is no verb phrase: nothing.
        { expected: 'registered capital', patterns: ['registered funds'] },
        // The -ing form listed by another entry: not derived again.
        { expected: 'swinging to a loss', patterns: ['turning from profit to loss'] },
      ],
      (w) => words.has(w),
    );
    expect(derived).toEqual([
      { index: 0, expected: 'swing to a loss', patterns: ['turn from profit to loss'] },
      { index: 0, expected: 'swings to a loss', patterns: ['turns from profit to loss'] },
      { index: 1, expected: 'break below its IPO price', patterns: ['move below the issue price'] },
      { index: 1, expected: 'breaks below its IPO price', patterns: ['moves below the issue price'] },
      { index: 1, expected: 'breaking below its IPO price', patterns: ['moving below the issue price'] },
    ]);
  });

  it('puts a jargon noun phrase listed only in the plural into the singular, with its replacement', () => {
    expect(['subsidiaries', 'taxes', 'branches', 'withdrawals', 'LGFVs', 'mortgages'].map(singularOf)).toEqual(['subsidiary', 'tax', 'branch', 'withdrawal', 'LGFV', 'mortgage']);
    // Plural-only or another word in the singular, irregular, not a plural, too short: no singular.
    expect(['sales', 'futures', 'earnings', 'analyses', 'crises', 'business', 'status', 'gas', 'Japans'].map(singularOf)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    const derived = singularJargon([
      { expected: 'wealth management subsidiaries', patterns: ['financial management subsidiaries', 'financing subsidiaries'] },
      // Listed in the singular already by another entry: not derived again.
      { expected: 'policy banks', patterns: ['policy-based banks', 'policy sex banks'] },
      { expected: 'policy bank', patterns: ['policy-based bank'] },
      // A phrase with a preposition, or a replacement that is no regular plural: nothing.
      { expected: 'letters of concern', patterns: ['letters of attention'] },
      { expected: 'retail sales', patterns: ['social zero sales'] },
      // A count, or a verb and its object: the plural belongs to the meaning.
      { expected: 'three straight gains', patterns: ['three consecutive suns'] },
      { expected: 'were given ST labels', patterns: ['were given hats'] },
      { expected: 'earnings beat expectations', patterns: ['performance exceeded expectations'] },
      // Another head noun: the singular may be plain English ("a purchase restriction policy").
      { expected: 'home-purchase restrictions', patterns: ['purchase restriction policies'] },
    ]);
    expect(derived).toEqual([
      { index: 0, expected: 'wealth management subsidiary', patterns: ['financial management subsidiary', 'financing subsidiary'] },
      { index: 1, expected: 'policy bank', patterns: ['policy sex bank'] },
    ]);
  });
});

describe('a name’s English-word form needs its capitals', () => {
  const probe = (article: string) => new ContextProbe(article);
  const at = (text: string, form: string, context: NameContext) => {
    const start = text.indexOf(form);
    return probe(text).holds(context, text, start, start + form.length);
  };

  it('the first letter, for a form curated in lower case after its first word', () => {
    expect(at('Lenovo said Saviour laptops sold well.', 'Saviour', { capital: true })).toBe(true);
    expect(at('This saviour from the stars.', 'saviour', { capital: true })).toBe(false);
  });

  it('every word but the small ones, for a title-cased form', () => {
    expect(at('Where To Go sold more flights.', 'Where To Go', { capital: 'words' })).toBe(true);
    expect(at('Trip.com’s Where to Go app.', 'Where to Go', { capital: 'words' })).toBe(true);
    expect(at('Golden dragon fish are prized.', 'Golden dragon fish', { capital: 'words' })).toBe(false);
  });

  it('with the rest of the context as before', () => {
    expect(at('Saviour laptops from Lenovo.', 'Saviour', { capital: true, any: ['Lenovo'] })).toBe(true);
    expect(at('Saviour of the city.', 'Saviour', { capital: true, any: ['Lenovo'] })).toBe(false);
  });
});
