/**
 * A nickname title before a person's full name, after "the" ("the iron lady
 * Dong Mingzhu", "the feed king Liu Yonghao"): the form the build derives
 * takes the article with it, so the fix leaves no "The Dong Mingzhu". First
 * the derivation on its own, then sentences through the whole pipeline with
 * the shipped knowledge base, traps included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nicknameWithArticle } from '../src/entities/renderings.js';
import { sentenceCleaner, type SentenceCleaner } from './helpers/sentences.js';

describe('a nickname title before the full name, after "the"', () => {
  const words = new Set(['iron', 'lady', 'feed', 'king', 'mother', 'lei', 'old']);
  const isWord = (w: string) => words.has(w);

  it('is a form with the article, for a title with an English word in it', () => {
    expect(nicknameWithArticle('Iron Lady Dong Mingzhu', 'Dong Mingzhu', isWord)).toBe('the Iron Lady Dong Mingzhu');
    expect(nicknameWithArticle('Feed King Liu Yonghao', 'Liu Yonghao', isWord)).toBe('the Feed King Liu Yonghao');
  });

  it('is nothing for a pinyin title, a form without the full name, or one that has its article already', () => {
    expect(nicknameWithArticle('Lei Busi Lei Jun', 'Lei Jun', isWord)).toBeUndefined();
    expect(nicknameWithArticle('Iron Lady Dong', 'Dong Mingzhu', isWord)).toBeUndefined();
    expect(nicknameWithArticle('The Iron Lady Dong Mingzhu', 'Dong Mingzhu', isWord)).toBeUndefined();
    expect(nicknameWithArticle('Dong Mingzhu', 'Dong Mingzhu', isWord)).toBeUndefined();
  });
});

describe('through the pipeline', () => {
  let cleaner: SentenceCleaner;
  beforeAll(async () => {
    cleaner = await sentenceCleaner();
  });

  it('drops the article with the title, at the start of a sentence and inside one', async () => {
    expect(await cleaner.clean('The iron lady Dong Mingzhu told Gree shareholders that exports would grow.')).toBe('Dong Mingzhu told Gree shareholders that exports would grow.');
    expect(await cleaner.clean('Investors cheered when the feed king Liu Yonghao said New Hope would sell more pig feed.')).toBe('Investors cheered when Liu Yonghao said New Hope would sell more pig feed.');
  });

  it('leaves right copy alone: a title in its own right, and a name after a plain "the"', async () => {
    const kept = [
      "China's richest man Zhong Shanshan said Nongfu Spring would make more tea drinks.",
      'The Iron Lady of British politics visited Beijing in 1982.',
      'The board of Gree re-elected Dong Mingzhu as chairwoman.',
    ];
    for (const sentence of kept) expect(await cleaner.clean(sentence)).toBe(cleaner.print(sentence));
  });
});
