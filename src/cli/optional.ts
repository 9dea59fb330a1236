/**
 * The service (`serve`, `preview`) and the batch runner (`batch`, `clean` with
 * several files) depend on packages a library user need not install: they are
 * optional peer dependencies of copydesk (package.json `peerDependenciesMeta`).
 * A command that needs one that is missing says which, and how to install
 * it, and exits 2, instead of a stack trace.
 */
import { readFileSync } from 'node:fs';

/** What each part needs, as package.json's `peerDependencies` pins it. */
export const OPTIONAL_PARTS = {
  batch: ['piscina', 'cli-progress', 'proper-lockfile', 'saxes'],
  service: ['fastify', '@fastify/static', 'prom-client', 'better-sqlite3', 'pg'],
} as const;

export type Part = keyof typeof OPTIONAL_PARTS;

const MISSING = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)[^']*'/;

function pinnedVersions(): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { peerDependencies?: Record<string, string> };
    return manifest.peerDependencies ?? {};
  } catch {
    return {};
  }
}

/** The install line for a part: every package it needs, at the pinned versions. */
export function installHint(part: Part): string {
  const pins = pinnedVersions();
  return `npm install ${OPTIONAL_PARTS[part].map((name) => (pins[name] ? `${name}@${pins[name]}` : name)).join(' ')}`;
}

/** The missing package an import failed on, if that is why it failed. */
export function missingPackage(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const name = MISSING.exec((error as Error).message)?.[1];
  return name && !name.startsWith('.') && !name.startsWith('/') ? name : undefined;
}

/** Imports a part's module; a missing optional package: one line naming it and the install command, exit 2. */
export async function loadPart<T>(part: Part, command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const name = missingPackage(error);
    if (!name) throw error;
    process.stderr.write(`copydesk: \`${command}\` needs the package ${name}, not installed (an optional dependency of copydesk); install what it needs with: ${installHint(part)}\n`);
    process.exit(2);
  }
}
