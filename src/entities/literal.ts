/**
 * What a machine translator writes for a Chinese company or product name it
 * translates word for word: 宁德时代 → "Ningde Times", "Ningde Era"; 零跑汽车 →
 * "Zero Run Auto"; 长城汽车 → "Changcheng Motor". The name is cut into the
 * morphemes of data/curated/glosses.yaml, the rest kept in pinyin, and every
 * combination of the morphemes' usual renderings is a candidate. Used at
 * build time only (pinyin-pro is a dev dependency).
 *
 * Each rendering carries how safe it is to fix:
 *   safe    it keeps a distinctive part (a pinyin word, a place in pinyin):
 *           "Ningde Times" is no English phrase
 *   phrase  English words only, two or more of them the name's own ("Dragon
 *           Lake Group", "Zero Run Auto"): fixed where a company verb follows
 *   word    one English word of the name and company words ("Beautiful
 *           Group", "China Peace Insurance"): fixed where a company verb
 *           follows and the article is about the entity's trade
 */
import { pinyin } from 'pinyin-pro';

export type GlossRole = 'word' | 'generic' | 'place' | 'shares';
export interface Gloss {
  zh: string;
  en?: string[] | undefined;
  role: GlossRole;
}
export type Risk = 'safe' | 'phrase' | 'word';
export interface LiteralRendering {
  form: string;
  risk: Risk;
  /** 股份 rendered "Shares": "Tongwei Shares rose" is English, "Tongwei Shares said" is the company. */
  shares: boolean;
}

export class GlossTable {
  readonly byZh = new Map<string, Gloss>();
  readonly longest: number;
  constructor(glosses: Gloss[]) {
    for (const g of glosses) this.byZh.set(g.zh, g);
    this.longest = Math.max(1, ...glosses.map((g) => g.zh.length));
  }
  /** The longest gloss starting at `at`. */
  at(zh: string, at: number): Gloss | undefined {
    for (let n = Math.min(this.longest, zh.length - at); n >= 1; n--) {
      const g = this.byZh.get(zh.slice(at, at + n));
      if (g) return g;
    }
    return undefined;
  }
}

