/**
 * The service's SQLite database (better-sqlite3): the webhook replay store
 * and the review queue. One file, shared by every `copydesk serve`
 * process on the machine (WAL mode, a busy timeout, so two processes can
 * write without "database is locked").
 *
 * The schema is versioned: `PRAGMA user_version` holds the number of
 * migrations applied, and every start applies the missing ones in order, in
 * one transaction each. Migrations are only ever appended.
 *
 * Where the file is: `server.database` in the config (relative to the config
 * file), else `copydesk/copydesk.db` under the OS state folder
 * (`$XDG_STATE_HOME` or `~/.local/state` on Linux, `~/Library/Application
 * Support` on macOS, `%LOCALAPPDATA%` on Windows). `:memory:` keeps nothing
 * (tests, one-off runs).
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { QUEUE_SQLITE_MIGRATION } from '../queue/sqlite.js';

export type SqliteDatabase = Database.Database;

export interface Migration {
  /** What it does, for the log and for readers. */
  name: string;
  up(db: SqliteDatabase): void;
}

/** Every migration, in order. Append only: a released migration is never changed. */
export const MIGRATIONS: Migration[] = [
  {
    name: 'webhook signatures seen, with their expiry',
    up: (db) =>
      db.exec(`
        CREATE TABLE seen_signatures (
          signature TEXT PRIMARY KEY,
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX seen_signatures_expiry ON seen_signatures (expires_at);
      `),
  },
  QUEUE_SQLITE_MIGRATION,
];

/** The OS folder for an application's state (not config, not cache). */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'copydesk', 'copydesk.db');
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** Opens (creating it and its folder if needed) and migrates the database. */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new DatabaseError(`cannot open the database ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw new DatabaseError(`the database ${path}: ${(error as Error).message}`);
  }
  return db;
}

/** Applies the migrations not yet applied; refuses a database from a newer copydesk. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  // IMMEDIATE: two processes starting at once do not both apply the same migration.
  const step = db.transaction((index: number) => {
    if ((db.pragma('user_version', { simple: true }) as number) !== index) return false;
    migrations[index]!.up(db);
    db.pragma(`user_version = ${index + 1}`);
    return true;
  });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(`schema version ${version} is newer than this copydesk knows (${migrations.length}); upgrade copydesk`);
  }
  let applied = 0;
  for (let index = version; index < migrations.length; index++) if (step.immediate(index)) applied++;
  return applied;
}

/** The database opened on first use, so a server that needs none (a preview) never creates the file. */
export class LazyDatabase {
  #db: SqliteDatabase | undefined;
  constructor(readonly path: string) {}

  get(): SqliteDatabase {
    this.#db ??= openDatabase(this.path);
    return this.#db;
  }

  get opened(): boolean {
    return this.#db !== undefined;
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }
}
