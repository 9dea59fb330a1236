/**
 * Ticker-anchored resolution: a ticker printed beside a name identifies the
 * security, so a rendering no list holds can still be fixed. "Ningde Era
 * Technology (300750.SZ)" names CATL: the code says so, and the printed name
 * shares a word with a rendering of CATL's Chinese name. The printed name is
 * compared with the security's names and renderings:
 *
 * - like one of its right names: it is a right name, left alone;
 * - sharing a distinctive word with a rendering (pinyin of its Chinese name,
 *   a known variant), or pinyin throughout beside a curated company: fixed to
 *   the display name, and its later mentions in the article follow;
 * - otherwise, beside a curated company: a suggestion (the ticker may be the
 *   wrong half).
 *
 * A name that is another known entity is flag-entities' `ticker-mismatch`.
 */
import type { Found } from './analysis.js';
import { entityOf } from './analysis.js';
import { placeHolds } from './context.js';
import type { EntityRecord, Mode } from './kb.js';
import { replacementFor, type Matcher } from './matcher.js';
import { coreOfLegalName, isPinyin } from './names.js';
import { findTickers, hasBracket, printKey } from './tickers.js';
import type { Block } from './text.js';
import { SURNAMES } from './surnames.js';

export interface AnchoredFix {
  block: number;
  start: number;
  end: number;
  entity: number;
  value: string;
  mode: Mode;
  reason: string;
  /** Matches of the entity's own variants inside the printed name, fixed as part of it. */
  covers?: Found[] | undefined;
  /** The rule of the knowledge-base entry the fix is, when it is one ("BABA-SW" is an exchange short name). */
  rule?: string | undefined;
}

/** Words that tell nothing about which company a name is: forms, sectors, places. */
const PLAIN = new Set(
  (
    'group holdings holding co ltd limited inc corp corporation company the and of new china chinese international global technology technologies tech ' +
    'science industry industrial industries energy power bank financial securities insurance pharmaceutical pharma medical biotech electronics electric ' +
    'motor motors auto automobile development investment capital resources materials mining semiconductor semiconductors software network networks ' +
    'communication communications media culture entertainment education food foods beverage liquor wine brewery real estate property properties ' +
    'shares stock era times future smart intelligent digital information data cloud new-energy battery batteries ' +
    'drug drugs development optical optics biopharmaceutical biopharma biology biological biologics bio sports goods products appliances ' +
    'hotpot catering precision equipment machinery heavy instruments chemical chemicals environmental logistics services solutions systems ' +
    'vehicle vehicles automotive dairy lithium robot robotics trading commercial enterprise enterprises ' +
    // Trades and goods a name may carry beside its own word ("Hualing Iron and Steel", "Golden Dragon Fish Grain and Oil").
    'steel iron grain grains oil oils cement port ports harbour harbor shipping airline airlines airport airports railway railways coal gas water ' +
    'paper textile textiles tyre tyres glass aluminium aluminum copper gold fertiliser fertilizer healthcare hospital hospitals retail coffee tea ' +
    'beer brewing express delivery courier acoustics acoustic components parts infrastructure construction engineering ' +
    'shenzhen shanghai beijing guangzhou hangzhou nanjing wuhan chengdu chongqing tianjin xiamen suzhou hefei jinan qingdao dalian ningbo xian ' +
    'guangdong jiangsu zhejiang shandong fujian hubei hunan henan hebei sichuan anhui jiangxi shanxi shaanxi yunnan guizhou guangxi hainan ' +
    'liaoning jilin heilongjiang gansu qinghai ningxia xinjiang tibet inner mongolia hong kong macau taiwan asia pacific east west north south ' +
    'york london tokyo singapore taipei seoul frankfurt paris nasdaq nyse wall street mainland'
  ).split(/\s+/),
);

/** A word that tells nothing about which company a name is (a form, a sector, a place). */
export const isPlainWord = (word: string): boolean => PLAIN.has(word.toLowerCase());

const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/-(?:sw|w|s|b|r|wr)\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
const distinctive = (name: string) => new Set(words(name).filter((w) => !PLAIN.has(w)));
const squash = (name: string) => words(coreOfLegalName(name)).filter((w) => !PLAIN.has(w)).join('');

