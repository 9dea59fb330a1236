/**
 * What a machine translator writes for a Chinese name it does not know: its
 * pinyin, spaced in the usual ways. From the `zh` of a curated entry the KB
 * build derives these renderings mechanically, so "Ningde Shidai",
 * "NingdeShidai" and "Ning De Shi Dai" all reach CATL, and "Huang Renxun" and
 * "Renxun Huang" reach Jensen Huang, without anyone listing them.
 * Used at build time only (pinyin-pro is a dev dependency).
 */
import { pinyin } from 'pinyin-pro';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Two-character surnames; the others are one character. */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '歐陽', '諸葛']);

/** Company suffixes a translator drops or renders as an English word: not part of the rendering. */
const COMPANY_TAIL = /(?:股份有限公司|有限责任公司|有限公司|股份公司|控股|集团|集團|公司|股份)$/;

function syllables(zh: string, surname = false): string[] {
  return pinyin(zh, { toneType: 'none', type: 'array', v: true, ...(surname ? { surname: 'head' as const } : {}) })
    .map((s) => s.replace(/ü/g, 'u').replace(/[^a-z]/g, ''))
    .filter(Boolean);
}

/**
 * Characters read two ways, where a name may take the reading a translator
 * picks and pinyin-pro does not (美的 is "Meidi", pinyin-pro says "meide"):
 * each other reading, one character at a time.
 */
const POLYPHONES: Record<string, string[]> = {
  // pinyin-pro reads most names right from the word around a character; 的 in a brand (美的) it reads "de".
  的: ['di'],
  // 行 at a bank's name reads hang (国开行 "Guokaihang"); pinyin-pro reads it alone as xing.
  行: ['hang'],
  // 厦 in a company name is Xiamen's (厦钨 "Xiawu"); pinyin-pro reads it alone as sha (大厦).
  厦: ['xia'],
};

/** The syllables of a name, then the same with each polyphonic character read its other way. */
function readings(zh: string): string[][] {
  const base = syllables(zh);
  const chars = [...zh];
  if (base.length !== chars.length) return [base];
  const out = [base];
  chars.forEach((ch, i) => {
    for (const alt of POLYPHONES[ch] ?? []) if (alt !== base[i]) out.push(base.map((s, k) => (k === i ? alt : s)));
  });
  return out.slice(0, 4);
}

/** "Xinao" → "Xin'ao": the apostrophe a translator writes before a syllable that starts with a vowel. */
function apostrophed(parts: string[]): string | undefined {
  if (!parts.slice(1).some((p) => /^[aoe]/.test(p))) return undefined;
  return capital(parts.map((p, i) => (i > 0 && /^[aoe]/.test(p) ? `'${p}` : p)).join(''));
}

/** Syllables grouped into words two by two, a trailing one joining the last word: 宁德时代 → Ningde Shidai; 比亚迪 → Biyadi. */
function words(parts: string[]): string[] {
  if (parts.length <= 3) return [parts.join('')];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push(parts.slice(i, i + 2).join(''));
  if (parts.length % 2 === 1 && out.length > 1) out.splice(-2, 2, out.at(-2)! + out.at(-1)!);
  return out;
}

/** Provinces, regions and large cities: a rendering made only of these names a place, not a company. */
export const PLACES = new Set(
  (
    'shenzhen shanghai beijing guangzhou hangzhou nanjing wuhan chengdu chongqing tianjin xiamen suzhou hefei jinan qingdao dalian ningbo xian ' +
    'guangdong jiangsu zhejiang shandong fujian hubei hunan henan hebei sichuan anhui jiangxi shanxi shaanxi yunnan guizhou guangxi hainan ' +
    'liaoning jilin heilongjiang gansu qinghai ningxia xinjiang xizang neimenggu zhongguo xianggang aomen taiwan huanan huabei huadong'
  ).split(' '),
);

/**
 * The pinyin renderings of a company's or a product's Chinese name. Without
 * its tail (控股, 集团 …) a name must keep three characters: 深圳控股 is not
 * "Shenzhen".
 */
