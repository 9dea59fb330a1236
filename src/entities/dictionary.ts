/**
 * User dictionaries: a newsroom's own entries, in YAML or JSON, on top of the
 * knowledge base. The format reads prh dictionaries (`rules`, `expected`,
 * `pattern(s)`, `/regex/flags`, `specs`, `options.wordBoundary`, `prh`) and
 * adds what prh lacks: `mode: fix | suggest | off`, context conditions,
 * `caseSensitive`, Unicode word boundaries, `priority` (a user entry
 * overrides the knowledge base for the same pattern; a later file overrides
 * an earlier one), and `kind` for the rule id. Files are validated against
 * a JSON Schema; a bad entry is reported with its file, line and problem.
 *
 * Large files load fast: js-yaml (or JSON.parse); only to point at an
 * error is the file read again, noting where each node starts.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import { atWordBoundaries, fold } from './aho-corasick.js';
import { ContextProbe } from './context.js';
import type { Context, EntryRecord, Lead, Mode } from './kb.js';
import { replacementFor, USER_PRIORITY } from './matcher.js';
import { escapeRe } from '../text/escape-re.js';
import { LEAD_SCHEMA, leadContext, ledPhrase, ledValue } from './lead.js';

export interface DictionaryEntry {
  expected: string;
  /** prh: one pattern or several. */
  pattern?: string | string[];
  patterns?: string[];
  kind?: 'person' | 'company' | 'product' | 'media' | 'organisation' | 'jargon';
  /** Rule id for messages; by default from `kind`, else `dictionary`. */
  rule?: string;
  mode?: Mode;
  caseSensitive?: boolean;
  wordBoundary?: boolean;
  options?: { wordBoundary?: boolean };
  context?: Context;
  /** A verb phrase with its object inside: the patterns are its tail (see lead.ts). */
  lead?: Lead;
  priority?: number;
  note?: string;
  /** prh's name for `note`. */
  prh?: string;
  specs?: Array<{ from: string; to: string }>;
}

export interface Dictionary {
  version?: 1;
  rules: DictionaryEntry[];
}

export class DictionaryError extends Error {
  override name = 'DictionaryError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}

const contextSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    any: { type: 'array', items: { type: 'string', minLength: 1 } },
    none: { type: 'array', items: { type: 'string', minLength: 1 } },
    scope: { enum: ['article', 'paragraph'] },
    before: { type: 'string', minLength: 1 },
    after: { type: 'string', minLength: 1 },
  },
} as const;

/** The JSON Schema of a dictionary file (also written to data/dictionary.schema.json). */
export const DICTIONARY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'copydesk dictionary',
  type: 'object',
  required: ['rules'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1 },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['expected'],
        additionalProperties: false,
        properties: {
          expected: { type: 'string' },
          pattern: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] },
          patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
          kind: { enum: ['person', 'company', 'product', 'media', 'organisation', 'jargon'] },
          rule: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          mode: { enum: ['fix', 'suggest', 'off'] },
          caseSensitive: { type: 'boolean' },
          wordBoundary: { type: 'boolean' },
          options: { type: 'object', properties: { wordBoundary: { type: 'boolean' } } },
          context: contextSchema,
          lead: LEAD_SCHEMA,
          priority: { type: 'number' },
          note: { type: 'string' },
          prh: { type: 'string' },
          regexpMustEmpty: { type: 'string' },
          specs: {
            type: 'array',
            items: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string' }, to: { type: 'string' } } },
          },
        },
      },
    },
  },
} as const;

let validator: ReturnType<Ajv['compile']> | undefined;

// The YAML parsers and the schema validator are needed only when a dictionary
// is read: loaded synchronously on first use, so cleaning without dictionaries
// (every pool worker of a plain batch run, `copydesk clean`) starts without them.
const load = createRequire(import.meta.url);
const jsYaml = () => load('js-yaml') as typeof import('js-yaml');
const ajv = () => (load('ajv') as typeof import('ajv')).Ajv;

const KIND_RULE: Record<string, string> = {
  person: 'person-name',
  company: 'entity-name',
  product: 'entity-name',
  media: 'entity-name',
  organisation: 'entity-name',
  jargon: 'jargon',
};

