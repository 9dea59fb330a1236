/**
 * Settings of `copydesk serve`: the `server` section of the config file
 * (validated here), the config's `block` list and clean options, secrets
 * from the environment, and command-line flags, merged in that order.
 *
 * Secrets never come from the config file (it is usually committed):
 *   COPYDESK_TOKEN                   bearer token for /v1/clean
 *   COPYDESK_GHOST_WEBHOOK_SECRET    secret of the Ghost webhook (HMAC)
 *   COPYDESK_GHOST_ADMIN_KEY         Ghost Admin API key `id:secret`, to write cleaned posts back
 *   COPYDESK_CALLBACK_SECRET         HMAC secret signing the review queue's callbacks
 *   COPYDESK_QUEUE_POSTGRES_URL      PostgreSQL connection string, for `server.queue.store: postgres`
 */
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { ConfigError, cleanOptionsFromConfig, describeErrors, type CopydeskConfig } from '../config.js';
import type { CleanOptions } from '../pipeline.js';
import type { EditorAccount } from '../queue/editors.js';
import type { QueueOptions } from '../queue/service.js';
import { defaultDatabasePath } from './database.js';
import type { PreviewOptions } from './preview.js';

export interface GhostOptions {
  /** Secret of the Ghost custom integration's webhook; no secret, no webhook endpoint. */
  webhookSecret?: string | undefined;
  /** Admin API key (`id:secret`, secret in hex) to write the cleaned body back. */
  adminKey?: string | undefined;
  /** Ghost site URL, e.g. `https://news.example.com`. */
  url?: string | undefined;
  /** How old (or how far in the future) a signature's timestamp may be. @default 300 */
  toleranceSeconds?: number | undefined;
  /**
   * Hold `review` and `reject` posts in the review queue (`server.queue`): the post goes back to draft through
   * the Admin API until an editor approves it, and is then written and published (docs/review-queue.md).
   */
  hold?: boolean | undefined;
}

export interface ServerOptions {
  host?: string | undefined;
  port?: number | undefined;
  /** Bearer token for write endpoints; without one the server only starts on a loopback host. */
  token?: string | undefined;
  /** Largest request body, bytes. @default 2 MiB */
  bodyLimit?: number | undefined;
  /** Time limit for cleaning one article (queue wait included), ms. @default 10000 */
  timeoutMs?: number | undefined;
  /** Time limit for receiving a whole request (headers and body), ms; slower clients are cut off. @default 30000 */
  requestTimeoutMs?: number | undefined;
  /** Time limit for receiving a request's headers, ms. @default 10000 */
  headersTimeoutMs?: number | undefined;
  /** How long a kept-alive connection may wait for its next request, ms. @default 5000 */
  idleTimeoutMs?: number | undefined;
  /** Open connections at most; more are closed as they arrive. @default 256 */
  maxConnections?: number | undefined;
  /** The SQLite file for the replay store (and the review queue); `:memory:` keeps nothing. @default under the OS state folder (see `database.ts`) */
  database?: string | undefined;
  /** The review queue (`POST /v1/clean` with `hold`, `/v1/queue/*`); none: no queue. See docs/review-queue.md. */
  queue?: QueueOptions | undefined;
  /** Named editor accounts (token SHA-256 digests) for the review queue. */
  editors?: EditorAccount[] | undefined;
  /** Articles being cleaned or waiting at once; more get 503 with Retry-After. @default 32 */
  concurrency?: number | undefined;
  /** Worker threads cleaning articles; 0 cleans on the main thread (no hard time limit). @default available cores */
  threads?: number | undefined;
  /** Origins allowed to call the API from a browser; none (the default) sends no CORS headers. */
  corsOrigins?: string[] | undefined;
  /** pino log level, or false for no logs. @default 'info' */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' | false | undefined;
  /** Log article text and titles (debug level). Off by default: logs hold metadata only. */
  logArticleText?: boolean | undefined;
  /** A folder served at `/` (for the editorial preview page). */
  staticRoot?: string | undefined;
  /** The editorial preview: its endpoints, the page at `/`, the files it may open (see `preview.ts`). */
  preview?: PreviewOptions | undefined;
  /** Rule ids whose warnings make the verdict `reject`; `*` for every warning. */
  block?: string[] | undefined;
  /** Options for every clean (from the config file). */
  clean?: CleanOptions | undefined;
  /** The config, for request options layered over it. */
  config?: CopydeskConfig | undefined;
  ghost?: GhostOptions | undefined;
  /** A writable stream for the logs (tests); default stdout. */
  logStream?: NodeJS.WritableStream | undefined;
}

const serverSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    bodyLimit: { type: 'integer', minimum: 1024 },
    timeoutMs: { type: 'integer', minimum: 1 },
    requestTimeoutMs: { type: 'integer', minimum: 1 },
    headersTimeoutMs: { type: 'integer', minimum: 1 },
    idleTimeoutMs: { type: 'integer', minimum: 1 },
    maxConnections: { type: 'integer', minimum: 1 },
    database: { type: 'string', minLength: 1 },
    queue: {
      type: 'object',
      additionalProperties: false,
      properties: {
        store: { enum: ['sqlite', 'postgres'] },
        callbackUrl: { type: 'string', pattern: '^https?://' },
        callbackOrigins: { type: 'array', items: { type: 'string', pattern: '^https?://[^/]+$' } },
        publicUrl: { type: 'string', pattern: '^https?://' },
        dictionary: { type: 'string', minLength: 1 },
        delivery: {
          type: 'object',
          additionalProperties: false,
          properties: {
            attempts: { type: 'integer', minimum: 1, maximum: 100 },
            backoffMs: { type: 'integer', minimum: 1 },
            maxBackoffMs: { type: 'integer', minimum: 1 },
            timeoutMs: { type: 'integer', minimum: 1 },
            pollMs: { type: 'integer', minimum: 10 },
          },
        },
      },
    },
    editors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'tokenSha256'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, tokenSha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' } },
      },
    },
    concurrency: { type: 'integer', minimum: 1 },
    threads: { type: 'integer', minimum: 0, maximum: 64 },
    corsOrigins: { type: 'array', items: { type: 'string', minLength: 1 } },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    logArticleText: { type: 'boolean' },
    static: { type: 'string', minLength: 1 },
    ghost: {
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string', pattern: '^https?://' },
        toleranceSeconds: { type: 'integer', minimum: 1 },
        hold: { type: 'boolean' },
      },
    },
  },
} as const;

const validateServer = new Ajv({ allErrors: true }).compile(serverSchema);

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  bodyLimit: 2 * 1024 * 1024,
  timeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 5_000,
  maxConnections: 256,
  concurrency: 32,
  toleranceSeconds: 300,
} as const;

/** Server options from a loaded config, the environment and flags (flags win). */
export function serverOptionsFromConfig(
  config: CopydeskConfig,
  env: NodeJS.ProcessEnv = process.env,
  flags: { host?: string | undefined; port?: number | undefined } = {},
  filepath = 'config',
): ServerOptions {
  const section = config.server ?? {};
  if (!validateServer(section)) {
    // an unknown key names the nearest valid one, as for the rest of the config
    const problems = describeErrors(validateServer.errors ?? [], serverSchema, section, 'server');
    throw new ConfigError(`${filepath}: ${problems}`);
  }
  const s = section as Record<string, unknown> & { ghost?: { url?: string; toleranceSeconds?: number } };
  const editors = (s.editors as EditorAccount[] | undefined) ?? [];
  const names = new Set(editors.map((e) => e.name));
  const digests = new Set(editors.map((e) => e.tokenSha256.toLowerCase()));
  if (names.size < editors.length) throw new ConfigError(`${filepath}: server/editors: two editors have the same name`);
  if (digests.size < editors.length) throw new ConfigError(`${filepath}: server/editors: two editors have the same token`);
  return {
    host: flags.host ?? (s.host as string | undefined),
    port: flags.port ?? (s.port as number | undefined),
    token: env.COPYDESK_TOKEN || undefined,
    bodyLimit: s.bodyLimit as number | undefined,
    timeoutMs: s.timeoutMs as number | undefined,
    requestTimeoutMs: s.requestTimeoutMs as number | undefined,
    headersTimeoutMs: s.headersTimeoutMs as number | undefined,
    idleTimeoutMs: s.idleTimeoutMs as number | undefined,
    maxConnections: s.maxConnections as number | undefined,
    database: databasePath(s.database as string | undefined, filepath, env),
    queue: s.queue
      ? {
          ...(s.queue as QueueOptions),
          // The desk's newsroom dictionary, relative to the config file like the other dictionaries.
          ...((s.queue as QueueOptions).dictionary ? { dictionary: resolve(dirname(filepath), (s.queue as QueueOptions).dictionary!) } : {}),
          callbackSecret: env.COPYDESK_CALLBACK_SECRET || undefined,
          postgresUrl: env.COPYDESK_QUEUE_POSTGRES_URL || undefined,
        }
      : undefined,
    editors: s.editors as EditorAccount[] | undefined,
    concurrency: s.concurrency as number | undefined,
    threads: s.threads as number | undefined,
    corsOrigins: s.corsOrigins as string[] | undefined,
    logLevel: s.logLevel as ServerOptions['logLevel'],
    logArticleText: s.logArticleText as boolean | undefined,
    staticRoot: s.static as string | undefined,
    block: config.block,
    clean: cleanOptionsFromConfig(config),
    config,
    ghost: {
      url: env.COPYDESK_GHOST_URL || s.ghost?.url,
      toleranceSeconds: s.ghost?.toleranceSeconds,
      hold: (s.ghost as { hold?: boolean } | undefined)?.hold,
      webhookSecret: env.COPYDESK_GHOST_WEBHOOK_SECRET || undefined,
      adminKey: env.COPYDESK_GHOST_ADMIN_KEY || undefined,
    },
  };
}

/** `server.database` relative to the config file; none: the default under the OS state folder. */
function databasePath(setting: string | undefined, filepath: string, env: NodeJS.ProcessEnv): string {
  if (setting === ':memory:') return setting;
  if (setting) return resolve(filepath === 'config' ? process.cwd() : dirname(resolve(filepath)), setting);
  return defaultDatabasePath(env);
}

/** A host as `listen()` takes it: `[::1]` (URL notation) is `::1`. */
export function listenHost(host: string): string {
  return /^\[.*\]$/.test(host) ? host.slice(1, -1) : host;
}

/** Hosts only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}
