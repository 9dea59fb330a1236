/**
 * Properties of cleaning, over generated articles: idempotent, never invents
 * a word, and leaves a clean article exactly as it was. Over generated wire
 * pages (tables, lists, quotes, mid-article related blocks, chrome above the
 * headline): the title survives, every removed word is in a message's
 * `actual`, body prose is never taken as boilerplate, and no input throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, InputError } from '../src/index.js';
import { bundledKnowledgeBase } from '../src/entities/kb.js';

const VOCABULARY = (
  'market shares company profit revenue quarter growth investors analysts bank lender carmaker chip plant ' +
  'demand supply prices rose fell steady higher lower year month week said expects plans raised cut forecast ' +
  'dividend buyback order contract factory exports imports region city board chairman results margin costs ' +
  'capacity deliveries customers stores sales outlook guidance funding debt bonds yield rate policy'
).split(' ');

const word = fc.constantFrom(...VOCABULARY);
/**
 * Names and rarer words: what makes two real paragraphs differ. A random word
 * may be a wrong form the knowledge base fixes ("dizi", BYD's nickname, in a
 * carmaker's story): that is no clean article, so such words are left out.
 */
const knownForms = new Set(bundledKnowledgeBase().entries.flatMap((e) => e.patterns).filter((p) => /^\p{L}+$/u.test(p)).map((p) => p.toLowerCase()));
const rareWord = fc.stringMatching(/^[a-z]{4,10}$/).filter((w) => !knownForms.has(w));
const number = fc.integer({ min: 1, max: 9999 }).map(String);
const sentence = fc
  .array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 4, arbitrary: rareWord }, { weight: 1, arbitrary: number }), { minLength: 6, maxLength: 18 })
  .map((ws) => `${ws.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((ss) => ss.join(' '));
const title = fc.uniqueArray(fc.oneof(word, rareWord), { minLength: 5, maxLength: 12 }).map((ws) => ws.join(' ').replace(/^./, (c) => c.toUpperCase()));

/** Wire debris mixed into dirty articles. */
const debris = fc.constantFrom('Related News', 'RECOMMEND', 'Listen to the news', 'Share to: WeChat | Weibo', '-+ 0.00%', 'Hot topics', 'image.png');

const dirtyArticle = fc
  .tuple(title, fc.array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: debris }), { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([t, body, repeat]) => [t, ...body, ...(repeat ? body.slice(0, 2) : [])].join('\n'));

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);

describe('cleaning properties', () => {
  it('is idempotent: cleaning a cleaned article changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(dirtyArticle, async (article) => {
        const once = await clean(article, { format: 'text' });
        // A prose-guard warning means the cleaning was stopped short for an editor: a second run may go on.
        fc.pre(!once.messages.some((m) => m.ruleId === 'prose-guard'));
        const twice = await clean(once.markdown, { format: 'markdown' });
        expect(twice.markdown).toBe(once.markdown);
      }),
      { numRuns: 150 },
    );
  });

  it('never invents a word: every output word is in the input', async () => {
    await fc.assert(
      fc.asyncProperty(dirtyArticle, async (article) => {
        const input = words(article);
        const { markdown } = await clean(article, { format: 'text' });
        for (const w of words(markdown)) expect(input.has(w), w).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('passes a clean article through unchanged, without messages', async () => {
    const distinct = fc.uniqueArray(paragraph, { minLength: 1, maxLength: 10, selector: (p) => p.slice(0, 30) });
    await fc.assert(
      fc.asyncProperty(title, distinct, async (t, body) => {
        // Paragraphs made of one shared vocabulary can look alike; a clean article has distinct ones.
        fc.pre(body.every((p, i) => body.every((q, j) => i === j || overlap(p, q) < 0.5)));
        const { markdown, messages } = await clean([t, ...body].join('\n'), { format: 'text' });
        // a backslash before punctuation is Markdown's escape, not a change of text (GFM escapes the dot of 'www.')
        expect(unescaped(markdown)).toBe(`# ${t}\n\n${body.join('\n\n')}\n`);
        expect(messages).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

/** Markdown with its backslash escapes of ASCII punctuation undone. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let hit = 0;
  for (const w of x) if (y.has(w)) hit++;
  return hit / Math.min(x.size, y.size);
}

/** Prose an editor would never cut: two or more sentences, or one long attributed one. */
const proseParagraph = fc.oneof(
  fc.array(sentence, { minLength: 2, maxLength: 4 }).map((ss) => ss.join(' ')),
  fc.tuple(fc.array(fc.oneof(word, rareWord), { minLength: 10, maxLength: 20 }), fc.constantFrom('said', 'told analysts', 'according to a filing'))
    .map(([ws, verb]) => `${ws.join(' ').replace(/^./, (c) => c.toUpperCase())}, the company ${verb}.`),
);
/** Headlines of other stories: title-like, no full stop. */
const otherHeadline = fc.array(fc.oneof(word, rareWord), { minLength: 4, maxLength: 9 }).map((ws) => ws.join(' ').replace(/^./, (c) => c.toUpperCase()));
const marker = fc.constantFrom('Related Articles', 'Related News', 'RECOMMEND', 'Hot topics', 'Recommended');
const chromeAbove = fc.constantFrom('Wire Eight', 'Home > Markets > Hong Kong', 'share_log', '-+ 0.00%', 'laitimes');
const furnitureLine = fc.constantFrom('Listen to the news', 'Share to: WeChat | Weibo', 'image.png', 'Write a comment', '(Photo courtesy of the company)', '1278 0 0');
const table = fc.array(fc.tuple(rareWord, number, number), { minLength: 1, maxLength: 4 }).map((rows) =>
  ['| Segment | This year | Last year |', '| --- | --- | --- |', ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`)].join('\n'),
);
const figureList = fc.array(fc.tuple(rareWord, number), { minLength: 2, maxLength: 5 }).map((items) => items.map(([w, n]) => `- ${w}: ${n} units`).join('\n'));

type Piece = { kind: 'prose' | 'other'; md: string };
const piece: fc.Arbitrary<Piece[]> = fc.oneof(
  { weight: 5, arbitrary: proseParagraph.map((md) => [{ kind: 'prose' as const, md }]) },
  { weight: 1, arbitrary: table.map((md) => [{ kind: 'other' as const, md }]) },
  { weight: 1, arbitrary: figureList.map((md) => [{ kind: 'other' as const, md }]) },
  { weight: 1, arbitrary: proseParagraph.map((p) => [{ kind: 'prose' as const, md: `> ${p}` }]) },
  { weight: 1, arbitrary: furnitureLine.map((md) => [{ kind: 'other' as const, md }]) },
  {
    weight: 2,
    arbitrary: fc.tuple(marker, fc.array(otherHeadline, { minLength: 1, maxLength: 3 })).map(([m, hs]) => [{ kind: 'other' as const, md: m }, ...hs.map((h) => ({ kind: 'other' as const, md: h }))]),
  },
);

/** A wire page in Markdown: maybe chrome above the headline, then the headline, then a body mixing real structures. */
const wirePage = fc
  .tuple(fc.option(chromeAbove, { nil: undefined }), title, proseParagraph, fc.array(piece, { minLength: 1, maxLength: 8 }))
  .map(([chrome, t, lede, pieces]) => {
    const body: Piece[] = [{ kind: 'prose', md: lede }, ...pieces.flat()];
    const blocks = [...(chrome ? [chrome] : []), `# ${t}`, ...body.map((p) => p.md)];
    return { title: t, prose: body.filter((p) => p.kind === 'prose').map((p) => p.md.replace(/^> /, '')), markdown: `${blocks.join('\n\n')}\n` };
  });

const distinctProse = (page: { prose: string[] }) => page.prose.every((p, i) => page.prose.every((q, j) => i === j || overlap(p, q) < 0.5));

describe('cleaning properties of wire pages', () => {
  it('keeps the headline as the title, whatever stands above it', async () => {
    await fc.assert(
      fc.asyncProperty(wirePage, async (page) => {
        const result = await clean(page.markdown, { format: 'markdown' });
        expect(result.title).toBe(page.title);
        expect(result.markdown.startsWith(`# ${page.title}\n`)).toBe(true);
        expect(result.html.startsWith('<h1>')).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('never removes a paragraph of body prose as boilerplate', async () => {
    await fc.assert(
      fc.asyncProperty(wirePage, async (page) => {
        fc.pre(distinctProse(page));
        const result = await clean(page.markdown, { format: 'markdown' });
        const out = words(result.markdown);
        for (const prose of page.prose) for (const w of words(prose)) expect(out.has(w), `${w} of: ${prose}`).toBe(true);
        expect(result.messages.filter((m) => ['related-block', 'page-furniture', 'headline-chrome'].includes(m.ruleId ?? '')).every((m) => !page.prose.some((p) => String(m.actual).includes(p)))).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('accounts for every removed word in a message', async () => {
    await fc.assert(
      fc.asyncProperty(wirePage, async (page) => {
        const result = await clean(page.markdown, { format: 'markdown' });
        const out = words(result.markdown);
        const reported = words(result.messages.map((m) => `${m.actual ?? ''} ${(m.expected ?? []).join(' ')}`).join(' '));
        for (const w of words(page.markdown)) if (!out.has(w)) expect(reported.has(w), w).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('is idempotent in both outputs', async () => {
    await fc.assert(
      fc.asyncProperty(wirePage, async (page) => {
        const once = await clean(page.markdown, { format: 'markdown' });
        fc.pre(!once.messages.some((m) => m.ruleId === 'prose-guard'));
        const twice = await clean(once.markdown, { format: 'markdown' });
        expect(twice.markdown).toBe(once.markdown);
        expect(twice.html).toBe(once.html);
        expect(twice.title).toBe(once.title);
      }),
      { numRuns: 120 },
    );
  });

  it('throws on no input but a non-text one', async () => {
    const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), wirePage.map((p) => p.markdown));
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom('text' as const, 'markdown' as const, 'html' as const), async (input, format) => {
        try {
          await clean(input, { format });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
