/**
 * Replay protection that survives a restart: a signed Ghost webhook accepted
 * by one server is refused by the next one started on the same database
 * file (an instance in this process, and a `copydesk serve` process reading
 * `server.database` from its config); expired signatures are forgotten; the
 * schema is migrated once and a newer one is refused.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { DatabaseError, MIGRATIONS, openDatabase } from '../src/server/database.js';
import { signGhostRequest } from '../src/server/ghost.js';
import { SqliteReplayStore } from '../src/server/replay.js';
import { BODY } from './helpers/articles.js';
import { postJson, ready, start } from './helpers/server.js';
import { workspaces } from './helpers/workspace.js';

const SECRET = 'replay-secret-41c9';
const workspace = workspaces();

let n = 0;
function webhookBody(): string {
  n++;
  return JSON.stringify({ post: { current: { id: `p${n}`, title: 'Port operator adds two berths', html: BODY.map((p) => `<p>${p}</p>`).join(''), updated_at: '2026-05-01T08:00:00.000Z' } } });
}

const deliver = (url: string, raw: string, signature: string) => postJson(`${url}/v1/ghost/webhook`, raw, { 'x-ghost-signature': signature });

describe('replay store', () => {
  test('a webhook replayed after a restart on the same database is refused', async () => {
    const database = join(workspace(), 'state', 'copydesk.db');
    const raw = webhookBody();
    const signature = signGhostRequest(SECRET, raw);

    const first = await start({ database, ghost: { webhookSecret: SECRET } });
    try {
      expect((await deliver(first.url, raw, signature)).status).toBe(200);
    } finally {
      await first.server.close();
    }

    const second = await start({ database, ghost: { webhookSecret: SECRET } });
    try {
      const replayed = await deliver(second.url, raw, signature);
      expect(replayed.status).toBe(401);
      expect((await replayed.json()).error.code).toBe('SIGNATURE_REPLAYED');
      // A new delivery (new timestamp, new signature) is still accepted.
      const fresh = webhookBody();
      expect((await deliver(second.url, fresh, signGhostRequest(SECRET, fresh))).status).toBe(200);
    } finally {
      await second.server.close();
    }
  });

  test.skipIf(!existsSync('dist/src/cli.js'))('across processes: copydesk serve restarted with server.database from its config', async () => {
    const dir = workspace({ '.copydeskrc.yaml': 'server:\n  database: ./data/replay.db\n  threads: 1\n' });
    const raw = webhookBody();
    const signature = signGhostRequest(SECRET, raw);
    const run = async (): Promise<{ stop: () => Promise<void>; url: string }> => {
      const child = spawn(process.execPath, [join(process.cwd(), 'dist/src/cli.js'), 'serve', '--port', '0'], {
        cwd: dir,
        env: { ...process.env, COPYDESK_TOKEN: 't', COPYDESK_GHOST_WEBHOOK_SECRET: SECRET, XDG_STATE_HOME: join(dir, 'unused') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      let url: string | undefined;
      for (let i = 0; i < 400 && !url && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
      }
      if (!url) {
        child.kill('SIGKILL');
        throw new Error(`serve did not start: ${out}`);
      }
      await ready(url);
      return { url, stop: async () => void (child.kill('SIGTERM'), await once(child, 'exit')) };
    };
    const a = await run();
    expect((await deliver(a.url, raw, signature)).status).toBe(200);
    await a.stop();
    expect(existsSync(join(dir, 'data', 'replay.db'))).toBe(true);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
    const b = await run();
    try {
      const replayed = await deliver(b.url, raw, signature);
      expect(replayed.status).toBe(401);
      expect((await replayed.json()).error.code).toBe('SIGNATURE_REPLAYED');
    } finally {
      await b.stop();
    }
  });

  test('two stores on one file: a signature is accepted once between them; expired ones are forgotten', () => {
    const path = join(workspace(), 'shared.db');
    const one = openDatabase(path);
    const two = openDatabase(path);
    try {
      const a = new SqliteReplayStore(one, 1000);
      const b = new SqliteReplayStore(two, 1000);
      const now = 1_700_000_000_000;
      expect(a.accept('sig-1', now)).toBe(true);
      expect(b.accept('sig-1', now + 10)).toBe(false);
      expect(a.accept('sig-1', now + 1999)).toBe(false);
      // Kept for twice the window; after that, its timestamp would be refused anyway.
      expect(b.accept('sig-1', now + 2001)).toBe(true);
      expect(a.accept('sig-2', now + 2001)).toBe(true);
      const left = one.prepare('SELECT count(*) AS n FROM seen_signatures WHERE expires_at <= ?').get(now + 10_000) as { n: number };
      expect(left.n).toBe(2);
      a.accept('sig-3', now + 10_000);
      expect((one.prepare('SELECT signature FROM seen_signatures').all() as { signature: string }[]).map((r) => r.signature)).toEqual(['sig-3']);
    } finally {
      one.close();
      two.close();
    }
  });
});

describe('migrations', () => {
  test('applied once, recorded in user_version; reopening applies nothing', () => {
    const path = join(workspace(), 'm.db');
    openDatabase(path).close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
    let ran = 0;
    const counting = MIGRATIONS.map((m) => ({ ...m, up: (db: Database.Database) => (ran++, m.up(db)) }));
    openDatabase(path, counting).close();
    expect(ran).toBe(0);
  });

  test('a database from a newer copydesk is refused, not written', () => {
    const path = join(workspace(), 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 3}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseError);
    expect(() => openDatabase(path)).toThrow(/newer than this copydesk knows/);
  });

  test('an unusable path: a DatabaseError naming it', () => {
    const file = join(workspace({ blocker: 'a file, not a folder' }), 'blocker', 'x.db');
    expect(() => openDatabase(file)).toThrow(new RegExp(`cannot open the database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
