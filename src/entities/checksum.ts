/**
 * Checksums that tie data/kb.matcher.bin to the data/kb.json it was built
 * from and tell a damaged file: CRC-32 (`zlib.crc32`, Node ≥ 20.15), SHA-1
 * where this Node has no CRC. They guard against staleness and damage, not
 * against tampering, and the CRC of both files costs a fifth as much at
 * every start.
 */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

export type Algorithm = 'crc32' | 'sha1';
/** Checksums of some bytes by algorithm: CRC-32 where this Node has it, SHA-1 always. */
export type Digests = Partial<Record<Algorithm, string>>;

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function checksum(algorithm: Algorithm, bytes: Uint8Array): string {
  return algorithm === 'crc32' ? crc32!(bytes).toString(16).padStart(8, '0') : createHash('sha1').update(bytes).digest('hex');
}

/** The checksum a reader compares: `crc32:…` where this Node has zlib.crc32, else `sha1:…`. */
export function digestOf(bytes: Uint8Array): string {
  const algorithm: Algorithm = crc32 ? 'crc32' : 'sha1';
  return `${algorithm}:${checksum(algorithm, bytes)}`;
}

/** Every checksum a writer records, so a reader on any Node 20 finds its own. */
export function digestsOf(bytes: Uint8Array): Digests {
  return { ...(crc32 ? { crc32: checksum('crc32', bytes) } : {}), sha1: checksum('sha1', bytes) };
}
