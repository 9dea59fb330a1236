/**
 * fix-entities: gives companies, people, products and market terms the names
 * an English-language financial desk uses, and repairs broken ticker notation.
 *
 * Machine-translated wire copy passes through an entity linker that swaps
 * short names for listing names ("Alphabet Inc. Class C (GOOGL.US)" for
 * Google), leaves exchange short names in the prose ("XIAOMI-W"), renders
 * people in pinyin or word for word ("Huang Renxun", "Sam Ultraman") and
 * translates jargon literally ("dark market"). Every spelling of one entity
 * is brought to the same name. A name that is right in its context stays:
 * "Alphabet Inc. Class C" in a story about share classes, "Ultraman" in a
 * story about the television hero's toys. Text is rewritten inside its text
 * nodes, so links, emphasis and inline code are kept; one message per fix,
 * with the original text (`actual`), the fix (`expected`) and its position.
 * Entries in `mode: suggest` are reported (as warnings) but not applied.
 *
 * Rule ids:
 * - `legal-suffix`: a legal or share-class name used as a running name, of
 *   any company ("Microsoft Corporation" → "Microsoft", "Shenzhen Kaifa
 *   Technology Co., Ltd." → "Shenzhen Kaifa Technology"); never in court-case
 *   names, filings, disclaimers or "formerly known as".
 * - `hk-short-name`: an HKEX short name or share-class marker in prose
 *   ("BIDU-SW" → "Baidu", "Xiaomi Group-W" → "Xiaomi").
 * - `person-name`: a person's name in pinyin or translated literally.
 * - `entity-name`: a company, product or outlet translated literally or left
 *   in pinyin ("Ningde Times" → "CATL", "Turnip Run" → "Apollo Go", "Xiaomi
 *   Jituan" → "Xiaomi"), and a rendering no list holds beside its ticker
 *   ("Ningde Era New Energy (300750.SZ)" → "CATL (300750.SZ)"), with its
 *   later mentions.
 * - `jargon`: market jargon translated literally, where its context holds.
 * - `ticker-notation`: broken ticker notation repaired ("(601360. SH)" →
 *   "(601360.SH)", "$BABA-SW (09988.HK)$It opened" → "BABA-SW (09988.HK) opened",
 *   "(HK:)" removed, live-quote figures inside a sentence removed).
 * - `dictionary`: an entry of a user dictionary without a `kind`.
 *
 * @example
 *   in:  "Cloud buyers Microsoft Corporation (MSFT.US) and Alphabet Inc. Class C (GOOGL.US) signed new power deals."
 *   out: "Cloud buyers Microsoft (MSFT.US) and Google (GOOGL.US) signed new power deals."  (two `legal-suffix` messages)
 * @example
 *   in:  "XIAOMI-W (01810) rose 4%. Chief executive Huang Renxun spoke."
 *   out: "Xiaomi (01810) rose 4%. Chief executive Jensen Huang spoke."  (`hk-short-name`, `person-name`)
 * @example
 *   in:  "Bloks sells Ultraman figures." (a toy story: no OpenAI context)
 *   out: unchanged
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { analyse, entityOf, type Analysis, type Found } from '../src/entities/analysis.js';
import type { NameContext } from '../src/entities/context.js';
import { tickerAnchored } from '../src/entities/anchored.js';
import type { EntityRecord, Lead, Mode } from '../src/entities/kb.js';
import { ledPhrase, ledValue } from '../src/entities/lead.js';
import { deskFirstReferences, inLegalContext, unknownLegalNames, unsureShortening, type LegalMention, regionalUnitAt } from '../src/entities/legal.js';
import { escapeRe } from '../src/text/escape-re.js';
import { COMPANY_CUE } from '../src/entities/company-cue.js';
import { byContext, insideOf, opensSentence, replacementFor, type CompiledEntry, type Matcher } from '../src/entities/matcher.js';
import { mayNeedRepair, NOTATION_RULES, notationFixes } from '../src/entities/notation.js';
import { matcherFor, type EntitySources } from '../src/entities/setup.js';
import { displayFromShort, HK_MARKER, isPinyin, titleCase } from '../src/entities/names.js';
import { placeOnly } from '../src/text/places.js';
import { isSurname } from '../src/entities/surnames.js';
import { TRADE_WORDS } from '../src/entities/trade-words.js';
import { nounSlot, productSlot, quotedSpan } from '../src/entities/slots.js';
import { blockOf, collectBlocks, editText, placeIn, segmentAt, type Block } from '../src/entities/text.js';
import { isMuted } from '../src/control.js';
import { report } from '../src/report.js';

export const PLUGIN = 'fix-entities';
export const RULES = ['legal-suffix', 'hk-short-name', 'person-name', 'entity-name', 'jargon', 'ticker-notation', 'dictionary'] as const;

export interface FixEntitiesOptions extends EntitySources {
  /** Repair broken ticker notation. @default true */
  tickerNotation?: boolean | undefined;
}

/** Words that make an article a story about share classes, where listing names are right. */
const SHARE_CLASS_STORY = /\b(?:Class [A-C] (?:voting |non-voting |common )?(?:shares?|stock)|share class(?:es)?|classes of (?:common )?(?:stock|shares))\b/i;

interface Fix {
  rule: string;
  value: string;
  /** Other replacements offered with a suggestion. */
  also?: string[] | undefined;
  mode: Mode;
  reason: string;
  note?: string | undefined;
}

