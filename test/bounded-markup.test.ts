/**
 * Inputs that made a parser or a writer do quadratic work give the same
 * article they always meant, in bounded work: paragraphs with hundreds of
 * emphasis markers or brackets are read with those as literal text (a
 * `literal-markup` warning), and long lists are written in one pass. Speed
 * itself is measured in bench/worst-case.ts, not here.
 */
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { MAX_MARKERS } from '../src/input.js';

const reparse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown);

describe('paragraphs with more markers than any article has', () => {
  const title = '# Markers\n\nA normal paragraph with *real* emphasis and a [link](https://example.com).\n\n';

  it('emphasis runs are read as literal text, with a warning naming the line', async () => {
    const run = '**a**_b_'.repeat(200);
    const result = await clean(`${title}${run}\n`, { format: 'markdown' });
    const tree = reparse(result.markdown);
    expect(toString(tree.children[2]!)).toBe(run);
    expect(result.markdown).toContain('A normal paragraph with _real_ emphasis and a [link](https://example.com).');
    const warning = result.messages.find((m) => m.ruleId === 'literal-markup')!;
    expect(warning.fatal).toBe(false);
    expect(warning.reason).toContain('line 5');
    const again = await clean(result.markdown, { format: 'markdown' });
    expect(again.markdown).toBe(result.markdown);
  });

  it('`[a](` runs too, and the text keeps every bracket', async () => {
    const run = '[a]('.repeat(400);
    const result = await clean(`${title}${run}\n`, { format: 'markdown' });
    expect(toString(reparse(result.markdown).children[2]!)).toBe(run);
    expect(result.messages.map((m) => m.ruleId)).toContain('literal-markup');
  });

  it('code, link text and positions in such a paragraph are the input’s own', async () => {
    const run = `${'*x* '.repeat(MAX_MARKERS)}and \`a*b_c\` then [text](https://example.com/a_b) end`;
    const result = await clean(`${title}${run}\n`, { format: 'markdown' });
    expect(result.markdown).toContain('`a*b_c`');
    expect(result.markdown).not.toMatch(/[\ue000-\uf8ff]/);
    expect(result.html).not.toMatch(/[\ue000-\uf8ff]/);
  });

  it(`up to ${MAX_MARKERS} markers a paragraph is parsed as Markdown`, async () => {
    const run = '*x* '.repeat(MAX_MARKERS / 2).trim();
    const result = await clean(`${title}${run}\n`, { format: 'markdown' });
    expect(result.html).toContain('<em>x</em>');
    expect(result.messages.map((m) => m.ruleId)).not.toContain('literal-markup');
  });

  it('escaped markers do not count, and stay escaped', async () => {
    const run = '\\*'.repeat(MAX_MARKERS * 2);
    const result = await clean(`${title}${run}\n`, { format: 'markdown' });
    expect(result.messages.map((m) => m.ruleId)).not.toContain('literal-markup');
    expect(toString(reparse(result.markdown).children[2]!)).toBe('*'.repeat(MAX_MARKERS * 2));
  });
});

describe('long lists', () => {
  it('20,000 items are all written, in both outputs', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `- listed item number ${i}`);
    const result = await clean(`# A long list\n\n${items.join('\n')}\n`, { format: 'markdown' });
    expect(result.markdown.split('\n').filter((l) => l.startsWith('- listed item number')).length).toBe(20_000);
    expect(result.html.match(/<li>listed item number \d+<\/li>/g)?.length).toBe(20_000);
  }, 120_000);

  it('a list is loose for every item when one item is: the writer decides once per list, as before', async () => {
    const tight = await clean('# Lists\n\n- one\n- two\n- three\n', { format: 'markdown' });
    expect(tight.html).toContain('<li>one</li>');
    const loose = await clean('# Lists\n\n- one\n- two\n\n  more about two\n- three\n', { format: 'markdown' });
    expect(loose.html).toContain('<li>\n<p>one</p>\n</li>');
    expect(loose.html).toContain('<li>\n<p>three</p>\n</li>');
  });
});
