/**
 * The routes: `POST /v1/clean`, the Ghost webhook, health, metrics, OpenAPI.
 * Handlers are small: limits live in `limits.ts`, auth in `auth.ts`,
 * Ghost's protocol in `ghost.ts`, the publish decision in `../hook.ts`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { cleanOptionsFromConfig, type CopydeskConfig } from '../config.js';
import { buildReport, verdictOf, type ArticleResult } from '../hook.js';
import type { Format } from '../input.js';
import type { CleanOptions } from '../pipeline.js';
import { bearerAuth } from './auth.js';
import {
  GhostApiError,
  lexicalToHtml,
  unsafeToWriteBack,
  updateGhostPost,
  checkGhostSignature,
  type SignatureProblem,
} from './ghost.js';
import { holdGhostWebhook } from './ghost-hold.js';
import { queueOpenApiPaths } from '../queue/routes.js';
import { cmsRef, type ReviewQueue } from '../queue/service.js';
import type { LazyDatabase } from './database.js';
import type { Cleaner } from './limits.js';
import type { Metrics } from './metrics.js';
import { DEFAULTS, type ServerOptions } from './options.js';
import { enforcePolicy } from './policy.js';
import { SqliteReplayStore } from './replay.js';
import { previewOpenApiPaths } from './preview.js';
import { cleanRequestSchema, cleanResponseSchema, errorSchema, ghostResponseSchema, healthSchema, openApiDocument } from './schemas.js';

export interface RequestOptions {
  rules?: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  plugins?: Record<string, Record<string, unknown> | false>;
  minProseShare?: number;
  block?: string[];
}

interface CleanBody {
  content: string;
  format: Format;
  title?: string;
  options?: RequestOptions;
  hold?: boolean;
  source?: string;
  cms?: { ghost?: { postId: string }; payload?: { collection: string; id: string } };
  callbackUrl?: string;
}

export interface RouteContext {
  options: ServerOptions;
  cleaner: Cleaner;
  metrics: Metrics;
  version: string;
  state: { ready: boolean; closing: boolean };
  /** The service's database, opened on first use (replay store, review queue). */
  database: LazyDatabase;
  /** The review queue, when configured. */
  queue?: ReviewQueue | undefined;
}

/** The clean options of the server's own policy. */
function serverClean(options: ServerOptions): CleanOptions {
  return options.clean ?? (options.config ? cleanOptionsFromConfig(options.config) : {});
}

/**
 * Request options over the server's config: rules and plugin settings merged,
 * block lists joined. Throws `PolicyError` when the request would loosen the
 * server's policy (see `policy.ts`).
 */
export function layered(options: ServerOptions, request: RequestOptions | undefined): { clean: CleanOptions; block: string[] } {
  const base = options.block ?? [];
  if (!request) return { clean: serverClean(options), block: base };
  const config: CopydeskConfig = { ...(options.config ?? {}) };
  if (request.plugins) config.plugins = { ...config.plugins, ...request.plugins };
  if (request.minProseShare !== undefined) config.minProseShare = request.minProseShare;
  const fromRequest = cleanOptionsFromConfig(config);
  const clean: CleanOptions = options.config ? fromRequest : { ...options.clean, ...fromRequest };
  const rules = { ...options.clean?.rules, ...config.rules, ...request.rules };
  if (Object.keys(rules).length) clean.rules = rules;
  enforcePolicy(serverClean(options), clean);
  return { clean, block: [...base, ...(request.block ?? [])] };
}

