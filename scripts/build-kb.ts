/**
 * Builds `data/kb.json`, the knowledge base the package ships, from:
 *
 *   ../shared/data/sec-company-tickers-exchange-*.json   US listings (SEC)
 *   ../shared/data/hkex-securities-*.csv                 Hong Kong listings and short names (HKEX)
 *   ../shared/data/observed-mistranslations.tsv          wrong forms seen in real copy
 *   data/curated/*.yaml                                  names, A-shares, people, products, jargon (by hand)
 *
 * Usage: `npm run build:kb`, or `node dist/scripts/build-kb.js [--data DIR] [--out FILE]`.
 * The result is committed, so the package works without ../shared.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CuratedError, readCurated, specsOf, type CuratedJargon, type Variant } from '../src/entities/curated.js';
import { companyGenericTailRenderings, companyHeadRenderings, companyRenderings, companyTailRenderings, nicknameBeforeName, nicknameForms, nicknameWithArticle, partOfName, personMisspellings, placedRenderings, joinedPinyin, personRenderings, shortNameRenderings, spacedPinyin, transliterationRenderings, withSectorTail } from '../src/entities/renderings.js';
import type { NameContext } from '../src/entities/context.js';
import { pastTenseJargon, pluralJargon, presentTenseJargon, singularJargon } from '../src/entities/inflect.js';
import { leadContext } from '../src/entities/lead.js';
import { jargonForms, otherCounts, withHeadWords } from '../src/entities/spelling-forms.js';
import { COMPANY_CUE, companyWords, GlossTable, literalRenderings, NO_ARTICLE_BEFORE, sameNameCore, sectorCues, SHARES_CUE, type Risk } from '../src/entities/literal.js';
import { isEnglishWord } from './english-words.js';
import { exchangeOf, type EntityRecord, type EntryRecord, type KbData } from '../src/entities/kb.js';
import { entrySourcesPath } from '../src/entities/kb-sources.js';
import { compileMatcherFile } from './compile-matcher.js';
import { tickerKey } from '../src/entities/tickers.js';
import { DICTIONARY_SCHEMA } from '../src/entities/dictionary.js';
import { coreOfLegalName, displayFromShort, HK_MARKER, isFundName, legalSuffixAt, sectorOf, shortCodeExpandable, shortNameFixable, shortNameUnderstood, titleCase } from '../src/entities/names.js';
import { roleOrganisations } from '../src/entities/role.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = findRoot(here);
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = resolve(option('--data') ?? join(root, '..', 'shared', 'data'));
const outFile = resolve(option('--out') ?? join(root, 'data', 'kb.json'));
const curatedDir = join(root, 'data', 'curated');
const warnings: string[] = [];
/** Patterns whose words are all English and that start with a capital, as a name does, then the rest. */
function splitPlainEnglish(patterns: string[]): [string[], string[]] {
  const plain: string[] = [];
  const other: string[] = [];
  for (const p of patterns) {
    // Words only: a model code ("YU7") or a word in capitals ("MEGA") is a brand's own spelling, matched in any case.
    const words = p.split(/[\s-]+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
    const english = words.length > 0 && /^\p{Lu}/u.test(p) && words.every((w) => /^\p{L}[\p{Ll}'’]*$/u.test(w) && isEnglishWord(w.toLowerCase()));
    // A name in pinyin with an English noun after it ("Qingdao Beer", "Ningbo Bank") is the name title-cased only:
    // "the Qingdao beer festival", "a Ningbo bank" are descriptions.
    const last = words.at(-1) ?? '';
    const namedNoun = words.length >= 2 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)) && isEnglishWord(last.toLowerCase());
    (english || namedNoun ? plain : other).push(p);
  }
  return [plain, other];
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'curated'))) return dir;
    if (dirname(dir) === dir) throw new Error('build-kb: cannot find the package root (data/curated)');
  }
}