export function companyRenderings(zh: string): string[] {
  const core = zh.replace(COMPANY_TAIL, '');
  if (!/^\p{Script=Han}{2,8}$/u.test(core) || (core !== zh && core.length < 3)) return [];
  const forms: string[] = [];
  // A trade word ending the name is a word of its own: 寒武纪科技 "Hanwuji Keji", not "Hanwu Jikeji".
  const trade = tradeWord(core);
  for (const parts of readings(trade ? trade.head : core)) {
    const count = parts.length + (trade?.syllables ?? 0);
    // Two syllables are too often another name's too (宏碁 Acer and 红旗 Hongqi are both "Hongqi").
    if (count < 3) return [];
    const grouped = [...words(parts).map(capital), ...(trade?.words ?? [])];
    // "Ningde-Shidai": a name of two words is also hyphenated (longer ones are not written so).
    forms.push(grouped.join(' '), grouped.join(''), ...(grouped.length === 2 ? [grouped.join('-')] : []));
    // Five syllables with no trade word known split either way: 华尔街见闻 is "Huaerjie Jianwen", three and two.
    if (!trade && parts.length === 5) forms.push([parts.slice(0, 3), parts.slice(3)].map((w) => capital(w.join(''))).join(' '));
    // Longer names are not written run together or syllable by syllable.
    if (count <= 4) forms.push(capital(grouped.join('').toLowerCase()), [...parts, ...(trade ? syllables(core.slice(trade.head.length)) : [])].map(capital).join(' '));
  }
  return umlauted(unique(forms)).filter((f) => !f.toLowerCase().split(/[\s-]+/).every((w) => PLACES.has(w)));
}

/** A name's head and the trade word after it in pinyin (科技 "Keji", 集成电路 "Jicheng Dianlu"), where the head keeps two characters. */
function tradeWord(core: string): { head: string; words: string[]; syllables: number } | undefined {
  // The longest word that ends it: 新材料 before 材料.
  let best: { head: string; words: string[]; syllables: number } | undefined;
  for (const [re, word] of TAIL_PINYIN) {
    const m = re.exec(core);
    if (!m || core.length - m[0].length < 2 || (best && best.syllables >= m[0].length)) continue;
    best = { head: core.slice(0, core.length - m[0].length), words: word.split(' '), syllables: m[0].length };
  }
  return best;
}

/**
 * ü as translators write it in a company name (绿能): "Lüneng", "Luneng" and
 * pinyin-pro's "Lvneng". In pinyin a v is only ever ü.
 */
function umlauted(forms: string[]): string[] {
  return [...new Set(forms.flatMap((f) => (/v/i.test(f) ? [f, f.replace(/v/g, 'ü').replace(/V/g, 'Ü'), f.replace(/v/g, 'u').replace(/V/g, 'U')] : [f])))];
}

/**
 * A long name's head without its trade word, as copy shortens it: 地平线机器人
 * "Dipingxian", 寒武纪科技 "Hanwuji". Three characters at least, and no place
 * in it (中国建设银行 is not "Zhongguo Jianshe"; `places` are the build's place glosses); weaker than any name's own
 * rendering, so a parent's pinyin stays the parent's (比亚迪电子 is not "Biyadi").
 */
export function companyHeadRenderings(zh: string, places: Iterable<string> = []): string[] {
  const core = zh.replace(COMPANY_TAIL, '');
  const trade = /^\p{Script=Han}{4,8}$/u.test(core) ? tradeWord(core) : undefined;
  if (!trade || trade.head.length < 3) return [];
  // A place anywhere in the head, in Chinese (哈尔滨银行 is not "Haerbin") or in its syllables, whichever
  // way a form then spaces them ("Zhongguogongshang", "Zhongguozai").
  for (const place of places) if (trade.head.includes(place)) return [];
  const read = syllables(trade.head);
  for (let i = 0; i < read.length; i++) for (let j = i + 2; j <= Math.min(read.length, i + 3); j++) if (PLACES.has(read.slice(i, j).join(''))) return [];
  return companyRenderings(trade.head);
}

