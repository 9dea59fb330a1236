/**
 * Jargon translated word for word is often a verb phrase ("cut the leeks"
 * for 割韭菜, "go out to sea" for 出海), and the curated data lists it in the
 * base form and the -ing form. A translator writes the past tense as often
 * ("harvested the leeks"): from each verb phrase whose -ing form is listed
 * too (so it is known to be a verb), the KB build derives the past tense of
 * both the wrong phrase and its replacement. The build derives these forms;
 * the cleaner uses the verb forms for a phrase whose object stands inside it
 * (see lead.ts).
 */

/** Past tenses that do not add -ed, for the verbs jargon phrases start with. */
const IRREGULAR: Record<string, string> = {
  bear: 'bore', beat: 'beat', bet: 'bet', bid: 'bid', break: 'broke', bring: 'brought', build: 'built', buy: 'bought', cast: 'cast', catch: 'caught',
  cost: 'cost', cut: 'cut', dig: 'dug', do: 'did', drive: 'drove', eat: 'ate', fall: 'fell', feed: 'fed', fight: 'fought', get: 'got', give: 'gave', go: 'went',
  hit: 'hit', hold: 'held', hurt: 'hurt', keep: 'kept', lay: 'laid', lead: 'led', lend: 'lent', let: 'let', lose: 'lost', make: 'made', pay: 'paid',
  put: 'put', quit: 'quit', ride: 'rode', rise: 'rose', run: 'ran', say: 'said', see: 'saw', seek: 'sought', sell: 'sold', send: 'sent', set: 'set',
  shed: 'shed', shrink: 'shrank', shut: 'shut', sink: 'sank', spend: 'spent', split: 'split', spread: 'spread', stick: 'stuck', strike: 'struck',
  sweep: 'swept', swing: 'swung', spin: 'spun', stand: 'stood', grow: 'grew', throw: 'threw', draw: 'drew', withdraw: 'withdrew',
  slide: 'slid', shake: 'shook', freeze: 'froze', begin: 'began', take: 'took', teach: 'taught', tear: 'tore', think: 'thought', upset: 'upset', wear: 'wore', win: 'won',
};

/** Verbs of two syllables or more that double their last consonant too: most stressed on it (refer → referred), some not (leapfrog → leapfrogged). */
const DOUBLING = new Set(
  'refer prefer transfer confer defer infer deter occur recur incur admit commit permit submit omit emit remit control patrol compel expel propel dispel rebel regret equip acquit abet allot embed leapfrog kidnap zigzag'.split(' '),
);

/** The simple past of an English verb in its base form ("harvest" → "harvested", "rub" → "rubbed", "copy" → "copied"). */
export function pastTense(verb: string): string {
  const v = verb.toLowerCase();
  let past = IRREGULAR[v];
  if (!past) {
    if (/e$/.test(v)) past = `${v}d`;
    else if (/[^aeiou]y$/.test(v)) past = `${v.slice(0, -1)}ied`;
    // One syllable ending consonant-vowel-consonant doubles its last letter: rub → rubbed, plan → planned.
    else if (/^[^aeiou]*[aeiou][b-df-hj-np-tvz]$/.test(v) || DOUBLING.has(v)) past = `${v}${v.at(-1)}ed`;
    else past = `${v}ed`;
  }
  return verb[0] === verb[0]!.toUpperCase() ? past[0]!.toUpperCase() + past.slice(1) : past;
}

/** Past participles that are not the simple past. */
const PARTICIPLE: Record<string, string> = {
  bear: 'borne', begin: 'begun', break: 'broken', do: 'done', draw: 'drawn', drive: 'driven', eat: 'eaten', fall: 'fallen', freeze: 'frozen', give: 'given',
  go: 'gone', grow: 'grown', ride: 'ridden', rise: 'risen', see: 'seen', shake: 'shaken', shrink: 'shrunk', sink: 'sunk', take: 'taken',
  tear: 'torn', throw: 'thrown', wear: 'worn', win: 'won', withdraw: 'withdrawn', write: 'written',
};

/** The past participle of a base form ("place" → "placed", "take" → "taken"). */
export function pastParticiple(verb: string): string {
  const p = PARTICIPLE[verb.toLowerCase()];
  return p ? (verb[0] === verb[0]!.toUpperCase() ? p[0]!.toUpperCase() + p.slice(1) : p) : pastTense(verb);
}

/** Whether `word` is the -ing form of `verb` ("fleecing" of "fleece", "cutting" of "cut"). */
function ingOf(word: string, verb: string): boolean {
  const w = word.toLowerCase();
  const v = verb.toLowerCase();
  return w === `${v}ing` || w === `${v.replace(/e$/, '')}ing` || w === `${v}${v.at(-1)}ing`;
}

