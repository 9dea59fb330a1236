/**
 * Where a removal must stop: a related block ends at the first block that
 * can only be the story (a sentence that refers back to it, a line that
 * introduces a list, a subhead of the marker's rank), a share bar printed as
 * a list goes while a list of names stays, a sentence restating the headline
 * far from the top is no reprint, and an editor's dek that refers back to
 * the story stays where a wire's summary naming the lede's subject moves to
 * the dek.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';

const TITLE = 'Pemberton Glass wins a solar panel contract';
const LEDE = 'Pemberton Glass said on Thursday that it had won a contract worth about 640 million euros to supply coated glass for solar panels to a manufacturer in Spain.';
const HEADLINES = ['Glassmakers switch furnaces to hydrogen', 'Solar installations slow across southern Europe.'];
const ids = (messages: Array<{ ruleId?: string | null | undefined }>) => messages.map((m) => m.ruleId);

describe('a related block ends where the story goes on', () => {
  const followers = [
    'The board expects more orders from Portugal next year.',
    'Its plant in Aragon runs at full capacity.',
    'They go on sale across Spain in March.',
  ];
  for (const after of followers) {
    it(`a sentence that refers back stays: “${after.slice(0, 30)}…”`, async () => {
      const input = [TITLE, LEDE, 'Related News', ...HEADLINES, after, 'Deliveries begin in the spring.'].join('\n');
      const result = await clean(input, { format: 'text' });
      for (const h of HEADLINES) expect(result.markdown).not.toContain(h);
      expect(result.markdown).toContain(after);
      expect(result.markdown).toContain('Deliveries begin in the spring.');
      expect(ids(result.messages)).toEqual(['related-block', 'related-block', 'related-block']);
    });
  }

  it('a headline opening with a proper name and ending in a full stop still goes', async () => {
    const input = [TITLE, LEDE, 'Related News', 'Pemberton rivals raise prices.', 'The order is its largest so far, the company said.'].join('\n');
    const result = await clean(input, { format: 'text' });
    expect(result.markdown).not.toContain('Pemberton rivals raise prices.');
    expect(result.markdown).toContain('The order is its largest so far');
  });

  it('a line ending in a colon and the list it introduces stay (Markdown)', async () => {
    const input = [
      `# ${TITLE}`,
      LEDE,
      '**Related Articles**',
      HEADLINES.map((h, i) => `- [${h}](https://example.net/${i})`).join('\n'),
      'The contract at a glance:',
      '1. Value rose to 640 million euros.\n2. Term ran to four years.',
    ].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).not.toContain('Glassmakers switch furnaces');
    expect(result.markdown).toContain('The contract at a glance:');
    expect(result.markdown).toContain('2. Term ran to four years.');
  });

  it('a subhead of the marker’s rank opens a section of the story (HTML)', async () => {
    const list = `<ul>${HEADLINES.map((h, i) => `<li><a href="/n/${i}">${h}</a></li>`).join('')}</ul>`;
    const input = `<article><h1>${TITLE}</h1><p>${LEDE}</p><h3>Recommended</h3>${list}<h3>Background</h3><p>Pemberton makes glass at five plants.</p></article>`;
    const result = await clean(input, { format: 'html' });
    expect(result.markdown).not.toContain('Glassmakers switch furnaces');
    expect(result.markdown).toContain('### Background');
  });

  it('a linked heading deeper than the marker is a listed headline, an unlinked one after links is a subhead', async () => {
    const cards = HEADLINES.map((h, i) => `<h4><a href="/n/${i}">${h}</a></h4>`).join('');
    const input = `<article><h1>${TITLE}</h1><p>${LEDE}</p><h3>Related News</h3>${cards}<h4>Outlook</h4><p>Pemberton makes glass at five plants.</p></article>`;
    const result = await clean(input, { format: 'html' });
    for (const h of HEADLINES) expect(result.markdown).not.toContain(h);
    expect(result.markdown).toContain('#### Outlook');
  });
});

describe('lists of interface words', () => {
  it('a share bar printed as a list of links goes', async () => {
    const input = [`# ${TITLE}`, '- [Facebook](https://s.example/f)\n- [WhatsApp](https://s.example/w)\n- [Email](https://s.example/e)', LEDE].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).not.toContain('WhatsApp');
    expect(ids(result.messages)).toEqual(['page-furniture']);
  });

  it('a list of short names stays, and so does a list that only mentions an app', async () => {
    const names = '- Solis Clear\n- Solis Matte\n- Solis Bifacial';
    const app = '- The app\n- The website\n- Branches';
    const input = [`# ${TITLE}`, LEDE, names, 'Orders can be placed through:', app].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown).toContain('- Solis Bifacial');
    expect(result.markdown).toContain('- The app');
    expect(result.messages).toEqual([]);
  });
});

describe('the headline restated in the body', () => {
  const body = ['The glass will be coated at its plant in Aragon.', 'Shares rose 2%.', 'Rivals have bid for similar work in Portugal this year.'];

  it('a closing sentence that restates it stays', async () => {
    const closing = 'In short, Pemberton Glass wins a solar panel contract.';
    const result = await clean([TITLE, LEDE, ...body, closing].join('\n'), { format: 'text' });
    expect(result.markdown).toContain(closing);
    expect(result.messages).toEqual([]);
  });

  it('a near copy in a reprint’s shape (no full stop) goes anywhere, a sentence near the top goes too', async () => {
    const caption = 'Pemberton Glass wins solar panel contract';
    const deep = await clean([TITLE, LEDE, ...body, caption, 'The plant employs 300 people.'].join('\n'), { format: 'text' });
    expect(deep.markdown).not.toContain(`\n${caption}\n`);
    expect(ids(deep.messages)).toEqual(['repeated-title']);
    const top = await clean([TITLE, 'Pemberton Glass wins a solar panel contract.', LEDE, ...body].join('\n'), { format: 'text' });
    expect(ids(top.messages)).toEqual(['repeated-title']);
  });
});

describe('a standfirst on a story with no dateline, byline or wire formula', () => {
  const lede = 'Pemberton Glass said on Thursday it had won a four-year contract worth 640 million euros to coat glass for a solar panel maker in Spain, its largest order.';

  it('an editor’s dek that refers back to the story stays', async () => {
    const dek = 'The glassmaker has won a 640 million euro contract to coat solar glass for a maker in Spain.';
    const result = await clean([TITLE, dek, lede, ...['Shares rose 2%.']].join('\n'), { format: 'text' });
    expect(result.markdown).toContain(dek);
    expect(result.meta.dek).toBeUndefined();
    expect(result.messages).toEqual([]);
  });

  it('a first paragraph that says when it happened is a lede with a fuller paragraph after it: both stay', async () => {
    const first = 'Pemberton Glass won its largest order on Thursday, a contract to coat glass for a solar panel maker in Spain.';
    const result = await clean([TITLE, first, lede, 'Shares rose 2%.'].join('\n'), { format: 'text' });
    expect(result.markdown).toContain(first);
    expect(result.messages).toEqual([]);
  });

  it('a summary about the lede’s subject by name is the wire’s: it moves to the dek', async () => {
    const summary = 'Pemberton Glass won a 640 million euro contract to coat solar glass in Spain.';
    const result = await clean([TITLE, summary, lede, 'Shares rose 2%.'].join('\n'), { format: 'text' });
    expect(result.meta.dek).toBe(summary);
    expect(ids(result.messages)).toEqual(['dek']);
  });
});

describe('repeats that are the article’s form', () => {
  const managers = [
    ['Ines Varga, Corlett Asset Management', 'Short-dated government bonds, because the yield is finally worth the wait.', 'Airlines, where fuel costs have already done their damage.'],
    ['Tomas Reid, Highmoor Capital', 'Japanese banks, as rates there rise for the first time in years.', 'Luxury goods makers, whose Chinese customers have gone quiet.'],
    ['Aiko Mori, Fenby Partners', 'Grid equipment suppliers with full order books until 2030.', 'Nothing in particular; we are fully invested.'],
  ];
  const round = managers.flatMap(([who, buy, avoid]) => [`**${who}**`, '**What are you buying?**', buy!, '**What are you avoiding?**', avoid!]);

  it('the same question put to each person in a round of interviews stays', async () => {
    const input = ['# Three fund managers on where they put money now', 'We asked three investors the same two questions.', ...round].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown.match(/What are you buying\?/g)).toHaveLength(3);
    expect(result.messages).toEqual([]);
  });

  it('an interview printed twice still loses its second copy, questions and all', async () => {
    const once = round.slice(0, 5);
    const input = ['# One fund manager on where she puts money now', 'We asked an investor two questions.', ...once, ...once].join('\n\n');
    const result = await clean(input, { format: 'markdown' });
    expect(result.markdown.match(/What are you buying\?/g)).toHaveLength(1);
    expect(result.messages.filter((m) => m.ruleId === 'duplicate-paragraph').length).toBeGreaterThanOrEqual(4);
  });
});

describe('links that are no menu', () => {
  it('a subhead linked to its section with a permalink mark beside it stays (HTML)', async () => {
    const input = `<article><h1>${TITLE}</h1><p>${LEDE}</p><h2><a href="#terms">Terms of the deal</a><a href="#terms" title="Permalink">¶</a></h2><p>The price is fixed for four years, the company said.</p></article>`;
    const result = await clean(input, { format: 'html' });
    expect(result.markdown).toContain('Terms of the deal');
    expect(result.messages.filter((m) => m.ruleId === 'page-furniture')).toEqual([]);
  });

  it('two section links making up a line still go', async () => {
    const input = `<article><h1>${TITLE}</h1><p><a href="/markets">Markets</a> | <a href="/energy">Energy</a></p><p>${LEDE}</p></article>`;
    const result = await clean(input, { format: 'html' });
    expect(result.markdown).not.toContain('Markets | Energy');
  });
});

describe('a list of links closing the article', () => {
  const links = '- [Annual report](https://example.com/ar.pdf)\n- [Exchange filing](https://example.com/filing.pdf)';
  it('stays under a subhead of its own or after a line that introduces it', async () => {
    for (const intro of ['## Documents', 'The filings are here:']) {
      const result = await clean([`# ${TITLE}`, LEDE, intro, links].join('\n\n'), { format: 'markdown' });
      expect(result.markdown).toContain('[Exchange filing]');
      expect(result.messages).toEqual([]);
    }
  });

  it('goes when it follows the story with nothing to introduce it', async () => {
    const result = await clean([`# ${TITLE}`, LEDE, 'Deliveries begin in the spring.', links].join('\n\n'), { format: 'markdown' });
    expect(result.markdown).not.toContain('Exchange filing');
    expect(result.messages.map((m) => m.ruleId)).toEqual(['related-block']);
  });
});

describe('prompts to the reader', () => {
  const prompts = ['Click to download the Harbour Wire APP for more news', 'Tap here to open the app and follow our coverage', 'Install our app to get real-time alerts', 'Like this article? Follow us for more'];
  const prose = [
    'The company’s app, which lets customers pay bills, now has 1.1 million users.',
    'Download speeds on its network doubled last year.',
    'Follow-on offerings by our region’s lenders have slowed.',
    'Register of members will close on June 5 for the dividend.',
    'Subscribe to the exchange’s filing alerts to follow the bidding.',
  ];
  it('a short imperative line about the app, the site or the reader goes; prose about apps stays', async () => {
    const result = await clean([TITLE, LEDE, ...prompts, ...prose].join('\n'), { format: 'text' });
    for (const p of prompts) expect(result.markdown).not.toContain(p);
    for (const p of prose) expect(result.markdown).toContain(p);
    expect(result.messages.map((m) => m.ruleId)).toEqual(prompts.map(() => 'page-furniture'));
  });
});

describe('after headlines that are links', () => {
  it('a paragraph with no link is the story’s, however short and plain (HTML and Markdown)', async () => {
    const after = 'Analysts expect more cuts this year.';
    const html = `<article><h1>${TITLE}</h1><p>${LEDE}</p><p>Related News</p><ul>${HEADLINES.map((h, i) => `<li><a href="/n/${i}">${h}</a></li>`).join('')}</ul><p>${after}</p></article>`;
    const markdown = [`# ${TITLE}`, LEDE, 'Related News', HEADLINES.map((h, i) => `- [${h}](https://example.net/${i})`).join('\n'), after].join('\n\n');
    for (const [format, input] of [['html', html], ['markdown', markdown]] as const) {
      const result = await clean(input, { format });
      expect(result.markdown).not.toContain('Glassmakers switch furnaces');
      expect(result.markdown).toContain(after);
    }
  });

  it('unlinked headlines in a text article still go', async () => {
    const result = await clean([TITLE, LEDE, 'Related News', 'Analysts expect more cuts this year', 'Shares rose 2% on Friday, the company said.'].join('\n'), { format: 'text' });
    expect(result.markdown).not.toContain('Analysts expect more cuts');
  });
});
