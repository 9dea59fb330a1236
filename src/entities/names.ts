/**
 * How company names are written: legal suffixes ("Microsoft Corporation",
 * "Amazon.com, Inc.", "Tongwei Co., Ltd.", "Alphabet Inc. Class C"), Hong Kong
 * exchange short names ("HUA HONG SEMI", "XIAOMI-W") and their share-class
 * markers. Used at run time (the legal-suffix grammar) and by the KB build.
 */
import { COMPANY_CUE } from './company-cue.js';
import { CHINESE_PLACES } from '../text/places.js';
import { escapeRe } from '../text/escape-re.js';

/**
 * A legal form after a company's name, optionally with "Group"/"Holding(s)"
 * (or a register's bracketed word, as in "X (Group) Co., Ltd.") before it and a share class ("Class H" for
 * Hong Kong H shares as data vendors print them) or a depositary receipt after it. Case-sensitive:
 * "a Delaware corporation" is not a name.
 */
const LEGAL_FORM =
  String.raw`Joint[-\s]Stock\sCo(?:\.|mpany),?\s?(?:Ltd\.?|Limited)|Joint[-\s]Stock\sLimited\sCompany|Joint[-\s]Stock\sCompany|Public\sCompany\sLimited|Public\sLimited\sCompany|PCL\b|` +
  // "Ping An Insurance (Group) Company of China, Ltd.": the register's "of China" between the form's words.
  String.raw`(?:Co\.?|Company)\s(?:\(Group\)\s)?of\sChina,?\s(?:Ltd\.?|Limited)|` +
  String.raw`Co\.,?\s?Ltd\.?|Co\.,?\s?Limited|Co,?\s(?:Ltd\b\.?|Limited)|Company,?\s(?:Limited|Ltd\b\.?)|Corp,?\s(?:Ltd\b\.?|Limited)|Holdings\sLimited|` +
  // "Evergreen Marine Corporation (Taiwan) Ltd.": a register's place in brackets between the form's words.
  String.raw`(?:Corporation|Company|Co\.)\s\((?:Taiwan|Hong\sKong|HK|China|Singapore|Malaysia|Thailand|Korea|Japan)\)\s(?:Ltd\.?|Limited)|` +
  // Singapore, Australia, India, Malaysia, Indonesia ("Tbk"), Mexico, Brazil, Germany, Russia and the Gulf: forms of more than one word first.
  String.raw`P(?:te|ty|vt)\.?\s?Ltd\.?|Private\sLimited|Sdn\.?\s?Bhd\.?|Berhad\b|Bhd\.?|Tbk\b\.?|S\.A\.B\.\sde\sC\.V\.|Ltda\.?|GmbH\s&\sCo\.\s?KG(?:aA)?\b|AG\s&\sCo\.\s?KGaA\b|KGaA\b|PJSC\b|AB\s\(publ\)|` +
  String.raw`Companies,?\s(?:Inc\.|Inc\b|Incorporated)|\(Private\)\sLimited|Aktiengesellschaft\b|Inc\.|Inc\b|Incorporated|Corporation,?\s(?:Limited|Ltd\b\.?)|Corp\.,?\s?(?:Ltd\.?|Limited)|Corporation|Corp\.|Corp\b|Ltd\.|Ltd\b|Limited|[Pp][Ll][Cc]\b|p\.l\.c\.|N\.\s?V\.|NV\b|S\.A\.|SA\b|S\.p\.A\.|SpA\b|AG\b|SE\b|ASA\b|A\/S|AB\b|Oyj\b|GmbH\b|K\.K\.|LLC\b|L\.P\.|&\sCo\.,?\s(?:LLC\b|L\.P\.|LP\b|Inc\.|Inc\b|Incorporated\b|Ltd\.|Ltd\b|Limited\b|KGaA\b|KG\b)|&\sCo\.|and\sCompany\b|SCA\b|S\.C\.A\.`;
/**
 * The words a legal form of LEGAL_FORM opens with (after "Group", "Holdings"
 * or a register's bracketed word): where the scan for names no list holds
 * (legal.ts) looks for a form, and its quick test of a block. A form added
 * to LEGAL_FORM needs its first word here (test/legal-forms.test.ts checks
 * one written form of each). "Companies" is not one: "The Estée Lauder
 * Companies Inc." keeps it as a word of the name.
 */