/** Right names of an entity, and the wrong forms the knowledge base already ties to it. */
interface Forms {
  right: string[];
  renderings: string[];
}
const formsCache = new WeakMap<Matcher, Map<string, string[]>>();

function renderingsOf(matcher: Matcher, entity: EntityRecord): string[] {
  let byEntity = formsCache.get(matcher);
  if (!byEntity) {
    byEntity = new Map();
    for (const e of matcher.entries) {
      if (!e.entity || e.mode === 'off') continue;
      const list = byEntity.get(e.entity) ?? [];
      list.push(...e.patterns);
      byEntity.set(e.entity, list);
    }
    formsCache.set(matcher, byEntity);
  }
  return byEntity.get(entity.id) ?? [];
}

function formsOf(matcher: Matcher, entity: EntityRecord): Forms {
  return { right: [entity.name, ...(entity.aliases ?? []), ...(entity.exact ?? []), ...(entity.short ?? [])], renderings: renderingsOf(matcher, entity) };
}

function likeRightName(printed: string, right: string[]): boolean {
  const mine = distinctive(printed);
  const flat = squash(printed);
  return right.some((n) => {
    for (const w of distinctive(n)) if (mine.has(w)) return true;
    const other = squash(n);
    return flat.length >= 4 && other.length >= 4 && (flat.includes(other) || other.includes(flat));
  });
}

function sharesRendering(printed: string, renderings: string[]): boolean {
  const mine = distinctive(printed);
  return renderings.some((r) => [...distinctive(r)].some((w) => w.length >= 4 && mine.has(w)));
}

/** Words that read as pinyin but are English (or names) too often to count as pinyin. */
const ENGLISH = new Set('long hang sun man fan pan ban tan ran china zen bin pin tin din gene lane line mine pine shin chin bang gang sang hen pen ten den men yen nan dan can tao hua'.split(' '));
const pinyinWord = (w: string) => /^[A-Za-z]{4,}$/.test(w) && !ENGLISH.has(w.toLowerCase()) && isPinyin(w) && (w.length >= 6 || /[jqxz]|ao|iu|ui|uo|ia|ie|ua|ou|ian|uan|ng$/i.test(w));

/** "Meituan Dianping", "Xiaomi Jituan", "Anta Tiyu Yongpin": a right name with pinyin words after it. */
function rightNamePlusPinyin(printed: string, right: string[]): boolean {
  const core = printed.replace(/,?\s+(?:Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation|Holdings?|Group)\b.*$/, '');
  // "LG Xinneng Yuan" beside LG Energy Solution's code: the right name's leading acronym, the rest in pinyin (新能源).
  const acronyms = right.map((n) => /^\p{Lu}{2,4}(?=\s)/u.exec(n)?.[0]).filter((a): a is string => a !== undefined);
  return [...right, ...acronyms].some((n) => {
    if (!core.toLowerCase().startsWith(`${n.toLowerCase()} `)) return false;
    const extra = core.slice(n.length).trim().split(/\s+/);
    return extra.length > 0 && extra.every((w) => pinyinWord(w) || (/^[A-Za-z]{2,5}$/.test(w) && isPinyin(w) && !ENGLISH.has(w.toLowerCase()) && extra.some(pinyinWord)));
  });
}

/**
 * "Tong Wei Shares" beside Tongwei's ticker: a right name's one pinyin word printed syllable by syllable
 * ("Tong Wei", "Hai-kang"), which a translator writes and a desk never does.
 */
function spacedRightName(printed: string, right: string[]): boolean {
  const parts = printed.toLowerCase().split(/[\s-]+/).filter(Boolean);
  const joined = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    let run = '';
    for (let j = i; j < parts.length && j < i + 4; j++) {
      if (!/^\p{L}+$/u.test(parts[j]!) || !isPinyin(parts[j]!)) break;
      run += parts[j];
      if (j > i) joined.add(run);
    }
  }
  if (joined.size === 0) return false;
  return right.some((n) => n.split(/\s+/).some((w) => w.length >= 5 && /^\p{L}+$/u.test(w) && isPinyin(w) && joined.has(w.toLowerCase())));
}

