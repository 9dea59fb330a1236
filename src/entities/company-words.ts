/**
 * The company words a translator writes after a company's name, in English
 * ("Ningde Times Technology", "Cambrian Period Technology", "Byte Beat
 * Group") or left in pinyin ("Zhongxing Tongxun Gufen", "Ningde Shidai
 * Jituan"). A wrong form of a company followed by them is replaced whole: the
 * word belongs to the wrong rendering, not to the running name put in its
 * place ("CATL Technology", "ZTE Gufen" are nobody's names). Used at run time.
 */
import { pinyinTailAt } from './names.js';

/**
 * Generic words only, never a word of a trade that may start the next noun
 * phrase ("Ningde Times Battery plant") and never "Shares" ("Tongwei Shares
 * rose" is about a share price).
 */
const ENGLISH_COMPANY_WORDS = String.raw`Group|Holdings?|Technology|Technologies|Tech|Science\sand\sTechnology|Sci-Tech|Hi-Tech|High-Tech|New\sEnergy|Information|Electronics?|Industr(?:y|ies|ial)|International|Development|Investment|Intelligence|Intelligent`;
/**
 * Up to three of them ("New Energy Technology Group"), then "Co" or
 * "Company" without a legal form after it ("Purple Gold Mining Co said"):
 * "Co." with its stop is read after these by legalSuffixAt or bareCoAt
 * (names.ts), which keep a stop that ends the sentence.
 */
const ENGLISH_TAIL = new RegExp(String.raw`^(?:\s(?:${ENGLISH_COMPANY_WORDS})(?![\p{L}\p{N}-])){0,3}(?:\s(?:Co|Company)(?![\p{L}\p{N}.,-]))?`, 'u');

/** The length of the company words after a company's wrong form at `text[at]`, in English or pinyin; 0 if none. */
export function companyWordsAt(text: string, at: number): number {
  const m = ENGLISH_TAIL.exec(text.slice(at, at + 48));
  if (m?.[0]) return m[0].length;
  return pinyinTailAt(text, at);
}
