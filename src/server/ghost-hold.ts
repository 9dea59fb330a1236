/**
 * The Ghost webhook and the review desk (`server.ghost.hold` with a
 * `server.queue`): a post whose verdict is `review` or `reject` is held in the
 * queue with its Ghost post id, and kept from going out: through the Admin
 * API, a published or scheduled post goes back to draft (see
 * ../queue/deliver-ghost.ts for the exact requests). Approval writes the
 * approved article into the post and publishes it.
 */
import type { FastifyRequest } from 'fastify';
import type { ArticleResult, PublishReport } from '../hook.js';
import type { CleanOptions } from '../pipeline.js';
import type { ReviewQueue } from '../queue/service.js';
import { holdGhostPost } from '../queue/deliver-ghost.js';
import type { GhostOptions } from './options.js';

export async function holdGhostWebhook(
  request: FastifyRequest,
  queue: ReviewQueue,
  ghost: GhostOptions,
  post: { id?: unknown; title?: unknown },
  html: string,
  result: ArticleResult,
  report: PublishReport,
  policy: { clean: CleanOptions; block: string[] },
): Promise<Record<string, unknown>> {
  const postId = String(post.id);
  const title = typeof post.title === 'string' ? post.title : undefined;
  const item = await queue.hold(
    {
      source: 'ghost',
      cms: { kind: 'ghost', postId },
      input: { content: html, format: 'html', title },
      result: { markdown: result.markdown, html: result.html, ...(result.title !== undefined ? { title: result.title } : {}), messages: result.messages },
      verdict: report.verdict,
      policy,
    },
    'cms',
  );
  let ghostStatus: string | undefined;
  let reason: string | undefined;
  if (ghost.adminKey && ghost.url) {
    try {
      ghostStatus = await holdGhostPost({ url: ghost.url, adminKey: ghost.adminKey }, postId);
    } catch (error) {
      reason = `held, but the post could not be taken back to draft: ${(error as Error).message}`;
      request.log.warn({ postId, item: item.id, err: { message: (error as Error).message } }, 'ghost: could not unpublish a held post');
    }
  } else reason = 'held; no Ghost Admin API key or URL configured, so the post could not be taken back to draft';
  const base = queue.options.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
  request.log.info({ postId, item: item.id, ghostStatus }, 'ghost post held for review');
  return {
    postId,
    verdict: report.verdict,
    changes: report.changes,
    flags: report.flags,
    updated: false,
    ...(reason ? { reason } : {}),
    messages: result.messages,
    held: { id: item.id, url: `${base}/v1/queue/${item.id}`, status: item.status, ...(ghostStatus ? { ghostStatus } : {}) },
  };
}
