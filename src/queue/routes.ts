/**
 * The review desk over HTTP:
 *
 *   GET  /v1/queue                    list: ?status=&rule=&source=&olderThan=&newerThan= (seconds) &limit=&offset=; counts per status
 *   GET  /v1/queue/:id                one item: original, result (messages with ids), decisions, audit log
 *   PUT  /v1/queue/:id/decisions      { reject?, replace?, dismiss? } saved as made (editors)
 *   POST /v1/queue/:id/approve        { note? }: cleaned again with the decisions, then delivered (editors)
 *   POST /v1/queue/:id/reject         { note? } (editors)
 *   POST /v1/queue/:id/retry          a failed delivery tried again (editors)
 *   POST /v1/queue/:id/learn          { message }: that decision added to the newsroom dictionary (editors)
 *   GET  /v1/queue/rules              per rule: changes editors rejected, of those made (decided items)
 *
 * Articles get into the queue through `POST /v1/clean` with `"hold": true`.
 * Reading takes an editor's token or the machine token; deciding, an editor's.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Accounts } from './editors.js';
import { actorName } from './editors.js';
import { LearnError } from './learn.js';
import type { ReviewQueue } from './service.js';
import { STATUSES, type SavedDecisions, type Transition, type QueueItem } from './types.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
const noteBody = { type: ['object', 'null'], additionalProperties: false, properties: { note: { type: 'string', maxLength: 2000 } } } as const;
const ids = { type: 'array', maxItems: 20000, items: { type: 'string', maxLength: 200 } } as const;
const decisionsBody = {
  type: 'object',
  additionalProperties: false,
  properties: { reject: ids, dismiss: ids, replace: { type: 'object', additionalProperties: { type: 'string', maxLength: 20000 } } },
} as const;
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...STATUSES] },
    rule: { type: 'string', maxLength: 200 },
    source: { type: 'string', maxLength: 200 },
    // Query strings are text (the server's validator coerces nothing): numbers as digits.
    olderThan: { type: 'string', pattern: '^\\d{1,10}$' },
    newerThan: { type: 'string', pattern: '^\\d{1,10}$' },
    limit: { type: 'string', pattern: '^(?:[1-9]\\d?|1\\d\\d|200)$' },
    offset: { type: 'string', pattern: '^\\d{1,9}$' },
  },
} as const;

interface ListQuery {
  status?: (typeof STATUSES)[number];
  rule?: string;
  source?: string;
  olderThan?: string;
  newerThan?: string;
  limit?: string;
  offset?: string;
}

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

export function registerQueueRoutes(app: FastifyInstance, queue: ReviewQueue, accounts: Accounts): void {
  const anyone = accounts.require('any');
  const editors = accounts.require('editor');
  const answer = (reply: FastifyReply, outcome: Transition<QueueItem>) => {
    if (outcome.ok) return queue.view(outcome.item);
    if (outcome.reason === 'not-found') return reply.code(404).send({ error: { code: 'NO_SUCH_ITEM', message: 'No such item in the queue' } });
    if (outcome.reason === 'stale') return reply.code(409).send({ error: { code: 'DECISIONS_CHANGED', message: 'The decisions changed while approving; look again and approve' } });
    return reply.code(409).send({ error: { code: 'CONFLICT', message: `The item is ${outcome.status}, not pending` } });
  };

  app.get<{ Querystring: ListQuery }>('/v1/queue', { onRequest: anyone, schema: { querystring: listQuery } }, async (request) => {
    const q = request.query;
    return queue.store.list({
      status: q.status,
      rule: q.rule,
      source: q.source,
      olderThanMs: q.olderThan === undefined ? undefined : Number(q.olderThan) * 1000,
      newerThanMs: q.newerThan === undefined ? undefined : Number(q.newerThan) * 1000,
      limit: num(q.limit),
      offset: num(q.offset),
    });
  });

  app.get<{ Params: { id: string } }>('/v1/queue/:id', { onRequest: anyone, schema: { params: idParams } }, async (request, reply) => {
    const item = await queue.store.get(request.params.id);
    if (!item) return reply.code(404).send({ error: { code: 'NO_SUCH_ITEM', message: 'No such item in the queue' } });
    return queue.view(item);
  });

  app.put<{ Params: { id: string }; Body: SavedDecisions }>(
    '/v1/queue/:id/decisions',
    { onRequest: editors, schema: { params: idParams, body: decisionsBody } },
    async (request, reply) => answer(reply, await queue.saveDecisions(request.params.id, request.body, actorName(request.caller))),
  );

  app.post<{ Params: { id: string }; Body: { note?: string } | null }>(
    '/v1/queue/:id/approve',
    { onRequest: editors, schema: { params: idParams, body: noteBody } },
    async (request, reply) => answer(reply, await queue.approve(request.params.id, actorName(request.caller), request.body?.note)),
  );

  app.post<{ Params: { id: string }; Body: { note?: string } | null }>(
    '/v1/queue/:id/reject',
    { onRequest: editors, schema: { params: idParams, body: noteBody } },
    async (request, reply) => answer(reply, await queue.reject(request.params.id, actorName(request.caller), request.body?.note)),
  );

  app.get('/v1/queue/rules', { onRequest: anyone }, async () => ({ rejections: await queue.store.ruleRejections() }));

  app.post<{ Params: { id: string }; Body: { message: string } }>(
    '/v1/queue/:id/learn',
    {
      onRequest: editors,
      schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['message'], properties: { message: { type: 'string', maxLength: 200 } } } },
    },
    async (request, reply) => {
      try {
        const learned = await queue.learn(request.params.id, request.body.message, actorName(request.caller));
        if (!learned) return reply.code(404).send({ error: { code: 'NO_SUCH_ITEM', message: 'No such item in the queue' } });
        return learned;
      } catch (error) {
        if (error instanceof LearnError) return reply.code(error.code === 'NO_SUCH_MESSAGE' ? 404 : 400).send({ error: { code: error.code, message: error.message } });
        throw error;
      }
    },
  );

  app.post<{ Params: { id: string } }>('/v1/queue/:id/retry', { onRequest: editors, schema: { params: idParams } }, async (request, reply) =>
    answer(reply, await queue.retry(request.params.id, actorName(request.caller))),
  );
}

/** The queue's endpoints for `/openapi.json`. */
export function queueOpenApiPaths(): Record<string, unknown> {
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
  const item = { description: 'The item: input, result (messages with ids), decisions, verdictAfterDecisions, approved, delivery, audit', content: json({ type: 'object' }) };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const decided = { '200': item, '401': error('Missing or unknown token'), '403': error('Not an editor'), '404': error('No such item'), '409': error('The item is not in a state that allows it') };
  return {
    '/v1/queue': {
      get: {
        summary: 'Held articles, oldest first, with counts per status',
        security: [{ bearer: [] }],
        parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
        responses: { '200': { description: '{ items, total, counts }', content: json({ type: 'object' }) }, '401': error('Missing or unknown token') },
      },
    },
    '/v1/queue/{id}': { get: { summary: 'One held article', security: [{ bearer: [] }], parameters: [id], responses: { '200': item, '404': error('No such item') } } },
    '/v1/queue/{id}/decisions': {
      put: { summary: 'Save an editor’s decisions (editors)', security: [{ bearer: [] }], parameters: [id], requestBody: { content: json(decisionsBody) }, responses: decided },
    },
    '/v1/queue/{id}/approve': {
      post: { summary: 'Approve: clean again with the decisions, then deliver (editors)', security: [{ bearer: [] }], parameters: [id], requestBody: { content: json(noteBody) }, responses: decided },
    },
    '/v1/queue/{id}/reject': { post: { summary: 'Reject (editors)', security: [{ bearer: [] }], parameters: [id], requestBody: { content: json(noteBody) }, responses: decided } },
    '/v1/queue/{id}/retry': { post: { summary: 'Deliver a failed item again (editors)', security: [{ bearer: [] }], parameters: [id], responses: decided } },
  };
}
