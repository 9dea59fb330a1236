/**
 * The preview page in a real browser: Debian's Chromium, driven by
 * playwright-core, against `copydesk preview <file>` on loopback. An article
 * with a duplicated lead, a related-articles block, two fixes of one
 * mistranslated name and a product named after a robot maker: every change
 * and the flag are shown; rejecting one name fix brings that one back;
 * accepting the flag's suggestion applies it; the Markdown downloaded is the
 * article with those decisions; the page works offline, raises no console
 * error, passes axe, and is readable at tablet width. Takes the screenshot
 * the README shows (docs/preview.png).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageId } from '../src/decisions.js';
import { clean } from '../src/pipeline.js';
import { createServer } from '../src/server/app.js';

const root = join(import.meta.dirname, '..');
const articlePath = join(root, 'fixtures', 'preview', 'chip-deal.md');
const article = readFileSync(articlePath, 'utf8');
const CHROMIUM = '/usr/bin/chromium';

let child: ChildProcess;
let url: string;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors, page errors, failed requests and requests to anywhere but the server. */
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new Error('the preview page is not built: run `npm run build`');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-test-tools.sh`);
  child = spawn(process.execPath, [join(root, 'dist', 'src', 'cli.js'), 'preview', articlePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`copydesk preview exited with ${code}`)));
  });
  origin = new URL(url).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = await context.newPage();
  watch(page);
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
});

function watch(p: Page): void {
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  p.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request elsewhere: ${r.url()}`);
  });
}

const output = () => page.locator('[data-output]');
const outputText = async () => (await output().innerText()).replace(/\s+/g, ' ');
/** Waits until the cleaned article holds (or, with `present` false, no longer holds) `needle`. */
const waitForOutput = (needle: string, present = true) =>
  page.waitForFunction(([n, p]) => (document.querySelector('[data-output]')?.textContent ?? '').replace(/\s+/g, ' ').includes(n) === p, [needle, present] as const, {
    timeout: 10_000,
  });

