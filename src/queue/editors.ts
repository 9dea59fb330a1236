/**
 * Who is calling: a named editor, or the CMS (the machine token).
 *
 * Editors are listed in the config with the SHA-256 of their token, never
 * the token itself (the config is usually committed):
 *
 *   server:
 *     editors:
 *       - { name: alice, tokenSha256: 9f86d0…(64 hex) }   # printf %s "$TOKEN" | sha256sum
 *
 * Tokens are long random strings (`openssl rand -hex 24`), so one SHA-256 is
 * enough; digests are compared in constant time, every editor's each time,
 * so the answer's timing says nothing about which one matched. The machine
 * token (`COPYDESK_TOKEN`) may hold articles and read the queue, never decide:
 * only editors approve, reject and record decisions, and the audit log names them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../server/auth.js';

export interface EditorAccount {
  name: string;
  /** Hex SHA-256 of the editor's token. */
  tokenSha256: string;
}

export type Caller = { kind: 'editor'; name: string } | { kind: 'machine' };

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Accounts {
  readonly #editors: { name: string; digest: Buffer }[];

  constructor(
    editors: readonly EditorAccount[],
    private readonly machineToken: string | undefined,
  ) {
    this.#editors = editors.map((e) => ({ name: e.name, digest: Buffer.from(e.tokenSha256.toLowerCase(), 'hex') }));
  }

  get hasEditors(): boolean {
    return this.#editors.length > 0;
  }

  identify(authorization: string | undefined): Caller | undefined {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    const digest = createHash('sha256').update(token).digest();
    let editor: string | undefined;
    for (const e of this.#editors) if (e.digest.length === digest.length && timingSafeEqual(e.digest, digest) && editor === undefined) editor = e.name;
    if (editor !== undefined) return { kind: 'editor', name: editor };
    if (this.machineToken && safeEqual(token, this.machineToken)) return { kind: 'machine' };
    return undefined;
  }

  /** A Fastify `onRequest` hook: 401 for no known token, 403 for a machine token where an editor is needed. */
  require(who: 'editor' | 'any') {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const caller = this.identify(request.headers.authorization);
      if (!caller) {
        reply.header('WWW-Authenticate', 'Bearer realm="copydesk"');
        await reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'Missing or unknown bearer token' } });
        return;
      }
      if (who === 'editor' && caller.kind !== 'editor') {
        await reply.code(403).send({ error: { code: 'EDITORS_ONLY', message: 'Only a named editor may decide on a held article' } });
        return;
      }
      request.caller = caller;
    };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, once a queue route's auth hook has run. */
    caller?: Caller;
  }
}

/** The name written in the audit log. */
export function actorName(caller: Caller | undefined): string {
  return caller?.kind === 'editor' ? caller.name : 'cms';
}
