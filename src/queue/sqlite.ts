/**
 * The review queue in the service's SQLite database (`server.database`, see
 * `src/server/database.ts`, whose migrations include the queue's tables).
 * Status changes are single `UPDATE … WHERE status = ?` statements, and a
 * delivery is claimed with a lease in one statement, so several processes on
 * one machine sharing the file never approve or deliver one item twice.
 */
import type { Migration, SqliteDatabase } from '../server/database.js';
import { newItemId, rowToItem, rowToSummary, ruleRejections, rulesOf, type AuditRow, type ItemRow } from './rows.js';
import { STATUSES, type AuditEntry, type DecideExtra, type DeliveryOutcome, type ListFilter, type ListResult, type NewItem, type QueueItem, type QueueStore, type SavedDecisions, type Status, type Transition } from './types.js';

export const QUEUE_SQLITE_MIGRATION: Migration = {
  name: 'review queue: items, their rules, the audit log',
  up: (db) =>
    db.exec(`
      CREATE TABLE queue_items (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'published', 'failed')),
        verdict TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        source TEXT,
        title TEXT,
        cms TEXT NOT NULL,
        callback_url TEXT,
        input TEXT NOT NULL,
        result TEXT NOT NULL,
        policy TEXT NOT NULL,
        decisions TEXT NOT NULL DEFAULT '{}',
        approved TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT
      );
      CREATE INDEX queue_items_status ON queue_items (status, created_at);
      CREATE INDEX queue_items_due ON queue_items (status, next_attempt_at);
      CREATE TABLE queue_item_rules (
        item_id TEXT NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL,
        PRIMARY KEY (item_id, rule_id)
      ) WITHOUT ROWID;
      CREATE INDEX queue_item_rules_rule ON queue_item_rules (rule_id, item_id);
      CREATE TABLE queue_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id TEXT NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX queue_audit_item ON queue_audit (item_id, seq);
    `),
};

const SUMMARY_COLUMNS = 'id, status, verdict, created_at, updated_at, source, title, cms, callback_url, attempts, next_attempt_at, last_error';

