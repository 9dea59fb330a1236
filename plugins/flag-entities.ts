/**
 * flag-entities: warns an editor where a name is wrong but the fix would be a
 * guess, and leaves the text as it is.
 *
 * An entity linker that swaps words for listed companies also hits product
 * names and plain nouns: Meta's chatbot becomes "Siasun Robot & Automation"
 * (the chatbot is a "chat robot" in Chinese, and 机器人 "robot" is linked to
 * the robot maker), Alibaba's Tongyi models become "Tongwei Co., Ltd.".
 * Wire pages also print a name beside another company's ticker, and leave
 * passages untranslated.
 *
 * Rule ids:
 * - `suspicious-product-name`: a product slot ("its AI chatbot …", "the voice
 *   assistant …") or a plain-noun slot ("hundreds of … robots") filled with a
 *   listed company that the article does not otherwise mention and that does
 *   not make such products, or that makes them but is the slot owner's rival,
 *   not of its group (curated `parent` links: "Geely said its electric brand
 *   XPeng"). `expected` holds the slot without the name and up to three of the
 *   owner's products of that kind, where the knowledge base has them.
 * - `ticker-mismatch`: a name and the ticker beside it belong to different
 *   listings ("China Mobile (00762)": 00762 is China Unicom), a share class
 *   beside the other class's ticker, or one code under two unrelated names in
 *   one article.
 * - `untranslated-text`: a passage in another script (a run of Han, kana,
 *   Hangul, Cyrillic… letters) or, where accented Latin letters suggest it,
 *   another language (franc, which runs only then); an article mostly in
 *   another language gets one flag for the whole article.
 *
 * @example
 *   in:  "Meta will charge heavy users of its AI chatbot Siasun Robot & Automation a monthly fee."
 *   out: unchanged; `suspicious-product-name` on "its AI chatbot Siasun Robot & Automation", expected ["its AI chatbot", "Meta AI"]
 * @example
 *   in:  "Alibaba Health (09988) reported results."
 *   out: unchanged; `ticker-mismatch` on "Alibaba Health (09988)"
 */
import { franc } from 'franc';
import type { Root } from 'mdast';
import stringSimilarity from 'string-similarity';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { analyse, entityOf, ownerOf, type Analysis, type Found } from '../src/entities/analysis.js';
import type { Matcher } from '../src/entities/matcher.js';
import { matcherFor, type EntitySources } from '../src/entities/setup.js';
import { foreignRuns, isDiscussedTerm, isGloss, isQuotedTitle, mayNotBeEnglish, scriptLanguage } from '../src/entities/script.js';
import { kin, subsidiaries } from '../src/entities/flag-kin.js';
import { kindsOf, makesKind, namedAsCompany, nounSlot, plainWordSlot, slotOf, type Slot } from '../src/entities/slots.js';
import { marketOf, printKey } from '../src/entities/tickers.js';
import { placeIn, segmentAt, type Block } from '../src/entities/text.js';
import { isMuted } from '../src/control.js';
import { pointer, report } from '../src/report.js';

export const PLUGIN = 'flag-entities';
export const RULES = ['suspicious-product-name', 'ticker-mismatch', 'untranslated-text'] as const;

export interface FlagEntitiesOptions extends EntitySources {
  /** Fewest letters of another script that make a passage worth flagging. @default 2 for Han, kana and Hangul, 5 for alphabets */
  minForeignLetters?: number | undefined;
  /** Languages franc may answer (ISO 639-3), for Latin-script passages. */
  languages?: string[] | undefined;
}

const LANGUAGES = ['eng', 'spa', 'por', 'fra', 'deu', 'ita', 'nld', 'ind', 'vie', 'tur', 'pol', 'swe', 'ces', 'slk', 'ron', 'hun', 'fin', 'dan', 'nob', 'cat', 'hrv'];
const LANGUAGE_NAMES: Record<string, string> = {
  spa: 'Spanish',
  por: 'Portuguese',
  fra: 'French',
  deu: 'German',
  ita: 'Italian',
  nld: 'Dutch',
  ind: 'Indonesian',
  vie: 'Vietnamese',
  tur: 'Turkish',
  pol: 'Polish',
  swe: 'Swedish',
  ces: 'Czech',
  slk: 'Slovak',
  ron: 'Romanian',
  hun: 'Hungarian',
  fin: 'Finnish',
  dan: 'Danish',
  nob: 'Norwegian',
  cat: 'Catalan',
  hrv: 'Croatian',
  rus: 'Russian',
  ukr: 'Ukrainian',
  bel: 'Belarusian',
  bul: 'Bulgarian',
  srp: 'Serbian',
  mkd: 'Macedonian',
};

