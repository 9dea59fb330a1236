/**
 * The shortcuts that keep the cleaning plugins' cost per node low must change
 * nothing: a block passed over is one no rule would have touched. These tests
 * put the one block that matters deep inside long runs of blocks that do not,
 * and check each cheap test against the full one it stands in front of.
 */
import fc from 'fast-check';
import type { Paragraph, Root, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { anyOf } from '../src/article/patterns.js';
import { mayHaveWords, shapeOf } from '../src/article/shape.js';
import { LIST_MARKERS, FURNITURE, ATTRIBUTION, FURNITURE_SHAPES } from '../src/knowledge/boilerplate.js';
import { longerThan, proseLength } from '../src/removal.js';
import { collectBlocks, collectBlocksAgain } from '../src/entities/text.js';
import { sanitizeMarkup } from '../src/sanitize.js';

/** Where `needle` stands in `text`, as a message place says it (1-based line and column). */
function placeOf(text: string, needle: string) {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, offset };
}

describe('long runs of blocks with nothing to do', () => {
  it('a name deep in a 2,000-item list is still fixed, at its place', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => (i === 1499 ? '- Huang Renxun toured a plant run by Microsoft Corporation' : `- row ${i + 1} of the register`));
    const input = `# A register of visits\n\n${items.join('\n')}\n`;
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).toContain('- Jensen Huang toured a plant run by Microsoft\n');
    const person = result.messages.find((m) => m.ruleId === 'person-name')!;
    expect(person.actual).toBe('Huang Renxun');
    expect(person.place).toMatchObject({ start: placeOf(input, 'Huang Renxun') });
    const legal = result.messages.find((m) => m.ruleId === 'legal-suffix')!;
    expect(legal.actual).toBe('Microsoft Corporation');
    expect(legal.place).toMatchObject({ start: placeOf(input, 'Microsoft Corporation') });
    // Everything else stays as written: the other 1,999 items are in the output as they were.
    expect(result.markdown.split('\n').filter((l) => /^- row \d+ of the register$/.test(l))).toHaveLength(1999);
  });

  it('a broken ticker and a legal name no list holds, far down a run of short paragraphs, are repaired', async () => {
    const paragraphs = Array.from({ length: 1500 }, (_, i) => `Line ${i + 1} of the filing.`);
    paragraphs[1200] = 'Shenzhen Kaifa Technology Co., Ltd. (000021. SZ) shares rose on Monday.';
    const input = `# Filing notes\n\n${paragraphs.join('\n\n')}\n`;
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).toContain('Shenzhen Kaifa Technology (000021.SZ) shares rose on Monday.');
    const notation = result.messages.find((m) => m.ruleId === 'ticker-notation')!;
    expect(input).toContain(notation.actual);
    expect(notation.place).toMatchObject({ start: placeOf(input, notation.actual!) });
    const legal = result.messages.find((m) => m.ruleId === 'legal-suffix')!;
    expect(legal.actual).toBe('Shenzhen Kaifa Technology Co., Ltd.');
    expect(legal.place).toMatchObject({ start: placeOf(input, 'Shenzhen Kaifa Technology Co., Ltd.') });
  });

  it('a related-headlines marker after a long run of short lines still takes its headlines, and nothing else', async () => {
    const paragraphs = Array.from({ length: 1200 }, (_, i) => `Entry ${i + 1} in the log.`);
    const input = `# Port log\n\n${paragraphs.join('\n\n')}\n\nRelated News\n\n- [Shipping rates climb again](/n/1)\n- [Port volumes at a record](/n/2)\n`;
    const result = await clean(input, { format: 'markdown' });
    expect(result.messages.filter((m) => m.ruleId === 'related-block').map((m) => m.actual)).toEqual([
      'Related News',
      '- [Shipping rates climb again](/n/1)\n- [Port volumes at a record](/n/2)',
    ]);
    expect(result.markdown.split('\n\n')).toHaveLength(1201);
  });
});

