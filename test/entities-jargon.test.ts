/**
 * Mechanisms behind jargon and product fixes that no list holds: a context's
 * domain vocabulary (src/entities/context.ts) and the spellings derived at
 * build time (src/entities/spelling-forms.ts), checked alone and through the
 * whole pipeline with the built knowledge base.
 */
import { describe, expect, it } from 'vitest';
import { ContextProbe } from '../src/entities/context.js';
import { opensSentence, replacementFor } from '../src/entities/matcher.js';
import { hyphenForms, jargonForms, otherCounts, withHeadWord, withHeadWords, withTailWord } from '../src/entities/spelling-forms.js';
import { sentenceCleaner } from './helpers/sentences.js';

const at = (text: string, phrase: string) => {
  const start = text.indexOf(phrase);
  return [start, start + phrase.length] as const;
};

describe('context: domain vocabularies', () => {
  const market = { any: ['shares', 'stocks', 'investors'] };

  it('meets a market list with a market word the entry did not list', () => {
    const text = 'Critics accused the controlling shareholders of cutting leeks after the share sale.';
    expect(new ContextProbe(text).holds(market, text, ...at(text, 'cutting leeks'))).toBe(true);
  });

  it('does not count a domain word inside the match itself', () => {
    const text = 'The horror film is about monster stocks of a different kind.';
    expect(new ContextProbe(text).holds({ any: ['regulators', 'traders', 'shares'] }, text, ...at(text, 'monster stocks'))).toBe(false);
    // A word the entry lists itself still counts inside its own pattern ("track stocks").
    expect(new ContextProbe(text).holds({ any: ['stocks'] }, text, ...at(text, 'monster stocks'))).toBe(true);
  });

  it('leaves lists that name no domain as they are, and `none` as written', () => {
    const text = 'Fans of the national team bought shirts before the match against Japan.';
    expect(new ContextProbe(text).holds({ any: ['Central Huijin'] }, text, ...at(text, 'national team'))).toBe(false);
    expect(new ContextProbe(text).holds({ any: ['stocks', 'buying'], none: ['match'] }, text, ...at(text, 'national team'))).toBe(false);
  });

  it('meets an AI list with an API or a model maker, a games list with players and a developer', () => {
    const ai = 'Baidu cut the price of its big model API by 80%.';
    expect(new ContextProbe(ai).holds({ any: ['AI', 'chatbot'] }, ai, ...at(ai, 'big model'))).toBe(true);
    const game = "The developer's Original God still earns a fortune from players.";
    expect(new ContextProbe(game).holds({ any: ['miHoYo', 'game', 'games'] }, game, ...at(game, 'Original God'))).toBe(true);
    const plain = 'The museum shows an Original God carved in wood.';
    expect(new ContextProbe(plain).holds({ any: ['miHoYo', 'game', 'games'] }, plain, ...at(plain, 'Original God'))).toBe(false);
  });
});

describe('context: words too common to tell a share story', () => {
  const market = { any: ['A-shares', 'limit-up'] };

  it('does not take a search index or staff turnover for a market', () => {
    const sre = 'Profiling shows brief CPU hot spots while the search index is rebuilt.';
    expect(new ContextProbe(sre).holds(market, sre, ...at(sre, 'hot spots'))).toBe(false);
    const hr = 'Staff turnover and hot spots of discontent worried the hotel chain.';
    expect(new ContextProbe(hr).holds(market, hr, ...at(hr, 'hot spots'))).toBe(false);
  });

  it('takes a named or a stock index', () => {
    for (const text of ['Traders chased hot spots as the CSI 300 rose.', 'Hot spots moved fast and the benchmark index rose 1%.']) {
      expect(new ContextProbe(text).holds(market, text, ...at(text, text.includes('Hot spots') ? 'Hot spots' : 'hot spots'))).toBe(true);
    }
  });
});