interface Flag {
  rule: (typeof RULES)[number];
  block: Block;
  start: number;
  end: number;
  reason: string;
  expected?: string[] | undefined;
  note?: string | undefined;
  cause?: ReturnType<typeof pointer> | undefined;
}

const flagEntities: Plugin<[FlagEntitiesOptions?], Root> = function (options = {}) {
  const matcher = matcherFor(options);
  const minLetters = options.minForeignLetters;
  const languages = options.languages ?? LANGUAGES;
  return (tree: Root, file: VFile) => {
    const analysis = analyse(tree, matcher, file);
    const flags = [...suspiciousNames(matcher, analysis), ...productsAsCompanies(matcher, analysis), ...tickerMismatches(matcher, analysis), ...untranslated(tree, analysis, minLetters, languages)];
    const seen = new Set<string>();
    const blockIndex = flags.length ? new Map(analysis.blocks.map((b, i) => [b, i])) : undefined;
    for (const f of flags) {
      const key = `${f.rule}:${blockIndex!.get(f.block) ?? -1}:${f.start}`;
      if (seen.has(key) || isMuted(tree, f.block.node, [f.rule, PLUGIN])) continue;
      seen.add(key);
      const actual = f.block.text.slice(f.start, f.end);
      const segment = segmentAt(f.block, f.start, f.start + 1) ?? f.block.segments[0];
      report(file, {
        ruleId: f.rule,
        severity: 'warning',
        reason: f.reason,
        place: segment ? placeIn(file, segment.node, f.start - segment.start, actual) : undefined,
        actual,
        expected: f.expected,
        note: f.note,
        cause: f.cause,
      });
    }
  };
};

export default flagEntities;

/**
 * Listed companies standing where a product or a plain noun belongs. A
 * company the article is about (named outside any slot, or by its ticker), a
 * company standing in a slot its owner owns, a name that is also a product's
 * name, and a company that makes that kind of product are not flagged.
 */
