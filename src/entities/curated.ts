/**
 * The curated knowledge in `data/curated/`: one YAML list per kind
 * (`companies.yaml`, `people.yaml`, `products.yaml`, `jargon.yaml`,
 * `observed.yaml`, `keep.yaml`, `glosses.yaml`) and, for the first four, every `data/curated/<kind>/*.yaml`
 * appended in name order. Each file is checked against
 * `data/curated.schema.json`; entries in the folders must also carry `source`
 * and `specs`. The KB build and the spec test read the data through here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import yaml from 'js-yaml';
import type { Context, EntityType, Lead, Mode } from './kb.js';

export interface Spec {
  from: string;
  to: string;
}

export type Variant = string | string[] | { patterns: string[]; context?: Context; mode?: Mode; expected?: string; note?: string; specs?: Spec[] };

interface Sourced {
  zh?: string;
  source?: string;
  specs?: Spec[];
}

/** Other Chinese names than `zh` (a short name, a former or Hong Kong name), each deriving weaker renderings. */
interface OtherChineseNames {
  zhNames?: string[];
}

export interface CuratedCompany extends Sourced, OtherChineseNames {
  name: string;
  type?: EntityType;
  aliases?: string[];
  tickers?: string[];
  classes?: Record<string, string>;
  linked?: string;
  sector?: string;
  exchange?: string;
  noun?: string;
  /** The curated company that controls this one, by name. */
  parent?: string;
  note?: string;
  variants?: Variant[];
}
export interface CuratedPerson extends Sourced {
  name: string;
  role?: string;
  aliases?: string[];
  note?: string;
  variants?: Variant[];
}
export interface CuratedProduct extends Sourced, OtherChineseNames {
  name: string;
  aliases?: string[];
  owner?: string;
  category?: string[];
  note?: string;
  variants?: Variant[];
}
export interface CuratedJargon extends Sourced {
  expected: string;
  patterns: string[];
  context?: Context;
  lead?: Lead;
  mode?: Mode;
  caseSensitive?: boolean;
  note?: string;
}
/** A right name no entry may change. */
export interface CuratedKeep {
  name: string;
  note?: string;
  source?: string;
}
export interface CuratedOverride {
  wrong: string;
  skip?: string;
  mode?: Mode;
  context?: Context;
  expected?: string;
  note?: string;
}

/** A morpheme of Chinese names and its word-for-word renderings (glosses.yaml), for src/entities/literal.ts. */
export interface CuratedGloss {
  zh: string;
  en?: string[];
  role: 'word' | 'generic' | 'place' | 'shares';
  source: string;
  note?: string;
}

/** One entry with where it was written: the file (relative to the package) and its index there. */
export interface Item<T> {
  entry: T;
  file: string;
  index: number;
}

export interface CuratedData {
  companies: Array<Item<CuratedCompany>>;
  people: Array<Item<CuratedPerson>>;
  products: Array<Item<CuratedProduct>>;
  jargon: Array<Item<CuratedJargon>>;
  observed: Array<Item<CuratedOverride>>;
  keep: Array<Item<CuratedKeep>>;
  glosses: Array<Item<CuratedGloss>>;
}

const KINDS = { companies: 'company', people: 'person', products: 'product', jargon: 'jargon', observed: 'observed', keep: 'keep', glosses: 'gloss' } as const;
type Kind = keyof typeof KINDS;
/** Kinds that may also live in a folder of files. */
const FOLDER_KINDS: Kind[] = ['companies', 'people', 'products', 'jargon'];

export class CuratedError extends Error {
  constructor(readonly problems: string[]) {
    super(`curated data: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n  ${problems.join('\n  ')}`);
    this.name = 'CuratedError';
  }
}

