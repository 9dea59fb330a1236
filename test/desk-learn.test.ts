/**
 * Learning from the desk, in the page (Chromium, playwright-core): an editor
 * takes a flag's suggestion and rejects a name fix on a held article, adds
 * both to the newsroom dictionary from the page, and the next article the
 * service cleans comes out differently: the flagged passage is replaced
 * (no flag), and the name is kept as written where it stands in the same
 * words as in the passage it was kept in, while it is still fixed elsewhere. The queue
 * shows how often each rule's changes were rejected.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tokenDigest } from '../src/queue/editors.js';
import { createServer, type CopydeskServer } from '../src/server/app.js';
import { ready } from './helpers/server.js';

const root = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const MACHINE = 'learn-machine-token-41aa';
const BEA = 'bea-editor-token-93c2';

const HELD = [
  'Tencent (00700.HK) signed a two-year agreement on Thursday to rent Nvidia (NVDA.US) accelerators through a cloud partner, Huang Renxun told reporters, as the group expands its AI chatbot Siasun Robot & Automation to more languages.',
  'At a briefing later that day, Huang Renxun said demand from Asian platforms was rising faster than from any other region.',
].join('\n\n');

const folder = mkdtempSync(join(tmpdir(), 'copydesk-learn-'));
const dictionary = join(folder, 'newsroom-desk.yaml');
let server: CopydeskServer;
let url: string;
let browser: Browser;
let page: Page;

const clean = async (content: string) => {
  const response = await fetch(`${url}/v1/clean`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MACHINE}` },
    body: JSON.stringify({ format: 'markdown', content }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { markdown: string; messages: { ruleId: string; actual?: string }[] };
};

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new Error('the page is not built: run `npm run build`');
  server = await createServer({
    port: 0,
    threads: 1,
    logLevel: false,
    token: MACHINE,
    database: join(folder, 'copydesk.db'),
    editors: [{ name: 'bea', tokenSha256: tokenDigest(BEA) }],
    preview: { page: true },
    queue: { dictionary },
  });
  url = await server.listen();
  await ready(url);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('learning from the desk', () => {
  test('entries added from the page change the next article', async () => {
    // Before: the passage is flagged and the name fixed in either paragraph.
    const next = [
      'Tencent said its AI chatbot Siasun Robot & Automation would reach Nvidia-powered servers in Asian markets first.',
      'Later that day, Huang Renxun said Nvidia supply would stay tight.',
      'Separately, Huang Renxun met Nvidia suppliers in Taipei.',
    ].join('\n\n');
    const before = await clean(next);
    expect(before.messages.map((m) => m.ruleId)).toContain('suspicious-product-name');
    expect(before.markdown).not.toContain('Huang Renxun');

    const hold = await fetch(`${url}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MACHINE}` },
      body: JSON.stringify({ format: 'markdown', content: HELD, hold: true, source: 'learn-wire' }),
    });
    expect(hold.status).toBe(202);
    const { held } = (await hold.json()) as { held: { id: string } };

    await page.goto(`${url}/?item=${held.id}#token=${BEA}`);
    const flag = page.locator('[data-flag][data-rule="suspicious-product-name"]');
    await flag.waitFor();
    await flag.click();
    const use = page.locator('#actions button', { hasText: /^Use “/ }).first();
    const suggestion = /^Use “(.*)”$/.exec(await use.innerText())![1]!;
    await use.click();
    await page.getByRole('button', { name: 'Add to the newsroom dictionary' }).click();
    await page.locator('#toast.shown', { hasText: 'Added to the newsroom dictionary' }).waitFor();

    await page.locator('[data-change][data-rule="person-name"]').nth(1).click();
    await page.getByRole('button', { name: 'Reject (keep the original)' }).click();
    await page.locator('#saved[data-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Add to the newsroom dictionary' }).click();
    await page.locator('#toast.shown', { hasText: 'kept as written' }).waitFor();

    // Written to the file, with specs from the article.
    const written = readFileSync(dictionary, 'utf8');
    expect(written).toContain('Siasun Robot & Automation');
    expect(written).toMatch(/mode: 'off'|mode: off/);
    expect(written).toContain('day, Huang Renxun said');
    expect(written).toContain('bea');

    // After: the passage is replaced by the dictionary, no longer flagged; the name is kept where it is written as it was kept.
    const after = await clean(next);
    expect(after.messages.map((m) => m.ruleId)).not.toContain('suspicious-product-name');
    expect(after.messages.find((m) => m.actual?.includes('Siasun'))?.ruleId).toBe('dictionary');
    expect(after.markdown).toContain(suggestion);
    const [first, second, third] = after.markdown.split('\n\n');
    expect(first).not.toContain('Siasun');
    expect(second).toContain('Huang Renxun');
    expect(third).not.toContain('Huang Renxun');

    // The queue shows how often each rule's changes are rejected, once the item is decided.
    await page.getByRole('button', { name: 'Reject the article' }).click();
    await page.locator('#item-bar[data-status="rejected"]').waitFor();
    await page.goto(`${url}/`);
    await page.locator('#rejections [data-rule="person-name"]').waitFor();
    expect(await page.locator('#rejections [data-rule="person-name"]').innerText()).toMatch(/1 of 2 rejected \(50%\)/);
  });

  test('a flag dismissed for a passage comes in dismissed next time in that passage, and only there', async () => {
    const sentence = 'Baidu (BIDU.US) said on Friday it would add voice search to its AI assistant Siasun Robot & Automation in the coming weeks.';
    const holdArticle = async (content: string) => {
      const response = await fetch(`${url}/v1/clean`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MACHINE}` },
        body: JSON.stringify({ format: 'markdown', content, hold: true }),
      });
      expect(response.status).toBe(202);
      const { held } = (await response.json()) as { held: { id: string } };
      const item = await fetch(`${url}/v1/queue/${held.id}`, { headers: { authorization: `Bearer ${BEA}` } });
      return (await item.json()) as { id: string; decisions: { dismiss?: string[] }; verdictAfterDecisions: string; audit: { actor: string; action: string }[] };
    };
    // Another passage than the one the first test turned into an entry (that one is no longer flagged at all).
    const first = await holdArticle(`${sentence}\n\nThe shares rose 2% in Hong Kong.`);
    await page.goto(`${url}/?item=${first.id}`);
    const flag = page.locator('[data-flag][data-rule="suspicious-product-name"]');
    await flag.waitFor();
    await flag.click();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('#saved[data-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Add to the newsroom dictionary' }).click();
    await page.locator('#toast.shown', { hasText: 'no longer flagged in this passage' }).waitFor();

    const again = await holdArticle(`${sentence}\n\nAnalysts expect more features.`);
    expect(again.decisions.dismiss).toHaveLength(1);
    expect(again.verdictAfterDecisions).toBe('publish');
    expect(again.audit.find((a) => a.action === 'decisions')?.actor).toBe('newsroom dictionary');
    // The same flag in another sentence is still open.
    const elsewhere = await holdArticle('Baidu (BIDU.US) plans to bring its AI assistant Siasun Robot & Automation to cars next year.');
    expect(elsewhere.decisions.dismiss ?? []).toEqual([]);
    expect(elsewhere.verdictAfterDecisions).toBe('review');
  });
});