function suspiciousNames(matcher: Matcher, analysis: Analysis): Flag[] {
  const kb = matcher.kb;
  const about = new Set<number>();
  for (const spans of analysis.tickers) for (const t of spans) for (const key of t.keys) for (const e of kb.holders(key)) about.add(e);
  const candidates: Array<{ i: number; c: Found; slot: Slot | undefined }> = [];
  analysis.blocks.forEach((block, i) => {
    const text = block.text;
    for (const c of analysis.found[i]!) {
      if (c.target.kind !== 'name' || c.target.form === 'short' || kb.entity(c.target.entity).type !== 'company') continue;
      const slot = slotOf(text, c.start, c.end);
      const plainWord = kb.entity(c.target.entity).noun !== undefined && plainWordSlot(text, c.start, c.end);
      if (slot || plainWord || nounSlot(text, c.start, c.end)) candidates.push({ i, c, slot: plainWord ? undefined : slot });
      // A company made of a plain word is the article's subject only where it is named as a company.
      else if (!NOT_ABOUT.test(text.slice(Math.max(0, c.start - 40), c.start)) && (kb.entity(c.target.entity).noun === undefined || namedAsCompany(text, c.start, c.end))) about.add(c.target.entity);
    }
  });
  const flags: Flag[] = [];
  // One suggestion per paragraph, wrong company, kind and owner: the same slot repeated is looked up once.
  const suggestions = new Map<string, string[]>();
  for (const { i, c, slot } of candidates) {
    if (c.target.kind !== 'name') continue;
    const index = c.target.entity;
    if (about.has(index)) continue;
    const block = analysis.blocks[i]!;
    const text = block.text;
    const entity = kb.entity(index);
    const name = text.slice(c.start, c.end);
    // A linked name is a full listing name (several words, or a legal suffix); a one-word name only
    // counts in a product slot, for a curated company whose sector is known ("its AI model Tongwei").
    const oneWord = !name.includes(' ') && c.extension !== 'legal';
    if (oneWord && !(entity.curated && entity.sector && slot)) continue;
    // "its chatbot Yuanbao": the name is also a product's, and the product is meant.
    if (productNames(kb).has(text.slice(c.start, c.nameEnd ?? c.end).toLowerCase())) continue;
    const what = describeCompany(entity.name, entity.sector, entity.tickers?.[0]);
    if (slot) {
      const owner = slotOwner(matcher, analysis, i, slot, index);
      // "Kuaishou said the app Kuaishou …": the owner's own name for its product; "Alibaba said its
      // logistics platform Cainiao": a unit of the owner's group (curated `parent` links) in the owner's slot.
      if (owner !== undefined && kin(kb, owner, index)) continue;
      // "Tesla will build humanoid Siasun Robot & Automation": with no owner, a slot of the kind its plain word
      // names ("robot") holds that word, not the maker.
      const word = entity.noun === undefined ? undefined : kindsOf(entity.noun)?.[0];
      if (owner === undefined && word !== undefined && slot.kinds.includes(word)) {
        flags.push({ rule: 'suspicious-product-name', block, start: c.start, end: c.end, reason: plainReason(name, what, entity.noun), expected: [entity.noun!, `${entity.noun}s`] });
        continue;
      }
      // "the Moutai app": a company's name before "app" with no other owner is its own app.
      const ownApp = slot.shape === 'modifier' && owner === undefined && slot.kinds.some((k) => k === 'app' || k === 'platform' || k === 'service');
      if (ownApp) continue;
      // A maker of the kind is plausible, unless it is the owner's rival: "Geely said its electric brand XPeng".
      // A company of no known sector gets the benefit of the doubt, but not as another company's thing: "Novo
      // Nordisk said its weight-loss drug Waste Management" (an app, a platform or a service may be a company).
      const othersThing = !entity.sector && owner !== undefined && (THING_KINDS.has(slot.kinds[0]!) || THING_NOUN.test(slot.noun));
      const rival = !othersThing && makesKind(entity.sector, slot.kinds, owner === undefined);
      if (rival && !(owner !== undefined && isRival(kb, owner, index, slot))) continue;
      const key = `${i}:${index}:${slot.kinds.join('/')}:${owner ?? (slot.possessive ? 'named' : '')}`;
      if (!suggestions.has(key)) suggestions.set(key, ownerProducts(matcher, analysis, i, slot, owner, index, name));
      const suggestion = suggestions.get(key)!;
      // A rival is flagged only where the owner's own product of the kind is known, to be put in its place.
      if (rival && suggestion.length === 0) continue;
      const noun = slot.noun.replace(/\s+/g, ' ');
      const unlike = rival
        ? `a rival of ${kb.entity(owner!).name}, not its ${noun}`
        : slot.shape === 'powered'
          ? 'not a product that powers one'
          : /s$/.test(noun)
            ? `not a maker of ${noun}`
            : `not ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
      flags.push({
        rule: 'suspicious-product-name',
        block,
        start: slot.start,
        end: slot.end,
        reason: `“${name}” names ${what}, ${unlike}: an entity linker probably replaced the product’s name`,
        expected: [...(slot.shape === 'before' ? [slot.phrase] : []), ...suggestion],
      });
    } else {
      flags.push({
        rule: 'suspicious-product-name',
        block,
        start: c.start,
        end: c.end,
        reason: plainReason(name, what, entity.noun),
        expected: entity.noun ? [entity.noun, `${entity.noun}s`] : undefined,
      });
    }
  }
  return flags;
}

/** A company word after a product's name: "Kirin Holdings", "Pangu Group". */
const COMPANY_WORD_AFTER = /^\s+(?:Holdings?|Group|Corp(?:oration)?\.?|Inc\.?|Co\.|Company|Ltd\.?|Limited)(?![\p{L}\p{N}])(?:,?\s+(?:Co\.|Company|Ltd\.?|Limited|Inc\.))?/u;

/**
 * A product's name turned into a company's by a company word, in a slot of the product's kind: "Huawei is using
 * its own Kirin Holdings 9030 processor". The linker swapped the product (Huawei's Kirin chip) for a listed
 * company of the same name that the knowledge base may not hold (Kirin Holdings, a brewer). Not where the
 * article names that company elsewhere, outside the slot.
 */
function productsAsCompanies(matcher: Matcher, analysis: Analysis): Flag[] {
  const kb = matcher.kb;
  const flags: Flag[] = [];
  analysis.blocks.forEach((block, i) => {
    const text = block.text;
    for (const c of analysis.found[i]!) {
      if (c.target.kind !== 'name') continue;
      const product = kb.entity(c.target.entity);
      if (product.type !== 'product' || !product.category?.length) continue;
      const word = COMPANY_WORD_AFTER.exec(text.slice(c.end, c.end + 40));
      if (!word) continue;
      const end = c.end + word[0].length;
      const slot = slotOf(text, c.start, end);
      if (!slot || !product.category.some((k) => slot.kinds.includes(k))) continue;
      const company = text.slice(c.start, end);
      const elsewhere = analysis.article.split(company).length - 1 > analysis.blocks.reduce((n, b) => n + (slotCount(b.text, company) ?? 0), 0);
      if (elsewhere) continue;
      flags.push({
        rule: 'suspicious-product-name',
        block,
        start: slot.start,
        end: slot.end,
        reason: `“${company}” reads as a company’s name where ${product.name}, a ${slot.noun}, belongs: an entity linker probably replaced the product’s name with a listed company’s`,
        expected: [...(slot.shape === 'before' ? [slot.phrase] : []), product.name],
      });
    }
  });
  return flags;
}

/** How many times `name` stands in a product slot in `text`. */
function slotCount(text: string, name: string): number {
  let n = 0;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) if (slotOf(text, at, at + name.length)) n++;
  return n;
}

function plainReason(name: string, what: string, noun: string | undefined): string {
  return `“${name}” names ${what} where a plain noun belongs: an entity linker probably replaced a word${noun ? ` (“${noun}”)` : ''}`;
}

/** A mention that says nothing of the company itself: "users of …", "a version of …". */
const NOT_ABOUT = /\b(?:users?|use|version|versions|subscribers?|subscription|access|upgrade|launch|release|rollout|fans|players)\s+(?:of|to|for)\s+(?:the\s+)?$/i;

const productNameSets = new WeakMap<Matcher['kb'], Set<string>>();

/** Every product's name and aliases, lower-cased. */
function productNames(kb: Matcher['kb']): Set<string> {
  let names = productNameSets.get(kb);
  if (!names) {
    names = new Set();
    for (const e of kb.entities) if (e.type === 'product') for (const n of [e.name, ...(e.aliases ?? [])]) names.add(n.toLowerCase());
    productNameSets.set(kb, names);
  }
  return names;
}

/**
 * The company that owns a slot: the one named in its possessive ("Google's …
 * model"), or for "its"/"their" the nearest company named before the slot in
 * the paragraph. Undefined when the slot names no owner ("the app …").
 */
function slotOwner(matcher: Matcher, analysis: Analysis, blockIndex: number, slot: Slot, exclude: number): number | undefined {
  const found = analysis.found[blockIndex]!;
  const company = (c: Found) => {
    const e = entityOf(matcher, c);
    return e !== undefined && matcher.kb.entity(e).type === 'company' ? e : undefined;
  };
  if (slot.possessive) {
    const at = found.find((c) => c.start < slot.possessive!.end && c.end > slot.possessive!.start);
    return at ? company(at) : undefined;
  }
  if (!slot.pronoun) return undefined;
  // The nearest company within a few sentences before the slot.
  for (const c of nearestBefore(found, slot.start)) {
    const e = company(c);
    if (e !== undefined && e !== exclude) return e;
  }
  // "The company said its AI chatbot …" in a paragraph naming no company before the slot: the pronoun
  // points back past the paragraph, to the company the article is about.
  if (!found.some((c) => c.end <= slot.start && company(c) !== undefined)) return articleSubject(matcher, analysis, exclude);
  return undefined;
}

/** The company the article names most often (names and tickers), other than `exclude`; the first named on a tie. */
function articleSubject(matcher: Matcher, analysis: Analysis, exclude: number): number | undefined {
  let best: number | undefined;
  let most = 0;
  for (const [e, n] of analysis.mentions) {
    if (e === exclude || n <= most || matcher.kb.entity(e).type !== 'company') continue;
    best = e;
    most = n;
  }
  return best;
}

/**
 * The matches ending within OWNER_REACH before `at`, nearest first: found by binary search (matches are
 * in text order), so a paragraph repeating one slot thousands of times stays linear.
 */
function* nearestBefore(found: readonly Found[], at: number): Generator<Found> {
  let lo = 0;
  let hi = found.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (found[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && found[k]!.end >= at - OWNER_REACH; k--) yield found[k]!;
}

/** How far before a slot its pronoun's owner may be named. */
const OWNER_REACH = 400;

/**
 * Whether a company that makes the slot's kind is the owner's rival there, not its product: both are curated
 * makers of the kind and not of one group, and the slot does not say the two are linked ("its former brand",
 * "its partner").
 */
function isRival(kb: Matcher['kb'], owner: number, company: number, slot: Slot): boolean {
  const a = kb.entity(owner);
  const b = kb.entity(company);
  if (!a.curated || !b.curated || !a.sector || !b.sector || a.type !== 'company') return false;
  // One product named for the owner: a list ("its models, including Hunyuan and DeepSeek") or what powers a
  // product may hold other makers' products on purpose.
  if (slot.shape === 'list' || slot.shape === 'powered') return false;
  if (LINKED_WORDS.test(slot.phrase) || !makesKind(a.sector, slot.kinds, false)) return false;
  // Only where the owner's group makes a product of the kind, to be put in the rival's place.
  const ofKind = (e: number) => kb.productsOf(e).some((p) => p.category?.some((c) => slot.kinds.includes(c)));
  return ofKind(owner) || subsidiaries(kb, owner).some((e) => e !== company && ofKind(e));
}

/** Kinds of things a company is never called, unlike an app, a platform or a service ("the trading platform X Inc."). */
const THING_KINDS = new Set(['drug', 'vaccine', 'car', 'phone', 'device', 'chip', 'battery', 'game', 'robot', 'robotaxi', 'model', 'chatbot', 'assistant']);

/** Platform nouns that still name a thing, never a company: "Huawei said its operating system Harmonic Inc.". */
const THING_NOUN = /^(?:operating\s+systems?|OS)$/i;

/** Words in a slot phrase that say the company in it is another one, on purpose. */
const LINKED_WORDS = /\b(?:former|ex|one-time|onetime|erstwhile|rival|rivals|partner|partners|sister|peer|peers|competitor|competing|supplier|customer|client|investee|backer|backed|joint|venture|JV|affiliate|affiliated|associate)\b/i;

/** Most suggestions offered for one slot: the owner may make several products of a kind (Ozempic, Wegovy). */
const MAX_SUGGESTIONS = 3;

/**
 * The owner's products of the kind the slot asks for (its head kind first, then one the article names, then
 * most like the wrong name), up to three; the products of the owner's units when it has none of its own.
 */
function ownerProducts(matcher: Matcher, analysis: Analysis, blockIndex: number, slot: Slot, owner: number | undefined, exclude: number, wrong: string): string[] {
  // A possessive names the owner; otherwise the nearest company with products, else the article's most mentioned one.
  // Where the name stands for the maker ("Yili smart glasses") and no owner is named, nobody else's product fits.
  const kb = matcher.kb;
  const own = (e: number) => kb.productsOf(e).filter((p) => p.category?.some((c) => slot.kinds.includes(c)));
  const ofKind = (e: number) => {
    const products = own(e);
    if (products.length) return products;
    for (const unit of subsidiaries(kb, e)) if (unit !== exclude) products.push(...own(unit));
    return products;
  };
  const resolved = owner ?? (slot.possessive || slot.shape === 'modifier' ? undefined : ownerOf(analysis, matcher, blockIndex, slot.start, exclude));
  if (resolved === undefined) return [];
  let products = ofKind(resolved);
  // "Meta agreed to buy chips from Nvidia, as it adds capacity for its AI chatbot …": a pronoun's nearest
  // company may be the other party; the nearest one before the slot that makes this kind is the likelier owner.
  if (products.length === 0 && slot.pronoun && !slot.possessive) {
    for (const c of nearestBefore(analysis.found[blockIndex]!, slot.start)) {
      const e = entityOf(matcher, c);
      if (e !== undefined && e !== exclude && matcher.kb.entity(e).type === 'company') products = ofKind(e);
      if (products.length) break;
    }
  }
  if (products.length === 0) return [];
  const head = slot.kinds[0]!;
  const article = analysis.article.toLowerCase();
  const score = (p: { name: string; aliases?: string[] | undefined; category?: string[] | undefined }) =>
    (p.category?.includes(head) ? 2 : 0) +
    ([p.name, ...(p.aliases ?? [])].some((n) => article.includes(n.toLowerCase())) ? 1 : 0) +
    Math.max(...[p.name, ...(p.aliases ?? [])].map((n) => stringSimilarity.compareTwoStrings(n.toLowerCase(), wrong.toLowerCase())));
  const ranked = [...products].sort((a, b) => score(b) - score(a));
  // Products of another kind than the head's are offered only where none of the head's kind is known.
  const best = ranked.filter((p) => p.category?.includes(head) === ranked[0]!.category?.includes(head));
  return [...new Set(best.map((p) => p.name))].slice(0, MAX_SUGGESTIONS);
}

function describeCompany(name: string, sector: string | undefined, ticker: string | undefined): string {
  const listing = ticker ? ` (${printKey(ticker)})` : '';
  return sector ? `${name}${listing}, ${/^[aeiou]/i.test(sector) ? 'an' : 'a'} ${sector} company` : `the listed company ${name}${listing}`;
}

interface Occurrence {
  key: string;
  block: Block;
  /** Name start and ticker end, in the block. */
  start: number;
  end: number;
  name: string;
  entity?: number | undefined;
}

const CLASS_BETWEEN = /^(?:['’]s)?\s+Class\s+([A-C])(?:\s+(?:voting|non-voting|common))?(?:\s+(?:shares?|stock))?\s*$/;
const GENERIC = new Set(['group', 'holdings', 'holding', 'china', 'international', 'technology', 'technologies', 'co', 'ltd', 'inc', 'corp', 'limited', 'company', 'the', 'and', 'of', 'hong', 'kong']);

/** Names beside tickers of other listings, wrong share classes, and one code under two names. */
function tickerMismatches(matcher: Matcher, analysis: Analysis): Flag[] {
  const kb = matcher.kb;
  const flags: Flag[] = [];
  const occurrences: Occurrence[] = [];
  analysis.blocks.forEach((block, i) => {
    if (analysis.tickers[i]!.length === 0) return; // nothing below runs without a ticker
    const text = block.text;
    const names = analysis.found[i]!.filter((c) => entityOf(matcher, c) !== undefined);
    const nameBefore = namesBefore(names);
    let previous: Occurrence[] = [];
    for (const t of analysis.tickers[i]!) {
      let start: number;
      let entity: number | undefined;
      let shareClass: string | undefined;
      // "(09988) (BABA.US)": a second ticker belongs to the same name.
      const chained = previous[0] && /^\s*$/.test(text.slice(previous[0].end, t.start)) ? previous[0] : undefined;
      const named = nameBefore(t.start, (c) => betweenOk(text.slice(c.end, t.start)));
      if (chained) {
        start = chained.start;
        entity = chained.entity;
      } else if (named) {
        start = named.start;
        entity = entityOf(matcher, named);
        shareClass = CLASS_BETWEEN.exec(text.slice(named.end, t.start))?.[1];
      } else {
        const raw = rawNameBefore(text, t.start);
        if (raw === undefined) {
          previous = [];
          continue;
        }
        start = raw;
      }
      const name = text.slice(start, t.start).trim();
      previous = t.keys.map((key) => ({ key, block, start, end: t.end, name, entity }));
      occurrences.push(...previous);
      if (entity === undefined) continue;
      const own = kb.entity(entity);
      for (const key of t.keys) {
        const holders = kb.holders(key);
        if (holders.length === 0) continue;
        if (holders.includes(entity)) {
          const classKey = shareClass && own.classes?.[shareClass];
          if (classKey && classKey !== key) {
            flags.push({
              rule: 'ticker-mismatch',
              block,
              start,
              end: t.end,
              reason: `${printKey(key)} is ${own.name}’s ${classOf(own.classes!, key)} listing, but the text says Class ${shareClass}, which trades as ${printKey(classKey)}`,
              expected: [text.slice(start, t.start) + restyle(t.text, key, classKey)],
            });
          }
          continue;
        }
        // A listing of the name's own on the same market makes the mismatch certain; so does a code a
        // curated company holds, beside a company unlike it ("Huawei (00700.HK)": Huawei is not listed).
        const ownListing = own.tickers?.find((k) => marketOf(k) === marketOf(key));
        const holder = kb.entity(holders[0]!);
        if (!ownListing && !(holder.curated && own.curated && !namedLike(kb, holders, own.name))) continue;
        flags.push({
          rule: 'ticker-mismatch',
          block,
          start,
          end: t.end,
          reason: ownListing
            ? `${printKey(key)} is ${holder.name}, not ${own.name} (${printKey(ownListing)}): the name or the ticker is wrong`
            : `${printKey(key)} is ${holder.name}, and ${own.name} has no listing there: the name or the ticker is wrong`,
          expected: [...(ownListing ? [`${name} ${restyle(t.text, key, ownListing)}`] : []), `${holder.name} ${t.text}`],
        });
      }
    }
  });

  // One code under two unrelated names in one article.
  const byKey = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const list = byKey.get(o.key);
    if (list) list.push(o);
    else byKey.set(o.key, [o]);
  }
  for (const [key, list] of byKey) {
    const first = list[0]!;
    if (!list.some((o) => !related(o.name, first.name) && (o.entity === undefined || o.entity !== first.entity))) continue;
    const holders = kb.holders(key);
    // With the listing known, the unknown names unlike it are wrong (known names were judged above);
    // without it, every name unlike the first.
    const suspects = holders.length
      ? list.filter((o) => o.entity === undefined && !namedLike(kb, holders, o.name))
      : list.slice(1).filter((o) => !related(o.name, first.name));
    for (const o of suspects) {
      const other = list.find((x) => !related(x.name, o.name))!;
      flags.push({
        rule: 'ticker-mismatch',
        block: o.block,
        start: o.start,
        end: o.end,
        reason: `${printKey(key)} appears under two different names in this article (“${other.name}” and “${o.name}”)${holders.length ? `; it is ${kb.entity(holders[0]!).name}` : ''}: one of them is wrong`,
        cause: pointer('The other name for the code', undefined, other.block.text.slice(other.start, other.end)),
      });
    }
  }
  return flags;
}

/**
 * The name a ticker at `at` belongs to: of the names ending at most 40 characters before it (and
 * passing `ok`), the last one found. Names are looked up in a window by start, not scanned whole for
 * every ticker (an article repeating one name and ticker 100,000 times was quadratic).
 */
function namesBefore<T extends { start: number; end: number }>(names: T[]): (at: number, ok: (name: T) => boolean) => T | undefined {
  const byStart = names.map((name, index) => ({ name, index })).sort((a, b) => a.name.start - b.name.start);
  const longest = names.reduce((max, n) => Math.max(max, n.end - n.start), 0);
  return (at, ok) => {
    // Binary search: the first name starting after `at`; only names within 40 + longest before it can end close enough.
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.name.start <= at) lo = mid + 1;
      else hi = mid;
    }
    let best: { name: T; index: number } | undefined;
    for (let k = lo - 1; k >= 0 && byStart[k]!.name.start >= at - 40 - longest; k--) {
      const c = byStart[k]!;
      if (c.name.end <= at && at - c.name.end <= 40 && (!best || c.index > best.index) && ok(c.name)) best = c;
    }
    return best?.name;
  };
}

/** `(09988)` with another listing, in the same notation: `(00241)`; `(GOOG.US)` → `(GOOGL.US)`. */
function restyle(tickerText: string, from: string, to: string): string {
  const oldCode = from.slice(3);
  const newCode = to.slice(3);
  if (marketOf(from) !== marketOf(to)) return `(${printKey(to)})`;
  for (const written of [oldCode, oldCode.replace(/^0+/, ''), oldCode.replace(/^0/, '')]) {
    const at = tickerText.indexOf(written);
    if (written && at !== -1) {
      const code = /^\d+$/.test(newCode) && written.length < newCode.length ? newCode.slice(newCode.length - written.length).padStart(written.length, '0') : newCode;
      const fits = /^\d+$/.test(newCode) ? String(Number(newCode)).length <= written.length : true;
      const swapped = tickerText.slice(0, at) + (fits ? code : newCode) + tickerText.slice(at + written.length);
      return to.startsWith('CN:') ? withMainlandBoard(swapped, to) : swapped;
    }
  }
  return `(${printKey(to)})`;
}

/**
 * A mainland code's exchange is the code's own: "(600519.SH)" for 000858 is "(000858.SZ)", never ".SH";
 * a prefix too ("SZ: 000858", "SHE: 000858", "SZ000858").
 */
function withMainlandBoard(tickerText: string, key: string): string {
  const board = printKey(key).slice(-2);
  const like = (old: string, ascii: string) => (/[Ａ-Ｚ]/.test(old) ? toFullWidth(ascii) : old === old.toLowerCase() ? ascii.toLowerCase() : ascii);
  const google: Record<string, string> = { SH: 'SHA', SZ: 'SHE' };
  return tickerText
    .replace(/([.．]\s?)(SH|SZ|BJ|SS|ＳＨ|ＳＺ|ＢＪ)(?![\p{L}])/iu, (_, dot: string, old: string) => dot + like(old, board))
    .replace(/^([(（]\s*)(SHA|SHE|SH|SZ|BJ|SS)(\s*[:：])/i, (_, open: string, old: string, colon: string) => open + like(old, old.length === 3 ? (google[board] ?? board) : board) + colon)
    // A trading app's prefix: "(SH600519)", "(sz.000858)", "[SZ000858]".
    .replace(/^([(（[]\s*)(SH|SZ|BJ)(?=\.?\d)/i, (_, open: string, old: string) => open + like(old, board));
}

const toFullWidth = (ascii: string) => [...ascii].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');

/** What may stand between a name and its ticker: nothing, a possessive, a share class. */
function betweenOk(between: string): boolean {
  return /^(?:['’]s)?\s*$/.test(between) || CLASS_BETWEEN.test(between);
}

function classOf(classes: Record<string, string>, key: string): string {
  const letter = Object.entries(classes).find(([, k]) => k === key)?.[0];
  return letter ? `Class ${letter}` : 'other';
}

/** The capitalised words just before a ticker ("Regal Culture Group (00746.HK)"): a name the KB does not know. */
function rawNameBefore(text: string, at: number): number | undefined {
  const m = /((?:[\p{Lu}][\p{L}\p{N}.&'’-]*|&|and|of)(?:\s+(?:[\p{Lu}][\p{L}\p{N}.&'’-]*|&|and|of)){0,5})\s*$/u.exec(text.slice(Math.max(0, at - 80), at));
  if (!m) return undefined;
  // "…, and Regal Culture Group (00746.HK)": a connecting word before the name is not part of it.
  const name = m[1]!.replace(/^(?:(?:and|of|&)\s+)+/, '');
  if (!/^\p{Lu}/u.test(name)) return undefined;
  return at - (m[0].length - (m[1]!.length - name.length));
}

const tokens = (name: string) =>
  new Set(
    name
      .toLowerCase()
      .replace(/-(?:sw|w|s|b|r|wr)\b/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length >= 3 && !GENERIC.has(t)),
  );

function related(a: string, b: string): boolean {
  // One name printed twice is one name, even when all its words are generic ("Co of China Ltd").
  if (a === b) return true;
  const ta = tokens(a);
  for (const t of tokens(b)) if (ta.has(t)) return true;
  return false;
}

function namedLike(kb: Matcher['kb'], holders: number[], name: string): boolean {
  return holders.some((h) => {
    const e = kb.entity(h);
    return [e.name, ...(e.aliases ?? []), ...(e.short ?? []), ...(e.exact ?? [])].some((n) => related(n, name));
  });
}

/** Passages in another script, or (franc, only when the letters hint at it) another language. */
function untranslated(tree: Root, analysis: Analysis, minLetters: number | undefined, languages: string[]): Flag[] {
  const flags: Flag[] = [];
  let links: Map<unknown, string> | undefined;
  for (const block of analysis.blocks) {
    const text = block.text;
    for (const run of foreignRuns(text, minLetters)) {
      if (isGloss(text, run)) continue; // "Jensen Huang (黃仁勳)": the name in its own script, printed beside it
      if (isDiscussedTerm(text, run)) continue; // "the slogan “共同富裕” (common prosperity)": quoted on purpose
      // A cited page's title in its own language, quoted as all of a link's text: "[“僕だけがいない街”](…)".
      links ??= linkTexts(tree);
      const link = links.get(segmentAt(block, run.start, run.end)?.node);
      if (link !== undefined && isQuotedTitle(link, { text: text.slice(run.start, run.end) })) continue;
      flags.push({
        rule: 'untranslated-text',
        block,
        start: run.start,
        end: run.end,
        reason: `A passage in ${scriptLanguage(run.script)} was left untranslated`,
      });
    }
    if (mayNotBeEnglish(text)) {
      const language = franc(text, { only: languages, minLength: 20 });
      if (language !== 'und' && language !== 'eng') {
        const lead = text.length - text.trimStart().length;
        flags.push({
          rule: 'untranslated-text',
          block,
          start: lead,
          end: text.trimEnd().length,
          reason: `A passage in ${LANGUAGE_NAMES[language] ?? language} was left untranslated`,
        });
      }
    }
  }
  return wholeArticle(analysis, flags, languages) ?? flags;
}

/** Languages franc may answer for an article in Cyrillic script. */
const CYRILLIC_LANGUAGES = ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd'];

/** Share of an article's letters in flagged passages above which the article itself is in another language. */
const FOREIGN_ARTICLE_SHARE = 0.6;

/**
 * An article mostly in another language (a Czech or a Japanese page) was never translated: one finding for
 * the article, named by its language read over all its text, not one per paragraph.
 */
function wholeArticle(analysis: Analysis, flags: Flag[], languages: string[]): Flag[] | undefined {
  if (flags.length === 0) return undefined;
  const letters = (s: string) => s.match(/\p{L}/gu)?.length ?? 0;
  const total = analysis.blocks.reduce((n, b) => n + letters(b.text), 0);
  const byScript = new Map<string, number>();
  let latin = 0;
  for (const f of flags) {
    const passage = f.block.text.slice(f.start, f.end);
    const script = foreignRuns(passage, 1)[0]?.script;
    if (script) byScript.set(script, (byScript.get(script) ?? 0) + letters(passage));
    else latin += letters(passage);
  }
  const foreign = latin + [...byScript.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const [script, scriptLetters] = [...byScript].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  let language: string | undefined;
  if (script && scriptLetters >= latin) {
    // Two or three paragraphs in a script make a passage; most of the article's letters, the article.
    if (flags.length < 3 || foreign / total < FOREIGN_ARTICLE_SHARE) return undefined;
    const code = script === 'Cyrillic' ? franc(analysis.article, { only: CYRILLIC_LANGUAGES, minLength: 20 }) : 'und';
    language = LANGUAGE_NAMES[code] ?? scriptLanguage(script as Parameters<typeof scriptLanguage>[0]);
  } else {
    // Latin script: read over the whole article, a language is certain where a paragraph's few words are not;
    // an English article quoting a paragraph of Spanish still reads as English.
    const code = franc(analysis.article, { only: languages, minLength: 20 });
    if (code === 'und' || code === 'eng') return undefined;
    language = LANGUAGE_NAMES[code] ?? code;
  }
  const first = flags[0]!;
  return [
    {
      ...first,
      reason: `The article is in ${language ?? 'another language'}, not English (${flags.length} passages, ${Math.round((100 * foreign) / total)}% of its letters): it was not translated`,
      note: 'One finding for the whole article; this is its first passage.',
    },
  ];
}

/** The text of every link, by the text nodes inside it. */
function linkTexts(tree: Root): Map<unknown, string> {
  const out = new Map<unknown, string>();
  const textOf = (node: { type: string; value?: string; children?: unknown[] }): string =>
    node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map((c) => textOf(c as typeof node)).join('');
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'link') {
      const text = textOf(node);
      const mark = (n: { type: string; children?: unknown[] }) => {
        if (n.type === 'text') out.set(n, text);
        for (const c of n.children ?? []) mark(c as typeof n);
      };
      mark(node);
      return;
    }
    for (const c of node.children ?? []) walk(c as typeof node);
  };
  walk(tree);
  return out;
}

