/**
 * Configuration, found the way users of remark, eslint and prettier expect:
 * `.copydeskrc` (JSON or YAML), `.copydeskrc.json`, `.copydeskrc.yaml`/`.yml`,
 * `copydesk.config.js`/`.mjs`, or a `"copydesk"` field in package.json, from
 * the working folder upwards; or one named with `--config`. A bad config is a
 * `ConfigError` naming the file and the problem, before any article is touched.
 */
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { lilconfig, type LilconfigResult, type Loader } from 'lilconfig';
import yaml from 'js-yaml';
import type { CleanOptions } from './pipeline.js';
import { DictionaryError, loadDictionaries } from './entities/dictionary.js';
import { RULES } from './rules.js';
import type { ArticleStructureOptions } from '../plugins/article-structure.js';
import type { StripBoilerplateOptions } from '../plugins/strip-boilerplate.js';
import type { DedupeLeadOptions } from '../plugins/dedupe-lead.js';
import type { FixEntitiesOptions } from '../plugins/fix-entities.js';
import type { FlagEntitiesOptions } from '../plugins/flag-entities.js';

export type RuleSetting = 'off' | 'info' | 'warning' | 'error';

export interface CopydeskConfig {
  /** Per rule id (or plugin name): switch it off, or set the severity of its messages. */
  rules?: Record<string, RuleSetting>;
  /** Options per plugin, by plugin name; `false` switches the plugin off. */
  plugins?: Record<string, Record<string, unknown> | false>;
  /** User dictionaries (YAML or JSON), relative to the config file. */
  dictionaries?: string[];
  /** Share of prose that removals outside marked boilerplate must leave (0–1). */
  minProseShare?: number;
  /** Share of the article that prose-like removals with no copy kept may take before they are warnings (0–1). */
  maxRemovalShare?: number;
  /** Rule ids whose warnings block a publish (verdict `reject`) rather than hold it for review. */
  block?: string[];
  /** Settings of `copydesk serve` (validated by the server). */
  server?: Record<string, unknown>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Every option key of an options type, checked by the compiler both ways: a new option left out here fails the typecheck. */
function optionKeys<T>(keys: { [K in keyof Required<T>]: true }): string[] {
  return Object.keys(keys);
}

/** Option names each plugin takes in a config (`kb` and `dictionaries` are not config options: `dictionaries` is top-level). */
export const PLUGIN_OPTIONS: Record<string, string[]> = {
  'article-structure': optionKeys<ArticleStructureOptions>({ minProseShare: true, maxRemovalShare: true }),
  'strip-boilerplate': optionKeys<StripBoilerplateOptions>({ minProseShare: true, maxRemovalShare: true, markers: true, furniture: true, maxHeadlineWords: true }),
  'dedupe-lead': optionKeys<DedupeLeadOptions>({ minProseShare: true, maxRemovalShare: true, leadWindow: true, titleSimilarity: true, leadOverlap: true, closeRestatement: true, nearRepeat: true, maxRepeatShare: true }),
  'fix-entities': optionKeys<Omit<FixEntitiesOptions, 'kb' | 'dictionaries'>>({ tickerNotation: true }),
  'flag-entities': optionKeys<Omit<FlagEntitiesOptions, 'kb' | 'dictionaries'>>({ minForeignLetters: true, languages: true }),
};

/** What `rules` and `block` may name: every rule id, and the plugins (a plugin's name stands for all its rules). */
export function ruleNames(): string[] {
  return [...Object.keys(RULES), ...Object.keys(PLUGIN_OPTIONS)];
}

/** The config's JSON Schema, built from the rule table and the plugins' option lists, so new ones are covered. */
export function configSchema() {
  const names = ruleNames();
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'object', propertyNames: { enum: names }, additionalProperties: { enum: ['off', 'info', 'warning', 'error'] } },
      plugins: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          Object.entries(PLUGIN_OPTIONS).map(([plugin, keys]) => [
            plugin,
            { anyOf: [{ const: false }, { type: 'object', additionalProperties: false, properties: Object.fromEntries(keys.map((k) => [k, {}])) }] },
          ]),
        ),
      },
      dictionaries: { type: 'array', items: { type: 'string', minLength: 1 } },
      minProseShare: { type: 'number', minimum: 0, maximum: 1 },
      maxRemovalShare: { type: 'number', minimum: 0, maximum: 1 },
      block: { type: 'array', items: { enum: names } },
      // validated in full by the server (src/server/options.ts), with the same suggestions
      server: { type: 'object' },
    },
  } as const;
}

let validate: ReturnType<Ajv['compile']> | undefined;

const yamlLoader: Loader = (filepath, content) => {
  try {
    // js-yaml, the parser the dictionaries and the knowledge base's sources use too; its JSON schema keeps dates and the like as text
    return yaml.load(content, { filename: filepath, schema: yaml.JSON_SCHEMA });
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    throw new ConfigError(`${filepath}${mark ? `:${mark.line + 1}` : ''}: not valid YAML: ${reason}`);
  }
};

/** `.copydeskrc` may hold JSON or YAML; YAML parses both. */
const loaders = { '.yaml': yamlLoader, '.yml': yamlLoader, noExt: yamlLoader, '.json': yamlLoader };

const SEARCH_PLACES = [
  'package.json',
  '.copydeskrc',
  '.copydeskrc.json',
  '.copydeskrc.yaml',
  '.copydeskrc.yml',
  'copydesk.config.js',
  'copydesk.config.mjs',
];

export interface LoadedConfig {
  config: CopydeskConfig;
  /** The file it came from; undefined when none was found. */
  filepath?: string | undefined;
}