/** Generic company words, as a translator leaves them in pinyin after a name: 集团 Jituan, 科技 Keji. */
const TAIL_PINYIN: Array<[RegExp, string]> = [
  [/集团$/, 'Jituan'],
  [/控股$/, 'Konggu'],
  [/科技$/, 'Keji'],
  [/汽车$/, 'Qiche'],
  [/股份$/, 'Gufen'],
  [/(?:有限)?公司$/, 'Gongsi'],
  [/生物$/, 'Shengwu'],
  [/医药$/, 'Yiyao'],
  [/制药$/, 'Zhiyao'],
  [/电器$/, 'Dianqi'],
  [/电子$/, 'Dianzi'],
  [/乳业$/, 'Ruye'],
  [/锂业$/, 'Liye'],
  [/矿业$/, 'Kuangye'],
  [/银行$/, 'Yinhang'],
  [/保险$/, 'Baoxian'],
  [/证券$/, 'Zhengquan'],
  [/能源$/, 'Nengyuan'],
  [/动力$/, 'Dongli'],
  [/光学$/, 'Guangxue'],
  [/体育$/, 'Tiyu'],
  [/重工$/, 'Zhonggong'],
  [/锂能$/, 'Lineng'],
  [/高科$/, 'Gaoke'],
  [/智控$/, 'Zhikong'],
  [/火锅$/, 'Huoguo'],
  [/游戏$/, 'Youxi'],
  [/地产$/, 'Dichan'],
  [/置业$/, 'Zhiye'],
  [/物业$/, 'Wuye'],
  [/国际$/, 'Guoji'],
  [/实业$/, 'Shiye'],
  [/药业$/, 'Yaoye'],
  [/酒业$/, 'Jiuye'],
  [/食品$/, 'Shipin'],
  [/电力$/, 'Dianli'],
  [/航空$/, 'Hangkong'],
  [/钢铁$/, 'Gangtie'],
  [/化工$/, 'Huagong'],
  [/材料$/, 'Cailiao'],
  [/光电$/, 'Guangdian'],
  [/通信$/, 'Tongxin'],
  [/网络$/, 'Wangluo'],
  [/软件$/, 'Ruanjian'],
  [/智能$/, 'Zhineng'],
  [/医疗$/, 'Yiliao'],
  [/教育$/, 'Jiaoyu'],
  [/物流$/, 'Wuliu'],
  [/创新$/, 'Chuangxin'],
  [/存储$/, 'Cunchu'],
  [/电源$/, 'Dianyuan'],
  [/珠宝$/, 'Zhubao'],
  [/出行$/, 'Chuxing'],
  [/咖啡$/, 'Kafei'],
  [/眼科$/, 'Yanke'],
  [/精密$/, 'Jingmi'],
  [/机械$/, 'Jixie'],
  [/半导体$/, 'Bandaoti'],
  [/电脑$/, 'Diannao'],
  [/互娱$/, 'Huyu'],
  [/再保险$/, 'Zaibaoxian'],
  [/日报$/, 'Ribao'],
  [/机器人$/, 'Jiqiren'],
  [/新材料$/, 'Xincailiao'],
  [/集成电路$/, 'Jicheng Dianlu'],
  [/新能源$/, 'Xinnengyuan'],
  [/信息$/, 'Xinxi'],
  [/技术$/, 'Jishu'],
];

/** A company word a translator adds after a name without one, from the trade: 蔚来 (carmaker) → "Weilai Qiche". */
const SECTOR_TAIL: Array<[RegExp, string]> = [
  // A maker of what goes into cars (batteries, parts, chips, glass) is no carmaker: CATL is not "Ningde Times Automobile".
  [/^(?!.*(?:batter|parts|component|chip|semiconductor|glass|tyre|tire|lidar|dealer|rental|insur)).*(?:vehicle|automobile|carmaker|\bcars?\b)/i, '汽车'],
  [/bank/i, '银行'],
  [/insur/i, '保险'],
  [/brokerage|securities/i, '证券'],
  [/game/i, '游戏'],
  [/hot ?pot/i, '火锅'],
  [/pharma/i, '医药'],
  [/biotech/i, '生物'],
  [/dairy/i, '乳业'],
  [/lithium/i, '锂业'],
  [/airline/i, '航空'],
  [/^property$|property develop|real estate/i, '地产'],
  [/computer|laptop|\bPCs?\b/i, '电脑'],
];

/** The Chinese name with the company word its trade implies, where it has none: 中国平安 (insurer) → 中国平安保险. */
export function withSectorTail(zh: string, sector: string | undefined): string | undefined {
  if (!sector) return undefined;
  const hit = SECTOR_TAIL.find(([re]) => re.test(sector));
  // A bank's short name ends in its own bank word (招行, 建行): no second one.
  if (!hit || zh.endsWith(hit[1]) || (hit[1] === '银行' && zh.endsWith('行')) || TAIL_PINYIN.some(([re]) => re.test(zh)) || COMPANY_TAIL.test(zh)) return undefined;
  return zh + hit[1];
}

