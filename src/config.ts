/**
 * Configuration, found the way users of remark, eslint and prettier expect:
 * `.copydeskrc` (JSON or YAML), `.copydeskrc.json`, `.copydeskrc.yaml`/`.yml`,
 * `copydesk.config.js`/`.mjs`, or a `"copydesk"` field in package.json, from
 * the working folder upwards; or one named with `--config`. A bad config is a
 * `ConfigError` naming the file and the problem, before any article is touched.
 */
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { lilconfig, type LilconfigResult, type Loader } from 'lilconfig';
import { parse as parseYaml } from 'yaml';
import type { CleanOptions } from './pipeline.js';
import { DictionaryError, loadDictionaries } from './entities/dictionary.js';

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
  /** Rule ids whose warnings block a publish (verdict `reject`) rather than hold it for review. */
  block?: string[];
  /** Settings of `copydesk serve` (validated by the server). */
  server?: Record<string, unknown>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: { type: 'object', additionalProperties: { enum: ['off', 'info', 'warning', 'error'] } },
    plugins: {
      type: 'object',
      propertyNames: { enum: ['strip-boilerplate', 'dedupe-lead', 'fix-entities', 'flag-entities'] },
      additionalProperties: { anyOf: [{ const: false }, { type: 'object' }] },
    },
    dictionaries: { type: 'array', items: { type: 'string', minLength: 1 } },
    minProseShare: { type: 'number', minimum: 0, maximum: 1 },
    block: { type: 'array', items: { type: 'string' } },
    server: { type: 'object' },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile<CopydeskConfig>(schema);

const yamlLoader: Loader = (filepath, content) => {
  try {
    return parseYaml(content);
  } catch (error) {
    throw new ConfigError(`${filepath}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
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
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map(describe).join('; ');
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

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(top level)';
  if (error.keyword === 'additionalProperties') return `${where}: unknown setting "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'propertyNames') return `${where}: unknown plugin "${String(error.params.propertyName)}"`;
  return `${where}: ${error.message ?? 'invalid'}`;
}

/** Config plugin names → their key in `clean()` options. */
export const PLUGIN_KEYS: Record<string, keyof CleanOptions> = {
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
  if (config.dictionaries) options.dictionaries = config.dictionaries;
  return options as CleanOptions;
}
