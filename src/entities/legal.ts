/**
 * Where a company's legal name is right and stays: court-case names ("Acme
 * Inc. v. Widget Corp."), filings and disclaimers, "formerly known as"; and
 * the legal names of companies no list holds ("Shenzhen Kaifa Technology Co.,
 * Ltd." in running text → "Shenzhen Kaifa Technology").
 */
import { deskMarksIn } from '../article/structure.js';
import { isPlainWord } from './anchored.js';
import { LEGAL_FORM_OPENER, legalSuffixAt, REGISTER_BRACKET } from './names.js';
import { escapeRe } from '../text/escape-re.js';
import { placeOnly } from '../text/places.js';

/** The sentence around text[start, end): from the last sentence end before it to the next one after. */
function sentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  const from = Math.max(0, start - 200);
  const head = text.slice(from, start);
  // The name's first letter goes with it, so a sentence end just before the name is found.
  const cut = (head + text.charAt(start)).search(/[.!?]\s+(?=[A-Z“"‘'(])(?![^.!?]*[.!?]\s+[A-Z“"‘'(])/);
  const before = cut === -1 ? head : head.slice(cut + 1);
  const tail = text.slice(end, end + 200);
  const stop = tail.search(/[.!?](?:\s+[A-Z“"‘'(]|\s*$)/);
  return { before, after: stop === -1 ? tail : tail.slice(0, stop + 1) };
}

const COURT_BEFORE = /(?:\bv\.?|\bvs\.?|\bversus|\bIn\s+re:?|\bEx\s+parte)\s+(?:[\p{Lu}][\p{L}\p{N}.,&'’-]*\s+){0,6}$/u;
const COURT_AFTER = /^[,.]?\s*(?:et\s+al\.?,?\s+)?(?:v\.?|vs\.?|versus)\s+(?:the\s+)?\p{Lu}/u;
/** "formerly known as", and a former name given after a comma: "Meta Platforms Inc, previously Facebook Inc,". */
const FORMERLY = /\b(?:formerly(?:\s+known\s+as|\s+called)?|f\/k\/a|previously\s+known\s+as|renamed\s+from|also\s+known\s+as|hereinafter)\b|,\s*previously\s/i;
const LEGAL_WORDS = /(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball\s+rights\s+reserved\b|\bregistered\s+trademarks?\b)|\b(?:court|lawsuits?|sued|jury|judge|tribunal|arbitration|litigation|(?:patent\s+)?infringement|hereinafter|registered\s+office|incorporated\s+(?:in|under)|a\s+company\s+incorporated|Form\s+(?:10-K|10-Q|8-K|20-F|6-K|S-1|F-1|13D|13G)|prospectus\s+of|(?:exchange|regulatory|securities)\s+filings?|filings?\s+(?:with|to)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:stock\s+)?(?:exchange|bourse|regulators?)|announcement\s+to\s+the\s+(?:[A-Z][\w-]*\s+){0,3}(?:stock\s+)?(?:exchange|bourse)|\bas\s+(?:the|its)\s+(?:operating\s+(?:company|entity)|issuer|guarantor|borrower|registrant|offeror)\b|\b(?:the|a|its|this)\s+filings?\s+(?:shows?|showed|lists?|listed|names?|named|identifies|identified)\b|\bpatent\s+(?:holders?|owners?|applicants?|assignees?)\b|\bassignees?\b|\bfined\b|\bpenalt(?:y|ies)\b|plaintiffs?|defendants?|petitioner|respondent|docket|case\s+No\.|\bthe\s+complaint\b|\binfring(?:e|es|ed|ing)\b|\balleg(?:e|es|ed|ing|ations?)\b)/i;
/** A sponsored post's or an affiliate's disclosure names its sponsor by its legal name, a research note's disclaimer its issuer. */
const DISCLOSURE_WORDS = /\b(?:(?:has\s+been|was|were|being|am|are|is)\s+(?:compensated|paid)\s+by|(?:is|are)\s+(?:a\s+)?(?:licensed|regulated|authori[sz]ed)\s+(?:by|bank|corporation|firm|insurer|(?:to\s+carry))|(?:licensed|regulated|authori[sz]ed)\s+by\s+the\s+(?:HKMA|SFC|SEC|FCA|MAS|CSRC|Hong\s+Kong\s+Monetary\s+Authority|Securities\s+and\s+Futures\s+Commission)|(?:is|are|was|were|has\s+been)\s+(?:issued|prepared|compiled|distributed)\s+by|(?:does|do|shall)\s+not\s+constitute|(?:is|are)\s+not\s+(?:an?\s+)?(?:offer|solicitation|recommendation|investment\s+advice|financial\s+advice)|for\s+(?:your\s+)?reference\s+only|investments?\s+(?:involve|carry|carries)\s+risks?|sponsored\s+(?:post|content|by)|in\s+(?:paid\s+)?partnership\s+with|affiliate\s+(?:links?|commissions?)|all\s+opinions\s+are\s+(?:my|our)\s+own|material\s+connection)\b/i;
const DEFINED_TERM = /^\s*\((?:the\s+)?["“‘']\p{Lu}/u;
const DISCLAIMER = /^\s*(?:disclaimer|disclosure|legal\s+notice|risk\s+warning|important\s+notice|copyright)\b/i;

/** Whether the legal name at text[start, end) stands where the legal form belongs. */
export function inLegalContext(text: string, start: number, end: number): boolean {
  if (DISCLAIMER.test(text)) return true;
  const after = text.slice(end, end + 40);
  if (COURT_AFTER.test(after) || DEFINED_TERM.test(after)) return true;
  const head = text.slice(Math.max(0, start - 120), start);
  if (COURT_BEFORE.test(head)) return true;
  const sentence = sentenceAround(text, start, end);
  if (FORMERLY.test(sentence.before.slice(-60)) || FORMERLY.test(sentence.after.slice(0, 40))) return true;
  if (DISCLOSURE_WORDS.test(sentence.before) || DISCLOSURE_WORDS.test(sentence.after)) return true;
  return LEGAL_WORDS.test(sentence.before) || LEGAL_WORDS.test(sentence.after);
}

/**
 * A region in brackets between a name and its form ("Bank of China (Hong Kong) Limited", "Industrial and
 * Commercial Bank of China (Asia) Limited", "Alibaba (China) Co., Ltd."): the register's name of a regional
 * unit, whose running name keeps the region, never the parent's name alone. The bracket as printed, or undefined.
 */
const REGIONAL_UNIT = /^\s\((?:Hong\sKong|HK|Asia|Asia\sPacific|China|Macau|Macao|Taiwan|Singapore|Europe|USA|UK|Japan|Korea)\)(?=\s)/;
export function regionalUnitAt(text: string, nameEnd: number): string | undefined {
  return REGIONAL_UNIT.exec(text.slice(nameEnd, nameEnd + 20))?.[0];
}

/** A legal name of a company no list holds: the name's words, then the legal form. */
export interface UnknownLegalName {
  start: number;
  /** Where the running name ends (the legal form starts). */
  nameEnd: number;
  end: number;
  keepStop: boolean;
}

const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}'’.&-]*|\d[\p{L}\p{N}-]*)`;
/** Capitalised words (and "and", "of", "&" between them) just before a legal form. */
const NAME_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}'’.&-])${NAME_WORD}(?:\s+(?:${NAME_WORD}|&|and|of|de)){0,6}$`, 'u');
const PUBLIC_OR_PLACE = /\b(?:Central|State|States|Attorney|General|Government|Ministry|Department|Agency|Authority|Commission|Council|Court|Asia|Europe|European|America|American|Africa|Pacific|Texas|California|York|Florida|Alberta|Ontario|Quebec|Province|City|County|Republic|Kingdom|Union|Federal|National)\b/;

/** A legal form and "and" between two names in a list. */
const LISTED_BEFORE = /(?<=\p{L})\s(?:Company|Corporation|Incorporated|Limited|Inc\.?|Corp\.?|Ltd\.?|LLC|[Pp]lc|S\.?r\.?l\.?|SRL|GmbH|S\.?A\.?|AG|N\.?V\.?|B\.?V\.?),?\s+(?:and|&)\s+/gu;
/** Where a legal form may start (its words: LEGAL_FORM_OPENER); legalSuffixAt tells whether one does. */
const FORM_START = new RegExp(String.raw`,?\s(?:Group\s|${REGISTER_BRACKET}\s)?(?:Holdings?,?\s)?(?:${LEGAL_FORM_OPENER})(?![\p{L}\p{N}])`, 'gu');
const TWO_CAPITALS = /^(,?)\s\p{Lu}{2}(?![\p{L}\p{N}.&])/u;
/** After an author's initials: another author ("Morgan-Richards M"), or the year of a citation. */
const CITATION_NEXT = /^(?:,\s\p{Lu}[\p{L}'’-]+\s\p{Lu}{1,3}\b|\.?\s\(?(?:19|20)\d\d\b)/u;

/** Whether two capitals at `at` (", SA", " SA") are an author's initials in a citation, not a company's form (a company prints "Nestlé SA"). */
function authorInitials(text: string, at: number): boolean {
  const m = TWO_CAPITALS.exec(text.slice(at, at + 6));
  return !!m && (m[1] === ',' || CITATION_NEXT.test(text.slice(at + m[0].length, at + m[0].length + 40)));
}
/** Whether a text holds a word a legal form opens with: most blocks hold none, and need no scan. */
const ANY_FORM = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${LEGAL_FORM_OPENER})(?![\p{L}\p{N}])`, 'u');
/** Words that start a sentence or a phrase, not a name. */
const LEADING = /^(?:(?:The|A|An|In|On|At|For|By|With|From|As|And|But|Or|Its|Their|His|Her|Our|Shares|Stock|Unit|Subsidiary|Rival|Peer|Both|Also|While|When|After|Before|Since|Under|Meanwhile|According|To|Of|That|This|These|Those|Chinese|Listed|Shanghai-listed|Shenzhen-listed|Hong\s+Kong-listed|US-listed|Nasdaq-listed|NYSE-listed|Chairman|Chief|CEO)\s+)+/u;

/** A span other rules hold; a match of a right name carries its target. */
interface Taken {
  start: number;
  end: number;
  target?: { kind: string; form?: string } | undefined;
  extension?: string | undefined;
}

/**
 * "Siemens Energy AG", "Toyota Motor North America Inc": a known company's
 * name followed by more words of a name and a legal form is another company
 * (a unit, a namesake), whose running name is the words printed. Only a right
 * name at the very start (or after a place: "Beijing ByteDance Technology"),
 * not an exchange short name, leaves the span free.
 */
function startsLongerName(t: Taken, text: string, start: number, nameEnd: number): boolean {
  if (t.target?.kind !== 'name' || t.target.form === 'short' || t.extension || t.start < start || t.end >= nameEnd || !/^\s+\p{Lu}/u.test(text.slice(t.end, nameEnd))) return false;
  // "Beijing ByteDance Technology Co., Ltd.": a register name is often a place, the known name and more words,
  // the name of a unit of its own (never shortened to the parent's name).
  if (t.start === start || placeOnly(text.slice(start, t.start).trim())) return true;
  // "Shenzhen Kestrel Intelligent Technology Co., Ltd.": a one-word name between words of a longer one
  // ("Intelligent", a US listing's running name) is a word of that name.
  return !/\s/.test(text.slice(t.start, t.end)) && /\p{Lu}\S*\s+$/u.test(text.slice(start, t.start));
}

/** Legal names in `text` made of capitalised words and a legal form, outside `taken` spans. */
export function unknownLegalNames(text: string, taken: ReadonlyArray<Taken>): UnknownLegalName[] {
  if (!ANY_FORM.test(text)) return [];
  const out: UnknownLegalName[] = [];
  FORM_START.lastIndex = 0;
  // A name starts after the legal form before it: "Acme Company and Kestrel Corporation" is two names.
  let previousEnd = 0;
  for (let m = FORM_START.exec(text); m; m = FORM_START.exec(text)) {
    let nameEnd = m.index;
    let suffix = legalSuffixAt(text, nameEnd);
    if (!suffix || suffix.shareClass) continue;
    // "Trewick, SA (2009)", "Trewick SA, Morgan-Richards M.": two capitals in a list of authors are initials.
    if (authorInitials(text, nameEnd)) continue;
    // "Huawei Investment & Holding Co., Ltd.": after "&" or "and" the form's "Holding" or "Group" is a word of the name.
    const joined = /(?:\s(?:&|and))$/.exec(text.slice(Math.max(0, nameEnd - 4), nameEnd)) && /^\s(?:Holdings?|Group)(?=[\s,])/.exec(text.slice(nameEnd, nameEnd + 10));
    if (joined) {
      nameEnd += joined[0].length;
      suffix = legalSuffixAt(text, nameEnd);
      if (!suffix || suffix.shareClass) continue;
    }
    const end = nameEnd + suffix.length;
    FORM_START.lastIndex = end;
    const from = Math.max(0, nameEnd - 100, previousEnd);
    previousEnd = end;
    const words = NAME_BEFORE.exec(text.slice(from, nameEnd));
    if (!words) continue;
    let start = nameEnd - words[0].length;
    const lead = LEADING.exec(words[0]);
    if (lead) start += lead[0].length;
    // "Kestrel Wind Company and Orchard Foods Corporation": the second name starts after the first one's form.
    const listed = [...text.slice(start, nameEnd).matchAll(LISTED_BEFORE)].pop();
    if (listed) start += listed.index + listed[0].length;
    if (start >= nameEnd) continue;
    // A match inside the form itself ("Joint" of "Joint-Stock Co., Ltd.") is the form's word, no name.
    if (taken.some((t) => t.start < end && start < t.end && !(t.start >= nameEnd && t.end <= end) && !startsLongerName(t, text, start, nameEnd))) continue;
    const name = text.slice(start, nameEnd);
    // A bare two- or three-letter form is also an abbreviation of other things ("the Texas AG", "Asia SE", "the SCA"):
    // only after a name of two words or more that names no place or public body.
    if (/^,?\s(?:AG|SE|AB|ASA|NV|Inc|SCA)$/.test(text.slice(nameEnd, end)) && (!/\s/.test(name) || PUBLIC_OR_PLACE.test(name))) continue;
    // One capitalised word that is a plain word at a sentence start ("Limited", "Company") is not a name.
    if (!/\p{L}{2}/u.test(name)) continue;
    // "Acme Limited Partners", "Acme Corporation Tax": the form is part of a longer phrase.
    if (!text.slice(end - 1, end).endsWith('.') && /^\s+\p{Lu}\p{Ll}/u.test(text.slice(end)) && !/^\s+(?:said|says|and)\b/.test(text.slice(end))) {
      if (!/^\s+(?:Chairman|Chief|CEO|President|Founder|Director|Executive|Vice|Spokesperson|Spokesman|Spokeswoman)\b/.test(text.slice(end))) continue;
    }
    // "Kestrel Bank (Asia) Limited": a regional unit's running name keeps its region.
    const unit = regionalUnitAt(text, nameEnd);
    out.push({ start, nameEnd: unit ? nameEnd + unit.length : nameEnd, end, keepStop: suffix.keepStop });
  }
  return out;
}

/**
 * Desk style against linked copy. An English desk prints a company's legal
 * form once, at its first reference in the body, abbreviated ("Xiaomi Corp
 * (1810.HK)", "BYD Co Ltd", "Sony Group Corp."), and the short name after it:
 * that legal name is right and stays. Machine-linked copy prints the
 * security's register name wherever the company is named: in the headline,
 * at every mention, with the register's punctuation and spelled-out forms
 * ("Tesla, Inc.", "Microsoft Corporation", "Holding Limited"), beside trading
 * apps' tickers ("(AAPL.US)", "(09988)"). One sign of linking anywhere in the
 * article (outside legal contexts) makes every legal name in it a running
 * name to shorten.
 */
export interface LegalMention {
  block: number;
  start: number;
  /** Where the running name ends and the legal form starts. */
  nameEnd: number;
  end: number;
  /** The company: an entity index, or the printed name of one no list holds. */
  company: number | string;
  /** Printed as only a register prints it, whatever the form ("Alphabet Inc. Class C"). */
  register?: boolean | undefined;
}

/** Legal forms as a register prints them: a comma in the form, the form spelled out, forms desks leave out of copy. */
const REGISTER_FORM = /,|\b(?:Corporation|Incorporated|Limited|Company|LLC|L\.P\.)(?![\p{L}\p{N}])/u;
/** Tickers as Chinese trading apps print them: "(AAPL.US)", a bare five-digit Hong Kong code "(09988)". */
const APP_TICKER = /\((?:[A-Z][A-Z0-9.]{0,6}\.US|\d{5})\)/;

/** The mentions (by `block:start`) that are a desk's first reference, to keep; empty when the article reads as linked copy. */
export function deskFirstReferences(
  texts: readonly string[],
  mentions: readonly LegalMention[],
  isTitle: (block: number) => boolean,
  /** Whether a company named with a legal form is named again later by its short name, as desks do. */
  shortNameFollows: boolean,
): Set<string> {
  const keep = new Set<string>();
  if (mentions.length === 0 || texts.some((t) => APP_TICKER.test(t))) return keep;
  // Without a desk's marks (dateline, byline, short name after the first reference) the legal form is a register's.
  if (!shortNameFollows && !mentions.some((m) => shortFormFollows(texts, m))) {
    const marks = deskMarksIn(texts);
    if (!marks.dateline && !marks.byline) return keep;
  }
  const seen = new Map<number | string, number>();
  // "SoftBank Corp" beside "SoftBank Group Corp": a name whose core (with the name words its form may hold,
  // "SoftBank" + "Group Corp") starts another one's needs its form at every mention, so printing it twice is no
  // sign of linking.
  const coreOf = (m: LegalMention) => {
    const text = texts[m.block]!;
    const words = /^,?\s*(?:\(?(Group|Holdings?)\)?\s)/.exec(text.slice(m.nameEnd, m.end))?.[1];
    return text.slice(m.start, m.nameEnd) + (words ? ` ${words}` : '');
  };
  const cores = mentions.map(coreOf);
  const needsForm = (core: string) => cores.some((c) => c.startsWith(`${core} `));
  for (const m of mentions) {
    const text = texts[m.block]!;
    if (inLegalContext(text, m.start, m.end)) continue;
    // "Contemporary Amperex Technology Co. Limited (CATL) … CATL": a desk spells the name out once and defines
    // the abbreviation it then uses; a linker prints a code there, never an abbreviation the copy goes on with.
    // A register's comma ("Advanced Micro Devices, Inc. (AMD)") is a linker's still.
    const defined = !text.slice(m.nameEnd, m.end).includes(',') && definesAbbreviation(texts, m);
    if (!defined && (isTitle(m.block) || m.register || REGISTER_FORM.test(text.slice(m.nameEnd, m.end)))) return keep;
    if (needsForm(coreOf(m))) continue;
    seen.set(m.company, (seen.get(m.company) ?? 0) + 1);
  }
  // A legal form printed twice for one company is linking, not a first reference.
  if ([...seen.values()].some((n) => n > 1)) return keep;
  for (const m of mentions) keep.add(`${m.block}:${m.start}`);
  return keep;
}

/** An abbreviation in brackets just after a name: "(CATL)", "(SMIC)", "(AMD)". */
const ABBREVIATION_AFTER = /^\s*\(([\p{Lu}][\p{Lu}\p{N}&.-]{1,9})\)/u;

/** Whether the legal name of `m` is followed by "(ABBR)" and the article uses ABBR again after it. */
function definesAbbreviation(texts: readonly string[], m: LegalMention): boolean {
  const text = texts[m.block]!;
  const abbreviation = ABBREVIATION_AFTER.exec(text.slice(m.end, m.end + 14));
  if (!abbreviation) return false;
  const abbr = abbreviation[1]!;
  const from = m.end + abbreviation[0].length;
  const whole = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRe(abbr)}(?![\p{L}\p{N}])`, 'u');
  for (let i = m.block; i < texts.length; i++) if (whole.test(i === m.block ? text.slice(from) : texts[i]!)) return true;
  return false;
}

/** Words that open a sentence or a name without being a company's short name. */
const NOT_SHORT = /^(?:The|This|That|These|Those|Its|Their|Shares|Chief|Group|Holdings?|First|General|National|United|Global|International|Royal|Grand|Great|Golden|Central|Eastern|Western|Northern|Southern|New)$/;

/**
 * Whether the company of a legal name is named again, after it, by a short
 * form a desk uses: the printed name without its form ("Kestrel Wind"), or
 * its first word where that word is a name of its own ("Kestrel said"), not
 * a place, a trade or a plain word ("China", "Energy", "Golden").
 */
function shortFormFollows(texts: readonly string[], m: LegalMention): boolean {
  const name = texts[m.block]!.slice(m.start, m.nameEnd);
  const first = /^[\p{Lu}][\p{L}\p{N}&'’-]{2,}/u.exec(name)?.[0];
  const forms = [name];
  if (first && first !== name && !isPlainWord(first) && !NOT_SHORT.test(first)) forms.push(first);
  for (let i = m.block; i < texts.length; i++) {
    const text = texts[i]!;
    for (const form of forms) {
      for (let at = text.indexOf(form, i === m.block ? m.end : 0); at !== -1; at = text.indexOf(form, at + 1)) {
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[at + form.length] ?? '')) continue;
        // The same legal name printed again is no short form ("Kestrel Wind AG" twice is linking).
        if (legalSuffixAt(text, at + name.length) && text.startsWith(name, at)) continue;
        return true;
      }
    }
  }
  return false;
}

/**
 * Legal forms and their short spellings, by the kind of company they make: "Corporation" and "Corp."
 * are one form, "LLC" and "S.r.l." two. The foreign forms are here only to tell two companies apart.
 */
const FORM_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:Inc\.?|Incorporated)$/i, 'inc'],
  [/^(?:Corp\.?|Corporation)$/i, 'corp'],
  [/^(?:Ltd\.?|Limited)$/i, 'ltd'],
  [/^(?:Co\.?|Company)$/i, 'co'],
  [/^(?:LLC|L\.L\.C\.)$/i, 'llc'],
  [/^(?:LP|L\.P\.)$/i, 'lp'],
  [/^(?:plc|p\.l\.c\.)$/i, 'plc'],
  [/^(?:S\.?r\.?l\.?|SRL)$/i, 'srl'],
  [/^(?:S\.?A\.?S\.?)$/i, 'sas'],
  [/^(?:S\.?A\.?)$/i, 'sa'],
  [/^(?:S\.?p\.?A\.?)$/i, 'spa'],
  [/^GmbH$/i, 'gmbh'],
  [/^AG$/, 'ag'],
  [/^SE$/, 'se'],
  [/^(?:N\.?V\.?)$/i, 'nv'],
  [/^(?:B\.?V\.?)$/i, 'bv'],
  [/^(?:Pty|Pvt)\.?$/i, 'pty'],
  [/^(?:K\.?K\.?)$/i, 'kk'],
  [/^(?:AB|ASA|A\/S|Oyj)$/, 'nordic'],
];
const FORM_WORD = String.raw`(?:Inc\.?|Incorporated|Corp\.?|Corporation|Ltd\.?|Limited|Co\.?|Company|LLC|L\.L\.C\.|LP|L\.P\.|plc|p\.l\.c\.|S\.r\.l\.?|SRL|S\.A\.S\.?|SAS|S\.A\.?|S\.p\.A\.?|SpA|GmbH|AG|SE|N\.V\.?|NV|B\.V\.?|BV|Pty|Pvt|K\.K\.?|AB|ASA|A\/S|Oyj)`;
/** Organisations that are not companies and share a company's core name ("the Mozilla Foundation"). */
const OTHER_BODY = String.raw`(?:Foundation|Institute|Trust|Association|Society|Federation|Alliance|Consortium|Council|Project|University|College|Fund|Fellowship|Academy|Museum|Church|Party|Union)`;

function formKey(form: string): string | undefined {
  const last = form.replace(/^[,\s]+/, '').trim().split(/[\s,]+/).pop() ?? '';
  return FORM_KEYS.find(([re]) => re.test(last))?.[1];
}

/**
 * Whether the article names another organisation by the same core: "Arduino
 * LLC" beside "Arduino SRL" (two companies told apart only by their forms),
 * "Mozilla Corporation" beside "the Mozilla Foundation". Shortening would make
 * them one name.
 */
const WHOLE_OTHER_BODY = new RegExp(`^(?:${OTHER_BODY})$`);

export function coreNamesAnother(article: string, core: string, form: string): boolean {
  const key = formKey(form);
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRe(core)},?\s+(${FORM_WORD}|${OTHER_BODY})(?![\p{L}\p{N}])`, 'gu');
  for (const m of article.matchAll(re)) {
    // The same legal name again, or this one: "Corporation" in "Acme Corporation Limited" is its own form's word.
    if (article.startsWith(core + form, m.index)) continue;
    const other = m[1]!;
    if (WHOLE_OTHER_BODY.test(other)) return true;
    const otherKey = formKey(other);
    if (otherKey && key && otherKey !== key && !(key === 'co' && otherKey === 'ltd') && !(key === 'ltd' && otherKey === 'co')) return true;
  }
  return false;
}

/** Words of a place's name that are no company's: a mountain range, a lake, a coast ("Sierra Nevada", "Lake Tahoe"). */
const PLACE_FIRST = /^(?:Sierra|Mount|Mt\.?|Lake|Cape|Gulf|Isle|Isla|Costa|Monte|Puerto|Sierras|Fort)$/;
const PLACE_LAST = /^(?:Mountains?|Range|River|Valley|Lakes?|Islands?|Isles|Coast|Canyon|Peninsula|Bay|Hills|Desert|Sea|Ocean|Basin|Plains|Highlands|Forest|Falls|Strait)$/;

/** Whether a running name of a company no list holds reads as a place's name. */
function placeName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length > 3) return false;
  // "Sierra Nevada", "Lake Tahoe" are places; "Sierra Vista Robotics" is a company named after one.
  return (words.length === 2 && PLACE_FIRST.test(words[0]!)) || PLACE_LAST.test(words[words.length - 1]!);
}

/** A public body named like a company: "the Federal Deposit Insurance Corporation", "the government's Pension Benefit Guaranty Corp.". */
const PUBLIC_BEFORE = /\b(?:government['’]s|governments['’]|federal(?:ly)?(?:[-\s](?:owned|run|backed|chartered))?|state[-\s](?:owned|run|backed)|government[-\s](?:owned|run|backed|chartered|sponsored)|public(?:ly)?[-\s](?:owned|funded)|agency|agencies|regulator)\s+(?:the\s+|a\s+|an\s+)?$/i;
const PUBLIC_NAME = /\b(?:Federal|Government|Public|National|State|Pension|Guaranty|Deposit|Broadcasting|Reconstruction|Resolution|Overseas\s+Private)\b/;

function publicBody(text: string, start: number, name: string, form: string): boolean {
  if (formKey(form) !== 'corp') return false;
  return PUBLIC_NAME.test(name) || PUBLIC_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

/** A year or a span of years before the name: a credit line whose © was lost ("1996-98 Acme Inc."). */
const CREDIT_YEAR = /^(?:1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?:\d{2}|\d{4}))?$/;
function creditLine(text: string, start: number, name: string): boolean {
  const first = name.split(/\s+/)[0]!;
  if (CREDIT_YEAR.test(first)) return true;
  return /(?:1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?:\d{2}|\d{4}))?,?\s+$/.test(text.slice(Math.max(0, start - 12), start));
}

/** Nouns that end the name of an event, a prize or a venue a company sponsors ("The Acme Corp. Harbour Classic"), or of a branch a register names after its company ("Acme Co., Ltd. Suzhou Branch"). */
const EVENT_NOUN = String.raw`(?:Branch|Event|Events|Cup|Open|Classic|Championships?|Prize|Awards?|Festival|Series|Tournament|Stakes|Trophy|Bowl|Stadium|Arena|Center|Centre|Theat(?:er|re)|Pavilion|Field|Park|Hall|Marathon|Race|Regatta|Games|Show|Expo|Fair|Gala|Invitational|Rally|Derby|Grand\s+Prix|Lecture|Fellowship|Scholarship)`;
const INSIDE_EVENT = new RegExp(String.raw`^\s+(?:(?:\p{Lu}[\p{L}\p{N}'’-]*|\d[\p{N}\p{L}-]*|of|the|and|&)\s+){0,6}${EVENT_NOUN}(?![\p{L}\p{N}])`, 'u');

/**
 * A legal form's full stop followed by a capitalised word is a sentence end
 * only when the words after it start a sentence; the words of an event's or a
 * venue's name ("The Acme Corp. Harbour Classic, in May") continue the name.
 */
function insideLongerName(text: string, start: number, end: number): boolean {
  if (!text.slice(0, end).endsWith('.')) return false;
  const after = text.slice(end, end + 120);
  if (!/^\s+\p{Lu}/u.test(after)) return false;
  if (INSIDE_EVENT.test(after)) return true;
  // "during The Acme Corp. …": a capitalised article inside a sentence opens a title.
  return /[\p{Ll},]\s+The\s+$/u.test(text.slice(Math.max(0, start - 30), start));
}

/**
 * Whether shortening the legal name at text[start, end) to `running` is
 * unsure, so the name stays as printed: the running name would be another
 * organisation's in the same article, a place's name, a plain word the article
 * uses as such ("News Corporation" → "News"), or the legal name is a public
 * body's, a credit line's or part of an event's name.
 */
export function unsureShortening(article: string, text: string, start: number, nameEnd: number, end: number, running: string, listed: boolean): boolean {
  return unsureShorteningReason(article, text, start, nameEnd, end, running, listed) !== undefined;
}

/** Why shortening the legal name at text[start, end) to `running` is unsure (see unsureShortening), or undefined. */
export function unsureShorteningReason(article: string, text: string, start: number, nameEnd: number, end: number, running: string, listed: boolean): string | undefined {
  const name = text.slice(start, nameEnd);
  const form = text.slice(nameEnd, end);
  if (coreNamesAnother(article, name, form) || (running !== name && coreNamesAnother(article, running, form))) return `the article names another organisation “${name}” with another form`;
  if (!/\s/.test(running.trim()) && plainWordIn(article, running)) return `“${running}” is also a plain word here`;
  if (creditLine(text, start, name)) return 'a credit line';
  // "The Hongkong and Shanghai Banking Corporation Limited": without its form the name ends in an activity, not a name.
  if (/\sBanking$/.test(running)) return `“${running}” without its form reads as an activity`;
  if (insideLongerName(text, start, end)) return 'part of a longer name (an event, a venue, a title)';
  // "Texas Co.", "Greater China Limited": without its form the name reads as the place.
  if (placeOnly(running)) return `“${running}” alone is a place’s name`;
  if (!listed && placeName(running)) return `“${running}” reads as a place’s name`;
  if (!listed && publicBody(text, start, name, form)) return 'a public body';
  return undefined;
}

/** One word that the article also prints in lower case as a plain word ("the news", "a ball"), or a word that names a trade or a place. */
function plainWordIn(article: string, word: string): boolean {
  if (isPlainWord(word)) return true;
  const lower = word.toLowerCase();
  if (lower === word) return false;
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRe(lower)}(?![\p{L}\p{N}])`, 'u').test(article);
}
