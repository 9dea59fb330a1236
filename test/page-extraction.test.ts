/**
 * Whole web pages in (issue 14): the article is read out of the page, what is dropped is reported
 * region by region, the page's metadata reaches `title` and `meta`; an article fragment is read
 * exactly as before. The pages are in fixtures/pages, written for these tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { cleanTree } from '../src/pipeline.js';
import type { Comment as HastComment, Element as HastElement, Root as HastRoot, Text as HastText } from 'hast';
import htmlReader, { rehypeDropChrome } from '../src/formats/html.js';
import { rehypeExtractArticle } from '../src/formats/page.js';
import { withoutSiteName } from '../src/formats/page-meta.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'pages', name), 'utf8');
const regions = (messages: Awaited<ReturnType<typeof clean>>['messages']) => messages.filter((m) => m.ruleId === 'page-region');

describe('a news page with header, navigation, a related rail, comments and a footer', () => {
  const page = fixture('news-page.html');

  it('keeps the article, quote and linked sentence included, and nothing of the site around it', async () => {
    const { markdown } = await clean(page, { format: 'html', path: 'news-page.html' });
    expect(markdown).toMatch(/^# Harbour Freight lifts its outlook as port volumes recover\n/);
    for (const kept of [
      'raised its full-year profit forecast on Monday',
      'topped out at 3.8 billion',
      // "related" inside prose is not a related-stories block
      'review its related-party leases with its parent',
      'the ships are fuller than at any point since the pandemic',
      'Lena Tsang, chief executive',
      'still below their own estimates',
      'The company will publish its annual results in March.',
      // a short line with a time in it is still a sentence of the story
      'Shares closed at 4:05 pm.',
    ]) {
      expect(markdown).toContain(kept);
    }
    for (const dropped of ['Updated 08:15 GMT', '(Image: Ledger archive)', 'SEE MORE', 'Podcasts', 'Subscribe for one dollar', 'Copper slips', 'More from Markets', 'dockwatcher', 'new berths opened', 'Post comment', 'All rights reserved', 'Privacy']) {
      expect(markdown).not.toContain(dropped);
    }
  });

  it('reports each dropped region once, with its text', async () => {
    const { messages } = await clean(page, { format: 'html', path: 'news-page.html' });
    const found = regions(messages);
    const holding = (text: string) => found.filter((m) => String(m.actual).includes(text));
    // the header with its navigation, the rail, the comments, the footer: one message each
    expect(holding('Podcasts')).toHaveLength(1);
    expect(holding('Podcasts')[0]!.actual).toContain('Subscribe for one dollar a week');
    const rail = holding('Copper slips as warehouse stocks build');
    expect(rail).toHaveLength(1);
    for (const headline of ['Rail operator weighs a second listing', 'Five charts on the shipping recovery', 'Why insurers are selling bank bonds']) {
      expect(rail[0]!.actual).toContain(headline);
    }
    // its place is in the page as served
    const place = rail[0]!.place as { start: { offset: number; line: number }; end: { offset: number } };
    const source = page.slice(place.start.offset, place.end.offset);
    expect(source.startsWith('More from Markets')).toBe(true);
    expect(source.endsWith('Why insurers are selling bank bonds')).toBe(true);
    expect(place.start.line).toBe(page.slice(0, place.start.offset).split('\n').length);
    const comments = holding('dockwatcher');
    expect(comments).toHaveLength(1);
    expect(comments[0]!.actual).toContain('I sold at the bottom last spring');
    expect(comments[0]!.reason).toContain('comments');
    expect(holding('All rights reserved')).toHaveLength(1);
    // what copydesk's own pass drops inside the article is reported too
    for (const line of ['Updated 08:15 GMT, November 30, 2026', 'Cranes at the south terminal in October (Image: Ledger archive)', 'SEE MORE: Freight rates in charts']) {
      expect(holding(line)).toHaveLength(1);
    }
    expect(holding('Terms')).toEqual(holding('All rights reserved'));
    for (const m of found) {
      expect(m.line, `${m.actual} has a place in the page`).toBeGreaterThan(0);
      expect(m.fatal).toBeNull();
      expect(String(m.actual).trim()).not.toBe('');
      expect(String(m.actual)).not.toContain('profit forecast');
    }
  });

  it('takes the headline, byline, date, site name and canonical URL from the page', async () => {
    const { title, meta } = await clean(page, { format: 'html', path: 'news-page.html' });
    expect(title).toBe('Harbour Freight lifts its outlook as port volumes recover');
    expect(meta.siteName).toBe('The Quayside Ledger');
    expect(meta.url).toBe('https://ledger.example.net/markets/harbour-freight-outlook');
    expect(meta.published).toBe('2026-11-30T08:15:00Z');
    expect(meta.byline).toBe('Mira Okafor');
  });

  it('points later messages into the extracted article, whose text the file now holds', async () => {
    const twice = page.replace('<p>The company will publish its annual results in March.</p>', '<p>The company will publish its annual results in March.</p><p>The company will publish its annual results in March.</p>');
    const { file, messages } = await cleanTree(twice, { format: 'html', path: 'news-page.html' });
    const source = String(file.value);
    expect(source.startsWith('<h1>Harbour Freight lifts its outlook as port volumes recover</h1>')).toBe(true);
    expect(source).not.toContain('Copper slips');
    const repeated = messages.find((m) => m.ruleId === 'duplicate-paragraph');
    expect(repeated).toBeDefined();
    const place = repeated!.place as { start: { offset: number }; end: { offset: number } };
    expect(source.slice(place.start.offset, place.end.offset)).toContain('The company will publish its annual results in March.');
  });

  it('drops the byline line, which is in the meta', async () => {
    const { markdown } = await clean(page, { format: 'html', path: 'news-page.html' });
    expect(markdown).not.toContain('By Mira Okafor');
  });
});

describe('an article fragment', () => {
  const fragment = fixture('fragment.html');

  it('is read exactly as the reader read it before extraction existed', async () => {
    const before = unified().use(rehypeParse, { fragment: false }).use(rehypeDropChrome).use(rehypeRemark);
    const now = unified().use(htmlReader);
    const a = await before.run(before.parse(new VFile(fragment)), new VFile(fragment));
    const b = await now.run(now.parse(new VFile(fragment)), new VFile(fragment));
    expect(b).toEqual(a);
  });

  it('keeps its caption and its update line, with no page-region message', async () => {
    const { markdown, messages } = await clean(fragment, { format: 'html', path: 'fragment.html' });
    expect(regions(messages)).toEqual([]);
    expect(markdown).toContain("Northfield's main plant opened in 2019.");
    expect(markdown).toContain('Updated at 10:40 with the share price.');
    expect(markdown).toContain('[three smaller purchases](https://news.example.org/lakeside-deals)');
  });

  it('stays a fragment when wrapped in html and body tags with a title', async () => {
    const wrapped = `<html><head><title>Lakeside</title></head><body>${fragment}</body></html>`;
    const { markdown, messages } = await clean(wrapped, { format: 'html', path: 'fragment.html' });
    expect(regions(messages)).toEqual([]);
    expect(markdown).toContain('Updated at 10:40 with the share price.');
  });
});

describe('a page whose article is inside a layout table', () => {
  const page = fixture('layout-table.html');

  it('keeps the article and drops the menu, the sidebar and the footer row, each reported', async () => {
    const { markdown, messages, title } = await clean(page, { format: 'html', path: 'layout-table.html' });
    expect(title).toBe('Delta Mills opens its third spinning plant');
    for (const kept of ['a 600 million yuan site on the east bank', 'according to its sales director, Omar Bekov', 'first of its kind in the county', 'no plans to sell shares to the public']) {
      expect(markdown).toContain(kept);
    }
    for (const dropped of ['Letters to the editor', 'Most read this week', 'Grain prices', 'Rates and sizes', '12 Quay Street', 'since 1998']) {
      expect(markdown).not.toContain(dropped);
      expect(regions(messages).some((m) => String(m.actual).includes(dropped))).toBe(true);
    }
    expect(markdown).not.toMatch(/\|/);
    // the cell Readability keeps is read as blocks: each paragraph stays one
    expect(markdown).toMatch(/next summer\.\n\nThe family-run company/);
  });
});

describe('the extracted article as the file holds it', () => {
  const page = fixture('news-page.html');

  it('gives every node of the tree its place in the article HTML the file now holds', async () => {
    const file = new VFile({ value: page, path: 'news-page.html' });
    // the reader's first steps: the page read and its article extracted, as hast
    const extract = unified().use(rehypeParse, { fragment: false }).use(rehypeExtractArticle);
    const tree = (await extract.run(extract.parse(file), file)) as HastRoot;
    const html = String(file.value);
    expect(html.startsWith('<h1>Harbour Freight lifts its outlook as port volumes recover</h1>')).toBe(true);
    const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00a0').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const lineStarts = [0, ...[...html.matchAll(/\n/g)].map((m) => m.index! + 1)];
    let texts = 0;
    const check = (node: HastRoot | HastElement | HastText | HastComment): void => {
      const place = node.position!;
      expect(place, node.type).toBeDefined();
      for (const point of [place.start, place.end]) expect(lineStarts[point.line - 1]! + point.column - 1).toBe(point.offset);
      const source = html.slice(place.start.offset, place.end.offset);
      if (node.type === 'text') {
        texts++;
        expect(decode(source)).toBe(node.value);
      } else if (node.type === 'element') {
        // a paragraph holding blocks is read as a division
        expect(source.startsWith(`<${node.tagName}`) || (node.tagName === 'div' && source.startsWith('<p'))).toBe(true);
      }
      if ('children' in node) for (const child of node.children) check(child as HastElement | HastText | HastComment);
    };
    check(tree);
    expect(texts).toBeGreaterThan(8);
  });

  it('reads a paragraph that holds blocks as those blocks, as a browser would', async () => {
    const blocks = page.replace(
      '<p>The company will publish its annual results in March.</p>',
      '<p>The company will publish its annual results in March.<div>Its auditors have signed off the accounts.</div>The board meets again in April.</p>',
    );
    const { markdown } = await clean(blocks, { format: 'html', path: 'news-page.html' });
    expect(markdown).toMatch(/results in March\.\n\nIts auditors have signed off the accounts\.\n\nThe board meets again in April\./);
  });
});

describe('the site name in a title', () => {
  it('is dropped with its separator, on either side', () => {
    expect(withoutSiteName('Acme buys Widgets | Daily Ledger', 'Daily Ledger')).toBe('Acme buys Widgets');
    expect(withoutSiteName('Daily Ledger - Acme buys Widgets', 'Daily Ledger')).toBe('Acme buys Widgets');
    expect(withoutSiteName('Acme buys Widgets | Ledger', undefined)).toBe('Acme buys Widgets');
  });

  it('is not guessed away from a headline with a colon or a dash of its own', () => {
    expect(withoutSiteName('Trade talks: what the tariff pause means', undefined)).toBe('Trade talks: what the tariff pause means');
    expect(withoutSiteName('Profit falls - but the dividend rises', 'Daily Ledger')).toBe('Profit falls - but the dividend rises');
  });
});

describe('repeated paragraphs on a page', () => {
  const repeats = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'pages-repeats', name), 'utf8');
  const notice = repeats('notice-repeated.html');
  const counters = 'Our counters close at noon on the last working day of the year';

  it('keeps a repeat that is a large share of the page, with a warning naming the copy kept', async () => {
    const { markdown, messages } = await clean(notice, { format: 'html', path: 'notice-repeated.html' });
    expect(markdown.split(counters)).toHaveLength(3);
    const kept = messages.filter((m) => m.ruleId === 'duplicate-paragraph');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.fatal).toBe(false);
    expect(String(kept[0]!.actual)).toContain(counters);
    expect(String(kept[0]!.cause && (kept[0]!.cause as { actual?: string }).actual)).toContain(counters);
    expect(kept[0]!.line).toBeGreaterThan(kept[0]!.cause && (kept[0]!.cause as { line?: number }).line ? (kept[0]!.cause as { line: number }).line : 0);
  });

  it('removes the same repeat when the configured share allows it', async () => {
    const { markdown, messages } = await clean(notice, { format: 'html', path: 'notice-repeated.html', dedupeLead: { maxRepeatShare: 0.6 } });
    expect(markdown.split(counters)).toHaveLength(2);
    expect(markdown).toContain('## Business accounts');
    const removed = messages.filter((m) => m.ruleId === 'duplicate-paragraph');
    expect(removed.map((m) => m.fatal)).toEqual([null]);
  });

  it('still removes a paragraph a wire page printed twice in a row', async () => {
    const page = repeats('wire-doubled.html');
    const { markdown, messages } = await clean(page, { format: 'html', path: 'wire-doubled.html' });
    expect(markdown.split('about 40,000 containers a year').length).toBe(2);
    const removed = messages.filter((m) => m.ruleId === 'duplicate-paragraph' || m.ruleId === 'duplicate-lead');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.fatal).toBeNull();
    expect(markdown).toContain('Analysts at two brokers');
  });

  it('keeps a one-paragraph story printed twice in a row: half the article is no slip of the wire', async () => {
    const line = 'Brightwater Mining said on Friday it had found copper at a second site in the north of the country, and would drill there next year.';
    const { markdown, messages } = await clean(`Brightwater finds copper at a second site\n${line}\n${line}\n`, { format: 'text' });
    expect(markdown.split(line)).toHaveLength(3);
    expect(messages.filter((m) => m.ruleId === 'duplicate-paragraph').map((m) => m.fatal)).toEqual([false]);
  });

  it('removes a short line printed under every picture, however much of the page it is', async () => {
    const caption = 'Lantern Festival on the river, third night';
    const body = [1, 2, 3].map((n) => `<p><img src="https://pictures.example.org/lantern-${n}.jpg" alt=""></p><p>${caption}</p><p>Boats carried ${n * 40} paper lanterns past the old bridge.</p>`).join('\n');
    const { markdown, messages } = await clean(`<article><h1>A night of lanterns</h1>${body}</article>`, { format: 'html' });
    expect(markdown.split(caption)).toHaveLength(2);
    expect(messages.filter((m) => m.ruleId === 'duplicate-paragraph').map((m) => m.fatal)).toEqual([null, null]);
  });

  it('keeps a paragraph of prose printed three times on a short page, with warnings', async () => {
    const filler = 'Placeholder copy stands here until the editors send the real text of the story, so the layout can be checked on every screen size.';
    const page = `<article><h1>Layout check</h1><p>${filler}</p><h2>Wide screens</h2><p>${filler}</p><h2>Phones</h2><p>${filler}</p></article>`;
    const { markdown, messages } = await clean(page, { format: 'html' });
    expect(markdown.split(filler)).toHaveLength(4);
    expect(messages.filter((m) => m.ruleId === 'duplicate-paragraph').map((m) => m.fatal)).toEqual([false, false]);
  });

  it('removes the second copy of an article printed twice, though it is half the text', async () => {
    const story = [
      'Fernhill Dairy said on Tuesday it would raise milk prices paid to farmers by 4% from January.',
      'The cooperative said feed and fuel had become cheaper but that it wanted to keep farmers from leaving the trade.',
      'Supermarket prices are not expected to change before the spring.',
    ];
    const { markdown, messages } = await clean(['Fernhill Dairy raises milk prices', ...story, ...story].join('\n'), { format: 'text' });
    for (const line of story) expect(markdown.split(line)).toHaveLength(2);
    expect(messages.filter((m) => m.ruleId === 'duplicate-paragraph').map((m) => m.fatal)).toEqual([null, null, null]);
  });
});