const fixEntities: Plugin<[FixEntitiesOptions?], Root> = function (options = {}) {
  const matcher = matcherFor(options);
  return (tree: Root, file: VFile) => {
    // One collection of blocks for the repairs and the analysis: a repaired block is collected again.
    const collected = collectBlocks(tree);
    if (options.tickerNotation !== false) repairNotation(tree, file, collected);
    const analysis = analyse(tree, matcher, file, false, collected);
    const firstReferences = deskStyle(analysis);
    const decide = decider(matcher, analysis, firstReferences);
    const anchored = byBlock(tickerAnchored(matcher, analysis.blocks, analysis.found));
    const blocks = analysis.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      const matches = analysis.found[i]!;
      const anchoredHere = anchored.get(i) ?? NONE;
      // Names no list holds are legal names, or names beside a ticker: a block with neither, and no match, has nothing to fix.
      if (matches.length === 0 && anchoredHere.length === 0 && unknownLegalNames(block.text, NONE).length === 0) continue;
      const planned: Array<{ c: Found; fix: Fix }> = [];
      // A match may stand for another (the entry whose context holds) or for the matches inside it.
      const instead = new Map<Found, Found[]>();
      for (const [k, match] of matches.entries()) {
        const plan = planMatch(block, match, matches[k + 1]?.start ?? Infinity, analysis, decide, (rule) => isMuted(tree, block.node, [rule, PLUGIN]));
        planned.push(...plan.planned);
        if (plan.found.length !== 1 || plan.found[0] !== match) instead.set(match, plan.found);
      }
      const current = instead.size ? matches.flatMap((c) => instead.get(c) ?? [c]) : matches;
      // Names no list holds: fixed by the ticker beside them, or shortened from their legal form.
      // A wrong form whose story this is not ("Lanxin", vivo's model, in "Hangzhou Lanxin Robotics Co., Ltd.") is no name: it leaves the legal name free.
      const fixedHere = new Set(planned.map((p) => p.c));
      const taken = matches.filter((c) => c.target.kind !== 'entry' || !c.target.entry.context || fixedHere.has(c) || c.alternatives || c.inside);
      const extra = [...anchoredFixes(matcher, anchoredHere), ...unknownLegalFixes(block, taken, anchoredHere, i, firstReferences, () => analysis.article)];
      const covered = new Set(anchoredHere.flatMap((a) => a.covers ?? []).flatMap((c) => instead.get(c) ?? [c]));
      if (covered.size) for (let k = planned.length - 1; k >= 0; k--) if (covered.has(planned[k]!.c)) planned.splice(k, 1);
      for (const p of planned) p.c = withArticle(matcher, block.text, p.c, p.fix, extra);
      for (const x of extra) if (!isMuted(tree, block.node, [x.fix.rule, PLUGIN])) planned.push({ c: withArticle(matcher, block.text, x.c, x.fix, planned), fix: x.fix });
      if (planned.length === 0) continue;
      planned.sort((a, b) => a.c.start - b.c.start || b.c.end - a.c.end);
      // A fix widened over its neighbours (a verb phrase from its verb, a fitted word) stands for the fixes inside it.
      for (let k = 1; k < planned.length; k++) if (planned[k]!.c.start < planned[k - 1]!.c.end) planned.splice(k--, 1);
      const found = extra.length ? [...current.filter((c) => !covered.has(c)), ...extra.map((x) => x.c)].sort((a, b) => a.start - b.start) : current;
      const applied = apply(file, block, planned);
      if (applied.length) carryOver(matcher, file, block, found, applied);
    }
  };
};

export default fixEntities;

type Decide = (block: Block, c: Found) => Fix | undefined;

/**
 * The fixes for one match, and the matches it stands for in the block:
 * itself; another entry for the same words whose context holds (one
 * rendering of two people); where the contexts of two names both hold, a
 * suggestion of both; where its entry's context does not hold, the shorter
 * matches inside it or crossing its end (up to `nextStart`), each with its
 * own ("10-year national debt" in a story its entry does not fit: "national
 * debt" may fit its own).
 */
function planMatch(block: Block, match: Found, nextStart: number, analysis: Analysis, decide: Decide, muted: (rule: string) => boolean): { planned: Array<{ c: Found; fix: Fix }>; found: Found[] } {
  const text = block.text;
  const holds = (e: CompiledEntry) => e.mode !== 'off' && analysis.probe.holds(e.context, text, match.start, match.end);
  const c = match.alternatives ? (byContext(match, holds) as Found | undefined) : match;
  if (c === undefined) {
    // Two people's stories in one article: both names offered, neither applied.
    const options = [(match.target as { entry: CompiledEntry }).entry, ...match.alternatives!].filter(holds);
    const actual = text.slice(match.start, match.end);
    const values = [...new Set(options.map((e) => replacementFor(e, actual, opensSentence(text, match.start))))];
    const rule = options[0]!.rule;
    const fix: Fix = { rule, value: values[0]!, also: values.slice(1), mode: 'suggest', reason: `Replaced “${actual}”: it could name ${values.map((v) => `“${v}”`).join(' or ')}, and the article tells both stories` };
    return { planned: muted(rule) ? [] : [{ c: match, fix }], found: [match] };
  }
  if (c.inside && c.target.kind === 'entry' && !holds(c.target.entry)) {
    const parts = insideOf(c, nextStart) as Found[];
    const planned = parts.flatMap((part) => {
      const fix = decide(block, part);
      return fix && !muted(fix.rule) ? [{ c: part, fix }] : [];
    });
    // The words inside come first: a crossing match's fix stands only where no fix inside overlaps it.
    const inside = planned.filter((p) => p.c.end <= c.end);
    const kept = planned.filter((p) => p.c.end <= c.end || inside.every((q) => q.c.end <= p.c.start || p.c.end <= q.c.start));
    return { planned: kept, found: parts };
  }
  const fix = decide(block, c);
  if (!fix || muted(fix.rule)) return { planned: [], found: [c] };
  const lead = c.target.kind === 'entry' ? c.target.entry.lead : undefined;
  let fit = c.target.kind === 'entry' && fix.mode !== 'suggest' ? (lead ? withLead(text, c, lead, fix) : fitted(text, c, fix)) : { c, fix };
  if (lead && fit.fix.value === text.slice(fit.c.start, fit.c.end)) return { planned: [], found: [c] };
  // The words fitted in must stand in the same text node (not across emphasis or a link's edge).
  if (fit.c !== c && !segmentAt(block, fit.c.start, fit.c.end)) fit = { c, fix };
  return { planned: [fit], found: [fit.c] };
}

/**
 * A tail with its object and verb before it ("put the company | on file for
 * investigation"): the fix covers the phrase from the verb, turned into the
 * entry's where it names one ("placed the company under investigation").
 * Where the verb is not found (the entry's context asks for it), the tail alone.
 */
function withLead(text: string, c: Found, lead: Lead, fix: Fix): { c: Found; fix: Fix } {
  const led = ledPhrase(text, c.start, lead);
  if (!led) return { c, fix };
  const actual = text.slice(led.start, c.end);
  // A tail the lead's verb says all of ("covered the stock for the first time" → "initiated coverage of the stock") is dropped.
  return { c: { ...c, start: led.start }, fix: { ...fix, value: ledValue(led.opening, fix.value), reason: fix.reason.replace(/“[^”]*”/, `“${actual}”`) } };
}

