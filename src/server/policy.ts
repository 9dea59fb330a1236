/**
 * The server's policy is the ceiling: options sent with a request may make
 * checks stricter, never looser. Compared are the clean options the server
 * would use and those the request would produce (both as `clean()` options,
 * so a rule switched off by id, by plugin name or by switching its plugin off
 * all count the same):
 *
 * - a rule that can flag (a warning, or an error) under the server's policy
 *   may not be lowered: not switched off, not made `info`, an error not made a
 *   warning; its plugin may not be switched off;
 * - the options of a plugin that raises flags (`fix-entities` reports
 *   suggest-mode entries as warnings, `flag-entities`) stay the server's;
 * - the prose guard may be made stricter, not looser: `minProseShare` raised,
 *   `maxRemovalShare` lowered (top-level or in a removing plugin's options);
 * - `block` lists are joined, so a request can add to the server's, never
 *   take away.
 *
 * Anything else (raising a severity, switching off a rule or plugin that
 * only makes changes) is the caller's to choose. A request that tries to
 * loosen the policy is refused (403 `POLICY_OVERRIDE`) and told which settings.
 */
import { PLUGIN_KEYS } from '../config.js';
import type { CleanOptions } from '../pipeline.js';
import { RULES } from '../rules.js';

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(readonly problems: string[]) {
    super(`The request may not loosen the server's policy: ${problems.join('; ')}`);
  }
}

type Level = 'off' | 'info' | 'warning' | 'error';
const RANK: Record<Level, number> = { off: 0, info: 1, warning: 2, error: 3 };

/** Plugins whose rules can report warnings of their own (fix-entities: entries in suggest mode). */
const FLAGGING_PLUGINS = new Set(['fix-entities', 'flag-entities']);
/** Plugins that remove text under the prose guard, by their key in `clean()` options. */
const GUARDED_PLUGINS = ['articleStructure', 'stripBoilerplate', 'dedupeLead'] as const;
/** The guard's settings, which way is stricter, and their defaults (src/removal.ts). */
const GUARD_SETTINGS = [
  { name: 'minProseShare', stricter: 'higher', fallback: 0.5 },
  { name: 'maxRemovalShare', stricter: 'lower', fallback: 0.15 },
] as const;

/** The strongest severity a rule can report under these options. */
function levelOf(ruleId: string, options: CleanOptions): Level {
  const plugin = RULES[ruleId]?.plugin ?? '';
  const key = PLUGIN_KEYS[plugin];
  if (key && options[key] === false) return 'off';
  const setting = options.rules?.[ruleId] ?? options.rules?.[plugin];
  if (setting) return setting;
  return RULES[ruleId]?.severity === 'warning' || FLAGGING_PLUGINS.has(plugin) ? 'warning' : 'info';
}

/** A guard setting as one plugin sees it: its own option, else the top-level one, else the default. */
function guardValue(key: (typeof GUARDED_PLUGINS)[number], setting: (typeof GUARD_SETTINGS)[number], options: CleanOptions): number {
  const own = options[key] as Record<string, unknown> | false | undefined;
  const value = (own ? own[setting.name] : undefined) ?? options[setting.name];
  return typeof value === 'number' ? value : setting.fallback;
}

const pluginName = (key: string) => Object.keys(PLUGIN_KEYS).find((name) => PLUGIN_KEYS[name] === key) ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** What in `requested` loosens `server`; empty when nothing does. */
export function loosenings(server: CleanOptions, requested: CleanOptions): string[] {
  const problems: string[] = [];
  for (const ruleId of Object.keys(RULES)) {
    const ceiling = levelOf(ruleId, server);
    if (RANK[ceiling] < RANK.warning) continue;
    const asked = levelOf(ruleId, requested);
    if (RANK[asked] < RANK[ceiling]) problems.push(`${ruleId} is ${ceiling} on this server (the request makes it ${asked})`);
  }
  for (const plugin of FLAGGING_PLUGINS) {
    const key = PLUGIN_KEYS[plugin]!;
    const asked = requested[key];
    if (asked !== false && !same(asked, server[key])) problems.push(`the options of ${plugin} are set by the server`);
  }
  // The guard acts through the removing plugins: judged per plugin, so a top-level value is named where it bites.
  for (const key of GUARDED_PLUGINS) {
    if (requested[key] === false) continue;
    for (const setting of GUARD_SETTINGS) {
      const ceiling = guardValue(key, setting, server);
      const asked = guardValue(key, setting, requested);
      const looser = setting.stricter === 'higher' ? asked < ceiling : asked > ceiling;
      if (looser) problems.push(`${setting.name} for ${pluginName(key)} may not go ${setting.stricter === 'higher' ? 'below' : 'above'} the server's ${ceiling}`);
    }
  }
  return problems;
}

/** Throws `PolicyError` when `requested` loosens `server`. */
export function enforcePolicy(server: CleanOptions, requested: CleanOptions): void {
  const problems = loosenings(server, requested);
  if (problems.length) throw new PolicyError(problems);
}
