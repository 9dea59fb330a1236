/**
 * Other Chinese names of a company (`zhNames`: 招行 for 招商银行, 海康 for 海康威视):
 * the schema takes them, the build derives their renderings weaker than an
 * entity's own `zh`, and the shipped knowledge base fixes a short name's
 * rendering in a business story while the same letters as a place, a
 * person's given name or an English phrase outside the trade stay.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CuratedError, readCurated } from '../src/entities/curated.js';
import { shortNameRenderings } from '../src/entities/renderings.js';
import { shippedKbWithSources } from './helpers/kb.js';
import { sentenceCleaner } from './helpers/sentences.js';
import { workspaces } from './helpers/workspace.js';

const root = join(import.meta.dirname, '..');
const schema = join(root, 'data', 'curated.schema.json');
const workspace = workspaces();

function problems(yaml: string): string[] {
  const dir = workspace({ [join('data', 'curated', 'companies', 'short.yaml')]: yaml });
  try {
    readCurated(join(dir, 'data', 'curated'), { schema });
  } catch (error) {
    if (error instanceof CuratedError) return error.problems;
    throw error;
  }
  return [];
}

describe('zhNames in the curated schema', () => {
  it('takes a list of Chinese names on a company', () => {
    expect(problems('- { name: Acme Bank, zh: 阿克米银行, zhNames: [阿行, 阿克米], source: "bank site", specs: [{ from: a, to: a }] }\n')).toEqual([]);
  });
  it('refuses a name in Latin letters and an empty list, naming the field', () => {
    const found = problems(
      ['- { name: Acme Bank, zh: 阿克米银行, zhNames: [Akemi], source: "bank site", specs: [{ from: a, to: a }] }', '- { name: Beta Bank, zh: 贝塔银行, zhNames: [], source: "bank site", specs: [{ from: a, to: a }] }'].join('\n'),
    );
    expect(found).toEqual([expect.stringMatching(/\[0\] \(Acme Bank\): zhNames\[0\]: must hold Chinese characters/), expect.stringMatching(/\[1\] \(Beta Bank\): zhNames: must NOT have fewer than 1 items/)]);
  });
});

describe('the bare pinyin of a two-character short name', () => {
  it('is run together, a bank’s 行 read hang', () => {
    expect(shortNameRenderings('招行')).toEqual(['Zhaohang']);
    expect(shortNameRenderings('海康')).toEqual(['Haikang']);
    expect(shortNameRenderings('晶澳')).toEqual(['Jingao', "Jing'ao"]);
  });
  it('is nothing for a place, a name of four letters, or a longer name', () => {
    expect(shortNameRenderings('西安')).toEqual([]);
    expect(shortNameRenderings('格力')).toEqual([]); // "Geli": too short to tell from other words and names
    expect(shortNameRenderings('招商银行')).toEqual([]);
  });
});

describe('short names in the shipped knowledge base', async () => {
  const kb = shippedKbWithSources();
  const clean = (await sentenceCleaner()).cleanWithMessages;

  it('fixes a short name’s pinyin in a business story, with a message that keeps the original', async () => {
    const { text, messages } = await clean('Zhaohang said its net interest margin narrowed in the quarter.');
    expect(text).toBe('China Merchants Bank said its net interest margin narrowed in the quarter.');
    expect(messages.find((m) => m.ruleId === 'entity-name')).toMatchObject({ actual: 'Zhaohang', expected: ['China Merchants Bank'] });
    expect((await clean('Shares of Haikang fell 3% after its profit missed forecasts.')).text).toBe('Shares of Hikvision fell 3% after its profit missed forecasts.');
  });

  it('keeps the same letters as a place, a person’s given name, or outside a business story', async () => {
    for (const right of [
      'Haikang township sits on the coast south of the city, and its shares of the harvest are small.',
      'Fund manager Zhang Haikang said bank shares were cheap.',
      'Haikang, a poet from the south, wrote about the autumn rain.',
    ]) {
      expect((await clean(right)).text).toBe(right);
    }
  });

  it('fixes a short name’s English words only before a company verb in a story of its trade', async () => {
    expect((await clean('New Land said contracted sales of its homes fell 20% in October.')).text).toBe('Sun Hung Kai Properties said contracted sales of its homes fell 20% in October.');
    const plain = 'New Land was what the settlers called the valley, and the homes they built still stand.';
    expect((await clean(plain)).text).toBe(plain);
  });

  it('leaves a short name’s pinyin to nobody where another entity’s own Chinese name sounds the same', () => {
    // 理想 (Li Auto) and the person 李想 are both "Lixiang"; 洛钼 (CMOC) and 罗姆 (Rohm) are both "Luomu".
    const derived = (pattern: string) => kb.entries.filter((e) => e.patterns.includes(pattern) && /pinyin of/.test(e.source ?? '')).map((e) => e.expected);
    expect(derived('Lixiang')).toEqual([]);
    expect(derived('Luomu')).toEqual([]);
  });
});
