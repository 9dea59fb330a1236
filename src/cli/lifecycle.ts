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

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'the port is in use',
  EADDRNOTAVAIL: 'no such address on this machine',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  EAFNOSUPPORT: 'this machine does not support that address family',
};

/**
 * Starts listening, or explains in one line on stderr why not (port in use,
 * an address not on this machine, a host that does not resolve): then the
 * server is closed (its workers stopped) and undefined returned, and the
 * command exits 2.
 */
export async function listenOrExplain(server: CopydeskServer, where: { host: string; port: number }): Promise<string | undefined> {
  try {
    return await server.listen();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = LISTEN_PROBLEMS[code] ?? error.message.split('\n')[0];
    process.stderr.write(`copydesk: cannot listen on ${where.host}:${where.port}: ${why}\n`);
    await server.close().catch(() => undefined);
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