/**
 * For a two-character name (京东, 腾讯), whose bare pinyin is too often
 * another name's, the pinyin with its generic company word after it: "Jingdong
 * Jituan" from 京东集团, "Xiaopeng Qiche" from 小鹏汽车: only the tail the
 * Chinese name has (理想汽车 is not "Lixiang Jituan", which is Lenovo).
 */
export function companyTailRenderings(zh: string): string[] {
  let core = zh;
  const tails = new Set<string>();
  for (let guard = 0; guard < 3; guard++) {
    const hit = TAIL_PINYIN.find(([re]) => re.test(core));
    if (!hit) break;
    tails.add(hit[1]);
    core = core.replace(hit[0], '');
  }
  core = core.replace(COMPANY_TAIL, '');
  if (!/^\p{Script=Han}{2}$/u.test(core)) return [];
  const forms: string[] = [];
  for (const parts of readings(core)) {
    if (parts.length !== 2) return [];
    const stem = capital(parts.join(''));
    if (PLACES.has(stem.toLowerCase())) return [];
    const marked = apostrophed(parts);
    // The name's own word is the innermost; the words after it follow it, never stand in for it: 保利置业集团 is
    // "Baoli Zhiye" or "Baoli Zhiye Jituan", not "Baoli Jituan" (保利集团 is its parent).
    const order = [...tails].reverse();
    const own = order.length > 1 ? [order[0]!, order.join(' ')] : order;
    for (const t of own) forms.push(`${stem} ${t}`, ...(marked ? [`${marked} ${t}`] : []));
  }
  return forms;
}

/**
 * A two-character short name in bare pinyin, run together as copy prints it:
 * 招行 "Zhaohang", 海康 "Haikang", 西安 never (a place). Spaced ("Zhao Hang") it
 * reads as a person's name, so only the joined and apostrophed forms; the
 * build keeps them to stories of the company's trade.
 */
export function shortNameRenderings(zh: string): string[] {
  if (!/^\p{Script=Han}{2}$/u.test(zh) || COMPANY_TAIL.test(zh)) return [];
  const forms: string[] = [];
  for (const parts of readings(zh)) {
    if (parts.length !== 2) return [];
    // A bank's 行 is hang (招行 "Zhaohang"), never the xing pinyin-pro reads alone.
    if (zh.endsWith('行') && parts[1] !== 'hang') continue;
    const stem = capital(parts.join(''));
    if (PLACES.has(stem.toLowerCase())) return [];
    forms.push(stem, ...(apostrophed(parts) ? [apostrophed(parts)!] : []));
  }
  return umlauted(unique(forms));
}

/** Company words a translator adds after any name in pinyin ("Jingdong Jituan" for 京东): less sure than the name's own. */
const GENERIC_TAILS = ['Jituan', 'Gongsi', 'Konggu'];

/**
 * For a two-character name, its pinyin with the company words every name can
 * take (集团 Jituan, 公司 Gongsi, 控股 Konggu): "Jingdong Jituan" for 京东.
 * Weaker than a tail the Chinese name has: where two names give the same form
 * ("Lixiang Jituan": 联想集团 has it, 理想 does not), the build keeps the one
 * whose Chinese name holds the word.
 */
export function companyGenericTailRenderings(zh: string): string[] {
  const own = new Set(companyTailRenderings(zh));
  const skipped = outerTailRenderings(zh);
  if (skipped.length) return skipped.filter((f) => !own.has(f));
  const core = zh.replace(COMPANY_TAIL, '');
  // 京东物流 is not "Jingdong Jituan": only a bare two-character name takes a company word it lacks.
  if (!/^\p{Script=Han}{2}$/u.test(core)) return [];
  const forms: string[] = [];
  for (const tail of GENERIC_TAILS) {
    for (const f of companyTailRenderings(`${core}${tail === 'Jituan' ? '集团' : tail === 'Gongsi' ? '公司' : '控股'}`)) if (!own.has(f)) forms.push(f);
  }
  return forms;
}

/**
 * A name of two company words with only the outer one ("Taikang Jituan" for
 * 泰康保险集团): right for some (泰康集团 is the same group), another's name for
 * others (保利集团 is the parent of 保利置业集团), so a weak form.
 */
