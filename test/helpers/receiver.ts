/** A small HTTP server on loopback that receives queue callbacks, checks their signature and answers as told. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: Record<string, unknown> & { id: string; markdown: string; html: string };
  signatureValid: boolean;
}

export class Receiver {
  readonly deliveries: Delivery[] = [];
  /** Statuses to answer, one per request; when used up, 200. */
  answers: number[] = [];
  /** How long to take over each answer, ms (to make deliveries overlap). */
  delayMs = 0;
  readonly #server: Server;
  url = '';

  constructor(private readonly secret: string) {
    this.#server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.deliveries.push({ headers: req.headers, raw, body: JSON.parse(raw), signatureValid: this.verify(raw, String(req.headers['x-copydesk-signature'] ?? '')) });
        const status = this.answers.shift() ?? 200;
        setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'), this.delayMs);
      });
    });
  }

  /** The check a receiver would make: HMAC-SHA256 of body + t, as in Ghost's webhooks, and a fresh t. */
  verify(raw: string, header: string): boolean {
    const match = /^sha256=([0-9a-f]{64}), t=(\d+)$/.exec(header);
    if (!match) return false;
    const expected = createHmac('sha256', this.secret).update(`${raw}${match[2]}`).digest();
    return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex')) && Math.abs(Date.now() - Number(match[2])) < 60_000;
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
