/** Config validation names the file, the key and the nearest valid name; the lists come from the rule table and the plugins. */
import { describe, expect, it } from 'vitest';
import { ConfigError, PLUGIN_OPTIONS, ruleNames, suggest, validateConfig } from '../src/config.js';
import { RULES } from '../src/rules.js';

const problem = (raw: unknown) => {
  try {
    validateConfig(raw, 'newsroom/.copydeskrc.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('config keys', () => {
  it('every rule id of the rule table, and every plugin name, may be set', () => {
    const rules = Object.fromEntries(ruleNames().map((name) => [name, 'warning']));
    expect(() => validateConfig({ rules, block: Object.keys(RULES) })).not.toThrow();
    for (const id of Object.keys(RULES)) expect(ruleNames()).toContain(id);
  });

  it('every plugin option listed may be set, and nothing else', () => {
    for (const [plugin, keys] of Object.entries(PLUGIN_OPTIONS)) {
      expect(() => validateConfig({ plugins: { [plugin]: Object.fromEntries(keys.map((k) => [k, 1])) } })).not.toThrow();
      expect(problem({ plugins: { [plugin]: { notAnOption: 1 } } })).toContain(`/plugins/${plugin}: unknown option "notAnOption"`);
    }
  });

  it('names the file, the key and the nearest name', () => {
    expect(problem({ rules: { 'related-blok': 'off' } })).toBe('newsroom/.copydeskrc.yaml: /rules: unknown rule "related-blok" (did you mean "related-block"?)');
    expect(problem({ plugins: { 'dedupe-lead': { leadWindw: 3 } } })).toContain('unknown option "leadWindw" (did you mean "leadWindow"?)');
    expect(problem({ plugins: { 'fix-entity': {} } })).toContain('unknown plugin "fix-entity" (did you mean "fix-entities"?)');
    expect(problem({ dictionary: ['x.yaml'] })).toContain('(top level): unknown setting "dictionary" (did you mean "dictionaries"?)');
    expect(problem({ block: ['tiker-mismatch'] })).toContain('/block/0: unknown rule "tiker-mismatch" (did you mean "ticker-mismatch"?)');
  });

  it('several mistakes are told at once', () => {
    const text = problem({ rulez: {}, rules: { 'jargn': 'off' } });
    expect(text).toContain('"rulez" (did you mean "rules"?)');
    expect(text).toContain('"jargn" (did you mean "jargon"?)');
  });

  it('suggests only what is close; otherwise lists the valid names', () => {
    expect(suggest('leadWindw', ['leadWindow', 'leadOverlap'])).toBe(' (did you mean "leadWindow"?)');
    expect(suggest('colour', ['rules', 'plugins', 'block'])).toBe(' (valid: rules, plugins, block)');
    // a trap: a short key is not "near" every short name
    expect(suggest('x', ['dek', 'jargon'])).toMatch(/^ \(valid: /);
  });

  it('a wrong value is still told as before', () => {
    expect(problem({ rules: { 'related-block': 'loud' } })).toContain('/rules/related-block: must be one of off, info, warning, error');
    expect(problem({ minProseShare: 2 })).toContain('/minProseShare: must be <= 1');
  });
});
