/**
 * The review desk's logic, whatever the store: hold an article, show it with
 * message ids an editor can decide on, save decisions, approve (cleaning the
 * original again with the decisions applied, under the same policy) or
 * reject, and hand approved items to the deliverer.
 */
import { messageId } from '../decisions.js';
import type { AsyncReplayStore } from '../server/ghost.js';
import { verdictOf } from '../hook.js';
import type { JsonMessage } from '../json.js';
import type { Cleaner } from '../server/limits.js';
import { Deliverer, type CmsTargets, type DeliveryOptions } from './delivery.js';
import type { DictionaryEntry } from '../entities/dictionary.js';
import { DeskDictionary, dismissalFromDecision, DismissalMemory, entryFromDecision, LearnError, type Dismissal } from './learn.js';
import type { CmsRef, ItemInput, ItemResult, NewItem, QueueItem, QueueStore, SavedDecisions, Transition } from './types.js';

export interface QueueOptions {
  /** `sqlite` (the service's database file, the default) or `postgres` (several replicas). */
  store?: 'sqlite' | 'postgres' | undefined;
  /** PostgreSQL connection string (from `COPYDESK_QUEUE_POSTGRES_URL`). */
  postgresUrl?: string | undefined;
  /** Where approved articles go when the held request named no callback. */
  callbackUrl?: string | undefined;
  /** Origins (`https://cms.example.net`) a request's callback URL may have; none listed: only `callbackUrl` is used. */
  callbackOrigins?: string[] | undefined;
  /** HMAC secret for callbacks (from `COPYDESK_CALLBACK_SECRET`); without it nothing is delivered to a callback. */
  callbackSecret?: string | undefined;
  /** Delivery straight into a CMS, by the kind of an item's CMS reference (`deliver-payload.ts`, `deliver-ghost.ts`). */
  targets?: CmsTargets | undefined;
  /** Retries and time limits of deliveries. */
  delivery?: Omit<DeliveryOptions, 'secret' | 'targets'> | undefined;
  /** The service's public base URL, for item URLs; default: the request's own origin. */
  publicUrl?: string | undefined;
  /** The newsroom dictionary (YAML) editors add to from the desk; loaded as a user dictionary for every article. */
  dictionary?: string | undefined;
}

export class QueueRequestError extends Error {
  override name = 'QueueRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Lines a separate title adds in front of the body when `cleanArticle` cleans
 * it (see `titlePrefix` in src/hook.ts): message ids are shown in body lines,
 * decisions are applied in cleaning lines.
 */
function titleLines(input: ItemInput): number {
  if (!input.title?.trim()) return 0;
  return input.format === 'markdown' ? 2 : 1;
}

/** `rule@3:1-4:9` moved down by `lines` (ids of messages without a place stay). */
export function shiftId(id: string, lines: number): string {
  if (!lines) return id;
  const match = /^(.*)@(\d+):(\d+)(?:-(\d+):(\d+))?$/.exec(id);
  if (!match) return id;
  const [, rule, line, column, endLine, endColumn] = match;
  return `${rule}@${Number(line) + lines}:${column}${endLine ? `-${Number(endLine) + lines}:${endColumn}` : ''}`;
}

export type MessageWithId = JsonMessage & { id: string };

export function withIds(messages: JsonMessage[]): MessageWithId[] {
  return messages.map((m) => ({ ...m, id: messageId(m) }));
}

/** The flags still open once an editor dismissed or rewrote some. */
export function openMessages(messages: JsonMessage[], decisions: SavedDecisions): JsonMessage[] {
  const settled = new Set([...(decisions.dismiss ?? []), ...Object.keys(decisions.replace ?? {})]);
  return messages.filter((m) => m.severity === 'info' || !settled.has(messageId(m)));
}

export class ReviewQueue {
  readonly deliverer: Deliverer | undefined;
  readonly dictionary: DeskDictionary | undefined;
  readonly dismissals: DismissalMemory | undefined;

  constructor(
    readonly store: QueueStore,
    private readonly cleaner: Cleaner,
    readonly options: QueueOptions,
    log?: ConstructorParameters<typeof Deliverer>[2],
  ) {
    this.dictionary = options.dictionary ? new DeskDictionary(options.dictionary) : undefined;
    this.dismissals = options.dictionary ? new DismissalMemory(`${options.dictionary}.dismissed.json`) : undefined;
    const targets = options.targets && Object.keys(options.targets).length ? options.targets : undefined;
    if (options.callbackSecret || targets) this.deliverer = new Deliverer(store, { ...options.delivery, secret: options.callbackSecret, targets }, log);
  }

  start(): void {
    this.deliverer?.start();
  }

  /** A replay store in the queue's own database when that is shared by replicas (PostgreSQL); none otherwise. */
  replayStore(windowMs: number): AsyncReplayStore | undefined {
    return this.store.replayStore?.(windowMs);
  }

