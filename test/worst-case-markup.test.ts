/**
 * The reader for long Markdown documents (src/parse/long-markdown.ts) builds
 * plain paragraphs and one-line list items itself and parses the rest in
 * chunks. Whatever it does, the tree must be the one mdast-util-from-markdown
 * gives for the whole document, positions included: every document here is
 * read both ways and compared node for node. Speed is measured in
 * bench/worst-case.ts, not here.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { fromMarkdown, type Options } from 'mdast-util-from-markdown';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { glob } from 'tinyglobby';
import remarkGfmLean from '../src/gfm.js';
import { parseLongMarkdown, type LongMarkdownStats } from '../src/parse/long-markdown.js';
import { clean } from '../src/index.js';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { markdownOptions } from '../src/pipeline.js';

const gfm = unified().use(remarkGfmLean);
gfm.freeze();
const options: Options = { extensions: gfm.data('micromarkExtensions') ?? [], mdastExtensions: gfm.data('fromMarkdownExtensions') ?? [] };

/** Both readers on one document; the long reader with no length floor, so short documents take its path too. */
function bothWays(doc: string): { expected: Root; actual: Root; stats: LongMarkdownStats } {
  const stats: LongMarkdownStats = { built: 0, chunks: 0, rest: false };
  return { expected: fromMarkdown(doc, options), actual: parseLongMarkdown(doc, { ...options, minLength: 0, stats }), stats };
}

function expectSameTree(doc: string): LongMarkdownStats {
  const { expected, actual, stats } = bothWays(doc);
  expect(actual).toStrictEqual(expected);
  return stats;
}

const WORDS = ['shares', 'rose', 'quarter', 'lender', 'margin', 'Harbour', 'outlook', 'yuan', 'deliveries', 'filing', 'Q3', '2025', 'growth', 'index'];
const word = (i: number) => WORDS[i % WORDS.length]!;
/** `count` one-line items, numbered or bulleted as `marker(i)` gives. */
const items = (count: number, marker: (i: number) => string, text = (i: number) => `${word(i)} ${word(i + 3)} ${i}`) =>
  Array.from({ length: count }, (_, i) => `${marker(i)} ${text(i)}`).join('\n');
const dash = () => '-';
const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `${word(i)} was up ${i}% in the quarter, the filing said.`).join('\n\n');

