/**
 * Both writers take shortcuts for the simple blocks most articles are made of
 * (src/write/markdown-flow.ts, src/write/html-fast.ts). The libraries stay the
 * oracle: every tree here is written both ways, the shortcut's output must be
 * the library's byte for byte. Trees are generated directly (every block and
 * inline kind, texts full of markup characters) and read from generated
 * Markdown; every fixture is run through clean() and written both ways too.
 * Speed is measured in bench/worst-case.ts, not here.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { BlockContent, List, ListItem, Parents, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, toMarkdown as markdownFromTree, type Info, type State } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { glob } from 'tinyglobby';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import remarkGfmLean from '../src/gfm.js';
import { cleanTree, markdownOptions, toHtml, toHtmlByLibrary, toMarkdown } from '../src/pipeline.js';
import { canEscape, escapeText } from '../src/write/markdown-escape.js';
import { isVerbatimText } from '../src/write/markdown-text.js';

const { handlers: _fast, ...stockOptions } = markdownOptions;
/** The oracle: remark-stringify with the same options and none of our handlers. */
const stockWriter = unified().use(remarkGfm).use(remarkStringify, stockOptions).freeze();
const stockMarkdown = (tree: Root) => (tree.children.length ? stockWriter.stringify(structuredClone(tree)) : '');

const gfm = unified().use(remarkGfmLean);
gfm.freeze();
const read = (doc: string) =>
  fromMarkdown(doc, { extensions: gfm.data('micromarkExtensions') ?? [], mdastExtensions: gfm.data('fromMarkdownExtensions') ?? [] });

async function expectSameOutputs(tree: Root): Promise<void> {
  const copy = structuredClone(tree);
  expect(toMarkdown(copy)).toBe(stockMarkdown(tree));
  expect(copy).toStrictEqual(tree);
  expect(await toHtml(structuredClone(tree))).toBe(await toHtmlByLibrary(structuredClone(tree)));
}

/** Both writers agree with the libraries on every generated document, as the reader reads it. */
async function expectSameOutputsRead(doc: fc.Arbitrary<string>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(doc, async (markdown) => {
      let tree: Root | undefined;
      try {
        tree = read(markdown);
      } catch {
        // The reader's own development assertions reject a few mixes (a task check after a CRLF line): nothing to write.
      }
      fc.pre(tree !== undefined);
      await expectSameOutputs(tree!);
    }),
    { numRuns },
  );
}

// Texts made of the characters the writers escape, where they escape them: at a line start, before or
// after other markup, inside words; and plain words, digits and unicode between them.
const piece = fc.constantFrom(
  ...'ab Z9 0 \t*_`[]()<>!#&;:.-+=|~@/\\\'"'.split(''),
  'shares rose',
  '1.',
  '2)',
  '10. ',
  '# ',
  '- ',
  '+ ',
  '> ',
  '* ',
  '=',
  '---',
  'www.',
  'wW',
  'a__b',
  'x_y',
  '__',
  'Ww',
  'http',
  'ps:',
  'http://x.io',
  'a@b.cn',
  '&amp;',
  '&#123;',
  '<b>',
  '</p>',
  '<!--',
  '  ',
  '\n',
  '\r\n',
  'trailing  ',
  '\u00a0',
  '\u201cquoted\u201d',
  '\u817e\u8baf',
  '\ud83d\udcc8',
  // A lone surrogate, kept as it is by both writers (the escaper's buffer must not decode it to U+FFFD).
  '\ud800',
  '\u007f',
  '[x] ',
  '[ ]',
  '![a]',
  '](',
  '~~',
  '|',
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const plainText = fc.stringMatching(/^[A-Za-z][a-z0-9 ,]{0,30}$/);
const anyText = fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: plainText });
const url = fc.constantFrom('https://example.com/a?b=1&c=2', 'http://x.io/path_(1)', '/relative/path', '#frag', 'mailto:a@b.cn', 'https://ex.com/ä ü', 'javascript:alert(1)', 'https://example.com');

