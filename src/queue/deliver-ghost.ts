/**
 * Ghost and the review desk, through Ghost's Admin API (JWT from the Admin
 * API key, `Accept-Version: v5.0`; see `ghostAdminToken` in ../server/ghost.ts):
 *
 * Holding (a post webhook whose verdict is `review` or `reject`, with
 * `server.ghost.hold`): the post is kept from going out.
 *   GET  /ghost/api/admin/posts/{id}/                       its status and updated_at
 *   PUT  /ghost/api/admin/posts/{id}/  { posts: [{ status: 'draft', updated_at }] }
 *        when it is `published` or `scheduled` (a draft stays a draft)
 *
 * Approving: the approved article (the editor's decisions applied) is written
 * and published.
 *   GET  /ghost/api/admin/posts/{id}/                       its current updated_at
 *   PUT  /ghost/api/admin/posts/{id}/?source=html  { posts: [{ html, title?, status: 'published', updated_at }] }
 *
 * Ghost refuses an update whose `updated_at` is not the post's own (someone
 * edited it meanwhile); that is a failed delivery, retried with backoff and
 * shown on the item.
 */
import { ghostAdminToken } from '../server/ghost.js';
import type { CmsTarget } from './delivery.js';
import type { QueueItem } from './types.js';

export interface GhostAdmin {
  /** Ghost site URL, e.g. `https://news.example.com`. */
  url: string;
  /** Admin API key `id:secret`. */
  adminKey: string;
  timeoutMs?: number | undefined;
}

interface GhostPostState {
  id: string;
  status: string;
  updated_at: string;
}

async function admin<T>(ghost: GhostAdmin, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
  const endpoint = new URL(`ghost/api/admin/${path}`, ghost.url.endsWith('/') ? ghost.url : `${ghost.url}/`);
  const response = await fetch(endpoint, {
    method,
    headers: {
      Authorization: `Ghost ${ghostAdminToken(ghost.adminKey)}`,
      'Accept-Version': 'v5.0',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    redirect: 'manual',
    signal: AbortSignal.timeout(ghost.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    let detail = '';
    try {
      detail = ((JSON.parse(text) as { errors?: { message?: string }[] }).errors ?? []).map((e) => e.message).filter(Boolean).join('; ');
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(`Ghost Admin API answered ${response.status} to ${method} ${endpoint.pathname}${detail ? `: ${detail}` : ''}`);
  }
  return JSON.parse(text) as T;
}

const postPath = (id: string) => `posts/${encodeURIComponent(id)}/`;

async function readPost(ghost: GhostAdmin, id: string): Promise<GhostPostState> {
  const { posts } = await admin<{ posts: GhostPostState[] }>(ghost, 'GET', postPath(id));
  if (!posts?.[0]) throw new Error(`Ghost has no post ${id}`);
  return posts[0];
}

/** Keeps a held post from going out: a published or scheduled post goes back to draft. Returns the status it had. */
export async function holdGhostPost(ghost: GhostAdmin, postId: string): Promise<string> {
  const post = await readPost(ghost, postId);
  if (post.status === 'published' || post.status === 'scheduled') {
    await admin(ghost, 'PUT', postPath(postId), { posts: [{ status: 'draft', updated_at: post.updated_at }] });
  }
  return post.status;
}

/** Writes an approved item into its Ghost post and publishes it. */
export function ghostTarget(ghost: GhostAdmin): CmsTarget {
  return async (item: QueueItem) => {
    if (item.cms.kind !== 'ghost') throw new Error('not a Ghost item');
    const approved = item.approved ?? item.result;
    const post = await readPost(ghost, item.cms.postId);
    await admin(ghost, 'PUT', `${postPath(item.cms.postId)}?source=html`, {
      posts: [{ html: approved.html, ...(approved.title ? { title: approved.title } : {}), status: 'published', updated_at: post.updated_at }],
    });
  };
}