describe('preview page', () => {
  test('opens the article from the URL and shows every change and the flag', async () => {
    await page.goto(url);
    await page.waitForSelector('[data-change]');
    // The token left the address bar.
    expect(page.url()).not.toContain('token=');
    const rules = await page.locator('[data-change]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.rule));
    // The name in the standfirst moved to meta.dek is fixed there too: a change inside the struck-out block.
    expect(rules).toEqual(['dek', 'person-name', 'person-name', 'person-name', 'related-block', 'related-block']);
    const flags = page.locator('[data-flag]');
    expect(await flags.count()).toBe(1);
    expect(await flags.first().getAttribute('data-rule')).toBe('suspicious-product-name');
    // Removed blocks struck through with their rule, name fixes before → after, the flag's reason and suggestions in place.
    const lead = page.locator('[data-change][data-rule="dek"]');
    // Plain-language labels, not rule ids.
    expect(await lead.innerText()).toContain('Summary that repeats the lede');
    expect(await lead.innerText()).not.toContain('dek');
    expect(await page.locator('.removed').first().evaluate((n) => getComputedStyle(n).textDecorationLine)).toContain('line-through');
    const fix = page.locator('[data-change][data-rule="person-name"]').first();
    expect(await fix.locator('del').innerText()).toBe('Huang Renxun');
    expect(await fix.locator('ins').innerText()).toBe('Jensen Huang');
    const note = page.locator('.flag-note');
    expect(await note.innerText()).toMatch(/Product replaced by a company name\?[\s\S]*Suggested: “its AI chatbot” · “Meta AI”/);
    expect(await note.innerText()).not.toMatch(/suspicious-product-name|entity linker/);
    // The cleaned article.
    const text = await outputText();
    expect(text).toContain('chief executive Jensen Huang said');
    expect(text).toContain('after the announcement, Jensen Huang said');
    expect(text).not.toContain('Huang Renxun');
    expect(text).not.toContain('Related News');
    expect(text).not.toContain('for its data centres');
    expect(await page.locator('#counts').innerText()).toMatch(/6 of 6 changes made[\s\S]*1 of 1 flag open[\s\S]*Needs review/);
    expect(await page.locator('#kept [data-kept="dek"]').innerText()).toBe('Meta agreed to buy Nvidia processors for its data centres, chief executive Jensen Huang said.');
  });

  test('the screenshot for the README', async () => {
    await page.locator('[data-flag]').click();
    await page.waitForSelector('#actions button:has-text("Use “its AI chatbot”")');
    await page.screenshot({ path: join(root, 'docs', 'preview.png') });
    await page.locator('[data-change][data-rule="dek"]').click();
  });

  test('keyboard: next and previous move through changes and flags in article order', async () => {
    await page.locator('[data-change][data-rule="dek"]').focus();
    await page.keyboard.press('j');
    expect(await page.locator('#position').innerText()).toBe('2 of 7');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await page.locator('#position').innerText()).toBe('4 of 7');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.rule)).toBe('suspicious-product-name');
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    expect(await page.locator('#position').innerText()).toBe('1 of 7');
  });

  test('rejecting a removal restores the block in place; accepting it again removes it', async () => {
    await page.locator('[data-change][data-rule="dek"]').click();
    await page.keyboard.press('r');
    expect(await page.locator('#counts').getAttribute('data-rejected')).toBe('1');
    await waitForOutput('for its data centres');
    const paragraphs = await output().locator('p').allInnerTexts();
    expect(paragraphs[0]).toMatch(/^Meta agreed to buy Nvidia processors for its data centres/);
    expect(paragraphs[1]).toMatch(/^According to a statement/);
    await page.keyboard.press('a');
    await waitForOutput('for its data centres', false);
    expect(await page.locator('#counts').getAttribute('data-rejected')).toBe('0');
  });

  test('rejecting one name fix brings back that name only', async () => {
    // The third name fix: the first is in the standfirst, the second in the lede.
    const second = page.locator('[data-change][data-rule="person-name"]').nth(2);
    await second.click();
    await page.getByRole('button', { name: 'Reject (keep the original)' }).click();
    expect(await page.locator('#counts').innerText()).toMatch(/5 of 6 changes made · 1 rejected/);
    await waitForOutput('after the announcement, Huang Renxun said');
    const text = await outputText();
    expect(text).toContain('chief executive Jensen Huang said');
    expect(text.match(/Huang Renxun/g)).toHaveLength(1);
    expect(await second.getAttribute('data-state')).toBe('rejected');
    expect(await page.getByRole('button', { name: 'Reject (keep the original)' }).getAttribute('aria-pressed')).toBe('true');
    // The buttons are drawn again after a decision; the focus stays on the one used.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Reject/);
  });

  test("accepting the flag's suggestion applies it; editing and dismissing work too", async () => {
    await page.locator('[data-flag]').click();
    await page.getByRole('button', { name: 'Use “Meta AI”' }).click();
    await waitForOutput('capacity for Meta AI.');
    await page.keyboard.press('e');
    await page.locator('#edit-text').fill('its Meta AI assistant');
    await page.getByRole('button', { name: 'Use this text' }).click();
    await waitForOutput('capacity for its Meta AI assistant.');
    await page.keyboard.press('d');
    await waitForOutput('Siasun Robot & Automation');
    expect(await page.locator('#counts').innerText()).toMatch(/0 of 1 flag open[\s\S]*Ready to publish/);
    await page.keyboard.press('a');
    await waitForOutput('capacity for its AI chatbot.');
    expect(await outputText()).not.toContain('Siasun');
    expect(await page.locator('[data-flag]').getAttribute('data-state')).toBe('applied');
  });

  test('the Markdown downloaded is the article with those decisions; the decisions JSON replays them', async () => {
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .md' }).click()]);
    expect(md.suggestedFilename()).toBe('chip-deal.cleaned.md');
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toContain('# Meta signs multibillion-dollar Nvidia chip deal');
    expect(markdown).toContain('chief executive Jensen Huang said, as it adds capacity for its AI chatbot.');
    expect(markdown).toContain('Speaking to analysts after the announcement, Huang Renxun said');
    expect(markdown).not.toMatch(/Related News|Siasun|for its data centres/);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Decisions .json' }).click()]);
    const decisions = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(decisions.source).toMatchObject({ name: 'chip-deal.md', format: 'markdown' });
    expect(decisions.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decisions.verdict).toBe('publish');
    expect(decisions.items.map((i: { decision: string }) => i.decision)).toEqual(['accepted', 'accepted', 'accepted', 'applied', 'rejected', 'accepted', 'accepted']);
    // What the page downloaded is what clean() makes of the same decisions: a CMS can replay them.
    const replayed = await clean(article, { decisions: decisions.decisions });
    expect(replayed.markdown).toBe(markdown);
    const ids = (await clean(article)).messages.map(messageId);
    expect(decisions.items.map((i: { id: string }) => i.id)).toEqual(ids);

    await page.getByRole('button', { name: 'Copy HTML' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<p>Speaking to analysts after the announcement, Huang Renxun said');
  });

  test('the two sides scroll together', async () => {
    await page.setViewportSize({ width: 1366, height: 520 });
    const original = page.locator('#original');
    await original.hover();
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => document.getElementById('cleaned')!.scrollTop > 100);
    // The paragraph at the top of the original is at the top of the cleaned side too.
    const aligned = await page.evaluate(() => {
      const top = (pane: HTMLElement) => {
        const y = pane.getBoundingClientRect().top;
        return Array.from(pane.querySelectorAll<HTMLElement>('[data-o]')).find((el) => el.getBoundingClientRect().bottom > y + 1)?.dataset.o;
      };
      return [top(document.getElementById('original')!), top(document.getElementById('cleaned')!)];
    });
    expect(aligned[1]).toBe(aligned[0]);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  test('accessible: axe finds no violation; readable at tablet width', async () => {
    const axe = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const run = () =>
      page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    expect(await run()).toEqual([]);
    await page.setViewportSize({ width: 820, height: 1180 });
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      panes: Array.from(document.querySelectorAll('.pane')).map((p) => Math.round(p.getBoundingClientRect().width)),
      font: parseFloat(getComputedStyle(document.querySelector('[data-output] p')!).fontSize),
    }));
    expect(layout.overflow).toBeLessThanOrEqual(0);
    for (const width of layout.panes) expect(width).toBeGreaterThan(340);
    expect(layout.font).toBeGreaterThanOrEqual(15);
    expect(await run()).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  test('paste: format detected and changeable; pasted HTML is sanitized', async () => {
    const fresh = await context.newPage();
    watch(fresh);
    await fresh.goto(`${origin}/${new URL(url).hash}`);
    const hostile = `<article><h1>Chip supply</h1><p>Huang Renxun said supply would stay tight <img src="x" onerror="window.__owned=1"> all year.</p>
<p><a href="javascript:window.__owned=2">read more</a><script>window.__owned=3</script></p></article>`;
    await fresh.getByLabel('Paste the article').fill(hostile);
    expect(await fresh.locator('#format').inputValue()).toBe('html');
    expect(await fresh.locator('#detected').innerText()).toContain('HTML');
    await fresh.getByRole('button', { name: 'Clean the article' }).click();
    await fresh.waitForSelector('[data-change][data-rule="person-name"]');
    expect(await fresh.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    expect(await fresh.locator('#original img, #original script, [data-output] img, [data-output] script').count()).toBe(0);
    expect(await fresh.locator('[data-output] a[href^="javascript"]').count()).toBe(0);
    // Markdown taken for plain text: the format can be changed, and the article is cleaned again.
    await fresh.locator('#format').selectOption('text');
    await fresh.waitForFunction(() => document.getElementById('source-name')!.textContent!.includes('Plain text'));
    await fresh.close();
  });

  test('the lines kept beside the body (dateline, byline, standfirst) are shown beside it, as the CMS gets them', async () => {
    const fresh = await context.newPage();
    watch(fresh);
    await fresh.goto(`${origin}/${new URL(url).hash}`);
    const wire = [
      '# Harbour operator lifts dividend after record volumes',
      '',
      'By Lena Marsh',
      '',
      'SINGAPORE, March 3 (Harbour Wire) -',
      '',
      'The port operator raised its final dividend by a fifth on Tuesday after container volumes hit a record, and said it would spend more on automated cranes.',
      '',
      'Throughput rose 9% to 41 million boxes, helped by ships diverted from longer routes.',
    ].join('\n');
    await fresh.getByLabel('Paste the article').fill(wire);
    await fresh.locator('#format').selectOption('markdown');
    await fresh.getByRole('button', { name: 'Clean the article' }).click();
    await fresh.waitForSelector('#kept:not([hidden])');
    expect(await fresh.locator('#kept [data-kept="byline"]').innerText()).toBe('By Lena Marsh');
    expect(await fresh.locator('#kept [data-kept="dateline"]').innerText()).toBe('SINGAPORE, March 3 (Harbour Wire) -');
    // The aside is beside the output, not in it: the article as published is unchanged by it.
    expect(await fresh.locator('[data-output] #kept').count()).toBe(0);
    await fresh.close();
  });

  test('a change that a rejection brings to light joins the review', async () => {
    const fresh = await context.newPage();
    watch(fresh);
    await fresh.goto(`${origin}/${new URL(url).hash}`);
    const html = `<html><body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Chip supply stays tight</h1><p>Speaking in Taipei on Monday, Huang Renxun said supply of the newest parts would stay tight into next year.</p></article></body></html>`;
    await fresh.getByLabel('Paste the article').fill(html);
    await fresh.getByRole('button', { name: 'Clean the article' }).click();
    await fresh.locator('[data-change][data-rule="page-chrome"]').click();
    await fresh.keyboard.press('r');
    // Kept by the reader, the navigation is page furniture to strip-boilerplate: a new change, shown and counted.
    await fresh.waitForSelector('[data-change][data-rule="page-furniture"]');
    expect(await fresh.locator('#counts').getAttribute('data-changes')).toBe('3');
    await fresh.locator('[data-change][data-rule="page-furniture"]').click();
    await fresh.keyboard.press('r');
    await fresh.waitForFunction(() => document.querySelector('[data-output]')!.textContent!.includes('Markets'));
    expect(await fresh.locator('#counts').getAttribute('data-rejected')).toBe('2');
    await fresh.close();
  });

  test('drop a file', async () => {
    const fresh = await context.newPage();
    watch(fresh);
    await fresh.goto(`${origin}/${new URL(url).hash}`);
    const transfer = await fresh.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      return data;
    }, 'Chip supply stays tight\nHuang Renxun said supply would stay tight through next year.\n');
    await fresh.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await fresh.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await fresh.waitForSelector('[data-change][data-rule="person-name"]');
    expect(await fresh.locator('#source-name').innerText()).toBe('dropped.txt · Plain text');
    expect(await fresh.locator('[data-output]').innerText()).toContain('Jensen Huang said supply');
    await fresh.close();
  });

  test('copydesk serve with a token: the page asks for it once, then works', async () => {
    const server = await createServer({ port: 0, threads: 0, token: 'newsroom-token', logLevel: false, preview: { page: true } });
    const base = await server.listen();
    const fresh = await context.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(e.message));
    try {
      // The page asks at once (to learn whether the server has a review queue), then never again.
      await fresh.goto(`${base}/`);
      await fresh.getByLabel('Token', { exact: true }).fill('newsroom-token');
      await fresh.getByRole('button', { name: 'Continue' }).click();
      await fresh.getByLabel('Paste the article').fill(article);
      await fresh.getByRole('button', { name: 'Clean the article' }).click();
      await fresh.waitForSelector('[data-change][data-rule="related-block"]');
      expect(await fresh.locator('#token-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      // No queue on this server: the desk stays hidden.
      expect(await fresh.locator('#desk').isHidden()).toBe(true);
      expect(await fresh.locator('[data-change]').count()).toBe(6);
      expect(errors).toEqual([]);
    } finally {
      await fresh.close();
      await server.close();
    }
  });

  test("editors' fixes: bars stay while only the panes scroll; f goes flag by flag; copy confirmed on screen; every key in the help; export disabled with nothing loaded", async () => {
    await page.locator('[data-change][data-rule="dek"]').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('j');
    const layout = await page.evaluate(() => ({
      main: document.querySelector('main')!.scrollTop,
      window: window.scrollY,
      header: document.querySelector('.top')!.getBoundingClientRect().top,
      bar: document.querySelector('#review-bar')!.getBoundingClientRect().top,
      panes: document.querySelector('#original')!.scrollTop + document.querySelector('#cleaned')!.scrollTop,
    }));
    expect(layout).toMatchObject({ main: 0, window: 0, header: 0 });
    expect(layout.bar).toBeGreaterThan(0);
    expect(layout.bar).toBeLessThan(200);
    expect(layout.panes).toBeGreaterThan(0);

    await page.locator('[data-change][data-rule="dek"]').focus();
    await page.keyboard.press('f');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.rule)).toBe('suspicious-product-name');
    await page.keyboard.press('Shift+F');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.rule)).toBe('suspicious-product-name');

    await page.getByRole('button', { name: 'Copy Markdown' }).click();
    // The toast of an earlier copy may still be on screen: wait for this copy's own.
    const toast = page.locator('#toast.shown', { hasText: 'Markdown copied' });
    await toast.waitFor();
    expect(await toast.innerText()).toBe('Markdown copied to the clipboard');
    expect(await toast.isVisible()).toBe(true);

    await page.keyboard.press('?');
    const help = await page.locator('#help-dialog').innerText();
    for (const key of ['j', 'k', 'f', 'a', 'r', 'd', 'e', 'u', '1', '?', 'Esc', 'Shift']) expect(help).toContain(key);
    await page.keyboard.press('Escape');

    const bare = new URL(url);
    bare.search = '';
    const fresh = await context.newPage();
    try {
      await fresh.goto(bare.href);
      await fresh.getByLabel('Paste the article').waitFor();
      const disabled = await fresh.locator('[data-export]').evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).disabled));
      expect(disabled).toEqual([true, true, true, true, true]);
    } finally {
      await fresh.close();
    }
  });

  test('no console errors, no failed requests, nothing fetched from elsewhere', () => {
    expect(problems).toEqual([]);
  });
});
