/**
 * The HTTP service, assembled: Fastify with one JSON body parser (keeping
 * the raw text for signatures), limits, auth, metrics, optional CORS and
 * static files, and the routes.
 *
 *   const server = await createServer({ port: 0, token: 's3cret' });
 *   const url = await server.listen();   // http://127.0.0.1:<port>
 *   await server.close();                // finishes requests in flight
 */
import { resolve } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { InputError } from '../input.js';
import { defaultDatabasePath, LazyDatabase } from './database.js';
import { GhostApiError } from './ghost.js';
import { Cleaner, CleanTimeoutError, OverloadError } from './limits.js';
import { Metrics } from './metrics.js';
import { DEFAULTS, isLoopback, listenHost, type ServerOptions } from './options.js';
import { PolicyError } from './policy.js';
import { RouteTable } from './route-table.js';
import { registerRoutes } from './routes.js';
import { Accounts, openQueue, QueueRequestError, registerQueueRoutes, type ReviewQueue } from '../queue/index.js';
import { registerPreview } from './preview.js';
import { DeskDictionary } from '../queue/learn.js';
import { ghostTarget } from '../queue/deliver-ghost.js';
import { cleanOptionsFromConfig } from '../config.js';
import { VERSION } from '../version.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received, for signature checks. */
    rawBody?: string;
  }
}

export { VERSION };

export interface CopydeskServer {
  app: FastifyInstance;
  cleaner: Cleaner;
  metrics: Metrics;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, finishes those in flight, stops the workers. */
  close(): Promise<void>;
}

/** Refuses an open server on a reachable address. */
export function checkExposure(options: ServerOptions): void {
  const host = options.host ?? DEFAULTS.host;
  if (!options.token && !isLoopback(host)) {
    throw new Error(`copydesk serve: refusing to listen on ${host} without a token; set COPYDESK_TOKEN (or listen on 127.0.0.1)`);
  }
}

/** Builds the Fastify app (not listening). Workers start here and warm up in the background. */
export async function buildApp(options: ServerOptions = {}): Promise<{ app: FastifyInstance; cleaner: Cleaner; metrics: Metrics }> {
  checkExposure(options);
  options = withDeskDictionary(options);
  const bodyLimit = options.bodyLimit ?? DEFAULTS.bodyLimit;
  const logger: FastifyServerOptions['logger'] =
    options.logLevel === false ? false : { level: options.logLevel ?? 'info', ...(options.logStream ? { stream: options.logStream } : {}) };
  const requestTimeout = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  // Node refuses a headers limit above the whole-request limit.
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs, requestTimeout);
  const app = Fastify({
    logger,
    bodyLimit,
    requestTimeout,
    keepAliveTimeout: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    // Node looks for slow clients every `connectionsCheckingInterval` (30 s by default, which
    // is how a 10 s limit became 37 s): look often enough that a limit holds to within a quarter.
    http: { headersTimeout, connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersTimeout / 4))) },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  app.server.maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => routes.add(route.url, route.method));

  const cleaner = new Cleaner({
    threads: options.threads,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
  });
  const metrics = new Metrics(() => cleaner.inFlight);
  const database = new LazyDatabase(options.database ?? defaultDatabasePath());
  const state = { ready: false, closing: false };

  // JSON only, parsed by Fastify's own (prototype-poisoning-safe) parser, raw text kept.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    request.rawBody = body as string;
    json(request, body as string, done);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message } = describeError(error);
    if (status === 503) reply.header('Retry-After', '1');
    if (error instanceof OverloadError) metrics.refused.inc({ reason: 'overload' });
    if (error instanceof CleanTimeoutError) metrics.refused.inc({ reason: 'timeout' });
    if (status >= 500 && status !== 503 && status !== 504) request.log.error({ code, err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    return reply.code(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routes.methodsFor(path);
    if (allowed.length) {
      return reply
        .code(405)
        .header('Allow', allowed.join(', '))
        .send({ error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed on ${path}; use ${allowed.join(' or ')}` } });
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}` } });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    // Answers carry articles and verdicts: never kept by a browser or a proxy.
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  if (options.corsOrigins?.length) registerCors(app, options.corsOrigins);

  let queue: ReviewQueue | undefined;
  if (options.queue) {
    // Holding Ghost posts, with the Admin API configured: approved Ghost items are written and published there.
    const ghost = options.ghost?.hold && options.ghost.adminKey && options.ghost.url ? { ghost: ghostTarget({ url: options.ghost.url, adminKey: options.ghost.adminKey }) } : {};
    queue = await openQueue({ ...options.queue, targets: { ...ghost, ...options.queue.targets } }, database, cleaner, app.log);
    registerQueueRoutes(app, queue, new Accounts(options.editors ?? [], options.token));
  }
  await registerRoutes(app, { options, cleaner, metrics, version: VERSION, state, database, queue });
  await registerPreview(app, options);

  if (options.staticRoot) {
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: resolve(options.staticRoot), prefix: '/', index: ['index.html'] });
  }

  app.addHook('preClose', async () => {
    state.closing = true;
  });
  // A keep-alive connection whose request was in flight at close() would hold
  // the server open: answer it with `Connection: close`, so it ends after.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (state.closing) reply.header('Connection', 'close');
    return payload;
  });
  app.addHook('onClose', async () => {
    await queue?.close();
    await cleaner.close();
    database.close();
  });

  cleaner.warmUp().then(
    () => {
      state.ready = true;
    },
    (error: Error) => app.log.error({ err: { message: error.message } }, 'workers failed to start'),
  );
  queue?.start();
  return { app, cleaner, metrics };
}