const phrasing: fc.Arbitrary<PhrasingContent> = fc.letrec<{ inline: PhrasingContent }>((tie) => ({
  inline: fc.oneof(
    { weight: 8, arbitrary: anyText.map((value) => ({ type: 'text' as const, value })) },
    { weight: 1, arbitrary: fc.array(tie('inline'), { minLength: 1, maxLength: 3 }).map((children) => ({ type: 'emphasis' as const, children })) },
    { weight: 1, arbitrary: fc.array(tie('inline'), { minLength: 1, maxLength: 3 }).map((children) => ({ type: 'strong' as const, children })) },
    { weight: 1, arbitrary: anyText.map((value) => ({ type: 'inlineCode' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ type: 'break' as const }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(url, fc.array(tie('inline'), { minLength: 1, maxLength: 2 }), fc.option(plainText, { nil: undefined }))
        .map(([href, children, title]) => ({ type: 'link' as const, url: href, title, children })),
    },
    { weight: 1, arbitrary: fc.array(tie('inline'), { minLength: 1, maxLength: 2 }).map((children) => ({ type: 'delete' as const, children })) },
  ),
})).inline;

const inlines = fc.oneof(
  { weight: 3, arbitrary: fc.array(anyText.map((value) => ({ type: 'text' as const, value })), { minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.array(phrasing, { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([] as PhrasingContent[]) },
);

const block: fc.Arbitrary<BlockContent> = fc.letrec<{ block: BlockContent; list: List }>((tie) => ({
  block: fc.oneof(
    { weight: 6, arbitrary: inlines.map((children) => ({ type: 'paragraph' as const, children })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), inlines).map(([depth, children]) => ({ type: 'heading' as const, depth: depth as 1, children })),
    },
    { weight: 3, arbitrary: tie('list') },
    { weight: 1, arbitrary: fc.constant({ type: 'thematicBreak' as const }) },
    { weight: 1, arbitrary: fc.array(tie('block'), { minLength: 0, maxLength: 2 }).map((children) => ({ type: 'blockquote' as const, children: children as never })) },
    { weight: 1, arbitrary: fc.tuple(anyText, fc.option(fc.constantFrom('js', 'ts'), { nil: null })).map(([value, lang]) => ({ type: 'code' as const, lang, value })) },
  ),
  list: fc
    .tuple(
      fc.boolean(),
      fc.option(fc.integer({ min: -1, max: 12 }), { nil: null }),
      fc.option(fc.boolean(), { nil: null }),
      fc.array(
        fc.tuple(fc.array(tie('block'), { minLength: 0, maxLength: 2 }), fc.option(fc.boolean(), { nil: null }), fc.option(fc.boolean(), { nil: null })),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([ordered, start, spread, items]): List => ({
      type: 'list',
      ordered,
      start: ordered ? start : null,
      spread,
      children: items.map(([children, itemSpread, checked]): ListItem => ({ type: 'listItem', spread: itemSpread, checked, children: children as never })),
    })),
})).block;

/** Trees like the cleaned ones: mostly plain paragraphs, headings and lists; everything else now and then. */
const tree = fc.array(block, { minLength: 1, maxLength: 8 }).map((children): Root => ({ type: 'root', children: children as RootContent[] }));

// Lists as long documents hold them: mostly items of one line of text, some of them traps (a number and a
// stop, a bullet, a heading mark, a check, a line ending), between items of several blocks (paragraphs,
// code, quotes, nested lists), task items and empty ones; numbered from starts where the bullet widens
// (9 to 10, 99 to 100); spread or tight, items that say so or not; lists next to each other.
const trap = fc.constantFrom('1. not a list', '2) again', '- dash', '* star', '+ plus', '# hash', '> quote', '[ ] box', '[x] done', '---', '    four spaces', 'a\nb', 'line\n- next', '10.', '\t tab', '`tick`', '_under_', '*em*', '<li>', 'a & b', '');
const itemText = fc.oneof({ weight: 5, arbitrary: plainText }, { weight: 2, arbitrary: text }, { weight: 2, arbitrary: trap });
const oneText = (value: string, checked: boolean | null = null, spread: boolean | null = false): ListItem => ({
  type: 'listItem',
  spread,
  checked,
  children: [{ type: 'paragraph', children: [{ type: 'text', value }] }],
});
const startAt = fc.constantFrom(null, 0, 1, 2, 7, 8, 9, 10, 95, 99, 100, 998);
const listHeavy: fc.Arbitrary<List> = fc.letrec<{ list: List; item: ListItem }>((tie) => ({
  // Deeper items are more and more often the first kind (one text), so nesting stays shallow.
  item: fc.oneof(
    { depthSize: 'small', depthIdentifier: 'list' },
    { weight: 12, arbitrary: fc.tuple(itemText, fc.option(fc.boolean(), { nil: null })).map(([value, spread]) => oneText(value, null, spread)) },
    { weight: 2, arbitrary: fc.tuple(itemText, fc.boolean()).map(([value, checked]) => oneText(value, checked)) },
    // A new object each time: an item twice in one list is numbered by the library's indexOf, by its first place.
    { weight: 1, arbitrary: fc.constant(null).map((): ListItem => ({ type: 'listItem', spread: false, checked: null, children: [] })) },
    {
      weight: 1,
      arbitrary: fc.array(itemText, { minLength: 2, maxLength: 3 }).map((values): ListItem => ({
        type: 'listItem',
        spread: false,
        children: [{ type: 'paragraph', children: values.map((value) => ({ type: 'text' as const, value })) }],
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(itemText, fc.array(fc.oneof(block, tie('list')), { minLength: 1, maxLength: 3 }), fc.option(fc.boolean(), { nil: null }), fc.option(fc.boolean(), { nil: null }))
        .map(([value, rest, spread, checked]): ListItem => ({
          type: 'listItem',
          spread,
          checked,
          children: [{ type: 'paragraph', children: [{ type: 'text', value }] }, ...(rest as BlockContent[])],
        })),
    },
  ),
  list: fc
    .tuple(fc.boolean(), startAt, fc.option(fc.boolean(), { nil: null }), fc.array(tie('item'), { minLength: 1, maxLength: 16 }))
    .map(([ordered, start, spread, children]): List => ({ type: 'list', ordered, start: ordered ? start : null, spread, children })),
})).list;
const listTree = fc
  .array(fc.oneof({ weight: 4, arbitrary: listHeavy }, { weight: 1, arbitrary: block }), { minLength: 1, maxLength: 5 })
  .map((children): Root => ({ type: 'root', children: children as RootContent[] }));

describe('the Markdown and HTML shortcuts write what the libraries write', () => {
  it('on generated trees with every block and inline kind', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (root) => expectSameOutputs(root)),
      { numRuns: 2500 },
    );
  }, 180_000);

  it('on generated list-heavy trees: nested, numbered, spread and tight, adjacent, task items, traps in item text', async () => {
    await fc.assert(
      fc.asyncProperty(listTree, async (root) => expectSameOutputs(root)),
      { numRuns: 2000 },
    );
  }, 180_000);

  it('on generated Markdown lists, as read: nested by indent, numbered, loose, interrupted, task items', async () => {
    const marker = fc.constantFrom('- ', '* ', '+ ', '1. ', '9. ', '10. ', '99) ', '0. ', '- [ ] ', '- [x] ', '1. [x] ');
    const indent = fc.constantFrom('', '', '', '  ', '   ', '    ', '      ');
    const line = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(indent, marker, itemText).map(([i, m, t]) => i + m + t.replaceAll('\n', ' ')) },
      { weight: 1, arbitrary: fc.tuple(indent, itemText).map(([i, t]) => i + t.replaceAll('\n', ' ')) },
      { weight: 1, arbitrary: fc.constantFrom('', '  > quoted in an item', '  ```\n  code\n  ```', '---', '# Heading', 'Paragraph between lists.') },
    );
    await expectSameOutputsRead(fc.array(line, { minLength: 1, maxLength: 16 }).map((lines) => lines.join('\n')), 2000);
  }, 180_000);

  it('on generated Markdown documents, as read', async () => {
    const line = fc.oneof(
      anyText,
      fc.tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '# ', '### ', '> ', '    ', '- [ ] ', '- [x] ', '10. '), anyText).map(([m, t]) => m + t),
      fc.constantFrom('', '', '---', '***', '| a | b |\n| - | - |\n| 1 | 2 |', '```\ncode\n```', '<div>x</div>', '[a]: https://example.com', 'see [a] and [^1]', '[^1]: a note'),
    );
    await expectSameOutputsRead(fc.array(line, { minLength: 1, maxLength: 14 }).map((lines) => lines.join('\n')), 2500);
  }, 180_000);

  it('on long runs of plain items and paragraphs, spread and tight, numbered from anywhere', async () => {
    const items = (n: number, start: number | null) => ({
      type: 'list' as const,
      ordered: start !== null,
      start,
      spread: false,
      children: Array.from({ length: n }, (_, i) => ({ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, value: `item ${i}. of ${n}` }] }] })),
    });
    await expectSameOutputs({ type: 'root', children: [items(300, null), items(200, null), items(120, 7), items(50, 0), items(3, null)] });
    // Long runs broken by items of another kind: a task, an empty item, two blocks, a spread item, a line ending.
    const broken = items(400, 95);
    const at = (i: number, item: ListItem) => (broken.children[i] = item as never);
    at(3, { type: 'listItem', spread: false, checked: true, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'done' }] }] });
    at(40, { type: 'listItem', spread: false, children: [] });
    at(41, { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'two' }] }, { type: 'code', value: 'x = 1' }] });
    at(200, { type: 'listItem', spread: true, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'spread' }] }] });
    at(300, { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'first\nsecond' }] }] });
    await expectSameOutputs({ type: 'root', children: [broken, { ...items(150, null), spread: null }, items(150, null)] });
    // Writers join short pieces a few hundred at a time: blocks of other kinds on either side of those boundaries.
    const around = items(600, null);
    for (const i of [255, 256, 511]) around.children[i] = { type: 'listItem', spread: false, checked: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'task' }] }] };
    const many = Array.from({ length: 700 }, (_, i): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value: `Short ${i}.` }] }));
    for (const i of [254, 255, 256, 600]) many[i] = { type: 'code', value: `block ${i}` };
    await expectSameOutputs({ type: 'root', children: [around, ...many] });
    const paragraphs = Array.from({ length: 400 }, (_, i) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value: i % 7 ? `Paragraph ${i} of the filing.` : `${i}. a numbered line` }] }));
    await expectSameOutputs({ type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Many' }] }, ...paragraphs] });
    // Long runs of markers in one text, as literal runs are read: every marker escaped, intraword underscores not.
    for (const run of ['[a](', '**a**_b_', 'a_b__c\\_', '<a>&amp;\\*']) {
      await expectSameOutputs({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: run.repeat(500) }] }] });
    }
  });

  it('on nodes a plugin asked mdast-util-to-hast to write another way', async () => {
    const text = (value: string) => ({ type: 'text' as const, value });
    await expectSameOutputs({
      type: 'root',
      children: [
        { type: 'paragraph', data: { hProperties: { className: ['lead'] } }, children: [text('A lead')] },
        { type: 'heading', depth: 2, children: [{ type: 'emphasis', data: { hName: 'i' }, children: [text('slanted')] }] },
        { type: 'list', ordered: false, children: [{ type: 'listItem', data: { hProperties: { id: 'x' } }, children: [{ type: 'paragraph', children: [text('item')] }] }] },
        { type: 'paragraph', children: [text('plain')] },
      ],
    });
  });

  it('on every fixture, as cleaned', async () => {
    const files = (await glob('fixtures/**/input.{txt,md,html}')).concat(await glob('fixtures/**/*.md', { ignore: ['fixtures/**/expected.md', 'fixtures/**/input.md'] }));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const format = file.endsWith('.html') ? 'html' : file.endsWith('.txt') ? 'text' : 'markdown';
      const { tree: cleaned } = await cleanTree(readFileSync(file, 'utf8'), { format, path: file });
      await expectSameOutputs(cleaned);
    }
  }, 120_000);
});