/** Every curated file, validated against data/curated.schema.json: all problems at once, then stop. */
function readAllCurated() {
  try {
    return readCurated(curatedDir, { root });
  } catch (error) {
    if (error instanceof CuratedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
const curated = readAllCurated();

/**
 * A YAML flow list split at an unquoted comma ("[enjoy first and pay later, enjoy first, pay later]"):
 * two neighbouring patterns that are the head and the tail of another pattern of the list, or of the
 * replacement ("buy now, pay later" listed as "[buy now, pay later]"). Reported, to be quoted.
 */
function splitAtComma(patterns: readonly string[], expected: string, where: string): void {
  const low = patterns.map((p) => p.trim().toLowerCase());
  const joined = (head: string, tail: string) => (whole: string) =>
    whole.length > head.length + tail.length && whole.startsWith(head) && whole.endsWith(tail) && /^(?:,|and\b|&|or\b|then\b)?\s*$/.test(whole.slice(head.length, whole.length - tail.length).trim());
  for (let i = 0; i + 1 < low.length; i++) {
    const isWhole = joined(low[i]!, low[i + 1]!);
    const whole = low.find((q, k) => k !== i && k !== i + 1 && isWhole(q)) ?? (isWhole(expected.toLowerCase()) ? expected : undefined);
    if (whole) warnings.push(`${where}: "${patterns[i]}" and "${patterns[i + 1]}" read as the halves of "${whole}" (a comma inside a YAML list? quote the phrase)`);
  }
  // "[enjoy first, pay later]" for "buy now, pay later": a pattern that is what follows the comma of the replacement or of another pattern.
  for (const [i, p] of low.entries()) {
    const whole = [...low.filter((_, k) => k !== i), expected.toLowerCase()].find((q) => q.includes(', ') && q.slice(q.lastIndexOf(', ') + 2) === p);
    if (whole) warnings.push(`${where}: "${patterns[i]}" reads as the tail of "${whole}" after its comma (a comma inside a YAML list? quote the phrase)`);
  }
}
for (const { entry, file, index } of curated.jargon) splitAtComma(entry.patterns, entry.expected, `${file}: [${index}] ${entry.expected}`);
for (const { entry, file, index } of [...curated.companies, ...curated.people, ...curated.products]) {
  for (const v of entry.variants ?? []) {
    const group = typeof v === 'string' ? { patterns: [v], expected: undefined } : Array.isArray(v) ? { patterns: v, expected: undefined } : v;
    splitAtComma(group.patterns, group.expected ?? entry.name, `${file}: [${index}] ${entry.name}`);
  }
}

function dataFile(pattern: RegExp): string {
  const name = readdirSync(dataDir).find((f) => pattern.test(f));
  if (!name) throw new Error(`build-kb: no file matching ${pattern} in ${dataDir}`);
  return join(dataDir, name);
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const foldKey = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'");

function keyOf(notation: string, where: string): string {
  const key = tickerKey(notation);
  if (!key) throw new Error(`${where}: "${notation}" is not a ticker notation`);
  return key;
}

// ---------------------------------------------------------------- curated entities

const entities: EntityRecord[] = [];
const entries: EntryRecord[] = [];
const byTicker = new Map<string, EntityRecord>();
const byName = new Map<string, EntityRecord>();

/** A person's forms the build made from a listed one ("Ku Ke" from "Kuke"), by entity: a listed form of another person wins over them. */
const madeForms = new Set<string>();
function variantEntries(variants: Variant[] | undefined, expected: string, defaultRule: string, entity: string, source: string): void {
  for (const v of variants ?? []) {
    // "Baba-W": a short name with a share-class marker is the short-name rule's business.
    const patterns = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v.patterns;
    const rule = patterns.every((p) => HK_MARKER.test(p)) ? 'hk-short-name' : defaultRule;
    // A person's nickname with its kinship word's other renderings ("Mama Su" → "Mom Su"), and a name left
    // in pinyin as one word also written syllable by syllable ("Chuanpu" → "Chuan Pu"), under the same context.
    const more = (list: string[]) => {
      if (rule !== 'person-name') return list;
      // Only a transliteration is run together ("Wan Si" for Vance): a Chinese name sharing a word with the
      // English one is not ("Lan Ge" for Ge Lan is no "Lange"), nor where that spells a word or a name ("Like").
      const own = new Set(expected.toLowerCase().split(/[\s-]+/));
      const joined = list
        .filter((p) => !p.toLowerCase().split(' ').some((w) => own.has(w)))
        .flatMap(joinedPinyin)
        .filter((p) => !isEnglishWord(p.toLowerCase()) && !byName.has(foldKey(p)));
      const made = [...list.flatMap((p) => [...nicknameForms(p), ...spacedPinyin(p)]), ...joined].filter((p) => !list.includes(p));
      for (const p of made) madeForms.add(`${entity}|${foldKey(p)}`);
      return [...new Set([...list, ...made])];
    };
    const base: EntryRecord =
      typeof v === 'string' || Array.isArray(v)
        ? { rule, expected, patterns: more(patterns), entity, source }
        : {
            rule,
            expected: v.expected ?? expected,
            patterns: more(v.patterns),
            entity,
            source,
            ...(v.context ? { context: v.context } : {}),
            ...(v.mode ? { mode: v.mode } : {}),
            ...(v.note ? { note: v.note } : {}),
          };
    // A nickname before the name itself ("Mother Su Lisa Su") is the name once, whatever the story.
    const nameSettles = rule === 'person-name' && !base.mode && base.expected === expected;
    const beforeName = nameSettles ? base.patterns.flatMap((p) => nicknameBeforeName(p, expected, isEnglishWord) ?? []) : [];
    // The same after "the" ("the iron lady Dong Mingzhu"), which goes with it.
    const withArticle = nameSettles ? [...base.patterns, ...beforeName].flatMap((p) => nicknameWithArticle(p, expected, isEnglishWord) ?? []) : [];
    if (beforeName.length || withArticle.length) entries.push({ rule, expected, patterns: [...new Set([...beforeName, ...withArticle])], entity, source });
    // A name's wrong form made of English words ("Saviour", "Where to Go") is the name only with its
    // capital: in lower case it is the ordinary words ("this saviour from the stars").
    // One English word alone ("wind", from an unquoted comma in a YAML list) is no term without a context to hold.
    if (rule === 'jargon' && !base.context) {
      const lone = base.patterns.filter((p) => /^\p{L}+$/u.test(p) && isEnglishWord(p.toLowerCase()));
      for (const p of lone) warnings.push(`${source}: the jargon form "${p}" → "${base.expected}" is one English word with no context; dropped`);
      if (lone.length) base.patterns = base.patterns.filter((p) => !lone.includes(p));
    }
    const [plain, other] = rule === 'jargon' || rule === 'hk-short-name' ? [[], base.patterns] : splitPlainEnglish(base.patterns);
    if (other.length) entries.push({ ...base, patterns: other });
    // Title-cased forms must stand title-cased ("Golden Dragon Fish"); the others need their first capital only.
    const titled = plain.filter((p) => p.split(/[\s-]+/).every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && /^(?:a|an|the|of|to|in|on|at|for|and|or|by|with|from)$/.test(w))));
    for (const [list, capital] of [[titled, 'words'], [plain.filter((p) => !titled.includes(p)), true]] as const) {
      if (!list.length) continue;
      const context: NameContext = { ...base.context, capital };
      entries.push({ ...base, patterns: list, context });
    }
  }
}

/**
 * Curated entities by id. A second entry for the same entity (a file of
 * variants for companies listed elsewhere) adds its aliases, listings,
 * variants and Chinese name to the first; under another name it is reported
 * and left out.
 */
const curatedIds = new Map<string, { entity: EntityRecord; where: string }>();
function existing(id: string, name: string, where: string): EntityRecord | 'conflict' | undefined {
  const first = curatedIds.get(id);
  if (!first) return undefined;
  if (foldKey(first.entity.name) !== foldKey(name)) {
    warnings.push(`${where}: the same entity as ${first.where} (${id}) under another name; entry ignored`);
    return 'conflict';
  }
  return first.entity;
}
function mergeInto(entity: EntityRecord, more: { zh?: string | undefined; aliases?: string[] | undefined; tickers?: string[] | undefined; sector?: string | undefined }): void {
  if (more.zh && !entity.zh) entity.zh = more.zh;
  if (more.aliases?.length) entity.aliases = [...new Set([...(entity.aliases ?? []), ...more.aliases])];
  if (more.tickers?.length) entity.tickers = [...new Set([...(entity.tickers ?? []), ...more.tickers])];
  if (more.sector && !entity.sector) entity.sector = more.sector;
}

/**
 * Entities with a Chinese name, for the pinyin renderings derived after the lists are merged; `other` for
 * a name of `zhNames` (a short or former name): its renderings are weaker than any entity's own zh's.
 */
const withZh: Array<{ entity: EntityRecord; zh: string; source: string; other?: true }> = [];
const withOtherZh = (entity: EntityRecord, zhNames: string[] | undefined, source: string) => {
  for (const zh of zhNames ?? []) if (zh !== entity.zh) withZh.push({ entity, zh, source, other: true });
};

const companies = curated.companies;
/** Subsidiaries and the name of the company that controls each. */
const parents: Array<{ entity: EntityRecord; parent: string; where: string }> = [];
const curatedByName = new Map<string, EntityRecord>();
/** Per curated company, the sentences its specs keep as written: a short code printed there is a right name ("ZMJ"). */
const keptSentences = new Map<EntityRecord, string[]>();
const keepSentences = (entity: EntityRecord, c: (typeof companies)[number]['entry']) => {
  const kept = specsOf(c).filter((sp) => sp.from === sp.to).map((sp) => sp.from);
  if (kept.length) keptSentences.set(entity, [...(keptSentences.get(entity) ?? []), ...kept]);
};
for (const { entry: c, file, index } of companies) {
  const where = `${file}: [${index}] ${c.name}`;
  const tickers = (c.tickers ?? []).map((t) => keyOf(t, where));
  const first = tickers[0];
  const id = first ? `${first.slice(0, 2).toLowerCase()}:${first.slice(3)}` : `${c.type ?? 'company'}:${slug(c.name)}`;
  // A file of listings for companies defined elsewhere ("Toyota" with 7203.T beside Toyota with TM.US) adds to the entity of that name.
  const sameName = curatedByName.get(foldKey(c.name));
  // So does an entry of the same name without listings ("Asus" with its Chinese name beside "Asus" with 2357.TW),
  // unless the two Chinese names differ: two companies of one English name.
  const sameCompany = sameName && sameName.type === (c.type ?? 'company') && (tickers.length || !c.zh || !sameName.zh || c.zh === sameName.zh);
  const known = existing(id, c.name, where) ?? (sameCompany ? sameName : undefined);
  if (known === 'conflict') continue;
  if (known) {
    mergeInto(known, { zh: c.zh, aliases: c.aliases, tickers, sector: c.sector });
    if (c.parent) parents.push({ entity: known, parent: c.parent, where });
    keepSentences(known, c);
    for (const t of tickers) if (!byTicker.has(t)) byTicker.set(t, known);
    for (const n of c.aliases ?? []) byName.set(foldKey(n), known);
    variantEntries(c.variants, known.name, 'entity-name', id, file);
    if (c.zh) withZh.push({ entity: known, zh: c.zh, source: file });
    withOtherZh(known, c.zhNames, file);
    continue;
  }
  const entity: EntityRecord = {
    id,
    type: c.type ?? 'company',
    name: c.name,
    curated: true,
    ...(c.zh ? { zh: c.zh } : {}),
    ...(c.aliases?.length ? { aliases: c.aliases } : {}),
    ...(tickers.length ? { tickers } : {}),
    ...(c.classes ? { classes: Object.fromEntries(Object.entries(c.classes).map(([k, v]) => [k, keyOf(v, where)])) } : {}),
    ...(c.linked ? { linked: c.linked } : {}),
    ...(c.sector ? { sector: c.sector } : {}),
    ...(c.noun ? { noun: c.noun } : {}),
    ...(c.exchange ? { exchange: c.exchange } : {}),
    ...(c.note ? { note: c.note } : {}),
  };
  entities.push(entity);
  curatedIds.set(id, { entity, where });
  curatedByName.set(foldKey(c.name), entity);
  keepSentences(entity, c);
  if (c.parent) parents.push({ entity, parent: c.parent, where });
  for (const t of tickers) {
    if (byTicker.has(t)) warnings.push(`${where}: ${t} already belongs to ${byTicker.get(t)!.name}`);
    byTicker.set(t, entity);
  }
  for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(foldKey(n), entity);
  variantEntries(c.variants, c.name, 'entity-name', id, file);
  if (c.zh) withZh.push({ entity, zh: c.zh, source: file });
  withOtherZh(entity, c.zhNames, file);
}

// A parent is named by its name or an alias, and may be defined after its subsidiary: resolved once all are read.
for (const { entity, parent, where } of parents) {
  const owner = byName.get(foldKey(parent));
  if (!owner || owner.type === 'person' || owner === entity) warnings.push(`${where}: parent "${parent}" is not another curated company`);
  else entity.parent = owner.id;
}

for (const { entry: p, file, index } of curated.people) {
  const id = `person:${slug(p.name)}`;
  const where = `${file}: [${index}] ${p.name}`;
  const known = existing(id, p.name, where);
  if (known === 'conflict') continue;
  if (known) {
    mergeInto(known, { zh: p.zh, aliases: p.aliases });
    variantEntries(p.variants, known.name, 'person-name', id, file);
    if (p.zh) withZh.push({ entity: known, zh: p.zh, source: file });
    continue;
  }
  const entity: EntityRecord = {
    id,
    type: 'person',
    name: p.name,
    curated: true,
    ...(p.zh ? { zh: p.zh } : {}),
    ...(p.aliases?.length ? { aliases: p.aliases } : {}),
    ...(p.role ? { note: p.role } : {}),
  };
  entities.push(entity);
  curatedIds.set(id, { entity, where });
  variantEntries(p.variants, p.name, 'person-name', id, file);
  if (p.zh) withZh.push({ entity, zh: p.zh, source: file });
}

for (const { entry: p, file, index } of curated.products) {
  const id = `product:${slug(p.name)}`;
  const where = `${file}: [${index}] ${p.name}`;
  const known = existing(id, p.name, where);
  if (known === 'conflict') continue;
  if (known) {
    mergeInto(known, { zh: p.zh, aliases: p.aliases });
    variantEntries(withHeadWords(p.variants, known.name), known.name, 'entity-name', id, file);
    if (p.zh) withZh.push({ entity: known, zh: p.zh, source: file });
    withOtherZh(known, p.zhNames, file);
    continue;
  }
  const owner = p.owner ? byName.get(foldKey(p.owner)) : undefined;
  if (p.owner && !owner) warnings.push(`${file}: [${index}] ${p.name}: owner "${p.owner}" is not a curated company`);
  const entity: EntityRecord = {
    id,
    type: 'product',
    name: p.name,
    curated: true,
    ...(p.zh ? { zh: p.zh } : {}),
    ...(p.aliases?.length ? { aliases: p.aliases } : {}),
    ...(owner ? { owner: owner.id } : {}),
    ...(p.category ? { category: p.category } : {}),
    ...(p.note ? { note: p.note } : {}),
  };
  entities.push(entity);
  curatedIds.set(id, { entity, where });
  // "WeChat Video Account": the name's first word printed before the wrong form is part of it.
  variantEntries(withHeadWords(p.variants, p.name), p.name, 'entity-name', id, file);
  if (p.zh) withZh.push({ entity, zh: p.zh, source: file });
  withOtherZh(entity, p.zhNames, file);
}

// Jargon in its hyphen and space spellings, and with the replacement's last word printed after it
// ("Kechuang 50 Index" → "STAR 50 Index"), where no other entry lists the form.
const jargonPatterns = new Set(curated.jargon.flatMap(({ entry }) => entry.patterns.map((p) => p.toLowerCase())));
/** An entry's context, and for a verb phrase with its object inside, its verb: asked for wherever the context is checked (lead.ts). */
function jargonContext(e: CuratedJargon, file: string): Pick<EntryRecord, 'context' | 'lead'> {
  if (!e.lead) return e.context ? { context: e.context } : {};
  try {
    return { context: leadContext(e.context, e.lead), lead: e.lead };
  } catch (error) {
    throw new Error(`${file}: "${e.patterns[0]}": ${(error as Error).message}`);
  }
}
for (const { entry: e, file } of curated.jargon) {
  entries.push({
    rule: 'jargon',
    expected: e.expected,
    patterns: e.caseSensitive ? e.patterns : jargonForms(e.patterns, e.expected, jargonPatterns),
    source: file,
    ...jargonContext(e, file),
    ...(e.mode ? { mode: e.mode } : {}),
    ...(e.caseSensitive ? { caseSensitive: true } : {}),
    ...(e.note ? { note: e.note } : {}),
  });
}
// A count stands for every count ("three consecutive suns" → "three straight gains": four, five …), where no
// entry lists the phrase for that count.
for (const { entry: e, file } of curated.jargon) {
  for (const { patterns, expected } of otherCounts(e.patterns, e.expected)) {
    const free = patterns.filter((p) => !jargonPatterns.has(p.toLowerCase()));
    if (free.length) entries.push({ rule: 'jargon', expected, patterns: free, source: `${file}: "${e.patterns[0]}" for another count`, ...jargonContext(e, file), ...(e.mode ? { mode: e.mode } : {}) });
  }
}
// Other grammatical forms of listed jargon, each under its entry's context, where no entry lists the form:
// - a verb phrase listed with its -ing form ("harvest the leeks", "harvesting the leeks") in the past tense
//   ("harvested the leeks" → "fleeced retail investors");
// - a noun phrase listed in the singular in the plural ("gambling agreements" → "valuation adjustment mechanisms"),
//   one listed only in the plural in the singular ("financial management subsidiary");
// - a verb phrase listed only in the past in the present and -ing forms ("turns from profit to loss").
{
  const all = curated.jargon;
  const plain = all.filter(({ entry }) => !entry.caseSensitive);
  const forms: Array<[string, typeof all, Array<{ index: number; expected: string; patterns: string[] }>]> = [
    ['past tense', all, pastTenseJargon(all.map(({ entry }) => entry))],
    ['plural', plain, pluralJargon(plain.map(({ entry }) => entry))],
    ['singular', plain, singularJargon(plain.map(({ entry }) => entry))],
    ['present', plain, presentTenseJargon(plain.map(({ entry }) => entry), isEnglishWord)],
  ];
  for (const [what, from, derivedForms] of forms) {
    for (const { index, expected, patterns } of derivedForms) {
      const { entry: e, file } = from[index]!;
      entries.push({ rule: 'jargon', expected, patterns, source: `${file}: ${what} of "${e.patterns[0]}"`, ...jargonContext(e, file), ...(e.mode ? { mode: e.mode } : {}) });
    }
  }
}

// ---------------------------------------------------------------- SEC: US listings

interface SecFile {
  fields: string[];
  data: Array<[number, string, string, string | null]>;
}
const secPath = dataFile(/^sec-company-tickers.*\.json$/);
const sec = JSON.parse(readFileSync(secPath, 'utf8')) as SecFile;
const byCik = new Map<number, { name: string; tickers: string[]; exchange: string | undefined }>();
const secExchange = new Map<string, string>();
for (const [cik, name, ticker, exchange] of sec.data) {
  let group = byCik.get(cik);
  if (!group) {
    group = { name, tickers: [], exchange: undefined };
    byCik.set(cik, group);
  }
  group.tickers.push(`US:${ticker}`);
  if (exchange && (!group.exchange || group.exchange === 'OTC')) group.exchange = exchange;
  if (exchange) secExchange.set(`US:${ticker}`, exchange);
}
let secCount = 0;
for (const group of byCik.values()) {
  const curated = group.tickers.map((t) => byTicker.get(t)).find(Boolean);
  if (curated) {
    curated.tickers = [...new Set([...(curated.tickers ?? []), ...group.tickers])];
    for (const t of group.tickers) byTicker.set(t, curated);
    continue;
  }
  if (isFundName(group.name)) continue;
  const core = coreOfLegalName(group.name);
  if (!core || core.length < 2) continue;
  const name = /[a-z]/.test(core) ? core : titleCase(core);
  const entity: EntityRecord = {
    id: `us:${group.tickers[0]!.slice(3)}`,
    type: 'company',
    name,
    tickers: group.tickers,
    ...(group.exchange ? { exchange: group.exchange } : {}),
    ...(sectorOf(group.name) ? { sector: sectorOf(group.name) } : {}),
  };
  entities.push(entity);
  for (const t of group.tickers) if (!byTicker.has(t)) byTicker.set(t, entity);
  secCount++;
}

// ---------------------------------------------------------------- HKEX: Hong Kong listings and short names

const hkexPath = dataFile(/^hkex-securities.*\.csv$/);
const hkRows = readFileSync(hkexPath, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [code, short, category, subCategory] = line.split(',');
    return { code: code!, short: short!.trim(), category: category ?? '', subCategory: subCategory ?? '' };
  })
  .filter((r) => r.category === 'Equity' || r.category === 'Real Estate Investment Trusts');
const byShort = new Map(hkRows.map((r) => [r.short, r]));
/** Words in three or more short names ("GROUP", "GOLD", "HOLDINGS"): words, not truncations. */
const wordCounts = new Map<string, number>();
for (const r of hkRows) for (const t of new Set(r.short.replace(HK_MARKER, '').split(/\s+/))) wordCounts.set(t, (wordCounts.get(t) ?? 0) + 1);
const commonWords = new Set([...wordCounts].filter(([t, n]) => n >= 3 && /[AEIOU]/.test(t)).map(([t]) => t));
/** RMB counters ("BABA-WR", "TENCENT-R") belong to the company of their HKD line. */
const counterOf = (short: string): string | undefined => {
  const m = /^(.*?)-(W|SW|S|B)?R$/.exec(short);
  if (!m) return undefined;
  const base = m[2] ? `${m[1]}-${m[2]}` : m[1]!;
  return byShort.has(base) ? base : undefined;
};
let hkCount = 0;
const hkEntity = new Map<string, EntityRecord>();
for (const row of hkRows) {
  if (counterOf(row.short)) continue;
  const key = `HK:${row.code}`;
  const curated = byTicker.get(key);
  if (curated) {
    curated.short = [...(curated.short ?? []), row.short];
    const keptAsPrinted = (keptSentences.get(curated) ?? []).some((sentence) => new RegExp(`(?<![A-Za-z])${row.short}(?![A-Za-z])`).test(sentence));
    curated.fixShort =
      shortNameFixable(row.short, curated.name) ||
      (!keptAsPrinted && shortCodeExpandable(row.short, curated.name, isEnglishWord, (code) => byTicker.has(`US:${code}`)));
    hkEntity.set(row.short, curated);
    continue;
  }
  const display = displayFromShort(row.short);
  const understood = shortNameUnderstood(row.short, commonWords);
  const entity: EntityRecord = {
    id: `hk:${row.code}`,
    type: 'company',
    name: display ?? row.short,
    short: [row.short],
    tickers: [key],
    exchange: 'HKEX',
    ...(display && display !== row.short && understood ? { exact: [display] } : {}),
    ...(display && understood && shortNameFixable(row.short, display) ? { fixShort: true } : {}),
    ...(sectorOf(`${row.short} ${row.subCategory}`) ? { sector: sectorOf(`${row.short} ${row.subCategory}`) } : {}),
  };
  entities.push(entity);
  byTicker.set(key, entity);
  hkEntity.set(row.short, entity);
  hkCount++;
}
for (const row of hkRows) {
  const base = counterOf(row.short);
  if (!base) continue;
  const entity = hkEntity.get(base)!;
  const key = `HK:${row.code}`;
  if (!entity.tickers?.includes(key)) entity.tickers = [...(entity.tickers ?? []), key];
  entity.short = [...(entity.short ?? []), row.short];
  byTicker.set(key, entity);
}
for (const c of entities) {
  if (!c.curated) continue;
  for (const t of c.tickers ?? []) {
    if (t.startsWith('HK:') && !hkRows.some((r) => `HK:${r.code}` === t)) warnings.push(`companies.yaml: ${c.name}: ${t} is not in the HKEX list`);
    if (t.startsWith('US:') && !sec.data.some((r) => `US:${r[2]}` === t)) warnings.push(`companies.yaml: ${c.name}: ${t} is not in the SEC list`);
  }
}

// Curated companies: the exchange of their first listing.
for (const c of entities) {
  if (!c.curated || c.exchange || !c.tickers?.length) continue;
  const first = c.tickers[0]!;
  const code = first.slice(3);
  c.exchange = first.startsWith('HK:') ? 'HKEX' : first.startsWith('CN:') ? (/^[69]/.test(code) ? 'SSE' : /^[48]/.test(code) ? 'BSE' : 'SZSE') : secExchange.get(first);
  if (!c.exchange) delete c.exchange;
}

// ---------------------------------------------------------------- observed mistranslations

const KIND_RULE: Record<string, string | undefined> = {
  person: 'person-name',
  company: 'entity-name',
  product: 'entity-name',
  'product/company': 'entity-name',
  'company/brand': 'entity-name',
  'product (book)': 'entity-name',
  media: 'entity-name',
  organisation: 'entity-name',
  jargon: 'jargon',
  'jargon (headline label)': 'jargon',
  'jargon/unit': 'jargon',
  // Knowledge that lives elsewhere: listings (ticker-mismatch), the legal-suffix and short-name rules, flags.
  'company/ticker': undefined,
  'company (legal name)': undefined,
  'company-for-noun': undefined,
  'ticker-style': undefined,
};

const overrides = new Map(curated.observed.map(({ entry: o }) => [foldKey(o.wrong), o]));
const claimed = new Set(entries.flatMap((e) => e.patterns.map(foldKey)));
const tsvPath = dataFile(/^observed-mistranslations.*\.tsv$/);
const tsvLines = readFileSync(tsvPath, 'utf8').split(/\r?\n/);
let tsvUsed = 0;
let tsvSkipped = 0;
tsvLines.forEach((line, index) => {
  if (index === 0 || !line.trim()) return;
  const [wrong = '', correct = '', kind = '', confidence = ''] = line.split('\t');
  const rule = KIND_RULE[kind];
  if (!(kind in KIND_RULE)) warnings.push(`observed-mistranslations.tsv:${index + 1}: unknown kind "${kind}"`);
  const expected = clean(correct).split(/\s+\/\s+/)[0]!;
  for (const form of clean(wrong).split(/\s+\/\s+/)) {
    if (!form || form.includes('…')) {
      tsvSkipped++;
      continue;
    }
    const o = overrides.get(foldKey(form));
    if (!rule || o?.skip || claimed.has(foldKey(form))) {
      tsvSkipped++;
      continue;
    }
    claimed.add(foldKey(form));
    entries.push({
      rule,
      expected: o?.expected ?? expected,
      patterns: [form],
      mode: o?.mode ?? (confidence === 'M' ? 'suggest' : 'fix'),
      source: `observed-mistranslations.tsv:${index + 1}`,
      ...(o?.context ? { context: o.context } : {}),
      ...(o?.note ? { note: o.note } : {}),
    });
    tsvUsed++;
  }
});
for (const o of overrides.values()) {
  if (!tsvLines.some((l) => clean(l.split('\t')[0] ?? '').split(/\s+\/\s+/).some((f) => foldKey(f) === foldKey(o.wrong)))) {
    warnings.push(`observed.yaml: "${o.wrong}" matches no row of the TSV`);
  }
}

/** "Huang Jenxun / Huang Jen-Hsun (same article)" → the forms without notes; outer quotes dropped. */
function clean(cell: string): string {
  return cell
    .replace(/\s*\([^)]*\)/g, '')
    .split(/\s+\/\s+/)
    .map((s) => s.trim().replace(/^"([^"]*)"$/, '$1'))
    .join(' / ');
}

