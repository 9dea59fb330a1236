/**
 * How far the gloss table (data/curated/glosses.yaml) reaches: every curated
 * company's and product's `zh` is cut with it as the KB build does
 * (src/entities/literal.ts), and the report says
 *   - how many names get at least one word-for-word rendering, and how many
 *     are glossed whole (no part left in pinyin, the form a translator that
 *     knows every character writes: 中联重科 "China United Heavy Technology");
 *   - which unglossed morphemes (1–2 characters) would give the most names a
 *     rendering, or glossed them whole, if the table had them.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/gloss-coverage.js [--top 80] [--names 宁德时代,零跑汽车]
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCurated } from '../src/entities/curated.js';
import { GlossTable, literalRenderings, type Gloss } from '../src/entities/literal.js';
import { withSectorTail } from '../src/entities/renderings.js';
import { isEnglishWord as isEnglish } from './english-words.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const top = Number(option('--top') ?? 60);

const curated = readCurated(join(root, 'data', 'curated'), { root });
const glosses: Gloss[] = curated.glosses.map(({ entry }) => entry);
const table = new GlossTable(glosses);

interface Name {
  zh: string;
  label: string;
  /** The names the build cuts: the zh, and with the company word its trade implies. */
  cuts: string[];
}
const names: Name[] = [];
const seen = new Set<string>();
for (const { entry } of [...curated.companies, ...curated.products]) {
  const e = entry as { name: string; zh?: string; sector?: string; kind?: string };
  if (!e.zh || seen.has(e.zh)) continue;
  seen.add(e.zh);
  const tailed = 'kind' in e ? undefined : withSectorTail(e.zh, e.sector);
  names.push({ zh: e.zh, label: e.name, cuts: tailed ? [e.zh, tailed] : [e.zh] });
}

const LEGAL_TAIL = /(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$/;
const renderingsOf = (n: Name, t: GlossTable) => [...new Set(n.cuts.flatMap((zh) => literalRenderings(zh, t, isEnglish).map((r) => r.form)))];
/** Whether every character of the name is covered by a morpheme of the table (longest first, as the cut does). */
function glossedWhole(zh: string, t: GlossTable): boolean {
  const core = zh.replace(/\s*[（(][^()（）]*[)）]\s*$/u, '').replace(LEGAL_TAIL, '');
  const fill = (at: number): boolean => {
    if (at === core.length) return true;
    if (/[A-Za-z0-9]/.test(core[at]!)) return fill(at + (/^[A-Za-z0-9]+/.exec(core.slice(at))?.[0].length ?? 1));
    for (let n = Math.min(t.longest, core.length - at); n >= 1; n--) if (t.byZh.has(core.slice(at, at + n)) && fill(at + n)) return true;
    return false;
  };
  return /\p{Script=Han}/u.test(core) && fill(0);
}

const listed = option('--names')?.split(',');
if (listed) {
  for (const n of names.filter((x) => listed.includes(x.zh))) console.log(`${n.zh} (${n.label}): ${renderingsOf(n, table).join(' | ') || '—'}`);
  process.exit(0);
}

let withRendering = 0;
let whole = 0;
let forms = 0;
const bare: Name[] = [];
const partial: Name[] = [];
for (const n of names) {
  const r = renderingsOf(n, table);
  forms += r.length;
  if (r.length) withRendering++;
  else bare.push(n);
  if (glossedWhole(n.zh, table)) whole++;
  else partial.push(n);
}
console.log(`${names.length} curated names with a zh, ${glosses.length} glosses`);
console.log(`  at least one word-for-word rendering: ${withRendering} (${((100 * withRendering) / names.length).toFixed(1)}%)`);
console.log(`  glossed whole (no part in pinyin):   ${whole} (${((100 * whole) / names.length).toFixed(1)}%)`);
console.log(`  renderings produced:                 ${forms}`);

/** Morphemes of 1–2 characters not in the table, each with the names it would give a rendering or gloss whole. */
const unlocks = new Map<string, { rendering: string[]; whole: string[] }>();
const tally = (m: string, n: Name, key: 'rendering' | 'whole') => {
  const u = unlocks.get(m) ?? { rendering: [], whole: [] };
  u[key].push(n.zh);
  unlocks.set(m, u);
};
const candidatesOf = (zh: string) => {
  const out = new Set<string>();
  for (let i = 0; i < zh.length; i++) {
    for (let len = 1; len <= 2 && i + len <= zh.length; len++) {
      const m = zh.slice(i, i + len);
      if (/^\p{Script=Han}+$/u.test(m) && !table.byZh.has(m)) out.add(m);
    }
  }
  return out;
};
for (const n of new Set([...bare, ...partial])) {
  for (const m of candidatesOf(n.zh)) {
    const trial = new GlossTable([...glosses, { zh: m, en: ['Probe'], role: 'word' }]);
    if (bare.includes(n) && renderingsOf(n, trial).length) tally(m, n, 'rendering');
    if (partial.includes(n) && glossedWhole(n.zh, trial)) tally(m, n, 'whole');
  }
}
const ranked = [...unlocks].sort((a, b) => b[1].rendering.length + b[1].whole.length - (a[1].rendering.length + a[1].whole.length));
console.log(`\nunglossed morphemes by names unlocked (a rendering where none was / glossed whole), top ${top}:`);
for (const [m, u] of ranked.slice(0, top)) {
  console.log(`  ${m}  ${u.rendering.length}/${u.whole.length}  ${[...new Set([...u.rendering, ...u.whole])].slice(0, 8).join(' ')}`);
}