describe('spelling forms', () => {
  it('prints hyphens as spaces and joins the first two words by a hyphen', () => {
    expect(hyphenForms('two financing balance')).toEqual(['two-financing balance']);
    expect(hyphenForms('white-horse stocks')).toEqual(['white horse stocks']);
    expect(hyphenForms('plate')).toEqual([]);
    expect(hyphenForms('Shanghai and Shenzhen 300 Index')).toEqual([]);
    expect(hyphenForms('cut the leeks')).toEqual([]);
    expect(hyphenForms('300 consecutive boards')).toEqual([]);
  });

  it("adds a replacement's capitalised last word, never a plain noun", () => {
    expect(withTailWord('Kechuang 50', 'STAR 50 Index')).toBe('Kechuang 50 Index');
    expect(withTailWord('Kechuang 50 Index', 'STAR 50 Index')).toBeUndefined();
    expect(withTailWord('white horse stocks', 'blue chips')).toBeUndefined();
  });

  it("adds a product name's first word, not an article's", () => {
    expect(withHeadWord('Video Account', 'WeChat Channels')).toBe('WeChat Video Account');
    expect(withHeadWord('Xunfei Xinghuo', 'iFlytek Spark')).toBe('iFlytek Xunfei Xinghuo');
    expect(withHeadWord('WeChat Video Account', 'WeChat Channels')).toBeUndefined();
    expect(withHeadWord('Bean Bag', 'Doubao')).toBeUndefined();
    expect(withHeadWord('Thinking Engine', 'The Thinking Machine')).toBeUndefined();
  });

  it('keeps each variant in its shape, with a group using its own replacement', () => {
    const out = withHeadWords(['Video Account', ['Video Number'], { patterns: ['Mixed Yuan'], expected: 'Tencent Hunyuan' }], 'WeChat Channels');
    expect(out).toEqual([['Video Account', 'WeChat Video Account'], ['Video Number', 'WeChat Video Number'], { patterns: ['Mixed Yuan', 'Tencent Mixed Yuan'], expected: 'Tencent Hunyuan' }]);
  });

  it('carries a count in a phrase to the other counts, as a word or a digit', () => {
    const counts = otherCounts(['8 consecutive positive lines', 'Eight consecutive positive lines'], 'eight straight daily gains');
    expect(counts).toHaveLength(8);
    expect(counts).toContainEqual({ patterns: ['4 consecutive positive lines', 'Four consecutive positive lines'], expected: 'four straight daily gains' });
    // No count, or one the patterns do not share: nothing.
    expect(otherCounts(['plate'], 'sector')).toEqual([]);
    expect(otherCounts(['cross star'], 'three doji')).toEqual([]);
    // A digit inside a larger number is not the count.
    expect(otherCounts(['three boards in 30 days'], 'three limit-ups in 30 days')[0]).toEqual({ patterns: ['two boards in 30 days'], expected: 'two limit-ups in 30 days' });
  });

  it('drops a derived jargon form another entry lists', () => {
    const taken = new Set(['limit-up board']);
    const forms = jargonForms(['limit up board'], 'limit-up', taken);
    expect(forms).toEqual(['limit up board']);
    expect(jargonForms(['main force funds'], 'institutional funds', new Set())).toEqual(['main force funds', 'main-force funds']);
  });
});

describe('through the pipeline', async () => {
  const { clean, print } = await sentenceCleaner();
  const cases: Array<[string, string]> = [
    // A hyphen the list does not hold.
    ['The two-financing balance rose for a sixth day as A-shares rallied.', 'The margin balance rose for a sixth day as A-shares rallied.'],
    // The replacement's last word already printed after the wrong form.
    ['The Sci-Tech Innovation 50 Index fell 1%.', 'The STAR 50 Index fell 1%.'],
    // A count no entry lists.
    ['The CSI 300 Index posted seven consecutive suns.', 'The CSI 300 Index posted seven straight gains.'],
    // The product name's first word already printed before it.
    ['Brands sell through WeChat Video Account livestreams, Tencent said.', 'Brands sell through WeChat Channels livestreams, Tencent said.'],
    // A market word the entry did not list.
    ['Critics said the insiders were harvesting the leeks through the share sale.', 'Critics said the insiders were fleecing retail investors through the share sale.'],
    // Listed in the plural only: the singular, derived at build time.
    ['The bank set up a financial management subsidiary to sell wealth products to savers.', 'The bank set up a wealth management subsidiary to sell wealth products to savers.'],
    // Listed in the past only: the present, derived at build time.
    ['The carmaker turns from profit to loss this year as prices fall, the company said.', 'The carmaker swings to a loss this year as prices fall, the company said.'],
    // Traps: the same words in their plain sense.
    // A form that starts inside a hyphenated word ("year report" in "ten-year report") is another term.
    ['The lender said its ten-year report showed dividends rose every year.', 'The lender said its ten-year report showed dividends rose every year.'],
    ['The horror film is about monster stocks of a different kind: frozen bodies.', 'The horror film is about monster stocks of a different kind: frozen bodies.'],
    ['The two-city tour ends in Xian.', 'The two-city tour ends in Xian.'],
    ['The national team coach picked three new players for the cup.', 'The national team coach picked three new players for the cup.'],
  ];
  for (const [from, to] of cases) {
    it(from, async () => {
      expect(await clean(from)).toBe(print(to));
    });
  }
});

describe('a replacement is capitalised only where it opens a sentence', () => {
  const entry = { rule: 'jargon', expected: 'grey market', patterns: ['Dark Market'] };
  it('at the start of a block or after a full stop, question or exclamation mark, and a quote', () => {
    for (const [text, at] of [['Dark Market trading rose.', 0], ['Volumes fell. Dark Market trading rose.', 14], ['Did it? “Dark Market trading rose.”', 9]] as const) {
      expect(opensSentence(text, at), text).toBe(true);
      expect(replacementFor(entry, 'Dark Market', opensSentence(text, at))).toBe('Grey market');
    }
  });
  it('inside a sentence, a phrase printed in capitals is the common noun it stands for', () => {
    const text = 'Shares traded on the Dark Market before the debut.';
    const at = text.indexOf('Dark');
    expect(opensSentence(text, at)).toBe(false);
    expect(replacementFor(entry, 'Dark Market', false)).toBe('grey market');
    // A name that starts with a small letter keeps it wherever it stands.
    expect(replacementFor({ rule: 'entity-name', expected: 'iFlytek', patterns: ['Keda Xunfei'] }, 'Keda Xunfei', true)).toBe('iFlytek');
  });
});