export interface VerbJargon {
  expected: string;
  patterns: string[];
}

/**
 * For each entry, its patterns in the past tense and its replacement in the
 * past tense, where both are verb phrases: some entry lists the pattern's
 * -ing form with an -ing replacement. Entries without such a pattern give
 * nothing.
 */
export function pastTenseJargon(all: VerbJargon[]): Array<{ index: number; expected: string; patterns: string[] }> {
  const listed = new Set(all.flatMap((e) => e.patterns.map((p) => p.toLowerCase())));
  /** "rest of the phrase" → the -ing verbs it is listed with, where the replacement is an -ing phrase too. */
  const ingForms = new Map<string, string[]>();
  for (const e of all) {
    if (!/^\p{Ll}+ing\s/u.test(e.expected)) continue;
    for (const p of e.patterns) {
      const m = /^(\p{L}+ing)\s+(.+)$/u.exec(p);
      if (m) ingForms.set(m[2]!.toLowerCase(), [...(ingForms.get(m[2]!.toLowerCase()) ?? []), m[1]!]);
    }
  }
  const out: Array<{ index: number; expected: string; patterns: string[] }> = [];
  all.forEach((e, index) => {
    const want = /^(\p{Ll}+)\s+(.+)$/u.exec(e.expected);
    if (!want || /ing$|ed$/.test(want[1]!)) return;
    const patterns: string[] = [];
    for (const p of e.patterns) {
      const m = /^(\p{L}+)\s+(.+)$/u.exec(p);
      if (!m || /ing$|ed$/i.test(m[1]!)) continue;
      if (!(ingForms.get(m[2]!.toLowerCase()) ?? []).some((w) => ingOf(w, m[1]!))) continue;
      const past = `${pastTense(m[1]!)} ${m[2]}`;
      if (past.toLowerCase() !== p.toLowerCase() && !listed.has(past.toLowerCase())) patterns.push(past);
    }
    const expected = `${pastTense(want[1]!)} ${want[2]}`;
    if (patterns.length && expected !== e.expected) out.push({ index, expected, patterns });
  });
  return out;
}

/** Past tenses of the irregular verbs, and each past's bases. */
const PASTS = new Set(Object.values(IRREGULAR));
const BASES_OF_PAST = new Map<string, string[]>();
for (const [base, past] of Object.entries(IRREGULAR)) BASES_OF_PAST.set(past, [...(BASES_OF_PAST.get(past) ?? []), base]);

/**
 * Whether a phrase ends in its head noun, so its number is its last word's: a verb and its object ("cut the
 * standards", "broke its issue price"), a phrase with its article ("a first payment") or a preposition
 * ("person of concerted action") has its head elsewhere. (A word of a hyphenated compound, "on-site",
 * "in-house", is no preposition.)
 */
const headLast = (phrase: string) => !/(?<![\p{L}-])(?:the|a|an|its|their|his|her|of|in|on|with|at|from|to|by|for|into|per)(?![\p{L}-])/iu.test(phrase);

/** A phrase of two words or more with its last word inflected by `inflect`, or undefined where it gives none. */
function withLastWord(phrase: string, inflect: (word: string) => string | undefined): string | undefined {
  const last = /(\p{L}+)$/u.exec(phrase)?.[1];
  const inflected = last && phrase.includes(' ') ? inflect(last) : undefined;
  return inflected ? phrase.slice(0, -last!.length) + inflected : undefined;
}

/** Words a plural is not made of: uncountable nouns, and words that end a phrase but are no noun. */
const NO_PLURAL = new Set(
  ('turnover money capital equity debt inflation growth revenue income profit margin liquidity volatility demand supply ' +
    'data information news research software hardware stock trading financing lending funding pricing spending ' +
    'up down off out in on high low over back away ahead through once twice again open close limit index composite ' +
    'economy policy finance insurance property real estate security gold silver copper oil iron steel rubber power ' +
    'retail water energy electricity cash credit interest wealth value worth substitution consumption investment ' +
    'employment unemployment production output trade leverage exposure momentum sentiment advice')
    .split(' '),
);