export const LEGAL_FORM_OPENER = String.raw`Joint[-\s]Stock|Public|PCL|Co\.?|Company|Corp\.?|Corporation|P(?:te|ty|vt)\.?|Private|\(Private\)|Sdn\.?|Berhad|Bhd\.?|Tbk|S\.A\.B\.|Ltda\.?|GmbH|AG|KGaA|KG|PJSC|AB|Aktiengesellschaft|Inc\.?|Incorporated|Ltd\.?|Limited|[Pp][Ll][Cc]|p\.l\.c\.|N\.\s?V\.|NV|S\.A\.|SA|S\.p\.A\.|SpA|SE|ASA|A\/S|Oyj|K\.K\.|LLC|L\.P\.|LP|&\sCo\.|and\sCompany|SCA|S\.C\.A\.`;

/**
 * A register's bracketed word between a name and its form: "X (Group) Co., Ltd.", "BYD Electronic
 * (International) Company Limited", "ZTO Express (Cayman) Inc.", "X (China) Co., Ltd.".
 */
/** A register's city or province: "Gree Electric Appliances, Inc. of Zhuhai", "Asymchem Laboratories (Tianjin) Co., Ltd.". */
const REGISTER_PLACE = `(?:${[...CHINESE_PLACES].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})`;
export const REGISTER_BRACKET = String.raw`\((?:Group|Holdings?|International|Cayman|China|Hong\sKong|HK|Asia|Asia\sPacific|${REGISTER_PLACE})\)`;
const LEGAL_SUFFIX = new RegExp(
  // "Will Semiconductor Co., Ltd. Shanghai said": the register's city may follow the form without "of", but only
  // before what a company does, so "Tesla Inc. Shanghai factory" keeps its place.
  String.raw`^(?:,?\s(?:Group,?\s|${REGISTER_BRACKET}\s)?(?:Holdings?,?\s)?(?:${LEGAL_FORM})|Co\.\s?Ltd\b\.?)(?:\sof\s${REGISTER_PLACE}(?![\p{L}\p{N}])|(?<=\.)\s${REGISTER_PLACE}(?=${COMPANY_CUE}))?(?:\s(?:Class|Cl\.)\s([A-CH])\b|\s(?:Sponsored\s|Unsponsored\s)?(?:ADR|ADS)s?(?:\s(?:Class|Cl\.)\s([A-CH])\b)?|-([AH])(?![\p{L}\p{N}-])|-(?:SWR|SW|WR|W|S|R)(?![\p{L}\p{N}-]))?(?![\p{L}\p{N}])`,
  'u',
);

/** An HKEX share-class marker after a name: -W weighted voting, -S secondary, -SW both, -B biotech, -R RMB counter. */
const HK_SUFFIX = /^-(SWR|SW|WR|SR|W|S|B|R)(?![\p{L}\p{N}])/u;

export interface SuffixMatch {
  /** Characters taken after the name. */
  length: number;
  shareClass?: string | undefined;
  /** The suffix ends in a full stop that also ends the sentence: keep one. */
  keepStop: boolean;
}

/**
 * Words that go on the same sentence after a name's legal form: "Acme Group
 * Holding Ltd. Chairman Li said" is one sentence, not two. "Analysts" and
 * "Shareholders" start the next sentence far more often than they continue one.
 */
const CONTINUES = /^(?:Chairman|Chairwoman|Chair|Chief|CEO|CFO|COO|CTO|President|Vice|Founder|Co-founder|Cofounder|Director|Executive|Deputy|General|Managing|Secretary|Spokesperson|Spokesman|Spokeswoman|Board|Head|Senior|Partner|Treasurer|Controller|Unit|Subsidiary|Group)\b/;

/** A legal suffix starting at `text[at]`, just after a company name. */
export function legalSuffixAt(text: string, at: number): SuffixMatch | undefined {
  const m = LEGAL_SUFFIX.exec(text.slice(at, at + 64));
  if (!m) return undefined;
  const length = m[0].length;
  // "… signed with Apple Inc. The company …": the stop also ends the sentence.
  const keepStop = m[0].endsWith('.') && !m[1] && !m[2] && stopEndsSentence(text, at + length);
  // "JD.com, Inc. Sponsored ADR Class A": a data vendor's class after the receipt; "BYD Co Ltd-H": a terminal's
  // class letter after the form (an exchange's counter marker after it, "-SW", is no class, only dropped).
  return { length, shareClass: m[1] ?? m[2] ?? m[3], keepStop };
}

