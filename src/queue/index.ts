/** The review queue: its store chosen from the options, the service, the routes. */
import type { LazyDatabase } from '../server/database.js';
import type { Cleaner } from '../server/limits.js';
import { SqliteQueueStore } from './sqlite.js';
import { ReviewQueue, type QueueOptions } from './service.js';
import type { QueueStore } from './types.js';

export { Accounts, tokenDigest, type EditorAccount } from './editors.js';
export { registerQueueRoutes } from './routes.js';
export { cmsRef, QueueRequestError, ReviewQueue, type QueueOptions } from './service.js';
export type * from './types.js';

export async function openQueueStore(options: QueueOptions, database: LazyDatabase): Promise<QueueStore> {
  if (options.store === 'postgres') {
    if (!options.postgresUrl) throw new Error('server.queue.store is postgres but COPYDESK_QUEUE_POSTGRES_URL is not set');
    const { PostgresQueueStore } = await import('./postgres.js');
    return PostgresQueueStore.connect(options.postgresUrl);
  }
  return new SqliteQueueStore(database.get());
}

export async function openQueue(
  options: QueueOptions,
  database: LazyDatabase,
  cleaner: Cleaner,
  log?: ConstructorParameters<typeof ReviewQueue>[3],
): Promise<ReviewQueue> {
  return new ReviewQueue(await openQueueStore(options, database), cleaner, options, log);
}
