/**
 * Two product-slot shapes the round-5 probes found unread: an appositive owned
 * by a name ("X, ByteDance's video model, …") and a video or image generator
 * ("the new video generator, X, …"). Traps: the same shapes holding a
 * supplier, a partner, the owner's own product or a unit of its group, and a
 * power generator.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const flagged = async (sentence: string) =>
  (await clean(`Models and makers\n${sentence}`, { format: 'text' })).messages.filter((m) => m.ruleId === 'suspicious-product-name').map((m) => String(m.actual));

describe('appositive owned by a name', () => {
  it('flags a company standing as another company’s product', async () => {
    expect(await flagged("Conch Cement, ByteDance's video model, drew more users.")).toEqual(["Conch Cement, ByteDance's video model"]);
  });
  it('keeps suppliers, partners, rivals, the owner’s products and its units', async () => {
    for (const s of [
      "Qualcomm, Xiaomi's chip supplier, raised prices.",
      "CATL, NIO's battery supplier, cut prices.",
      "Seres, Huawei's car partner, raised money.",
      "Kuaishou, ByteDance's rival, grew.",
      "Doubao, ByteDance's chatbot, leads the market.",
      "Hailuo AI, MiniMax's video model, drew users.",
      "Zeekr, Geely's premium brand, sold more cars.",
    ])
      expect(await flagged(s), s).toEqual([]);
  });
});

describe('generators', () => {
  it('reads a video generator as a model slot', async () => {
    expect(await flagged('The new video generator, Anhui Conch Cement, drew more users than Kling.')).toEqual(['The new video generator, Anhui Conch Cement']);
  });
  it('leaves power and diesel generators alone', async () => {
    expect(await flagged('The generator, Anhui Conch Cement, broke down.')).toEqual([]);
    expect(await flagged('Weichai said its diesel generators, including Cummins units, sold well.')).toEqual([]);
  });
});
