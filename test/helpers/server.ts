/** Starting a real copydesk server on a loopback port, and talking to it. */
import { Writable } from 'node:stream';
import { createServer, type CopydeskServer } from '../../src/server/app.js';
import type { ServerOptions } from '../../src/server/options.js';

export interface Running {
  server: CopydeskServer;
  url: string;
  /** Every log line so far (pino JSON). */
  logs: string[];
}

export async function start(options: ServerOptions = {}): Promise<Running> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  // An in-memory database unless a test names a file: nothing left in the user's state folder.
  const server = await createServer({ port: 0, threads: 1, logLevel: 'debug', logStream, database: ':memory:', ...options });
  const url = await server.listen();
  await ready(url);
  return { server, url, logs };
}

/** Waits for /readyz (workers loaded). */
export async function ready(url: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const response = await fetch(`${url}/readyz`);
    if (response.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server not ready');
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
