/** Starting and stopping the server, the same for `copydesk serve` and `copydesk preview`. */
import type { CopydeskServer } from '../server/app.js';

/**
 * Creates the server, or explains in one line on stderr why it cannot (a bad
 * config, dictionary, port or option): then undefined, and the command exits 2.
 */
export async function startOrExplain(create: () => Promise<CopydeskServer>): Promise<CopydeskServer | undefined> {
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    process.stderr.write(`copydesk: ${error.message}\n`);
    return undefined;
  }
}

/**
 * Serves until SIGINT or SIGTERM, then closes the server: requests in flight
 * finish; past `graceMs` the process exits with 1 (a second signal changes nothing).
 */
export function serveUntilSignal(server: CopydeskServer, graceMs: number): Promise<void> {
  return new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
      const force = setTimeout(() => {
        server.app.log.warn('grace period over; exiting with requests still open');
        process.exit(1);
      }, graceMs);
      force.unref();
      server.close().then(resolveStop, resolveStop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
