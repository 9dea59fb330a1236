/**
 * The editorial preview on the HTTP service:
 *
 *   GET  /                        the page (built by Vite into `dist/web`), when `preview.page` is set
 *   POST /v1/preview              { content, format, decisions?, original?, options? }
 *                                 → { markdown, html, cleaned, original?, messages, verdict }
 *   GET  /v1/preview-source?name= one of the files the server was started with, nothing else
 *   GET  /v1/desk                 { queue, editors }: whether the page shows the review queue
 *
 * Safety. Both endpoints take the bearer token when one is set (`copydesk
 * preview` always sets a fresh one and hands it to the page in the URL
 * fragment, which browsers never send to a server). Without a token the
 * server only listens on loopback, and these endpoints answer only requests
 * whose Host is a loopback name, so a web page the editor visits cannot reach
 * them through DNS rebinding. Files are served by name from the list given at
 * start, never from a path in the request. The page is sent with a strict
 * Content-Security-Policy: scripts, styles and fetches from this server only,
 * no images from elsewhere, no framing.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Piscina } from 'piscina';
import { verdictOf } from '../hook.js';
import { decodeInput, FORMATS, formatFromPath, InputError, type Format } from '../input.js';
import type { PreviewResult } from '../preview/render.js';
import type { PreviewOutcome, PreviewTask } from '../preview/worker.js';
import { bearerAuth } from './auth.js';
import { Accounts } from '../queue/editors.js';
import { shiftId } from '../queue/service.js';
import type { PreviewMessage } from '../preview/render.js';
import { Limiter } from './limits.js';
import { DEFAULTS, isLoopback, type ServerOptions } from './options.js';
import { layered, type RequestOptions } from './routes.js';
import { cleanOptionsSchema } from './schemas.js';

export interface PreviewOptions {
  /** Serve the preview page at `/` (unless `staticRoot` serves another). */
  page?: boolean | undefined;
  /** Files the page may open (`?source=<name>`), served by their base name. */
  files?: string[] | undefined;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The built page: `dist/web`, next to `dist/src` (sources run by tests use the built page too). */
export function pageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromDist = basename(resolve(here, '../..')) === 'dist';
  return fromDist ? resolve(here, '../../web') : resolve(here, '../../dist/web');
}

/** Names → absolute paths; a second file of the same name is `name~2`. */
export function sourceNames(files: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of files) {
    const path = resolve(file);
    let name = basename(path);
    for (let n = 2; names.has(name); n++) name = `${basename(path)}~${n}`;
    names.set(name, path);
  }
  return names;
}

interface PreviewBody {
  content: string;
  format: Format;
  title?: string;
  original?: boolean;
  decisions?: { reject?: string[]; replace?: Record<string, string>; dismiss?: string[] };
  options?: RequestOptions;
}

const previewRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['content', 'format'],
  properties: {
    content: { type: 'string' },
    format: { type: 'string', enum: [...FORMATS] },
    title: { type: 'string', maxLength: 2000, description: 'The headline kept apart from the body (as a CMS does): cleaned with it, message ids in the lines of content' },
    original: { type: 'boolean', description: 'Render the original too (default true); the page asks for it once per article' },
    decisions: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reject: { type: 'array', maxItems: 20000, items: { type: 'string', maxLength: 200 } },
        replace: { type: 'object', additionalProperties: { type: 'string', maxLength: 20000 } },
        dismiss: { type: 'array', maxItems: 20000, items: { type: 'string', maxLength: 200 } },
      },
    },
    options: cleanOptionsSchema,
  },
} as const;

/** The preview's endpoints for `/openapi.json`. */
export function previewOpenApiPaths(): Record<string, unknown> {
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  const error = json({ $ref: '#/components/schemas/Error' });
  return {
    '/v1/preview': {
      post: {
        summary: 'Render an article for the preview page, with an editor’s decisions applied',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: json(previewRequestSchema) },
        responses: {
          '200': {
            description: 'markdown and html with the decisions applied; cleaned and original: sanitized HTML with every change and flag marked (data-mid) and blocks tagged with their input offset (data-o); messages with id and kind; verdict',
            content: json({
              type: 'object',
              required: ['markdown', 'html', 'cleaned', 'messages', 'verdict'],
              properties: {
                title: { type: 'string', description: 'The headline the article model found' },
                markdown: { type: 'string' },
                html: { type: 'string' },
                cleaned: { type: 'string' },
                original: { type: 'string' },
                messages: { type: 'array', items: { $ref: '#/components/schemas/Message' } },
                verdict: { type: 'string', enum: ['publish', 'review', 'reject'] },
                meta: { type: 'object', description: 'Lines kept beside the body: dek, dateline, byline, source', additionalProperties: { type: 'string' } },
              },
            }),
          },
          '400': { description: 'Not the request schema', content: error },
          '401': { description: 'Missing or wrong bearer token', content: error },
          '403': { description: 'No token configured and a Host that is not loopback; or options that would loosen the server’s policy', content: error },
          '503': { description: 'Too many previews in flight', content: error },
          '504': { description: 'Rendering took longer than the time limit', content: error },
        },
      },
    },
    '/v1/preview-source': {
      get: {
        summary: 'A file the server was started with (copydesk preview), by name',
        security: [{ bearer: [] }],
        parameters: [{ name: 'name', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The file', content: json({ type: 'object', properties: { name: { type: 'string' }, format: { type: 'string' }, content: { type: 'string' } } }) },
          '401': { description: 'Missing or wrong bearer token', content: error },
          '404': { description: 'No file of that name was given at start', content: error },
        },
      },
    },
  };
}

