/**
 * `copydesk serve`: the HTTP service, configured from the config file, the
 * environment (secrets) and flags. SIGINT/SIGTERM stop it gracefully:
 * requests in flight finish (up to `graceMs`), then the process exits.
 */
import { loadConfig } from '../config.js';
import { createServer } from '../server/app.js';
import { serverOptionsFromConfig } from '../server/options.js';
import { serveUntilSignal, startOrExplain } from './lifecycle.js';

export interface ServeCliOptions {
  host?: string;
  port?: number;
  config?: string;
}

export async function runServe(opts: ServeCliOptions, graceMs = 30_000): Promise<number> {
  const server = await startOrExplain(async () => {
    const { config, filepath } = await loadConfig({ configPath: opts.config });
    const options = serverOptionsFromConfig(config, process.env, { host: opts.host, port: opts.port }, filepath);
    return createServer({ ...options, preview: options.preview ?? { page: true } });
  });
  if (!server) return 2;
  const url = await server.listen();
  server.app.log.info({ url }, 'copydesk serve listening');
  await serveUntilSignal(server, graceMs);
  return 0;
}