/** Whether a full stop just before `text[end]` also ends the sentence: nothing follows, or a new sentence does (not a title such as "Chairman"). */
function stopEndsSentence(text: string, end: number): boolean {
  const rest = text.slice(end);
  return rest.length === 0 || /^\s*$/.test(rest) || (/^\s+["“‘']?[A-Z]/.test(rest) && !CONTINUES.test(rest.trimStart()));
}

/**
 * "The Coca-Cola Company", "The Walt Disney Company": a register's "The … Company" around a known
 * name is its legal name; a bare "Company" without the article only before a verb ("a Tesla Company car" is not read).
 */
export function theCompanyAt(text: string, start: number, end: number): SuffixMatch | undefined {
  if (!/^\sCompany(?![\p{L}\p{N}'’-])/u.test(text.slice(end, end + 10))) return undefined;
  // "Ford Motor Company said": without the article, only before what a company does.
  if (!/(?:^|[^\p{L}\p{N}])The\s$/u.test(text.slice(Math.max(0, start - 5), start)) && !CUE_AFTER.test(text.slice(end + 8, end + 48))) return undefined;
  return { length: 8, shareClass: undefined, keepStop: false };
}
const CUE_AFTER = new RegExp(`^${COMPANY_CUE}`, 'u');

/**
 * A bare " Co." after a company's wrong form ("went to Ningde Times Co."): no legal form a desk keeps
 * after a right name ("Ford Motor Co." stays), but part of the wrong rendering, replaced with it; its
 * stop kept where it also ends the sentence, as for a legal suffix.
 */
export function bareCoAt(text: string, at: number): SuffixMatch | undefined {
  if (!/^\sCo\.(?![\p{L}\p{N}])/u.test(text.slice(at, at + 5))) return undefined;
  return { length: 4, shareClass: undefined, keepStop: stopEndsSentence(text, at + 4) };
}

/**
 * A generic company word left in pinyin after a name ("Xiaomi Jituan",
 * "Kuaishou Keji", "Zijin Kuangye"): 集团, 控股, 科技, 汽车, 矿业 … as a
 * translator leaves them. The length taken, or 0.
 */
const PINYIN_TRADE = String.raw`Keji|Qiche|Shengwu|Yiyao|Zhiyao|Dianqi|Dianzi|Ruye|Liye|Kuangye|Yinhang|Baoxian|Zhengquan|Nengyuan|Xinnengyuan|Dongli|Guangxue|Tiyu|Zhonggong|Dianping|Lineng|Gaoke|Zhikong|Huoguo|Youxi|Dichan|Zhiye|Wuye|Guoji|Shiye|Yaoye|Jiuye|Shipin|Dianli|Hangkong|Gangtie|Huagong|Cailiao|Xincailiao|Guangdian|Tongxin|Wangluo|Ruanjian|Zhineng|Yiliao|Jiaoyu|Wuliu|Xinxi|Jishu|Jiqiren`;
const PINYIN_GENERIC = String.raw`Jituan|Konggu|Gongsi|Youxian\sGongsi|Gufen`;
/** Up to two trade words ("Xinnengyuan Keji"), then up to two generic ones ("Gufen Youxian Gongsi"), at least one word in all. */
const PINYIN_TAIL = new RegExp(String.raw`^(?=\s\p{Lu})(?:\s(?:${PINYIN_TRADE})(?![\p{L}\p{N}])){0,2}(?:\s(?:${PINYIN_GENERIC})(?![\p{L}\p{N}])){0,2}`, 'u');

export function pinyinTailAt(text: string, at: number): number {
  const m = PINYIN_TAIL.exec(text.slice(at, at + 60));
  return m ? m[0].length : 0;
}

export function hkSuffixAt(text: string, at: number): number {
  const m = HK_SUFFIX.exec(text.slice(at, at + 5));
  return m ? m[0].length : 0;
}

const LEGAL_TAIL =
  /[,\s]+(?:inc\.?|incorporated|corp\.?|corporation|co\.?|company|ltd\.?|limited|plc\.?|p\.l\.c\.|n\.?\s?v\.?|s\.?a\.?|s\.a\.b\.?(?:\s+de\s+c\.?v\.?)?|sab\s+de\s+cv|s\.?p\.?a\.?|ag|se|asa|a\/?\s?s|ab|oyj|gmbh|k\.k\.|kgaa|b\.?v\.?|tbk\.?|llc|l\.?p\.?|lp|holdings?|group|\(the\)|adr|ads|sa\/nv|sa de cv|aktiengesellschaft|public|&)$/i;

const FILING_TAIL_AFTER_FORM = /^(.*?\b(?:INC|CORP|CORPORATION|CO|COMPANY|LTD|LIMITED|PLC|N\.?V|S\.?A|AG|SE|LLC|LP|L\.P|HOLDINGS?|GROUP|TRUST|BANCORP)\.?)\s*[/\\][^,]*$/i;

/**
 * The name without its legal form and the SEC's filing tails: "MICROSOFT
 * CORP" → "MICROSOFT", "Alibaba Group Holding Ltd" → "Alibaba", "VERTEX
 * PHARMACEUTICALS INC / MA" → "VERTEX PHARMACEUTICALS", "Acuity Inc. (De)" →
 * "Acuity", "NOVO NORDISK A S" → "NOVO NORDISK".
 */
export function coreOfLegalName(name: string): string {
  let s = name
    // The SEC's filing tails: "/DE/", " / MA", "/ADR", "/Cayman Islands", "\DE\", "CORP/"; "Cullen/Frost" stays.
    .replace(FILING_TAIL_AFTER_FORM, '$1')
    .replace(/\s*[/\\]\s*(?:[A-Za-z]{1,4}|ADR|NEW|Cayman(?: Islands)?)?\s*[/\\]?\s*$/, '')
    .replace(/\s*\([^()]*\)\s*$/, '') // "(De)", "(Cayman Islands)", "(Group)"
    .replace(/^PT\s+(?=\S)/, '') // Indonesian "PT … Tbk"
    .trim();
  for (let guard = 0; guard < 8; guard++) {
    const next = s.replace(LEGAL_TAIL, '').replace(/\s*\([^()]*\)\s*$/, '').trim();
    if (next === s || next.length < 2) break;
    s = next;
  }
  return s.replace(/,$/, '').replace(/\s+COM$/i, '.com'); // "AMAZON COM INC": Amazon.com
}

/** Funds, trusts of funds and blank-cheque companies: not names a news story uses. */
export function isFundName(name: string): boolean {
  return (
    /\b(FUND|FUNDS|ETF|ETN|PORTFOLIO|MUNICIPAL|MUNI|ACQUISITION|SPAC)\b/i.test(name) ||
    /\bTRUST\b.*\b(INCOME|SERIES|SECURITIES)\b/i.test(name) ||
    /^(?:SPDR|iShares|ProShares|Invesco|Grayscale|Sprott Physical|abrdn)\b.*\bTRUST\b/i.test(name) ||
    /\b(?:GOLD|SILVER|PLATINUM|PALLADIUM|BITCOIN|ETHER(?:EUM)?|COMMODITY|OIL|GAS)\s+(?:\w+\s+)?TRUST\b/i.test(name)
  );
}

const SMALL = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'de']);

/**
 * "ADVANCED MICRO DEVICES" → "Advanced Micro Devices"; short acronyms stay
 * ("IBM", "AT&T", a one-word name of up to four letters such as "SAP");
 * "MCDONALDS" → "McDonalds", "O REILLY AUTOMOTIVE" → "O'Reilly Automotive".
 */
export function titleCase(s: string): string {
  const words = s.replace(/\b([OD])\s(?=[A-Z]{3,})/g, "$1'").split(/\s+/);
  if (words.length === 1 && /^[A-Z0-9&]{2,3}$/.test(words[0]!)) return words[0]!;
  return words
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && SMALL.has(lower)) return lower;
      if (word.includes('&') && word.length <= 5) return word.toUpperCase(); // "AT&T", "S&P"
      if (word.length <= 4 && !/[AEIOUY]/i.test(word.slice(1))) return word.toUpperCase();
      return lower
        .replace(/(^|[-('/])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase())
        .replace(/^Mc(\p{L})/u, (_, c: string) => `Mc${c.toUpperCase()}`)
        .replace(/'S$/, "'s");
    })
    .join(' ');
}

/** Abbreviations in HKEX short names. */
const ABBREVIATIONS: Record<string, string> = {
  PPT: 'Properties',
  PPTY: 'Property',
  PROP: 'Properties',
  DEV: 'Development',
  IND: 'Industries',
  INDS: 'Industries',
  HLDGS: 'Holdings',
  HLDG: 'Holdings',
  HOLD: 'Holdings',
  HOLDG: 'Holdings',
  INTL: 'International',
  "INT'L": 'International',
  TECH: 'Technology',
  SEMI: 'Semiconductor',
  RAIL: 'Railway',
  GP: 'Group',
  GRP: 'Group',
  PHARM: 'Pharmaceutical',
  PHARMA: 'Pharmaceutical',
  ELEC: 'Electric',
  ENV: 'Environmental',
  FIN: 'Financial',
  INV: 'Investment',
  MED: 'Medical',
  MFG: 'Manufacturing',
  CHEM: 'Chemical',
  RES: 'Resources',
  TEL: 'Telecom',
  COMM: 'Communications',
  SVCS: 'Services',
  SERV: 'Services',
  MGMT: 'Management',
  MACH: 'Machinery',
  EDU: 'Education',
  BK: 'Bank',
  INS: 'Insurance',
  SEC: 'Securities',
  SECS: 'Securities',
  LOGIS: 'Logistics',
  PWR: 'Power',
  ENGY: 'Energy',
  ENVIRO: 'Environmental',
  PHAR: 'Pharmaceutical',
  NEWENERGY: 'New Energy',
};

/** Truncations that look like words but are not: a short name holding one is not expanded. */
const TRUNCATIONS = new Set(['ALLI', 'CONS', 'INNO', 'INTE', 'INTEL', 'DIGI', 'AGR', 'TECHN', 'MULTIACTIVE']);

const SYLLABLE = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)$/;

/** Whether a word reads as pinyin syllables ("GUSHENGTANG", "MEITU", "LI"). */
export function isPinyin(word: string): boolean {
  const w = word.toLowerCase();
  const ok: boolean[] = [true];
  for (let end = 1; end <= w.length; end++) {
    ok[end] = false;
    for (let start = Math.max(0, end - 6); start < end; start++) {
      if (ok[start] && SYLLABLE.test(w.slice(start, end))) {
        ok[end] = true;
        break;
      }
    }
  }
  return ok[w.length] === true;
}

/**
 * Whether every word of a short name is understood: an abbreviation we expand,
 * an acronym, pinyin, or a word common in exchange names. Only then is the
 * expansion trusted to replace the short name in running text.
 */
export function shortNameUnderstood(short: string, commonWords: ReadonlySet<string>): boolean {
  const base = short.replace(HK_MARKER, '');
  return base.split(/\s+/).every((t) => {
    if (TRUNCATIONS.has(t)) return false;
    if (ABBREVIATIONS[t] || ACRONYMS.has(t) || t === '&') return true;
    if (!/^[A-Z][A-Z.\-]*$/.test(t)) return false;
    if (!/[AEIOU]/.test(t)) return t.length <= 4; // WH, SD, TYK: printed as capitals
    return isPinyin(t.replace(/[.\-]/g, '')) || (t.length >= 4 && commonWords.has(t));
  });
}

/** Written in capitals in English-language news. */
const ACRONYMS = new Set(
  'AI AIA BOC BOCOM CCB CGN CITIC CIMC CK CKH CKI CLP CNOOC COSCO CRRC CSPC CSSC GCL HK HKEX HSBC ICBC JD MTR NWS PCCW SF SMIC TCL TME TVB ZTE CATL BYD HKT OOIL GDS UBS REIT REITS ETF HKBN SJM WH'.split(' '),
);

/** Share-class markers at the end of an HKEX short name. */
export const HK_MARKER = /-(SWR|SW|WR|SR|SS|W|S|B|R)$/;

/**
 * The name editors would print for an HKEX short name, or undefined when the
 * short name is too abbreviated to expand safely ("GREAT EAGLE H", "CHI ASIA VALLEY").
 */
export function displayFromShort(short: string): string | undefined {
  const base = short.replace(HK_MARKER, '');
  const tokens = base.split(/\s+/);
  // "NEW TIMES CORP", "KEYNE LTD": the legal form is not part of the name.
  while (tokens.length > 1 && /^(?:CORP|CORPN|LTD|LIMITED|CO|INC|PLC)$/.test(tokens.at(-1)!)) tokens.pop();
  const out: string[] = [];
  for (const [i, token] of tokens.entries()) {
    if (ABBREVIATIONS[token]) {
      out.push(ABBREVIATIONS[token]!);
      continue;
    }
    if (!/^[A-Z][A-Z&.\-]*$/.test(token) && token !== '&') return undefined;
    if (token === '&') out.push('&');
    else if (ACRONYMS.has(token)) out.push(token);
    else if (token.length === 1) return undefined;
    else if (!/[AEIOU]/.test(token)) out.push(token);
    else if (i > 0 && SMALL.has(token.toLowerCase())) out.push(token.toLowerCase());
    else out.push(token.toLowerCase().replace(/(^|[-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase()));
  }
  return out.join(' ');
}

/** Whether a short name in running text should become `display`: it carries a marker or reads as a name, not an acronym. */
export function shortNameFixable(short: string, display: string): boolean {
  if (display === short) return false;
  if (HK_MARKER.test(short)) return true;
  const base = short.replace(HK_MARKER, '');
  if (base.includes(' ')) return true;
  return base.length >= 5 && !ACRONYMS.has(base);
}

/**
 * Whether a short name of two to four capitals ("BCQ", "DFZQ", "MNSO")
 * should become the curated company's name in prose. Longer short names
 * read as names; these are codes, opaque to a reader, so they are expanded,
 * except where the code is itself how English copy names the company: its
 * initials ("CCB" for China Construction Bank, "ABC"), a part of the name
 * ("FWD" of FWD Group), a word ("LENS"), a known acronym, or a US ticker
 * (the company's own, printed as its name: "MNSO"; another's: "PRU").
 */
export function shortCodeExpandable(short: string, display: string, isEnglish: (word: string) => boolean, isUsTicker: (code: string) => boolean): boolean {
  if (!/^[A-Z]{2,4}$/.test(short) || ACRONYMS.has(short) || isEnglish(short.toLowerCase()) || isUsTicker(short)) return false;
  const words = display.split(/[\s&.,()-]+/).filter(Boolean);
  if (words.some((w) => w.toUpperCase() === short) || display.replace(/[^A-Za-z]/g, '').toUpperCase() === short) return false;
  const initials = (list: string[]) => list.map((w) => w[0]!.toUpperCase()).join('');
  const content = words.filter((w) => !SMALL.has(w.toLowerCase()));
  return initials(words) !== short && initials(content) !== short && !initials(content).startsWith(short);
}

const SECTORS: Array<[RegExp, string]> = [
  [/ROBOT/i, 'robots'],
  [/SEMI|SEMICONDUCTOR|MICROELECTRON|\bCHIPS?\b/i, 'semiconductors'],
  [/BANK|BANCORP|BANCSHARES|BANKSHARES|FINANCIAL CORP/i, 'banking'],
  [/INSURANCE|ASSURANCE|\bLIFE\b/i, 'insurance'],
  [/PHARM|THERAPEUTIC|\bBIO|ONCOLOGY|MEDICAL|HEALTH|GENETIC|VACCINE/i, 'healthcare'],
  [/PROPERTIES|\bPPT\b|\bLAND\b|REALTY|REIT|ESTATE|DEVELOPMENT|\bDEV\b/i, 'property'],
  [/OIL|PETRO|\bGAS\b|ENERGY|POWER|SOLAR|ELECTRIC|UTILIT/i, 'energy and utilities'],
  [/GOLD|MINING|MINERAL|LITHIUM|COPPER|STEEL|ALUMIN|METAL|RESOURCES/i, 'materials'],
  [/\bAUTO|MOTOR|VEHICLE/i, 'automobiles'],
  [/SOFTWARE|\bTECH|NETWORK|DATA|CLOUD|DIGITAL|INTERNET|ONLINE|SYSTEMS/i, 'technology'],
  [/SECURITIES|CAPITAL|INVESTMENT|ASSET MANAGEMENT/i, 'financial services'],
  [/FOOD|BEVERAGE|DAIRY|BREW|RESTAURANT/i, 'food and drink'],
  [/RETAIL|STORES/i, 'retail'],
  [/SHIPPING|LOGISTIC|AIRLINE|RAIL|EXPRESS|TRANSPORT/i, 'transport'],
];

/** A rough sector from the name alone, good enough to tell a robot maker from an internet platform. */
export function sectorOf(name: string): string | undefined {
  for (const [re, sector] of SECTORS) if (re.test(name)) return sector;
  return undefined;
}
