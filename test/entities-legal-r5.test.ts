/**
 * Blind round 5 mechanisms: a register's "Group, Inc." and "The … Company"
 * around a known name, a filing's legal name kept, and a word-for-word
 * rendering that is another company's name fixed by the ticker beside it.
 */
import { describe, expect, it } from 'vitest';
import { inLegalContext } from '../src/entities/legal.js';
import { legalSuffixAt, theCompanyAt } from '../src/entities/names.js';
import { clean } from '../src/index.js';

const run = async (text: string) => {
  const r = await clean(`Markets in brief\n${text}`, { format: 'text' });
  return { body: r.markdown.split('\n\n').slice(1).join('\n\n').trim(), messages: r.messages };
};

describe('register forms around a known name', () => {
  it('reads "Group, Inc." as one form, as "Group Inc." already was', () => {
    expect(legalSuffixAt('Kestrel Group, Inc. said', 7)?.length).toBe(' Group, Inc.'.length);
    expect(legalSuffixAt('Kestrel Group Inc. said', 7)?.length).toBe(' Group Inc.'.length);
  });

  it('reads "Company" as a form only inside a register\'s "The … Company"', () => {
    const text = 'The Kestrel Company said';
    expect(theCompanyAt(text, 4, 11)?.length).toBe(' Company'.length);
    expect(theCompanyAt('A Kestrel Company car', 2, 9)).toBeUndefined();
    expect(theCompanyAt('The Kestrel Companys', 4, 11)).toBeUndefined();
  });

  it('shortens a known company\'s "Group, Inc." and "The … Company" legal names', async () => {
    const goldman = await run('The Goldman Sachs Group, Inc. raised its target for Chinese stocks.');
    expect(goldman.messages.find((m) => m.ruleId === 'legal-suffix')).toMatchObject({ actual: 'The Goldman Sachs Group, Inc.', expected: ['Goldman Sachs'] });
    const coke = await run('The Coca-Cola Company will sell a new drink in China.');
    expect(coke.messages.find((m) => m.ruleId === 'legal-suffix')).toMatchObject({ actual: 'The Coca-Cola Company', expected: ['Coca-Cola'] });
    expect(goldman.body).toBe('Goldman Sachs raised its target for Chinese stocks.');
    expect(coke.body).toBe('Coca-Cola will sell a new drink in China.');
    // "the" before a noun it governs stays with the noun.
    expect((await run('Workers at the Toyota Motor Corporation plant went home.')).body).toBe('Workers at the Toyota plant went home.');
  });
});

describe('filings keep the legal name', () => {
  it('treats "the filing shows" and a patent holder as legal context', () => {
    const text = 'The filing shows Kestrel Device Co., Ltd., not its parent, as the patent holder.';
    const start = text.indexOf('Kestrel');
    expect(inLegalContext(text, start, text.indexOf(', not'))).toBe(true);
    const plain = 'Kestrel Device Co., Ltd. shipped more phones in May.';
    expect(inLegalContext(plain, 0, plain.indexOf(' shipped'))).toBe(false);
  });

  it('leaves a unit\'s legal name in a filing as printed', async () => {
    const text = 'The filing shows Huawei Device Co., Ltd., not its parent, as the patent holder.';
    expect((await run(text)).body).toBe(text);
  });
});

describe('a rendering that is another company\'s name, beside the holder\'s ticker', () => {
  it('fixes it to the holder the ticker names', async () => {
    const { body, messages } = await run('Shell (BEKE.US) said its home renovation business grew.');
    expect(body).toBe('KE Holdings (BEKE.US) said its home renovation business grew.');
    expect(messages.some((m) => m.ruleId === 'entity-name' && m.actual === 'Shell')).toBe(true);
  });

  it('leaves the company\'s own ticker alone, and flags a name with no tie to the holder', async () => {
    expect((await run('Shell (SHEL.US) raised its dividend again.')).body).toBe('Shell (SHEL.US) raised its dividend again.');
    const mismatch = await run('Tencent (BABA.US) rose 2% overnight.');
    expect(mismatch.body).toBe('Tencent (BABA.US) rose 2% overnight.');
    expect(mismatch.messages.some((m) => m.ruleId === 'ticker-mismatch')).toBe(true);
  });
});

