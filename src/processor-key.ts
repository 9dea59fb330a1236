/**
 * When a processor built for one article may clean the next: freezing one
 * runs every plugin's attacher (the matcher looked up, option lists built),
 * a measurable share of a short article's time. Options are a key only when
 * they are plain data (strings, numbers, booleans, arrays and plain objects
 * of them) that the attachers read and nothing else: no knowledge base, no
 * RegExp, no function. Dictionaries are keyed as the matcher cache keys them
 * (paths with their modification times, data by identity), so an edited
 * dictionary file still gets a processor of its own.
 */
import { dictionariesKey } from './entities/dictionary.js';

/** Options the processor does not depend on: the file's name, and the decisions (read from the file; only their presence adds a plugin). */
const NOT_IN_PROCESSOR = new Set(['path', 'decisions', 'dictionaries']);

export function processorKey(format: string, options: object): string | undefined {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (!NOT_IN_PROCESSOR.has(key)) rest[key] = value;
  const data = plainData(rest);
  if (data === undefined) return undefined;
  const { dictionaries, decisions } = options as { dictionaries?: Parameters<typeof dictionariesKey>[0]; decisions?: unknown };
  return `${format}\u0000${decisions ? 1 : 0}\u0000${data}\u0000${dictionaries ? dictionariesKey(dictionaries) : ''}`;
}

/** A canonical text of plain data, or undefined when the value holds anything else (or dictionaries inside plugin options). */
function plainData(value: unknown): string | undefined {
  if (value === undefined) return 'u';
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const part = plainData(item);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    if (key === 'dictionaries' || key === 'kb') return undefined;
    const part = plainData((value as Record<string, unknown>)[key]);
    if (part === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${part}`);
  }
  return `{${parts.join(',')}}`;
}
