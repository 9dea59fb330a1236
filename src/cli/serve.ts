/**
 * `copydesk serve`: the HTTP service, configured from the config file, the
 * environment (secrets) and flags. SIGINT/SIGTERM stop it gracefully:
 * requests in flight finish (up to `graceMs`), then the process exits.
 */
import { loadConfig } from '../config.js';
import { createServer } from '../server/app.js';
import { serverOptionsFromConfig } from '../server/options.js';

export interface ServeCliOptions {
  host?: string;
  port?: number;
  config?: string;
}

export async function runServe(opts: ServeCliOptions, graceMs = 30_000): Promise<number> {
  let server;
  try {
    const { config, filepath } = await loadConfig({ configPath: opts.config });
    const options = serverOptionsFromConfig(config, process.env, { host: opts.host, port: opts.port }, filepath);
    server = await createServer({ ...options, preview: options.preview ?? { page: true } });
  } catch (error) {
    // A bad config, dictionary, port or option: one line, exit 2.
    if (error instanceof Error) {
      process.stderr.write(`copydesk: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const url = await server.listen();
  server.app.log.info({ url }, 'copydesk serve listening');
  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: string) => {
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
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
