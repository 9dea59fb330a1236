/** The bundled knowledge base, ticker notations and the name helpers the build and the rules share. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bundledKnowledgeBase, bundledPath } from '../src/entities/kb.js';
import { withEntrySources } from '../src/entities/kb-sources.js';
import { coreOfLegalName, displayFromShort, isPinyin, legalSuffixAt, shortNameFixable } from '../src/entities/names.js';
import { findTickers, printKey, tickerKey } from '../src/entities/tickers.js';

const kb = withEntrySources(bundledKnowledgeBase(), bundledPath());
const holder = (key: string) => kb.holders(key).map((i) => kb.entity(i));

describe('ticker notations', () => {
  it.each([
    ['META.US', 'US:META'],
    ['NASDAQ: META', 'US:META'],
    ['NASDAQ:META – Get Free Report', 'US:META'],
    ['NVDA.O', 'US:NVDA'],
    ['BRK-B.US', 'US:BRK-B'],
    ['00700', 'HK:00700'],
    ['0700.HK', 'HK:00700'],
    ['00700.HK', 'HK:00700'],
    ['01810-HK', 'HK:01810'],
    ['1810 HK', 'HK:01810'],
    ['HK:9988', 'HK:09988'],
    ['HKE:700', 'HK:00700'],
    ['300024.SZ', 'CN:300024'],
    ['600519.SH', 'CN:600519'],
    ['600495 CH', 'CN:600495'],
    ['002939.CN', 'CN:002939'],
  ])('%s → %s', (notation, key) => {
    expect(tickerKey(notation)).toBe(key);
  });

  it('are not years, words or sentences', () => {
    expect(tickerKey('2025')).toBeUndefined();
    expect(tickerKey('the company')).toBeUndefined();
    expect(findTickers('Revenue (up 12%) beat (2024) forecasts; Tencent (TME US, 1698 HK)').map((t) => t.keys)).toEqual([['US:TME', 'HK:01698']]);
  });

  it('print in the usual notation', () => {
    expect([printKey('HK:00700'), printKey('CN:300024'), printKey('CN:600519'), printKey('US:GOOGL')]).toEqual(['00700.HK', '300024.SZ', '600519.SH', 'GOOGL.US']);
  });
});

describe('bundled knowledge base', () => {
  it('is written in ASCII, every other character escaped (a start decodes and parses it faster), and reads back its Chinese names', () => {
    const bytes = readFileSync(bundledPath());
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(bundledKnowledgeBase().entities.some((e) => e.zh === '宁德时代')).toBe(true);
  });

  it('knows the mainland robot maker the linker swaps in for "robot"', () => {
    const [siasun] = holder('CN:300024');
    expect(siasun?.name).toBe('Siasun Robot & Automation');
    expect(siasun?.sector).toMatch(/robot/);
    expect(siasun?.noun).toBe('robot');
  });

  it('merges a company’s listings: Hong Kong, RMB counter, US, A-share', () => {
    const [alibaba] = holder('HK:09988');
    expect(alibaba?.name).toBe('Alibaba');
    expect(alibaba?.tickers).toEqual(expect.arrayContaining(['HK:09988', 'HK:89988', 'US:BABA']));
    expect(alibaba?.short).toEqual(expect.arrayContaining(['BABA-W', 'BABA-WR']));
    expect(holder('CN:300750')[0]).toBe(holder('HK:03750')[0]);
  });

  it('holds one entity per curated name: files that list the same company by name add to it', () => {
    const curated = kb.entities.filter((e) => e.curated);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const e of curated) {
      const key = `${e.type}|${e.name.toLowerCase()}`;
      if (seen.has(key) && e.zh && kb.entities.find((o) => o.id === seen.get(key))?.zh === e.zh) twice.push(`${e.name}: ${seen.get(key)} and ${e.id}`);
      seen.set(key, e.id);
    }
    expect(twice).toEqual([]);
    // "aliases: [GEM Co., Ltd.]" reads as two names in YAML: a name that is only a legal form is dropped by the build.
    expect(curated.filter((e) => (e.aliases ?? []).some((a) => /^(?:Ltd|Inc|Co|Corp|Limited)\.?$/.test(a))).map((e) => e.name)).toEqual([]);
    // A company and its own product of one Chinese name (贝壳找房): the forms derived from it are the company's.
    expect(kb.entries.filter((e) => e.patterns.includes('Beike Finding Room')).map((e) => e.expected)).toEqual(['KE Holdings']);
    // One English word alone is no term without a context ("wind" would change every wind).
    expect(kb.entries.filter((e) => e.rule === 'jargon' && !e.context && e.patterns.some((p) => /^[a-z]+$/.test(p) && ['wind', 'plate', 'board', 'market'].includes(p)))).toEqual([]);
    const asus = curated.filter((e) => e.name === 'Asus');
    expect(asus).toHaveLength(1);
    expect(asus[0]!.tickers).toContain('TW:2357');
    expect(asus[0]!.aliases).toContain('AsusTek');
  });

  it('has every US listing of the SEC list, and share classes where they matter', () => {
    expect(holder('US:GOOG')[0]?.classes).toEqual({ A: 'US:GOOGL', C: 'US:GOOG' });
    expect(holder('US:CRWV')[0]?.name).toBe('CoreWeave');
    expect(kb.entities.filter((e) => e.tickers?.some((t) => t.startsWith('US:'))).length).toBeGreaterThan(7000);
  });

  it('expands Hong Kong short names only when every word is understood', () => {
    expect(holder('HK:01347')[0]?.short).toContain('HUA HONG SEMI');
    const hk = kb.entities.filter((e) => e.short);
    expect(hk.length).toBeGreaterThan(2500);
    expect(hk.find((e) => !e.curated && e.short?.includes('GUSHENGTANG'))).toBeUndefined(); // curated
    expect(holder('HK:02273')[0]?.fixShort).toBe(true);
  });

  it('knows products and their makers', () => {
    const metaAi = kb.entities.find((e) => e.name === 'Meta AI');
    expect(metaAi?.owner).toBe('us:META');
    expect(kb.productsOf(kb.indexOf('us:META')!).map((p) => p.name)).toContain('Meta AI');
  });

  it('has entries from the curated files and the observed list, with context where a fix depends on it', () => {
    const entry = (pattern: string) => kb.entries.find((e) => e.patterns.includes(pattern));
    expect(entry('Huang Renxun')?.expected).toBe('Jensen Huang');
    expect(entry('dark market')?.context?.any).toContain('IPO');
    expect(entry('Ultraman')?.context?.none).toContain('toys');
    expect(entry('Hawk 10')?.expected).toBe('Hock Tan');
    expect(kb.entries.some((e) => e.source?.startsWith('observed-mistranslations.tsv'))).toBe(true);
    expect(entry('Shell')).toBeUndefined();
  });
});

describe('names', () => {
  it('strip legal forms from SEC names', () => {
    expect(coreOfLegalName('NVIDIA CORP')).toBe('NVIDIA');
    expect(coreOfLegalName('Alibaba Group Holding Ltd')).toBe('Alibaba');
    expect(coreOfLegalName('JPMORGAN CHASE & CO')).toBe('JPMORGAN CHASE');
    expect(coreOfLegalName('AMAZON COM INC')).toBe('AMAZON.com');
    expect(coreOfLegalName('NORTHERN TRUST CORP')).toBe('NORTHERN TRUST');
  });

  it('read legal suffixes after a name, and keep a stop that ends the sentence', () => {
    expect(legalSuffixAt('Amazon.com, Inc. (AMZN.US)', 10)).toMatchObject({ length: 6, keepStop: false });
    expect(legalSuffixAt('Alphabet Inc. Class C (GOOGL.US)', 8)).toMatchObject({ length: 13, shareClass: 'C' });
    expect(legalSuffixAt('with Apple Inc. The company', 10)).toMatchObject({ length: 5, keepStop: true });
    expect(legalSuffixAt('Tongwei Co., Ltd., has', 7)).toMatchObject({ length: 10 });
    expect(legalSuffixAt('a Delaware corporation', 10)).toBeUndefined();
    expect(legalSuffixAt('Sirius XM Holdings next spring', 9)).toBeUndefined();
  });

  it('expand HKEX short names', () => {
    expect(displayFromShort('HUA HONG SEMI')).toBe('Hua Hong Semiconductor');
    expect(displayFromShort('WANDA HOTEL DEV')).toBe('Wanda Hotel Development');
    expect(displayFromShort('LI AUTO-W')).toBe('Li Auto');
    expect(displayFromShort('WH GROUP')).toBe('WH Group');
    expect(displayFromShort('GREAT EAGLE H')).toBeUndefined();
    expect(shortNameFixable('CATL', 'Catl')).toBe(false);
    expect(shortNameFixable('XIAOMI-W', 'Xiaomi')).toBe(true);
    expect(isPinyin('GUSHENGTANG')).toBe(true);
    expect(isPinyin('SAMSONITE')).toBe(false);
  });
});
