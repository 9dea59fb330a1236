/** The public API: plugins alone in anyone's pipeline, the preset, the guard, control comments, config. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { clean, copydeskPreset, dedupeLead, stripBoilerplate } from '../src/index.js';
import { ConfigError, cleanOptionsFromConfig, loadConfig } from '../src/config.js';
import { workspaces } from './helpers/workspace.js';

const article = [
  '# Ferris Cement lifts its dividend',
  '',
  'Ferris Cement raised its final dividend by 10% after a year of higher prices and lower fuel costs across its kilns.',
  '',
  'Ferris Cement raised its final dividend by 10% after a year of higher prices and lower fuel costs across its kilns.',
  '',
  'Volumes were flat, the company said, as housing starts stayed weak in its main markets.',
  '',
  'Related Articles',
  '',
  '- [Builders slow new projects](/a/1)',
  '',
].join('\n');

describe('plugins in a plain remark pipeline', () => {
  it('strip-boilerplate works alone', async () => {
    const file = await unified().use(remarkParse).use(stripBoilerplate).use(remarkStringify).process(article);
    expect(String(file)).not.toContain('Related Articles');
    expect(String(file).match(/Ferris Cement raised/g)).toHaveLength(2);
    expect(file.messages.map((m) => m.ruleId)).toEqual(['related-block', 'related-block']);
  });

  it('dedupe-lead works alone and names the kept copy as the cause', async () => {
    const file = await unified().use(remarkParse).use(dedupeLead).use(remarkStringify).process(article);
    expect(String(file).match(/Ferris Cement raised/g)).toHaveLength(1);
    const [message] = file.messages;
    expect(message).toMatchObject({ ruleId: 'duplicate-paragraph', line: 5, source: 'copydesk' });
    expect((message!.cause as { line: number }).line).toBe(3);
  });

  it('the preset brings both', async () => {
    const file = await unified().use(remarkParse).use(copydeskPreset()).use(remarkStringify).process(article);
    expect(file.messages.map((m) => m.ruleId).sort()).toEqual(['duplicate-paragraph', 'related-block', 'related-block']);
  });
});

describe('the prose guard', () => {
  const doubled = 'A plain title\n' + ['First point made here with several words in it.', 'Second point made here with several other words.'].join('\n');
  it('holds back removals that would leave too little prose, and says why', async () => {
    const input = `${doubled}\n${doubled.split('\n').slice(1).join('\n')}`;
    const strict = await clean(input, { format: 'text', minProseShare: 0.7 });
    expect(strict.markdown.match(/First point/g)).toHaveLength(2);
    const warning = strict.messages.find((m) => m.ruleId === 'prose-guard');
    expect(warning?.fatal).toBe(false);
    expect(warning?.reason).toMatch(/would be left \(the floor is 70%\)/);
    expect(warning?.actual).toContain('First point');

    const lenient = await clean(input, { format: 'text' });
    expect(lenient.markdown.match(/First point/g)).toHaveLength(1);
  });

  it('does not hold back marked boilerplate blocks', async () => {
    const input = 'Short title\nOne line of news.\nRelated News\n' + Array.from({ length: 8 }, (_, i) => `Other headline number ${i} about markets`).join('\n');
    const result = await clean(input, { format: 'text', minProseShare: 0.9 });
    expect(result.markdown).toBe('# Short title\n\nOne line of news.\n');
  });
});

describe('control comments', () => {
  it('disable … enable switches a rule off for a passage', async () => {
    const md = [
      '# Title of a story',
      '<!-- copydesk disable strip-boilerplate -->',
      'Listen to the news',
      '<!-- copydesk enable strip-boilerplate -->',
      'Listen to the news',
    ].join('\n\n');
    const { markdown } = await clean(md, { format: 'markdown' });
    expect(markdown.match(/Listen to the news/g)).toHaveLength(1);
  });

  it('a rule id works as well as a plugin name; no name means every rule', async () => {
    const md = ['# T', '<!-- copydesk ignore page-furniture -->', 'Listen to the news', '<!-- copydesk ignore -->', 'Write a comment', 'Write a comment'].join('\n\n');
    const { markdown } = await clean(md, { format: 'markdown' });
    expect(markdown).toContain('Listen to the news');
    expect(markdown.match(/Write a comment/g)).toHaveLength(1);
  });
});

describe('configuration', () => {
  const folder = workspaces();
  const dir = folder();

  it('is found in .copydeskrc.yaml and turns rules off or changes severities', async () => {
    writeFileSync(join(dir, '.copydeskrc.yaml'), 'rules:\n  page-furniture: "off"\n  duplicate-paragraph: warning\nminProseShare: 0.4\n');
    const { config, filepath } = await loadConfig({ cwd: dir });
    expect(filepath).toBe(join(dir, '.copydeskrc.yaml'));
    const options = cleanOptionsFromConfig(config);
    const result = await clean('T\nListen to the news\nSame words in a line of text here.\nSame words in a line of text here.', { ...options, format: 'text' });
    expect(result.markdown).toContain('Listen to the news');
    expect(result.messages.find((m) => m.ruleId === 'duplicate-paragraph')?.fatal).toBe(false);
  });

  it('a bad config is a ConfigError naming the file and the problem', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'page-furniture': 'loud' }, colour: 'red' }));
    await expect(loadConfig({ configPath: bad })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ configPath: bad })).rejects.toThrow(/bad\.json: .*unknown setting "colour".*\/rules\/page-furniture: must be one of off, info, warning, error/);
  });

  it('a missing --config file is a ConfigError', async () => {
    await expect(loadConfig({ configPath: join(dir, 'missing.yaml') })).rejects.toThrow(/missing\.yaml: no such file/);
  });

  it('is read from the "copydesk" field of package.json', async () => {
    const sub = folder();
    writeFileSync(join(sub, 'package.json'), JSON.stringify({ name: 'x', copydesk: { minProseShare: 0.3 } }));
    expect((await loadConfig({ cwd: sub })).config).toEqual({ minProseShare: 0.3 });
  });
});