function outerTailRenderings(zh: string): string[] {
  let core = zh;
  const hits: string[] = [];
  for (let guard = 0; guard < 3; guard++) {
    const hit = TAIL_PINYIN.find(([re]) => re.test(core));
    if (!hit) break;
    const m = hit[0].exec(core)!;
    hits.push(m[0]);
    core = core.slice(0, core.length - m[0].length);
  }
  if (hits.length < 2) return [];
  return companyTailRenderings(core + hits[0]!);
}

/**
 * A company whose English name starts with its place ("Zhejiang Huayou
 * Cobalt", "Jiangsu Hengrui Medicine") is written with the place before its
 * pinyin too ("Zhejiang Huayou Guye"): those forms, so the place is taken with
 * the rendering and not printed twice ("Zhejiang Zhejiang Huayou Cobalt").
 * `placesZh`: more places, in Chinese (the build's place glosses).
 */
export function placedRenderings(forms: string[], names: string[], placesZh: Iterable<string> = []): string[] {
  const known = new Set([...PLACES, ...[...placesZh].map((zh) => syllables(zh).join(''))]);
  const places = new Set(names.map((n) => n.split(/\s+/)[0]!).filter((w) => known.has(w.toLowerCase())));
  // Spaced forms of words, not syllable by syllable ("Beijing Bei Jing Qi Che" is no one's spelling).
  const worded = forms.filter((f) => f.includes(' ') && f.split(' ').length <= 3);
  return [...places].flatMap((place) => worded.filter((f) => !f.toLowerCase().startsWith(place.toLowerCase())).map((f) => `${place} ${f}`));
}

/** Whether a rendering is a right short form of the name ("Hongqi" of "FAW Hongqi", "Dahua" of "Dahua Technology"). */
export function partOfName(rendering: string, names: string[]): boolean {
  const r = rendering.toLowerCase();
  return names.some((n) => ` ${n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `.includes(` ${r} `));
}

/**
 * The ways a translator spells ü after l and n (吕 lü): "Lu", "Lv", "Lyu".
 * pinyin-pro writes it "v"; every spelling is a rendering.
 */
function umlautSpellings(parts: string[]): string[][] {
  if (!parts.some((p) => /^[ln]v/.test(p))) return [parts];
  let out: string[][] = [[]];
  for (const p of parts) {
    const spellings = /^[ln]v/.test(p) ? [p.replace('v', 'u'), p, p.replace('v', 'yu')] : [p];
    out = out.flatMap((acc) => spellings.map((sp) => [...acc, sp]));
  }
  return out.slice(0, 9);
}

/**
 * Japanese surnames of three kanji: a five-kanji name is otherwise read as a
 * two-kanji surname and a three-kanji given name (小泉|进次郎, 吉田|宪一郎).
 */
const THREE_KANJI_SURNAMES = new Set(['三木谷', '佐佐木', '佐々木', '长谷川', '長谷川', '宇多田', '五十岚', '五十嵐', '小笠原', '伊集院', '东海林', '長谷部', '长谷部', '大和田', '二階堂', '二阶堂', '小野寺', '宇佐美', '阿久津', '久保田', '日比野', '加賀谷', '加贺谷', '冰见野', '冰見野', '大久保', '西园寺', '西園寺', '宇都宫', '宇都宮', '小早川']);

/** How many characters of a name are its surname: two for a compound surname and for four- and five-kanji (Japanese) names. */
function surnameLengthOf(name: string): number {
  if (name.length === 5) return THREE_KANJI_SURNAMES.has(name.slice(0, 3)) ? 3 : 2;
  return COMPOUND_SURNAMES.has(name.slice(0, 2)) || name.length === 4 ? 2 : 1;
}

/**
 * Characters of a given name read two ways, where a translator may take the
 * other reading (永守重信 "Yongshou Chongxin" beside pinyin-pro's "Zhongxin";
 * 长 "Zhang" beside "Chang"). The surname's reading pinyin-pro decides.
 */
const NAME_POLYPHONES: Record<string, string[]> = {
  重: ['zhong', 'chong'],
  长: ['chang', 'zhang'],
  長: ['chang', 'zhang'],
  朝: ['chao', 'zhao'],
  乐: ['le', 'yue'],
  樂: ['le', 'yue'],
  行: ['xing', 'hang'],
  传: ['chuan', 'zhuan'],
  傳: ['chuan', 'zhuan'],
};