export async function registerRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { options, cleaner, metrics } = ctx;
  const logText = options.logArticleText === true;

  app.post<{ Body: CleanBody }>(
    '/v1/clean',
    {
      onRequest: bearerAuth(options.token),
      schema: { body: cleanRequestSchema, response: { 200: cleanResponseSchema, 202: cleanResponseSchema } },
    },
    async (request, reply) => {
      const { content, format, title, hold } = request.body;
      if (hold && !ctx.queue) return reply.code(400).send({ error: { code: 'NO_QUEUE', message: 'This server has no review queue (server.queue in the config)' } });
      const { clean, block } = layered(options, request.body.options);
      if (logText) request.log.debug({ title, content }, 'article text');
      const started = performance.now();
      const result = await cleaner.clean({ content, format, title }, clean);
      const verdict = verdictOf(result.messages, block);
      metrics.article('clean', verdict, result.messages);
      logArticle(request.log, { format, bytes: Buffer.byteLength(content), verdict, result, ms: performance.now() - started });
      const answer = { markdown: result.markdown, html: result.html, ...(result.title !== undefined ? { title: result.title } : {}), messages: result.messages, meta: result.meta, verdict };
      if (!hold || verdict === 'publish' || !ctx.queue) return answer;
      const item = await ctx.queue.hold(
        {
          source: request.body.source,
          cms: cmsRef(request.body.cms),
          callbackUrl: request.body.callbackUrl,
          input: { content, format, title },
          result,
          verdict,
          policy: { clean, block },
        },
        'cms',
      );
      const base = ctx.queue.options.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
      return reply.code(202).send({ ...answer, held: { id: item.id, url: `${base}/v1/queue/${item.id}`, status: item.status } });
    },
  );

  const ghost = options.ghost ?? {};
  if (ghost.webhookSecret) {
    const toleranceMs = (ghost.toleranceSeconds ?? DEFAULTS.toleranceSeconds) * 1000;
    // Replicas sharing a PostgreSQL queue share their replay store there too; else the service's SQLite file.
    const replay = ctx.queue?.replayStore(toleranceMs) ?? new SqliteReplayStore(ctx.database.get(), toleranceMs);
    const secret = ghost.webhookSecret;
    app.post('/v1/ghost/webhook', { schema: { response: { 200: ghostResponseSchema, 400: errorSchema, 401: errorSchema } } }, async (request, reply) => {
      const checked = checkGhostSignature(request.rawBody ?? '', header(request.headers['x-ghost-signature']), secret, toleranceMs);
      if ('problem' in checked) return refuseSignature(reply, checked.problem);
      if (!(await replay.accept(checked.signature))) return refuseSignature(reply, 'replayed');
      const post = (request.body as { post?: { current?: GhostPost } } | null)?.post?.current;
      if (!post || typeof post !== 'object') {
        return reply.code(400).send({ error: { code: 'NO_POST', message: 'Expected a post webhook: { post: { current: { … } } }' } });
      }
      const source = ghostSource(post);
      if (!source) return { postId: post.id, verdict: 'publish', changes: 0, flags: 0, updated: false, reason: 'the post has no html or lexical body' };
      const { clean, block } = layered(options, undefined);
      const result = await cleaner.clean({ content: source.html, format: 'html', title: typeof post.title === 'string' ? post.title : undefined }, clean);
      const report = buildReport(result.messages, block);
      metrics.article('ghost', report.verdict, result.messages);
      logArticle(request.log, { format: 'html', bytes: Buffer.byteLength(source.html), verdict: report.verdict, result, ms: 0, postId: post.id });
      if (ghost.hold && ctx.queue && report.verdict !== 'publish' && typeof post.id === 'string') {
        return holdGhostWebhook(request, ctx.queue, ghost, post, source.html, result, report, { clean, block });
      }
      let reason: string | undefined;
      if (!ghost.adminKey || !ghost.url) reason = 'no Ghost Admin API key or URL configured';
      else if (report.changes === 0) reason = 'nothing to change';
      else if (source.unsafe) reason = source.unsafe;
      else if (typeof post.id !== 'string' || typeof post.updated_at !== 'string') reason = 'the webhook carried no post id or updated_at';
      if (!reason) {
        await updateGhostPost({ url: ghost.url!, adminKey: ghost.adminKey!, postId: post.id!, html: result.html, updatedAt: post.updated_at! });
        request.log.info({ postId: post.id, changes: report.changes }, 'ghost post updated');
        return { postId: post.id, verdict: report.verdict, changes: report.changes, flags: report.flags, updated: true, messages: result.messages };
      }
      return {
        postId: post.id,
        verdict: report.verdict,
        changes: report.changes,
        flags: report.flags,
        updated: false,
        reason,
        html: result.html,
        markdown: result.markdown,
        messages: result.messages,
      };
    });
  }

  app.get('/healthz', { schema: { response: { 200: healthSchema } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: { 200: healthSchema, 503: healthSchema } } }, async (_request, reply) => {
    const status = ctx.state.closing ? 'shutting down' : ctx.state.ready ? 'ready' : 'starting';
    return reply.code(status === 'ready' ? 200 : 503).send({ status, inFlight: cleaner.inFlight, threads: cleaner.threads });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  const openapi = openApiDocument(ctx.version, Boolean(ghost.webhookSecret));
  if (options.preview) Object.assign(openapi.paths as Record<string, unknown>, previewOpenApiPaths());
  if (ctx.queue) Object.assign(openapi.paths as Record<string, unknown>, queueOpenApiPaths());
  app.get('/openapi.json', async () => openapi);
}

interface GhostPost {
  id?: string;
  title?: unknown;
  html?: unknown;
  lexical?: unknown;
  updated_at?: string;
}

function ghostSource(post: GhostPost): { html: string; unsafe?: string | undefined } | undefined {
  if (typeof post.html === 'string' && post.html.trim()) return { html: post.html, unsafe: unsafeToWriteBack(post.html) };
  if (typeof post.lexical === 'string' && post.lexical.trim()) {
    let converted;
    try {
      converted = lexicalToHtml(post.lexical);
    } catch {
      return undefined;
    }
    const unsafe = converted.unsupported.length ? `the post holds Lexical nodes copydesk does not carry through (${converted.unsupported.join(', ')})` : undefined;
    return { html: converted.html, unsafe };
  }
  return undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const SIGNATURE_TEXT: Record<SignatureProblem, string> = {
  missing: 'Missing X-Ghost-Signature header',
  malformed: 'X-Ghost-Signature is not "sha256=<hex>, t=<timestamp>"',
  mismatch: 'Wrong signature',
  expired: 'Signature timestamp outside the allowed window',
  replayed: 'Signature already used (replayed request)',
};

function refuseSignature(reply: FastifyReply, problem: SignatureProblem) {
  return reply.code(401).send({ error: { code: `SIGNATURE_${problem.toUpperCase()}`, message: SIGNATURE_TEXT[problem] } });
}

/** One log line per article: metadata only, never the text. */
function logArticle(
  log: FastifyInstance['log'],
  a: { format: string; bytes: number; verdict: string; result: ArticleResult; ms: number; postId?: string | undefined },
): void {
  const rules: Record<string, number> = {};
  for (const m of a.result.messages) rules[m.ruleId ?? 'unknown'] = (rules[m.ruleId ?? 'unknown'] ?? 0) + 1;
  log.info({ format: a.format, bytes: a.bytes, verdict: a.verdict, rules, cleanMs: Math.round(a.ms), ...(a.postId ? { postId: a.postId } : {}) }, 'article cleaned');
}

export { GhostApiError };