describe('a data vendor\'s receipt and class tail', () => {
  it('reads "Sponsored ADR Class A" as one tail, with its class', () => {
    expect(legalSuffixAt('Kestrel, Inc. Sponsored ADR Class A rose', 7)).toMatchObject({ length: ', Inc. Sponsored ADR Class A'.length, shareClass: 'A', keepStop: false });
    expect(legalSuffixAt('Kestrel, Inc. Sponsored ADR rose', 7)).toMatchObject({ length: ', Inc. Sponsored ADR'.length, shareClass: undefined });
  });

  it('shortens it in running text', async () => {
    expect((await run('JD.com, Inc. Sponsored ADR Class A rose 3% in premarket trading.')).body).toBe('JD.com rose 3% in premarket trading.');
  });
});

describe('a holding company\'s ticker beside its operating company\'s rendering', () => {
  it('takes the holder\'s name where the Chinese names differ only by a holding word', async () => {
    expect((await run('Jingke Energy (JKS.US) cut its module shipment guidance.')).body).toBe('JinkoSolar (JKS.US) cut its module shipment guidance.');
    expect((await run('Jingke Energy (688223.SH) cut its module shipment guidance.')).body).toBe('Jinko Solar (688223.SH) cut its module shipment guidance.');
  });
});

describe('an exchange short name quoted as such', () => {
  it('stays where it stands alone in quotation marks, and is fixed in running text', async () => {
    const quoted = 'The shares trade under the short name "XIAOMI-W" in Hong Kong.';
    expect((await run(quoted)).body).toBe(quoted);
    expect((await run('XIAOMI-W rose 4% after the launch.')).body).toBe('Xiaomi rose 4% after the launch.');
  });
});

describe('a register name spelled out, printed with its legal form', () => {
  it('becomes the shorter name the desk uses for that company', async () => {
    expect((await run('China Petroleum & Chemical Corporation raised its interim dividend.')).body).toBe('Sinopec raised its interim dividend.');
    expect((await run('Hong Kong Exchanges and Clearing Limited reported record turnover.')).body).toBe('HKEX reported record turnover.');
  });

  it('leaves the same name without a legal form, and a one-word former name, as printed', async () => {
    expect((await run('China Petroleum & Chemical raised its interim dividend.')).body).toBe('China Petroleum & Chemical raised its interim dividend.');
    expect((await run('Facebook, Inc. changed its name in 2021.')).body).not.toContain('Meta');
  });
});

describe('a register place after the form, and a case against a public body', () => {
  it('takes "Inc. of Zhuhai" as part of the legal form, never "of course"', async () => {
    expect(legalSuffixAt('Kestrel Electric Appliances, Inc. of Zhuhai said', 'Kestrel Electric Appliances'.length)?.length).toBe(', Inc. of Zhuhai'.length);
    expect(legalSuffixAt('Kestrel Inc. of course said', 7)?.length).toBe(' Inc.'.length);
  });

  it('keeps a legal name before "v. the …"', () => {
    const text = 'Kestrel Precision Co., Ltd. v. the Fair Trade Commission is pending.';
    expect(inLegalContext(text, 0, text.indexOf(' v.'))).toBe(true);
  });
});

describe('forms a register spells out', () => {
  it('reads "Companies Inc.", "(Private) Limited" and "Aktiengesellschaft"', () => {
    expect(legalSuffixAt('Kestrel Companies Inc. said', 7)?.length).toBe(' Companies Inc.'.length);
    expect(legalSuffixAt('Kestrel Holdings (Private) Limited said', 7)?.length).toBe(' Holdings (Private) Limited'.length);
    expect(legalSuffixAt('Kestrel Aktiengesellschaft said', 7)?.length).toBe(' Aktiengesellschaft'.length);
  });

  it('reads a bare "Company" after a known name only before what a company does', async () => {
    expect((await run('Ford Motor Company said it would license battery technology.')).body).toBe('Ford said it would license battery technology.');
    const plant = 'Workers at a Ford Motor Company plant in Michigan went on strike.';
    expect((await run(plant)).body).toBe(plant);
  });
});
