/**
 * Holding a Payload article for the review desk. With `hold` in the plugin's
 * options, an article whose verdict is `review` (or `reject`, unless
 * `hold.reject` is false) is not published: the document stays a draft with
 * its text as written, and the article goes into copydesk's review queue
 * (`POST /v1/clean` with `"hold": true` and the document's collection and
 * id). When an editor approves it, copydesk writes the approved text and
 * publishes the document (src/queue/deliver-payload.ts).
 *
 * The article is sent after Payload has saved the draft (an `afterChange`
 * hook), so a new document has its id; a queue that cannot be reached is
 * logged and leaves the draft unpublished, never published unreviewed.
 */
import type { CollectionAfterChangeHook } from 'payload';
import type { Format } from '../input.js';

export interface PayloadHoldOptions {
  /** The copydesk service's base URL (`https://copydesk.example.net`). */
  url: string;
  /** The service's machine token (`COPYDESK_TOKEN`). */
  token: string;
  /** `source` of held items. @default 'payload' */
  source?: string | undefined;
  /** Hold `reject` verdicts too (instead of refusing the publish). @default true */
  reject?: boolean | undefined;
  /** Time limit of the request to the queue, ms. @default 10000 */
  timeoutMs?: number | undefined;
}

/** What the publish hook leaves for the afterChange hook, in the operation's context. */
export interface PendingHold {
  content: string;
  format: Format;
  title?: string | undefined;
}

export const HOLD_CONTEXT_KEY = 'copydeskHold';

export interface HeldItem {
  id: string;
  url: string;
  status: string;
}

export async function enqueue(options: PayloadHoldOptions, collection: string, id: string, article: PendingHold): Promise<HeldItem | undefined> {
  const response = await fetch(`${options.url.replace(/\/$/, '')}/v1/clean`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({
      ...article,
      hold: true,
      source: options.source ?? 'payload',
      cms: { payload: { collection, id } },
    }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { held?: HeldItem; error?: { message?: string } };
  if (response.status === 202 && body.held) return body.held;
  if (response.status === 200) return undefined; // the service found nothing to hold
  throw new Error(`the review queue answered ${response.status}${body.error?.message ? `: ${body.error.message}` : ''}`);
}

export function holdHook(options: PayloadHoldOptions): CollectionAfterChangeHook {
  return async ({ doc, collection, context, req }) => {
    const pending = context?.[HOLD_CONTEXT_KEY] as PendingHold | undefined;
    if (!pending) return doc;
    delete context[HOLD_CONTEXT_KEY];
    try {
      const held = await enqueue(options, collection.slug, String(doc.id), pending);
      if (held) req.payload.logger.info({ msg: 'copydesk: held for review', collection: collection.slug, id: doc.id, item: held.id });
    } catch (error) {
      req.payload.logger.error({ msg: `copydesk: could not hold the article for review (it stays a draft): ${(error as Error).message}`, collection: collection.slug, id: doc.id });
    }
    return doc;
  };
}
