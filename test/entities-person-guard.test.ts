/**
 * A product's or a company's pinyin that is part of a person's name stays:
 * "Wang Hongmeng" is a man, not HarmonyOS; "Xiao Long, an analyst" is a
 * woman, not Snapdragon. And a product named after its maker, printed after
 * the maker's possessive, does not print the maker twice.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const body = async (sentence: string) => (await clean(`# Results\n\n${sentence}\n`)).markdown.replace(/^# Results\n\n/, '').trim();

describe('a pinyin name inside a person’s name', () => {
  it('is the person after a surname', async () => {
    expect(await body('The update was shown by Wang Hongmeng of Huawei’s software unit.')).toBe('The update was shown by Wang Hongmeng of Huawei’s software unit.');
  });

  it('is the product where no surname stands before it', async () => {
    expect(await body('Huawei said Hongmeng now runs on 100 million phones.')).toBe('Huawei said HarmonyOS now runs on 100 million phones.');
  });

  it('is the person where a product’s two words stand as a person does', async () => {
    expect(await body('Xiao Long, an analyst at a Shanghai brokerage, said Qualcomm had raised prices.')).toBe('Xiao Long, an analyst at a Shanghai brokerage, said Qualcomm had raised prices.');
    expect(await body('Qualcomm said Xiaolong 8 chips would power more Chinese phones.')).toBe('Qualcomm said Snapdragon 8 chips would power more Chinese phones.');
  });
});

describe('a pinyin form after a given name of another language', () => {
  it('is a surname there, and the company elsewhere', async () => {
    expect(await body('Thanks to Rajiv Desai, Ryan Armstrong and Steve Rodrigues for their help.')).toBe('Thanks to Rajiv Desai, Ryan Armstrong and Steve Rodrigues for their help.');
    expect(await body('The talk was given by Peter Desai of the design school.')).toBe('The talk was given by Peter Desai of the design school.');
    // A word for what the company is stands before it as a given name would: the company.
    expect(await body('Supplier Desai said cockpit system sales to carmakers rose.')).toBe('Supplier Desay SV said cockpit system sales to carmakers rose.');
    expect(await body('Desai said sales of its cockpit systems to Chinese carmakers rose.')).toBe('Desay SV said sales of its cockpit systems to Chinese carmakers rose.');
  });
});

describe('a product after its maker’s possessive', () => {
  it('drops the maker’s name from the product’s', async () => {
    expect(await body('Xiaomi’s Xuanjie O1 chip powers its new phone.')).toBe('Xiaomi’s XRING O1 chip powers its new phone.');
  });

  it('drops it after the maker named earlier in the sentence, for a model name that stands alone', async () => {
    expect(await body('Xiaomi designed the Xuanjie O1 chip in-house.')).toBe('Xiaomi designed the XRING O1 chip in-house.');
    // A model named by a plain word keeps its maker's name: "the Seal sold well" is unclear.
    expect(await body('BYD said the BYD Haibao sold well in Europe.')).toBe('BYD said the BYD Seal sold well in Europe.');
  });

  it('keeps it elsewhere', async () => {
    expect(await body('The Xuanjie O1 chip is Xiaomi’s first.')).toBe('The Xiaomi XRING O1 chip is Xiaomi’s first.');
  });
});

describe('a trade word left in pinyin after a company’s name', () => {
  it('is the company’s own where the trade is the company’s', async () => {
    expect(await body('Xiaomi Jituan said phone sales rose.')).toBe('Xiaomi said phone sales rose.');
  });

  it('names the unit where the trade is another, the unit’s name where the knowledge base knows it', async () => {
    expect(await body('Xiaomi Qiche delivered 40,000 cars in the month.')).toBe('Xiaomi Auto delivered 40,000 cars in the month.');
  });

  it('is left as printed where the unit is unknown: never the parent’s name', async () => {
    expect(await body('CATL Yinhang opened a branch.')).toBe('CATL Yinhang opened a branch.');
  });
});

describe('company words left in pinyin', () => {
  it('are read to the end of a register name: trade words, then "Gufen Youxian Gongsi"', async () => {
    expect(await body('Ningde Shidai Xinnengyuan Keji Gufen Youxian Gongsi said output rose.')).toBe('CATL said output rose.');
    expect(await body('CATL Gufen Youxian Gongsi said output rose.')).toBe('CATL said output rose.');
  });
});
