/**
 * The routes registered, by path pattern, so a request for a path that
 * exists under another method is answered 405 with `Allow` rather than 404.
 * Catch-all patterns (`/*`, static files) are left out: they match every
 * path and say nothing about it.
 */
import { escapeRe } from '../text/escape-re.js';

export class RouteTable {
  readonly #routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  readonly #byUrl = new Map<string, Set<string>>();

  add(url: string, method: string | string[]): void {
    if (url.includes('*')) return;
    let methods = this.#byUrl.get(url);
    if (!methods) {
      methods = new Set();
      this.#byUrl.set(url, methods);
      this.#routes.push({ pattern: patternOf(url), methods });
    }
    for (const m of Array.isArray(method) ? method : [method]) methods.add(m.toUpperCase());
  }

  /** The methods some route answers for this path, sorted; none when no route has the path. */
  methodsFor(path: string): string[] {
    const found = new Set<string>();
    for (const route of this.#routes) if (route.pattern.test(path)) for (const m of route.methods) found.add(m);
    return [...found].sort();
  }
}

/** `/v1/queue/:id` → /^\/v1\/queue\/[^/]+$/ (a trailing slash counts the same). */
function patternOf(url: string): RegExp {
  const source = url
    .replace(/\/$/, '')
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : escapeRe(part)))
    .join('/');
  return new RegExp(`^${source}/?$`);
}
