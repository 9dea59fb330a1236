/** Strings built from arrays of UTF-16 code units, for text rewritten one code unit at a time. */

const UTF16 = new TextDecoder('utf-16le');
/** A surrogate without its other half, which a UTF-16 decoder would turn into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The string of these code units: decoded at once, or, when `source` (the text they were made from)
 * holds a lone surrogate that must stay as it is, in slices the call stack takes.
 */
export function stringOfCodes(codes: Uint16Array, source: string): string {
  if (!LONE_SURROGATE.test(source)) return UTF16.decode(codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}