describe('long runs of plain blocks are built directly, and come out as the parser reads them', () => {
  it('a tight bullet list under a heading', () => {
    const stats = expectSameTree(`# Long list\n\n${items(80, dash)}\n`);
    expect(stats.built).toBe(1);
    expect(stats.rest).toBe(false);
  });

  it('every bullet character, each starting its own list, with and without blank lines between', () => {
    expectSameTree(`${items(40, () => '*')}\n${items(40, () => '+')}\n${items(40, dash)}\n`);
    const stats = expectSameTree(`${items(40, () => '*')}\n\n${items(40, () => '+')}\n\n\n${items(40, dash)}`);
    expect(stats.built).toBe(3);
  });

  it('loose lists: blank lines between items, and blank lines holding spaces', () => {
    expectSameTree(Array.from({ length: 60 }, (_, i) => `- loose item ${i}`).join('\n\n'));
    expectSameTree(Array.from({ length: 60 }, (_, i) => `- item ${i}`).join(blankWithSpaces()));
    const stats = expectSameTree(`${items(30, dash)}\n\n${items(30, dash)}\n`);
    expect(stats.built).toBe(1);
  });

  it('ordered lists with other starts and either delimiter; a new delimiter starts a new list', () => {
    expectSameTree(`${items(50, (i) => `${i + 7}.`)}\n`);
    expectSameTree(`${items(50, (i) => `${i}.`)}\n${items(50, (i) => `${i + 1})`)}\n`);
    expectSameTree(`${items(40, () => '1.')}\n\n${items(40, () => '3.')}\n`);
    expectSameTree(`${items(40, (i) => `${123456789 - i}.`)}\n\n${items(40, dash)}`);
  });

  it('item text that only looks like markup stays text: digits, percentages, dashes inside words', () => {
    const stats = expectSameTree(`${items(60, dash, (i) => (i % 3 ? `${2020 + (i % 6)} results, 3.5% up` : `non-GAAP item-${i} (0${700 + i}.HK)`))}\n`);
    expect(stats.built).toBe(1);
  });

  it('paragraphs and items that start with a curly quote, CJK or another character outside ASCII', () => {
    const starts = ['\u201cWe expect growth,\u201d the lender said', '\u817e\u8baf shares rose', '\u00e9tude of margins', '\ue02a\ue02aa\ue02a\ue02a stand-ins', '\u2014 a dash first', '\ud83d\udcc8 chart first', 'ends in a non-breaking space\u00a0'];
    const stats = expectSameTree(`${Array.from({ length: 48 }, (_, i) => starts[i % starts.length]!).join('\n\n')}\n\n${items(48, dash, (i) => starts[i % starts.length]!)}\n`);
    expect(stats.built).toBe(49);
    // Other white space first: parsed, not built, and the same either way.
    const spaces = ['\u00a0non-breaking space first', '\u3000ideographic space first', '\u2003em space first'];
    expectSameTree(`${paragraphs(40)}\n\n${spaces.join('\n\n')}\n\n${items(40, dash, (i) => spaces[i % 3]!)}\n\n${paragraphs(40)}`);
  });

  it('many paragraphs, one and several lines each, then one that is not plain', () => {
    const multi = Array.from({ length: 40 }, (_, i) => `First line of ${i}\nsecond line ${word(i)}\nthird`).join('\n\n');
    expectSameTree(`${paragraphs(60)}\n\n${multi}\n\nThe *end* of it.\n`);
    const stats = expectSameTree(paragraphs(100));
    expect(stats.chunks).toBe(0);
  });

  it('literal autolinks in built blocks, as GFM finds them', () => {
    const links = (i: number) => ['see www.example.com/a today', 'mail desk@example.org now', 'at https://example.net/x?y=1', 'WWW.EXAMPLE.COM shouted', 'mailto:ir@example.com', `no link ${i}`][i % 6]!;
    expectSameTree(`${items(60, dash, links)}\n\n${Array.from({ length: 40 }, (_, i) => `Paragraph ${links(i)}.`).join('\n\n')}\n`);
  });

  it('the last line: with and without a newline, blank lines or spaces after it', () => {
    for (const end of ['', '\n', '\n\n', '\n\n\n', '\n  ', '\n \n', '\n\t']) {
      expectSameTree(`${items(40, dash)}${end}`);
      expectSameTree(`${paragraphs(40)}${end}`);
      expectSameTree(`${items(40, dash)}\n\n> a quote *to* end${end}`);
    }
  });

  it('one long paragraph between parsed blocks is built too', () => {
    const long = `${'Harbour shares rose again, '.repeat(200)}end`;
    const stats = expectSameTree(`# Heading\n\n${long}\n\n> a quote\n`);
    expect(stats).toEqual({ built: 1, chunks: 2, rest: false });
  });

  it('long first lines after a cut: a long item, a long paragraph, one a fence or comment swallows', () => {
    const longText = `Harbour ${'rose again and '.repeat(40)}closed`;
    expectSameTree(`# Heading\n\n- ${longText}\n${items(40, dash)}\n`);
    expectSameTree(`# Heading\n\n${longText}\n\n${paragraphs(40)}`);
    expectSameTree(`\`\`\`\n${longText}\n\n${paragraphs(40)}`);
    expectSameTree(`<!-- open\n\n${longText} --> closed here\n\n${paragraphs(40)}`);
    expectSameTree(`    code\n\n${'1'.repeat(300)}2024. x\n\n${paragraphs(40)}`);
  });

  it('leading blank lines', () => {
    expectSameTree(`\n\n${items(40, dash)}\n`);
    expectSameTree(`  \n${paragraphs(40)}`);
  });
});