/** The plural of an English noun ("dividend" → "dividends", "policy" → "policies", "tax" → "taxes"), or undefined where unsure. */
export function pluralOf(noun: string): string | undefined {
  // An acronym counts with an s ("ETF" → "ETFs", "LGFV" → "LGFVs").
  if (/^\p{Lu}{2,6}$/u.test(noun)) return `${noun}s`;
  if (!/^\p{L}{3,}$/u.test(noun) || NO_PLURAL.has(noun.toLowerCase())) return undefined;
  // Already plural, an adjective or a verb form, or a proper noun: left alone.
  if (/(?:s|ed|ing|ly|ic|al|ous|ive|ful|less|est)$/i.test(noun) || /^\p{Lu}/u.test(noun)) return undefined;
  if (/(?:x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/**
 * A noun phrase listed in the singular is printed in the plural as often
 * ("a gambling agreement", "gambling agreements" → "valuation adjustment
 * mechanisms"): from each entry whose every pattern and whose replacement
 * end in a countable noun, the plural of both, where no entry lists it.
 * Used at build time only.
 */
export function pluralJargon(all: VerbJargon[]): Array<{ index: number; expected: string; patterns: string[] }> {
  const listed = new Set(all.flatMap((e) => e.patterns.map((p) => p.toLowerCase())));
  const pluralPhrase = (phrase: string) => withLastWord(phrase, pluralOf);
  const out: Array<{ index: number; expected: string; patterns: string[] }> = [];
  all.forEach((e, index) => {
    if (!headLast(e.expected)) return;
    const expected = e.expected.includes(' ') ? pluralPhrase(e.expected) : pluralOf(e.expected);
    if (!expected) return;
    // Each form on its own: one with a preposition ("provision for inventory falling price") leaves the others.
    const patterns = e.patterns.filter(headLast).map(pluralPhrase);
    const free = patterns.filter((p): p is string => p !== undefined && !listed.has(p.toLowerCase()));
    if (free.length) out.push({ index, expected, patterns: free });
  });
  return out;
}

/** Plurals whose singular is another word or no usual noun ("sales", "futures", "earnings"): no singular is made of them. */
const NO_SINGULAR = new Set(
  ('sales earnings savings proceeds futures holdings securities goods arrears means news series species analytics economics ' +
    'politics logistics headquarters odds thanks premises belongings outskirts riches customs utilities affairs funds assets ' +
    'markets stocks shares bonds options rates prices yields arms damages spirits')
    .split(' '),
);

/** The singular of a regular English plural ("subsidiaries" → "subsidiary", "taxes" → "tax"), or undefined where unsure. */
export function singularOf(noun: string): string | undefined {
  if (/^\p{Lu}{2,6}s$/u.test(noun)) return noun.slice(0, -1);
  if (!/^\p{Ll}{4,}$/u.test(noun) || NO_SINGULAR.has(noun)) return undefined;
  // A Greek plural in -ses ("crises", "analyses", "theses", "diagnoses") has its singular in -sis: left alone.
  if (/(?:ss|us|is|ics|yses|[^aeiou]ises|eses|oses)$/.test(noun) || !/s$/.test(noun)) return undefined;
  let singular: string;
  if (/[^aeiou]ies$/.test(noun)) singular = `${noun.slice(0, -3)}y`;
  else if (/(?:x|z|ch|sh|ss)es$/.test(noun)) singular = noun.slice(0, -2);
  else singular = noun.slice(0, -1);
  // Only where the plural is the regular one of that singular: "analyses", "crises" and "lives" are left
  // alone. (A plural ending in -al or -ive is a noun: "withdrawals" → "withdrawal" is safe the other way round.)
  const regular = /(?:x|z|ch|sh|ss)$/.test(singular) ? `${singular}es` : /[^aeiou]y$/.test(singular) ? `${singular.slice(0, -1)}ies` : `${singular}s`;
  return regular === noun && !/(?:s|ing|ed)$/.test(singular) ? singular : undefined;
}

/**
 * A noun phrase listed only in the plural is printed in the singular as well
 * ("wealth management subsidiaries" → "a financial management subsidiary"):
 * from each entry whose replacement and patterns end in a regular plural,
 * the singular of both, form by form, where no entry lists it. Used at build
 * time only.
 */
export function singularJargon(all: VerbJargon[]): Array<{ index: number; expected: string; patterns: string[] }> {
  const listed = new Set(all.flatMap((e) => e.patterns.map((p) => p.toLowerCase())));
  const singularPhrase = (phrase: string) => withLastWord(phrase, singularOf);
  // As for plurals, the head is last; nor a count ("three consecutive suns": more than one by meaning).
  const countable = (phrase: string) =>
    headLast(phrase) && !/\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|several|many|both|consecutive|straight)\b/iu.test(phrase);
  // A replacement that opens with a verb is a verb and its object ("fleecing retail investors", "were given ST labels").
  const first = (phrase: string) => /^(\p{Ll}+)\s/u.exec(phrase)?.[1] ?? '';
  const verbPhrase = (phrase: string) =>
    /^(?:\p{L}+(?:ed|ing)|were|was|are|is|be|been|get|got|have|has|had)\s/iu.test(phrase) ||
    first(phrase) in IRREGULAR ||
    PASTS.has(first(phrase)) ||
    // A verb inside ("earnings beat expectations"): the plural is its object.
    phrase.split(/\s+/).slice(1).some((w) => /^\p{Ll}+ed$/u.test(w) || PASTS.has(w));
  const out: Array<{ index: number; expected: string; patterns: string[] }> = [];
  all.forEach((e, index) => {
    if (!countable(e.expected) || verbPhrase(e.expected)) return;
    const expected = singularPhrase(e.expected) ?? (/^\p{Lu}{2,6}s$/u.test(e.expected) ? singularOf(e.expected) : undefined);
    if (!expected) return;
    // Only forms with the replacement's own head noun: "purchase restriction policies" → "home-purchase
    // restrictions" says the policies are restrictions, but "purchase restriction policy" is plain English.
    const head = (phrase: string) => /(\p{L}+)$/u.exec(phrase)?.[1]?.toLowerCase();
    const patterns = e.patterns.filter((p) => countable(p) && head(p) === head(e.expected)).map(singularPhrase);
    const free = patterns.filter((p): p is string => p !== undefined && !listed.has(p.toLowerCase()));
    if (free.length) out.push({ index, expected, patterns: free });
  });
  return out;
}

/** The base forms whose simple past is `past` ("turned" → ["turn"], "cut" → ["cut"]): an irregular verb's, else every regular candidate. */
function basesOf(past: string): string[] {
  const p = past.toLowerCase();
  const irregular = BASES_OF_PAST.get(p);
  if (irregular) return irregular;
  if (!/ed$/.test(p)) return [];
  const stem = p.slice(0, -2);
  return [...new Set([stem, `${stem}e`, stem.slice(0, -1), /i$/.test(stem) ? `${stem.slice(0, -1)}y` : ''])].filter((c) => c && pastTense(c) === p);
}

/** The third person singular of a base form ("turn" → "turns", "push" → "pushes", "copy" → "copies"). */
export function thirdPerson(verb: string): string {
  if (/(?:s|x|z|ch|sh|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** The -ing form of a base form ("turn" → "turning", "move" → "moving", "cut" → "cutting"). */
export function ingForm(verb: string): string {
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][b-df-hj-np-tvz]$/.test(verb) || DOUBLING.has(verb)) return `${verb}${verb.at(-1)}ing`;
  return `${verb}ing`;
}

/** What follows a verb in a verb phrase: an article, a possessive or a particle ("turned from profit to loss"). */
const VERB_PHRASE_NEXT = /^(?:the|a|an|its|their|his|her|from|to|into|up|down|out|off|back|over|on|in|for|with|below|above|through)\s/iu;

/**
 * A verb phrase listed only in the past tense ("turned from profit to
 * loss" → "swung to a loss") is printed in the present and the -ing form as
 * often: for each entry whose replacement and patterns open with a past
 * tense and continue as a verb phrase, the base, third-person and -ing forms
 * of both, where `isWord` accepts the base and no entry lists the form. Used
 * at build time only.
 */
export function presentTenseJargon(all: VerbJargon[], isWord: (word: string) => boolean): Array<{ index: number; expected: string; patterns: string[] }> {
  const listed = new Set(all.flatMap((e) => e.patterns.map((p) => p.toLowerCase())));
  const split = (phrase: string) => {
    const m = /^(\p{Ll}+)\s+(.+)$/u.exec(phrase);
    if (!m || !VERB_PHRASE_NEXT.test(`${m[2]} `)) return undefined;
    // Only a past with one base among the words: "barred" could be "bar" or "barre", "raised" "rais" or "raise".
    const bases = basesOf(m[1]!).filter(isWord);
    return bases.length === 1 ? { base: bases[0]!, rest: m[2]! } : undefined;
  };
  const out: Array<{ index: number; expected: string; patterns: string[] }> = [];
  all.forEach((e, index) => {
    const want = split(e.expected);
    if (!want) return;
    const forms = e.patterns.map(split).filter((p): p is { base: string; rest: string } => p !== undefined);
    for (const inflect of [(v: string) => v, thirdPerson, ingForm]) {
      const patterns = [...new Set(forms.map((f) => `${inflect(f.base)} ${f.rest}`))].filter((p) => !listed.has(p.toLowerCase()));
      const expected = `${inflect(want.base)} ${want.rest}`;
      if (patterns.length && expected !== e.expected) out.push({ index, expected, patterns });
    }
  });
  return out;
}
