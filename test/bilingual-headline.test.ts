import { describe, expect, it } from 'vitest';
import { clean } from '../src/pipeline.js';

const removed = (messages: Awaited<ReturnType<typeof clean>>['messages']) => messages.filter((m) => m.ruleId === 'bilingual-headline');

describe('bilingual-headline', () => {
  it('removes the Chinese version printed under an English headline', async () => {
    const input = '# Harbour port operator lifts dividend\n\n港口运营商上调股息\n\nThe operator of the city\'s container terminals raised its interim dividend by a tenth on Friday after volumes recovered.\n';
    const result = await clean(input, { format: 'markdown' });
    expect(removed(result.messages)).toHaveLength(1);
    expect(result.markdown).not.toContain('港口运营商');
    expect(result.markdown).toContain('raised its interim dividend');
  });

  it('keeps the short lede of an article written in Japanese throughout', async () => {
    const input = '# 港湾会社が増配を発表\n\n港湾運営会社は金曜日、中間配当を引き上げると発表した。\n\n取扱量の回復を受けた措置で、通期の見通しも据え置いた。\n';
    const result = await clean(input, { format: 'markdown' });
    expect(removed(result.messages)).toHaveLength(0);
    expect(result.markdown).toContain('中間配当を引き上げると発表した。');
  });

  it('keeps the short lede of an article written in Chinese throughout, full stop or not', async () => {
    const input = '# 港口运营商上调股息\n\n该公司周五宣布上调中期股息\n\n公司表示，集装箱吞吐量已经恢复。\n';
    const result = await clean(input, { format: 'markdown' });
    expect(removed(result.messages)).toHaveLength(0);
    expect(result.markdown).toContain('该公司周五宣布上调中期股息');
  });

  it('keeps a sentence in Chinese under an English headline: a lede, not a headline', async () => {
    const input = '# Port operator quotes its chairman\n\n董事长表示，公司将继续投资新码头。\n\nThe chairman\'s remark, quoted above in the original, came at the annual meeting on Friday in the harbour city.\n';
    const result = await clean(input, { format: 'markdown' });
    expect(removed(result.messages)).toHaveLength(0);
    expect(result.markdown).toContain('董事长表示');
  });
});