/** `data/curated.schema.json`, found from src/ or dist/src/. */
export function curatedSchemaPath(): string {
  for (const up of ['../../data/curated.schema.json', '../../../data/curated.schema.json']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('copydesk: data/curated.schema.json is missing');
}

function validators(schemaPath: string): Record<Kind, { loose: ValidateFunction; strict: ValidateFunction }> {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string };
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const ref = (name: string) => ({ $ref: `${schema.$id}#/$defs/${name}` });
  const out = {} as Record<Kind, { loose: ValidateFunction; strict: ValidateFunction }>;
  for (const [kind, def] of Object.entries(KINDS) as Array<[Kind, string]>) {
    out[kind] = { loose: ajv.compile(ref(def)), strict: ajv.compile({ allOf: [ref(def), ref('sourced')] }) };
  }
  return out;
}

/** An ajv error in a few words: `specs[0]: must have required property 'to'`. */
function describe(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  if (error.keyword === 'enum') message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'pattern' && /zh(?:Names\[\d+\])?$/.test(path)) message = 'must hold Chinese characters';
  if (error.keyword === 'pattern' && /tickers\[\d+\]|classes/.test(path)) message = 'must be a ticker such as NVDA.US, 00700.HK, 300750.SZ or 600519.SH';
  return path ? `${path}: ${message}` : message;
}

/** The most useful of an entry's errors: a failed `oneOf` says less than the branch errors under it. */
function problemsOf(errors: ErrorObject[]): string[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'allOf');
  const list = specific.length ? specific : errors;
  // A variant failing every branch of oneOf yields "must be string" and "must be array" too: keep the object branch's.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of list) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const kept = list.filter((e) => !(e.keyword === 'type' && (byPath.get(e.instancePath)?.length ?? 0) > 1 && list.some((o) => o.instancePath.startsWith(`${e.instancePath}/`))));
  return [...new Set(kept.map(describe))].slice(0, 4);
}

const labelOf = (entry: unknown): string => {
  if (!entry || typeof entry !== 'object') return '';
  const e = entry as { name?: unknown; expected?: unknown; wrong?: unknown };
  const name = e.name ?? e.expected ?? e.wrong;
  return typeof name === 'string' ? ` (${name})` : '';
};

/**
 * Reads and validates every curated file under `curatedDir`; all problems at
 * once, each as `file: [index] (name): field: problem`.
 */
export function readCurated(curatedDir: string, options: { root?: string; schema?: string } = {}): CuratedData {
  const root = options.root ?? dirname(dirname(curatedDir));
  const check = validators(options.schema ?? join(dirname(curatedDir), 'curated.schema.json'));
  const problems: string[] = [];
  const out = { companies: [], people: [], products: [], jargon: [], observed: [], keep: [], glosses: [] } as unknown as Record<Kind, Array<Item<unknown>>>;
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const files: Array<{ path: string; strict: boolean }> = [];
    const main = join(curatedDir, `${kind}.yaml`);
    if (existsSync(main)) files.push({ path: main, strict: false });
    const folder = join(curatedDir, kind);
    if (FOLDER_KINDS.includes(kind) && existsSync(folder)) {
      for (const f of readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort()) files.push({ path: join(folder, f), strict: true });
    }
    for (const { path, strict } of files) {
      const file = relative(root, path);
      let data: unknown;
      try {
        data = yaml.load(readFileSync(path, 'utf8'), { filename: file });
      } catch (error) {
        problems.push(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (data === undefined || data === null) continue;
      if (!Array.isArray(data)) {
        problems.push(`${file}: must be a list of entries`);
        continue;
      }
      const validate = strict ? check[kind].strict : check[kind].loose;
      data.forEach((entry: unknown, index) => {
        if (!validate(entry)) {
          for (const p of problemsOf(validate.errors ?? [])) problems.push(`${file}: [${index}]${labelOf(entry)}: ${p}`);
          return;
        }
        out[kind].push({ entry, file, index });
      });
    }
  }
  if (problems.length) throw new CuratedError(problems);
  return out as unknown as CuratedData;
}

/** Every spec of an entry: its own and those of its variant groups. */
export function specsOf(entry: Sourced & { variants?: Variant[] }): Spec[] {
  const own = entry.specs ?? [];
  const grouped = (entry.variants ?? []).flatMap((v) => (typeof v === 'object' && !Array.isArray(v) ? v.specs ?? [] : []));
  return [...own, ...grouped];
}