/** Previews rendered in a worker thread (started on first use), with the server's time and concurrency limits. */
export class PreviewRunner {
  #pool: Piscina<PreviewTask, PreviewOutcome> | undefined;
  readonly #limiter: Limiter;
  constructor(
    readonly threads: number,
    readonly concurrency: number,
    readonly timeoutMs: number,
  ) {
    this.#limiter = new Limiter(concurrency, timeoutMs, { busy: 'previews are being rendered', doing: 'rendering the preview' });
  }

  run(task: PreviewTask): Promise<PreviewResult> {
    return this.#limiter.run((signal) => this.#run(task, signal));
  }

  async #run(task: PreviewTask, signal: AbortSignal): Promise<PreviewResult> {
    if (this.threads === 0) {
      const { default: run } = await import('../preview/worker.js');
      return unwrap(await run(task));
    }
    this.#pool ??= new Piscina<PreviewTask, PreviewOutcome>({
      filename: previewWorkerFile(),
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(this.threads, 2)),
      idleTimeout: 60_000,
      maxQueue: Math.max(this.concurrency, 1),
    });
    return unwrap(await this.#pool.run(task, { signal }));
  }

  /** Starts the worker and loads the pipeline, so the first preview is not slow. */
  async warmUp(): Promise<void> {
    await this.run({ input: { content: 'Warm up.', format: 'markdown' }, options: {}, original: false });
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

function unwrap(outcome: PreviewOutcome): PreviewResult {
  if ('inputError' in outcome) throw new InputError(outcome.inputError);
  return outcome.result;
}

function previewWorkerFile(): string {
  const here = new URL('../preview/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  const built = fileURLToPath(new URL('../../dist/src/preview/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`copydesk: the preview worker is not built (${built}); run \`npm run build\` first`);
}

/** Lines a headline kept apart adds above the body, as `cleanArticle` puts it there. */
function titlePrefix(title: string, format: Format): string {
  if (format === 'text') return `${title}\n`;
  if (format === 'html') return `<h1>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h1>\n`;
  return `# ${title.replace(/^#+\s*/, '').replace(/\s#+$/, '')}\n\n`;
}

/**
 * A preview with a headline kept apart (a held article from a CMS): cleaned
 * with the headline above the body, as the queue cleaned it, while ids and
 * lines stay those of the body as sent, which the queue's decisions name.
 */
function withTitle(body: PreviewBody): { content: string; decisions: PreviewBody['decisions']; back(result: PreviewResult): PreviewResult } {
  const title = body.title?.replace(/\s+/g, ' ').trim();
  if (!title) return { content: body.content, decisions: body.decisions, back: (r) => r };
  const prefix = titlePrefix(title, body.format);
  const lines = prefix.split('\n').length - 1;
  const down = (id: string) => shiftId(id, lines);
  const d = body.decisions;
  const decisions = d && {
    reject: d.reject?.map(down),
    replace: d.replace && Object.fromEntries(Object.entries(d.replace).map(([id, text]) => [down(id), text])),
    dismiss: d.dismiss?.map(down),
  };
  // Marks in the headline itself keep their ids (they are not in the body's lines).
  const up = (id: string) => (Number(/@(\d+):/.exec(id)?.[1] ?? 0) > lines ? shiftId(id, -lines) : id);
  const line = (n: number | undefined) => (n === undefined ? undefined : n - lines);
  const marks = (html: string) => html.replace(/data-mid="([^"]*)"/g, (_all, id: string) => `data-mid="${up(id.replace(/&amp;/g, '&'))}"`);
  return {
    content: prefix + body.content,
    decisions,
    back: (r) => ({
      ...r,
      cleaned: marks(r.cleaned),
      ...(r.original !== undefined ? { original: marks(r.original) } : {}),
      messages: r.messages.map((m: PreviewMessage) =>
        m.line === undefined || m.line <= lines ? m : { ...m, id: up(m.id), line: line(m.line), endLine: line(m.endLine) },
      ),
    }),
  };
}

