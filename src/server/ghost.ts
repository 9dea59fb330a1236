/**
 * Ghost: webhook signatures in, cleaned posts out through the Admin API.
 *
 * Ghost signs each webhook request with the webhook's secret:
 *
 *     X-Ghost-Signature: sha256=<hex HMAC-SHA256 of (raw body + t)>, t=<ms since epoch>
 *
 * A request is accepted when the HMAC matches (constant-time), `t` lies
 * within the tolerance of the server's clock, and that signature has not
 * been seen before (kept for the tolerance window, so a captured request
 * cannot be replayed; the service keeps them in its database, so a restart
 * does not forget them: `replay.ts`, or PostgreSQL when replicas share one).
 *
 * Write-back: `PUT /ghost/api/admin/posts/{id}/?source=html` with a JWT made
 * from the Admin API key (`id:secret`, HS256, `kid` = id, audience
 * `/admin/`, five minutes). Bodies that copydesk cannot carry through
 * unchanged (Ghost cards, embeds, media) are never written back: the result
 * is answered instead, so an editor applies it.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from './auth.js';

export type SignatureProblem = 'missing' | 'malformed' | 'mismatch' | 'expired' | 'replayed';

export function parseSignature(header: string | undefined): { hex: string; t: number } | undefined {
  if (!header) return undefined;
  const hex = /(?:^|,)\s*sha256=([0-9a-f]{64})\s*(?:,|$)/i.exec(header)?.[1];
  const t = /(?:^|,)\s*t=(\d{1,16})\s*(?:,|$)/.exec(header)?.[1];
  return hex && t ? { hex: hex.toLowerCase(), t: Number(t) } : undefined;
}

export function ghostSignature(secret: string, rawBody: string, t: number): string {
  return createHmac('sha256', secret).update(`${rawBody}${t}`).digest('hex');
}

/** The header Ghost would send for this body at time `t` (for tests and tools). */
export function signGhostRequest(secret: string, rawBody: string, t = Date.now()): string {
  return `sha256=${ghostSignature(secret, rawBody, t)}, t=${t}`;
}

/** Where accepted signatures are remembered: `accept` is true the first time a signature is seen within its window. */
export interface ReplayStore {
  accept(signature: string, now?: number): boolean;
}

/** The same, kept in a database reached asynchronously (PostgreSQL, shared by replicas). */
export interface AsyncReplayStore {
  accept(signature: string, now?: number): boolean | Promise<boolean>;
}

