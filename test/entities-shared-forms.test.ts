/**
 * One wrong form, two entries: the same pinyin for two people, each entry
 * with the stories that are its own. The matcher keeps both; the entry
 * whose context holds is applied; where both hold, both names are offered
 * and none applied. And the build's stories for a person: the organisation
 * the role names.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import type { Dictionary } from '../src/entities/dictionary.js';
import { roleOrganisations } from '../src/entities/role.js';

// Two invented people whose Chinese names read alike.
const twoPeople: Dictionary = {
  rules: [
    { expected: 'Vincent Lau', patterns: ['Liu Weisheng'], kind: 'person', context: { any: ['Harbourline Ferries'] } },
    { expected: 'Wilson Liu', patterns: ['Liu Weisheng'], kind: 'person', context: { any: ['Northgate Semiconductor'] } },
  ],
};

const article = (body: string) => `# Quarterly results\n\n${body}\n`;

describe('one rendering of two people', () => {
  it('applies the entry whose story the article tells, whichever was listed first', async () => {
    const ferries = await clean(article('Liu Weisheng said Harbourline Ferries would add two routes.'), { dictionaries: [twoPeople] });
    expect(ferries.markdown).toContain('Vincent Lau said Harbourline Ferries');
    const chips = await clean(article('Liu Weisheng said Northgate Semiconductor would build a plant.'), { dictionaries: [twoPeople] });
    expect(chips.markdown).toContain('Wilson Liu said Northgate Semiconductor');
    expect(chips.messages.find((m) => m.ruleId === 'person-name')).toMatchObject({ actual: 'Liu Weisheng', expected: ['Wilson Liu'] });
  });

  it('changes nothing where neither story is told', async () => {
    const result = await clean(article('Liu Weisheng opened a noodle shop in Chengdu.'), { dictionaries: [twoPeople] });
    expect(result.markdown).toContain('Liu Weisheng opened');
    expect(result.messages.filter((m) => m.ruleId === 'person-name')).toEqual([]);
  });

  it('offers both names and applies neither where the article tells both stories', async () => {
    const result = await clean(article('Liu Weisheng, who sits on the boards of Harbourline Ferries and Northgate Semiconductor, resigned.'), { dictionaries: [twoPeople] });
    expect(result.markdown).toContain('Liu Weisheng, who sits');
    const warning = result.messages.find((m) => m.ruleId === 'person-name')!;
    expect(warning).toMatchObject({ actual: 'Liu Weisheng', fatal: false });
    expect([...warning.expected!].sort()).toEqual(['Vincent Lau', 'Wilson Liu']);
    expect(warning.reason).toMatch(/could name .* or .*not applied/);
  });
});

describe('the knowledge base', () => {
  it('gives a bare transliterated surname to the person whose organisation the story names', async () => {
    const openai = await clean(article('Aoteman said OpenAI would release a new model next month.'));
    expect(openai.markdown).toContain('Sam Altman said OpenAI');
    const other = await clean(article('Aoteman said the fund would invest in three start-ups.'));
    expect(other.markdown).toContain('Aoteman said the fund');
  });
});

describe('roleOrganisations', () => {
  const companies = new Set(['OpenAI', 'Huawei']);
  const isCompany = (name: string) => companies.has(name);

  it('reads the organisation a role names', () => {
    expect(roleOrganisations('OpenAI chief executive', isCompany)).toEqual(['OpenAI']);
    expect(roleOrganisations('former Federal Reserve chairman', isCompany)).toEqual(['Federal Reserve']);
    expect(roleOrganisations('economist at the Chinese Academy of Social Sciences', isCompany)).toEqual(['Chinese Academy of Social Sciences']);
    expect(roleOrganisations("People's Bank of China deputy governor", isCompany)).toEqual(["People's Bank of China"]);
    expect(roleOrganisations('IMF managing director', isCompany)).toEqual(['IMF']);
  });

  it('takes no place, nationality or unknown single word for an organisation', () => {
    expect(roleOrganisations('former Japanese prime minister', isCompany)).toEqual([]);
    expect(roleOrganisations('former Hong Kong chief executive', isCompany)).toEqual([]);
    expect(roleOrganisations('livestream host', isCompany)).toEqual([]);
    expect(roleOrganisations('Zappos chief executive', isCompany)).toEqual([]);
  });
});

describe('a longer match whose context does not hold', () => {
  const terms: Dictionary = {
    rules: [
      { expected: '10-year Chinese government bond', patterns: ['10-year national debt'], kind: 'jargon', context: { any: ['PBOC', 'yuan'] } },
      { expected: 'Treasury', patterns: ['national debt'], kind: 'jargon', context: { any: ['Federal Reserve'] } },
    ],
  };

  it('gives way to the shorter matches inside it, each under its own context', async () => {
    const china = await clean(article('The 10-year national debt yield fell as the PBOC eased.'), { dictionaries: [terms] });
    expect(china.markdown).toContain('The 10-year Chinese government bond yield fell');
    const us = await clean(article('The 10-year national debt yield rose after the Federal Reserve spoke.'), { dictionaries: [terms] });
    expect(us.markdown).toContain('The 10-year Treasury yield rose');
    expect(us.messages.find((m) => m.ruleId === 'jargon')).toMatchObject({ actual: 'national debt', expected: ['Treasury'] });
    // Neither context holds: the knowledge base's own "national debt yield", crossing the refused match's end, applies.
    const neither = await clean(article('The 10-year national debt yield was flat.'), { dictionaries: [terms] });
    expect(neither.markdown).toContain('The 10-year government bond yield was flat.');
    expect(neither.messages.filter((m) => m.ruleId === 'jargon').map((m) => m.actual)).toEqual(['national debt yield']);
  });

  it('gives way to a match crossing its end, but never to one reaching into the next match', async () => {
    const sectors: Dictionary = {
      rules: [
        { expected: 'solar sector', patterns: ['solar track'], kind: 'jargon', context: { after: '^(?!\\s+stocks\\b)' } },
        { expected: 'hot-sector stocks', patterns: ['track stocks'], kind: 'jargon' },
        { expected: 'stock exchange filing', patterns: ['stocks exchange filing'], kind: 'jargon' },
      ],
    };
    const fixed = async (sentence: string) => (await clean(article(sentence), { dictionaries: [sectors] })).markdown;
    expect(await fixed('Solar track stocks fell for a third day.')).toContain('Solar hot-sector stocks fell');
    expect(await fixed('The firm said the solar track is crowded.')).toContain('the solar sector is crowded');
    // "track stocks" would overlap the next match: neither half-fix is made for it.
    expect(await fixed('The solar track stocks exchange filing was late.')).toContain('The solar track stock exchange filing was late.');
  });

  it('offers a crossing match that overlaps the refused one’s inner matches too: the fix that starts first stands', async () => {
    const boards: Dictionary = {
      rules: [
        // A listing word must follow the board, and the board alone must be beside a listing: neither here.
        { expected: 'ChiNext', patterns: ['the Venture Board'], kind: 'jargon', context: { any: ['listing', 'listed', 'IPO'] } },
        { expected: 'ChiNext', patterns: ['Venture Board'], kind: 'jargon', context: { any: ['listing', 'listed', 'IPO'] } },
        { expected: 'ChiNext Index', patterns: ['Venture Board Index'], kind: 'jargon' },
      ],
    };
    const fixed = async (sentence: string) => (await clean(article(sentence), { dictionaries: [boards] })).markdown;
    expect(await fixed('The Venture Board Index led losses on Thursday.')).toContain('The ChiNext Index led losses');
    // Beside a listing the longer match holds itself: "The Venture Board" is ChiNext, and "Index" stays after it.
    expect(await fixed('The Venture Board Index rose as the IPO of a robot maker was listed.')).toContain('\n\nChiNext Index rose as the IPO');
  });
});

describe('a replacement fitted to the words around it', () => {
  const terms: Dictionary = {
    rules: [
      { expected: 'backdoor listing', patterns: ['shell-borrowing'], kind: 'jargon' },
      { expected: 'interim dividend', patterns: ['mid-term dividend'], kind: 'jargon' },
      { expected: 'MLF', patterns: ['medium-term lending convenience'], kind: 'jargon' },
    ],
  };
  const fixed = async (sentence: string) => (await clean(article(sentence), { dictionaries: [terms] })).markdown.replace(/^# Quarterly results\n\n/, '').trim();

  it('takes in a head noun it ends with that the text repeats', async () => {
    expect(await fixed('The firm plans a shell-borrowing listing in Shenzhen.')).toBe('The firm plans a backdoor listing in Shenzhen.');
    expect(await fixed('The listing, a shell-borrowing deal, closed.')).toBe('The listing, a backdoor listing deal, closed.');
  });

  // Invented renderings and names, so that no entry of the knowledge base holds them.
  const more: Dictionary = {
    rules: [
      { expected: 'lending balance', patterns: ['borrowing remainder'], kind: 'jargon' },
      { expected: 'Glassway Optical', patterns: ['Boliwei'], kind: 'company' },
      { expected: 'Dunmore Clearing', patterns: ['Dunmo Qingsuan'], kind: 'company' },
    ],
  };
  const fixedMore = async (sentence: string) => (await clean(article(sentence), { dictionaries: [more] })).markdown.replace(/^# Quarterly results\n\n/, '').trim();

  it('takes in the same noun after it in another form, never a verb or another word', async () => {
    expect(await fixedMore('Boliwei Optics shipped more lenses.')).toBe('Glassway Optical shipped more lenses.');
    expect(await fixedMore('Dunmo Qingsuan clears card payments.')).toBe('Dunmore Clearing clears card payments.');
    expect(await fixedMore('Boliwei Optoelectronics shipped more lenses.')).toBe('Glassway Optical Optoelectronics shipped more lenses.');
  });

  it('takes in a first word it starts with that the text has just before it', async () => {
    expect(await fixedMore('The lending borrowing remainder rose for a fifth day.')).toBe('The lending balance rose for a fifth day.');
    expect(await fixedMore('Lending borrowing remainder rose.')).toBe('Lending balance rose.');
    expect(await fixedMore('The borrowing remainder rose.')).toBe('The lending balance rose.');
  });

  it('makes "a" or "an" before it agree with its first sound, letters of an acronym included', async () => {
    expect(await fixed('The bank paid a mid-term dividend.')).toBe('The bank paid an interim dividend.');
    expect(await fixed('A mid-term dividend was paid.')).toBe('An interim dividend was paid.');
    expect(await fixed('The PBOC ran a medium-term lending convenience operation.')).toBe('The PBOC ran an MLF operation.');
    // A capital "A" inside a sentence is a letter ("Class A", "Plan A"), not an article.
    const letters: Dictionary = { rules: [{ expected: 'Alibaba', patterns: ['Ali Baba'], kind: 'company' }] };
    expect((await clean(article('Holders of Class A Ali Baba shares voted.'), { dictionaries: [letters] })).markdown).toContain('Class A Alibaba shares');
    expect((await clean(article('Analysts see a Ali Baba rebound.'), { dictionaries: [letters] })).markdown).toContain('an Alibaba rebound');
    const result = await clean(article('The bank paid a mid-term dividend.'), { dictionaries: [terms] });
    expect(result.messages.find((m) => m.ruleId === 'jargon')).toMatchObject({ actual: 'a mid-term dividend', expected: ['an interim dividend'] });
  });
});

describe('a context’s words before and after a form', () => {
  it('hold in any case, so a sentence may open with them', async () => {
    const plate: Dictionary = { rules: [{ expected: 'sector', patterns: ['plate'], kind: 'jargon', context: { before: String.raw`\b(?:chip|consumer)\s+$`, after: String.raw`^\s+(?:rose|fell)\b` } }] };
    expect((await clean(article('Chip plate rose 3% on Tuesday.'), { dictionaries: [plate] })).markdown).toContain('Chip sector rose');
    expect((await clean(article('The consumer plate fell.'), { dictionaries: [plate] })).markdown).toContain('consumer sector fell');
    expect((await clean(article('The chef set the consumer plate down.'), { dictionaries: [plate] })).markdown).toContain('consumer plate down');
  });
});

describe('an adverb for a term', () => {
  it('replaces the term used as an adverb, and keeps it where a noun belongs', async () => {
    // An invented rendering, so that no entry of the knowledge base holds it.
    const ring: Dictionary = { rules: [{ expected: 'sequentially', patterns: ['loop compare'], kind: 'jargon' }] };
    expect((await clean(article('Deliveries rose 5% loop compare in October.'), { dictionaries: [ring] })).markdown).toContain('rose 5% sequentially');
    expect((await clean(article('Deliveries posted a loop compare increase of 5%.'), { dictionaries: [ring] })).markdown).toContain('a loop compare increase');
  });
});
