/**
 * A ticker-mismatch suggestion with a mainland code carries that code's own
 * exchange: Shanghai (6xxxxx) and Shenzhen (0xxxxx, 3xxxxx) codes are not
 * interchangeable, so "Wuliangye (600519.SH)" suggests "Wuliangye (000858.SZ)",
 * in the notation the article printed.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

async function suggestions(sentence: string): Promise<string[]> {
  const { messages } = await clean(`Liquor stocks fall\n${sentence}`, { format: 'text' });
  const flag = messages.find((m) => m.ruleId === 'ticker-mismatch');
  return (flag as { expected?: string[] } | undefined)?.expected ?? [];
}

describe('ticker-mismatch suggestions on mainland boards', () => {
  it('moves a Shanghai suffix to Shenzhen for a Shenzhen code', async () => {
    expect(await suggestions('Wuliangye (600519.SH) shares fell 2%.')).toEqual(['Wuliangye (000858.SZ)', 'Kweichow Moutai (600519.SH)']);
  });
  it('moves a Shenzhen suffix to Shanghai, keeping lower case and full-width forms', async () => {
    expect((await suggestions('Kweichow Moutai (000858.sz) shares fell 2%.'))[0]).toBe('Kweichow Moutai (600519.sh)');
    expect((await suggestions('Kweichow Moutai（000858．ＳＺ）shares fell 2%.'))[0]).toContain('600519．ＳＨ');
  });
  it('moves an exchange prefix, in two-letter and three-letter styles', async () => {
    expect((await suggestions('Kweichow Moutai (SZ: 000858) shares fell 2%.'))[0]).toBe('Kweichow Moutai (SH: 600519)');
    expect((await suggestions('Wuliangye (SHA: 600519) shares fell 2%.'))[0]).toBe('Wuliangye (SHE: 000858)');
  });
  it('leaves a suffix alone where both codes trade on the same board, and codes without one', async () => {
    expect((await suggestions('BYD (300750.SZ) shares fell.'))[0]).toBe('BYD (002594.SZ)');
    expect((await suggestions('Wuliangye (600519) shares fell 2%.'))[0]).toBe('Wuliangye (000858)');
  });
});
