/**
 * Broken ticker notation, repaired; tickers that are fine are kept as written.
 * Each repair is a regular expression over one text node, tried only when
 * its trigger character is present.
 */
import { tickerKey } from './tickers.js';

export interface NotationRule {
  id: string;
  reason: string;
  /** A character the text must contain for the rule to be tried. */
  trigger: string;
  pattern: RegExp;
  /** The replacement, or undefined to leave this match alone. */
  replace: (m: RegExpExecArray, text: string) => string | undefined;
}

const isTicker = (code: string) => Boolean(tickerKey(code)) || /^\.[A-Z]+\.US$/.test(code);

export const NOTATION_RULES: NotationRule[] = [
  {
    id: 'app-markup',
    reason: 'Removed trading-app markup around a name and ticker',
    trigger: '$',
    // "$BABA-SW (09988.HK)$It opened", "$TENCENT (00700.HK)$、$…", "$Apple(AAPL)$"
    pattern: /\$([^$\n]{1,60}?)\s?\(([A-Z0-9.]{1,12})\)\s?\$(、|(?=\$))?(?:(?:It|it)\s(?=[a-z]))?/g,
    replace: (m, text) => {
      const name = m[1]!.trim();
      if (!isTicker(m[2]!) || !/\p{L}/u.test(name)) return undefined;
      const next = text[m.index + m[0].length] ?? '';
      const tail = m[3] !== undefined ? ', ' : /[\p{L}\p{N}]/u.test(next) ? ' ' : '';
      return `${name} (${m[2]})${tail}`;
    },
  },
  {
    id: 'linker-name',
    reason: 'Removed a linked company name repeated inside the ticker',
    trigger: 'Co.',
    // "Zhongtong Bus Co.Ltd(000957) ( Zhongtong Bus Co.Ltd(000957) . SZ)"
    pattern: /([A-Z][^()$\n]{0,60}?) Co\.\s?Ltd\s?\((\d{6})\)\s?\(\s*\1 Co\.\s?Ltd\s?\(\2\)\s*\.\s*(SZ|SH)\s*\)/g,
    replace: (m) => `${m[1]} (${m[2]}.${m[3]})`,
  },
  {
    id: 'linker-suffix',
    reason: 'Removed a linker’s legal suffix glued to a ticker',
    trigger: 'Co.',
    pattern: / Co\.\s?Ltd\s?(?=\(\d{6}\))/g,
    replace: () => ' ',
  },
  {
    id: 'spaced-suffix',
    reason: 'Removed spaces inside a ticker',
    trigger: '.',
    pattern: /\((\s*)(\d{6})(\s*)\.(\s*)(SH|SZ|SS|BJ)(\s*)\)/g,
    replace: (m) => (m[1] || m[3] || m[4] || m[6] ? `(${m[2]}.${m[5]})` : undefined),
  },
  {
    id: 'empty-placeholder',
    reason: 'Removed an emptied ticker placeholder',
    trigger: ':',
    pattern: /\s?\((?:HK|HKE|HKEX|NASDAQ|NYSE|SH|SZ|SSE|SZSE|US)\s*:\s*\)/g,
    replace: () => '',
  },
  {
    id: 'live-quote',
    reason: 'Removed live-quote figures left inside the sentence',
    trigger: '%',
    // "AIR CHINA (00753.HK) -0.110 (-1.916%) Short selling $12.53M; Ratio 10.001% has…"
    pattern: /(\((?:\d{4,5}\.HK|[A-Z]{1,5}\.US)\))\s[-+]?\d+(?:\.\d+)?\s\([-+]?\d+(?:\.\d+)?%\)(?:\s+Short selling\s+\$?[\d.]+[KMB]?;\s*Ratio\s+[\d.]+%)?/g,
    replace: (m) => m[1]!,
  },
  {
    id: 'live-quote',
    reason: 'Removed live-quote figures left inside the sentence',
    trigger: '%',
    // "Lenovo Group (6.67, 0.71, 11.91%) rose"
    pattern: /\s\([-+]?\d+(?:\.\d+)?,\s?[-+]?\d+(?:\.\d+)?,\s?[-+]?\d+(?:\.\d+)?%\)/g,
    replace: () => '',
  },
  {
    id: 'missing-space',
    reason: 'Added the space before a ticker',
    trigger: '(',
    // "BABA-W(09988)", "GUSHENGTANG(02273)"
    pattern: /([\p{L}-])\((\d{5,6}|\d{4,6}\.(?:HK|SH|SZ)|[A-Z]{1,5}\.US)\)/gu,
    replace: (m) => `${m[1]} (${m[2]})`,
  },
];

/** Something any rule could repair: most text nodes fail this one test and skip the rules. */
const ANY_REPAIR = /\$|Co\.\s?Ltd|\.\s+(?:SH|SZ|SS|BJ)\b|\d{6}\s+\.|(?:SH|SZ|SS|BJ)\s+\)|\(\s+\d{6}|\((?:HK|HKE|HKEX|NASDAQ|NYSE|SH|SZ|SSE|SZSE|US)\s*:\s*\)|%\)|[A-Za-z-]\((?:\d{4,6}|[A-Z]{1,5}\.US)/;

export function mayNeedRepair(text: string): boolean {
  // Every repair involves a parenthesis or a dollar sign.
  return (text.includes('(') || text.includes('$')) && ANY_REPAIR.test(text);
}

export interface NotationFix {
  start: number;
  end: number;
  value: string;
  rule: NotationRule;
}

/** Repairs one rule would make in `text`, left to right. */
export function notationFixes(rule: NotationRule, text: string): NotationFix[] {
  if (!text.includes(rule.trigger)) return [];
  const out: NotationFix[] = [];
  rule.pattern.lastIndex = 0;
  for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
    const value = rule.replace(m, text);
    if (value !== undefined && value !== m[0]) out.push({ start: m.index, end: m.index + m[0].length, value, rule });
  }
  return out;
}