/** The syllables of a name, then the same with one given-name character read its other way (four at most). */
function givenNameReadings(name: string, read: string[], surnameLength: number): string[][] {
  const out = [read];
  [...name].forEach((ch, i) => {
    if (i < surnameLength) return;
    for (const alt of NAME_POLYPHONES[ch] ?? []) if (alt !== read[i]) out.push(read.map((s, k) => (k === i ? alt : s)));
  });
  return out.slice(0, 4);
}

/** The pinyin renderings of a person's Chinese name: surname first and last, given name joined, spaced or hyphenated. */
export function personRenderings(zh: string): string[] {
  const name = zh.replace(/[·•・]/g, '');
  // Five characters only for a name written as one (a Japanese name); a transliteration is read elsewhere.
  if (!/^\p{Script=Han}{2,4}$/u.test(name) && !/^\p{Script=Han}{5}$/u.test(zh)) return [];
  const surnameLength = surnameLengthOf(name);
  const read = syllables(name, true);
  if (read.length !== name.length) return [];
  const forms: string[] = [];
  for (const parts of givenNameReadings(name, read, surnameLength).flatMap(umlautSpellings)) {
    const surname = capital(parts.slice(0, surnameLength).join(''));
    const given = parts.slice(surnameLength);
    const joined = capital(given.join(''));
    forms.push(`${surname} ${joined}`, `${joined} ${surname}`);
    if (given.length > 1) forms.push(`${surname} ${given.map(capital).join(' ')}`, `${surname} ${capital(given.join('-'))}`, `${capital(given.join('-'))} ${surname}`);
  }
  return unique(forms);
}

/**
 * What a translator writes for a name transliterated into Chinese (埃隆·马斯克
 * Elon Musk, 蒂姆·库克 Tim Cook): the pinyin of the whole name ("Ailong
 * Masike", "Dimu Kuke"), the English given name before the surname's pinyin
 * ("Tim Kuke"), and the bare surname: run together ("Masike"), or split after
 * its first syllable as if that were a Chinese surname ("Ma Sike", "Bao
 * Wei'er"). No pinyin of a transliteration is a right name, so these need no
 * listed variant. A bare surname of two syllables ("Dai Meng", "Daimeng") is
 * too often a Chinese name or a word: `bare`, for the entry's own context.
 */
export function transliterationRenderings(zh: string, name: string): { sure: string[]; bare: string[]; full: string; surname: string } {
  const none = { sure: [], bare: [], full: '', surname: '' };
  const parts = zh.split(/[·•・]/).map((p) => p.trim());
  if (parts.length < 2 || !parts.every((p) => /^\p{Script=Han}{1,8}$/u.test(p))) return none;
  const read = parts.map((p) => syllables(p).map((s, i) => TRANSLITERATION_READINGS[p[i]!] ?? s.replace(/^([ln])v/, '$1u').replace(/v/g, 'u')));
  if (read.some((r, i) => r.length !== parts[i]!.length)) return none;
  const surname = read.at(-1)!;
  const joined = capital(surname.join(''));
  const given = read.slice(0, -1).map((r) => capital(r.join('')));
  const englishGiven = name.split(/\s+/)[0]!;
  // Split only after a syllable that can be a surname: "A Modi" would read as an article before a name.
  const split = surname.length >= 2 && !/^[aeo]/.test(surname[0]!) ? [`${capital(surname[0]!)} ${capital(surname.slice(1).join(''))}`, ...(apostrophedRest(surname) ?? [])] : [];
  const full = [...given, joined].join(' ');
  const sure = [full, `${englishGiven} ${joined}`];
  const bare: string[] = [];
  // A surname many people share ("Weiersun" is any Wilson) names this one only in the entry's own stories.
  const common = COMMON_SURNAMES.has(name.split(/\s+/).at(-1)!.toLowerCase());
  if (surname.length >= 3) sure.push(...split.map((s) => `${englishGiven} ${s}`));
  if (surname.length >= 3 && !common) sure.push(joined, ...split);
  else if (surname.length >= 2) bare.push(joined, ...split);
  return { sure: unique(sure), bare: unique(bare), full, surname: joined };
}

/** A character a transliteration reads otherwise than a word does: 沃什 (Warsh) is "Woshi", not 什么's "shen". */
const TRANSLITERATION_READINGS: Record<string, string> = { 什: 'shi' };

