/**
 * `npm run bench`: every figure as a ratio against work measured in the same
 * run (this machine is shared and noisy; absolute times are only context).
 *
 *   npm run bench                  all sections
 *   npm run bench -- core batch    only these sections
 */
import { printRows, type Row } from './measure.js';

type Section = { title: string; run: () => Promise<Row[]> };

/** Sections live in their own modules; a missing one is skipped with a note. */
const SECTIONS: Record<string, Section> = {
  core: { title: 'clean() against the floor F', run: async () => (await import('./core.js')).benchCore() },
  entities: { title: 'Entity knowledge base and dictionaries', run: async () => (await import('./entities.js' as string)).benchEntities() },
  batch: { title: 'Batch CLI', run: async () => (await import('./batch.js' as string)).benchBatch() },
  'worst-case': { title: 'Worst-case inputs against plain articles of the same size', run: async () => (await import('./worst-case.js')).benchWorstCase() },
  server: { title: 'HTTP service', run: async () => (await import('./server.js' as string)).benchServer() },
  queue: { title: 'Review queue: items enqueued and listed, SQLite and PostgreSQL', run: async () => (await import('./queue.js')).benchQueue() },
  extraction: { title: 'Whole web pages: article extraction benchmark, and time against Readability alone', run: async () => (await import('./extraction.js')).benchExtraction() },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in SECTIONS));
if (unknown.length) {
  console.error(`unknown bench section: ${unknown.join(', ')} (known: ${Object.keys(SECTIONS).join(', ')})`);
  process.exit(2);
}

console.log(`# copydesk bench — Node ${process.version}, ${new Date().toISOString()}`);
for (const [name, section] of Object.entries(SECTIONS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  try {
    printRows(section.title, await section.run());
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    console.log(`\n## ${section.title}\n\n${missing ? 'not available in this build' : `failed: ${(error as Error).stack}`}`);
    if (!missing) process.exitCode = 1;
  }
}
