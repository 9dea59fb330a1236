/**
 * User dictionaries: the format (prh-compatible, plus modes, context,
 * precedence), schema errors with file and line, specs checked on load, and
 * the dictionaries at work in clean().
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaces } from './helpers/workspace.js';
import { clean } from '../src/index.js';
import { applyEntry, compileDictionary, DictionaryError, loadDictionary, type Dictionary } from '../src/entities/dictionary.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'dictionaries');
const file = (name: string) => join(dir, name);

function loadError(name: string): DictionaryError {
  try {
    loadDictionary(file(name));
  } catch (error) {
    if (error instanceof DictionaryError) return error;
    throw error;
  }
  throw new Error(`${name} loaded without an error`);
}

describe('loading', () => {
  it('reads YAML, checks the specs and keeps the modes', () => {
    const entries = loadDictionary(file('newsroom.yaml'));
    expect(entries.map((e) => [e.rule, e.mode])).toEqual([
      ['person-name', 'fix'],
      ['dictionary', 'off'],
      ['jargon', 'suggest'],
      ['jargon', 'fix'],
      ['dictionary', 'fix'],
    ]);
  });

  it('reads prh dictionaries: pattern, /regex/, $1, prh notes, options.wordBoundary', () => {
    const entries = loadDictionary(file('prh-style.yml'));
    expect(entries[0]!.note).toBe('Spell the language as its owners do');
    expect(applyEntry(entries[1]!, 'The Hang Seng index rose')).toBe('The Hang Seng Index rose');
    expect(applyEntry(entries[2]!, 'Kerry Hldgs rose')).toBe('Kerry Holdings rose');
  });

  it('names the file, the line and the problem of a bad entry', () => {
    expect(loadError('bad-field.yaml').message).toBe(`${file('bad-field.yaml')}:5: rules[1]: unknown field "patern"`);
    expect(loadError('bad-mode.yaml').message).toBe(`${file('bad-mode.yaml')}:4: rules[0].mode: must be one of fix, suggest, off`);
    expect(loadError('bad-spec.yaml').message).toBe(`${file('bad-spec.yaml')}:5: rules[1]: spec "Liu Qiangdong spoke" gives "Richard Liu spoke", expected "Richard Liu spoke."`);
    expect(loadError('bad-regex.yaml').message).toMatch(/bad-regex\.yaml:2: rules\[0\]: bad regular expression/);
    expect(loadError('bad.json')).toMatchObject({ line: 4 });
    expect(() => loadDictionary(file('missing.yaml'))).toThrow(/missing\.yaml: cannot read \(ENOENT\)/);
  });

  it('applies Unicode word boundaries: "Cafe Holdingsé" is another word', () => {
    const [, , , , cafe] = loadDictionary(file('newsroom.yaml'));
    expect(applyEntry(cafe!, 'Cafe Holdings rose; Cafe Holdingsé did not.')).toBe('Café Holdings rose; Cafe Holdingsé did not.');
  });

  const folder = workspaces();

  it('loads 50,000 entries quickly', () => {
    const path = join(folder(), 'large.yaml');
    let text = 'rules:\n';
    for (let i = 0; i < 50_000; i++) text += `  - expected: Company ${i}\n    patterns: [Compny ${i}, Co ${i} Ltd]\n`;
    writeFileSync(path, text);
    const t0 = performance.now();
    expect(loadDictionary(path)).toHaveLength(50_000);
    expect(performance.now() - t0).toBeLessThan(5000); // ~0.4 s of CPU; the bench measures it properly
  });
});

describe('in clean()', () => {
  const article = '# Tencent results\n\nMa Huateng said TENCENT would list more games on the stock exchange. Huang Renxun attended.\n';

  it('overrides the knowledge base, suggests without changing, and leaves "off" entries alone', async () => {
    const result = await clean(article, { dictionaries: [file('newsroom.yaml')] });
    expect(result.markdown).toBe('# Tencent results\n\nPony Ma said TENCENT would list more games on the stock exchange. Jensen Huang attended.\n');
    const suggestion = result.messages.find((m) => m.ruleId === 'jargon')!;
    expect(suggestion).toMatchObject({ actual: 'stock exchange', expected: ['bourse'], fatal: false });
  });

  it('lets a later dictionary win over an earlier one', async () => {
    const result = await clean(article, { dictionaries: [file('newsroom.yaml'), file('later-wins.json')] });
    expect(result.markdown).toContain('Pony Ma Huateng said');
  });

  it('takes dictionary data as well as files', async () => {
    const data: Dictionary = { rules: [{ expected: 'the Hong Kong bourse', patterns: ['the stock exchange'] }] };
    const result = await clean(article, { dictionaries: [data] });
    expect(result.markdown).toContain('games on the Hong Kong bourse.');
    expect(result.messages.find((m) => m.ruleId === 'dictionary')).toMatchObject({ actual: 'the stock exchange', fatal: null });
  });

  it('takes a verb phrase with its object inside: the tail, and the verb before it', async () => {
    const entries = loadDictionary(file('lead-phrases.yaml'));
    expect(applyEntry(entries[0]!, 'The desk puts two stories into the review queue.')).toBe('The desk places two stories under review.');
    const result = await clean('# Filings\n\nThe exchange sent the bond prospectus into the review queue on Monday.\n', { dictionaries: [file('lead-phrases.yaml')] });
    expect(result.markdown).toContain('The exchange placed the bond prospectus under review on Monday.');
    expect(result.messages.find((m) => m.ruleId === 'jargon')).toMatchObject({ actual: 'sent the bond prospectus into the review queue', expected: ['placed the bond prospectus under review'] });
    const both: Dictionary = { rules: [{ expected: 'x', patterns: ['into the queue'], lead: { verbs: ['put'] }, context: { before: 'put\\s+$' } }] };
    expect(() => compileDictionary(both, 'both.yaml')).toThrow(/a lead is the entry's context.before/);
  });

  it('fails before cleaning when a dictionary is bad', async () => {
    await expect(clean(article, { dictionaries: [file('bad-mode.yaml')] })).rejects.toThrow(DictionaryError);
  });
});

describe('in a configuration', () => {
  it('is checked when the configuration is read, so a bad dictionary stops the run before any article', async () => {
    const { validateConfig, ConfigError } = await import('../src/config.js');
    expect(() => validateConfig({ dictionaries: ['bad-mode.yaml'] }, join(dir, '.copydeskrc'))).toThrow(ConfigError);
    expect(() => validateConfig({ dictionaries: ['bad-mode.yaml'] }, join(dir, '.copydeskrc'))).toThrow(/bad-mode\.yaml:4: rules\[0\]\.mode/);
    expect(validateConfig({ dictionaries: ['newsroom.yaml'] }, join(dir, '.copydeskrc')).dictionaries).toEqual([file('newsroom.yaml')]);
  });
});
