/**
 * A pronoun's owner past its paragraph: "The company said its AI chatbot X"
 * in a paragraph that names no company before the slot points back to the
 * company the article is about, so the slot is judged as that company's (a
 * rival's product in it is flagged, a unit of its own group is not).
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const flagsOf = async (text: string) =>
  (await clean(text, { format: 'text' })).messages.filter((m) => m.ruleId === 'suspicious-product-name').map((m) => String(m.actual));

describe('slot owner from the article', () => {
  it('flags a maker of the kind in the article subject’s slot, named in an earlier paragraph', async () => {
    const text = [
      'Chatbot developer raises money',
      'StepFun, the Shanghai start-up, raised new money from state funds on Monday.',
      'The company said its AI chatbot China Literature could now read long reports.',
    ].join('\n');
    expect(await flagsOf(text)).toEqual(['its AI chatbot China Literature']);
  });

  it('suggests the subject’s own product of the kind', async () => {
    const result = await clean(
      ['Chatbot developer raises money', 'StepFun raised new money on Monday.', 'The start-up said its AI chatbot China Literature had more users.'].join('\n'),
      { format: 'text' },
    );
    const flag = result.messages.find((m) => m.ruleId === 'suspicious-product-name');
    expect((flag as { expected?: string[] } | undefined)?.expected).toContain('Yuewen');
  });

  it('keeps a unit of the subject’s own group in its slot', async () => {
    const text = ['Retail results', 'Alibaba said cloud revenue rose 26% in the quarter.', 'The company said its logistics platform Cainiao handled more parcels.'].join('\n');
    expect(await flagsOf(text)).toEqual([]);
  });

  it('keeps the subject’s own name for its product', async () => {
    const text = ['Video app grows', 'Kuaishou said revenue rose 13%.', 'The company said its app Kuaishou drew more daily users.'].join('\n');
    expect(await flagsOf(text)).toEqual([]);
  });

  it('looks no further than the paragraph when a company is named before the slot', async () => {
    // Tencent is the nearest owner in the paragraph: Wanhua Chemical in its chatbot slot is flagged either way,
    // and the article's subject (StepFun) is not consulted.
    const text = [
      'AI race',
      'StepFun said it raised money. StepFun also hired staff.',
      'Tencent said its AI chatbot Wanhua Chemical drew more users.',
    ].join('\n');
    expect(await flagsOf(text)).toEqual(['its AI chatbot Wanhua Chemical']);
  });
});