describe('what a built block must not swallow or split', () => {
  it('code fences holding list-like lines, closed or left open to the end', () => {
    const fence = `\`\`\`\n${items(40, dash)}\n\`\`\``;
    expectSameTree(`${paragraphs(40)}\n\n${fence}\n\n${items(40, dash)}\n`);
    const open = expectSameTree(`${items(40, dash)}\n\n~~~ text\n${items(40, dash)}\n\n${paragraphs(40)}\n`);
    expect(open.chunks).toBeGreaterThan(0);
  });

  it('HTML blocks: a comment that spans blank lines, a div, a pre', () => {
    expectSameTree(`${items(40, dash)}\n\n<!-- hidden\n\n${items(40, dash)}\n\n-->\n\n${paragraphs(40)}`);
    expectSameTree(`<div>\n${items(40, dash)}\n</div>\n\n${items(40, dash)}`);
    expectSameTree(`<pre>\n\n${paragraphs(40)}\n\n</pre>\n\n${paragraphs(40)}`);
  });

  it('lists continued after a blank line by an indented line, a nested list, or a sibling the reader cannot build', () => {
    expectSameTree(`${items(40, dash)}\n\n  still the last item, loose\n\n${items(40, dash)}`);
    expectSameTree(`${items(40, dash)}\n\n    indented four\n\n${paragraphs(40)}`);
    expectSameTree(`${items(40, dash)}\n\n- *emphasis* makes this one parsed\n${items(40, dash)}\n\n${paragraphs(40)}`);
    expectSameTree(`${items(40, dash)}\n  - nested under the last\n${items(40, dash)}`);
    expectSameTree(`- [ ] a task first\n\n${items(40, dash)}\n\n- [x] a task last\n`);
    expectSameTree(`${items(40, (i) => `${i + 1}.`)}\n\n10) other delimiter\n\n${items(40, (i) => `${i + 1}.`)}`);
  });

  it('a parsed chunk that ends in a list the next built items would continue', () => {
    const stats = expectSameTree(`# Title\n\n- **bold** first\n\n${items(60, dash)}\n\n${paragraphs(40)}\n`);
    expect(stats.rest).toBe(true);
  });

  it('lists interrupting paragraphs and lazy lines continuing items', () => {
    expectSameTree(`${paragraphs(40)}\nand then\n${items(40, dash)}\n\n${paragraphs(40)}`);
    expectSameTree(`${paragraphs(40)}\n2. does not interrupt\n\n${items(40, dash)}`);
    expectSameTree(`${items(40, dash)}\nlazy continuation of the last\n\n${paragraphs(40)}`);
    expectSameTree(`${items(40, dash)}\n---\n${items(40, dash)}\n===\n\n${paragraphs(40)}\n---\n`);
  });

  it('tables, block quotes, headings, thematic breaks and items with extra spaces between runs', () => {
    const table = '| name | change |\n| --- | ---: |\n| Harbour | 4% |\n| Lender | -2% |';
    const mixed = [table, '> quoted\nlazily', '## Heading two', 'Setext\n---', '***', '-   four spaces wide', '-  two', '1.  spaced', '\tindented by tab', '* * *', 'A line with trailing spaces  \nand a break'];
    for (const block of mixed) {
      expectSameTree(`${items(40, dash)}\n\n${block}\n\n${paragraphs(40)}\n\n${block}\n\n${items(40, (i) => `${i}.`)}`);
      expectSameTree(`${paragraphs(40)}\n${block}\n${items(40, dash)}\n${block}`);
    }
  });

  it('link reference definitions and footnotes: the whole document is read as one', () => {
    const stats = expectSameTree(`${items(40, dash)}\n\n[ref]: https://example.com\n\n${items(40, () => '*', (i) => `see [ref] ${i}`)}\n\nA note[^1].\n\n[^1]: The note.\n`);
    expect(stats.built).toBe(0);
  });

  it('CRLF line endings: read as one', () => {
    const stats = expectSameTree(`${items(40, dash)}\r\n\r\n${paragraphs(40)}`.replace(/\n/g, '\r\n'));
    expect(stats.built).toBe(0);
  });

  it('inline markup and character references keep blocks out of the built path', () => {
    const markup = (i: number) => ['a *b* c', 'a _b_', 'a `code`', 'an &amp; entity', 'a \\* escape', 'a [link](/x)', 'an ![image](/i.png)', 'a <b>tag</b>', 'a ~~strike~~', 'a | pipe', 'a note[^x]', 'Unicode ünïcødé 中文'][i % 12]!;
    expectSameTree(`${items(96, dash, markup)}\n\n${Array.from({ length: 48 }, (_, i) => `P ${markup(i)}`).join('\n\n')}`);
  });
});

