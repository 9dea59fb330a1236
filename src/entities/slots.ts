/**
 * Grammatical slots where a company name does not belong, the trace of an
 * entity linker that swapped a word for a listed company:
 *
 * - a product slot: "its AI chatbot ___", "the voice assistant ___", "the
 *   company's open-source model family, ___," (the product was renamed);
 * - a noun slot: "hundreds of MagicDog ___", "Humanoid ___ brand",
 *   "Other ___ companies" (a plain noun, "robot", became a company).
 */

export interface ProductSlot {
  /** Where the slot phrase starts ("its AI chatbot"), in the block text. */
  start: number;
  /** The phrase itself, without the trailing comma. */
  phrase: string;
  /** The product noun ("chatbot"). */
  noun: string;
}

const PRODUCT_NOUN = /(chat\s?bots?|assistants?|apps?|applications?|model\s+family|models?|platforms?|services?|agents?|browsers?),?\s+$/iu;
const DETERMINER = /^(?:its|their|his|her|our|the|a|an|this|that|new)$/i;
const WORD_BEFORE = /([\p{L}\p{N}'’.&-]+)\s+$/u;

/**
 * The product slot ending just before `start`, if any: the product noun and,
 * when one of the three words before it is a determiner or a possessive, the
 * words from there ("its AI chatbot", "the company's AI assistant").
 */
export function productSlot(text: string, start: number): ProductSlot | undefined {
  const from = Math.max(0, start - 90);
  const before = text.slice(from, start);
  const m = PRODUCT_NOUN.exec(before);
  if (!m) return undefined;
  let at = m.index;
  let pos = m.index;
  for (let k = 0; k < 3; k++) {
    const w = WORD_BEFORE.exec(before.slice(0, pos));
    if (!w) break;
    pos = w.index;
    if (DETERMINER.test(w[1]!)) {
      at = pos;
      break;
    }
    if (/['’]s$/.test(w[1]!)) {
      const the = /\b(?:the|its|their)\s+$/i.exec(before.slice(0, pos));
      at = the ? the.index : pos;
      break;
    }
  }
  return { start: from + at, phrase: before.slice(at, m.index) + m[1]!, noun: m[1]!.toLowerCase().replace(/\s+/g, ' ') };
}

const NOUN_BEFORE = /(?:\b(?:hundreds|thousands|dozens|millions|tens)\s+of\s+(?:[\p{L}\p{N}-]+\s+)?|\b(?:other|humanoid|industrial|several|various)\s+)$/iu;
const NOUN_AFTER = /^\s+(?:companies|makers|manufacturers|firms|startups|start-ups)\b/i;

/** Whether the company name at text[start, end) stands where a plain noun should. */
export function nounSlot(text: string, start: number, end: number): boolean {
  return NOUN_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || NOUN_AFTER.test(text.slice(end, end + 20));
}

/** Product categories a slot noun asks for. */
export function categoriesFor(noun: string): string[] {
  if (/chat ?bot/.test(noun)) return ['chatbot', 'assistant'];
  if (/assistant|agent/.test(noun)) return ['assistant', 'chatbot'];
  if (/model/.test(noun)) return ['model'];
  if (/app/.test(noun)) return ['app'];
  if (/platform/.test(noun)) return ['platform', 'app'];
  if (/browser/.test(noun)) return ['app'];
  return ['service'];
}

/** A work's noun, or a naming verb, just before its quoted title: "the album “…”", "a game called “…”". */
const TITLE_NOUN = /\b(?:albums?|films?|movies?|books?|novels?|memoir|songs?|single|tracks?|games?|series|shows?|sitcom|drama|documentary|play|musical|opera|anthem|poems?|titles?|titled|called|named|dubbed|exhibition|podcast|EP|mixtape|comic|manga|anime|cartoon)\s*,?\s*$/i;

/**
 * The quoted span holding text[start, end), when there is one of at most
 * eight words: `{ title }` says whether a work's noun stands before it.
 */
export function quotedSpan(text: string, start: number, end: number): { exact: boolean; title: boolean } | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  const open = Math.max(before.lastIndexOf('“'), before.lastIndexOf('《'), before.lastIndexOf('"'));
  if (open === -1) return undefined;
  const inside = before.slice(open + 1);
  if (/[”》"]/.test(inside)) return undefined;
  const after = text.slice(end, end + 80);
  const close = after.search(/[”》"]/);
  if (close === -1) return undefined;
  const quoted = inside + text.slice(start, end) + after.slice(0, close);
  if (quoted.trim().split(/\s+/).length > 8) return undefined;
  return { exact: inside.trim() === '' && /^[\s,.!?]*$/.test(after.slice(0, close)), title: TITLE_NOUN.test(before.slice(0, open)) };
}