// ---------------------------------------------------------------- aliases that are legal names

// "Xiaomi Corporation" as an alias would make the legal name a right running name; the legal-suffix
// rule shortens it instead.
for (const e of entities) {
  if (!e.curated || !e.aliases?.length) continue;
  // A desk name that keeps its form ("News Corp", "Southern Co", where the bare word reads as the word): its legal names are right too.
  if ([...e.name.matchAll(/\s/g)].some((m) => legalSuffixAt(e.name, m.index!)?.length === e.name.length - m.index!)) continue;
  const legal = e.aliases.filter((a) => [...a.matchAll(/[,\s]/g)].some((m) => legalSuffixAt(a, m.index!)?.length === a.length - m.index!));
  if (legal.length) e.aliases = e.aliases.filter((a) => !legal.includes(a));
  if (!e.aliases.length) delete e.aliases;
}

// ---------------------------------------------------------------- pinyin and word-for-word renderings of curated Chinese names

// A rendering already used by any entity or entry is left alone: a real name is never made a variant.
const taken = new Set<string>([...claimed, ...entries.flatMap((e) => e.patterns.map(foldKey))]);
for (const e of entities) for (const n of [e.name, ...(e.aliases ?? []), ...(e.exact ?? []), ...(e.short ?? [])]) taken.add(foldKey(n));
let derived = 0;
/** A product's maker by its names (the owner's name and aliases). */
const ownerNames = (product: EntityRecord): string[] => {
  const owner = product.owner ? entities.find((e) => e.id === product.owner) : undefined;
  return owner ? [owner.name, ...(owner.aliases ?? [])] : [];
};
const squashed = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
/** Unconditional wrong forms already tied to each entity (curated variants, observed rows). */
const wrongOf = new Map<string, Set<string>>();
for (const e of entries) {
  if (!e.entity || e.context || e.mode === 'suggest') continue;
  const set = wrongOf.get(e.entity) ?? new Set<string>();
  for (const p of e.patterns) set.add(squashed(p));
  wrongOf.set(e.entity, set);
}
// Every rendering with the entities it would name: a form two entities share (宏碁 and 红旗 are both
// "Hongqi", 联想 and 理想 both "Lixiang") names neither, and is dropped.
type Derivation = 'pinyin' | 'pinyin-generic' | 'literal-generic' | 'short' | Risk | 'shares' | 'person-context';
// The stories a person's own listed variants need ("Fenke" in a BlackRock story): a bare transliterated
// surname of two syllables ("Daimeng", also a Chinese name) takes the same.
const personContexts = new Map<string, string[]>();
for (const e of entries) {
  if (e.rule !== 'person-name' || !e.entity || !e.context?.any?.length || e.context.none?.length) continue;
  personContexts.set(e.entity, [...new Set([...(personContexts.get(e.entity) ?? []), ...e.context.any])]);
}
// Where no listed variant gives them, a person's stories are those of the organisation the role names
// ("OpenAI chief executive", "Federal Reserve governor"): a bare transliterated surname ("Aoteman") is
// then that person's where the organisation is named, and one pinyin form of two people is decided so.
for (const e of entities) {
  if (e.type !== 'person' || !e.curated || !e.note || personContexts.has(e.id)) continue;
  const cues = roleOrganisations(e.note, (name) => byName.get(foldKey(name))?.type === 'company');
  if (cues.length) personContexts.set(e.id, cues);
}
/** A person's forms listed only under a context, by entity ("person:jensen-huang|huang ren-xun"). */
const personOnlyInContext = new Set<string>();
{
  const anywhere = new Set(entries.filter((e) => !e.context).flatMap((e) => e.patterns.map(foldKey)));
  for (const e of entries) {
    if (e.rule !== 'person-name' || !e.entity || !e.context || e.mode) continue;
    for (const p of e.patterns) if (!anywhere.has(foldKey(p)) && !byName.has(foldKey(p))) personOnlyInContext.add(`${e.entity}|${foldKey(p)}`);
  }
}
/** A derived form of English words only ("Mark Lute" from 马克·吕特) could be anyone's name or plain words. */
const allEnglish = (form: string) => form.split(/[\s-]+/).every((w) => isEnglishWord(w.toLowerCase()));
const candidates = new Map<string, Array<{ entity: EntityRecord; form: string; source: string; how: Derivation }>>();
const glosses = new GlossTable(curated.glosses.map(({ entry }) => entry));
const glossCompanyWords = companyWords(glosses);
/** Who holds each name run together ("Huahong" of Hua Hong): a form that is a name run together is that name's, no other entity's. */
const squashedOwners = new Map<string, Set<string>>();
for (const e of entities) for (const n of [e.name, ...(e.aliases ?? [])]) squashedOwners.set(squashed(n), (squashedOwners.get(squashed(n)) ?? new Set<string>()).add(e.id));
const glossPlaces = curated.glosses.map(({ entry }) => entry).filter((g) => g.role === 'place').map((g) => g.zh);
let literal = 0;
/** Entities whose own Chinese name is two characters (a person's 李想 too), by that name's bare pinyin: a short name's bare pinyin is never theirs to take. */
const twoCharacterOwners = new Map<string, Set<string>>();
for (const { entity, zh, other } of withZh) {
  if (other) continue;
  const bare = /^\p{Script=Han}{2}$/u.test(zh) ? shortNameRenderings(zh) : [];
  for (const form of entity.type === 'person' && /^\p{Script=Han}{2}$/u.test(zh) ? personRenderings(zh).map((f) => f.replace(/[\s-]+/g, '')) : bare) {
    const owners = twoCharacterOwners.get(foldKey(form)) ?? new Set<string>();
    owners.add(entity.id);
    twoCharacterOwners.set(foldKey(form), owners);
  }
}
// Every entity's own zh first: where an entity's own and other Chinese names give one form, the own one's strength holds.
for (const { entity, zh, source, other } of [...withZh.filter((z) => !z.other), ...withZh.filter((z) => z.other)]) {
  const names = [entity.name, ...(entity.aliases ?? [])];
  // A name without a company word takes the one its trade implies (蔚来, a carmaker: "Weilai Qiche").
  const tailed = entity.type === 'person' ? undefined : withSectorTail(zh, entity.sector);
  let forms = entity.type === 'person' ? personRenderings(zh) : [...companyRenderings(zh), ...companyTailRenderings(zh), ...(tailed ? companyTailRenderings(tailed) : [])];
  // "Zhejiang Huayou Guye" for a company whose English name starts with its place (Zhejiang Huayou Cobalt).
  if (entity.type !== 'person') forms = [...forms, ...placedRenderings(forms, names, glossPlaces)];
  // Many people's pinyin names are right too ("Ma Huateng" beside "Pony Ma"): their other spellings are
  // derived only where a pinyin spelling of the name is already listed as wrong ("Huang Renxun" for Jensen Huang).
  if (entity.type === 'person' && !forms.some((f) => wrongOf.get(entity.id)?.has(squashed(f)))) forms = [];
  // A name transliterated into Chinese (埃隆·马斯克) is never right in pinyin: no listed variant is needed.
  const spelled = entity.type === 'person' && /[·•・]/.test(zh) ? transliterationRenderings(zh, entity.name) : undefined;
  // A surname whose pinyin is an English word ("Keen" from 科恩) with a given name could be someone else ("Steve Keen").
  const plainSurname = spelled !== undefined && isEnglishWord(spelled.surname.toLowerCase());
  if (spelled) forms = spelled.sure.filter((f) => !allEnglish(f) && (!plainSurname || f === spelled.full));
  for (const form of plainSurname ? [] : (spelled?.bare ?? [])) {
    if (taken.has(foldKey(form)) || partOfName(form, names) || allEnglish(form) || !personContexts.has(entity.id)) continue;
    const list = candidates.get(foldKey(form)) ?? [];
    if (!list.some((c) => c.entity === entity)) list.push({ entity, form, source: `${source}: pinyin of ${zh}`, how: 'person-context' });
    candidates.set(foldKey(form), list);
  }
  for (const form of forms) {
    // A person's full name the entry spells wrongly only in some stories ("Huang Ren-xun" in Nvidia stories) is
    // derived anyway where another spelling is wrong everywhere ("Huang Renxun"): the two entries are merged
    // below. A transliterated surname the entry lists in some stories ("Amodi") stays there.
    if ((taken.has(foldKey(form)) && (spelled || !personOnlyInContext.has(`${entity.id}|${foldKey(form)}`))) || partOfName(form, names)) continue;
    const list = candidates.get(foldKey(form)) ?? [];
    if (!list.some((c) => c.entity === entity)) list.push({ entity, form, source: `${source}: pinyin of ${zh}`, how: other ? 'pinyin-generic' : 'pinyin' });
    candidates.set(foldKey(form), list);
  }
  if (entity.type === 'person') continue;
  // A two-character short name in bare pinyin ("Zhaohang" for 招行): often a person's given name or a place too,
  // so the weakest form, and only in a story of the entity's trade (see 'short' below).
  // A bank's short name also with the bank word a translator puts after its pinyin ("Gonghang Bank" for 工行),
  // so the whole is replaced: "ICBC", never "ICBC Bank".
  const bankShort = zh.endsWith('行') && /bank/i.test(entity.sector ?? '');
  for (const bare of other && !glossPlaces.includes(zh) ? shortNameRenderings(zh) : []) {
    if (taken.has(foldKey(bare)) || partOfName(bare, names) || isEnglishWord(bare.toLowerCase()) || [...(squashedOwners.get(squashed(bare)) ?? [])].some((id) => id !== entity.id)) continue;
    // Another entity whose own Chinese name is these two characters' sound (仁宝 Compal beside 人保's "Renbao", 李想 beside 理想's "Lixiang").
    if ([...(twoCharacterOwners.get(foldKey(bare)) ?? [])].some((id) => id !== entity.id)) continue;
    for (const form of bankShort ? [bare, `${bare} Bank`] : [bare]) {
      if (taken.has(foldKey(form))) continue;
      const list = candidates.get(foldKey(form)) ?? [];
      if (!list.some((c) => c.entity === entity)) list.push({ entity, form, source: `${source}: pinyin of ${zh}`, how: 'short' });
      candidates.set(foldKey(form), list);
    }
  }
  // A product is not a 集团 ("Douyin Jituan"): company words it lacks only for companies.
  // A long name's head without its trade word ("Dipingxian" for 地平线机器人) is as weak: a parent's own pinyin wins.
  const heads = entity.type === 'company' ? companyHeadRenderings(zh, glossPlaces) : [];
  for (const form of entity.type === 'company' ? [...companyGenericTailRenderings(zh), ...heads] : []) {
    if (taken.has(foldKey(form)) || partOfName(form, names)) continue;
    // A head run together that spells another's right name ("Guotaijunan": Guotai Junan is a brokerage's) is that name's.
    if (heads.includes(form) && squashedOwners.has(squashed(form))) continue;
    const list = candidates.get(foldKey(form)) ?? [];
    if (!list.some((c) => c.entity === entity)) list.push({ entity, form, source: `${source}: pinyin of ${zh}`, how: 'pinyin-generic' });
    candidates.set(foldKey(form), list);
  }
  // Word for word (src/entities/literal.ts, data/curated/glosses.yaml): "Ningde Times", "Zero Run Auto".
  for (const r of [...literalRenderings(zh, glosses, isEnglishWord), ...(tailed ? literalRenderings(tailed, glosses, isEnglishWord) : [])]) {
    // "Hengrui Pharmaceutical" beside "Hengrui Medicine": the right name with other company words is not a wrong form.
    if (taken.has(foldKey(r.form)) || partOfName(r.form, names) || sameNameCore(r.form, names, glossCompanyWords)) continue;
    // A product's maker followed by a word or two ("Xiaomi Watch", "Tencent Video") describes it rightly;
    // a doubled word ("Futu Bull Bull" for 牛牛) is no description.
    const after = ownerNames(entity).find((o) => r.form.startsWith(`${o} `));
    if (entity.type === 'product' && after !== undefined) {
      const rest = r.form.slice(after.length + 1).split(' ');
      if (rest.length <= 2 && !(rest.length === 2 && rest[0] === rest[1])) continue;
    }
    const list = candidates.get(foldKey(r.form)) ?? [];
    // A short name's English words ("New Land" for 新地, "China United" for 中联) are a phrase anyone may write: also the trade must be in the story.
    const how: Derivation = r.shares ? 'shares' : other && r.risk === 'safe' ? 'literal-generic' : other && r.risk === 'phrase' ? 'word' : r.risk;
    if (!list.some((c) => c.entity === entity)) list.push({ entity, form: r.form, source: `${source}: word for word from ${zh}`, how });
    candidates.set(foldKey(r.form), list);
  }
  // A bare two-character name in pinyin with "Group" after it ("Jingdong Group" for 京东), weaker than a 集团 the Chinese name has.
  if (entity.type === 'company' && /^\p{Script=Han}{2}$/u.test(zh)) {
    for (const r of literalRenderings(`${zh}集团`, glosses, isEnglishWord)) {
      if (r.risk !== 'safe' || taken.has(foldKey(r.form)) || partOfName(r.form, names) || sameNameCore(r.form, names, glossCompanyWords)) continue;
      const list = candidates.get(foldKey(r.form)) ?? [];
      if (!list.some((c) => c.entity === entity)) list.push({ entity, form: r.form, source: `${source}: word for word from ${zh}`, how: 'literal-generic' });
      candidates.set(foldKey(r.form), list);
    }
  }
}
// A Western name's surname with a doubled letter written once ("Kevin Hasset"): a misspelling of that person only.
for (const e of entities) {
  // Only for names transliterated into Chinese (杰罗姆·鲍威尔): a pinyin name's "gg" is two syllables, not a spelling.
  if (e.type !== 'person' || !e.curated || (e.zh && !/[·•・]/.test(e.zh))) continue;
  for (const form of personMisspellings(e.name)) {
    if (taken.has(foldKey(form)) || (e.aliases ?? []).some((a) => foldKey(a) === foldKey(form))) continue;
    const list = candidates.get(foldKey(form)) ?? [];
    if (!list.some((c) => c.entity === e)) list.push({ entity: e, form, source: `people: misspelling of ${e.name}`, how: 'pinyin' });
    candidates.set(foldKey(form), list);
  }
}
/** Words of a story about a company's business ('shares' also brings the share-story vocabulary of src/entities/context.ts). */
const SHORT_NAME_STORY = [
  'shares', 'revenue', 'profit', 'earnings', 'sales', 'orders', 'contract', 'contracts', 'customers', 'clients', 'subscribers', 'passengers',
  'shipments', 'output', 'production', 'exports', 'abroad', 'overseas', 'demand', 'prices', 'costs', 'growth', 'business', 'market share',
  'quarter', 'first half', 'guidance', 'forecast', 'company', 'subsidiary', 'stake', 'merger', 'deal', 'acquisition', 'joint venture',
  'joint ventures', 'chairman', 'investors', 'analysts', 'shareholder', 'shareholders', 'creditors', 'dividend', 'bonds', 'debt', 'loans',
  'deposit', 'rates', 'plant', 'factory', 'suppliers', 'brand', 'results', 'listing', 'bond', 'unit', 'units', 'capacity',
];
/** Words that make a short name's bare pinyin a place ("Tianhe district", "Yushu prefecture", "Zhongxing Road", "Nanhang University"). */
const SHORT_NAME_PLACE_WORDS = ['district', 'districts', 'county', 'prefecture', 'township', 'town', 'village', 'province', 'road', 'street', 'avenue', 'university'];
/**
 * A short name's bare pinyin followed by a company word is the head of a longer name the knowledge base
 * does not hold ("Haikang Vision", "Kanglong Chemical", "Ningwang Technology"): fixing the head alone would
 * print "Hikvision Vision". Only words that follow a name as part of it, never in running prose after one
 * ("shares", "said" and "new" do), since the context is matched without regard to case.
 */
