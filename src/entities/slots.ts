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

const PRODUCT_SLOT =
  /((?:\b(?:its|their|his|her|our|the|a|an|new|[\p{Lu}][\p{L}\p{N}.&-]*['’]s)\s+)?(?:[\p{L}\p{N}'’-]+\s+){0,3}?(chat\s?bots?|assistants?|apps?|applications?|model\s+family|models?|platforms?|services?|agents?|browsers?)),?\s+$/iu;

/** The product slot ending just before `start`, if any. */
export function productSlot(text: string, start: number): ProductSlot | undefined {
  const from = Math.max(0, start - 90);
  const m = PRODUCT_SLOT.exec(text.slice(from, start));
  if (!m) return undefined;
  return { start: from + m.index, phrase: m[1]!, noun: m[2]!.toLowerCase().replace(/\s+/g, ' ') };
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
