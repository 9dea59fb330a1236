/**
 * The review queue in PostgreSQL (`pg`), for several service replicas on one
 * database. Migrations are versioned in `copydesk_migrations` and applied on
 * start under an advisory lock, so replicas starting together apply each
 * once. Status changes are `UPDATE … WHERE status = $from RETURNING`; a
 * delivery is claimed with `FOR UPDATE SKIP LOCKED` and a lease, so an item
 * approved through one replica is seen as approved by all, and no two
 * replicas deliver it at once.
 */
import pg from 'pg';
import type { AsyncReplayStore } from '../server/ghost.js';
import { newItemId, rowToItem, rowToSummary, ruleRejections, rulesOf, type AuditRow, type ItemRow } from './rows.js';
import { STATUSES, type AuditEntry, type DecideExtra, type DeliveryOutcome, type ListFilter, type ListResult, type NewItem, type QueueItem, type QueueStore, type SavedDecisions, type Status, type Transition } from './types.js';

/** Every migration, in order; append only. */
export const POSTGRES_MIGRATIONS: { name: string; sql: string }[] = [
  {
    name: 'review queue: items, their rules, the audit log',
    sql: `
      CREATE TABLE queue_items (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'published', 'failed')),
        verdict TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        source TEXT,
        title TEXT,
        cms JSONB NOT NULL,
        callback_url TEXT,
        input JSONB NOT NULL,
        result JSONB NOT NULL,
        policy JSONB NOT NULL,
        decisions JSONB NOT NULL DEFAULT '{}',
        approved JSONB,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT,
        lease_owner TEXT,
        lease_until BIGINT,
        last_error TEXT
      );
      CREATE INDEX queue_items_status ON queue_items (status, created_at);
      CREATE INDEX queue_items_due ON queue_items (status, next_attempt_at);
      CREATE TABLE queue_item_rules (
        item_id TEXT NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL,
        PRIMARY KEY (item_id, rule_id)
      );
      CREATE INDEX queue_item_rules_rule ON queue_item_rules (rule_id, item_id);
      CREATE TABLE queue_audit (
        seq BIGSERIAL PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail JSONB
      );
      CREATE INDEX queue_audit_item ON queue_audit (item_id, seq);
    `,
  },
  {
    name: 'webhook signatures seen, with their expiry',
    sql: `
      CREATE TABLE seen_signatures (
        signature TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX seen_signatures_expiry ON seen_signatures (expires_at);
    `,
  },
];

/** An arbitrary constant naming copydesk's migration lock. */
const MIGRATION_LOCK = 7_315_021_884;

