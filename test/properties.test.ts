/**
 * Properties of cleaning, over generated articles: idempotent, never invents
 * a word, and leaves a clean article exactly as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const VOCABULARY = (
  'market shares company profit revenue quarter growth investors analysts bank lender carmaker chip plant ' +
  'demand supply prices rose fell steady higher lower year month week said expects plans raised cut forecast ' +
  'dividend buyback order contract factory exports imports region city board chairman results margin costs ' +
  'capacity deliveries customers stores sales outlook guidance funding debt bonds yield rate policy'
).split(' ');

const word = fc.constantFrom(...VOCABULARY);
/** Names and rarer words: what makes two real paragraphs differ. */
const rareWord = fc.stringMatching(/^[a-z]{4,10}$/);
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
        expect(markdown).toBe(`# ${t}\n\n${body.join('\n\n')}\n`);
        expect(messages).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let hit = 0;
  for (const w of x) if (y.has(w)) hit++;
  return hit / Math.min(x.size, y.size);
}
