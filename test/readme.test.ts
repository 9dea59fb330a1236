/** The README stays true: every rule id is documented, and its first command names a real file. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules.js';
import * as dedupe from '../plugins/dedupe-lead.js';
import * as strip from '../plugins/strip-boilerplate.js';
import * as fix from '../plugins/fix-entities.js';
import * as flag from '../plugins/flag-entities.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every rule id in its rule table', () => {
    for (const id of Object.keys(RULES)) expect(readme, id).toContain(`| \`${id}\` |`);
  });

  it('registers every rule a plugin declares', () => {
    for (const id of [...dedupe.RULES, ...strip.RULES, ...fix.RULES, ...flag.RULES]) expect(RULES[id]?.plugin, id).toBeDefined();
  });

  it('opens with the set-up command on a bundled example, and the test command', () => {
    const commands = readme.split('\n').slice(2, 5).join('\n');
    const example = /npx copydesk clean (\S+)/.exec(commands)?.[1];
    expect(example && existsSync(join(root, example))).toBe(true);
    expect(commands).toContain('npm test');
  });
});
