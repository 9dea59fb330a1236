/**
 * Whether one passage's figures are all said by others, allowing for the way
 * a summary rounds them ("9%" for 9.4%, "HK$1.8bn" for 1.82 billion) or puts
 * them in words ("more than doubled" for a rise of 112%).
 */
import { numbersOf } from '../profile.js';

const MULTIPLES: Array<[RegExp, number]> = [
  [/\bdoubl(?:e|ed|es|ing)\b/i, 100],
  [/\btripl(?:e|ed|es|ing)\b/i, 200],
  [/\bquadrupl(?:e|ed|es|ing)\b/i, 300],
];

/** A figure as said: "9.4" → 9.4, with its count of decimals (the precision a rounding keeps). */
function parse(figure: string): { value: number; decimals: number } {
  const [, decimals = ''] = figure.split('.');
  return { value: Number(figure), decimals: decimals.length };
}

/** Whether `said` is `exact` as a summary would say it: equal, or rounded to its own precision, or within 5%. */
export function roundsTo(said: string, exact: string): boolean {
  if (said === exact) return true;
  const a = parse(said);
  const b = parse(exact);
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value) || b.value === 0) return false;
  if (a.decimals < b.decimals) {
    const scale = 10 ** a.decimals;
    if (Math.round(b.value * scale) / scale === a.value || Math.floor(b.value * scale) / scale === a.value) return true;
  }
  return a.decimals <= b.decimals && Math.abs(a.value - b.value) / Math.abs(b.value) <= 0.05 && a.value >= 10;
}

/** Every figure of `part` is in `others`, exactly, rounded, or as a multiple in words. */
export function figuresRestated(part: string, others: string[]): boolean {
  const known = others.flatMap((o) => [...numbersOf(o)]);
  const words = others.join(' ');
  for (const figure of numbersOf(part)) {
    if (known.some((k) => roundsTo(figure, k))) continue;
    const value = Number(figure);
    const verbal = MULTIPLES.some(([re, floor]) => re.test(words) && value >= floor && value < floor + 100);
    if (!verbal) return false;
  }
  return true;
}