describe('the text handler lets a text through unescaped only where the library would, and escapes the rest as it does', () => {
  it('on texts made of markup characters, in paragraphs, headings, items, links, emphasis and cells', () => {
    let verbatim = 0;
    let escaped = 0;
    let checked = 0;
    const checking = {
      text(node: Text, parent: Parents | undefined, state: State, info: Info): string {
        const expected = defaultHandlers.text(node, parent, state, info);
        checked++;
        const where = JSON.stringify({ value: node.value, before: info.before, after: info.after, stack: state.stack });
        if (isVerbatimText(node.value, state, info)) {
          verbatim++;
          expect(node.value, where).toBe(expected);
        }
        if (canEscape(state, info, state.unsafe)) {
          escaped++;
          expect(escapeText(state, node.value, info, state.unsafe), where).toBe(expected);
        }
        return expected;
      },
    };
    const where = fc.constantFrom('paragraph', 'heading', 'item', 'link', 'emphasis', 'cell');
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), where, (texts, place) => {
        const inline: PhrasingContent[] = texts.map((value, i) =>
          place === 'link' && i === 0
            ? { type: 'link', url: 'https://example.com', children: [{ type: 'text', value }] }
            : place === 'emphasis' && i % 2
              ? { type: 'emphasis', children: [{ type: 'text', value }] }
              : { type: 'text', value },
        );
        const paragraph = { type: 'paragraph' as const, children: inline };
        const root: Root = {
          type: 'root',
          children: [
            place === 'heading'
              ? { type: 'heading', depth: 2, children: inline }
              : place === 'item'
                ? { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [paragraph] }] }
                : place === 'cell'
                  ? { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: inline }] }] }
                  : paragraph,
          ],
        };
        markdownFromTree(root, { ...stockOptions, handlers: checking as never, extensions: [gfmToMarkdown()] });
      }),
      { numRuns: 5000 },
    );
    // Both ways are exercised: texts let through, and texts the library had to decide.
    expect(verbatim).toBeGreaterThan(checked / 10);
    expect(verbatim).toBeLessThan(checked);
    expect(escaped).toBeGreaterThan(checked / 2);
  }, 120_000);
});