/**
 * "Sea Kang Wei Shi" beside Hikvision's ticker (海康威视, half translated, half in pinyin): two or more
 * words in a row that read as pinyin and, run together, make six letters or more of a rendering's pinyin
 * ("kangweishi" of "Haikang Weishi").
 */
function sharesPinyinRun(printed: string, renderings: string[]): boolean {
  const parts = printed.toLowerCase().split(/[\s-]+/).filter(Boolean);
  const runs: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let run = '';
    for (let j = i; j < parts.length; j++) {
      if (!/^\p{L}+$/u.test(parts[j]!) || !isPinyin(parts[j]!)) break;
      run += parts[j];
      if (j > i && run.length >= 6) runs.push(run);
    }
  }
  if (runs.length === 0) return false;
  return renderings.some((r) => {
    const letters = r.toLowerCase().replace(/[^\p{L}]/gu, '');
    return runs.some((run) => letters.includes(run));
  });
}

/** "Lei Jun", "Wang Chuanfu": a surname and a given name of one or two syllables. */
const personShaped = (name: string) => {
  const ws = name.trim().split(/\s+/);
  return ws.length === 2 && SURNAMES.has(ws[0]!.toLowerCase()) && ws[1]!.length <= 8;
};

const allPinyin = (name: string) => {
  const ws = coreOfLegalName(name).split(/[\s-]+/).filter(Boolean);
  return ws.length > 0 && ws.every((w) => /^[A-Za-z]+$/.test(w) && isPinyin(w)) && ws.join('').length >= 5;
};

