/**
 * Lines that look like chrome or listed headlines but are the article's: the
 * timed entries of a live blog under a "Latest" subhead, a story's own list
 * under a marker word ("Top picks"), a place printed alone as the dateline
 * and a section word over the headline. Beside each, the defect the same
 * rule must still remove, so a rule made too lax fails here too.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { isKicker, isPlaceLine, isTimedEntry } from '../src/article/standing-lines.js';

const ids = (messages: Array<{ ruleId?: string | null | undefined }>) => messages.map((m) => m.ruleId);
const removals = (messages: Array<{ ruleId?: string | null | undefined }>) =>
  ids(messages).filter((id) => ['related-block', 'page-furniture', 'headline-chrome'].includes(id ?? ''));

const TITLE = 'Copper climbs as Chilean mines cut output';
const LEDE = 'Copper prices rose to a four-month high on Wednesday after two large mines in northern Chile said heavy snow had forced them to slow production.';

describe('timed entries', () => {
  it('are told by a clock time opening the block', () => {
    for (const t of ['09:45 — Shares opened 3% higher', '12:41 p.m. JST', '17:40 Bank shares rose in late trade.', '9:05 am HKT - Markets open']) expect(isTimedEntry(t), t).toBe(true);
    for (const t of ['2025-10-30 18:02', '10.5% of revenue came from abroad.', 'Shares rose at 09:45.', '1,200 jobs will go']) expect(isTimedEntry(t), t).toBe(false);
  });
});

describe('a live blog under a "Latest" subhead', () => {
  const entries = ['10:20 — London copper up 1.8% at $9,940 a tonne', '09:55 — Shanghai futures hit their daily limit', '09:30 — Second mine confirms it has cut output by a third.'];

  for (const format of ['text', 'markdown'] as const) {
    it(`keeps the subhead and every entry, headline-shaped or not (${format})`, async () => {
      const input = format === 'text' ? [TITLE, LEDE, 'Latest', ...entries].join('\n') : [`# ${TITLE}`, LEDE, '## Latest', ...entries].join('\n\n');
      const result = await clean(input, { format });
      expect(removals(result.messages)).toEqual([]);
      expect(result.markdown).toContain('Latest');
      for (const e of entries) expect(result.markdown).toContain(e.slice(8));
    });
  }

  it('a related block after the entries still goes', async () => {
    const input = [`# ${TITLE}`, LEDE, '## Latest', ...entries, '## Related News', '- [Gold steadies before Fed minutes](https://x.example/1)\n- [Miners lead Australian stocks](https://x.example/2)'].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).toContain('## Latest');
    expect(result.markdown).not.toContain('Gold steadies');
    expect(removals(result.messages)).toEqual(['related-block', 'related-block']);
  });

  it('"Latest" over linked headlines, or over headlines closing the page, is still a related block', async () => {
    const linked = [`# ${TITLE}`, LEDE, 'The rally lifted miners across Asia.', '## Latest', '- [Gold steadies before Fed minutes](https://x.example/1)\n- [Miners lead Australian stocks](https://x.example/2)', 'Analysts said the supply shock could last into the spring.'].join('\n\n');
    const a = await clean(linked, { format: 'markdown' });
    expect(a.markdown).not.toContain('Gold steadies');
    expect(a.markdown).toContain('Analysts said the supply shock');
    expect(removals(a.messages)).toEqual(['related-block', 'related-block']);

    const closing = [TITLE, LEDE, 'The rally lifted miners across Asia, the biggest gain in a month.', 'Latest', 'Gold steadies before Fed minutes', 'Miners lead Australian stocks'].join('\n');
    const b = await clean(closing, { format: 'text' });
    expect(b.markdown).not.toContain('Gold steadies');
    expect(removals(b.messages)).toEqual(['related-block', 'related-block', 'related-block']);
  });

  it('a strong marker over timed lines loses only itself', async () => {
    const input = [TITLE, LEDE, 'Related News', '10:20 — London copper up 1.8% at $9,940 a tonne', 'Traders expect more volatility.'].join('\n');
    const result = await clean(input, { format: 'text' });
    expect(result.markdown).toContain('10:20 — London copper up 1.8%');
    expect(result.markdown).not.toContain('Related News');
  });
});

describe('times standing alone over live-blog entries', () => {
  it('stay as paragraphs (HTML) and as subheads (Markdown)', async () => {
    const html = await clean(`<article><h1>${TITLE}</h1><p>${LEDE}</p><p>16:30</p><p>London copper closed up 2.1%.</p><p>11:05</p><p>Shanghai futures limit up</p></article>`, { format: 'html' });
    expect(html.messages).toEqual([]);
    expect(html.markdown).toContain('16:30\n\nLondon copper closed up 2.1%.\n\n11:05\n\n');
    const md = await clean([`# ${TITLE}`, LEDE, '### 16:30', 'London copper closed up 2.1%.', '### 11:05', 'Shanghai futures limit up'].join('\n\n'), { format: 'markdown' });
    expect(md.messages).toEqual([]);
  });

  it('a lone time or a line of counters is still a widget’s', async () => {
    const lone = await clean([TITLE, '11:09', LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(lone.markdown).not.toContain('11:09');
    const counters = await clean([TITLE, LEDE, '07/21 2025 511', 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(counters.markdown).not.toContain('511');
  });
});

describe('a story’s own list under a marker word', () => {
  it('"Top picks" over a plain list with prose after it stays', async () => {
    const input = [`# ${TITLE}`, LEDE, '## Top picks', '- Miners with low-cost pits\n- Makers of copper cable\n- Recyclers, as scrap prices rise', '"Supply will stay tight," one analyst wrote.'].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.messages.map((m) => m.ruleId)).toEqual([]);
    expect(result.markdown).toContain('- Makers of copper cable');
  });

  it('"Top picks" over a list of links to other stories goes', async () => {
    const input = [`# ${TITLE}`, LEDE, '## Top picks', '- [Miners rally on supply fears](https://x.example/1)\n- [Cable makers raise prices](https://x.example/2)', '"Supply will stay tight," one analyst wrote.'].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).not.toContain('Miners rally');
    expect(result.markdown).toContain('Supply will stay tight');
  });
});

describe('place lines and kickers', () => {
  it('a place in capitals, or one the story names as a place, is a place line; a site name is not', () => {
    expect(isPlaceLine('SHANGHAI', '')).toBe(true);
    expect(isPlaceLine('NEW YORK/LONDON', '')).toBe(true);
    expect(isPlaceLine('Hong Kong', 'Shares in Hong Kong fell.')).toBe(true);
    expect(isPlaceLine('Hong Kong', 'The bank cut its rates.')).toBe(true);
    expect(isPlaceLine('Lotus Bay', 'The bank cut its rates.')).toBe(false);
    expect(isPlaceLine('Lotus Bay', 'Shops in Lotus Bay stayed shut.')).toBe(true);
    expect(isPlaceLine('Wire Eight', 'Wire Eight learned that the bank cut its rates.')).toBe(false);
    expect(isPlaceLine('CLS', '')).toBe(false);
    // In capitals: a known place, or one the story uses as a place; a headline set in capitals is neither.
    expect(isPlaceLine("XI'AN", '')).toBe(true);
    expect(isPlaceLine('YIWU', 'Traders in Yiwu said orders slowed.')).toBe(true);
    expect(isPlaceLine('YIWU', 'Orders slowed.')).toBe(false);
    expect(isPlaceLine('COPPER HITS HIGH', 'Copper hits high as mines cut output in Chile.')).toBe(false);
    expect(isPlaceLine('SHANGHAI/COPPER', '')).toBe(false);
    expect(isKicker('Markets')).toBe(true);
    expect(isKicker('China Economy')).toBe(true);
    expect(isKicker('Wire Eight')).toBe(false);
    expect(isKicker('Hong Kong Stocks')).toBe(true);
    expect(isKicker('Semiconductors')).toBe(true);
    expect(isKicker('Tesla Stocks')).toBe(false);
    expect(isKicker('Hong Kong')).toBe(false);
    expect(isKicker('laitimes')).toBe(false);
  });

  it('a place line above the headline stays, the next line is the title and the place the dateline (text)', async () => {
    const result = await clean(['HONG KONG', TITLE, LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(result.title).toBe(TITLE);
    expect(result.meta.dateline).toBe('HONG KONG');
    expect(result.markdown.startsWith(`HONG KONG\n\n# ${TITLE}\n\n`)).toBe(true);
    expect(removals(result.messages)).toEqual([]);
  });

  it('a short headline set in capitals is the title, not a place line, and its title-case echo goes (text)', async () => {
    const caps = 'COPPER HITS RECORD HIGH';
    const dek = 'Copper reached its highest price on record on Monday.';
    const result = await clean([caps, dek, 'Copper Hits Record High', LEDE].join('\n'), { format: 'text' });
    expect(result.title).toBe(caps);
    expect(result.markdown.startsWith(`# ${caps}\n\n${dek}\n\n`)).toBe(true);
    expect(result.markdown).not.toContain('Copper Hits Record High');
  });

  it('the line after a place line is the title even when it ends in a full stop (text)', async () => {
    const title = 'Copper climbs as Chilean mines cut output.';
    const result = await clean(['SANTIAGO', title, LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(result.title).toBe(title);
    expect(result.markdown.startsWith(`SANTIAGO\n\n# ${title}\n\n`)).toBe(true);
    expect(result.messages).toEqual([]);
  });

  it('a place the story names stays above the heading; a site name there still goes (Markdown)', async () => {
    const story = 'Copper traders in Santiago said the cuts would last weeks.';
    const kept = await clean(['Santiago', `# ${TITLE}`, LEDE, story].join('\n\n'), { format: 'markdown' });
    expect(kept.markdown.startsWith('Santiago\n\n')).toBe(true);
    expect(kept.messages).toEqual([]);
    const site = await clean(['Metal Wire', `# ${TITLE}`, LEDE, story].join('\n\n'), { format: 'markdown' });
    expect(site.markdown.startsWith(`# ${TITLE}`)).toBe(true);
    expect(ids(site.messages)).toEqual(['headline-chrome']);
  });

  it('a known place or a place-and-section kicker above the headline stays, though the story never names it (text)', async () => {
    for (const line of ['Shenzhen', 'Hong Kong Stocks']) {
      const result = await clean([line, TITLE, LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
      expect(result.title, line).toBe(TITLE);
      expect(result.markdown.startsWith(`${line}\n\n# ${TITLE}\n\n`), line).toBe(true);
      expect(removals(result.messages), line).toEqual([]);
    }
  });

  it('a place line under the headline stays; a label line there still goes', async () => {
    const place = await clean([TITLE, 'SANTIAGO', LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(place.markdown).toContain('\n\nSANTIAGO\n\n');
    expect(place.messages).toEqual([]);
    const label = await clean([TITLE, 'avatar', LEDE, 'Traders expect more volatility.'].join('\n'), { format: 'text' });
    expect(label.markdown).not.toContain('avatar');
    expect(ids(label.messages)).toEqual(['headline-chrome']);
  });

  it('a kicker above the headline stays and the headline is found (HTML)', async () => {
    const result = await clean(`<article><p>Commodities</p><h1>${TITLE}</h1><p>${LEDE}</p><p>Traders expect more volatility.</p></article>`, { format: 'html' });
    expect(result.title).toBe(TITLE);
    expect(result.markdown.startsWith(`Commodities\n\n# ${TITLE}`)).toBe(true);
    expect(result.messages).toEqual([]);
  });
});