/** Western surnames many people in the news share. */
const COMMON_SURNAMES = new Set(
  (
    'smith johnson williams brown jones miller davis wilson taylor anderson thomas moore martin jackson white harris clark lewis walker hall ' +
    'allen young king wright scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker collins edwards ' +
    'stewart morris murphy cook rogers morgan cooper peterson reed bailey bell kelly howard ward cox richardson wood watson brooks bennett gray ' +
    'james hughes price sanders myers long ross foster powell jenkins perry russell sullivan fisher marshall wells lee'
  ).split(' '),
);

/** "Bao Wei'er": the split surname with the apostrophe before a syllable that starts with a vowel. */
function apostrophedRest(surname: string[]): string[] | undefined {
  const rest = surname.slice(1);
  if (!rest.slice(1).some((p) => /^[aoe]/.test(p))) return undefined;
  return [`${capital(surname[0]!)} ${capital(rest.map((p, i) => (i > 0 && /^[aoe]/.test(p) ? `'${p}` : p)).join(''))}`];
}

/**
 * The misspellings a Western name gets in translated copy: a doubled letter
 * of the surname written once ("Scott Besent", "Kevin Hasset", "Jerome
 * Powel"), the first name as written. Vowel pairs are left alone ("Cook").
 */
export function personMisspellings(name: string): string[] {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}[\p{Ll}]+$/u.test(w))) return [];
  const surname = words.at(-1)!;
  const out: string[] = [];
  for (const m of surname.matchAll(/([b-df-hj-np-tv-z])\1|ck/g)) {
    const single = surname.slice(0, m.index) + surname.slice(m.index + 1);
    if (single.length >= 4) out.push([...words.slice(0, -1), single].join(' '));
  }
  return out;
}

/**
 * The renderings of a kinship or honorific word in a nickname (苏妈 "Mama
 * Su", 董姐 "Sister Dong", 黄教主 "Cult Leader Huang", 雷布斯 "Lei Busi"):
 * the same nickname with the word's other renderings, so a listed "Mama Su"
 * also reaches "Mom Su" and "Mother Su". `before` is how a translation puts
 * the word before the surname; `after`, how pinyin leaves it after it ("Dong
 * Ge" for 东哥). A nickname is only read back from its pinyin form where that
 * word is unmistakable ("Huang Jiaozhu", "Jia Busi"): "Mang Ge" is Munger's
 * surname in two syllables, not a brother.
 */
const TITLES: Array<{ before: string[]; after: string[]; readBack?: boolean }> = [
  { before: ['Mama', 'Mother', 'Mom', 'Mum'], after: [] },
  { before: ['Papa', 'Father', 'Daddy', 'Dad'], after: [] },
  { before: ['Sister', 'Big Sister', 'Elder Sister'], after: ['Jie'] },
  { before: ['Brother', 'Big Brother', 'Elder Brother'], after: ['Ge'] },
  { before: ['Uncle', 'Big Uncle'], after: [] },
  { before: ['Grandpa', 'Grandfather'], after: [] },
  // 教主, the name Chinese tech media give a founder who leads like a prophet.
  { before: ['Leader', 'Cult Leader', 'Pope', 'Master'], after: ['Jiaozhu'], readBack: true },
  { before: ['Old', 'Lao'], after: [] },
  { before: ['Little', 'Xiao'], after: [] },
  // 布斯, the end of 乔布斯 (Jobs), put after a surname for a founder likened to Steve Jobs.
  { before: [], after: ['Busi', 'Bus', 'Jobs'], readBack: true },
];

/** A nickname's forms with every rendering of its kinship or honorific word ("Mama Su" → "Mom Su", "Mother Su", "Mum Su"). */
export function nicknameForms(pattern: string): string[] {
  const found = (() => {
    for (const t of TITLES) {
      for (const w of t.before) {
        const m = new RegExp(`^${w} (\\p{Lu}\\p{Ll}+)$`, 'u').exec(pattern);
        if (m) return { t, name: m[1]! };
      }
      for (const w of t.readBack ? t.after : []) {
        const m = new RegExp(`^(\\p{Lu}\\p{Ll}+) ${w}$`, 'u').exec(pattern);
        if (m) return { t, name: m[1]! };
      }
    }
    return undefined;
  })();
  if (!found) return [];
  const { t, name } = found;
  return [...t.before.map((w) => `${w} ${name}`), ...t.after.map((w) => `${name} ${w}`)].filter((f) => f !== pattern);
}