/** Reads, validates and compiles one dictionary file. */
export function loadDictionary(path: string, order = 0): EntryRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DictionaryError(path, undefined, `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : jsYaml().load(text, { filename: path, schema: jsYaml().JSON_SCHEMA });
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    const line = mark ? mark.line + 1 : lineOfJsonError(text, error as Error);
    throw new DictionaryError(path, line, `not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${((error as Error).message.split('\n')[0] ?? '').replace(/^.*?: /, '')}`);
  }
  return compileDictionary(data, path, text, order);
}

/** Validates and compiles dictionary data; `text` (the file) lets errors name a line. */
export function compileDictionary(data: unknown, file = 'dictionary', text?: string, order = 0): EntryRecord[] {
  validator ??= new (ajv())({ allErrors: false, strict: false }).compile(DICTIONARY_SCHEMA);
  if (!validator(data)) {
    const error = validator.errors![0]!;
    throw new DictionaryError(file, text ? lineOf(text, error) : undefined, describe(error));
  }
  const dictionary = data as Dictionary;
  const out: EntryRecord[] = [];
  dictionary.rules.forEach((rule, index) => {
    const at = () => (text ? lineOf(text, { instancePath: `/rules/${index}` } as ErrorObject) : undefined);
    const literal: string[] = [];
    const regex: Array<{ source: string; flags: string }> = [];
    const all = [...(typeof rule.pattern === 'string' ? [rule.pattern] : (rule.pattern ?? [])), ...(rule.patterns ?? [])];
    // prh: no pattern means "the expected form, in any case".
    if (all.length === 0) all.push(rule.expected);
    for (const p of all) {
      const m = /^\/(.+)\/([gimsuy]*)$/s.exec(p);
      if (!m) {
        literal.push(p);
        continue;
      }
      try {
        new RegExp(m[1]!, m[2]);
      } catch (error) {
        throw new DictionaryError(file, at(), `rules[${index}]: bad regular expression ${p}: ${(error as Error).message}`);
      }
      regex.push({ source: m[1]!, flags: m[2]!.includes('u') ? m[2]! : `${m[2]}u` });
    }
    if (!rule.expected && !rule.lead) throw new DictionaryError(file, at(), `rules[${index}]: "expected" is empty; only an entry with a lead may drop its tail`);
    if (rule.lead && rule.context?.before) throw new DictionaryError(file, at(), `rules[${index}]: a lead is the entry's context.before; give one or the other`);
    for (const side of ['before', 'after'] as const) {
      const source = rule.context?.[side];
      if (source === undefined) continue;
      try {
        new RegExp(source, 'u');
      } catch (error) {
        throw new DictionaryError(file, at(), `rules[${index}].context.${side}: bad regular expression: ${(error as Error).message}`);
      }
    }
    const entry: EntryRecord = {
      rule: rule.rule ?? (rule.kind ? KIND_RULE[rule.kind]! : 'dictionary'),
      expected: rule.expected,
      patterns: literal,
      mode: rule.mode ?? 'fix',
      priority: rule.priority ?? USER_PRIORITY + order,
      source: `${file}#${index}`,
      ...(regex.length ? { regex } : {}),
      // prh matches the expected form in any case; explicit patterns are as written.
      ...(rule.caseSensitive !== undefined ? { caseSensitive: rule.caseSensitive } : {}),
      ...((rule.wordBoundary ?? rule.options?.wordBoundary) === false ? { wordBoundary: false } : {}),
      ...(rule.context ? { context: rule.context } : {}),
      // A lead's verb is asked for wherever the context is checked, as in the knowledge base's entries.
      ...(rule.lead ? { lead: rule.lead, context: leadContext(rule.context, rule.lead) } : {}),
      ...((rule.note ?? rule.prh) ? { note: rule.note ?? rule.prh } : {}),
      ...(rule.specs ? { specs: rule.specs } : {}),
    };
    for (const spec of rule.specs ?? []) {
      const got = applyEntry(entry, spec.from);
      if (got !== spec.to) throw new DictionaryError(file, at(), `rules[${index}]: spec "${spec.from}" gives "${got}", expected "${spec.to}"`);
    }
    out.push(entry);
  });
  return out;
}

