/**
 * Bearer-token check for write endpoints. Tokens are compared as SHA-256
 * digests with `timingSafeEqual`, so neither the content nor the length of
 * the expected token leaks through response timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** A Fastify `onRequest` hook: 401 unless `Authorization: Bearer <token>`. No token configured: open. */
export function bearerAuth(token: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!token) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !safeEqual(match[1]!, token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="copydesk"');
      await reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: match ? 'Wrong bearer token' : 'Missing bearer token' } });
    }
  };
}
