/**
 * Removals that never eat the article: a related block ends at body prose in
 * every input format, the headline and the lede survive any rule, prose-like
 * headlines under a marker are weighed by the prose guard, and removals of
 * prose beyond a share of the article hold it for review.
 */
import { describe, expect, it } from 'vitest';
import { clean, cleanArticle, messageToJson, verdictOf } from '../src/index.js';

const TITLE = 'Marlow Shipping books a record quarter';
const LEDE = 'Marlow Shipping said on Wednesday that its net profit for the third quarter more than doubled, helped by container rates that stayed well above their usual level.';
const HEADLINES = ['Port congestion eases in Singapore', 'Freight forwarders brace for a slower peak season'];
const QUOTE = '"We are not assuming that rates will hold at these levels through next year, and we have planned our capacity on that basis," chief financial officer Irene Castell told analysts.';
const AFTER = [
  QUOTE,
  'Marlow kept its full-year forecast unchanged, saying the rerouting of ships would keep costs high into the first quarter.',
  'Its shares ended the session 3.4% higher.',
];

describe('a related block in the middle of the article', () => {
  const inputs = {
    text: [TITLE, LEDE, 'Related Articles', ...HEADLINES, ...AFTER].join('\n'),
    markdown: [`# ${TITLE}`, LEDE, '## Related Articles', HEADLINES.map((h, i) => `- [${h}](https://news.example/${i})`).join('\n'), ...AFTER].join('\n\n'),
    html: `<article><h1>${TITLE}</h1><p>${LEDE}</p><h3>Related Articles</h3><ul>${HEADLINES.map((h, i) => `<li><a href="/n/${i}">${h}</a></li>`).join('')}</ul>${AFTER.map((p) => `<p>${p}</p>`).join('')}</article>`,
  } as const;

  for (const [format, input] of Object.entries(inputs) as Array<[keyof typeof inputs, string]>) {
    it(`takes the headlines and leaves the prose after them (${format})`, async () => {
      const result = await clean(input, { format });
      for (const h of HEADLINES) expect(result.markdown).not.toContain(h);
      expect(result.markdown).toContain('chief financial officer Irene Castell told analysts');
      expect(result.markdown).toContain('Marlow kept its full-year forecast unchanged');
      expect(result.markdown).toContain('Its shares ended the session 3.4% higher.');
      expect(result.title).toBe(TITLE);
      expect(verdictOf(result.messages.map(messageToJson))).toBe('publish');
    });
  }
});

describe('the headline and the lede', () => {
  it('a furniture pattern that matches the headline does not remove it', async () => {
    const input = [TITLE, LEDE, ...AFTER].join('\n');
    const result = await clean(input, { format: 'text', stripBoilerplate: { furniture: [/^Marlow Shipping books/] } });
    expect(result.markdown.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(result.messages.filter((m) => m.ruleId === 'page-furniture')).toEqual([]);
  });

  it('a lede that repeats the headline word for word and goes on stays, and so does the headline', async () => {
    const lede = `${TITLE}, the company said on Wednesday, as container rates stayed high for a sixth month.`;
    const result = await clean([TITLE, lede, ...AFTER].join('\n'), { format: 'text' });
    expect(result.markdown).toContain(`# ${TITLE}`);
    expect(result.markdown).toContain(lede);
    expect(result.messages).toEqual([]);
  });

  it('a lede is never removed in favour of a fuller standfirst above it', async () => {
    const standfirst = 'Marlow Shipping said its third-quarter net profit more than doubled to 412 million dollars on high container rates, and it raised its dividend by 10%.';
    const lede = 'Marlow Shipping said on Wednesday that its net profit for the third quarter more than doubled, helped by container rates.';
    const result = await clean([TITLE, standfirst, lede, ...AFTER].join('\n'), { format: 'text' });
    expect(result.markdown).toContain(standfirst);
    expect(result.markdown).toContain(lede);
  });

  it('a separate title given to the publish hook is kept, with meta beside the body', async () => {
    const summary = 'Marlow Shipping said profit more than doubled on strong container rates.';
    const wireLede = `Wire Finance APP learned that ${LEDE}`;
    const result = await cleanArticle({ title: TITLE, content: [summary, wireLede, ...AFTER].join('\n\n'), format: 'markdown' });
    expect(result.title).toBe(TITLE);
    expect(result.markdown).not.toContain(summary);
    expect(result.meta.dek).toBe(summary);
    expect(result.messages.find((m) => m.ruleId === 'dek')?.cause).toBeDefined();
  });
});

describe('the prose guard and the review share', () => {
  it('headlines under a marker that read as sentences are held back when they would take too much', async () => {
    const sentences = ['Shipping stocks climb as the container rates hold near record levels.', 'Port operators expand their terminals across Southeast Asia to meet rising demand.'];
    const input = [TITLE, 'Freight rose.', 'Related News', ...sentences].join('\n');
    const result = await clean(input, { format: 'text', minProseShare: 0.6 });
    for (const s of sentences) expect(result.markdown).toContain(s);
    expect(result.messages.find((m) => m.ruleId === 'prose-guard')?.fatal).toBe(false);
  });

  it('removing prose beyond the share is done but reported as warnings, so the article is held for review', async () => {
    const input = [TITLE, LEDE, ...AFTER, 'The company also said its new container terminal in the south would open next year, adding capacity.'].join('\n');
    // A site pattern written too broadly: it catches a real paragraph.
    const options = { format: 'text' as const, stripBoilerplate: { furniture: [/^The company also said .*$/] } };
    const held = await clean(input, { ...options, maxRemovalShare: 0.1 });
    const removal = held.messages.find((m) => m.ruleId === 'page-furniture');
    expect(removal?.fatal).toBe(false);
    expect(removal?.note).toMatch(/check that no story text went with them/);
    expect(held.markdown).not.toContain('new container terminal');

    const tolerated = await clean(input, { ...options, maxRemovalShare: 0.5 });
    expect(tolerated.messages.find((m) => m.ruleId === 'page-furniture')?.fatal).toBeNull();
  });

  it('furniture and headline lists are not prose: a page full of them stays info', async () => {
    const input = [TITLE, '-+ 0.00%', 'Listen to the news', LEDE, 'Related News', ...HEADLINES, 'Write a comment'].join('\n');
    const result = await clean(input, { format: 'text', maxRemovalShare: 0.05 });
    expect(result.messages.length).toBeGreaterThan(4);
    expect(result.messages.every((m) => m.fatal === null)).toBe(true);
  });
});
