/**
 * The Payload plugin in a real Payload 3 instance (local API, no Next.js) on
 * SQLite in a temporary folder. Three collections, two plugin instances:
 *
 * - `posts` (drafts, Markdown textarea), `onWarnings: 'review'`
 * - `stories` (drafts, Lexical rich text), `onWarnings: 'review'`
 * - `wires` (no drafts, HTML in a code field), `onWarnings: 'review'`
 * - `briefs` (drafts, Markdown textarea), `onWarnings: 'block'`; a related
 *   block is configured as a warning here, so the test article carries one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copydesk, loadRichTextLexical, nodesMarkdownCannotCarry } from '../src/payload/index.js';
import { CLEAN_MARKDOWN, DEFECTIVE_HTML, DEFECTIVE_MARKDOWN, LEAD_FULL, LEAD_SUMMARY, RELATED, TITLE } from './helpers/articles.js';

type Payload = Awaited<ReturnType<typeof import('payload').getPayload>>;
type Lexical = Awaited<ReturnType<typeof loadRichTextLexical>>;

const folder = mkdtempSync(join(tmpdir(), 'copydesk-payload-'));
let payload: Payload;
let lexical: Lexical;
let ValidationError: typeof import('payload').ValidationError;

beforeAll(async () => {
  lexical = await loadRichTextLexical();
  const { buildConfig, getPayload, ValidationError: VE } = await import('payload');
  ValidationError = VE;
  const { sqliteAdapter } = await import('@payloadcms/db-sqlite');
  const config = buildConfig({
    secret: 'copydesk-test-secret-0123456789abcdef',
    telemetry: false,
    // Payload otherwise spawns `payload generate:types` in the background outside production.
    typescript: { autoGenerate: false },
    db: sqliteAdapter({ client: { url: `file:${join(folder, 'payload.db')}` } }),
    editor: lexical.lexicalEditor(),
    logger: { options: { level: 'error' } },
    loggingLevels: { ValidationError: false },
    collections: [
      { slug: 'posts', versions: { drafts: true }, fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'textarea' }] },
      { slug: 'stories', versions: { drafts: true }, fields: [{ name: 'title', type: 'text' }, { name: 'content', type: 'richText' }] },
      { slug: 'wires', fields: [{ name: 'title', type: 'text' }, { name: 'html', type: 'code', admin: { language: 'html' } }] },
      { slug: 'briefs', versions: { drafts: true }, fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'textarea' }] },
    ],
    plugins: [
      copydesk({ collections: { posts: { field: 'body' }, stories: { field: 'content' }, wires: { field: 'html' } }, onWarnings: 'review' }),
      copydesk({ collections: { briefs: { field: 'body' } }, onWarnings: 'block', clean: { rules: { 'related-block': 'warning' } } }),
    ],
  });
  payload = await getPayload({ config, key: `copydesk-test-${process.pid}` });
}, 120_000);

afterAll(async () => {
  await payload?.destroy();
  rmSync(folder, { recursive: true, force: true });
});

describe('copydesk Payload plugin', () => {
  test('saving a draft does not clean', async () => {
    const draft = await payload.create({ collection: 'posts', data: { title: TITLE, body: DEFECTIVE_MARKDOWN }, draft: true });
    expect(draft._status).toBe('draft');
    expect(draft.body).toBe(DEFECTIVE_MARKDOWN);
    expect(draft.copydesk ?? null).toBeNull();
  });

  test('publishing cleans the body and stores the report', async () => {
    const draft = await payload.create({ collection: 'posts', data: { title: TITLE, body: DEFECTIVE_MARKDOWN }, draft: true });
    const published = await payload.update({ collection: 'posts', id: draft.id, data: { _status: 'published' } });
    expect(published._status).toBe('published');
    expect(published.body).not.toContain(LEAD_SUMMARY);
    expect(published.body).not.toContain(RELATED[0]);
    expect(published.body).toContain(LEAD_FULL);
    const report = published.copydesk as { verdict: string; changes: number; rules: Record<string, number>; field: string };
    expect(report).toMatchObject({ verdict: 'publish', field: 'body', onWarnings: 'review' });
    expect(report.rules['dek']).toBe(1);
    expect(report.changes).toBeGreaterThanOrEqual(4);
    // Stored, not just returned.
    const read = await payload.findByID({ collection: 'posts', id: draft.id });
    expect(read.body).toBe(published.body);
    expect((read.copydesk as { verdict: string }).verdict).toBe('publish');
  });

  test('a clean article publishes unchanged', async () => {
    const doc = await payload.create({ collection: 'posts', data: { title: 'Plain story', body: CLEAN_MARKDOWN, _status: 'published' } });
    expect(doc.body.trim()).toBe(CLEAN_MARKDOWN);
    expect(doc.copydesk).toMatchObject({ verdict: 'publish', changes: 0, flags: 0 });
  });

  test('Lexical rich text is cleaned through Payload\'s Markdown converters', async () => {
    const editorConfig = await lexical.editorConfigFactory.default({ config: payload.config });
    const content = lexical.convertMarkdownToLexical({ editorConfig, markdown: DEFECTIVE_MARKDOWN });
    const draft = await payload.create({ collection: 'stories', data: { title: TITLE, content }, draft: true });
    const published = await payload.update({ collection: 'stories', id: draft.id, data: { _status: 'published' } });
    const markdown = lexical.convertLexicalToMarkdown({ editorConfig, data: published.content as never });
    expect(markdown).not.toContain(LEAD_SUMMARY);
    expect(markdown).not.toContain(RELATED[0]);
    expect(markdown).toContain('Harbourline shares rose 3.2%');
    expect(published.copydesk).toMatchObject({ verdict: 'publish', field: 'content' });
  });

  test('rich text with nodes Markdown cannot carry is checked, not rewritten', async () => {
    const editorConfig = await lexical.editorConfigFactory.default({ config: payload.config });
    const content = lexical.convertMarkdownToLexical({ editorConfig, markdown: DEFECTIVE_MARKDOWN }) as unknown as { root: { children: unknown[] } };
    content.root.children.push({ type: 'block', version: 2, format: '', fields: { id: 'x1', blockType: 'chart', blockName: '' } });
    expect(nodesMarkdownCannotCarry(content)).toEqual(['block']);
    const draft = await payload.create({ collection: 'stories', data: { title: TITLE, content: content as never }, draft: true, context: { copydeskSkip: true } });
    const published = await payload.update({ collection: 'stories', id: draft.id, data: { _status: 'published' } });
    expect(JSON.stringify(published.content)).toContain(LEAD_SUMMARY);
    expect(published.copydesk).toMatchObject({ field: 'content', unchanged: expect.stringMatching(/block nodes/) });
    // The plain blocks were still checked.
    expect((published.copydesk as { rules: Record<string, number> }).rules['dek']).toBe(1);
  });

  test('HTML in a code field, in a collection without drafts: cleaned on every save, stays HTML', async () => {
    const doc = await payload.create({ collection: 'wires', data: { title: TITLE, html: DEFECTIVE_HTML } });
    expect(doc.html).toMatch(/^<p>According to people familiar/);
    expect(doc.html).not.toContain(RELATED[1]);
    expect(doc.copydesk).toMatchObject({ verdict: 'publish', field: 'html' });
  });

  test('with block, a warning refuses the publish with a ValidationError listing it; the draft stays as it was', async () => {
    const draft = await payload.create({ collection: 'briefs', data: { title: TITLE, body: DEFECTIVE_MARKDOWN }, draft: true });
    const attempt = payload.update({ collection: 'briefs', id: draft.id, data: { _status: 'published' } });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const errors = (error as InstanceType<typeof ValidationError>).data.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ path: 'body' });
    expect(errors.map((e) => e.message).join('\n')).toMatch(/related-block: .*line \d+/);
    const kept = await payload.findByID({ collection: 'briefs', id: draft.id, draft: true });
    expect(kept._status).toBe('draft');
    expect(kept.body).toBe(DEFECTIVE_MARKDOWN);
  });

  test('with block, an article without warnings publishes', async () => {
    const doc = await payload.create({ collection: 'briefs', data: { title: 'Quiet day', body: CLEAN_MARKDOWN, _status: 'published' } });
    expect(doc._status).toBe('published');
    expect(doc.copydesk).toMatchObject({ verdict: 'publish', onWarnings: 'block' });
  });

  test('configuration mistakes are caught when the config is built', () => {
    const plugin = copydesk({ collections: { posts: { field: 'nope' } } });
    expect(() => plugin({ collections: [{ slug: 'posts', fields: [] }] } as never)).toThrow(/no top-level field "nope"/);
    expect(() => copydesk({ collections: { missing: { field: 'body' } } })({ collections: [] } as never)).toThrow(/no collection "missing"/);
  });
});