const SHORT_NAME_NOT_A_HEAD = String.raw`(?!\s+(?:Technology|Technologies|Tech|Electric|Electrical|Electronics?|Medical|Medicine|Biology|Biological|Biotech|Bio|Energy|Chemicals?|Pharmaceuticals?|Pharma|Vision|Precision|Communications?|Holdings?|Group|Motors?|Auto|Automobile|Automotive|Securities|Insurance|Foods?|Liquor|Industry|Industrial|Materials?|Information|Intelligent|Intelligence|Semiconductors?|Microelectronics|Optical|Optoelectronics?|Software|Entertainment|Logistics|Express|Airlines|Mining|Steel|Cement|Glass|Dairy|Brewery|Beverages?|Shipping|Machinery|Robotics|Solar|Co|Corp|Corporation|Inc|Ltd|Limited|Jituan|Gufen|Keji|Konggu|Gongsi)\b)`;
let shared = 0;
const derivedBy = new Map<EntityRecord, Map<Derivation, { forms: string[]; source: string }>>();
const derive = (entity: EntityRecord, form: string, source: string, how: Derivation) => {
  const byHow = derivedBy.get(entity) ?? new Map<Derivation, { forms: string[]; source: string }>();
  const d = byHow.get(how) ?? { forms: [], source };
  d.forms.push(form);
  byHow.set(how, d);
  derivedBy.set(entity, byHow);
};
/** A weak derivation that stood alone is an ordinary one. */
const standing = (how: Derivation): Derivation => (how === 'pinyin-generic' ? 'pinyin' : how === 'literal-generic' ? 'safe' : how);
for (const all of candidates.values()) {
  // A form with a company word the Chinese name has beats the same form with one added ("Lixiang Jituan": 联想集团, not 理想).
  const list = all.length > 1 ? all.filter((c) => c.how !== 'pinyin-generic' && c.how !== 'literal-generic' && c.how !== 'short') : all;
  if (list.length > 1) {
    // One pinyin for two people (the same Chinese name): each where the stories of their own listed
    // variants are told, the matcher trying one entry then the other; without such stories, neither.
    if (list.every((c) => c.entity.type === 'person') && list.some((c) => personContexts.has(c.entity.id))) {
      for (const c of list) if (personContexts.has(c.entity.id)) derive(c.entity, c.form, c.source, 'person-context');
      shared += 1;
    }
    // A company and its own product of one Chinese name (贝壳找房, KE Holdings and its Beike app): the company's.
    const companies = list.filter((c) => c.entity.type === 'company');
    const company = companies.length === 1 ? companies[0]! : undefined;
    if (company && list.every((c) => c === company || (c.entity.type === 'product' && c.entity.owner === company.entity.id))) {
      derive(company.entity, company.form, company.source, standing(company.how));
    }
    continue;
  }
  if (list.length !== 1) continue;
  const { entity, form, source } = list[0]!;
  derive(entity, form, source, standing(list[0]!.how));
}
for (const [entity, byHow] of derivedBy) {
  for (const [how, { forms, source }] of byHow) {
    const base: EntryRecord = { rule: entity.type === 'person' ? 'person-name' : 'entity-name', expected: entity.name, patterns: forms, entity: entity.id, source };
    if (how === 'person-context') {
      entries.push({ ...base, context: { any: personContexts.get(entity.id)! } });
      derived += forms.length;
      continue;
    }
    if (how === 'pinyin') entries.push(base);
    // A word-for-word form with English words in it ("Luzhou Old Cellar", "Ningde Times") is the name only printed
    // with its capitals: in lower case it is a description ("the Luzhou old cellar pits", "Ningde times have changed").
    else if (how === 'safe') {
      const context: NameContext = { capital: 'words' };
      entries.push({ ...base, context });
    }
    else if (how === 'short') {
      // In a story of its trade or of a company's business, never where a place word is (a person is fix-entities' to tell).
      entries.push({ ...base, caseSensitive: true, context: { any: [...new Set([...sectorCues(entity.sector), ...SHORT_NAME_STORY])], none: SHORT_NAME_PLACE_WORDS, after: SHORT_NAME_NOT_A_HEAD } });
      derived += forms.length;
      continue;
    }
    // English words only: the company where a company verb follows, as printed (a headline's "Dragon Lake" is not).
    // A product's English-words rendering ("Millet Wristband", "Sky Cat Elf"): where its maker is named in the article.
    else if (how === 'phrase' && entity.type === 'product') {
      const makers = ownerNames(entity);
      if (makers.length) entries.push({ ...base, caseSensitive: true, context: { any: makers } });
    } else if (how === 'phrase') entries.push({ ...base, caseSensitive: true, context: { before: NO_ARTICLE_BEFORE, after: COMPANY_CUE } });
    else if (how === 'shares') entries.push({ ...base, caseSensitive: true, context: { after: SHARES_CUE } });
    else {
      // One English word of the name ("Beautiful Group"): also the entity's trade in the article.
      const cues = sectorCues(entity.sector);
      if (!cues.length) continue;
      entries.push({ ...base, caseSensitive: true, context: { before: NO_ARTICLE_BEFORE, after: COMPANY_CUE, any: cues } });
    }
    if (how === 'pinyin') derived += forms.length;
    else literal += forms.length;
  }
}