export class SqliteQueueStore implements QueueStore {
  readonly #db: SqliteDatabase;
  readonly #audit;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#audit = db.prepare<[string, number, string, string, string | null]>('INSERT INTO queue_audit (item_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)');
  }

  #log(id: string, now: number, actor: string, action: AuditEntry['action'], detail?: Record<string, unknown>): void {
    this.#audit.run(id, now, actor, action, detail ? JSON.stringify(detail) : null);
  }

  async create(item: NewItem, actor: string, now = Date.now()): Promise<QueueItem> {
    const id = newItemId();
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO queue_items (id, status, verdict, created_at, updated_at, source, title, cms, callback_url, input, result, policy)
           VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          item.verdict,
          now,
          now,
          item.source ?? null,
          item.result.title ?? item.input.title ?? null,
          JSON.stringify(item.cms),
          item.callbackUrl ?? null,
          JSON.stringify(item.input),
          JSON.stringify(item.result),
          JSON.stringify(item.policy),
        );
      const rule = this.#db.prepare('INSERT INTO queue_item_rules (item_id, rule_id) VALUES (?, ?)');
      for (const r of rulesOf(item.result.messages)) rule.run(id, r);
      this.#log(id, now, actor, 'held', { verdict: item.verdict });
    })();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<QueueItem | undefined> {
    const row = this.#db.prepare('SELECT * FROM queue_items WHERE id = ?').get(id) as ItemRow | undefined;
    if (!row) return undefined;
    const audit = this.#db.prepare('SELECT at, actor, action, detail FROM queue_audit WHERE item_id = ? ORDER BY seq').all(id) as AuditRow[];
    return rowToItem(row, audit);
  }

  async list(filter: ListFilter, now = Date.now()): Promise<ListResult> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.source) (where.push('source = ?'), params.push(filter.source));
    if (filter.rule) (where.push('id IN (SELECT item_id FROM queue_item_rules WHERE rule_id = ?)'), params.push(filter.rule));
    if (filter.olderThanMs !== undefined) (where.push('created_at <= ?'), params.push(now - filter.olderThanMs));
    if (filter.newerThanMs !== undefined) (where.push('created_at >= ?'), params.push(now - filter.newerThanMs));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.#db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM queue_items ${clause} ORDER BY created_at, id LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? 50, filter.offset ?? 0) as ItemRow[];
    const total = (this.#db.prepare(`SELECT count(*) AS n FROM queue_items ${clause}`).get(...params) as { n: number }).n;
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const c of this.#db.prepare('SELECT status, count(*) AS n FROM queue_items GROUP BY status').all() as { status: Status; n: number }[]) counts[c.status] = c.n;
    const rulesFor = this.#db.prepare('SELECT rule_id FROM queue_item_rules WHERE item_id = ? ORDER BY rule_id');
    const items = rows.map((row) => rowToSummary(row, (rulesFor.all(row.id) as { rule_id: string }[]).map((r) => r.rule_id)));
    return { items, total, counts };
  }

  /** Runs `change` (an UPDATE guarded by the expected status) and logs it, or says why it could not. */
  async #transition(id: string, change: () => number, log: () => void): Promise<Transition<QueueItem>> {
    const done = this.#db.transaction(() => {
      if (change() !== 1) return false;
      log();
      return true;
    })();
    if (done) return { ok: true, item: (await this.get(id))! };
    const row = this.#db.prepare('SELECT status FROM queue_items WHERE id = ?').get(id) as { status: Status } | undefined;
    return row ? { ok: false, reason: 'conflict', status: row.status } : { ok: false, reason: 'not-found' };
  }

  saveDecisions(id: string, decisions: SavedDecisions, actor: string, now = Date.now()): Promise<Transition<QueueItem>> {
    return this.#transition(
      id,
      () => this.#db.prepare("UPDATE queue_items SET decisions = ?, updated_at = ? WHERE id = ? AND status = 'pending'").run(JSON.stringify(decisions), now, id).changes,
      () => this.#log(id, now, actor, 'decisions', { ...decisions }),
    );
  }

  decide(id: string, to: 'approved' | 'rejected', actor: string, extra: DecideExtra, now = Date.now()): Promise<Transition<QueueItem>> {
    const guard = extra.decisions ? ' AND decisions = ?' : '';
    return this.#transition(
      id,
      () =>
        this.#db
          .prepare(`UPDATE queue_items SET status = ?, approved = ?, updated_at = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'${guard}`)
          .run(to, extra.approved ? JSON.stringify(extra.approved) : null, now, to === 'approved' ? now : null, id, ...(extra.decisions ? [JSON.stringify(extra.decisions)] : [])).changes,
      () => this.#log(id, now, actor, to, extra.note ? { note: extra.note } : undefined),
    );
  }

  retry(id: string, actor: string, now = Date.now()): Promise<Transition<QueueItem>> {
    return this.#transition(
      id,
      () =>
        this.#db
          .prepare("UPDATE queue_items SET status = 'approved', attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'failed'")
          .run(now, now, id).changes,
      () => this.#log(id, now, actor, 'retry'),
    );
  }

  async ruleRejections(): Promise<Record<string, { rejected: number; total: number }>> {
    return ruleRejections(this.#db.prepare("SELECT result, decisions FROM queue_items WHERE status <> 'pending'").all() as { result: string; decisions: string }[]);
  }

  async claimDelivery(owner: string, leaseMs: number, now = Date.now(), cmsKinds: readonly string[] = []): Promise<QueueItem | undefined> {
    // One statement: of two processes racing for the same item, one updates it and the other finds it leased.
    const row = this.#db
      .prepare(
        `UPDATE queue_items SET lease_owner = ?, lease_until = ?
         WHERE id = (SELECT id FROM queue_items
                     WHERE status = 'approved' AND next_attempt_at <= ?
                       AND (callback_url IS NOT NULL OR json_extract(cms, '$.kind') IN (SELECT value FROM json_each(?)))
                       AND (lease_until IS NULL OR lease_until <= ?)
                     ORDER BY next_attempt_at LIMIT 1)
           AND status = 'approved' AND (lease_until IS NULL OR lease_until <= ?)
         RETURNING id`,
      )
      .get(owner, now + leaseMs, now, JSON.stringify(cmsKinds), now, now) as { id: string } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  async recordDelivery(id: string, owner: string, outcome: DeliveryOutcome, now = Date.now()): Promise<void> {
    this.#db.transaction(() => {
      const held = this.#db.prepare("SELECT attempts FROM queue_items WHERE id = ? AND status = 'approved' AND lease_owner = ?").get(id, owner) as { attempts: number } | undefined;
      if (!held) return; // the lease ran out and another process took the item: its outcome counts
      const attempts = held.attempts + 1;
      if (outcome.ok) {
        this.#db
          .prepare("UPDATE queue_items SET status = 'published', attempts = ?, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?")
          .run(attempts, now, id);
        this.#log(id, now, 'delivery', 'published', { attempts });
      } else if (outcome.retryAt !== undefined) {
        this.#db
          .prepare('UPDATE queue_items SET attempts = ?, last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?')
          .run(attempts, outcome.error ?? 'failed', outcome.retryAt, now, id);
        this.#log(id, now, 'delivery', 'delivery-failed', { attempt: attempts, error: outcome.error, retryAt: new Date(outcome.retryAt).toISOString() });
      } else {
        this.#db
          .prepare("UPDATE queue_items SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?")
          .run(attempts, outcome.error ?? 'failed', now, id);
        this.#log(id, now, 'delivery', 'failed', { attempts, error: outcome.error });
      }
    })();
  }

  async close(): Promise<void> {
    // The database belongs to the server (the replay store shares it): it closes it.
  }
}
