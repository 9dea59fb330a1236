/**
 * Delivering approved articles to their callback URL, signed the way Ghost
 * signs its webhooks, so a receiver can check them with the same code:
 *
 *   POST <callback URL>
 *   Content-Type: application/json
 *   X-Copydesk-Signature: sha256=<hex HMAC-SHA256 of (raw body + t)>, t=<ms since epoch>
 *   X-Copydesk-Delivery: <item id>          (the same on every attempt: receivers dedupe on it)
 *   X-Copydesk-Attempt: <n>
 *
 * A 2xx answer publishes the item. Anything else (another status, a refused
 * connection, no answer within `timeoutMs`) is retried after `backoffMs`,
 * doubling each time (capped at `maxBackoffMs`), up to `attempts` tries; then
 * the item is `failed`, with the last error on it, until an editor retries.
 *
 * Each service process runs one `Deliverer`; items are claimed from the store
 * with a lease, so two processes never post the same item at once.
 */
import { randomBytes } from 'node:crypto';
import { signGhostRequest } from '../server/ghost.js';
import type { CmsRef, QueueItem, QueueStore } from './types.js';

/**
 * Delivery straight into a CMS (Payload's Local API or REST, Ghost's Admin
 * API): resolves once the CMS has the article published; throws (with a
 * message an editor can read) when it could not.
 */
export type CmsTarget = (item: QueueItem) => Promise<void>;
export type CmsTargets = Partial<Record<Exclude<CmsRef['kind'], 'callback'>, CmsTarget>>;

export interface DeliveryOptions {
  /** HMAC secret for `X-Copydesk-Signature`; without it only items with a CMS target are delivered. */
  secret?: string | undefined;
  /** Items whose CMS reference is of one of these kinds go to that CMS instead of a callback. */
  targets?: CmsTargets | undefined;
  /** Tries before an item fails. @default 5 */
  attempts?: number | undefined;
  /** Wait before the second try, ms; doubled for each later one. @default 2000 */
  backoffMs?: number | undefined;
  /** Longest wait between tries, ms. @default 300000 */
  maxBackoffMs?: number | undefined;
  /** Time limit for one attempt, ms. @default 10000 */
  timeoutMs?: number | undefined;
  /** How often to look for due items when nothing woke the deliverer, ms. @default 1000 */
  pollMs?: number | undefined;
}

/** The JSON posted for an approved item. */
export function deliveryBody(item: QueueItem): Record<string, unknown> {
  const approved = item.approved ?? item.result;
  const decision = [...item.audit].reverse().find((a) => a.action === 'approved');
  return {
    id: item.id,
    event: 'item.approved',
    cms: item.cms,
    ...(item.source ? { source: item.source } : {}),
    ...(approved.title !== undefined ? { title: approved.title } : {}),
    markdown: approved.markdown,
    html: approved.html,
    messages: approved.messages,
    verdict: item.verdict,
    decisions: item.decisions,
    approvedBy: decision?.actor,
    approvedAt: decision?.at,
  };
}

export function backoff(attempt: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
}

export class Deliverer {
  readonly owner = `deliverer-${randomBytes(6).toString('hex')}`;
  readonly #options: Required<Omit<DeliveryOptions, 'secret' | 'targets'>> & Pick<DeliveryOptions, 'secret'>;
  readonly #targets: CmsTargets;
  /** The CMS kinds delivered here rather than to a callback URL. */
  readonly kinds: string[];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    private readonly store: QueueStore,
    options: DeliveryOptions,
    private readonly log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void } = { warn() {}, info() {} },
  ) {
    const { targets, ...rest } = options;
    this.#options = { attempts: 5, backoffMs: 2000, maxBackoffMs: 300_000, timeoutMs: 10_000, pollMs: 1000, ...stripUndefined(rest), secret: options.secret };
    this.#targets = targets ?? {};
    this.kinds = Object.keys(this.#targets);
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Look now (an item was just approved). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#drain().finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.#options.pollMs);
      });
    }, ms);
    this.#timer.unref();
  }

  /** Delivers every item due now. */
  async #drain(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      let item: QueueItem | undefined;
      try {
        item = await this.store.claimDelivery(this.owner, this.#options.timeoutMs * 3, Date.now(), this.kinds);
      } catch (error) {
        this.log.warn({ err: { message: (error as Error).message } }, 'delivery: cannot read the queue');
        return;
      }
      if (!item) return;
      await this.#deliver(item);
    }
  }

  async #deliver(item: QueueItem): Promise<void> {
    const attempt = item.delivery.attempts + 1;
    const target = item.cms.kind === 'callback' ? undefined : this.#targets[item.cms.kind];
    const error = target ? await this.#toCms(target, item) : await this.#toCallback(item, attempt);
    const now = Date.now();
    const retryAt = attempt < this.#options.attempts ? now + backoff(attempt, this.#options.backoffMs, this.#options.maxBackoffMs) : undefined;
    await this.store.recordDelivery(item.id, this.owner, error ? { ok: false, error, retryAt } : { ok: true }, now);
    if (error) this.log.warn({ item: item.id, attempt, error, retry: retryAt !== undefined }, 'delivery failed');
    else this.log.info({ item: item.id, attempt, to: target ? item.cms.kind : 'callback' }, 'delivered');
  }

  async #toCms(target: CmsTarget, item: QueueItem): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#options.timeoutMs} ms`)), this.#options.timeoutMs);
    });
    try {
      await Promise.race([target(item), timeout]);
      return undefined;
    } catch (failure) {
      return `${item.cms.kind}: ${(failure as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
  }

  async #toCallback(item: QueueItem, attempt: number): Promise<string | undefined> {
    if (!item.callbackUrl) return 'no callback URL';
    const secret = this.#options.secret;
    if (!secret) return 'no callback secret is configured (COPYDESK_CALLBACK_SECRET)';
    const raw = JSON.stringify(deliveryBody(item));
    let error: string | undefined;
    try {
      const response = await fetch(item.callbackUrl!, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Copydesk-Signature': signGhostRequest(secret, raw),
          'X-Copydesk-Delivery': item.id,
          'X-Copydesk-Attempt': String(attempt),
        },
        body: raw,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status > 299) error = `the callback answered ${response.status}`;
    } catch (failure) {
      const cause = (failure as Error & { cause?: Error }).cause;
      error = `the callback could not be reached: ${cause?.message ?? (failure as Error).message}`;
    }
    return error;
  }

  /** Stops looking for items; a delivery under way finishes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
