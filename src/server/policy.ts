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
 * - the prose guard's floor (`minProseShare`, top-level or per plugin) may be
 *   raised, not lowered;
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
/** Plugins that remove text, under the prose guard. */
const GUARDED_PLUGINS = ['strip-boilerplate', 'dedupe-lead'];
const DEFAULT_MIN_PROSE_SHARE = 0.5;

/** The strongest severity a rule can report under these options. */
function levelOf(ruleId: string, options: CleanOptions): Level {
  const plugin = RULES[ruleId]?.plugin ?? '';
  const key = PLUGIN_KEYS[plugin];
  if (key && options[key] === false) return 'off';
  const setting = options.rules?.[ruleId] ?? options.rules?.[plugin];
  if (setting) return setting;
  return RULES[ruleId]?.severity === 'warning' || FLAGGING_PLUGINS.has(plugin) ? 'warning' : 'info';
}

function proseFloor(plugin: string, options: CleanOptions): number {
  const own = options[PLUGIN_KEYS[plugin]!] as { minProseShare?: number } | false | undefined;
  return (own ? own.minProseShare : undefined) ?? options.minProseShare ?? DEFAULT_MIN_PROSE_SHARE;
}

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
  for (const plugin of GUARDED_PLUGINS) {
    if (requested[PLUGIN_KEYS[plugin]!] === false) continue;
    const floor = proseFloor(plugin, server);
    // The floor only acts through the removing plugins: judged per plugin, so a lower top-level value is named where it bites.
    if (proseFloor(plugin, requested) < floor) problems.push(`minProseShare for ${plugin} may not go below the server's ${floor}`);
  }
  return problems;
}

/** Throws `PolicyError` when `requested` loosens `server`. */
export function enforcePolicy(server: CleanOptions, requested: CleanOptions): void {
  const problems = loosenings(server, requested);
  if (problems.length) throw new PolicyError(problems);
}
