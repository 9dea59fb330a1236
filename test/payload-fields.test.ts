/**
 * The Payload plugin reaches a body inside tabs, groups, rows and collapsibles (by its data path),
 * in a real Payload 3 instance (local API) on SQLite in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Field } from 'payload';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blocksAlong, copydesk, fieldAt, loadRichTextLexical } from '../src/payload/index.js';
import { DEFECTIVE_MARKDOWN, LEAD_FULL, LEAD_SUMMARY, RELATED, TITLE } from './helpers/articles.js';

type Payload = Awaited<ReturnType<typeof import('payload').getPayload>>;

// A layout with the body two levels down, and a trap: a top-level field of the same name that is not the body.
const FEATURE_FIELDS: Field[] = [
  { name: 'title', type: 'text' },
  { name: 'body', type: 'text' },
  {
    type: 'tabs',
    tabs: [
      { label: 'Story', fields: [{ name: 'content', type: 'group', fields: [{ name: 'kicker', type: 'text' }, { name: 'body', type: 'textarea' }] }] },
      { name: 'seo', fields: [{ name: 'description', type: 'text' }] },
    ],
  },
];

const COLUMN_FIELDS: Field[] = [
  { name: 'title', type: 'text' },
  {
    type: 'tabs',
    tabs: [{ name: 'main', fields: [{ type: 'row', fields: [{ type: 'collapsible', label: 'Text', fields: [{ name: 'story', type: 'textarea' }] }] }] }],
  },
];

// Blocks: the body of every `text` block is cleaned; a `quote` block's field of the same name is not (a trap).
const LONGREAD_FIELDS: Field[] = [
  { name: 'title', type: 'text' },
  {
    name: 'layout',
    type: 'blocks',
    blocks: [
      { slug: 'text', fields: [{ name: 'body', type: 'textarea' }] },
      { slug: 'quote', fields: [{ name: 'body', type: 'textarea' }, { name: 'speaker', type: 'text' }] },
    ],
  },
];

describe('fieldAt', () => {
  test('follows named groups and tabs, looks through unnamed tabs, rows and collapsibles', () => {
    expect(fieldAt(FEATURE_FIELDS, ['content', 'body'])).toMatchObject({ name: 'body', type: 'textarea' });
    expect(fieldAt(FEATURE_FIELDS, ['body'])).toMatchObject({ name: 'body', type: 'text' });
    expect(fieldAt(FEATURE_FIELDS, ['seo', 'description'])).toMatchObject({ name: 'description' });
    expect(fieldAt(COLUMN_FIELDS, ['main', 'story'])).toMatchObject({ name: 'story', type: 'textarea' });
    // a named tab is a segment: its fields are not reachable without it
    expect(fieldAt(COLUMN_FIELDS, ['story'])).toBeUndefined();
    expect(fieldAt(FEATURE_FIELDS, ['content', 'missing'])).toBeUndefined();
    expect(fieldAt(FEATURE_FIELDS, ['title', 'body'])).toBeUndefined();
    expect(fieldAt(LONGREAD_FIELDS, ['layout', 'text', 'body'])).toMatchObject({ name: 'body', type: 'textarea' });
    expect(fieldAt(LONGREAD_FIELDS, ['layout', 'gallery', 'body'])).toBeUndefined();
    expect(blocksAlong(LONGREAD_FIELDS, ['layout', 'text', 'body'])).toEqual({ blocks: ['layout'], slug: 'text', inner: ['body'] });
    expect(blocksAlong(FEATURE_FIELDS, ['content', 'body'])).toBeUndefined();
  });

  test('an unknown path is refused when the plugin is set up', () => {
    const plugin = copydesk({ collections: { features: { field: 'content.bdy' } } });
    expect(() => plugin({ collections: [{ slug: 'features', fields: FEATURE_FIELDS }] } as never)).toThrow(/no top-level field "content\.bdy", nor one by that path/);
  });
});

const folder = mkdtempSync(join(tmpdir(), 'copydesk-payload-fields-'));
let payload: Payload;

beforeAll(async () => {
  const lexical = await loadRichTextLexical();
  const { buildConfig, getPayload } = await import('payload');
  const { sqliteAdapter } = await import('@payloadcms/db-sqlite');
  const config = buildConfig({
    secret: 'copydesk-fields-test-secret-0123456789',
    telemetry: false,
    typescript: { autoGenerate: false },
    db: sqliteAdapter({ client: { url: `file:${join(folder, 'payload.db')}` } }),
    editor: lexical.lexicalEditor(),
    logger: { options: { level: 'error' } },
    collections: [
      { slug: 'features', versions: { drafts: true }, fields: FEATURE_FIELDS },
      { slug: 'columns', versions: { drafts: true }, fields: COLUMN_FIELDS },
      { slug: 'longreads', versions: { drafts: true }, fields: LONGREAD_FIELDS },
    ],
    plugins: [copydesk({ collections: { features: { field: 'content.body' }, columns: { field: 'main.story' }, longreads: { field: 'layout.text.body' } } })],
  });
  payload = await getPayload({ config, key: `copydesk-fields-${process.pid}` });
}, 180_000);

afterAll(async () => {
  await payload?.destroy();
  rmSync(folder, { recursive: true, force: true });
});

describe('a body inside tabs and groups', () => {
  test('publishing cleans the grouped body and leaves its siblings and the same-named top-level field alone', async () => {
    const draft = await payload.create({
      collection: 'features',
      data: { title: TITLE, body: RELATED[0], content: { kicker: 'Logistics', body: DEFECTIVE_MARKDOWN } },
      draft: true,
    });
    expect((draft.content as { body: string }).body).toBe(DEFECTIVE_MARKDOWN);
    const published = await payload.update({ collection: 'features', id: draft.id, data: { _status: 'published' } });
    const content = published.content as { kicker: string; body: string };
    expect(content.body).not.toContain(LEAD_SUMMARY);
    expect(content.body).not.toContain(RELATED[1]);
    expect(content.body).toContain(LEAD_FULL);
    expect(content.kicker).toBe('Logistics');
    expect(published.body).toBe(RELATED[0]);
    expect(published.copydesk).toMatchObject({ field: 'content.body', verdict: 'publish' });
  }, 120_000);

  test('a body in a collapsible in a row in a named tab', async () => {
    const published = await payload.create({ collection: 'columns', data: { title: TITLE, main: { story: DEFECTIVE_MARKDOWN }, _status: 'published' } });
    const story = (published.main as { story: string }).story;
    expect(story).toContain(LEAD_FULL);
    expect(story).not.toContain(RELATED[1]);
  }, 120_000);

  test('every text block of a blocks field, not the quote block beside them', async () => {
    const quote = `${RELATED[0]}\n\n${RELATED[1]}`;
    const published = await payload.create({
      collection: 'longreads',
      data: {
        title: TITLE,
        layout: [
          { blockType: 'text', body: DEFECTIVE_MARKDOWN },
          { blockType: 'quote', body: quote, speaker: 'A desk editor' },
          { blockType: 'text', body: `${LEAD_FULL}\n\n${RELATED.join('\n\n')}` },
        ],
        _status: 'published',
      },
    });
    const layout = published.layout as Array<{ blockType: string; body: string; speaker?: string }>;
    expect(layout.map((b) => b.blockType)).toEqual(['text', 'quote', 'text']);
    expect(layout[0]!.body).not.toContain(LEAD_SUMMARY);
    expect(layout[0]!.body).toContain(LEAD_FULL);
    expect(layout[2]!.body).not.toContain(RELATED[1]);
    expect(layout[1]).toMatchObject({ body: quote, speaker: 'A desk editor' });
    const report = published.copydesk as { field: string; messages: Array<{ reason: string }> };
    expect(report.field).toBe('layout.text.body');
    expect(report.messages.some((m) => m.reason.startsWith('layout.2: '))).toBe(true);
    expect(report.messages.some((m) => m.reason.startsWith('layout.1: '))).toBe(false);
  }, 120_000);
});