/** Host header names this machine only: `127.0.0.1:8080`, `localhost`, `[::1]:9000`. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopback(name);
}

export async function registerPreview(app: FastifyInstance, options: ServerOptions): Promise<PreviewRunner | undefined> {
  const preview = options.preview;
  if (!preview) return undefined;
  const runner = new PreviewRunner(options.threads ?? 1, options.concurrency ?? DEFAULTS.concurrency, options.timeoutMs ?? DEFAULTS.timeoutMs);
  app.addHook('onClose', async () => runner.close());
  // `copydesk preview`: an article is about to be opened; load the pipeline now.
  if (preview.files?.length && (options.threads ?? 1) > 0) runner.warmUp().catch((error: Error) => app.log.warn({ err: { message: error.message } }, 'preview worker failed to start'));
  const sources = sourceNames(preview.files ?? []);
  // Editors of the review desk open held articles here with their own tokens.
  const auth = options.editors?.length ? new Accounts(options.editors, options.token).require('any') : bearerAuth(options.token);
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!options.token && !isLoopbackHost(request.headers.host)) {
      await reply.code(403).send({ error: { code: 'FORBIDDEN_HOST', message: 'Without a token, the preview answers loopback hosts only' } });
      return;
    }
    await auth(request, reply);
  };
  const block = (request: FastifyRequest) => layered(options, (request.body as PreviewBody).options).block;

  app.post<{ Body: PreviewBody }>('/v1/preview', { onRequest: guard, schema: { body: previewRequestSchema } }, async (request) => {
    const { content, format, original } = request.body;
    const { clean } = layered(options, request.body.options);
    const titled = withTitle(request.body);
    const decisions = titled.decisions;
    const raw = await runner.run({
      input: { content: titled.content, format },
      options: { ...clean, decisions: { reject: decisions?.reject, replace: decisions?.replace } },
      original: original !== false,
    });
    const result = titled.back(raw);
    // Flags the editor settled (accepted, edited, dismissed) no longer hold the article.
    const settled = new Set([...(decisions?.dismiss ?? []), ...Object.keys(decisions?.replace ?? {})]);
    const open = result.messages.filter((m) => !(m.kind === 'flag' && settled.has(m.id)));
    return { ...result, verdict: verdictOf(open, block(request)) };
  });

  // What the page offers: the review queue's list at `/`, or the single-article preview alone.
  app.get('/v1/desk', { onRequest: guard }, async () => ({ queue: Boolean(options.queue), editors: Boolean(options.editors?.length), dictionary: Boolean(options.queue?.dictionary) }));

  app.get<{ Querystring: { name?: string } }>(
    '/v1/preview-source',
    { onRequest: guard, schema: { querystring: { type: 'object', properties: { name: { type: 'string', maxLength: 1000 } }, required: ['name'] } } },
    async (request, reply) => {
      const path = sources.get(request.query.name ?? '');
      if (!path) return reply.code(404).send({ error: { code: 'NO_SUCH_SOURCE', message: 'No file of that name was opened with this server' } });
      const limit = options.bodyLimit ?? DEFAULTS.bodyLimit;
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return reply.code(404).send({ error: { code: 'SOURCE_GONE', message: 'The file is no longer there' } });
      if (info.size > limit) return reply.code(413).send({ error: { code: 'SOURCE_TOO_LARGE', message: `The file is larger than ${limit} bytes` } });
      const content = decodeInput(await readFile(path), basename(path));
      reply.header('Cache-Control', 'no-store');
      return { name: request.query.name, format: formatFromPath(path) ?? 'text', content };
    },
  );

  if (preview.page && !options.staticRoot) {
    const root = pageRoot();
    if (existsSync(resolve(root, 'index.html'))) {
      const { default: fastifyStatic } = await import('@fastify/static');
      await app.register(async (scope) => {
        scope.addHook('onSend', async (_request, reply, payload) => {
          reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
          reply.header('X-Content-Type-Options', 'nosniff');
          reply.header('Referrer-Policy', 'no-referrer');
          return payload;
        });
        await scope.register(fastifyStatic, { root, prefix: '/', index: ['index.html'] });
      });
    } else {
      app.log.warn({ root }, 'the preview page is not built; run `npm run build`');
      app.get('/', async (_request, reply) =>
        reply.code(503).type('text/plain').send('copydesk: the preview page is not built; run `npm run build` in the copydesk package.\n'),
      );
    }
  }
  return runner;
}
