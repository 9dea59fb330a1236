/**
 * The review desk's whole loop in a real browser (Debian's Chromium, driven
 * by playwright-core), against a real Payload 3 instance on SQLite and a
 * copydesk service with its queue in an SQLite file:
 *
 * - Payload: publishing a post with a mistranslated name (three times) and a
 *   product replaced by a robot maker's name holds it (the post stays a
 *   draft); it appears in the queue at `/`; the editor opens it, rejects one
 *   name fix and takes the flag's suggestion; a reload shows both; approving
 *   publishes the post in Payload with exactly the approved text; the audit
 *   log names the editor.
 * - The same loop for an article held through `/v1/clean`, delivered to a
 *   signed callback on a receiver the test starts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copydesk, loadRichTextLexical } from '../src/payload/index.js';
import { payloadLocalTarget } from '../src/queue/deliver-payload.js';
import { tokenDigest } from '../src/queue/editors.js';
import { createServer, type CopydeskServer } from '../src/server/app.js';
import { Receiver, until } from './helpers/receiver.js';
import { ready } from './helpers/server.js';

type Payload = Awaited<ReturnType<typeof import('payload').getPayload>>;

const root = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const MACHINE = 'cms-machine-token-7d1c0e94b2';
const ALICE = 'alice-editor-token-5f3a9c81e6';
const SECRET = 'callback-secret-2b8e';

// Written for this test: a rented-chips story whose chatbot was turned into a robot maker by the translation.
const TITLE = 'Tencent to rent Nvidia accelerators for its AI tools';
const BODY = [
  'Tencent (00700.HK) signed a two-year agreement on Thursday to rent Nvidia (NVDA.US) accelerators through a cloud partner, Huang Renxun told reporters in Taipei, as the group expands its AI chatbot Siasun Robot & Automation to more languages.',
  'The rented capacity will come online in stages from March, and the two sides did not disclose the price.',
  'At a briefing later that day, Huang Renxun said demand from Asian platforms was rising faster than from any other region.',
  'Asked about export rules, Huang Renxun declined to comment.',
].join('\n\n');

const folder = mkdtempSync(join(tmpdir(), 'copydesk-desk-'));
let payload: Payload;
let server: CopydeskServer;
let url: string;
let receiver: Receiver;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const api = async <T>(path: string, init: RequestInit = {}, token = ALICE): Promise<T> => {
  const response = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers } });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
};

interface Item {
  id: string;
  status: string;
  cms: { kind: string; id?: string };
  result: { messages: { id: string; ruleId: string; expected?: string[]; actual?: string }[] };
  decisions: { reject?: string[]; replace?: Record<string, string> };
  approved?: { markdown: string; html: string };
  audit: { actor: string; action: string }[];
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new Error('the page is not built: run `npm run build`');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-test-tools.sh`);
  receiver = new Receiver(SECRET);
  await receiver.listen();
  // The service delivers Payload items through the Local API of the instance started below.
  server = await createServer({
    port: 0,
    threads: 1,
    logLevel: false,
    token: MACHINE,
    database: join(folder, 'copydesk.db'),
    editors: [{ name: 'alice', tokenSha256: tokenDigest(ALICE) }],
    preview: { page: true },
    queue: {
      callbackSecret: SECRET,
      callbackOrigins: [receiver.url],
      delivery: { pollMs: 100, backoffMs: 100 },
      targets: { payload: (item) => payloadLocalTarget(payload, { posts: { field: 'body' } })(item) },
    },
  });
  url = await server.listen();
  await ready(url);

  const lexical = await loadRichTextLexical();
  const { buildConfig, getPayload } = await import('payload');
  const { sqliteAdapter } = await import('@payloadcms/db-sqlite');
  payload = await getPayload({
    key: `copydesk-desk-${process.pid}`,
    config: buildConfig({
      secret: 'copydesk-desk-test-secret-0123456789',
      telemetry: false,
      typescript: { autoGenerate: false },
      db: sqliteAdapter({ client: { url: `file:${join(folder, 'payload.db')}` } }),
      editor: lexical.lexicalEditor(),
      logger: { options: { level: 'error' } },
      collections: [{ slug: 'posts', versions: { drafts: true }, fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'textarea' }] }],
      plugins: [copydesk({ collections: { posts: { field: 'body' } }, hold: { url, token: MACHINE, source: 'payload-newsroom' } })],
    }),
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await context.newPage();
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request elsewhere: ${r.url()}`);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await payload?.destroy();
  await receiver?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Opens the item from the queue's list, rejects the second name fix, takes the flag's first suggestion; returns what was decided. */