export async function migratePostgres(pool: pg.Pool, migrations = POSTGRES_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS copydesk_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM copydesk_migrations');
    const version = rows[0]?.v ?? 0;
    if (version > migrations.length) throw new Error(`schema version ${version} is newer than this copydesk knows (${migrations.length}); upgrade copydesk`);
    for (let i = version; i < migrations.length; i++) {
      await client.query(migrations[i]!.sql);
      await client.query('INSERT INTO copydesk_migrations (version, name) VALUES ($1, $2)', [i + 1, migrations[i]!.name]);
    }
    await client.query('COMMIT');
    return migrations.length - version;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const SUMMARY_COLUMNS = 'id, status, verdict, created_at, updated_at, source, title, cms, callback_url, attempts, next_attempt_at, last_error';

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PostgresQueueStore implements QueueStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, and applies the migrations this database lacks. */
  static async connect(connectionString: string, poolSize = 5): Promise<PostgresQueueStore> {
    const pool = new pg.Pool({ connectionString, max: poolSize });
    pool.on('error', () => undefined); // an idle client lost: the next query reconnects
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw new Error(`the queue database: ${(error as Error).message}`);
    }
    return new PostgresQueueStore(pool);
  }

  async #tx<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  #log(client: Queryable, id: string, now: number, actor: string, action: AuditEntry['action'], detail?: Record<string, unknown>) {
    return client.query('INSERT INTO queue_audit (item_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)', [id, now, actor, action, detail ? JSON.stringify(detail) : null]);
  }

  async create(item: NewItem, actor: string, now = Date.now()): Promise<QueueItem> {
    const id = newItemId();
    await this.#tx(async (client) => {
      await client.query(
        `INSERT INTO queue_items (id, status, verdict, created_at, updated_at, source, title, cms, callback_url, input, result, policy)
         VALUES ($1, 'pending', $2, $3, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          item.verdict,
          now,
          item.source ?? null,
          item.result.title ?? item.input.title ?? null,
          JSON.stringify(item.cms),
          item.callbackUrl ?? null,
          JSON.stringify(item.input),
          JSON.stringify(item.result),
          JSON.stringify(item.policy),
        ],
      );
      for (const rule of rulesOf(item.result.messages)) await client.query('INSERT INTO queue_item_rules (item_id, rule_id) VALUES ($1, $2)', [id, rule]);
      await this.#log(client, id, now, actor, 'held', { verdict: item.verdict });
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<QueueItem | undefined> {
    const { rows } = await this.pool.query<ItemRow>('SELECT * FROM queue_items WHERE id = $1', [id]);
    if (!rows[0]) return undefined;
    const audit = await this.pool.query<AuditRow>('SELECT at, actor, action, detail FROM queue_audit WHERE item_id = $1 ORDER BY seq', [id]);
    return rowToItem(rows[0], audit.rows);
  }

  async list(filter: ListFilter, now = Date.now()): Promise<ListResult> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => (params.push(value), `$${params.length}`);
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.source) where.push(`source = ${param(filter.source)}`);
    if (filter.rule) where.push(`id IN (SELECT item_id FROM queue_item_rules WHERE rule_id = ${param(filter.rule)})`);
    if (filter.olderThanMs !== undefined) where.push(`created_at <= ${param(now - filter.olderThanMs)}`);
    if (filter.newerThanMs !== undefined) where.push(`created_at >= ${param(now - filter.newerThanMs)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM queue_items ${clause}`, params)).rows[0]!.n);
    const page = [...params, filter.limit ?? 50, filter.offset ?? 0];
    const { rows } = await this.pool.query<ItemRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM queue_items ${clause} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      page,
    );
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const c of (await this.pool.query<{ status: Status; n: string }>('SELECT status, count(*) AS n FROM queue_items GROUP BY status')).rows) counts[c.status] = Number(c.n);
    const rules = new Map<string, string[]>();
    if (rows.length) {
      const found = await this.pool.query<{ item_id: string; rule_id: string }>('SELECT item_id, rule_id FROM queue_item_rules WHERE item_id = ANY($1) ORDER BY rule_id', [rows.map((r) => r.id)]);
      for (const r of found.rows) rules.set(r.item_id, [...(rules.get(r.item_id) ?? []), r.rule_id]);
    }
    return { items: rows.map((row) => rowToSummary(row, rules.get(row.id) ?? [])), total, counts };
  }

  async #transition(id: string, change: (client: Queryable) => Promise<number>, log: (client: Queryable) => Promise<unknown>): Promise<Transition<QueueItem>> {
    const done = await this.#tx(async (client) => {
      if ((await change(client)) !== 1) return false;
      await log(client);
      return true;
    });
    if (done) return { ok: true, item: (await this.get(id))! };
    const { rows } = await this.pool.query<{ status: Status }>('SELECT status FROM queue_items WHERE id = $1', [id]);
    return rows[0] ? { ok: false, reason: 'conflict', status: rows[0].status } : { ok: false, reason: 'not-found' };
  }

  saveDecisions(id: string, decisions: SavedDecisions, actor: string, now = Date.now()): Promise<Transition<QueueItem>> {
    return this.#transition(
      id,
      async (c) => (await c.query("UPDATE queue_items SET decisions = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'", [JSON.stringify(decisions), now, id])).rowCount ?? 0,
      (c) => this.#log(c, id, now, actor, 'decisions', { ...decisions }),
    );
  }

  decide(id: string, to: 'approved' | 'rejected', actor: string, extra: DecideExtra, now = Date.now()): Promise<Transition<QueueItem>> {
    const guard = extra.decisions ? ' AND decisions = $6::jsonb' : '';
    return this.#transition(
      id,
      async (c) =>
        (
          await c.query(`UPDATE queue_items SET status = $1, approved = $2, updated_at = $3, next_attempt_at = $4 WHERE id = $5 AND status = 'pending'${guard}`, [
            to,
            extra.approved ? JSON.stringify(extra.approved) : null,
            now,
            to === 'approved' ? now : null,
            id,
            ...(extra.decisions ? [JSON.stringify(extra.decisions)] : []),
          ])
        ).rowCount ?? 0,
      (c) => this.#log(c, id, now, actor, to, extra.note ? { note: extra.note } : undefined),
    );
  }

  retry(id: string, actor: string, now = Date.now()): Promise<Transition<QueueItem>> {
    return this.#transition(
      id,
      async (c) =>
        (await c.query("UPDATE queue_items SET status = 'approved', attempts = 0, next_attempt_at = $1, last_error = NULL, updated_at = $1 WHERE id = $2 AND status = 'failed'", [now, id])).rowCount ?? 0,
      (c) => this.#log(c, id, now, actor, 'retry'),
    );
  }

  async ruleRejections(): Promise<Record<string, { rejected: number; total: number }>> {
    const { rows } = await this.pool.query<{ result: unknown; decisions: unknown }>("SELECT result, decisions FROM queue_items WHERE status <> 'pending'");
    return ruleRejections(rows);
  }

  async claimDelivery(owner: string, leaseMs: number, now = Date.now(), cmsKinds: readonly string[] = []): Promise<QueueItem | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE queue_items SET lease_owner = $1, lease_until = $2
       WHERE id = (SELECT id FROM queue_items
                   WHERE status = 'approved' AND next_attempt_at <= $3
                     AND (callback_url IS NOT NULL OR cms->>'kind' = ANY($4::text[]))
                     AND (lease_until IS NULL OR lease_until <= $3)
                   ORDER BY next_attempt_at LIMIT 1
                   FOR UPDATE SKIP LOCKED)
         AND status = 'approved' AND (lease_until IS NULL OR lease_until <= $3)
       RETURNING id`,
      [owner, now + leaseMs, now, [...cmsKinds]],
    );
    return rows[0] ? this.get(rows[0].id) : undefined;
  }

  async recordDelivery(id: string, owner: string, outcome: DeliveryOutcome, now = Date.now()): Promise<void> {
    await this.#tx(async (client) => {
      const { rows } = await client.query<{ attempts: number }>("SELECT attempts FROM queue_items WHERE id = $1 AND status = 'approved' AND lease_owner = $2 FOR UPDATE", [id, owner]);
      if (!rows[0]) return; // the lease ran out and another replica took the item: its outcome counts
      const attempts = rows[0].attempts + 1;
      if (outcome.ok) {
        await client.query("UPDATE queue_items SET status = 'published', attempts = $1, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = $2 WHERE id = $3", [attempts, now, id]);
        await this.#log(client, id, now, 'delivery', 'published', { attempts });
      } else if (outcome.retryAt !== undefined) {
        await client.query('UPDATE queue_items SET attempts = $1, last_error = $2, next_attempt_at = $3, lease_owner = NULL, lease_until = NULL, updated_at = $4 WHERE id = $5', [
          attempts,
          outcome.error ?? 'failed',
          outcome.retryAt,
          now,
          id,
        ]);
        await this.#log(client, id, now, 'delivery', 'delivery-failed', { attempt: attempts, error: outcome.error, retryAt: new Date(outcome.retryAt).toISOString() });
      } else {
        await client.query("UPDATE queue_items SET status = 'failed', attempts = $1, last_error = $2, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = $3 WHERE id = $4", [
          attempts,
          outcome.error ?? 'failed',
          now,
          id,
        ]);
        await this.#log(client, id, now, 'delivery', 'failed', { attempts, error: outcome.error });
      }
    });
  }

  replayStore(windowMs: number): AsyncReplayStore {
    return new PostgresReplayStore(this.pool, windowMs);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Webhook signatures seen, shared by every replica (see src/server/replay.ts for the SQLite one). */
export class PostgresReplayStore implements AsyncReplayStore {
  #lastPrune = 0;
  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly windowMs: number,
  ) {}

  async accept(signature: string, now = Date.now()): Promise<boolean> {
    if (now - this.#lastPrune > this.windowMs) {
      this.#lastPrune = now;
      await this.pool.query('DELETE FROM seen_signatures WHERE expires_at <= $1', [now]);
    }
    // One statement: of two replicas racing on one signature, one inserts (or takes over an expired row), the other changes nothing.
    const { rowCount } = await this.pool.query(
      `INSERT INTO seen_signatures (signature, expires_at) VALUES ($1, $2)
       ON CONFLICT (signature) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_signatures.expires_at <= $3`,
      [signature, now + 2 * this.windowMs, now],
    );
    return rowCount === 1;
  }
}
