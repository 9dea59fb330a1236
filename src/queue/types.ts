/**
 * The review queue's shapes and its storage interface. An item is an article
 * held for an editor: the original as sent, the cleaned result and its
 * messages, the verdict, where it goes when approved (a CMS reference and a
 * callback URL), its status, the editor's decisions, and an audit log.
 *
 *   pending ──approve──▶ approved ──delivered──▶ published
 *      │                    │ (retries with backoff; failures shown on the item)
 *      └──reject──▶ rejected└──attempts used up──▶ failed ──retry──▶ approved
 *
 * Every status change is one atomic transition in the store (`UPDATE … WHERE
 * status = <from>`), so two service processes on one database can never both
 * approve, or both deliver, one item.
 */
import type { Decisions } from '../decisions.js';
import type { AsyncReplayStore } from '../server/ghost.js';
import type { Verdict } from '../hook.js';
import type { Format } from '../input.js';
import type { JsonMessage } from '../json.js';
import type { CleanOptions } from '../pipeline.js';

export const STATUSES = ['pending', 'approved', 'rejected', 'published', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

/** Where an approved article belongs in the CMS; carried to the callback as is. */
export type CmsRef =
  | { kind: 'ghost'; postId: string }
  | { kind: 'payload'; collection: string; id: string }
  | { kind: 'callback' };

export interface ItemInput {
  content: string;
  format: Format;
  title?: string | undefined;
}

export interface ItemResult {
  markdown: string;
  html: string;
  title?: string | undefined;
  messages: JsonMessage[];
}

/** Editor decisions as saved: changes rejected, texts replaced (by message id), flags dismissed. */
export interface SavedDecisions extends Decisions {
  dismiss?: string[] | undefined;
}

export interface AuditEntry {
  at: string;
  /** The editor's name, `cms` for a machine token, `delivery` for the delivery worker. */
  actor: string;
  action: 'held' | 'decisions' | 'approved' | 'rejected' | 'delivery-failed' | 'published' | 'failed' | 'retry';
  detail?: Record<string, unknown> | undefined;
}

export interface QueueItem {
  id: string;
  status: Status;
  verdict: Verdict;
  createdAt: string;
  updatedAt: string;
  source?: string | undefined;
  cms: CmsRef;
  callbackUrl?: string | undefined;
  input: ItemInput;
  result: ItemResult;
  /** The clean options and block list the article was cleaned with (approval cleans again with them). */
  policy: { clean: CleanOptions; block: string[] };
  decisions: SavedDecisions;
  /** The article as approved (decisions applied), once approved. */
  approved?: ItemResult | undefined;
  delivery: { attempts: number; nextAttemptAt?: string | undefined; lastError?: string | undefined };
  audit: AuditEntry[];
}

export type ItemSummary = Omit<QueueItem, 'input' | 'result' | 'approved' | 'audit' | 'policy' | 'decisions'> & { rules: string[]; title?: string | undefined };

export interface NewItem {
  source?: string | undefined;
  cms: CmsRef;
  callbackUrl?: string | undefined;
  input: ItemInput;
  result: ItemResult;
  verdict: Verdict;
  policy: { clean: CleanOptions; block: string[] };
}

export interface ListFilter {
  status?: Status | undefined;
  rule?: string | undefined;
  source?: string | undefined;
  /** Only items created at least / at most this long ago, ms. */
  olderThanMs?: number | undefined;
  newerThanMs?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ListResult {
  items: ItemSummary[];
  /** Items matching the filter (all pages). */
  total: number;
  /** Items per status, over the whole queue. */
  counts: Record<Status, number>;
}

export type Transition<T> =
  | { ok: true; item: T }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; status: Status }
  /** Approval refused: the decisions were changed while it was being cleaned. */
  | { ok: false; reason: 'stale' };

export interface DecideExtra {
  note?: string | undefined;
  approved?: ItemResult | undefined;
  /** The decisions the approved article was made with. */
  decisions?: SavedDecisions | undefined;
}

export interface DeliveryOutcome {
  ok: boolean;
  error?: string | undefined;
  /** When to try again; none: attempts used up (the item fails). */
  retryAt?: number | undefined;
}

/** Storage for the queue: SQLite (one machine) or PostgreSQL (several replicas). */
export interface QueueStore {
  create(item: NewItem, actor: string, now?: number): Promise<QueueItem>;
  get(id: string): Promise<QueueItem | undefined>;
  list(filter: ListFilter, now?: number): Promise<ListResult>;
  /** Saves decisions on a pending item (replacing the ones saved before). */
  saveDecisions(id: string, decisions: SavedDecisions, actor: string, now?: number): Promise<Transition<QueueItem>>;
  /**
   * pending → approved (with the article as approved) or rejected, atomically;
   * with `decisions`, only while the saved decisions are still those.
   */
  decide(id: string, to: 'approved' | 'rejected', actor: string, extra: DecideExtra, now?: number): Promise<Transition<QueueItem>>;
  /** failed → approved, attempts reset. */
  retry(id: string, actor: string, now?: number): Promise<Transition<QueueItem>>;
  /**
   * Takes one approved item due for delivery (one with a callback URL, or a CMS reference of one of `cmsKinds`),
   * leased to `owner` for `leaseMs` (no one else gets it meanwhile).
   */
  claimDelivery(owner: string, leaseMs: number, now?: number, cmsKinds?: readonly string[]): Promise<QueueItem | undefined>;
  /** The outcome of a delivery attempt by the lease holder: published, failed, or due again later. */
  recordDelivery(id: string, owner: string, outcome: DeliveryOutcome, now?: number): Promise<void>;
  /** Per rule, over items an editor decided: changes rejected, and changes made. */
  ruleRejections(): Promise<Record<string, { rejected: number; total: number }>>;
  /** Webhook signatures kept in this store's database, when it is the one replicas share. */
  replayStore?(windowMs: number): AsyncReplayStore;
  close(): Promise<void>;
}
