/**
 * fix-entities and flag-entities as plugins: each usable alone in a remark
 * pipeline, switched off or muted like the other plugins, and the examples in
 * their file headers hold (the docs are tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import fixEntities from '../plugins/fix-entities.js';
import flagEntities from '../plugins/flag-entities.js';
import { clean } from '../src/index.js';

async function run(plugin: typeof fixEntities | typeof flagEntities, markdown: string, options = {}) {
  const file = new VFile({ value: markdown });
  const processor = unified().use(remarkParse).use(plugin, options).use(remarkStringify);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { markdown: processor.stringify(tree, file), messages: file.messages };
}

describe('fix-entities alone', () => {
  it('fixes names in a plain remark pipeline, one info message per fix', async () => {
    const { markdown, messages } = await run(fixEntities, 'Microsoft Corporation and Huang Renxun met.\n');
    expect(markdown).toBe('Microsoft and Jensen Huang met.\n');
    expect(messages.map((m) => [m.ruleId, m.actual, m.expected, m.line, m.column, m.fatal])).toEqual([
      ['legal-suffix', 'Microsoft Corporation', ['Microsoft'], 1, 1, null],
      ['person-name', 'Huang Renxun', ['Jensen Huang'], 1, 27, null],
    ]);
  });

  it('leaves ticker notation alone when asked to', async () => {
    const { markdown } = await run(fixEntities, 'Shares of 360 (601360. SH) fell.\n', { tickerNotation: false });
    expect(markdown).toBe('Shares of 360 (601360. SH) fell.\n');
  });

  it('gives every spelling of an unlisted-by-hand company the first one used', async () => {
    const { markdown } = await run(fixEntities, 'Crowdstrike Holdings, Inc. rose. Later, CROWDSTRIKE Holdings Inc. fell.\n');
    expect(markdown).toBe('Crowdstrike rose. Later, Crowdstrike fell.\n');
  });
});

describe('flag-entities alone', () => {
  it('warns without changing the text', async () => {
    const input = 'Meta rolled out a paid tier for its AI chatbot Siasun Robot & Automation.\n';
    const { markdown, messages } = await run(flagEntities, input);
    expect(markdown).toBe(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'suspicious-product-name', fatal: false, actual: 'its AI chatbot Siasun Robot & Automation', expected: ['its AI chatbot', 'Meta AI'] });
  });

  it('does not flag a product named after its own maker, or a company the article is about', async () => {
    const { messages } = await run(
      flagEntities,
      'Microsoft said its AI assistant Copilot gained users. The robot maker Siasun Robot & Automation (300024.SZ) said its robots sold well, and other Siasun Robot & Automation products followed.\n',
    );
    expect(messages).toEqual([]);
  });

  it('runs franc only where letters hint at another language', async () => {
    const { messages } = await run(flagEntities, 'Nestlé and L’Oréal reported results; Société Générale kept its rating on both.\n');
    expect(messages).toEqual([]);
  });
});

describe('in clean()', () => {
  it('is switched off per plugin or per rule', async () => {
    const input = 'Microsoft Corporation hired Huang Renxun.\n';
    expect((await clean(input, { fixEntities: false })).markdown).toBe(input);
    expect((await clean(input, { rules: { 'legal-suffix': 'off' } })).markdown).toBe('Microsoft Corporation hired Jensen Huang.\n');
    expect((await clean(input, { rules: { 'fix-entities': 'off' } })).markdown).toBe(input);
  });

  it('respects control comments for one rule', async () => {
    const input = '<!-- copydesk ignore person-name -->\n\nMicrosoft Corporation hired Huang Renxun.\n';
    expect((await clean(input)).markdown).toBe('<!-- copydesk ignore person-name -->\n\nMicrosoft hired Huang Renxun.\n');
  });
});

describe('the examples in the plugin headers', () => {
  for (const plugin of ['fix-entities', 'flag-entities']) {
    const header = readFileSync(join(import.meta.dirname, '..', 'plugins', `${plugin}.ts`), 'utf8').split('*/')[0]!;
    const examples = [...header.matchAll(/@example\s*\n\s*\*\s+in:\s+"(.*)"(?:\s*\(.*\))?\s*\n\s*\*\s+out:\s+(.*)/g)];
    it(`${plugin} has examples`, () => expect(examples.length).toBeGreaterThan(0));
    for (const [, input, out] of examples) {
      it(`${plugin}: ${input!.slice(0, 50)}…`, async () => {
        const result = await clean(`${input}\n`);
        const quoted = /^"(.*?)"/.exec(out!);
        expect(result.markdown.trim()).toBe(quoted ? quoted[1] : input);
        for (const [, rule, actual] of out!.matchAll(/`([a-z-]+)` on "([^"]+)"/g)) {
          expect(result.messages.some((m) => m.ruleId === rule && m.actual === actual)).toBe(true);
        }
      });
    }
  }
});