/**
 * A nickname printed before the name it stands for, as a translation renders
 * 苏妈苏姿丰 or 皮衣刀客黄仁勋 ("Mother Su Lisa Su"): the form to replace by the
 * name once, in any story, since the name beside it settles who is meant.
 * Only a nickname with an English word in it that is no pinyin syllable
 * ("Mother", "Stock God", not "Lei" or "Yang"): a pinyin form before the name
 * is no apposition a translator writes.
 */
export function nicknameBeforeName(pattern: string, name: string, isEnglishWord: (word: string) => boolean): string | undefined {
  if (pattern.includes(name) || !hasEnglishWord(pattern, isEnglishWord)) return undefined;
  return `${pattern} ${name}`;
}

/** Whether a title holds an English word that is no pinyin syllable ("Iron Lady", not "Lei Busi"). */
function hasEnglishWord(title: string, isEnglishWord: (word: string) => boolean): boolean {
  return title.split(/[\s-]+/).some((w) => /^\p{Lu}?\p{Ll}{2,}$/u.test(w) && isEnglishWord(w.toLowerCase()) && !pinyinSyllables().has(w.toLowerCase()));
}

/**
 * A nickname title before the full name, after "the", as a translation
 * writes 铁娘子董明珠 ("the iron lady Dong Mingzhu"): English sets no article
 * before a bare name, so the form to replace takes the article with it, or
 * "The Dong Mingzhu" is left. Only a title with an English word in it that is
 * no pinyin syllable, as for {@link nicknameBeforeName}.
 */
export function nicknameWithArticle(form: string, name: string, isEnglishWord: (word: string) => boolean): string | undefined {
  if (!form.endsWith(` ${name}`) || /^the\s/i.test(form)) return undefined;
  if (!hasEnglishWord(form.slice(0, -name.length).trim(), isEnglishWord)) return undefined;
  return `the ${form}`;
}

/** Every pinyin syllable pinyin-pro reads a common character as, for cutting a run-together word. */
let syllableSet: Set<string> | undefined;
function pinyinSyllables(): Set<string> {
  if (!syllableSet) {
    let chars = '';
    for (let c = 0x4e00; c <= 0x9fa5; c++) chars += String.fromCharCode(c);
    syllableSet = new Set(pinyin(chars, { toneType: 'none', type: 'array', v: true }).filter((p) => /^[a-z]+$/.test(p)));
  }
  return syllableSet;
}

/** A run-together pinyin word cut into the fewest syllables ("chuanpu" → chuan, pu), or undefined. */
function cutSyllables(word: string): string[] | undefined {
  const known = pinyinSyllables();
  const best: Array<string[] | undefined> = [[]];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const head = best[start];
      if (!head || !known.has(word.slice(start, end))) continue;
      if (!best[end] || best[end]!.length > head.length + 1) best[end] = [...head, word.slice(start, end)];
    }
  }
  return best[word.length];
}

/**
 * A name left in pinyin as one word ("Chuanpu" for 川普) is also written
 * syllable by syllable ("Chuan Pu"); two or three syllables only.
 */
export function spacedPinyin(pattern: string): string[] {
  if (!/^\p{Lu}\p{Ll}{3,}$/u.test(pattern) || /['’]/.test(pattern)) return [];
  const parts = cutSyllables(pattern.toLowerCase());
  if (!parts || parts.length < 2 || parts.length > 3) return [];
  return [parts.map(capital).join(' ')];
}

/**
 * A name left in pinyin syllable by syllable ("Wan Si" for 万斯, "Lu Biao" for
 * 鲁比奥) is also run together ("Wansi", "Lubiao"), as a translator writes a
 * transliterated surname: two to four syllables, every word made of them.
 */
export function joinedPinyin(pattern: string): string[] {
  const words = pattern.split(' ');
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return [];
  const cut = words.map((w) => cutSyllables(w.toLowerCase()));
  if (cut.some((c) => !c)) return [];
  const count = cut.reduce((n, c) => n + c!.length, 0);
  if (count < 2 || count > 4) return [];
  return unique([capital(words.join('').toLowerCase())]);
}

function unique(forms: string[]): string[] {
  return [...new Set(forms)].filter((f) => f.replace(/[^A-Za-z]/g, '').length >= 5);
}
