/**
 * Request and response schemas: Fastify validates requests and serialises
 * responses with them, and `/openapi.json` publishes the same objects, so
 * the documentation cannot drift from what the server does.
 */
import { FORMATS } from '../input.js';

const severity = { type: 'string', enum: ['info', 'warning', 'error'] } as const;

export const messageSchema = {
  type: 'object',
  description: 'A change made (severity info) or a flag for an editor (warning, error), in the vfile message shape.',
  required: ['severity', 'reason'],
  properties: {
    ruleId: { type: 'string', description: 'Stable rule id, e.g. duplicate-lead' },
    source: { type: 'string' },
    severity,
    reason: { type: 'string' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    endLine: { type: 'integer' },
    endColumn: { type: 'integer' },
    actual: { type: 'string', description: 'The text as found (for a removal: all of it)' },
    expected: { type: 'array', items: { type: 'string' } },
    note: { type: 'string' },
    cause: {
      type: 'object',
      properties: { reason: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' }, actual: { type: 'string' } },
    },
  },
} as const;

const ruleSetting = { type: 'string', enum: ['off', 'info', 'warning', 'error'] } as const;

export const cleanOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Per-request settings, the shape of the config file; layered over the server config.',
  properties: {
    rules: { type: 'object', additionalProperties: ruleSetting },
    plugins: {
      type: 'object',
      propertyNames: { enum: ['strip-boilerplate', 'dedupe-lead', 'fix-entities', 'flag-entities'] },
      additionalProperties: { anyOf: [{ type: 'boolean', const: false }, { type: 'object', additionalProperties: { anyOf: [{ type: 'number' }, { type: 'boolean' }] } }] },
    },
    minProseShare: { type: 'number', minimum: 0, maximum: 1 },
    block: { type: 'array', items: { type: 'string' }, description: 'More rule ids whose warnings reject (added to the config list)' },
  },
} as const;

export const cleanRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['content', 'format'],
  properties: {
    content: { type: 'string', description: 'The article body' },
    format: { type: 'string', enum: [...FORMATS] },
    title: { type: 'string', maxLength: 2000, description: 'The headline, when kept apart from the body' },
    options: cleanOptionsSchema,
    hold: { type: 'boolean', description: 'Put the article in the review queue when its verdict is review or reject (answered 202 with `held`)' },
    source: { type: 'string', maxLength: 200, description: 'Where the article came from (a wire, a feed): a filter of the review queue' },
    cms: {
      type: 'object',
      additionalProperties: false,
      maxProperties: 1,
      description: 'Where the article belongs in the CMS, carried to the callback when an editor approves it',
      properties: {
        ghost: { type: 'object', additionalProperties: false, required: ['postId'], properties: { postId: { type: 'string', minLength: 1, maxLength: 200 } } },
        payload: {
          type: 'object',
          additionalProperties: false,
          required: ['collection', 'id'],
          properties: { collection: { type: 'string', minLength: 1, maxLength: 200 }, id: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    callbackUrl: { type: 'string', maxLength: 2000, description: 'Where to deliver the approved article (an origin listed in server.queue.callbackOrigins)' },
  },
} as const;

const verdict = {
  type: 'string',
  enum: ['publish', 'review', 'reject'],
  description: 'publish: no warnings; review: warnings; reject: errors, or warnings of a blocking rule',
} as const;

export const cleanResponseSchema = {
  type: 'object',
  required: ['markdown', 'html', 'messages', 'verdict'],
  properties: {
    markdown: { type: 'string' },
    html: { type: 'string' },
    title: { type: 'string', description: 'The cleaned title (Markdown), when a title was given' },
    messages: { type: 'array', items: messageSchema },
    meta: {
      type: 'object',
      description: 'Lines kept beside the body: the dek (a standfirst moved out of the body), dateline, byline, source, and page metadata',
      properties: Object.fromEntries(['dek', 'dateline', 'byline', 'source', 'siteName', 'url', 'published'].map((k) => [k, { type: 'string' }])),
    },
    verdict,
    held: {
      type: 'object',
      description: 'The review queue item, when the request asked to hold and the verdict was review or reject',
      properties: { id: { type: 'string' }, url: { type: 'string' }, status: { type: 'string' } },
    },
  },
} as const;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;

export const ghostResponseSchema = {
  type: 'object',
  required: ['verdict', 'changes', 'flags', 'updated'],
  properties: {
    postId: { type: 'string' },
    verdict,
    changes: { type: 'integer' },
    flags: { type: 'integer' },
    updated: { type: 'boolean', description: 'Whether the cleaned body was written back through the Admin API' },
    reason: { type: 'string', description: 'Why it was not written back' },
    held: {
      type: 'object',
      description: 'With server.ghost.hold: the review-queue item the post waits in, and the status the post had before it went back to draft',
      properties: { id: { type: 'string' }, url: { type: 'string' }, status: { type: 'string' }, ghostStatus: { type: 'string' } },
    },
    html: { type: 'string' },
    markdown: { type: 'string' },
    messages: { type: 'array', items: messageSchema },
  },
} as const;

export const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string' }, inFlight: { type: 'integer' }, threads: { type: 'integer' } },
} as const;

/** The OpenAPI 3.1 document served at `/openapi.json`. */
export function openApiDocument(version: string, ghost: boolean): Record<string, unknown> {
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  const errors = (...codes: number[]) =>
    Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'Error', content: json({ $ref: '#/components/schemas/Error' }) }]));
  const paths: Record<string, unknown> = {
    '/v1/clean': {
      post: {
        summary: 'Clean one article',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/CleanRequest' }) },
        responses: {
          '200': { description: 'The cleaned article, every change and flag, and the verdict', content: json({ $ref: '#/components/schemas/CleanResponse' }) },
          ...errors(400, 401, 403, 413, 415, 422, 503, 504),
        },
      },
    },
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process is up', content: json(healthSchema) } } } },
    '/readyz': {
      get: {
        summary: 'Readiness: workers loaded, not shutting down',
        responses: { '200': { description: 'Ready', content: json(healthSchema) }, '503': { description: 'Starting or shutting down', content: json(healthSchema) } },
      },
    },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
  };
  if (ghost) {
    paths['/v1/ghost/webhook'] = {
      post: {
        summary: 'Ghost webhook (post.published, post.published.edited): clean post.current and write it back',
        parameters: [{ name: 'X-Ghost-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'sha256=<hex>, t=<ms>' }],
        requestBody: { required: true, content: json({ type: 'object' }) },
        responses: { '200': { description: 'Result', content: json({ $ref: '#/components/schemas/GhostResult' }) }, ...errors(400, 401, 413, 415, 502, 503, 504) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'copydesk', version, description: 'Cleans machine-translated financial news before a CMS republishes it.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        CleanRequest: cleanRequestSchema,
        CleanResponse: { ...cleanResponseSchema, properties: { ...cleanResponseSchema.properties, messages: { type: 'array', items: { $ref: '#/components/schemas/Message' } } } },
        GhostResult: { ...ghostResponseSchema, properties: { ...ghostResponseSchema.properties, messages: { type: 'array', items: { $ref: '#/components/schemas/Message' } } } },
        Message: messageSchema,
        Error: errorSchema,
      },
    },
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Not valid JSON, or not the request schema',
  401: 'Missing or wrong bearer token or signature',
  403: 'Request options that would loosen the server’s policy (POLICY_OVERRIDE)',
  413: 'Body larger than the limit',
  415: 'Not application/json',
  422: 'Input that is not text (binary, wrong encoding, nested too deep)',
  502: 'The Ghost Admin API refused the update',
  503: 'Too many articles in flight (see Retry-After), or shutting down',
  504: 'Cleaning took longer than the time limit',
};