  /** The callback for a held article: the request's own (from an allowed origin) or the configured one. */
  callbackFor(requested: string | undefined): string | undefined {
    if (!requested) return this.options.callbackUrl;
    let url: URL;
    try {
      url = new URL(requested);
    } catch {
      throw new QueueRequestError('BAD_CALLBACK', 'callbackUrl is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new QueueRequestError('BAD_CALLBACK', 'callbackUrl must be http(s)');
    if (!(this.options.callbackOrigins ?? []).includes(url.origin)) {
      throw new QueueRequestError('CALLBACK_NOT_ALLOWED', `callbackUrl's origin ${url.origin} is not in server.queue.callbackOrigins`);
    }
    return url.href;
  }

  async hold(article: Omit<NewItem, 'callbackUrl'> & { callbackUrl?: string | undefined }, actor: string): Promise<QueueItem> {
    // An item its CMS takes straight (a delivery target of its kind) needs no callback.
    const direct = article.cms.kind !== 'callback' && this.options.targets?.[article.cms.kind] !== undefined;
    const callbackUrl = direct ? undefined : this.callbackFor(article.callbackUrl);
    if (callbackUrl && !this.options.callbackSecret) {
      throw new QueueRequestError('CALLBACK_NOT_CONFIGURED', 'No callback secret is configured (COPYDESK_CALLBACK_SECRET): approved articles could not be delivered');
    }
    const item = await this.store.create({ ...article, callbackUrl }, actor);
    // Flags an editor dismissed before in the same passage come in dismissed (the audit log says by whom).
    const remembered = this.dismissals?.matching(item) ?? [];
    if (!remembered.length) return item;
    const saved = await this.store.saveDecisions(item.id, { dismiss: remembered }, 'newsroom dictionary');
    return saved.ok ? saved.item : item;
  }

  /** An item as the API shows it: messages with the ids decisions name, and the verdict with the decisions so far. */
  view(item: QueueItem): Record<string, unknown> {
    const open = openMessages(item.result.messages, item.decisions);
    return {
      ...item,
      result: { ...item.result, messages: withIds(item.result.messages) },
      verdictAfterDecisions: verdictOf(open, item.policy.block),
    };
  }

  saveDecisions(id: string, decisions: SavedDecisions, actor: string): Promise<Transition<QueueItem>> {
    return this.store.saveDecisions(id, decisions, actor);
  }

  async approve(id: string, actor: string, note: string | undefined): Promise<Transition<QueueItem>> {
    const item = await this.store.get(id);
    if (!item) return { ok: false, reason: 'not-found' };
    if (item.status !== 'pending') return { ok: false, reason: 'conflict', status: item.status };
    const approved = await this.#applyDecisions(item);
    // Only if no one changed the decisions while the article was being cleaned with them.
    const outcome = await this.store.decide(id, 'approved', actor, { note, approved, decisions: item.decisions });
    if (outcome.ok) this.deliverer?.wake();
    if (!outcome.ok && outcome.reason === 'conflict' && outcome.status === 'pending') return { ok: false, reason: 'stale' };
    return outcome;
  }

  reject(id: string, actor: string, note: string | undefined): Promise<Transition<QueueItem>> {
    return this.store.decide(id, 'rejected', actor, { note });
  }

  async retry(id: string, actor: string): Promise<Transition<QueueItem>> {
    const outcome = await this.store.retry(id, actor);
    if (outcome.ok) this.deliverer?.wake();
    return outcome;
  }

  /** The original cleaned again, under the policy it was held with, with the editor's decisions applied. */
  async #applyDecisions(item: QueueItem): Promise<ItemResult> {
    const { reject = [], replace = {} } = item.decisions;
    const lines = titleLines(item.input);
    const decisions = {
      reject: reject.map((id) => (id === '*' ? id : shiftId(id, lines))),
      replace: Object.fromEntries(Object.entries(replace).map(([id, text]) => [shiftId(id, lines), text])),
    };
    const result = await this.cleaner.clean(item.input, { ...item.policy.clean, decisions });
    return {
      markdown: result.markdown,
      html: result.html,
      ...(result.title !== undefined ? { title: result.title } : {}),
      messages: result.messages,
    };
  }

  /** An editor's decision on one message of an item, added to the newsroom dictionary. */
  async learn(id: string, message: string, editor: string): Promise<{ entry?: DictionaryEntry; dismissal?: Dismissal; entries: number } | undefined> {
    if (!this.dictionary || !this.dismissals) throw new LearnError('NO_DICTIONARY', 'No newsroom dictionary is configured (server.queue.dictionary)');
    const item = await this.store.get(id);
    if (!item) return undefined;
    const dismissal = dismissalFromDecision(item, message, editor);
    if (dismissal) return { dismissal, entries: this.dismissals.add(dismissal) };
    const entry = entryFromDecision(item, message, editor);
    const written = this.dictionary.add(entry);
    return { entry, entries: written.rules.length };
  }

  async close(): Promise<void> {
    await this.deliverer?.stop();
    await this.store.close();
  }
}

export function cmsRef(value: { ghost?: { postId: string }; payload?: { collection: string; id: string } } | undefined): CmsRef {
  if (value?.ghost) return { kind: 'ghost', postId: value.ghost.postId };
  if (value?.payload) return { kind: 'payload', collection: value.payload.collection, id: value.payload.id };
  return { kind: 'callback' };
}
