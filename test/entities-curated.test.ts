/**
 * The curated-data schema (data/curated.schema.json, checked by readCurated
 * and so by build-kb), the pinyin renderings derived from `zh`, and the
 * hygiene of names imported from the SEC and HKEX lists, on a sample of 200.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CuratedError, readCurated } from '../src/entities/curated.js';
import type { KbData } from '../src/entities/kb.js';
import { coreOfLegalName, titleCase } from '../src/entities/names.js';
import { companyRenderings, personRenderings } from '../src/entities/renderings.js';
import { workspaces } from './helpers/workspace.js';

const root = join(import.meta.dirname, '..');
const schema = join(root, 'data', 'curated.schema.json');
const workspace = workspaces();

/** A curated folder with these files (path → YAML). */
function curatedDir(files: Record<string, string>): string {
  const dir = workspace(Object.fromEntries(Object.entries(files).map(([path, text]) => [join('data', 'curated', path), text])));
  return join(dir, 'data', 'curated');
}

function problems(files: Record<string, string>): string[] {
  try {
    readCurated(curatedDir(files), { schema });
  } catch (error) {
    if (error instanceof CuratedError) return error.problems;
    throw error;
  }
  return [];
}

describe('curated schema', () => {
  it('reads the top-level files and the folders, keeping zh, source and specs', () => {
    const data = readCurated(
      curatedDir({
        'companies.yaml': '- { name: Acme Robotics, tickers: [09999.HK] }\n',
        'companies/a-shares.yaml':
          '- name: Widget Tech\n  zh: 维吉特科技\n  tickers: [300999.SZ]\n  source: "annual report"\n  variants: [Weijite Keji]\n  specs:\n    - { from: Weijite Keji rose., to: Widget Tech rose. }\n',
        'people/core.yaml': '- { name: Ann Lee, zh: 李安妮, source: "company site", specs: [{ from: Ann Lee spoke., to: Ann Lee spoke. }] }\n',
      }),
      { schema },
    );
    expect(data.companies.map((c) => [c.file.replace(/^.*data\//, 'data/'), c.index, c.entry.name])).toEqual([
      ['data/curated/companies.yaml', 0, 'Acme Robotics'],
      ['data/curated/companies/a-shares.yaml', 0, 'Widget Tech'],
    ]);
    expect(data.companies[1]!.entry).toMatchObject({ zh: '维吉特科技', source: 'annual report', specs: [{ from: 'Weijite Keji rose.', to: 'Widget Tech rose.' }] });
    expect(data.people[0]!.entry.zh).toBe('李安妮');
  });

  it('names the file, the entry and the field of every problem, all at once', () => {
    const found = problems({
      'companies/bad.yaml': [
        '- { name: Acme, tickers: [ACME], source: "x site", specs: [{ from: a, to: b }] }',
        '- { name: Beta, zh: Beta Corp, source: "x site", specs: [{ from: a, to: b }] }',
        '- { name: Gamma, sector: chips }',
        '- { name: Delta, source: "x site", specs: [{ from: a }] }',
        '- { name: Eps, sectr: chips, source: "x site", specs: [{ from: a, to: a }] }',
      ].join('\n'),
      'jargon/j.yaml': '- { expected: grey market, patterns: [dark market], mode: always, source: "desk style", specs: [{ from: a, to: a }] }\n',
    });
    const file = (p: string) => found.filter((x) => x.includes(p));
    expect(file('companies/bad.yaml')).toEqual([
      expect.stringMatching(/companies\/bad\.yaml: \[0\] \(Acme\): tickers\[0\]: must be a ticker such as NVDA\.US/),
      expect.stringMatching(/\[1\] \(Beta\): zh: must hold Chinese characters/),
      expect.stringMatching(/\[2\] \(Gamma\): must have required property 'source'/),
      expect.stringMatching(/\[2\] \(Gamma\): must have required property 'specs'/),
      expect.stringMatching(/\[3\] \(Delta\): specs\[0\]: must have required property 'to'/),
      expect.stringMatching(/\[4\] \(Eps\): unknown field "sectr"/),
    ]);
    expect(file('jargon/j.yaml')).toEqual([expect.stringMatching(/\[0\] \(grey market\): mode: must be one of fix, suggest, off/)]);
  });

  it('reports YAML that does not parse, and a file that is not a list', () => {
    const found = problems({ 'products/broken.yaml': '- { name: [unclosed\n', 'people/map.yaml': 'name: Ann Lee\n' });
    expect(found).toEqual([expect.stringMatching(/people\/map\.yaml: must be a list of entries/), expect.stringMatching(/products\/broken\.yaml: not valid YAML/)]);
  });

  it('the shipped curated files are valid', () => {
    expect(() => readCurated(join(root, 'data', 'curated'))).not.toThrow();
  });
});

describe('pinyin renderings of curated Chinese names', () => {
  it('spells a company name the ways a translator does, and a person surname first and last', () => {
    expect(companyRenderings('宁德时代')).toEqual(['Ningde Shidai', 'NingdeShidai', 'Ningde-Shidai', 'Ningdeshidai', 'Ning De Shi Dai']);
    expect(companyRenderings('比亚迪')).toEqual(['Biyadi', 'Bi Ya Di']);
    expect(personRenderings('黄仁勋')).toEqual(expect.arrayContaining(['Huang Renxun', 'Renxun Huang', 'Huang Ren Xun', 'Huang Ren-xun']));
  });
  it('derives nothing that only names a place, and nothing from two syllables', () => {
    expect(companyRenderings('深圳控股')).toEqual([]); // not "Shenzhen"
    expect(companyRenderings('红旗')).toEqual([]); // "Hongqi" is also Acer's pinyin
  });
});

describe('imported names (SEC and HKEX), a sample of 200', () => {
  const kb = JSON.parse(readFileSync(join(root, 'data', 'kb.json'), 'utf8')) as KbData;
  const imported = kb.entities.filter((e) => !e.curated && (e.type ?? 'company') === 'company'); // kb.json leaves a company's type out
  const step = Math.max(1, Math.floor(imported.length / 200));
  const sample = imported.filter((_, i) => i % step === 0).slice(0, 200);
  const sec = JSON.parse(readFileSync(join(root, '..', 'shared', 'data', readdirShared(/^sec-company-tickers/)), 'utf8')) as { data: Array<[number, string, string]> };
  const secName = new Map(sec.data.map(([, name, ticker]) => [`US:${ticker}`, name]));

  it('has 200 names', () => expect(sample.length).toBe(200));
  it.each(sample.map((e) => [e.name, e] as const))('%s', (_, e) => {
    expect(e.name).not.toMatch(/[/\\]\s*\S{0,4}$/); // no SEC state-of-incorporation tail ("INC /MA")
    expect(e.name).not.toMatch(/[,\s](?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC|N\.?V|S\.A|AG|SE|A\/S|K\.K)\.?$/);
    expect(e.name).not.toMatch(/\s{2}|^\s|\s$|[,;&]$/);
    expect(e.name).toMatch(/^[\p{L}\p{N}]/u);
    const source = secName.get(e.tickers?.[0] ?? '');
    if (source && /'/.test(source)) expect(e.name).toContain("'"); // apostrophes kept
    if (source && /[a-z]/.test(source)) expect(source.toLowerCase()).toContain(e.name.toLowerCase().replace(/\.com$/, ''));
    // Capitals only for acronyms: from a register name in capitals, a word of five letters or more is not all
    // capitals (a name the SEC writes in mixed case keeps the company's own styling: "STRATA Skin Sciences").
    if (e.id.startsWith('us:') && !(source && /[a-z]/.test(source))) expect(e.name.split(/\s+/).filter((w) => /^[A-Z]{5,}$/.test(w) && /[AEIOU]/.test(w))).toEqual([]);
  });

  it('cleans the SEC forms it meets', () => {
    expect(coreOfLegalName('VERTEX PHARMACEUTICALS INC / MA')).toBe('VERTEX PHARMACEUTICALS');
    expect(coreOfLegalName('AMERICAN TOWER CORP /MA/')).toBe('AMERICAN TOWER');
    expect(coreOfLegalName('TOYOTA MOTOR CORP/')).toBe('TOYOTA MOTOR');
    expect(coreOfLegalName('US BANCORP \\DE\\')).toBe('US BANCORP');
    expect(coreOfLegalName('NOVO NORDISK A S')).toBe('NOVO NORDISK');
    expect(coreOfLegalName('Acuity Inc. (De)')).toBe('Acuity');
    expect(coreOfLegalName('British American Tobacco p.l.c.')).toBe('British American Tobacco');
    expect(coreOfLegalName('CULLEN/FROST BANKERS, INC.')).toBe('CULLEN/FROST BANKERS');
    expect(titleCase('O REILLY AUTOMOTIVE')).toBe("O'Reilly Automotive");
    expect(titleCase("DICK'S SPORTING GOODS")).toBe("Dick's Sporting Goods");
    expect(titleCase('MCDONALDS')).toBe('McDonalds');
    expect(titleCase('AT&T')).toBe('AT&T');
    expect(titleCase('SAP')).toBe('SAP');
    expect(titleCase('VISA')).toBe('Visa');
  });
});

function readdirShared(pattern: RegExp): string {
  return readdirSync(join(root, '..', 'shared', 'data')).find((f) => pattern.test(f))!;
}