/** The review desk's newsroom dictionary, created if missing, is a user dictionary of every clean (the last: it wins). */
function withDeskDictionary(options: ServerOptions): ServerOptions {
  const path = options.queue?.dictionary;
  if (!path) return options;
  new DeskDictionary(path);
  const clean = options.clean ?? (options.config ? cleanOptionsFromConfig(options.config) : {});
  const file = resolve(path);
  return {
    ...options,
    clean: { ...clean, dictionaries: [...(clean.dictionaries ?? []), file] },
    // Requests with options of their own are cleaned from the config: the dictionary is there too.
    ...(options.config ? { config: { ...options.config, dictionaries: [...(options.config.dictionaries ?? []), file] } } : {}),
  };
}

export async function createServer(options: ServerOptions = {}): Promise<CopydeskServer> {
  const { app, cleaner, metrics } = await buildApp(options);
  return {
    app,
    cleaner,
    metrics,
    async listen() {
      await app.listen({ host: listenHost(options.host ?? DEFAULTS.host), port: options.port ?? DEFAULTS.port });
      const address = app.server.address();
      if (!address || typeof address === 'string') return String(address);
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    close: () => app.close(),
  };
}

function describeError(error: FastifyError): { status: number; code: string; message: string } {
  if (error instanceof OverloadError) return { status: 503, code: 'OVERLOADED', message: error.message };
  if (error instanceof CleanTimeoutError) return { status: 504, code: 'TIMEOUT', message: error.message };
  if (error instanceof InputError) return { status: 422, code: 'UNPROCESSABLE', message: error.message };
  if (error instanceof PolicyError) return { status: 403, code: 'POLICY_OVERRIDE', message: error.message };
  if (error instanceof QueueRequestError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof GhostApiError) return { status: 502, code: 'GHOST_API', message: error.message };
  if (error.validation) return { status: 400, code: 'BAD_REQUEST', message: `${error.validationContext ?? 'body'}${error.message.replace(/^(body|querystring|params|headers)/, '')}` };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', message: error.message };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'EMPTY_BODY', message: 'The body is empty' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'BAD_CONTENT_LENGTH', message: error.message };
  }
  // JSON.parse messages quote the body: never echo (or log) article text.
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return { status: 400, code: 'BAD_JSON', message: 'The body is not valid JSON' };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: error.code ?? 'BAD_REQUEST', message: error.message };
  return { status: 500, code: 'INTERNAL', message: 'Internal error' };
}

/** CORS for the listed origins only (`*` for any); without a list no CORS header is ever sent. */
function registerCors(app: FastifyInstance, origins: string[]): void {
  const any = origins.includes('*');
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !(any || origins.includes(origin))) return;
    reply.header('Access-Control-Allow-Origin', any ? '*' : origin);
    reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('Access-Control-Allow-Methods', 'GET, POST');
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      reply.header('Access-Control-Max-Age', '600');
      await reply.code(204).send();
    }
  });
  app.options('*', async (_request, reply) => reply.code(204).send());
}
