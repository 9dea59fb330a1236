/**
 * Webhook signatures seen, kept in the service's SQLite database, so a
 * captured request cannot be replayed after a restart, nor against another
 * `copydesk serve` process on the same database. A signature is kept until
 * twice the tolerance window has passed (its timestamp is refused after
 * that anyway); expired rows are pruned as new ones arrive.
 */
import type { SqliteDatabase } from './database.js';
import type { ReplayStore } from './ghost.js';

export class SqliteReplayStore implements ReplayStore {
  readonly #remember;
  readonly #prune;
  #lastPrune = 0;

  constructor(
    db: SqliteDatabase,
    private readonly windowMs: number,
  ) {
    // One statement, so two processes racing on one signature cannot both win:
    // a new row, or an expired one taken over, counts as a change; a live one does not.
    this.#remember = db.prepare<[string, number, number]>(
      `INSERT INTO seen_signatures (signature, expires_at) VALUES (?, ?)
       ON CONFLICT (signature) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_signatures.expires_at <= ?`,
    );
    this.#prune = db.prepare<[number]>('DELETE FROM seen_signatures WHERE expires_at <= ?');
  }

  accept(signature: string, now = Date.now()): boolean {
    if (now - this.#lastPrune > this.windowMs) {
      this.#prune.run(now);
      this.#lastPrune = now;
    }
    return this.#remember.run(signature, now + 2 * this.windowMs, now).changes === 1;
  }
}
