/**
 * Legal names on copy never seen: the register's own forms ("Corporation
 * Limited", a bracketed register word, "Class H", "SA", "Pte. Ltd.",
 * "GmbH & Co. KG", "AB (publ)", "Co Ltd"), a research note's
 * disclaimer, a core that is only a place, a register name that is a place,
 * a known name and more words (a unit of its own, never its parent), and a
 * desk's "Full Name Co. Limited (ABBR)" first reference.
 */
import { describe, expect, it } from 'vitest';
import { inLegalContext, unsureShorteningReason } from '../src/entities/legal.js';
import { placeOnly } from '../src/text/places.js';
import { legalSuffixAt } from '../src/entities/names.js';
import { clean } from '../src/index.js';

const run = async (text: string) => {
  const r = await clean(`Markets in brief\n${text}`, { format: 'text' });
  return { body: r.markdown.split('\n\n').slice(1).join('\n\n').trim(), messages: r.messages.filter((m) => m.ruleId === 'legal-suffix') };
};

describe('register forms', () => {
  it('takes "Corporation Limited", "Corp. Ltd.", a bracketed register word and "Class H" as one form', () => {
    expect(legalSuffixAt('Acme Corporation Limited said', 4)?.length).toBe(' Corporation Limited'.length);
    expect(legalSuffixAt('Acme Corp. Ltd. said', 4)?.length).toBe(' Corp. Ltd.'.length);
    expect(legalSuffixAt('Acme (International) Company Limited said', 4)?.length).toBe(' (International) Company Limited'.length);
    expect(legalSuffixAt('Acme (Cayman) Inc. said', 4)?.length).toBe(' (Cayman) Inc.'.length);
    const classH = legalSuffixAt('Acme Co. Ltd. Class H climbed', 4);
    expect(classH).toMatchObject({ shareClass: 'H', keepStop: false });
  });

  it('does not take a bracketed word that is no register word, or a lower-case form', () => {
    expect(legalSuffixAt('Acme (Europe) Ltd. said', 4)).toBeUndefined();
    expect(legalSuffixAt('Acme corporation limited', 4)).toBeUndefined();
  });

  it('shortens a listed company printed with the register form and a share class', async () => {
    expect((await run('In Hong Kong, BYD Co. Ltd. Class H climbed 2% by the midday break.')).body).toBe('In Hong Kong, BYD climbed 2% by the midday break.');
    expect((await run('BYD Electronic (International) Company Limited said its assembly orders rose.')).body).toBe('BYD Electronic said its assembly orders rose.');
  });

  it('leaves no stray form behind an abbreviation the knowledge base gives', async () => {
    const { body } = await run('China International Capital Corporation Limited raised its target for the index.');
    expect(body).toBe('CICC raised its target for the index.');
  });
});

describe('forms of several words, from many jurisdictions', () => {
  const forms = ['Pte. Ltd.', 'Pty Ltd', 'Pvt. Ltd.', 'Private Limited', 'Co Ltd', 'Co., Ltd.', 'Corp. Ltd.', 'Corporation Limited', 'Public Company Limited', 'Joint-Stock Co., Ltd.', 'GmbH & Co. KG', 'AB (publ)', 'Sdn. Bhd.'];

  it('takes each whole, never leaving a piece of it behind the name', async () => {
    for (const form of forms) {
      const { body } = await run(`Lantern Quay Robotics ${form} raised its prices.`);
      expect(body, form).toBe('Lantern Quay Robotics raised its prices.');
    }
  });

  it('takes them whole after a known company too', async () => {
    expect((await run('Kweichow Moutai Co Ltd raised its prices.')).body).toBe('Kweichow Moutai raised its prices.');
    expect((await run('Atlas Copco AB (publ) raised its prices.')).body).toBe('Atlas Copco raised its prices.');
    expect((await run('Ping An Insurance (Group) Co. of China Ltd. (02318) rose.')).body).toBe('Ping An (02318) rose.');
  });

  it('keeps the full stop that ends the sentence, and none before a title', async () => {
    expect((await run('Orders went to Lantern Quay Robotics Co Ltd. Analysts cheered the news.')).body).toBe('Orders went to Lantern Quay Robotics. Analysts cheered the news.');
    expect((await run('The deal was signed with Harbourline Foods Pte. Ltd. Its shares rose.')).body).toBe('The deal was signed with Harbourline Foods. Its shares rose.');
    expect((await run('Harbourline Foods Pte. Ltd. Chief Executive Tan Wei spoke.')).body).toBe('Harbourline Foods Chief Executive Tan Wei spoke.');
  });

  it('keeps them in a legal context', async () => {
    const sentence = 'The court ruled against Lantern Quay Robotics Pte. Ltd. on Friday.';
    expect((await run(sentence)).body).toBe(sentence);
  });
});