/** One entry applied to a plain string: what its specs are checked with (a suggestion is applied, to check what it proposes). */
export function applyEntry(entry: EntryRecord, text: string): string {
  if (entry.mode === 'off') return text;
  const probe = new ContextProbe(text);
  const spans: Array<[number, number]> = [];
  const folded = fold(text);
  for (const pattern of entry.patterns) {
    const key = fold(pattern);
    for (let i = folded.indexOf(key); i !== -1; i = folded.indexOf(key, i + 1)) {
      const end = i + key.length;
      if (entry.caseSensitive && text.slice(i, end) !== pattern) continue;
      if (entry.wordBoundary !== false && !atWordBoundaries(text, i, end)) continue;
      spans.push([i, end]);
    }
  }
  for (const r of entry.regex ?? []) {
    const re = new RegExp(r.source, r.flags.includes('g') ? r.flags : `${r.flags}g`);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else if (entry.wordBoundary === false || atWordBoundaries(text, m.index, m.index + m[0].length)) spans.push([m.index, m.index + m[0].length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || !probe.holds(entry.context, text, start, end)) continue;
    const led = entry.lead ? ledPhrase(text, start, entry.lead) : undefined;
    if (led && led.start >= at) {
      out += text.slice(at, led.start) + ledValue(led.opening, replacementFor(entry, text.slice(start, end), false));
    } else out += text.slice(at, start) + replacementFor(entry, text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') : '(top level)';
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where}: missing "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${where}: ${error.message ?? 'invalid'}`;
}

/**
 * The line of the value an error points at: the file read again by js-yaml (JSON is YAML too) with
 * a listener noting the line each mapping and sequence starts on; for a scalar or an unknown key,
 * the line of that key below the start of the object holding it.
 */
function lineOf(text: string, error: Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'>): number | undefined {
  const yaml = jsYaml();
  const starts = new Map<object, number>();
  const open: number[] = [];
  let data: unknown;
  try {
    data = yaml.load(text, {
      schema: yaml.JSON_SCHEMA,
      listener(event, state) {
        if (event === 'open') open.push(state.line);
        else {
          const line = open.pop();
          const result: unknown = state.result;
          if (line !== undefined && result && typeof result === 'object' && !starts.has(result)) starts.set(result, line + 1);
        }
      },
    });
  } catch {
    return undefined;
  }
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') path.push(String(error.params?.additionalProperty));
  let node: unknown = data;
  let line = data && typeof data === 'object' ? starts.get(data) : undefined;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next: unknown = node && typeof node === 'object' ? (node as Record<string, unknown>)[path[depth]!] : undefined;
    if (!next || typeof next !== 'object' || !starts.has(next)) break;
    node = next;
    line = starts.get(next);
  }
  const key = path[depth];
  if (line === undefined || key === undefined || /^\d+$/.test(key)) return line;
  const name = escapeRe(key);
  const keyLine = new RegExp(`^\\s*(?:-\\s+)?(?:"${name}"|'${name}'|${name})\\s*:`);
  const lines = text.split(/\r?\n/);
  for (let n = line - 1; n < lines.length; n++) if (keyLine.test(lines[n]!)) return n + 1;
  return line;
}

/**
 * The line of a JSON syntax error. Node 20 does not say where the error is, so
 * find the shortest prefix that fails for a reason other than ending early.
 */
function lineOfJsonError(text: string, error: Error): number | undefined {
  const m = /position (\d+)/.exec(error.message);
  if (m) return text.slice(0, Number(m[1])).split('\n').length;
  const failsInside = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message);
      if (at) return Number(at[1]) < text.slice(0, n).trimEnd().length;
      return !/end of JSON input/i.test(message);
    }
  };
  if (!failsInside(text.length)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return text.slice(0, lo).split('\n').length;
}

const loaded = new Map<string, { mtime: number; entries: EntryRecord[] }>();
const compiled = new WeakMap<object, { id: number; order: number; entries: EntryRecord[] }>();
let nextObjectId = 0;

/** Entries of several dictionaries (paths or data), later ones first in precedence. Files are read once. */
const objectIds = new WeakMap<object, number>();

/**
 * What identifies a list of dictionaries as loaded: paths with their
 * modification times, data objects by identity. Cheap (a stat per file), so
 * a compiled matcher can be found without touching the entries.
 */
export function dictionariesKey(list: ReadonlyArray<string | Dictionary>): string {
  return list
    .map((item, order) => {
      if (typeof item === 'string') return `${order}:${item}@${statSync(item, { throwIfNoEntry: false })?.mtimeMs ?? -1}`;
      let id = objectIds.get(item);
      if (id === undefined) objectIds.set(item, (id = nextObjectId++));
      return `${order}:#${id}`;
    })
    .join('\n');
}

export function loadDictionaries(list: ReadonlyArray<string | Dictionary>): { entries: EntryRecord[]; key: string } {
  const entries: EntryRecord[] = [];
  const keys: string[] = [];
  list.forEach((item, order) => {
    if (typeof item === 'string') {
      const mtime = statSync(item, { throwIfNoEntry: false })?.mtimeMs ?? -1;
      let hit = loaded.get(`${order}:${item}`);
      if (!hit || hit.mtime !== mtime) {
        hit = { mtime, entries: loadDictionary(item, order) };
        loaded.set(`${order}:${item}`, hit);
      }
      entries.push(...hit.entries);
      keys.push(`${item}@${mtime}`);
    } else {
      let hit = compiled.get(item);
      if (!hit || hit.order !== order) {
        hit = { id: nextObjectId++, order, entries: compileDictionary(item, `dictionary #${order + 1}`, undefined, order) };
        compiled.set(item, hit);
      }
      entries.push(...hit.entries);
      keys.push(`#${hit.id}`);
    }
  });
  return { entries, key: keys.join('\n') };
}
