/** The shipped gloss table and the English word list, as the KB build reads them, for tests of word-for-word renderings. */
import { join } from 'node:path';
import { readCurated } from '../../src/entities/curated.js';
import { GlossTable } from '../../src/entities/literal.js';

const root = join(import.meta.dirname, '..', '..');
const curated = readCurated(join(root, 'data', 'curated'));
export const table = new GlossTable(curated.glosses.map(({ entry }) => entry));
export { isEnglishWord as isEnglish } from '../../scripts/english-words.js';