/** Remembers accepted signatures in memory until they would have expired anyway (lost on restart: see `replay.ts`). */
export class ReplayGuard implements ReplayStore {
  readonly #seen = new Map<string, number>();
  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** True the first time a signature is seen within its window. */
  accept(signature: string, now = Date.now()): boolean {
    this.#prune(now);
    if (this.#seen.has(signature)) return false;
    // Full of live entries (a flood of valid requests): forget the oldest.
    if (this.#seen.size >= this.maxEntries) this.#seen.delete(this.#seen.keys().next().value!);
    this.#seen.set(signature, now + 2 * this.windowMs);
    return true;
  }

  #prune(now: number): void {
    for (const [key, expires] of this.#seen) {
      if (expires > now) break; // insertion order is expiry order
      this.#seen.delete(key);
    }
  }
}

/** Everything but the replay check: the problem, or the signature to remember. */
export function checkGhostSignature(
  rawBody: string,
  header: string | undefined,
  secret: string,
  toleranceMs: number,
  now = Date.now(),
): { problem: Exclude<SignatureProblem, 'replayed'> } | { signature: string } {
  if (!header) return { problem: 'missing' };
  const parsed = parseSignature(header);
  if (!parsed) return { problem: 'malformed' };
  if (!safeEqual(ghostSignature(secret, rawBody, parsed.t), parsed.hex)) return { problem: 'mismatch' };
  if (Math.abs(now - parsed.t) > toleranceMs) return { problem: 'expired' };
  return { signature: parsed.hex };
}

export function verifyGhostSignature(
  rawBody: string,
  header: string | undefined,
  secret: string,
  replay: ReplayStore,
  toleranceMs: number,
  now = Date.now(),
): SignatureProblem | undefined {
  const checked = checkGhostSignature(rawBody, header, secret, toleranceMs, now);
  if ('problem' in checked) return checked.problem;
  if (!replay.accept(checked.signature, now)) return 'replayed';
  return undefined;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A Ghost Admin API token (JWT, HS256) from a key `id:secret`. */
export function ghostAdminToken(adminKey: string, now = Date.now()): string {
  const [id, secret] = adminKey.split(':');
  if (!id || !secret || !/^[0-9a-f]+$/i.test(secret)) throw new Error('Ghost Admin API key must look like <id>:<hex secret>');
  const iat = Math.floor(now / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: id }));
  const body = b64url(JSON.stringify({ iat, exp: iat + 5 * 60, aud: '/admin/' }));
  const signature = createHmac('sha256', Buffer.from(secret, 'hex')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** Markup that cleaning would flatten or drop (Ghost cards, embeds, media): such posts are not written back. */
const UNSAFE = /<(?:iframe|video|audio|script|embed|object|form|table)\b|class="[^"]*\bkg-|<!--kg-card/i;

export function unsafeToWriteBack(html: string): string | undefined {
  const match = UNSAFE.exec(html);
  return match ? `the post holds markup copydesk does not carry through (${match[0].slice(0, 24)}…)` : undefined;
}

interface LexicalNode {
  type?: string;
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
  url?: string;
  children?: LexicalNode[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Ghost's Lexical JSON as HTML, for the node types plain articles are made
 * of (paragraphs, headings, quotes, lists, links, line breaks, rules).
 * Anything else (cards: images, embeds, HTML, galleries…) makes it
 * `unsupported`, and the post is cleaned but not written back.
 */
export function lexicalToHtml(lexical: string): { html: string; unsupported: string[] } {
  const unsupported = new Set<string>();
  const root = (JSON.parse(lexical) as { root?: LexicalNode }).root;
  const inline = (nodes: LexicalNode[] = []): string =>
    nodes
      .map((n) => {
        if (n.type === 'text' || n.type === 'extended-text') {
          let t = escapeHtml(n.text ?? '');
          const f = typeof n.format === 'number' ? n.format : 0;
          if (f & 16) t = `<code>${t}</code>`;
          if (f & 2) t = `<em>${t}</em>`;
          if (f & 1) t = `<strong>${t}</strong>`;
          return t;
        }
        if (n.type === 'linebreak') return '<br>';
        if (n.type === 'link' || n.type === 'autolink') return `<a href="${escapeHtml(n.url ?? '')}">${inline(n.children)}</a>`;
        unsupported.add(n.type ?? 'unknown');
        return '';
      })
      .join('');
  const block = (n: LexicalNode): string => {
    switch (n.type) {
      case 'paragraph':
        return `<p>${inline(n.children)}</p>`;
      case 'heading':
      case 'extended-heading':
        return `<${/^h[1-6]$/.test(n.tag ?? '') ? n.tag : 'h2'}>${inline(n.children)}</${/^h[1-6]$/.test(n.tag ?? '') ? n.tag : 'h2'}>`;
      case 'quote':
      case 'extended-quote':
        return `<blockquote><p>${inline(n.children)}</p></blockquote>`;
      case 'list': {
        const tag = n.listType === 'number' ? 'ol' : 'ul';
        return `<${tag}>${(n.children ?? []).map((li) => `<li>${inline(li.children)}</li>`).join('')}</${tag}>`;
      }
      case 'horizontalrule':
        return '<hr>';
      default:
        unsupported.add(n.type ?? 'unknown');
        return '';
    }
  };
  const html = (root?.children ?? []).map(block).join('\n');
  return { html, unsupported: [...unsupported] };
}

export interface GhostUpdate {
  url: string;
  adminKey: string;
  postId: string;
  html: string;
  /** The `updated_at` Ghost sent: Ghost refuses the update if the post changed since. */
  updatedAt: string;
  timeoutMs?: number;
}

export class GhostApiError extends Error {
  override name = 'GhostApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Writes a cleaned body back to Ghost. Throws `GhostApiError` on a refusal. */
export async function updateGhostPost(update: GhostUpdate): Promise<void> {
  const endpoint = new URL(`ghost/api/admin/posts/${encodeURIComponent(update.postId)}/`, update.url.endsWith('/') ? update.url : `${update.url}/`);
  endpoint.searchParams.set('source', 'html');
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'PUT',
      headers: {
        Authorization: `Ghost ${ghostAdminToken(update.adminKey)}`,
        'Accept-Version': 'v5.0',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ posts: [{ html: update.html, updated_at: update.updatedAt }] }),
      signal: AbortSignal.timeout(update.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new GhostApiError(`Ghost Admin API unreachable: ${(error as Error).message}`, 0);
  }
  if (!response.ok) {
    let detail = '';
    try {
      const body = (await response.json()) as { errors?: { message?: string }[] };
      detail = body.errors?.map((e) => e.message).filter(Boolean).join('; ') ?? '';
    } catch {
      // not JSON: the status says enough
    }
    throw new GhostApiError(`Ghost Admin API answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
  } else {
    await response.arrayBuffer();
  }
}
