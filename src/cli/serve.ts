/**
 * `copydesk serve`: the HTTP service, configured from the config file, the
 * environment (secrets) and flags. SIGINT/SIGTERM stop it gracefully:
 * requests in flight finish (up to `graceMs`), then the process exits.
 * A config, database, port or host it cannot use: one line on stderr, exit 2.
 */
import { loadConfig } from '../config.js';
import { createServer } from '../server/app.js';
import { DEFAULTS, serverOptionsFromConfig } from '../server/options.js';
import { listenOrExplain, serveUntilSignal, startOrExplain } from './lifecycle.js';

export interface ServeCliOptions {
  host?: string;
  port?: number;
  config?: string;
  /** `--quiet` (warn) or `--silent` (error): over the config's log level. */
  logLevel?: 'warn' | 'error' | undefined;
}

export async function runServe(opts: ServeCliOptions, graceMs = 30_000): Promise<number> {
  let where = { host: DEFAULTS.host as string, port: DEFAULTS.port as number };
  const server = await startOrExplain(async () => {
    const { config, filepath } = await loadConfig({ configPath: opts.config });
    const options = serverOptionsFromConfig(config, process.env, { host: opts.host, port: opts.port }, filepath);
    where = { host: options.host ?? DEFAULTS.host, port: options.port ?? DEFAULTS.port };
    return createServer({ ...options, ...(opts.logLevel ? { logLevel: opts.logLevel } : {}), preview: options.preview ?? { page: true } });
  });
  if (!server) return 2;
  const url = await listenOrExplain(server, where);
  if (!url) return 2;
  server.app.log.info({ url }, 'copydesk serve listening');
  await serveUntilSignal(server, graceMs);
  return 0;
}
