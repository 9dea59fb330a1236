/** The shipped gloss table and the English word list, as the KB build reads them, for tests of word-for-word renderings. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readCurated } from '../../src/entities/curated.js';
import { GlossTable } from '../../src/entities/literal.js';

const root = join(import.meta.dirname, '..', '..');
const curated = readCurated(join(root, 'data', 'curated'));
export const table = new GlossTable(curated.glosses.map(({ entry }) => entry));
const wordList = createRequire(import.meta.url).resolve('word-list').replace(/index\.js$/, 'words.txt');
const english = new Set(readFileSync(wordList, 'utf8').split('\n'));
export const isEnglish = (w: string): boolean => english.has(w);