/**
 * A replacement fitted to the words around it: a head noun it ends with and
 * the text repeats after it goes with it, in any of its forms ("shell-borrowing
 * listing" → "backdoor listing", not "backdoor listing listing"; "Shunyu
 * Optics" → "Sunny Optical", not "Sunny Optical Optics"); so does a first word
 * it starts with that the text has just before it ("margin financing balance"
 * → "margin balance", not "margin margin balance"); and "a" or "an" before it
 * agrees with its first sound ("a mid-term dividend" → "an interim dividend").
 */
function fitted(text: string, c: Found, fix: Fix): { c: Found; fix: Fix } {
  let { start, end } = c;
  let value = fix.value;
  const last = /(\p{L}{3,})$/u.exec(value)?.[1];
  const next = /^\s+(\p{L}+)(?![\p{L}\p{N}'’-])/u.exec(text.slice(end, end + 40));
  const lastOfMatch = /(\p{L}+)$/u.exec(text.slice(start, end))?.[1];
  if (last && next && sameWord(next[1]!, last) && !(lastOfMatch && sameWord(lastOfMatch, last))) end += next[0].length;
  const first = /^(\p{L}{3,})\s/u.exec(value)?.[1];
  const before = /(?:^|[^\p{L}\p{N}'’-])(\p{L}+)\s$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  const firstOfMatch = /^(\p{L}+)/u.exec(text.slice(start, end))?.[1];
  if (first && before && before.toLowerCase() === first.toLowerCase() && firstOfMatch?.toLowerCase() !== first.toLowerCase()) {
    start -= before.length + 1;
    value = before + value.slice(first.length); // the word as the text has it: "Margin balance" opening a sentence
  }
  let article = /(?:^|[^\p{L}\p{N}])(a|an|A|An)\s$/u.exec(text.slice(Math.max(0, start - 4), start))?.[1];
  // "A"/"An" with a capital is an article only where it opens a sentence: "Class A", "Plan A" are letters.
  if (article && /^A/.test(article) && !opensSentence(text, start - article.length - 1)) article = undefined;
  const wanted = article ? articleFor(value) : undefined;
  if (article && wanted && wanted !== article.toLowerCase()) {
    start -= article.length + 1;
    value = `${article[0] === 'A' ? wanted[0]!.toUpperCase() + wanted.slice(1) : wanted} ${value}`;
  }
  if (start === c.start && end === c.end) return { c, fix };
  const actual = text.slice(start, end);
  return { c: { ...c, start, end }, fix: { ...fix, value, reason: fix.reason.replace(/“[^”]*”/, `“${actual}”`) } };
}

/**
 * Two forms of one noun: the same letters, or one stem of four or more with a
 * plural or adjective ending ("Optical" and "Optics", "Technology" and
 * "Technologies", "Motor" and "Motors"; never "Electric" and "Electronics",
 * nor a verb's "clears" beside "Clearing").
 */
function sameWord(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const ys = stemsOf(y);
  return stemsOf(x).some((stem) => stem.length >= 4 && ys.includes(stem));
}

const NOUN_ENDINGS = ['ies', 'ics', 'ical', 'al', 'es', 's', 'y'];

function stemsOf(word: string): string[] {
  return [word, ...NOUN_ENDINGS.filter((e) => word.endsWith(e)).map((e) => word.slice(0, -e.length))];
}

/** "a" or "an" before a word, by its first sound; undefined where unsure (a figure). */
function articleFor(value: string): 'a' | 'an' | undefined {
  const word = /^[\p{L}\p{N}]+/u.exec(value)?.[0];
  if (!word || /^\p{N}/u.test(word)) return undefined;
  // An acronym is read letter by letter: "an IPO", "an MLF", "a CSRC", "a PMI".
  if (word.length > 1 && word === word.toUpperCase()) return /^[AEFHILMNORSX]/.test(word) ? 'an' : 'a';
  if (/^(?:uni|use|usu|ure|eu|one|once|ewe)/i.test(word)) return 'a';
  if (/^(?:hour|honest|honou?r|heir)/i.test(word)) return 'an';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * The legal names an English desk printed as a first reference (see
 * deskFirstReferences), by `block:start`; looked up once, when a legal name turns up.
 */
function deskStyle(analysis: Analysis): () => Set<string> {
  let keep: Set<string> | undefined;
  return () => {
    if (keep) return keep;
    const mentions: LegalMention[] = [];
    analysis.blocks.forEach((block, i) => {
      const found = analysis.found[i]!;
      for (const c of found) {
        if (c.extension !== 'legal' || c.target.kind !== 'name') continue;
        mentions.push({ block: i, start: c.start, nameEnd: c.nameEnd ?? c.end, end: c.end, company: c.target.entity, register: c.shareClass !== undefined });
      }
      for (const n of unknownLegalNames(block.text, found)) mentions.push({ ...n, block: i, company: block.text.slice(n.start, n.nameEnd) });
    });
    mentions.sort((a, b) => a.block - b.block || a.start - b.start);
    const isTitle = (i: number) => { const node = analysis.blocks[i]!.node; return node.type === 'heading' && node.depth === 1; };
    const first = new Map<number | string, LegalMention>();
    for (const m of mentions) if (!first.has(m.company)) first.set(m.company, m);
    const shortNameFollows = analysis.found.some((list, i) =>
      list.some((c) => {
        const m = c.target.kind === 'name' && c.extension !== 'legal' ? first.get(c.target.entity) : undefined;
        return m !== undefined && (i > m.block || (i === m.block && c.start > m.start));
      }),
    ) || [...first.values()].some((m) => typeof m.company === 'string' && laterMention(analysis, m, m.company));
    return (keep = deskFirstReferences(analysis.blocks.map((b) => b.text), mentions, isTitle, shortNameFollows));
  };
}

// "Intel, the toothpaste factory, …" and "CATL (the Ning King)": a name given beside an appositive that renames it, article and all.
const OTHER_NAME_BEFORE = String.raw`\s*(?:,|,?\s*(?:\(|(?:also\s+|better\s+|otherwise\s+)?known\s+(?:in\s+\p{L}+\s+)?as|a\.?k\.?a\.?|or|whose\s+\p{L}+\s+name\s+is))\s*(?:(?:the|a|an|its)\s+)?$`;
/** The word of an event after a name: its own title ("Byte Beat Festival", "the Golden Dragon Cup"). */
const EVENT_AFTER = /^\s+(?:(?:music|film|arts?|food|beer|jazz|rock|dance|electronic)\s+)?(?:festival|fest|concert|gala|carnival|parade|marathon|regatta|cup|awards?|prize|tournament|championships?)(?![\p{L}\p{N}])/iu;
/** What stands before a verb in -ing (an auxiliary, a pronoun, a preposition taking a gerund), not before a noun. */
const VERB_BEFORE = /\b(?:is|was|are|were|be|been|being|am|it's|he's|she's|they're|we're|after|before|by|from|without|for|of|on|about|started|began|stop|stopped|considering|keep|kept)\s+$/i;
const NAMED_IN_LANGUAGE = /(?:(?:known|called|named|written|pronounced|rendered)\s+in\s+(?:Chinese|Mandarin|Cantonese|pinyin|Korean|Japanese)(?:\s+as)?|(?:Chinese|Mandarin|Cantonese|pinyin|Korean|Japanese)\s+name(?:\s+is|,)?|\b(?:means|meaning|literally|translates\s+as|translated\s+as))\s*[“"‘']?$/u;
const OTHER_NAME_AFTER = String.raw`^\s*(?:\(|,\s*|,?\s*(?:also\s+|better\s+)?known\s+(?:in\s+\p{L}+\s+)?as\s+|,?\s*or\s+)`;

/**
 * "William Ding, also known as Ding Lei", "Ding Lei (William Ding)": the
 * article gives the right name beside the other one on purpose; replacing it
 * would print one name twice.
 */
function givenAsOtherName(text: string, start: number, end: number, value: string): boolean {
  // "known in Chinese as Bi Ya Di", "its Chinese name, Ningde Shidai, means “Ningde era”": a name or its meaning, given as such.
  if (NAMED_IN_LANGUAGE.test(text.slice(Math.max(0, start - 40), start))) return true;
  // A tail a verb phrase drops (expected "") names nothing.
  if (!value || !text.includes(value)) return false;
  const v = escapeRe(value);
  const before = text.slice(Math.max(0, start - value.length - 40), start);
  const after = text.slice(end, end + value.length + 40);
  return new RegExp(`${v}${OTHER_NAME_BEFORE}`, 'u').test(before) || new RegExp(`${OTHER_NAME_AFTER}${v}(?![\\p{L}\\p{N}])`, 'u').test(after);
}

/** What is left of a product's name without its maker that is a common word for a service, or one or two letters. */
const GENERIC_PRODUCT_WORD =
  /^(?:\p{L}{1,2}|Cloud|Docs|Meeting|Meetings|Conference|Video|Videos|Music|Maps?|Pay|Wallet|Browser|News|Mail|Drive|Disk|Games?|Health|Finance|Search|Translate|Assistant|Store|Mall|Live|Reading|Photos|Books|Library|Input|Keyboard|Security|Apps?|Shop|Express|Logistics|Travel|Takeaway|Auto|Weather|Calendar|Notes|Office)$/u;

/**
 * "Xiaomi's Xuanjie O1" → "Xiaomi's XRING O1", not "Xiaomi's Xiaomi XRING O1": a product named after its maker
 * loses the maker's name where the maker is named just before it, in the possessive ("Loongson's 3A6000"). A
 * bare model number keeps it ("Xiaomi's Xiaomi 15": "Xiaomi's 15" names nothing).
 */
function withoutOwnerAgain(kb: Matcher['kb'], entry: CompiledEntry, value: string, before: string): string {
  if (!entry.entity) return value;
  const product = kb.entity(kb.indexOf(entry.entity) ?? -1);
  const owner = product?.type === 'product' && product.owner ? kb.entity(kb.indexOf(product.owner) ?? -1) : undefined;
  if (!owner) return value;
  // The sentence so far: the maker named in it earlier ("Xiaomi designed the …") is named once.
  const sentence = before.slice(Math.max(0, before.search(/[.!?]\s+(?=[^.!?]*$)/u) + 1));
  for (const name of [owner.name, ...(owner.aliases ?? [])]) {
    const rest = value.startsWith(`${name} `) ? value.slice(name.length + 1) : undefined;
    if (!rest || !/^[\p{L}\p{N}-]*\p{L}/u.test(rest)) continue;
    // A generic service word or a bare letter names nothing alone: "Tencent's Tencent Docs", never "Tencent's Docs".
    if (GENERIC_PRODUCT_WORD.test(rest)) return value;
    if (new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRe(name)}['’]s\\s+$`, 'u').test(before)) return rest;
    // Without the possessive, only a model name that stands alone ("XRING O1"): never a plain word ("Seal",
    // "Dolphin") nor a bare model code ("C11", "9X", which read as the maker's only with its name).
    if (/\p{N}|\p{Lu}\p{Lu}/u.test(rest) && /\p{L}{3,}/u.test(rest) && !/^\p{Lu}?\p{Ll}+$/u.test(rest) && new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'u').test(sentence)) return rest;
  }
  return value;
}

/** What follows a person's name: a verb of saying, or a role in apposition ("Xiao Long, an analyst at…"). */
const PERSON_AFTER = /^(?:\s+(?:said|says|told|added|noted|wrote|argued|believes|thinks)\b|,\s+(?:a|an|the|who|chief|head|founder|chairman|chairwoman|president|analyst|economist|director|manager|partner|professor|vice)\b)/u;
/** What stands before one: a title or a role ("analyst Xiao Long", "Mr. Wang"). */
const PERSON_BEFORE = /\b(?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?|analyst|economist|chairman|chairwoman|founder|executive|manager|director|strategist|professor|spokesman|spokeswoman|spokesperson|reporter|investor)\s+$/u;

/** A title before a name, and an appositive after it that only a person takes ("Desai, the chief financial officer, said", "…, who joined in 2019"). */
const TITLE_BEFORE = /\b(?:Mr|Ms|Mrs|Dr|Prof|Sir)\.?\s+$/u;
const PERSON_APPOSITIVE =
  /^,\s+(?:who\b|(?:the|a|an|its|our)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:chief|officer|analyst|director|executive|president|chair|chairman|chairwoman|founder|co-founder|economist|partner|head|manager|minister|spokesman|spokeswoman|spokesperson|professor|adviser|advisor|strategist|CEO|CFO|CTO|COO)\b)/iu;

/** Capitalised words before a name that are no given name: a sentence's first word, a company's role (singular; "-maker" apart). */
const NOT_A_GIVEN_NAME = new Set(
  ('The An In On At For And But Or As By With From After Before While When If Then Also Only Even Both Meanwhile However Separately ' +
    'Including Like Unlike Against Over Under About Since Until Despite Via Per Listed Shenzhen-listed Shanghai-listed ' +
    'Share Stock Group Holding Holdings Unit Brand Startup Firm Company Conglomerate Bank Giant Champion Rival Peer Partner Customer ' +
    'Supplier Vendor Contractor Dealer Retailer Lender Insurer Developer Operator Producer Manufacturer Brewer Miner Broker Carrier ' +
    'Distributor Investor Owner Provider Builder Designer Exporter Importer Refiner Smelter Shipper Trader Seller Buyer Leader Player ' +
    'Challenger Newcomer')
    .split(' '),
);
const notAGivenName = (word: string) => NOT_A_GIVEN_NAME.has(word) || NOT_A_GIVEN_NAME.has(word.replace(/s$/, '')) || /makers?$/u.test(word);

/**
 * Whether text[start, end), a one- or two-word pinyin form, is part of a
 * person's name: a pinyin given name after a surname ("Wang Hongmeng"), or
 * a product's form that is itself a surname and a given name standing as a
 * person does, with a role or a verb of saying beside it ("Xiao Long, an
 * analyst, said").
 */
function inPersonName(text: string, start: number, end: number, isProduct: () => boolean, isName: (word: string) => boolean): boolean {
  const form = text.slice(start, end);
  if (!/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?$/u.test(form) || !form.split(' ').every((w) => isPinyin(w))) return false;
  const before = /(\p{Lu}\p{Ll}*) $/u.exec(text.slice(Math.max(0, start - 12), start))?.[1];
  if (!form.includes(' ') && before && isSurname(before) && !/[\p{L}\p{N}]/u.test(text[start - before.length - 2] ?? '')) return true;
  // After a given name of another language ("Rajiv Desai", "Maria Jike"): a surname that reads as pinyin. Not after
  // a place ("Huizhou Desai"), a company's name ("Intel Kurui") or a word for what it is ("Drugmaker Huirui").
  if (!form.includes(' ') && before && /^\p{Lu}\p{Ll}{2,}$/u.test(before) && !placeOnly(before) && !notAGivenName(before) && !isName(before)) return true;
  // A one-word pinyin name standing as a person does: a surname too ("Desai" is 德赛, Desay SV's short name, and an Indian surname).
  if (!form.includes(' ') && (TITLE_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || PERSON_APPOSITIVE.test(text.slice(end, end + 80)))) return true;
  const [first] = form.split(' ');
  // A company says things and is described in apposition as a person is: only a product's two words are a person here.
  return form.includes(' ') && isSurname(first!) && isProduct() && (PERSON_AFTER.test(text.slice(end, end + 24)) || PERSON_BEFORE.test(text.slice(Math.max(0, start - 24), start)));
}

/** The match that covers all of `text` (a name, a form, a term the knowledge base holds), if any. */
function wholeMatch(matcher: Matcher, text: string): Found | undefined {
  return matcher.find(text).find((m) => m.start === 0 && m.end === text.length) as Found | undefined;
}

/** The curated company named `name` and one of `words` ("Ping An" + "Bank" → "Ping An Bank"), if the knowledge base knows it. */
function unitNamed(matcher: Matcher, name: string, words: string[]): string | undefined {
  for (const word of words) {
    const whole = wholeMatch(matcher, `${name} ${word}`);
    const unit = whole?.target.kind === 'name' ? matcher.kb.entity(whole.target.entity) : undefined;
    if (unit?.curated && unit.type === 'company') return unit.name;
  }
  return undefined;
}

/** Whether `name` is printed again, as a word, after the mention `m`. */
function laterMention(analysis: Analysis, m: LegalMention, name: string): boolean {
  for (let i = m.block; i < analysis.blocks.length; i++) {
    const text = analysis.blocks[i]!.text;
    for (let at = text.indexOf(name, i === m.block ? m.end : 0); at !== -1; at = text.indexOf(name, at + 1)) {
      if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[at + name.length] ?? '')) return true;
    }
  }
  return false;
}

function decider(matcher: Matcher, analysis: Analysis, firstReferences: () => Set<string>) {
  const kb = matcher.kb;
  let shareClassStory: boolean | undefined; // looked up only when a share-class name turns up
  let countersQuoted: Set<number> | undefined; // looked up only when a short name turns up
  /** The name first used for an entity without a curated name, so all its spellings agree. */
  const chosen = new Map<number, string>();

  return (block: Block, c: Found): Fix | undefined => {
    const text = block.text;
    const actual = text.slice(c.start, c.end);
    if (c.target.kind === 'entry') {
      const entry = c.target.entry;
      if (entry.mode === 'off' || !analysis.probe.holds(entry.context, text, c.start, c.end)) return undefined;
      // "Wang Hongmeng", "Xiao Long, an analyst": a product's or a company's pinyin that is a person's name here.
      if ((entry.rule === 'entity-name' || entry.rule === 'dictionary') && inPersonName(text, c.start, c.end, () => kb.entity(kb.indexOf(entry.entity ?? '') ?? -1)?.type === 'product', (word) => wholeMatch(matcher, word) !== undefined)) return undefined;
      // A name's word-for-word form before an event's word is the event's own name: "the Byte Beat music festival".
      if (entry.rule === 'entity-name' && (entry.context as NameContext | undefined)?.capital && EVENT_AFTER.test(text.slice(c.end, c.end + 40))) return undefined;
      // A quoted title (an album, a film, a game) is never the entity: "the album “Ultraman”" stays.
      const quoted = quotedSpan(text, c.start, c.end);
      if (quoted && (quoted.title || (quoted.exact && entry.context))) return undefined;
      // Jargon that starts inside a hyphenated word is part of another term: "full-year report" is no "year report".
      if (entry.rule === 'jargon' && /\p{L}-$/u.test(text.slice(Math.max(0, c.start - 2), c.start))) return undefined;
      let value = withoutOwnerAgain(kb, entry, replacementFor(entry, actual, opensSentence(text, c.start)), text.slice(Math.max(0, c.start - 60), c.start));
      // An adverb where the sentence wants a noun ("a ring ratio increase" → "a sequentially increase"): unsure, kept.
      if (entry.rule === 'jargon' && /^\p{L}+ly$/u.test(value) && /\b(?:a|an|the|its|their|this|that|his|her)\s+$/iu.test(text.slice(Math.max(0, c.start - 8), c.start))) return undefined;
      // A literal verb phrase used as a verb ("Washington was lifting the ban on chip sales") is plain English.
      if (entry.rule === 'jargon' && /^\p{L}+ing\s+(?:the|a|an|its|their)\s/iu.test(actual) && !/^(?:\p{L}+(?:ing|ed|en)|given|put|set|hit|cut|in|on|at)\b/u.test(value) && VERB_BEFORE.test(text.slice(Math.max(0, c.start - 30), c.start))) return undefined;
      if (c.extension === 'legal') {
        // "Ningde Times Co., Ltd." in a court-case name or a filing stays as printed; its stop may end the sentence.
        if (inLegalContext(text, c.start, c.end)) return undefined;
        if (c.keepStop) value += '.';
      }
      // A verb phrase's tail may stay as it is while its verb changes ("empowered … with smart driving"): told once the phrase is read.
      if ((value === actual && !entry.lead) || givenAsOtherName(text, c.start, c.end, value)) return undefined;
      return { rule: entry.rule, value, mode: entry.mode, reason: reasonFor(entry.rule, actual, value), note: entry.note };
    }
    const index = c.target.entity;
    const entity = kb.entity(index);
    const written = () => {
      const name = text.slice(c.start, c.nameEnd ?? c.end);
      if (!chosen.has(index)) chosen.set(index, name);
      return chosen.get(index)!;
    };
    if (c.extension === 'legal') {
      if (c.shareClass && (shareClassStory ??= SHARE_CLASS_STORY.test(analysis.article) || twoClassesQuoted(analysis))) return undefined;
      // A listed company where a product or a plain noun belongs is flag-entities' business.
      if (productSlot(text, c.start) || nounSlot(text, c.start, c.end)) return undefined;
      // Court-case names, filings, disclaimers, "formerly known as": the legal name is right there.
      if (inLegalContext(text, c.start, c.end) || quotedSpan(text, c.start, c.end)?.title) return undefined;
      // A desk's first reference ("Xiaomi Corp (1810.HK) posted…") is right as printed.
      if (firstReferences().has(`${analysis.blocks.indexOf(block)}:${c.start}`)) return undefined;
      const printed = text.slice(c.start, c.nameEnd ?? c.end);
      // "Bank of China (Hong Kong) Limited" is a regional unit, never its parent, unless the company's own register name.
      const unit = c.nameEnd === undefined ? undefined : regionalUnitAt(text, c.nameEnd);
      const own = unit && (entity.aliases ?? []).some((a) => a.toLowerCase() === (printed + unit).toLowerCase());
      let running = unit && !own ? printed + unit : entity.curated ? runningName(entity, printed, actual) : written();
      // "Haier Group Co., Ltd.": the form's "Group" is a word of another known company's name ("Haier Group", not "Haier Smart Home").
      const groupWord = running === undefined ? /^,?\s\(?(Group|Holdings?)\)?[\s,]/.exec(text.slice(c.nameEnd ?? c.end, c.end))?.[1] : undefined;
      if (groupWord) running = unitNamed(matcher, printed, [groupWord]);
      // "SoftBank Corp" is not "SoftBank Group": a legal name that lacks a word of the desk name is another company.
      if (running === undefined) return undefined;
      let value = c.shareClass && entity.linked ? entity.linked : running;
      // "Advanced Micro Devices, Inc. (AMD)": the first reference keeps its full running form beside the abbreviation.
      const abbreviation = /^\s*\(([\p{Lu}][\p{Lu}\p{N}&.-]{1,9})\)/u.exec(text.slice(c.end, c.end + 14))?.[1];
      if (abbreviation && (abbreviation === value || abbreviation === entity.name)) value = printed;
      // Two organisations made one, a place or a plain word made of a company: unsure, kept.
      if (unsureShortening(analysis.article, text, c.start, (c.nameEnd ?? c.end) + (unit && !own ? unit.length : 0), c.end, value, true)) return undefined;
      if (c.keepStop) value += '.';
      const reason = c.shareClass
        ? `Replaced the share-class listing name “${actual}” with the company’s name “${value}”`
        : `Replaced the legal name “${actual}” with the name used in running text, “${value}”`;
      return { rule: 'legal-suffix', value, mode: 'fix', reason };
    }
    if (c.extension === 'pinyin-tail') {
      // "Xiaomi Jituan": a generic company word (集团) left in pinyin after the name.
      if (productSlot(text, c.start) || quotedSpan(text, c.start, c.end)?.title) return undefined;
      let value = entity.curated ? entity.name : written();
      // "Ping An Yinhang": a trade word the company's own trade is not names a unit, which is never its parent.
      const trade = text.slice(c.nameEnd ?? c.end, c.end).trim().split(/\s+/).map((w) => TRADE_WORDS[w]).find((t) => t && !(entity.sector && t.fits.test(entity.sector)));
      if (trade) {
        const unit = unitNamed(matcher, value, trade.english);
        if (unit === undefined) return undefined;
        value = unit;
      }
      return { rule: 'entity-name', value, mode: 'fix', reason: `Replaced “${actual}”, a name with a company word left in pinyin, with “${value}”` };
    }
    if (c.extension === 'hk-suffix' || (c.target.form === 'short' && entity.fixShort)) {
      // "TENCENT (00700) and TENCENT-R (80700)": where the article quotes both counters, they are the story.
      if ((countersQuoted ??= quotedCounters(analysis)).has(index)) return undefined;
      // 'trades under the short name "BABA-W"': a short name set alone in quotation marks is quoted as such.
      if (quotedSpan(text, c.start, c.end)?.exact) return undefined;
      const named = entity.curated || c.target.form === 'short' ? entity.name : written();
      // "CHINA MOBILE PROFIT RISES": in a line set in capitals the name stays in capitals (only a counter goes).
      const value = setInCapitals(text, c.start, c.end) ? named.toUpperCase() : named;
      if (value === actual) return undefined;
      return { rule: 'hk-short-name', value, mode: 'fix', reason: `Replaced the Hong Kong exchange short name “${actual}” with “${value}”` };
    }
    if (c.target.form === 'short' && !entity.curated) {
      // The rest of the HKEX list: a derived name is offered, never applied (abbreviations make it a guess).
      const base = actual.replace(HK_MARKER, '');
      if (!/\s/.test(base) && base.length < 5) return undefined;
      if ((countersQuoted ??= quotedCounters(analysis)).has(index)) return undefined;
      const value = displayFromShort(actual) ?? titleCase(base);
      if (value === actual || value.toUpperCase() === value || setInCapitals(text, c.start, c.end)) return undefined;
      return { rule: 'hk-short-name', value, mode: 'suggest', reason: `Replaced the Hong Kong exchange short name “${actual}” with a name derived from it, “${value}”` };
    }
    return undefined;
  };
}

/**
 * The running name for a curated company's legal name: its desk name when the
 * printed name is a form of it ("Meta Platforms", "Amazon.com", "Advanced
 * Micro Devices" for AMD), else the printed name itself: "Google LLC" is
 * Google, not its parent Alphabet. Undefined when the legal name is part of
 * the desk name without all of it ("SoftBank Corp" beside "SoftBank Group"):
 * a subsidiary, left as printed.
 */
function runningName(entity: EntityRecord, printed: string, legal: string): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'");
  if (fold(printed) === fold(entity.name)) return entity.name;
  const words = printed.split(/[^\p{L}\p{N}&]+/u).filter(Boolean);
  const legalWords = new Set(legal.split(/[^\p{L}\p{N}&]+/u).map(fold));
  const nameWords = entity.name.split(/[^\p{L}\p{N}&]+/u).filter(Boolean).map(fold);
  if (words.every((w) => nameWords.includes(fold(w))) && nameWords.some((w) => !legalWords.has(w))) return undefined;
  const first = entity.name.split(/\s+/)[0]!;
  if (words.some((w) => fold(w) === fold(first))) return entity.name;
  const initials = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  const compact = entity.name.replace(/[^\p{Lu}]/gu, '');
  if (initials.length >= 2 && compact.length >= 2 && compact === entity.name.replace(/\s+/g, '') && compact.startsWith(initials)) return entity.name;
  // "China Petroleum & Chemical Corporation" → "Sinopec", "Hong Kong Exchanges and Clearing Limited" → "HKEX": a
  // spelled-out alias of three words or more, printed with its legal form, is the register's name of a company
  // the desk calls by a shorter name that the exchange's own short name ("SINOPEC CORP") or an acronym confirms.
  // (One- and two-word aliases, "Facebook", may be a former or a unit's name; "Hon Hai Precision Industry" stays.)
  if (words.length >= 3 && entity.name.length < printed.length && registerShortName(entity) && (entity.aliases ?? []).some((a) => fold(a) === fold(printed))) return entity.name;
  return printed;
}

/** Whether the desk name is the exchange's short name for the company ("Sinopec", "SINOPEC CORP") or an acronym ("PICC", "BMW"). */
function registerShortName(entity: EntityRecord): boolean {
  const first = entity.name.split(/\s+/)[0]!;
  if (/^\p{Lu}{2,}/u.test(first)) return true;
  return (entity.short ?? []).some((s) => s.split(/[\s-]+/)[0]!.toLowerCase() === first.toLowerCase());
}

/** Whether the article names two share classes of one company ("Alphabet Inc. Class A … Alphabet Inc. Class C"). */
function twoClassesQuoted(analysis: Analysis): boolean {
  const classes = new Map<number, Set<string>>();
  for (const list of analysis.found) {
    for (const c of list) {
      if (!c.shareClass || c.target.kind !== 'name') continue;
      const set = classes.get(c.target.entity) ?? new Set<string>();
      set.add(c.shareClass);
      if (set.size > 1) return true;
      classes.set(c.target.entity, set);
    }
  }
  return false;
}

/** "The " or "the " standing right before a match, as a word. */
const ARTICLE_BEFORE = /(?:^|[^\p{L}\p{N}])([Tt]he\s+)$/u;
const COMPANY_CUE_AFTER = new RegExp(`^${COMPANY_CUE}`, 'u');

/**
 * "The Ningde Times Group said" → "CATL said", not "The CATL said": a company's rendering read as English
 * words takes an article that its name does not. Only before what a company does (a verb, a possessive, a
 * ticker), so "the Ningde Times Group plant" keeps "the" for the plant; never for a public body ("the China
 * Securities Regulatory Commission") or a name that starts with one.
 */
function withArticle(matcher: Matcher, text: string, c: Found, fix: Fix, others: ReadonlyArray<{ c: Found }>): Found {
  // "The Coca-Cola Company said" → "Coca-Cola said": a register's "The" goes with a known company's legal form too.
  const legal = fix.rule === 'legal-suffix' && c.extension === 'legal';
  if ((fix.rule !== 'entity-name' && !legal) || fix.mode !== 'fix' || /^the\s/i.test(fix.value)) return c;
  // The article is taken only where no other fix in the block reaches it.
  if (others.some((o) => o.c.end > c.start - 8 && o.c.start < c.start)) return c;
  const entity = entityOf(matcher, c);
  if (entity === undefined || matcher.kb.entity(entity).type !== 'company') return c;
  const article = ARTICLE_BEFORE.exec(text.slice(Math.max(0, c.start - 8), c.start));
  if (!article || !COMPANY_CUE_AFTER.test(text.slice(c.end, c.end + 40))) return c;
  return { ...c, start: c.start - article[1]!.length };
}

/** Whether the text around [start, end) is set in capitals: four letters or more, nearly all of them capitals. */
function setInCapitals(text: string, start: number, end: number): boolean {
  let letters = 0;
  let capitals = 0;
  for (const part of [text.slice(0, start), text.slice(end)]) {
    for (const ch of part) {
      if (!/\p{L}/u.test(ch)) continue;
      letters++;
      if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) capitals++;
    }
  }
  return letters >= 4 && capitals >= letters * 0.9;
}

/** Entities whose exchange short names the article quotes on two counters ("TENCENT" and "TENCENT-R"). */
function quotedCounters(analysis: Analysis): Set<number> {
  const seen = new Map<number, Set<string>>();
  analysis.found.forEach((list, i) => {
    const text = analysis.blocks[i]!.text;
    for (const c of list) {
      if (c.target.kind !== 'name' || (c.target.form !== 'short' && c.extension !== 'hk-suffix')) continue;
      const forms = seen.get(c.target.entity) ?? new Set<string>();
      forms.add(text.slice(c.start, c.end));
      seen.set(c.target.entity, forms);
    }
  });
  const both = new Set<number>();
  for (const [entity, forms] of seen) {
    const list = [...forms];
    if (list.some((f) => /-(?:S|W|SW)?R$/.test(f)) && list.some((f) => !/-(?:S|W|SW)?R$/.test(f))) both.add(entity);
  }
  return both;
}

type Anchored = ReturnType<typeof tickerAnchored>[number];
const NONE: readonly Anchored[] = [];

/** Ticker-anchored fixes by block index: each block looks up its own instead of filtering them all. */
function byBlock(anchored: Anchored[]): Map<number, Anchored[]> {
  const out = new Map<number, Anchored[]>();
  for (const a of anchored) {
    const list = out.get(a.block);
    if (list) list.push(a);
    else out.set(a.block, [a]);
  }
  return out;
}

/** Ticker-anchored fixes of one block (`anchored`: that block's), as matches and fixes. */
function anchoredFixes(matcher: Matcher, anchored: readonly Anchored[]): Array<{ c: Found; fix: Fix }> {
  return anchored
    .map((a) => ({
      c: { start: a.start, end: a.end, target: { kind: 'name', entity: a.entity, form: 'alias', pattern: matcher.kb.entity(a.entity).name, priority: 0 } },
      // A wrong form the knowledge base holds keeps its entry's rule ("BABA-SW (09988.HK)" is an exchange short name).
      fix: { rule: a.rule ?? 'entity-name', value: a.value, mode: a.mode, reason: a.reason },
    }));
}

/** Legal names of companies no list holds, in running text: "Shenzhen Kaifa Technology Co., Ltd." → "Shenzhen Kaifa Technology". */
function unknownLegalFixes(block: Block, found: Found[], anchored: readonly Anchored[], index: number, firstReferences: () => Set<string>, article: () => string): Array<{ c: Found; fix: Fix }> {
  const text = block.text;
  const taken = found.length || anchored.length ? [...found, ...anchored] : NONE;
  const out: Array<{ c: Found; fix: Fix }> = [];
  for (const n of unknownLegalNames(text, taken)) {
    if (productSlot(text, n.start) || nounSlot(text, n.start, n.end) || inLegalContext(text, n.start, n.end) || quotedSpan(text, n.start, n.end)) continue;
    if (firstReferences().has(`${index}:${n.start}`)) continue;
    const name = text.slice(n.start, n.nameEnd);
    if (unsureShortening(article(), text, n.start, n.nameEnd, n.end, name, false)) continue;
    const value = n.keepStop ? `${name}.` : name;
    const actual = text.slice(n.start, n.end);
    out.push({
      c: { start: n.start, end: n.end, target: { kind: 'entry', entry: LEGAL_ENTRY, pattern: actual, priority: 0 } },
      fix: { rule: 'legal-suffix', value, mode: 'fix', reason: `Replaced the legal name “${actual}” with the name used in running text, “${name}”` },
    });
  }
  return out;
}

/** Stands for the legal-form grammar in matches it makes (they name no entity). */
const LEGAL_ENTRY: CompiledEntry = { rule: 'legal-suffix', expected: '', patterns: [], index: -1, mode: 'fix', priority: 0 };

function reasonFor(rule: string, actual: string, value: string): string {
  if (rule === 'person-name') return `Replaced “${actual}” with the name English-language media use, “${value}”`;
  if (rule === 'entity-name') return `Replaced the mistranslated name “${actual}” with “${value}”`;
  if (rule === 'jargon') return `Replaced the literal translation “${actual}” with “${value}”`;
  return `Replaced “${actual}” with “${value}”`;
}

interface Applied {
  /** The fixed match, in the block text before the fix. */
  c: Found;
  value: string;
}

/**
 * The matches of a fixed block, moved to its new text, for flag-entities to
 * reuse instead of scanning the block again: a replaced name is still a name
 * of its entity; replaced jargon names nothing.
 */
function carryOver(matcher: Matcher, file: VFile, block: Block, found: Found[], applied: Applied[]): void {
  const memo = file.data.copydeskMatches;
  if (!memo) return;
  const fixed = new Map(applied.map((a) => [a.c, a.value]));
  const next: Found[] = [];
  let text = '';
  let at = 0;
  let shift = 0;
  for (const c of found) {
    const value = fixed.get(c);
    if (value === undefined) {
      next.push({ ...c, start: c.start + shift, end: c.end + shift, nameEnd: c.nameEnd === undefined ? undefined : c.nameEnd + shift });
      continue;
    }
    text += block.text.slice(at, c.start) + value;
    at = c.end;
    const entity = entityOf(matcher, c);
    const name = c.keepStop ? value.slice(0, -1) : value;
    if (entity !== undefined) next.push({ start: c.start + shift, end: c.start + shift + name.length, target: { kind: 'name', entity, form: 'alias', pattern: name, priority: 0 } });
    shift += value.length - (c.end - c.start);
  }
  memo.byText.set(text + block.text.slice(at), { found: next });
}

/** Reports each fix (positions first, from the unedited text), then edits the text nodes right to left. */
function apply(file: VFile, block: Block, planned: Array<{ c: Found; fix: Fix }>): Applied[] {
  const done: Applied[] = [];
  const edits: Array<{ node: Block['segments'][number]['node']; start: number; end: number; value: string }> = [];
  for (const { c, fix } of planned) {
    const segment = segmentAt(block, c.start, c.end);
    if (!segment) continue; // spans emphasis or a link edge: leave it
    const actual = block.text.slice(c.start, c.end);
    const start = c.start - segment.start;
    const suggest = fix.mode === 'suggest';
    report(file, {
      ruleId: fix.rule,
      reason: suggest ? `${fix.reason.replace(/^Replaced/, 'Consider replacing')} (not applied)` : fix.reason,
      place: placeIn(file, segment.node, start, actual),
      actual,
      expected: [fix.value, ...(fix.also ?? [])],
      note: fix.note,
      severity: suggest ? 'warning' : 'info',
    });
    if (!suggest) {
      edits.push({ node: segment.node, start, end: start + actual.length, value: fix.value });
      done.push({ c, value: fix.value });
    }
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) editText(e.node, e.start, e.end, e.value);
  return done;
}

/** Ticker-notation repairs, rule by rule, in every text node; `blocks` (the tree's) gets each repaired block afresh. */
function repairNotation(tree: Root, file: VFile, blocks: Block[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // Every repair needs a bracket or a dollar sign, and a text node's value is part of its block's text.
    const text = block.text;
    if (!text.includes('(') && !text.includes('$')) continue;
    // Most blocks hold no notation to repair: the text test first, the muted passages only for those that do.
    if (!block.segments.some((s) => mayNeedRepair(s.node.value)) || isMuted(tree, block.node, ['ticker-notation', PLUGIN])) continue;
    let repaired = false;
    for (const { node } of block.segments) {
      if (!mayNeedRepair(node.value)) continue;
      for (const rule of NOTATION_RULES) {
        const fixes = notationFixes(rule, node.value);
        for (const f of fixes) {
          const actual = node.value.slice(f.start, f.end);
          report(file, { ruleId: 'ticker-notation', reason: rule.reason, place: placeIn(file, node, f.start, actual), actual, expected: [f.value] });
        }
        for (const f of fixes.reverse()) editText(node, f.start, f.end, f.value);
        if (fixes.length) repaired = true;
      }
    }
    if (repaired) blocks[i] = blockOf(block.node);
  }
}
