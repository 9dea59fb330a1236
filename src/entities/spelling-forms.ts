/**
 * Spellings a translator varies that a curated list cannot all hold. Used at
 * build time only (scripts/build-kb.ts), on jargon patterns and product
 * variants:
 * - hyphens and spaces: a word-for-word phrase is printed with a hyphen as
 *   often as without ("two financing balance", "two-financing balance",
 *   "white-horse stocks", "white horse stocks");
 * - a name's own word beside the wrong form: the replacement's capitalised
 *   last word already printed after the wrong form ("Science and Technology
 *   Innovation 50 Index" for the STAR 50 Index, which would otherwise become
 *   "STAR 50 Index Index"), or a product name's first word before it
 *   ("WeChat Video Account" for WeChat Channels, not "WeChat WeChat
 *   Channels").
 */

const WORD = /^[\p{L}][\p{L}'’]*$/u;
const SMALL = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'by', 'with', 'from']);

/**
 * The same phrase as a translator also prints it: its hyphens as spaces
 * ("white-horse stocks" → "white horse stocks"), and its first two words
 * joined by a hyphen, the compound before the head noun ("two financing
 * balance" → "two-financing balance"). A phrase of more than five words, or
 * of one word, gives nothing.
 */
export function hyphenForms(pattern: string): string[] {
  const parts = pattern.split(/([ -])/);
  const words = parts.filter((_, i) => i % 2 === 0);
  if (words.length < 2 || words.length > 5) return [];
  const out = new Set<string>();
  if (parts.includes('-') && words.every((w) => WORD.test(w))) out.add(words.join(' '));
  // Plain words only: a name's words ("Shanghai and Shenzhen") and small words are not joined.
  const plain = (w: string) => WORD.test(w) && /^\p{Ll}/u.test(w) && !SMALL.has(w);
  if (parts[1] === ' ' && plain(parts[0]!) && plain(parts[2]!)) out.add([parts[0], '-', ...parts.slice(2)].join(''));
  out.delete(pattern);
  return [...out];
}

const fold = (s: string) => s.toLowerCase();

/**
 * A pattern with the replacement's capitalised last word after it, where the
 * pattern does not end with that word ("Kechuang 50" → "Kechuang 50 Index"
 * for "STAR 50 Index"). Only a replacement of two words or more whose last
 * word is capitalised: a name's word, not a plain noun.
 */
export function withTailWord(pattern: string, expected: string): string | undefined {
  const words = expected.split(/\s+/);
  const last = words.at(-1)!;
  if (words.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(last)) return undefined;
  if (fold(pattern.split(/\s+/).at(-1)!) === fold(last)) return undefined;
  return `${pattern} ${last}`;
}

/**
 * A pattern with the name's first word before it, where the pattern does
 * not start with that word ("Video Account" → "WeChat Video Account" for
 * "WeChat Channels"). Only a name of two words or more whose first word is
 * a name's (a capital or a brand's small letter followed by a capital, as
 * in "iFlytek"), not an article.
 */
export function withHeadWord(pattern: string, name: string): string | undefined {
  const words = name.split(/\s+/);
  const first = words[0]!;
  if (words.length < 2 || !/^(?:\p{Lu}|\p{Ll}+\p{Lu})[\p{L}\p{N}&.-]*$/u.test(first) || /^(?:The|A|An)$/.test(first)) return undefined;
  if (fold(pattern.split(/\s+/)[0]!) === fold(first)) return undefined;
  return `${first} ${pattern}`;
}

type Framed = string | string[] | { patterns: string[]; expected?: string | undefined };

/**
 * A product's variants with the name's first word before each pattern that
 * lacks it (a variant with its own replacement takes that replacement's first
 * word), in the variant's own shape and under its own context.
 */
export function withHeadWords<V extends Framed>(variants: V[] | undefined, name: string): V[] | undefined {
  if (!variants) return variants;
  const more = (patterns: string[], target: string) => {
    const listed = new Set(patterns.map(fold));
    const added = patterns.map((p) => withHeadWord(p, target)).filter((p): p is string => p !== undefined && !listed.has(fold(p)));
    return [...patterns, ...new Set(added)];
  };
  return variants.map((v) => {
    if (typeof v === 'string') {
      const all = more([v], name);
      return (all.length > 1 ? all : v) as V;
    }
    if (Array.isArray(v)) return more(v, name) as V;
    const group = v as Exclude<Framed, string | string[]>;
    return { ...group, patterns: more(group.patterns, group.expected ?? name) } as V;
  });
}

/**
 * A jargon entry's patterns with their hyphen and space forms and the
 * replacement's last word after them, less any form another entry lists
 * (`taken`, folded).
 */
export function jargonForms(patterns: string[], expected: string, taken: Set<string>): string[] {
  const own = new Set(patterns.map(fold));
  const out = [...patterns];
  for (const p of patterns) {
    const tail = withTailWord(p, expected);
    for (const form of [...hyphenForms(p), ...(tail ? [tail] : [])]) {
      const key = fold(form);
      if (own.has(key) || taken.has(key)) continue;
      own.add(key);
      out.push(form);
    }
  }
  return out;
}

const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * A count in a jargon phrase stands for every count: an entry listed for
 * "three consecutive suns" → "three straight gains" holds for four or seven.
 * For an entry whose replacement holds one count word (two to ten) that
 * every pattern holds too, as the word or as its digit, the same entry for
 * each other count; nothing for other entries.
 */
export function otherCounts(patterns: string[], expected: string): Array<{ patterns: string[]; expected: string }> {
  const find = (text: string) => NUMBER_WORDS.filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(text));
  const inExpected = find(expected);
  if (inExpected.length !== 1) return [];
  const n = inExpected[0]!;
  const digit = String(NUMBER_WORDS.indexOf(n) + 2);
  const word = new RegExp(`\\b${n}\\b`, 'gi');
  const number = new RegExp(`(?<![\\d,.])${digit}(?![\\d,.])`, 'g');
  const holds = new RegExp(`\\b${n}\\b|(?<![\\d,.])${digit}(?![\\d,.])`, 'i');
  if (!patterns.every((p) => holds.test(p))) return [];
  const out: Array<{ patterns: string[]; expected: string }> = [];
  for (const [i, m] of NUMBER_WORDS.entries()) {
    if (m === n) continue;
    const keepCase = (found: string) => (found[0] === found[0]!.toUpperCase() ? m[0]!.toUpperCase() + m.slice(1) : m);
    const swap = (text: string) => text.replace(word, keepCase).replace(number, String(i + 2));
    out.push({ patterns: [...new Set(patterns.map(swap))], expected: swap(expected) });
  }
  return out;
}
