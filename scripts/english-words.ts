/**
 * English words (the word-list package, a dev dependency): a derived rendering, a code or a base form that
 * is one is ordinary English. For the KB build and its reports, never at run time.
 */
import { readFileSync } from 'node:fs';
import englishWordList from 'word-list';

const englishWords = new Set(readFileSync(englishWordList, 'utf8').split('\n'));

/** Whether `word` (lower case; a possessive "'s" ignored) is an English word. */
export const isEnglishWord = (word: string): boolean => englishWords.has(word.replace(/['’]s$/, ''));