async function reviewInThePage(itemId: string): Promise<{ rejected: string; flag: string; suggestion: string }> {
  await page.goto(`${url}/#token=${ALICE}`);
  const entry = page.locator(`[data-item="${itemId}"]`);
  await entry.waitFor();
  expect(await page.locator('#desk-counts [data-status="pending"]').innerText()).toMatch(/^\d+ waiting/);
  await entry.getByRole('link').click();
  await page.waitForSelector('[data-change][data-rule="person-name"]');
  expect(await page.locator('#item-status').innerText()).toBe('Waiting for review');

  const second = page.locator('[data-change][data-rule="person-name"]').nth(1);
  const rejected = (await second.getAttribute('data-id'))!;
  await second.click();
  await page.getByRole('button', { name: 'Reject (keep the original)' }).click();
  await page.waitForSelector('#saved[data-state="saved"]');

  const flag = page.locator('[data-flag][data-rule="suspicious-product-name"]');
  const flagId = (await flag.getAttribute('data-id'))!;
  await flag.click();
  const use = page.locator('#actions button', { hasText: /^Use “/ }).first();
  const suggestion = /^Use “(.*)”$/.exec(await use.innerText())![1]!;
  await page.locator('#saved').evaluate((n) => (n.textContent = ''));
  await use.click();
  await page.waitForSelector('#saved[data-state="saved"]');
  await page.waitForFunction((s) => (document.querySelector('[data-output]')?.textContent ?? '').includes(s), suggestion);

  // Reload: both decisions come back from the server.
  await page.reload();
  await page.waitForSelector(`[data-id="${rejected}"][data-state="rejected"]`);
  await page.waitForSelector(`[data-id="${flagId}"][data-state="applied"]`);
  expect(await page.locator('#counts').innerText()).toMatch(/1 rejected[\s\S]*0 of 1 flag open[\s\S]*Ready to publish/);
  return { rejected, flag: flagId, suggestion };
}

describe('review desk loop', () => {
  test('Payload: a held post is reviewed in the page and published with exactly the approved text', async () => {
    const draft = await payload.create({ collection: 'posts', data: { title: TITLE, body: BODY }, draft: true });
    const attempt = await payload.update({ collection: 'posts', id: draft.id, data: { _status: 'published' } });
    // Held: still a draft, its text as written, the report says so.
    expect(attempt._status).toBe('draft');
    expect(attempt.body).toBe(BODY);
    expect(attempt.copydesk).toMatchObject({ verdict: 'review', held: true });

    const list = await api<{ items: { id: string; cms: { kind: string; id: string }; source: string }[] }>('/v1/queue?status=pending', {}, MACHINE);
    const held = list.items.find((i) => i.cms.kind === 'payload' && i.cms.id === String(draft.id));
    expect(held).toMatchObject({ source: 'payload-newsroom' });

    const decided = await reviewInThePage(held!.id);
    const saved = await api<Item>(`/v1/queue/${held!.id}`);
    expect(saved.decisions.reject).toEqual([decided.rejected]);
    expect(saved.decisions.replace).toEqual({ [decided.flag]: decided.suggestion });

    await page.getByRole('button', { name: 'Approve and publish' }).click();
    await page.waitForSelector('#item-bar[data-status="approved"], #item-bar[data-status="published"]');
    const published = await until(async () => {
      const doc = await payload.findByID({ collection: 'posts', id: draft.id });
      return doc._status === 'published' ? doc : undefined;
    });
    const item = await until(async () => {
      const i = await api<Item>(`/v1/queue/${held!.id}`);
      return i.status === 'published' ? i : undefined;
    });
    // Exactly the approved text: two names fixed, the rejected one kept, the suggestion in place of the robot maker.
    expect(published.body).toBe(item.approved!.markdown);
    expect(published.body.match(/Jensen Huang/g)).toHaveLength(2);
    expect(published.body.match(/Huang Renxun/g)).toHaveLength(1);
    expect(published.body).toContain(decided.suggestion);
    expect(published.body).not.toContain('Siasun');
    expect(published.copydesk).toMatchObject({ approved: { item: held!.id, by: 'alice' } });
    expect(item.audit.find((a) => a.action === 'approved')?.actor).toBe('alice');
    expect(item.audit.filter((a) => a.action === 'decisions').every((a) => a.actor === 'alice')).toBe(true);
    expect(item.audit.at(-1)).toMatchObject({ action: 'published' });
  });

  test('callback: an article held through /v1/clean is reviewed in the page and delivered, signed, as approved', async () => {
    const holdResponse = await fetch(`${url}/v1/clean`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MACHINE}` },
      body: JSON.stringify({ format: 'markdown', title: TITLE, content: BODY, hold: true, source: 'wire-desk', callbackUrl: `${receiver.url}/hooks/copydesk` }),
    });
    expect(holdResponse.status).toBe(202);
    const { held } = (await holdResponse.json()) as { held: { id: string } };

    const decided = await reviewInThePage(held.id);
    await page.getByRole('button', { name: 'Approve and publish' }).click();
    const delivery = await until(() => receiver.deliveries.find((d) => d.body.id === held.id));
    expect(delivery.signatureValid).toBe(true);
    const item = await until(async () => {
      const i = await api<Item>(`/v1/queue/${held.id}`);
      return i.status === 'published' ? i : undefined;
    });
    expect(delivery.body.markdown).toBe(item.approved!.markdown);
    expect(delivery.body.markdown.match(/Huang Renxun/g)).toHaveLength(1);
    expect(delivery.body.markdown).toContain(decided.suggestion);
    expect(delivery.body).toMatchObject({ approvedBy: 'alice', source: 'wire-desk' });
    // Held items' counts and the published one in the list.
    const list = await api<{ counts: Record<string, number> }>('/v1/queue');
    expect(list.counts.published).toBeGreaterThanOrEqual(2);
  });

  test('the desk passes axe; no console errors, nothing fetched from elsewhere', async () => {
    await page.goto(`${url}/`);
    await page.locator('#desk-items li').first().waitFor();
    await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
