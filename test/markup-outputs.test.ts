/**
 * Markup in, markup out: GFM read and written in both formats, one sanitizing
 * policy for both outputs (reported as unsafe-html / unsafe-url), markup
 * Markdown cannot hold reported with its text, and the HTML output read back
 * in changes nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { clean, formatFromPath, RULES } from '../src/index.js';
import { isSafeUrl, scrubHtml } from '../src/sanitize.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'cleanup');

interface MarkupCase {
  sanitized?: Array<{ ruleId: string; actual: string }>;
  htmlIncludes?: string[];
  markdownExcludes?: string[];
}

const fixtures = readdirSync(root)
  .sort()
  .map((name) => ({ name, dir: join(root, name) }))
  .filter(({ dir }) => existsSync(join(dir, 'case.json')))
  .map(({ name, dir }) => ({ name, path: join(dir, readdirSync(dir).find((f) => f.startsWith('input.'))!), spec: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as MarkupCase }));

describe('markup fixtures: sanitized outputs', () => {
  for (const { name, path, spec } of fixtures.filter((f) => f.spec.sanitized || f.spec.htmlIncludes || f.spec.markdownExcludes)) {
    it(name, async () => {
      const result = await clean(readFileSync(path), { format: formatFromPath(path), path });
      const got = result.messages.filter((m) => RULES[m.ruleId ?? '']?.plugin === 'sanitizer');
      expect(got.map((m) => m.ruleId)).toEqual((spec.sanitized ?? []).map((m) => m.ruleId));
      (spec.sanitized ?? []).forEach((want, i) => {
        expect(got[i]!.actual).toContain(want.actual);
        expect(got[i]!.line, `${want.ruleId} has a line`).toBeGreaterThan(0);
      });
      for (const text of spec.htmlIncludes ?? []) expect(result.html).toContain(text);
      for (const bad of spec.markdownExcludes ?? []) expect(result.markdown).not.toContain(bad);
    });
  }
});

describe('the HTML output read back in', () => {
  for (const { name, path } of fixtures) {
    it(`${name}: changes nothing (after one round for Markdown input), and has no empty href`, async () => {
      const format = formatFromPath(path);
      const first = await clean(readFileSync(path), { format, path });
      const second = await clean(first.html, { format: 'html' });
      if (format === 'html') expect(second.html).toBe(first.html);
      const third = await clean(second.html, { format: 'html' });
      expect(third.html).toBe(second.html);
      expect(third.markdown).toBe(second.markdown);
      for (const html of [first.html, second.html]) expect(html).not.toContain('href=""');
    });
  }

  it('an anchor without href stays text, however often it is cleaned', async () => {
    let html = '<h1>Ferry operator adds routes</h1><p>The operator said <a>three new routes</a> open in <a name="may">May</a>.</p>';
    for (let round = 0; round < 3; round++) html = (await clean(html, { format: 'html' })).html;
    expect(html).toBe('<h1>Ferry operator adds routes</h1>\n<p>The operator said three new routes open in May.</p>');
  });
});

describe('HTML that used to throw', () => {
  const page = (body: string) => `<html><head>${body}</head><body><h1>Steel output rises</h1><p>Output rose 4% in <a href="q3/report.html">the third quarter</a>.</p><table><tr><td>Mill</td><td>Tonnes</td></tr><tr><td><del>North</del> East</td><td><s>120</s> 125</td></tr></table></body></html>`;

  it.each(['<base href="http://[bad">', '<base href="//">', '<base href="">', '<base href="/relative/">', '<base target="_blank">'])('a <base> that is not an absolute URL is ignored: %s', async (base) => {
    const result = await clean(page(base), { format: 'html' });
    expect(result.markdown).toContain('[the third quarter](q3/report.html)');
    expect(result.markdown).toContain('| ~~North~~ East | ~~120~~ 125 |');
  });

  it('a valid <base> still resolves relative links', async () => {
    const result = await clean(page('<base href="https://news.example.com/steel/">'), { format: 'html' });
    expect(result.markdown).toContain('[the third quarter](https://news.example.com/steel/q3/report.html)');
  });

  it('tables in lists, tables in tables and rows of uneven length are written as GFM', async () => {
    const html = '<h1>Fund flows</h1><ul><li>Inflows<table><tr><th>Fund</th><th>Net</th></tr><tr><td>Alpha</td></tr></table></li></ul><table><tr><td>Outer<table><tr><td>Inner</td></tr></table></td><td>x</td></tr></table>';
    const result = await clean(html, { format: 'html' });
    expect(result.markdown).toContain('| Fund  | Net |');
    expect(result.markdown).toContain('Alpha');
    expect(result.markdown).toContain('Inner');
    expect(result.html).toContain('<table>');
  });
});

describe('GFM in Markdown input', () => {
  it('tables, strikethrough, task lists and footnotes are read and written, not escaped', async () => {
    const md = '# Brokers report\n\nAccording to the survey, two of three brokers raised targets.[^1]\n\n| Broker | Target |\n| --- | ---: |\n| Eastgate | 41.0 |\n\n- [x] Survey sent\n- [ ] Replies counted\n\nThe outlook is ~~weak~~ steady.\n\n[^1]: Survey of 30 brokers.\n';
    const result = await clean(md, { format: 'markdown' });
    expect(result.markdown).toContain('| Eastgate |   41.0 |');
    expect(result.markdown).toContain('- [x] Survey sent');
    expect(result.markdown).toContain('~~weak~~ steady');
    expect(result.markdown).toContain('[^1]: Survey of 30 brokers.');
    expect(result.html).toContain('<td align="right">41.0</td>');
    expect(result.html).toContain('<del>weak</del>');
    expect(result.html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1"/);
    expect(result.html).toContain('<li id="user-content-fn-1">');
  });

  it('plain text that looks like GFM stays literal text', async () => {
    const lines = ['Prices ~~fell~~ in the first hour.', '| not | a table |', '- [x] not a task', 'A note[^1] that is not a footnote.'];
    const result = await clean(`Exporters report mixed quarter\n${lines.join('\n')}`, { format: 'text', stripBoilerplate: false, dedupeLead: false });
    const reparsed = unified().use(remarkParse).use(remarkGfm).parse(result.markdown);
    expect(reparsed.children.slice(1).map((n) => [n.type, toString(n)])).toEqual(lines.map((l) => ['paragraph', l]));
  });
});

describe('one sanitizing policy', () => {
  it.each([
    ['javascript:alert(1)', 'href', false],
    [' JAVASCRIPT:alert(1)', 'href', false],
    ['java\tscript:alert(1)', 'href', false],
    ['vbscript:msgbox', 'href', false],
    ['data:text/html,<b>x</b>', 'href', false],
    ['data:image/png;base64,AAAA', 'src', false],
    ['https://example.com/a:b', 'href', true],
    ['mailto:desk@example.com', 'href', true],
    ['/path/with:colon', 'href', true],
    ['?next=javascript:x', 'href', true],
    ['#section', 'href', true],
    ['report.pdf', 'src', true],
  ] as const)('%s as %s: safe %s', (url, kind, safe) => {
    expect(isSafeUrl(url, kind)).toBe(safe);
  });

  it('raw HTML: handlers and unsafe URLs are taken out, the rest kept; safe HTML is left alone', () => {
    expect(scrubHtml('<img src="a.png" alt="Chart" onerror="x()">')?.value).toBe('<img src="a.png" alt="Chart">');
    expect(scrubHtml('<a href="javascript:go()" title="More">')?.value).toBe('<a title="More">');
    expect(scrubHtml('<iframe src="https://ads.example"></iframe>')?.value).toBe('');
    expect(scrubHtml('<sup>2</sup>')).toBeUndefined();
    expect(scrubHtml('<a href="https://example.com/x:y">')).toBeUndefined();
    expect(scrubHtml('<!-- copydesk ignore -->')).toBeUndefined();
  });

  it('an inline <script> in a paragraph goes with its content, reported once with all of it', async () => {
    const md = '# Chipmaker expands\n\nThe chipmaker said it would add a line <script>send(document.cookie)</script> in Wuxi next year.\n';
    const result = await clean(md, { format: 'markdown' });
    expect(result.markdown).toBe('# Chipmaker expands\n\nThe chipmaker said it would add a line in Wuxi next year.\n');
    const message = result.messages.find((m) => m.ruleId === 'unsafe-html')!;
    expect(message.actual).toBe('<script>send(document.cookie)</script>');
    expect(message.line).toBe(3);
  });

  it('the Markdown and the HTML output hold the same links and raw HTML', async () => {
    const md = '# Lender cuts rates\n\nThe lender cut its prime rate, it said in a [statement](https://bank.example/news) and a [notice](javascript:void(0)).\n\n<p class="aside" onclick="x()">Rates apply from Monday.</p>\n';
    const result = await clean(md, { format: 'markdown' });
    expect(result.markdown).toContain('[statement](https://bank.example/news) and a notice.');
    expect(result.markdown).toContain('<p class="aside">Rates apply from Monday.</p>');
    expect(result.html).toContain('<a href="https://bank.example/news">statement</a> and a notice.');
    expect(result.html).toContain('<p>Rates apply from Monday.</p>');
    expect(result.messages.map((m) => m.ruleId).filter((id) => id?.startsWith('unsafe'))).toEqual(['unsafe-url', 'unsafe-html']);
  });
});

describe('markup Markdown cannot hold', () => {
  it('noscript, SVG, canvas and object text are dropped with a message carrying it; MathML is kept as code', async () => {
    const html = '<h1>Index provider adds miners</h1><p>The weight is <math><mi>w</mi><mo>=</mo><mn>2</mn></math> percent.</p><noscript>Charts need JavaScript.</noscript><svg><text>Weight 2%</text><text>Cap 10%</text></svg><canvas>No chart here.</canvas>';
    const result = await clean(html, { format: 'html' });
    expect(result.markdown).toBe('# Index provider adds miners\n\nThe weight is `w = 2` percent.\n');
    const got = result.messages.filter((m) => m.ruleId === 'unsupported-markup').map((m) => m.actual);
    expect(got).toEqual(['w = 2', 'Charts need JavaScript.', 'Weight 2% Cap 10%', 'No chart here.']);
  });

  it('a table caption becomes a paragraph before the table', async () => {
    const result = await clean('<h1>Output</h1><table><caption>Tonnes, thousands</caption><tr><th>Mill</th></tr><tr><td>East</td></tr></table>', { format: 'html' });
    expect(result.markdown).toBe('# Output\n\nTonnes, thousands\n\n| Mill |\n| ---- |\n| East |\n');
  });

  it('task-list checkboxes in HTML are kept as GFM task items, other inputs are page chrome', async () => {
    const html = '<h1>Checklist</h1><ul><li><input type="checkbox" checked> Filing sent</li><li><input type="checkbox"> Call held</li></ul><p>Search: <input type="text" value="stocks"></p>';
    const result = await clean(html, { format: 'html' });
    expect(result.markdown).toContain('- [x] Filing sent\n- [ ] Call held');
  });
});
