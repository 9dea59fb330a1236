/**
 * A product named after its maker loses the maker's name after the maker's
 * possessive ("Xiaomi's XRING O1"), unless what is left is a common word
 * for a service or a bare letter, which names nothing alone: "Tencent's
 * Tencent Docs" stays whole, never "Tencent's Docs".
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const body = async (sentence: string) => (await clean(`# Results\n\n${sentence}\n`)).markdown.replace(/^# Results\n\n/, '').trim();

describe('a maker-named product after the maker’s possessive', () => {
  it('keeps the maker’s name where the rest is a generic service word', async () => {
    expect(await body('Tencent’s Tencent Document app added an AI writing tool.')).toBe('Tencent’s Tencent Docs app added an AI writing tool.');
    expect(await body('Tencent’s Tencent Conference app drew more users.')).toBe('Tencent’s Tencent Meeting app drew more users.');
  });
  it('still drops it where the rest is a model name', async () => {
    expect(await body('Xiaomi’s Xuanjie O1 chip powers its new phone.')).toBe('Xiaomi’s XRING O1 chip powers its new phone.');
  });
});
