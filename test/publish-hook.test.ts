/** `createPublishHook`: the in-process hook for Strapi lifecycles and custom servers. */
import { describe, expect, test } from 'vitest';
import { createPublishHook, verdictOf } from '../src/index.js';
import { CLEAN_MARKDOWN, DEFECTIVE_HTML, DEFECTIVE_MARKDOWN, LEAD_SUMMARY, RELATED, TITLE } from './helpers/articles.js';

describe('createPublishHook', () => {
  test('cleans the field, keeps the rest of the document, leaves the input alone', async () => {
    const hook = createPublishHook({ field: 'body', reportField: 'copydesk' });
    const doc = { id: 7, title: TITLE, body: DEFECTIVE_MARKDOWN, slug: 'harbourline' };
    const { doc: out, report, verdict } = await hook(doc);
    expect(verdict).toBe('publish');
    expect(out.body).not.toContain(LEAD_SUMMARY);
    expect(out.body).not.toContain(RELATED[0]);
    expect(out).toMatchObject({ id: 7, title: TITLE, slug: 'harbourline' });
    expect(out.copydesk).toBe(report);
    expect(report.changes).toBeGreaterThanOrEqual(4);
    expect(report.flags).toBe(0);
    expect(report.rules['dek']).toBe(1);
    expect(doc.body).toBe(DEFECTIVE_MARKDOWN);
  });

  test('HTML fields come back as HTML; format can depend on the document', async () => {
    const hook = createPublishHook({ field: 'content', format: (d) => (d.kind === 'html' ? 'html' : 'markdown') });
    const { doc } = await hook({ kind: 'html', title: TITLE, content: DEFECTIVE_HTML });
    expect(doc.content).toMatch(/^<p>According to/);
  });

  test('verdicts: warnings review, blocked rules reject; no body passes', async () => {
    const review = createPublishHook({ clean: { rules: { 'related-block': 'warning' } } });
    expect((await review({ body: DEFECTIVE_MARKDOWN })).verdict).toBe('review');
    const reject = createPublishHook({ clean: { rules: { 'related-block': 'warning' } }, block: ['*'] });
    expect((await reject({ body: DEFECTIVE_MARKDOWN })).verdict).toBe('reject');
    expect((await reject({ body: CLEAN_MARKDOWN })).verdict).toBe('publish');
    expect((await reject({ title: 'No body yet' })).verdict).toBe('publish');
  });

  test('verdictOf', () => {
    expect(verdictOf([])).toBe('publish');
    expect(verdictOf([{ severity: 'info', ruleId: 'a' }])).toBe('publish');
    expect(verdictOf([{ severity: 'warning', ruleId: 'a' }])).toBe('review');
    expect(verdictOf([{ severity: 'warning', ruleId: 'a' }], ['a'])).toBe('reject');
    expect(verdictOf([{ severity: 'error', ruleId: 'b' }])).toBe('reject');
  });
});