describe('cheap tests stand for the full ones', () => {
  const builtIn = [...LIST_MARKERS, ...FURNITURE, ...ATTRIBUTION, ...FURNITURE_SHAPES.map((f) => f.pattern)];
  const lines = ['Related News', 'Share to: WeChat | Weibo', 'Source: the company', 'By Jo Lee', '(Photo: the port authority)', 'Markets //', '12/25 11:09', 'Paragraph 4 of the filing.', '', 'RECOMMEND', 'related'];

  it('anyOf answers as testing each pattern, for any set of flags, stateful ones included', () => {
    const patterns = [...builtIn, /wechat/g, /(a)\1/, /(?<w>port)/i, /^by /y];
    const any = anyOf(patterns);
    for (const text of lines) {
      // Stateful patterns advance lastIndex: compare with fresh copies, tested the way the plugins did.
      const expected = patterns.map((re) => new RegExp(re.source, re.flags)).some((re) => re.test(text));
      patterns.forEach((re) => (re.lastIndex = 0));
      expect(any(text), text).toBe(expected);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const fresh = builtIn.some((re) => re.test(text));
        return anyOf(builtIn)(text) === fresh;
      }),
    );
  });

  const word = fc.oneof(fc.constantFrom('the', 'rose', '4.5', '1,200', "company's", 'year-on-year', '宁德时代', '小米', 'Ünïcödé', 'Москва', '—', '(HK)', 'a.b.c'), fc.string({ maxLength: 6 }));
  const paragraphOf = (texts: string[]): Paragraph => ({
    type: 'paragraph',
    children: texts.map((value, i) => (i % 3 === 2 ? { type: 'inlineCode' as const, value } : { type: 'text' as const, value })),
  });

  it('mayHaveWords never says no to a block of that many words', () => {
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 20 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 20 }), (texts, n) => {
        const node = paragraphOf(texts);
        return shapeOf(node).words < n || mayHaveWords(node, n);
      }),
      { numRuns: 500 },
    );
  });

  it('longerThan is proseLength(node) > limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 200 }), (texts, limit) => {
        const node = paragraphOf(texts);
        return longerThan(node, limit) === proseLength(node) > limit;
      }),
    );
  });
});

describe('work shared between the rules', () => {
  it('the blocks of an unchanged tree are the same blocks again; a changed or moved one is made anew', () => {
    const tree = fromMarkdown('# Title\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.\n');
    const first = collectBlocks(tree);
    expect(collectBlocksAgain(tree, first)).toBe(first);
    // A rule edits one text node: that block only is new, with the new text.
    const last = (tree.children[3] as Paragraph).children[0] as Text;
    last.value = 'Last paragraph, edited.';
    const second = collectBlocksAgain(tree, first);
    expect(second.map((b) => b.text)).toEqual(['Title', 'First paragraph.', 'one', 'two', 'Last paragraph, edited.']);
    expect(second.slice(0, 4).every((b, i) => b === first[i])).toBe(true);
    expect(second[4]).not.toBe(first[4]);
    // A block removed: every block after it stands at another index, so none of them is taken for an old one.
    tree.children.splice(1, 1);
    const third = collectBlocksAgain(tree, second);
    expect(third.map((b) => b.text)).toEqual(['Title', 'one', 'two', 'Last paragraph, edited.']);
    expect(third[1]).not.toBe(second[2]);
  });

  it('a block of several nodes is always made again: its text is not known without making it', () => {
    const tree = fromMarkdown('Plain one.\n\nWith *emphasis* inside.\n');
    const first = collectBlocks(tree);
    const again = collectBlocksAgain(tree, first);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).not.toBe(first[1]);
    expect(again[1]!.text).toBe('With emphasis inside.');
  });

  it('a block the first entity rule changed is seen changed by the next, deep in a long list of unchanged items', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => (i === 2100 ? '- Huang Renxun said Meituan would hand riders its AI assistant Zhongjin Gold next month' : `- entry ${i} of the list`));
    const input = `# Notes on Meituan\n\n${items.join('\n')}\n`;
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).toContain('- Jensen Huang said Meituan would hand riders its AI assistant Zhongjin Gold next month\n');
    const flag = result.messages.find((m) => m.ruleId === 'suspicious-product-name')!;
    expect(flag.actual).toBe('its AI assistant Zhongjin Gold');
    expect(flag.place).toMatchObject({ start: placeOf(input, 'its AI assistant Zhongjin Gold') });
  });

  it('a source with no `<` and no `[` needs no sanitizing walk; a tree not read from its file is walked whatever the file says', async () => {
    const clear = await clean('# Links\n\nSee www.example.com or write to desk@example.com for the filing.\n', { format: 'markdown' });
    expect(clear.messages.filter((m) => /^unsafe-/.test(m.ruleId ?? ''))).toEqual([]);
    expect(clear.html).toContain('<a href="http://www.example.com">');
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'click' }] }] }] };
    const file = new VFile({ value: 'no markup in this text' });
    sanitizeMarkup()(tree, file);
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unsafe-url']);
    expect(tree.children[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', value: 'click' }] });
  });
});