/** Capitalised words just before a ticker, after any leading function word. */
const RAW_NAME = /(?<![\p{L}\p{N}'’.&-])((?:\p{Lu}[\p{L}\p{N}.&'’-]*)(?:,?\s+(?:\p{Lu}[\p{L}\p{N}.&'’-]*|&|and|of)){0,6})\s*$/u;
const PHRASE_COMMA = /,\s+(?!(?:Inc|Ltd|Limited|Co|Corp|Corporation|LLC|L\.P|[Pp]lc|N\.V|S\.A|AG|SE)(?![\p{L}]))/gu;
const LEADING = /^(?:(?:The|A|An|In|On|At|For|By|With|From|As|And|But|Its|Shares|Rival|Peer|Meanwhile|While|When|After|Both|Also|Listed|Chinese|of|and|&)\s+)+/;

/** Nouns for a security or the market it trades on, which a ticker may follow without a company's name. */
const SECURITY_NOUN = /(?:\s+|^)(?:Stock\s+Exchange|Exchange|Bourse|Market|Board|Listing|Listings|Shares|Stock|Stocks|ADRs?|ADSs?|Depositary\s+(?:Receipts|Shares)|Index)$/;
function namesNoCompany(printed: string): boolean {
  const m = SECURITY_NOUN.exec(printed);
  if (!m) return false;
  const rest = printed.slice(0, m.index).trim();
  // What stands before the noun is a place, a market word or a share-class letter ("Hong Kong", "H", "A"), or nothing.
  return rest === '' || /^(?:the\s+)?[A-Z]$/.test(rest) || distinctive(rest.replace(/^the\s+/i, '')).size === 0;
}

/** Words a holding company's Chinese name adds to its operating company's: 晶科能源 → 晶科能源控股. */
const HOLDING_TAIL = /^(?:控股|集团|控股集团|集团控股|股份|控股有限公司|集团有限公司|有限公司)$/u;

/**
 * "Jingke Energy (JKS.US)": the rendering names the operating company (晶科能源, listed in Shanghai), the
 * ticker its holding company (晶科能源控股): one Chinese name but for a holding word, and the ticker decides.
 */
function holdingKin(zh: string | undefined, holderZh: string | undefined): boolean {
  if (!zh || !holderZh || zh === holderZh || zh.length < 2) return false;
  return holderZh.startsWith(zh) && HOLDING_TAIL.test(holderZh.slice(zh.length));
}

/** Whether a match names the holder: one of its names, or an entry for it (by id, or by the name it puts in). */
function namesHolder(matcher: Matcher, c: Found, holder: number): boolean {
  const e = entityOf(matcher, c);
  if (e !== undefined && (e === holder || holdingKin(matcher.kb.entity(e).zh, matcher.kb.entity(holder).zh))) return true;
  if (c.target.kind !== 'entry') return false;
  // "Know Almost (ZH.US)": a product that bears its maker's name (知乎, the app and the company) names the
  // maker beside the maker's ticker; another company's entry never does.
  if (e !== undefined && matcher.kb.entity(e).type === 'company') return false;
  const entity = matcher.kb.entity(holder);
  const expected = c.target.entry.expected.toLowerCase();
  return [entity.name, ...(entity.aliases ?? [])].some((n) => n.toLowerCase() === expected);
}

/**
 * "Shell (BEKE.US)": 贝壳 translated word for word is another company's name, but the ticker is KE
 * Holdings', whose renderings ("Shell Zhaofang") hold every word printed. The ticker decides for a curated
 * holder; a name with a word of its own ("Tencent (BABA.US)") stays a ticker mismatch.
 */
function otherNameIsHoldersRendering(matcher: Matcher, c: Found, start: number, end: number, holder: number, printed: string): boolean {
  if (c.start !== start || c.end !== end || c.target.kind !== 'name' || c.extension) return false;
  const other = entityOf(matcher, c);
  if (other === undefined || other === holder || matcher.kb.entity(holder).curated !== true) return false;
  // "Tencent (TME.US)": a word of the holder's own right names is a kin company, not a rendering.
  if (likeRightName(printed, formsOf(matcher, matcher.kb.entity(holder)).right)) return false;
  const mine = [...distinctive(printed)];
  if (mine.length === 0 || mine.some((w) => w.length < 4)) return false;
  return renderingsOf(matcher, matcher.kb.entity(holder)).some((r) => {
    const theirs = distinctive(r);
    return theirs.size > mine.length && mine.every((w) => theirs.has(w));
  });
}

/**
 * Whether a match beside a curated holder's ticker is a wrong form of another company made of English
 * words only (a word-for-word rendering, which two Chinese names can share), covering the printed name but
 * for plain words ("Insurance", "Group"). A pinyin form or a right name of the other company is not.
 */
function otherCompanysLiteral(matcher: Matcher, c: Found, start: number, end: number, holder: number, printed: string): boolean {
  if (c.target.kind !== 'entry' || c.target.entry.rule !== 'entity-name' || c.start < start || c.end > end) return false;
  const holderEntity = matcher.kb.entity(holder);
  const other = entityOf(matcher, c);
  if (holderEntity.curated !== true || holderEntity.type !== 'company' || other === undefined || other === holder) return false;
  if (matcher.kb.entity(other).type !== 'company' || holdingKin(matcher.kb.entity(other).zh, holderEntity.zh)) return false;
  const rest = (printed.slice(0, c.start - start) + ' ' + printed.slice(c.end - start)).trim();
  if (rest && distinctive(coreOfLegalName(rest)).size > 0) return false;
  const mine = [...distinctive(printed)];
  return mine.length > 0 && mine.every((w) => !pinyinWord(w));
}

export function tickerAnchored(matcher: Matcher, blocks: Block[], found: Found[][]): AnchoredFix[] {
  const kb = matcher.kb;
  const fixes: AnchoredFix[] = [];
  /** Renderings fixed beside a ticker, for their later mentions. */
  const follow = new Map<string, { entity: number; value: string; key: string }>();
  blocks.forEach((block, i) => {
    const text = block.text;
    if (!hasBracket(text)) return;
    for (const t of findTickers(text)) {
      // One security: every key the ticker reads as belongs to the same entity.
      let holder = -1;
      let several = false;
      for (const k of t.keys) {
        for (const h of kb.holders(k)) {
          if (holder === -1) holder = h;
          else if (h !== holder) several = true;
        }
      }
      if (holder === -1 || several) continue;
      const entity = kb.entity(holder);
      if (entity.type !== 'company') continue;
      const m = RAW_NAME.exec(text.slice(Math.max(0, t.start - 90), t.start));
      if (!m) continue;
      let start = t.start - m[0].length;
      let end = start + m[1]!.length;
      // "Elsewhere in Tokyo, Toyota Motor Corp (7203.T)": a comma ends a phrase; in a name only a legal form follows one.
      const commas = m[1]!.includes(',') ? [...m[1]!.matchAll(PHRASE_COMMA)] : [];
      const lastComma = commas[commas.length - 1];
      if (lastComma) start += lastComma.index + lastComma[0].length;
      const lead = LEADING.exec(text.slice(start, end));
      if (lead) start += lead[0].length;
      if (end <= start) continue;
      // "Alibaba's Hong Kong Shares (09988)": the ticker is the possessor's, and what it owns is a noun phrase.
      const possessive = /['’]s\s+(?=\S)/gu;
      let owner = end;
      for (let p = possessive.exec(text.slice(start, end)); p; p = possessive.exec(text.slice(start, end))) owner = start + p.index;
      end = owner;
      if (end <= start) continue;
      const printed = text.slice(start, end);
      // "listed on the Hong Kong Stock Exchange (09988)", "its H Shares (01211)": a market, an exchange or a
      // class of shares before the ticker names no company ("Tongwei Shares", with a name's own word, does).
      if (namesNoCompany(printed)) continue;
      // Another entity's form that is not its own where it stands ("Wei" of "Tong Wei Shares": Wey's only before "brand") is no name here.
      const inside = found[i]!.filter((c) => c.start < end && start < c.end && (c.target.kind !== 'entry' || entityOf(matcher, c) === holder || placeHolds(c.target.entry.context, text, c.start, c.end)));
      if (inside.length === 1 && otherNameIsHoldersRendering(matcher, inside[0]!, start, end, holder, printed)) {
        fixes.push({ block: i, start, end, entity: holder, value: entity.name, mode: 'fix', covers: inside, reason: `Replaced “${printed}” with “${entity.name}”: a word-for-word rendering of its Chinese name, beside its ticker ${printKey(t.keys[0]!)}, though also another company’s name` });
        continue;
      }
      if (inside.length) {
        // "Ningde Era Technology Co., Ltd. (300750.SZ)": a variant of this very company, with plain words
        // and a legal form around it, is fixed as a whole; any other known name is judged by the other rules.
        if (!inside.every((c) => namesHolder(matcher, c, holder) && c.start >= start && c.end <= end)) {
          // "China Peace Insurance (00966.HK)": 太平 and 平安 both come out as "peace"; a word-for-word rendering of
          // another company beside this one's ticker is not fixed to the other company blindly, only this one offered.
          if (inside.length === 1 && otherCompanysLiteral(matcher, inside[0]!, start, end, holder, printed)) {
            fixes.push({ block: i, start, end, entity: holder, value: entity.name, mode: 'suggest', covers: inside, reason: `“${printed}” renders another company’s Chinese name word for word, but the ticker beside it, ${printKey(t.keys[0]!)}, is ${entity.name}’s: one of the two is wrong` });
          }
          continue;
        }
        let rest = printed;
        for (const c of [...inside].reverse()) rest = rest.slice(0, c.start - start) + ' ' + rest.slice(c.end - start);
        // What is left must be plain words, a legal form or pinyin ("Haidilao Huoguo", "Weilai Group").
        const left = [...distinctive(coreOfLegalName(rest.trim() || 'x'))].filter((w) => !pinyinWord(w));
        if (rest.trim() && left.length > 0) continue;
        if (inside.every((c) => c.target.kind === 'name' && !c.extension) && !rest.trim()) continue;
        // "Contemporary Amperex Technology Co Ltd (300750.SZ)": the company's own name and a legal form is its
        // legal name, not a rendering; whether it stays is the legal-suffix rule's call.
        if (inside.length === 1 && inside[0]!.target.kind === 'name' && inside[0]!.target.form !== 'short' && text.slice(inside[0]!.start, inside[0]!.end) === coreOfLegalName(printed)) continue;
        if (inside.length === 1 && inside[0]!.start === start && inside[0]!.end === end) {
          // "Weilai (NIO.US)", "Beautiful Group (000333.SZ)": a variant of this company whose context the
          // sentence alone may not hold; its own ticker beside it is the context. A right name is left alone.
          const only = inside[0]!;
          if (only.target.kind !== 'entry' || only.target.entry.mode === 'off') continue;
          // A holding company's kin's variant ("Jingke Energy" beside JKS.US) takes the holder's name.
          const own = entityOf(matcher, only);
          const value = own !== undefined && own !== holder ? entity.name : replacementFor(only.target.entry, printed);
          if (value === printed) continue;
          fixes.push({ block: i, start, end, entity: holder, value, mode: only.target.entry.mode, covers: inside, rule: only.target.entry.rule, reason: `Replaced “${printed}” with “${value}”: a wrong form of its name, beside its ticker ${printKey(t.keys[0]!)}` });
          continue;
        }
        fixes.push({ block: i, start, end, entity: holder, value: entity.name, mode: 'fix', covers: inside, reason: `Replaced “${printed}” with “${entity.name}”: a rendering of its name, beside its ticker ${printKey(t.keys[0]!)}` });
        const core = coreOfLegalName(printed);
        if (core.length >= 5) follow.set(core, { entity: holder, value: entity.name, key: printKey(t.keys[0]!) });
        continue;
      }
      // "trades in New York (NYSE: BABA)": a place or an exchange before the ticker names no company.
      if (distinctive(printed).size === 0) continue;
      const forms = formsOf(matcher, entity);
      const spaced = entity.curated === true && spacedRightName(printed, forms.right);
      if (!spaced && likeRightName(printed, forms.right) && !(entity.curated && rightNamePlusPinyin(printed, forms.right))) continue;
      // A pinyin name shaped like a person's ("Lei Jun", "Wang Chuanfu") beside a code is more likely the founder: only a suggestion.
      const sure =
        spaced ||
        sharesRendering(printed, forms.renderings) ||
        sharesPinyinRun(printed, forms.renderings) ||
        (entity.curated === true && ((allPinyin(printed) && !personShaped(printed)) || rightNamePlusPinyin(printed, forms.right)));
      if (!sure && !entity.curated) continue;
      // "Book of Black Magic and Pacts (1898)": a bare four-digit code that could be a year is a ticker only for a name that is surely its company's.
      if (!sure && /^[(（](?:1[89]|20)\d\d[)）]$/.test(t.text)) continue;
      const key = printKey(t.keys[0]!);
      const mode: Mode = sure ? 'fix' : 'suggest';
      fixes.push({
        block: i,
        start,
        end,
        entity: holder,
        value: entity.name,
        mode,
        reason: `Replaced “${printed}” with “${entity.name}”: the ticker beside it, ${key}, is ${entity.name}’s, and the name is ${sure ? 'a rendering of its Chinese name' : 'none of its names'}`,
      });
      const core = coreOfLegalName(printed);
      if (sure && core.length >= 5) follow.set(core, { entity: holder, value: entity.name, key });
    }
  });
  if (follow.size === 0) return fixes;
  // Later (and earlier) mentions of a rendering fixed beside its ticker follow it.
  blocks.forEach((block, i) => {
    const text = block.text;
    for (const [rendering, target] of follow) {
      for (let at = text.indexOf(rendering); at !== -1; at = text.indexOf(rendering, at + 1)) {
        const end = at + rendering.length;
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
        if (fixes.some((f) => f.block === i && f.start < end && at < f.end)) continue;
        const covered = found[i]!.filter((c) => c.start < end && at < c.end);
        if (!covered.every((c) => namesHolder(matcher, c, target.entity) && c.start >= at && c.end <= end)) continue;
        fixes.push({
          covers: covered,
          block: i,
          start: at,
          end,
          entity: target.entity,
          value: target.value,
          mode: 'fix',
          reason: `Replaced “${rendering}” with “${target.value}”, as beside its ticker ${target.key} in this article`,
        });
      }
    }
  });
  return fixes.sort((a, b) => a.block - b.block || a.start - b.start);
}