describe('generated documents', () => {
  const blocks = fc.constantFrom(
    items(3, dash),
    items(2, () => '*'),
    items(2, (i) => `${i + 4}.`),
    items(2, (i) => `${i + 1})`),
    items(2, (i) => `${i}.`),
    items(2, (i) => `${i + 2}.`),
    '\tcode after a tab',
    'A plain paragraph of words.',
    '\u201cQuoted\u201d words first',
    '\u4e2d\u6587 first\n\u00e9 second line',
    '\u00a0space first',
    '- \u201citem\u201d quoted',
    'Two lines\nof a paragraph',
    'Some *emphasis* here.',
    '# A heading',
    '```\n- fenced item\n\n- still fenced\n```',
    '```\n- an unclosed fence',
    '<!--\n- in a comment',
    '-->',
    '<div>\n- in html\n</div>',
    '> a quote\n- after it',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    '  - indented item',
    '    code block',
    '---',
    '===',
    '- ',
    '1.',
    '- [ ] task',
    'www.example.com and desk@example.org',
    'trailing space ',
    'ends with tab\t',
    '',
  );
  const separator = fc.constantFrom('\n', '\n\n', '\n\n\n', '\n \n');
  const document = fc.array(fc.tuple(blocks, separator, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 30 }).map((parts) =>
    parts.map(([block, sep, times]) => Array.from({ length: times }, () => block).join(sep) + sep).join(''),
  );

  it('any mix of blocks, repeated into runs long enough to be built', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const { expected, actual } = bothWays(doc);
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('real articles', () => {
  it('every Markdown fixture, alone and all in one document', async () => {
    const files = (await glob('fixtures/**/*.md')).sort();
    expect(files.length).toBeGreaterThan(20);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    for (const text of texts) expectSameTree(text);
    expectSameTree(texts.join('\n\n'));
  });

  it('clean() on a long run of emphasis markers: read as literal text, every marker kept', async () => {
    const run = '**a**_b_'.repeat(10_000);
    const result = await clean(`# Emphasis\n\n${run}\n`, { format: 'markdown' });
    expect(result.messages.map((m) => m.ruleId)).toContain('literal-markup');
    const paragraph = fromMarkdown(result.markdown, options).children[1]!;
    expect(paragraph.type).toBe('paragraph');
    expect((paragraph as { children: Array<{ value?: string }> }).children.map((c) => c.value).join('')).toBe(run);
  });

  it('clean() on a long list keeps every item, in order, in both outputs', async () => {
    const count = 6000;
    const doc = `# A long list of holdings\n\n${items(count, dash, (i) => `holding ${i}`)}\n`;
    expect(doc.length).toBeGreaterThan(65_536);
    const result = await clean(doc, { format: 'markdown' });
    expect(result.markdown).toBe(`${doc}`);
    const html = result.html.match(/<li>holding \d+<\/li>/g) ?? [];
    expect(html).toHaveLength(count);
    expect(html[count - 1]).toBe(`<li>holding ${count - 1}</li>`);
  });
});

describe("the Markdown writer's text handler", () => {
  const { handlers, ...stock } = markdownOptions;
  const write = (tree: Root, withHandler: boolean) => toMarkdown(tree, { ...stock, ...(withHandler ? { handlers } : {}), extensions: [gfmToMarkdown()] });
  const expectSameMarkdown = (doc: string) => {
    const tree = fromMarkdown(doc, options);
    expect(write(tree, true)).toBe(write(tree, false));
  };

  it('escapes what the default handler escapes, in every fixture', async () => {
    for (const file of await glob('fixtures/**/*.md')) expectSameMarkdown(readFileSync(file, 'utf8'));
  });

  it('escapes what the default handler escapes, in text made of markup characters', () => {
    const alphabet = fc.constantFrom(...'ab1 \t*_`[]()<>!#&;:.-+=|~@/\\\'"\n'.split(''), 'www.', 'http://', '&amp;', '1.', '- ', '# ', '\u007f');
    const text = fc.array(alphabet, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.constantFrom('paragraph', 'heading', 'item', 'link', 'cell'), (texts, where) => {
        const phrasing = texts.map((value, i) => (i % 2 ? { type: 'emphasis' as const, children: [{ type: 'text' as const, value }] } : { type: 'text' as const, value }));
        const block =
          where === 'heading'
            ? { type: 'heading' as const, depth: 2 as const, children: phrasing }
            : where === 'item'
              ? { type: 'list' as const, ordered: false, children: [{ type: 'listItem' as const, children: [{ type: 'paragraph' as const, children: phrasing }] }] }
              : where === 'link'
                ? { type: 'paragraph' as const, children: [{ type: 'link' as const, url: texts[0]!, children: phrasing }] }
                : where === 'cell'
                  ? { type: 'table' as const, children: [{ type: 'tableRow' as const, children: [{ type: 'tableCell' as const, children: phrasing }] }] }
                  : { type: 'paragraph' as const, children: phrasing };
        const tree: Root = { type: 'root', children: [block] };
        expect(write(tree, true)).toBe(write(tree, false));
      }),
      { numRuns: 1500 },
    );
  });
});

/** A blank line holding spaces, between items. */
function blankWithSpaces(): string {
  return '\n   \n';
}
