/**
 * Approved articles back into Payload CMS: the body field set to the article
 * as approved (the editor's decisions applied) and the document published.
 *
 * - Local API (copydesk's service in the Payload process):
 *     payloadLocalTarget(payload, { posts: { field: 'body' } })
 *   calls `payload.update({ collection, id, data: { body, _status: 'published' } })`.
 * - REST (copydesk as a service of its own):
 *     payloadRestTarget({ url: 'https://cms.example.net', apiKey, collections: { posts: { field: 'body' } } })
 *   sends `PATCH <url>/api/<collection>/<id>` with `Authorization: <authCollection> API-Key <apiKey>`
 *   (an API key of a Payload user allowed to update the collection).
 *
 * Either way the copydesk report field says the text was approved by an
 * editor (`approved: { item, by }`), so the plugin's publish hook does not
 * clean it again: the CMS gets exactly the text the editor approved.
 */
import type { CmsTarget } from './delivery.js';
import type { QueueItem } from './types.js';

export interface PayloadTargetCollection {
  /** The field the plugin cleans (a text, textarea or code field). */
  field: string;
  /** What the field holds. @default 'markdown' */
  format?: 'markdown' | 'html' | undefined;
}

/** The part of Payload's Local API used here. */
export interface PayloadLocalApi {
  update(args: { collection: string; id: string | number; data: Record<string, unknown>; context?: Record<string, unknown>; overrideAccess?: boolean }): Promise<unknown>;
}

export interface PayloadRestOptions {
  /** Payload's base URL (the REST API is under `/api`, or `apiRoute`). */
  url: string;
  apiKey: string;
  /** The auth collection the API key belongs to. @default 'users' */
  authCollection?: string | undefined;
  /** @default '/api' */
  apiRoute?: string | undefined;
  collections: Record<string, PayloadTargetCollection>;
  /** Name of the plugin's report field. @default 'copydesk' */
  reportField?: string | undefined;
}

/** The data an approved item writes: the field, published, and the report saying who approved it. */
export function payloadUpdate(item: QueueItem, collections: Record<string, PayloadTargetCollection>, reportField = 'copydesk'): { collection: string; id: string; data: Record<string, unknown> } {
  if (item.cms.kind !== 'payload') throw new Error('not a Payload item');
  const settings = collections[item.cms.collection];
  if (!settings) throw new Error(`collection "${item.cms.collection}" is not configured for delivery`);
  const approved = item.approved ?? item.result;
  const by = [...item.audit].reverse().find((a) => a.action === 'approved')?.actor;
  const text = settings.format === 'html' ? approved.html : approved.markdown;
  return {
    collection: item.cms.collection,
    id: item.cms.id,
    data: {
      [settings.field]: text,
      _status: 'published',
      [reportField]: { verdict: 'publish', approved: { item: item.id, by: by ?? null }, rules: {}, messages: approved.messages },
    },
  };
}

export function payloadLocalTarget(payload: PayloadLocalApi, collections: Record<string, PayloadTargetCollection>, reportField = 'copydesk'): CmsTarget {
  return async (item) => {
    const { collection, id, data } = payloadUpdate(item, collections, reportField);
    await payload.update({ collection, id, data, overrideAccess: true, context: { copydeskApproved: item.id } });
  };
}

export function payloadRestTarget(options: PayloadRestOptions): CmsTarget {
  const base = options.url.replace(/\/$/, '') + (options.apiRoute ?? '/api');
  return async (item) => {
    const { collection, id, data } = payloadUpdate(item, options.collections, options.reportField);
    const response = await fetch(`${base}/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `${options.authCollection ?? 'users'} API-Key ${options.apiKey}` },
      body: JSON.stringify(data),
      redirect: 'manual',
    });
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new Error(`PATCH /${collection}/${id} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  };
}
