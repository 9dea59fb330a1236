/**
 * Backups after an interrupted run: a kill between linking the backup into
 * place and removing its temporary file leaves both; the next run's backup
 * serves and the temporary file goes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, backupSync, tempPathFor } from '../src/batch/atomic.js';
import { workspaces } from './helpers/workspace.js';

const ws = workspaces();

describe('a backup left with its temporary file by a killed run', () => {
  for (const [label, run] of [
    ['backupSync (pool workers)', async (from: string, base: string) => backupSync(from, base)],
    ['backup (exports)', backup],
  ] as const) {
    it(`${label}: the existing backup serves, the temporary file goes`, async () => {
      const original = 'The first version of the story.\n';
      const dir = ws({ 'story.txt': original, 'story.txt.orig': original, '.story.txt.orig.copydesk-tmp': original });
      const from = join(dir, 'story.txt');
      const base = `${from}.orig`;
      expect(await run(from, base)).toBe(base);
      expect(existsSync(tempPathFor(base))).toBe(false);
      expect(readFileSync(base, 'utf8')).toBe(original);
      expect(readdirSync(dir).sort()).toEqual(['story.txt', 'story.txt.orig']);
    });

    it(`${label}: a different backup is kept, the new one takes the next name`, async () => {
      const dir = ws({ 'story.txt': 'Second version.\n', 'story.txt.orig': 'First version.\n' });
      const from = join(dir, 'story.txt');
      const base = `${from}.orig`;
      expect(await run(from, base)).toBe(`${base}.2`);
      expect(readFileSync(base, 'utf8')).toBe('First version.\n');
      expect(readFileSync(`${base}.2`, 'utf8')).toBe('Second version.\n');
      expect(readdirSync(dir).sort()).toEqual(['story.txt', 'story.txt.orig', 'story.txt.orig.2']);
    });
  }
});