// ---------------------------------------------------------------- one person's form in several entries

// The matcher keeps one entry per pattern (the last), so a person's form listed twice, in two files with
// different stories ("Little Zha" in Meta stories and in Threads stories), would lose the first context:
// the form stands where any of them holds, and anywhere if one entry lists it without a context. A form
// the build made for one person ("Ku Ke" from Tim Cook's "Kuke") that another person lists is left to
// that person.
{
  const plainAny = (e: EntryRecord) => !e.context || Object.keys(e.context).every((k) => k === 'any' || k === 'capital');
  const holders = new Map<string, EntryRecord[]>();
  for (const e of entries) {
    if (e.rule !== 'person-name' || !e.entity || e.mode || e.regex?.length) continue;
    for (const p of e.patterns) {
      const list = holders.get(foldKey(p)) ?? [];
      if (!list.includes(e)) list.push(e);
      holders.set(foldKey(p), list);
    }
  }
  const drop = (e: EntryRecord, key: string) => (e.patterns = e.patterns.filter((p) => foldKey(p) !== key));
  for (const [key, list] of holders) {
    if (list.length < 2) continue;
    const listedBy = new Set(list.filter((e) => !madeForms.has(`${e.entity}|${key}`)).map((e) => e.entity));
    for (const e of list) if (listedBy.size && !listedBy.has(e.entity)) drop(e, key);
    const same = list.filter((e) => e.patterns.some((p) => foldKey(p) === key));
    const capitalOf = (e: EntryRecord) => (e.context as NameContext | undefined)?.capital;
    if (same.length < 2 || new Set(same.map((e) => `${e.entity}|${e.expected}|${capitalOf(e)}|${e.caseSensitive}`)).size !== 1 || !same.every(plainAny)) continue;
    const pattern = same[0]!.patterns.find((p) => foldKey(p) === key)!;
    for (const e of same) drop(e, key);
    const open = same.find((e) => !e.context?.any?.length);
    const any = open ? undefined : [...new Set(same.flatMap((e) => e.context?.any ?? []))];
    const context = open ? open.context : { ...same[0]!.context, any };
    const { context: _first, ...rest } = same[0]!;
    entries.push({ ...rest, patterns: [pattern], ...(context ? { context } : {}), source: same.map((e) => e.source?.replace(/^data\/curated\//, '')).join(' + ') });
  }
  for (let k = entries.length - 1; k >= 0; k--) if (entries[k]!.patterns.length === 0 && !entries[k]!.regex?.length) entries.splice(k, 1);
}

// ---------------------------------------------------------------- names that are only a legal form

// "aliases: [GEM Co., Ltd.]" in YAML is two names, "GEM Co." and "Ltd.": a name or a wrong form that is only a
// legal form names nothing, and would make every "Ltd." a mention of that company.
{
  const onlyLegalForm = (name: string) => /^(?:(?:Co|Corp|Inc|Ltd|LLC|L\.?P|plc|PLC|Limited|Company|Corporation|Incorporated|Holdings?|Group|AG|SE|SA|S\.A|NV|N\.V|A\/S|AB|ASA|KK|K\.K|Bhd|Berhad|Tbk|GmbH)\.?[,\s]*)+$/.test(name.trim());
  for (const e of entities) {
    if (!e.aliases?.some(onlyLegalForm)) continue;
    for (const a of e.aliases.filter(onlyLegalForm)) warnings.push(`${e.name} (${e.id}): the alias "${a}" is only a legal form (a comma inside a YAML list? quote the name); dropped`);
    e.aliases = e.aliases.filter((a) => !onlyLegalForm(a));
  }
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k]!;
    if (!e.patterns.some(onlyLegalForm)) continue;
    for (const p of e.patterns.filter(onlyLegalForm)) warnings.push(`${e.source}: the wrong form "${p}" → "${e.expected}" is only a legal form; dropped`);
    e.patterns = e.patterns.filter((p) => !onlyLegalForm(p));
    if (e.patterns.length === 0 && !e.regex?.length) entries.splice(k, 1);
  }
}

// ---------------------------------------------------------------- one entity listed twice

// An alias that is another curated entity's name ("Neta" beside "Neta Auto", alias Neta) makes two entities of
// one: a mention counts for either, and the flags and the ticker checks may take the wrong one.
{
  const curatedNamed = new Map(entities.filter((e) => e.curated).map((e) => [`${e.type}|${foldKey(e.name)}`, e]));
  for (const e of entities) {
    if (!e.curated) continue;
    for (const a of e.aliases ?? []) {
      const other = curatedNamed.get(`${e.type}|${foldKey(a)}`);
      if (other && other !== e) warnings.push(`${e.name} (${e.id}) has the alias "${a}", the name of ${other.id}: one entity listed twice? merge them or drop the alias`);
    }
  }
}

// ---------------------------------------------------------------- right names no entry may change

const kept = new Map(curated.keep.map(({ entry }) => [foldKey(entry.name), entry.name]));
// An entity's own right names (its aliases) are not wrong forms of it either.
const rightNamesOf = new Map(entities.filter((e) => e.curated).map((e) => [e.id, new Set([e.name, ...(e.aliases ?? [])].map(foldKey))]));
for (let k = entries.length - 1; k >= 0; k--) {
  const e = entries[k]!;
  const own = e.entity ? rightNamesOf.get(e.entity) : undefined;
  const isRight = (p: string) => kept.has(foldKey(p)) || (own?.has(foldKey(p)) ?? false);
  const dropped = e.patterns.filter(isRight);
  if (dropped.length === 0) continue;
  for (const p of dropped) warnings.push(`${e.source}: "${p}" → "${e.expected}" dropped: "${p}" is a right name (${kept.has(foldKey(p)) ? 'data/curated/keep.yaml' : 'an alias of the same entry'})`);
  e.patterns = e.patterns.filter((p) => !isRight(p));
  if (e.patterns.length === 0 && !e.regex?.length) entries.splice(k, 1);
}

// ---------------------------------------------------------------- write

// A compact kb.json: what the reader can tell is left out (a company's type, an exchange the first
// listing tells). Where each entry comes from goes to kb.sources.json beside it, by entry index: the
// cleaner never reads it (it was a sixth of kb.json, parsed at every start), reviews and tests do.
const compactEntity = (e: EntityRecord): Partial<EntityRecord> => {
  const { type, exchange, ...rest } = e;
  return {
    ...(type === 'company' ? {} : { type }),
    ...rest,
    ...(exchange && exchange !== (e.tickers?.[0] ? exchangeOf(e.tickers[0]) : undefined) ? { exchange } : {}),
  };
};
// A context many entries share (a company's trade words, derived forms of one entry) is written once, in
// `contexts`, and referred to by its index: a tenth of the file was contexts written again.
const contextCount = new Map<string, number>();
for (const e of entries) {
  const json = e.context ? JSON.stringify(e.context) : undefined;
  if (json) contextCount.set(json, (contextCount.get(json) ?? 0) + 1);
}
const sharedContexts = [...contextCount].filter(([, n]) => n > 1).map(([json]) => json);
const contextIndex = new Map(sharedContexts.map((json, i) => [json, i]));
const compactEntry = (e: EntryRecord): unknown => {
  const index = e.context ? contextIndex.get(JSON.stringify(e.context)) : undefined;
  const { source: _, ...rest } = e;
  return { ...rest, ...(index !== undefined ? { context: index } : {}) };
};
const sourceOf = (e: EntryRecord): string | null => e.source?.replace(/^data\/curated\//, '') ?? null;

const kb: KbData = {
  version: 1,
  generated: new Date().toISOString().slice(0, 10),
  sources: [secPath, hkexPath, tsvPath].map((p) => relative(dirname(root), p)).concat('data/curated/*.yaml'),
  entities,
  entries,
};
// Written in ASCII, every other character escaped (\uXXXX): a process decodes an ASCII file three times as
// fast, and parses it into one-byte strings where it can; together about 5 ms of every start.
const asciiJson = (json: string) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(
  outFile,
  asciiJson(
    `{"version":1,"generated":${JSON.stringify(kb.generated)},"sources":${JSON.stringify(kb.sources)},\n"entities":[\n${entities
      .map((e) => JSON.stringify(compactEntity(e)))
      .join(',\n')}\n],\n"contexts":[\n${sharedContexts.join(',\n')}\n],\n"entries":[\n${entries.map((e) => JSON.stringify(compactEntry(e))).join(',\n')}\n]}\n`,
  ),
);
writeFileSync(entrySourcesPath(outFile), `{"entries":${entries.length},"sources":[\n${entries.map((e) => JSON.stringify(sourceOf(e))).join(',\n')}\n]}\n`);
// The matcher, precompiled from the file as written (the reader checks it against that file's digest).
{
  const compiled = compileMatcherFile(outFile);
  console.log(`${relative(process.cwd(), compiled.path)}: ${compiled.patterns} patterns, ${(compiled.bytes / 2 ** 20).toFixed(2)} MiB`);
}
// The dictionary schema, for editors that validate YAML/JSON as it is typed.
writeFileSync(join(dirname(outFile), 'dictionary.schema.json'), `${JSON.stringify(DICTIONARY_SCHEMA, null, 2)}\n`);
for (const w of warnings) console.warn(`warning: ${w}`);
console.log(
  `${relative(process.cwd(), outFile)}: ${entities.length} entities (${companies.length} curated companies, ${curated.people.length} people, ${curated.products.length} products, ${secCount} more from the SEC list, ${hkCount} more from HKEX), ` +
    `${entries.length} entries (${tsvUsed} from the observed list, ${tsvSkipped} forms of it left to other rules; ${derived} pinyin renderings derived from zh, ${literal} word-for-word renderings; ${shared} pinyin forms shared by two people, each in its own stories)`,
);
