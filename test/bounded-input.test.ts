/**
 * The size limit holds for what has no size: devices, pipes and FIFOs are
 * refused as their bytes arrive, not after memory has filled. UTF-16 is
 * decoded when it says so (a byte-order mark) and named when it does not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clean, InputError } from '../src/index.js';
import { readBounded } from '../src/input.js';

const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const LIMIT_MB = 64;

/** Runs the CLI on stdin and writes text into it for as long as the CLI reads. */
function cleanFromEndlessPipe(): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'clean', '-', '--format', 'text'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = Buffer.from('A sentence of filler text that never ends.\n'.repeat(1000));
    const feed = () => {
      while (child.stdin.writable && child.stdin.write(line));
    };
    child.stdin.on('drain', feed);
    child.stdin.on('error', () => {}); // EPIPE once the CLI has refused the input
    feed();
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('bounded reading', () => {
  it.skipIf(!existsSync('/dev/zero'))('/dev/zero is refused at once, not read until memory runs out', () => {
    const r = spawnSync(process.execPath, [cli, 'clean', '/dev/zero', '--format', 'text'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/dev/zero: looks like a binary file');
  });

  it('an endless pipe on stdin is refused past the limit', async () => {
    const r = await cleanFromEndlessPipe();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`stdin: larger than ${LIMIT_MB} MB`);
  }, 60_000);

  it('readBounded stops a stream past the limit and destroys it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    await expect(readBounded(endless, 100 * 1024, 'pipe')).rejects.toThrow(new InputError('pipe: larger than 0.09765625 MB'));
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(1024 * 1024);
  });

  it('readBounded returns everything under the limit', async () => {
    const bytes = await readBounded(Readable.from([Buffer.from('one '), Buffer.from('two')]), 1024, 'pipe');
    expect(bytes.toString()).toBe('one two');
  });
});

describe('UTF-16', () => {
  const article = 'Harbour Group lifts outlook\nHarbour Group raised its outlook on Monday.';

  it('with a byte-order mark (little or big endian) it is decoded', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const result = await clean(bytes, { format: 'text' });
      expect(result.markdown).toBe('# Harbour Group lifts outlook\n\nHarbour Group raised its outlook on Monday.\n');
    }
  });

  it('without one it is named, with what to do', async () => {
    const bytes = Buffer.from(article, 'utf16le');
    await expect(clean(bytes, { format: 'text', path: 'wire.txt' })).rejects.toThrow(
      new InputError('wire.txt: looks like UTF-16 without a byte-order mark: UTF-16 is not supported; convert to UTF-8'),
    );
  });

  it('UTF-8 text with a stray NUL is still a binary file, not UTF-16', async () => {
    await expect(clean(Buffer.from(`${article}\u0000 and more text after it`), { format: 'text' })).rejects.toThrow(/binary file/);
  });
});