describe('a research note’s disclaimer', () => {
  it('keeps the issuer’s legal name', async () => {
    const sentence = 'This report is issued by Harrow Peak Securities Co., Ltd. and does not constitute investment advice.';
    expect((await run(sentence)).body).toBe(sentence);
    const text = 'The note is for reference only and was prepared by Lantern Quay Capital Limited.';
    const at = text.indexOf('Lantern');
    expect(inLegalContext(text, at, at + 'Lantern Quay Capital Limited'.length)).toBe(true);
  });

  it('still shortens the same name in a news sentence', async () => {
    expect((await run('Harrow Peak Securities Co., Ltd. raised its target for the index.')).body).toBe('Harrow Peak Securities raised its target for the index.');
  });
});

describe('a core that is only a place', () => {
  it('reads states, countries, regions and cities, alone or qualified, as places', () => {
    for (const place of ['Texas', 'New York', 'Greater China', 'South China', 'Hong Kong and Macau', '1234567 Alberta', 'Asia Pacific', 'Inner Mongolia', 'The Netherlands'])
      expect(placeOnly(place), place).toBe(true);
  });

  it('does not read a name with a word of its own as a place', () => {
    for (const name of ['Texas Instruments', 'China Mobile', 'Singapore Airlines', 'New Oriental', 'Hong Kong and China Gas', 'Bank of China', 'Washington Prime'])
      expect(placeOnly(name), name).toBe(false);
  });

  it('keeps the legal name as printed and says why', async () => {
    for (const sentence of ['Texas Co. agreed to sell its refinery.', 'New York & Co. will close more stores.', 'Greater China Limited reported a wider loss.'])
      expect((await run(sentence)).body, sentence).toBe(sentence);
    const text = 'Texas Co. agreed to sell its refinery.';
    expect(unsureShorteningReason(text, text, 0, 5, 9, 'Texas', false)).toMatch(/place/);
  });

  it('still shortens a place-led name that carries its own word', async () => {
    expect((await run('Shares of Ridgeway Texas Drilling Inc. fell 4%.')).body).toBe('Shares of Ridgeway Texas Drilling fell 4%.');
  });
});

describe('a place, a known name and more words', () => {
  it('is a unit’s register name: shortened to its own running name, never the parent’s', async () => {
    expect((await run('Beijing ByteDance Technology Co., Ltd. applied for a licence.')).body).toBe('Beijing ByteDance Technology applied for a licence.');
    expect((await run('Shares of Beijing Xiaomi Mobile Software Co., Ltd. were pledged.')).body).toBe('Shares of Beijing Xiaomi Mobile Software were pledged.');
  });

  it('is the company itself where the knowledge base lists it as its register name', async () => {
    expect((await run('Hangzhou DeepSeek Artificial Intelligence Basic Technology Research Co., Ltd. released a model.')).body).toBe('DeepSeek released a model.');
  });
});

describe('"Full Name Co. Limited (ABBR)"', () => {
  it('is a desk’s first reference when the article goes on with the abbreviation', async () => {
    const text = 'Contemporary Amperex Technology Co. Limited (CATL) plans a plant in Spain.\n\nCATL already runs one in Germany.';
    const { body, messages } = await run(text);
    expect(body).toBe(text);
    expect(messages).toEqual([]);
  });

  it('keeps the running form beside the abbreviation when nothing follows it', async () => {
    expect((await run('Contemporary Amperex Technology Co., Limited (CATL) won the order.')).body).toBe('Contemporary Amperex Technology (CATL) won the order.');
  });
});