/** Finds and validates the config: `configPath` if given, else searching up from `cwd`. */
export async function loadConfig(options: { cwd?: string; configPath?: string | undefined } = {}): Promise<LoadedConfig> {
  const explorer = lilconfig('copydesk', { searchPlaces: SEARCH_PLACES, loaders });
  let result: LilconfigResult;
  try {
    result = options.configPath ? await explorer.load(resolve(options.configPath)) : await explorer.search(options.cwd ?? process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const where = options.configPath ?? 'config';
    throw new ConfigError(code === 'ENOENT' ? `${where}: no such file` : `${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!result) return { config: {} };
  return { config: validateConfig(result.config ?? {}, result.filepath), filepath: result.filepath };
}

export function validateConfig(raw: unknown, filepath = 'config'): CopydeskConfig {
  const schema = configSchema();
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(raw)) {
    const problems = describeErrors(validate.errors ?? [], schema, raw);
    throw new ConfigError(`${filepath}: ${problems}`);
  }
  const config = raw as CopydeskConfig;
  if (config.dictionaries) {
    const base = dirname(resolve(filepath));
    config.dictionaries = config.dictionaries.map((d) => resolve(base, d));
    // A bad dictionary is a bad configuration: found now, before any article is touched.
    try {
      loadDictionaries(config.dictionaries);
    } catch (error) {
      if (error instanceof DictionaryError) throw new ConfigError(error.message);
      throw error;
    }
  }
  return config;
}

/**
 * Ajv's errors in words, `prefix` before each path: an unknown key names the
 * nearest valid one ("did you mean …"), found in the schema at that place.
 * The branches of an `anyOf` that did not apply are left out when one of
 * them names a better cause.
 */
export function describeErrors(errors: readonly ErrorObject[], schema: object, data: unknown, prefix = ''): string {
  const out: string[] = [];
  const specific = new Set(errors.filter((e) => e.keyword === 'additionalProperties' || e.keyword === 'propertyNames').map((e) => e.instancePath));
  for (const error of errors) {
    const where = `${prefix}${error.instancePath}` || '(top level)';
    if (error.propertyName !== undefined && error.keyword === 'enum') continue; // told by its propertyNames error
    if (error.keyword === 'anyOf' && specific.has(error.instancePath)) continue;
    if ((error.keyword === 'const' || error.keyword === 'type') && specific.has(error.instancePath)) continue;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      out.push(`${where}: unknown ${kindOf(error.instancePath, prefix)} "${key}"${suggest(key, propertiesAt(schema, error.schemaPath))}`);
    } else if (error.keyword === 'propertyNames') {
      const key = String(error.params.propertyName);
      const names = enumAt(schema, `${error.schemaPath}/enum`);
      out.push(`${where}: unknown ${error.instancePath.endsWith('/rules') ? 'rule' : 'name'} "${key}"${suggest(key, names)}`);
    } else if (error.keyword === 'enum') {
      const value = valueAt(data, error.instancePath);
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      out.push(typeof value === 'string' && allowed.length > 8 ? `${where}: unknown rule "${value}"${suggest(value, allowed)}` : `${where}: must be one of ${allowed.join(', ')}`);
    } else out.push(`${where}: ${error.message ?? 'invalid'}`);
  }
  return [...new Set(out)].join('; ');
}

function kindOf(instancePath: string, prefix: string): string {
  if (!instancePath && !prefix) return 'setting';
  if (instancePath === '/plugins') return 'plugin';
  if (instancePath.startsWith('/plugins/')) return 'option';
  return 'setting';
}

/** ` (did you mean "x"?)` when a valid name is close enough to be the one meant. */
export function suggest(key: string, candidates: readonly string[]): string {
  if (!candidates.length) return '';
  const best = closest(key, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  const near = distance(key.toLowerCase(), best.toLowerCase()) <= limit || best.toLowerCase().includes(key.toLowerCase());
  return near ? ` (did you mean "${best}"?)` : ` (valid: ${candidates.length > 12 ? `${candidates.slice(0, 12).join(', ')}, …` : candidates.join(', ')})`;
}

/** The schema object an Ajv `schemaPath` (`#/properties/plugins/additionalProperties`) points into, then its `properties` keys. */
function propertiesAt(schema: object, schemaPath: string): string[] {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodePointer);
  let node: unknown = schema;
  // the error is at `…/additionalProperties`: the object schema is its parent
  for (const part of parts.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[part];
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function enumAt(schema: object, schemaPath: string): string[] {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodePointer)) node = (node as Record<string, unknown> | undefined)?.[part];
  return Array.isArray(node) ? node.map(String) : [];
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const part of pointer.split('/').filter(Boolean).map(decodePointer)) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

function decodePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Config plugin names → their key in `clean()` options. */
export const PLUGIN_KEYS: Record<string, keyof CleanOptions> = {
  'article-structure': 'articleStructure',
  'strip-boilerplate': 'stripBoilerplate',
  'dedupe-lead': 'dedupeLead',
  'fix-entities': 'fixEntities' as keyof CleanOptions,
  'flag-entities': 'flagEntities' as keyof CleanOptions,
};

/** The `clean()` options a config amounts to. */
export function cleanOptionsFromConfig(config: CopydeskConfig): CleanOptions {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config.plugins ?? {})) options[PLUGIN_KEYS[name]!] = value;
  if (config.rules) options.rules = config.rules;
  if (config.minProseShare !== undefined) options.minProseShare = config.minProseShare;
  if (config.maxRemovalShare !== undefined) options.maxRemovalShare = config.maxRemovalShare;
  if (config.dictionaries) options.dictionaries = config.dictionaries;
  return options as CleanOptions;
}