/** Legal tails a translator drops ("Co., Ltd."): the legal-suffix rule has them. */
const LEGAL_TAIL = /(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$/;

interface Segment {
  /** Renderings of this part, the commonest first. */
  alternatives: string[];
  kind: 'gloss' | 'pinyin';
  /** `pinyin`: a run kept in pinyin; `latin`: a brand in Latin letters ("LG"), as written. */
  role: GlossRole | 'pinyin' | 'latin';
  /** Characters taken. */
  length: number;
  /** A place kept in pinyin (宁德 Ningde): distinctive, though the word list may know it ("shanghai"). */
  pinyinPlace?: boolean;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pinyinWord = (zh: string) =>
  capital(
    pinyin(zh, { toneType: 'none', type: 'array', v: true })
      .map((s) => s.replace(/ü/g, 'u').replace(/[^a-z]/g, ''))
      .join(''),
  );

const MAX_PER_NAME = 16;
/** Words that make a one-morpheme head a region or a phrase, not a name: see literalRenderings. */
const HEAD_STOPS = new Set(['china', 'chinese', 'east', 'west', 'north', 'south', 'central', 'eastern', 'western', 'northern', 'southern', 'the', 'of', 'a', 'an', 'to', 'and']);

/**
 * The word-for-word renderings of one Chinese name. `isEnglish` tells an
 * English word (lower case) from a pinyin one.
 */
export function literalRenderings(zh: string, table: GlossTable, isEnglish: (word: string) => boolean): LiteralRendering[] {
  // "亚洲水泥(中国)": the bracketed place is not part of the running name; "LG化学": a Latin brand stays as written.
  const core = zh.replace(/\s*[（(][^()（）]*[)）]\s*$/u, '').replace(LEGAL_TAIL, '');
  if (!/^(?:\p{Script=Han}|[A-Za-z0-9]){2,12}$/u.test(core) || !/\p{Script=Han}/u.test(core)) return [];
  // Each cut's renderings, the commonest first; then taken in turn, one from each cut, so a cut with many
  // alternatives (极氪 "Extreme Krypton …") never crowds out another's ("Jike Motors") before the cap.
  const perCut: LiteralRendering[][] = [];
  for (const segments of segmentations(core, table)) {
    if (!acceptable(segments)) continue;
    const mine: LiteralRendering[] = [];
    // Pinyin with one English word after it is also how a place is written ("Baiyun Mountain", "Xuanwu Lake"):
    // such a form is the company only where a company verb follows in a story of its trade ("Hikers on Baiyun
    // Mountain said" is about the mountain).
    const placeShaped = segments.some((s) => s.kind === 'pinyin') && segments.some((s) => s.kind === 'gloss' && s.role === 'word' && s.length === 1);
    for (const words of combinations(segments)) {
      const form = words.join(' ');
      if (form.split(/\s+/).length < 2) continue;
      const risk = riskOf(segments, words, isEnglish);
      mine.push({ form, risk: placeShaped && risk !== 'word' ? 'word' : risk, shares: segments.some((s) => s.role === 'shares') });
    }
    // The same name without its trailing company word ("Forest Horse" for 森马服饰, "Three Seven" for 三七互娱),
    // only where the rest is two or more English words of the name's own: a pinyin rest is the pinyin renderings' business.
    // A head of one morpheme that names a region or reads as a phrase is English a desk writes ("East China" of
    // 华东医药, "China United" of 中联重科, "Face the Wall" of 面壁智能); "Purple Gold" of 紫金矿业 is no such thing.
    const head = segments.slice(0, -1);
    const plainHead = head.length === 1 && (head[0]!.alternatives.join(' ').split(/[\s-]+/).some((w) => HEAD_STOPS.has(w.toLowerCase())));
    if (segments.at(-1)?.role === 'generic' && !plainHead && acceptable(head)) {
      for (const words of combinations(head)) {
        const form = words.join(' ');
        if (form.split(/\s+/).length < 2 || riskOf(head, words, isEnglish) !== 'phrase') continue;
        mine.push({ form, risk: 'phrase', shares: false });
      }
    }
    if (mine.length) perCut.push(mine);
  }
  const out = new Map<string, LiteralRendering>();
  for (let i = 0; perCut.some((mine) => i < mine.length); i++) {
    for (const mine of perCut) {
      const r = mine[i];
      if (!r || out.has(r.form)) continue;
      out.set(r.form, r);
      if (out.size >= MAX_PER_NAME) return [...out.values()];
    }
  }
  return [...out.values()];
}

/**
 * Every way to cut the name: at each place the longest morpheme there (a
 * place only in pinyin), or a run of two or more characters kept in pinyin
 * (a name: 宁德, 长城 as "Changcheng"). A run never swallows a company word,
 * which stays English ("Changcheng Motor", not "Changchengqi Che").
 */
function segmentations(zh: string, table: GlossTable): Segment[][] {
  const results: Segment[][] = [];
  const walk = (at: number, acc: Segment[]) => {
    if (results.length >= 64) return;
    if (at === zh.length) {
      results.push(acc);
      return;
    }
    const latin = /^[A-Za-z0-9]+/.exec(zh.slice(at))?.[0];
    if (latin) {
      walk(at + latin.length, [...acc, { alternatives: [latin], kind: 'gloss', role: 'latin', length: latin.length }]);
      return;
    }
    // A one-character company word never opens a name (微 "Micro" ends 士兰微, but 微创 is "Weichuang", not "Micro Chuang").
    const found = table.at(zh, at);
    const g = at === 0 && found?.role === 'generic' && found.zh.length === 1 ? undefined : found;
    if (g) {
      const alternatives = g.role === 'place' ? (g.en?.length ? g.en : [pinyinWord(g.zh)]) : g.en ?? [];
      if (alternatives.length) walk(at + g.zh.length, [...acc, { alternatives, kind: 'gloss', role: g.role, length: g.zh.length, pinyinPlace: g.role === 'place' && !g.en?.length }]);
    }
    // Places and company words are never in a run of pinyin; runs are of two to four characters (a name's syllables).
    if (g && g.role !== 'word') return;
    if (acc.filter((s) => s.kind === 'pinyin').length >= 2) return;
    for (let end = at + 2; end <= Math.min(zh.length, at + 4); end++) {
      if (/[A-Za-z0-9]/.test(zh[end - 1]!)) break;
      // A run of pinyin stops before a company word.
      let generic = false;
      for (let k = at + 1; k < end; k++) {
        const inner = table.at(zh, k);
        if (inner && (inner.role === 'generic' || inner.role === 'shares' || inner.role === 'place')) generic = true;
      }
      if (generic) break;
      walk(end, [...acc, { alternatives: [pinyinWord(zh.slice(at, end))], kind: 'pinyin', role: 'pinyin', length: end - at }]);
    }
  };
  walk(0, []);
  return results;
}

/**
 * A cut a translator could have made: some part translated (else it is plain
 * pinyin, the pinyin renderings' business), some part the name's own (not
 * "China Bank" from company words alone), and one-character words only where
 * no part is kept in pinyin ("Zero Run", never "New Ao" for 新奥).
 */
function acceptable(segments: Segment[]): boolean {
  const translated = segments.some((s) => s.kind === 'gloss' && !s.pinyinPlace && s.role !== 'latin');
  // A place and company words only ("Beijing Holdings", "China Bank") is a description, not this name.
  const own = segments.some((s) => s.role === 'word' || s.role === 'pinyin' || s.role === 'latin');
  const runs = segments.some((s) => s.kind === 'pinyin');
  // A one-character word that ends the name after its pinyin ("Tongren Hall" for 同仁堂) is translated as a
  // suffix is; one before or between pinyin ("New Ao" for 新奥) is not.
  let lastRun = -1;
  segments.forEach((s, i) => {
    if (s.kind === 'pinyin') lastRun = i;
  });
  const suffix = (i: number) => i > lastRun && segments.slice(i + 1).every((s) => s.role === 'generic' || s.role === 'shares');
  const singles = segments.some((s, i) => s.kind === 'gloss' && s.role === 'word' && s.length === 1 && !suffix(i));
  return translated && own && !(runs && singles);
}

/** The renderings of a cut, the commonest alternatives first. */
function combinations(segments: Segment[]): string[][] {
  let acc: string[][] = [[]];
  for (const s of segments) {
    const next: string[][] = [];
    for (const alt of s.alternatives) for (const words of acc) next.push([...words, alt]);
    acc = next.slice(0, MAX_PER_NAME);
  }
  return acc;
}

function riskOf(segments: Segment[], words: string[], isEnglish: (word: string) => boolean): Risk {
  // A translated word that is no English word ("Cathay" of 国泰航空, "Mitsubishi") is as distinctive as pinyin.
  const foreign = (i: number) => words[i]!.split(/[\s-]+/).every((w) => !isEnglish(w.toLowerCase()));
  const distinctive = segments.some(
    (s, i) =>
      s.pinyinPlace ||
      s.role === 'latin' ||
      (s.role === 'pinyin' && words[i]!.split(/\s+/).some((w) => !isEnglish(w.toLowerCase()))) ||
      (s.kind === 'gloss' && s.role === 'word' && foreign(i)),
  );
  if (distinctive) return 'safe';
  const own = segments.reduce((n, s, i) => n + (s.role === 'word' || s.role === 'pinyin' || s.role === 'latin' ? words[i]!.split(/\s+/).length : 0), 0);
  return own >= 2 ? 'phrase' : 'word';
}

/** The English company words of the table ("Group", "Technology", "Pharmaceutical"), lower case. */
export function companyWords(table: GlossTable): Set<string> {
  const out = new Set(['co', 'company', 'corp', 'corporation', 'inc', 'ltd', 'limited', 'pharmaceuticals', 'technologies', 'industries', 'holdings', 'group']);
  // 股份 "Shares" is left out: "Tongwei Shares" is a wrong form of Tongwei, not a right one.
  for (const g of table.byZh.values()) if (g.role === 'generic') for (const en of g.en ?? []) for (const w of en.toLowerCase().split(/[\s-]+/)) out.add(w);
  return out;
}

/**
 * Whether a rendering is one of the names with other company words ("Hengrui
 * Pharmaceutical" beside "Hengrui Medicine", "Great Wall Auto" beside "Great
 * Wall Motor"): a desk's own variant of the right name, never fixed.
 */
export function sameNameCore(form: string, names: string[], words: ReadonlySet<string>): boolean {
  const core = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !words.has(w) && w !== 'and' && w !== 'of')
      .join(' ');
  const mine = core(form);
  return mine.length > 0 && names.some((n) => core(n) === mine);
}

export { COMPANY_CUE } from './company-cue.js';

/**
 * What must not stand before a rendering made of English words, as a context
 * `before` pattern: an article or a demonstrative. A company's name takes
 * none ("Cambricon began"); the English phrase does ("The Cambrian Period
 * began about 540 million years ago", "a Dragon Lake Group of islands").
 */
export const NO_ARTICLE_BEFORE = String.raw`(?<!(?:^|[^\p{L}])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+)`;
/**
 * The same for "X Shares": only verbs that are not about a share price
 * ("Muyuan Shares sold more hogs", never "shares sold off"), and verbs a
 * price also takes only with the company's "its" ("Baosteel Shares kept its
 * prices"; shares take "their").
 */
export const SHARES_CUE =
  String.raw`(?:,?\s+(?:said|says|reported|reports|posted|announced|announces|plans|planned|expects|signed|signs|won|wins|agreed|agrees|will|would|unveiled|launched|shipped|ships|delivered|delivers|booked|swung|bought|buys|acquired|hired|CEO|chairman|sold(?!\s+off)|sells(?!\s+off))\b|\s+(?:kept|keeps|raised|raises|cut|cuts|lifted|lowered|set|opened|started|began|built|completed|expanded)\s+its\b|\s+(?:returned|swung|turned)\s+to\s+(?:a\s+)?(?:profit|loss)\b|\s*\()`;

/** Words an article about a trade holds, by the entity's sector: a one-word rendering needs one of them. */
const SECTOR_CUES: Array<[RegExp, string[]]> = [
  [/applian/i, ['appliance', 'appliances', 'air conditioner', 'air conditioners', 'refrigerator', 'refrigerators', 'fridges', 'washing machines', 'home', 'kitchen', 'range hoods', 'hoods', 'stoves', 'cookers', 'dishwashers']],
  [/bank/i, ['bank', 'banks', 'lender', 'lenders', 'loan', 'loans', 'lending', 'deposits', 'interest margin', 'bad debts', 'branches']],
  [/insur/i, ['insurer', 'insurers', 'insurance', 'premium', 'premiums', 'policyholders', 'policies', 'claims', 'solvency', 'investments', 'investment income', 'new business value', 'life']],
  [/brokerage|securities|asset management/i, ['broker', 'brokers', 'brokerage', 'securities', 'underwriting', 'trading', 'fund', 'funds', 'clients', 'accounts', 'commissions']],
  [/computer|pc/i, ['PC', 'PCs', 'computer', 'computers', 'laptop', 'laptops', 'servers']],
  [/propert|real estate/i, ['property', 'properties', 'developer', 'developers', 'homes', 'housing', 'bond', 'bonds', 'debt']],
  [/vehicle|auto|car/i, ['car', 'cars', 'carmaker', 'carmakers', 'vehicle', 'vehicles', 'EV', 'EVs', 'deliveries', 'SUV', 'sedan', 'models']],
  [/batter/i, ['battery', 'batteries', 'cells', 'storage', 'EV', 'EVs', 'lithium']],
  [/chip|semiconductor/i, ['chip', 'chips', 'semiconductor', 'semiconductors', 'wafer', 'wafers', 'foundry']],
  [/robot/i, ['robot', 'robots', 'humanoid', 'robotics', 'robot dog', 'quadruped']],
  [/search|internet|AI|artificial intelligence/i, ['search', 'AI', 'model', 'models', 'chatbot', 'robotaxi', 'cloud', 'app', 'users', 'advertising']],
  [/game/i, ['game', 'games', 'gaming', 'title', 'titles', 'players']],
  [/restaurant|hot ?pot|catering|tea|drink/i, ['restaurant', 'restaurants', 'diners', 'customers', 'outlets', 'stores', 'shops', 'menu', 'drinks']],
  [/baijiu|liquor|spirits|beer|wine/i, ['baijiu', 'liquor', 'spirits', 'beer', 'bottles', 'holiday', 'distiller']],
  [/pharma|biotech|drug|medic|vaccine/i, ['drug', 'drugs', 'drugmaker', 'drugmakers', 'antibody', 'antibodies', 'trial', 'trials', 'approval', 'medicine', 'cancer', 'patients', 'vaccine']],
  [/gas|power|energy|utilit|solar/i, ['gas', 'power', 'electricity', 'energy', 'solar', 'wind', 'grid', 'utility', 'turbine', 'turbines', 'generators', 'nuclear', 'hydropower', 'boilers']],
  [/mining|metal|lithium|gold|copper|steel|coal/i, ['mine', 'mines', 'mining', 'ore', 'lithium', 'gold', 'copper', 'steel', 'coal', 'metal']],
  [/phone|smartphone|electronics/i, ['phone', 'phones', 'smartphone', 'smartphones', 'devices', 'handsets']],
  [/e-commerce|retail/i, ['online', 'shoppers', 'sales', 'platform', 'delivery', 'orders', 'merchants']],
];

/** The trade words for a sector, with the sector's own words. */
export function sectorCues(sector: string | undefined): string[] {
  if (!sector) return [];
  const words = sector
    .split(/[^A-Za-z-]+/)
    .filter((w) => w.length >= 4 && !/^(?:and|with|services?|other|products?)$/i.test(w));
  const cues = SECTOR_CUES.filter(([re]) => re.test(sector)).flatMap(([, list]) => list);
  return [...new Set([...words, ...cues])];
}
