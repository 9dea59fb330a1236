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

const PRODUCT_NOUN = /(chat\s?bots?|assistants?|apps?|applications?|model\s+family|models?|platforms?|operating\s+systems?|services?|agents?|browsers?),?\s+$/iu;
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

/** A plural noun after a name, which the name modifies ("branches", "buses"): a word in -s that is no function word. */
const MODIFIED_NOUN = /^\s+(?!(?:this|thus|less|unless|across|plus|has|was|is|its|does|goes|says|yes|perhaps|always|sometimes|afterwards|towards|besides|whereas)\b)\p{Ll}[\p{Ll}-]{2,}s\b/u;

/** Whether the company name at text[start, end) stands where a plain noun should. */
export function nounSlot(text: string, start: number, end: number): boolean {
  // After "several", "hundreds of": the name as the phrase's head; before another noun it is a modifier, named
  // on purpose ("several China Merchants Bank branches").
  const head = () => !MODIFIED_NOUN.test(text.slice(end, end + 30));
  return (NOUN_BEFORE.test(text.slice(Math.max(0, start - 40), start)) && head()) || NOUN_AFTER.test(text.slice(end, end + 20));
}

/** A count before the name ("more than 500 ___ were deployed"), not a year ("in 2024 ___ spent"). */
const COUNT_BEFORE = /(?<![\p{L}\p{N}$€£¥.,])(?!(?:19|20)\d\d\s)\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion))?\s+$/u;
/** A word that qualifies the plain word in its usual compounds: "sweeping ___" (扫地机器人, a robot vacuum), "humanoid ___". */
const QUALIFIER_BEFORE = /\b(?:humanoid|industrial|sweeping|cleaning|service|delivery|surgical|companion|quadruped|educational|collaborative|welding|household|warehouse)\s+$/;
/** A theme word after the name: "___ concept stocks" (机器人概念股, robot concept stocks). */
const THEME_AFTER = /^\s+(?:(?:concept|theme|themed)\s+(?:stocks?|shares?|sectors?|plays?)|industry|industries|sector|market|field|track|supply\s+chain|industry\s+chain|boom|craze|wave|era)\b/i;

/** What names a company as such: a possessive, a bracket (a ticker), a reporting or market verb after it, "shares of" before it. */
const AS_COMPANY_AFTER = /^(?:['’]s?\b|\s*[(（]|,?\s+(?:said|says|announced|reported|posted|rose|fell|gained|jumped|slid|dropped|climbed|shares|stock|is|was|has|had|will|plans|expects|chairman|CEO|president|founder|Co\b|Ltd\b|Inc\b|Group\b))/;
const AS_COMPANY_BEFORE = /\b(?:shares\s+(?:of|in)|stake\s+in|rival|peers?|like|including|such\s+as|and|or)\s+$/i;

/**
 * Whether a company a linker makes of a plain word is named as a company there, so that the article is about it:
 * "Siasun Robot & Automation said …", "shares of Siasun Robot & Automation"; not "the Siasun Robot & Automation
 * industry" (the robot industry).
 */
export function namedAsCompany(text: string, start: number, end: number): boolean {
  return AS_COMPANY_AFTER.test(text.slice(end, end + 30)) || AS_COMPANY_BEFORE.test(text.slice(Math.max(0, start - 20), start));
}

/**
 * Whether a company that a linker makes of a plain word (its curated `noun`: Siasun Robot & Automation ←
 * "robot") stands where that word belongs: counted like a thing ("500 ___ were deployed") or as a market
 * theme ("___ concept stocks"). Other companies are named so on purpose ("Huawei concept stocks").
 */
export function plainWordSlot(text: string, start: number, end: number): boolean {
  // Counted, the name is the phrase's head ("500 ___ were deployed"), not a modifier ("10 ___ customers").
  const counted = COUNT_BEFORE.test(text.slice(Math.max(0, start - 30), start)) && new RegExp(`^${PHRASE_END}`, 'i').test(text.slice(end, end + 40));
  return counted || QUALIFIER_BEFORE.test(text.slice(Math.max(0, start - 20), start)) || THEME_AFTER.test(text.slice(end, end + 30));
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

/**
 * Product kinds and the words that ask for them. A slot's kind is its head
 * noun's, unless a modifier before it names a more specific kind ("car brand",
 * "robotaxi service", "phone brand"). The kinds are the knowledge base's
 * product categories, so a suggestion can be looked up by them.
 */
const KIND_WORDS: Array<[RegExp, string[]]> = [
  [/^chat-?bots?$/i, ['chatbot', 'assistant']],
  [/^(?:assistants?|copilots?|agents?)$/i, ['assistant', 'chatbot']],
  [/^(?:models?|LLMs?|generators?)$/i, ['model']],
  [/^(?:apps?|applications?|super-apps?|browsers?|engines?|tools?|software)$/i, ['app']],
  [/^bots?$/i, ['chatbot', 'assistant']],
  [/^(?:consoles?|drones?|TVs?|televisions?)$/i, ['device']],
  [/^(?:platforms?|systems?|OS)$/i, ['platform', 'app']],
  [/^services?$/i, ['service']],
  [/^(?:drugs?|medicines?|treatments?|therap(?:y|ies)|vaccines?|jabs?|pills?|injections?|antibod(?:y|ies)|inhibitors?|biosimilars?)$/i, ['drug', 'vaccine']],
  [/^(?:games?|shooters?|RPGs?|MMOs?)$/i, ['game']],
  [/^(?:phones?|smartphones?|handsets?|foldables?)$/i, ['phone']],
  [/^(?:glasses|headsets?|watch(?:es)?|smartwatch(?:es)?|tablets?|laptops?|earbuds|speakers?|devices?|gadgets?|wearables?|PCs?)$/i, ['device']],
  [/^(?:cars?|SUVs?|sedans?|saloons?|EVs?|hatchbacks?|minivans?|MPVs?|pickups?|vehicles?)$/i, ['car']],
  [/^brands?$/i, ['brand']],
  [/^(?:chips?|processors?|GPUs?|CPUs?|accelerators?|chipsets?)$/i, ['chip']],
  [/^(?:battery|batteries)$/i, ['battery']],
  [/^(?:robots?|humanoids?)$/i, ['robot']],
  [/^robotaxis?$/i, ['robotaxi']],
];
/** Kinds too general to override a modifier's ("robotaxi service" is a robotaxi). */
const GENERAL = new Set(['service', 'brand', 'platform', 'model', 'app']);
/** Modifiers that make a model an AI model, not a car model. */
const AI_WORDS = /^(?:AI|artificial|language|reasoning|video|speech|image|voice|coding|open-source|multimodal|foundation|large|LLM|text-to-video|generative)$/i;

function kindOf(word: string): string[] | undefined {
  for (const [re, kinds] of KIND_WORDS) if (re.test(word)) return kinds;
  return undefined;
}

/** The product kinds a word names ("robot" → robot), if any. */
export const kindsOf = kindOf;

/** The kinds a slot phrase asks for: the head's, or a specific modifier's; a bare "model" may be a car. */
export function slotKinds(phrase: string, head: string): string[] {
  const words = phrase.split(/[\s,]+/).filter(Boolean);
  const headKinds = kindOf(head) ?? ['service'];
  for (const w of words.slice(0, -1)) {
    const k = kindOf(w.replace(/^in-/, ''));
    if (k && GENERAL.has(headKinds[0]!) && !GENERAL.has(k[0]!)) return k;
  }
  if (headKinds[0] === 'model' && !words.some((w) => AI_WORDS.test(w))) return ['model', 'car'];
  return headKinds;
}

/** What may follow a noun phrase's head: punctuation or a function word or verb, not another noun ("phone users", "app store"). */
const PHRASE_END = String.raw`(?=\s*(?:[,.;:!?)"”]|$)|\s+(?:and|or|but|that|which|who|for|in|on|at|to|from|with|by|of|as|is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|said|says|now|also|already|still|rose|fell|sold|shipped|went|go|goes|run|runs|ran|work|works|worked|won|beat|drew|topped|passed|did|do|does|fold|serve|answer|answers|handle|handles|reached|got|gets|get|drove|made|makes|[a-z]{3,}(?<!e)ed)\b)`;
const HEAD = String.raw`chat-?bots?|bots?|tools?|software|consoles?|drones?|TVs?|televisions?|assistants?|copilots?|agents?|models?|model\s+family|LLMs?|(?:video|image|music|AI|text-to-video|text-to-image)\s+generators?|apps?|applications?|super-apps?|browsers?|search\s+engines?|platforms?|operating\s+systems?|services?|drugs?|medicines?|treatments?|therap(?:y|ies)|vaccines?|jabs?|pills?|injections?|antibod(?:y|ies)|inhibitors?|biosimilars?|games?|shooters?|RPGs?|MMOs?|phones?|smartphones?|handsets?|foldables?|glasses|headsets?|watch(?:es)?|smartwatch(?:es)?|tablets?|laptops?|earbuds|speakers?|devices?|gadgets?|wearables?|cars?|SUVs?|sedans?|saloons?|EVs?|hatchbacks?|minivans?|MPVs?|brands?|chips?|processors?|GPUs?|CPUs?|accelerators?|chipsets?|battery|batteries|robots?|humanoids?|robotaxis?`;
/** A head noun ending just before the name, with an optional comma: "its AI chatbot ", "its chatbot, ". */
const HEAD_BEFORE = new RegExp(String.raw`\b(${HEAD}),?\s+(?:(?:called|named|dubbed|known\s+as)\s+)?$`, 'i');
/** A head noun right after the name ("Google's Anta Sports model", "hundreds of Yili robots"), not a compound's first half. */
const HEAD_AFTER = new RegExp(String.raw`^\s+((?:(?:AI|large|big|smart|language|foundation|reasoning|video|voice|intelligent|humanoid|electric|mobile|new)\s+){0,2}(?:${HEAD}))\b(?![-’'])${PHRASE_END}`, 'i');
/** An appositive after the name: ", its voice assistant", ", a reasoning model", " (its chatbot)". */
const APPOSITIVE_AFTER = new RegExp(String.raw`^\s*[,(]\s*((?:its|their|the\s+company['’]s|the\s+group['’]s|a|an|the)\s+(?:(?!(?:of|the|a|an|for|with|and|or|to|from|by|in)\s)[\p{L}\p{N}-]+\s+){0,3}?(${HEAD}))\b(?![-’'])${PHRASE_END}`, 'iu');
/** An appositive owned by a name: "X, ByteDance's video model, …" (the owner in group 2). */
const APPOSITIVE_POSSESSIVE_AFTER = new RegExp(String.raw`^\s*,\s*(((?:[\p{Lu}][\p{L}\p{N}.&-]*\s+){0,3}[\p{Lu}][\p{L}\p{N}.&-]*)['’]s\s+(?:(?!(?:of|the|a|an|for|with|and|or|to|from|by|in)\s)[\p{L}\p{N}-]+\s+){0,3}?(${HEAD}))\b(?![-’'])${PHRASE_END}`, 'u');
const POWERED_AFTER = /^-(?:powered|based)\s+(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)/u;
const POWERED_BEFORE = /\bpowered\s+by\s+$/i;
/** A list item's separator before the name, and a list's opening after a plural product noun. */
const LIST_SEPARATOR = /(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/;
const LIST_ITEM = /(?:[\p{Lu}\p{N}][\p{L}\p{N}.&'’:-]*)(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}.&'’:-]*|of|&))*$/u;
const LIST_OPENING = /(?:,?\s+(?:including|such\s+as|like|namely)|:)\s*$/i;
const OWNER_WORD = /^(?:its|their|his|her|our)$/i;

export type SlotShape = 'before' | 'after' | 'modifier' | 'list' | 'powered';

export interface Slot {
  shape: SlotShape;
  /** The span to flag: the slot phrase with the name, in the block text. */
  start: number;
  end: number;
  /** The slot without the name ("its AI chatbot"), offered as a fix. */
  phrase: string;
  /** The head noun ("chatbot"). */
  noun: string;
  /** The product kinds the slot asks for. */
  kinds: string[];
  /** Where a possessive owner named in the slot stands ("Google" in "Google's … model"). */
  possessive?: { start: number; end: number } | undefined;
  /** The slot is owned by a pronoun ("its", "their"): the owner is named earlier. */
  pronoun: boolean;
}

/** The determiner or possessive that opens a noun phrase ending at `end` (up to four words back). */
function phraseOpening(before: string, end: number): { at: number; possessive?: { start: number; end: number } | undefined; pronoun: boolean } {
  let pos = end;
  // "new" opens a phrase ("a new SUV") or stands after its opening ("its new SUV"): the walk goes on past it.
  let opened: number | undefined;
  for (let k = 0; k < 4; k++) {
    const w = WORD_BEFORE.exec(before.slice(0, pos));
    if (!w) break;
    pos = w.index;
    const word = w[1]!;
    if (/^new$/i.test(word)) {
      opened ??= pos;
      continue;
    }
    if (DETERMINER.test(word)) return { at: pos, pronoun: OWNER_WORD.test(word) };
    if (/['’]s$/.test(word)) {
      // "Google's", "the company's": the owner's name may have several words ("Lenovo Group's").
      const name = /((?:[\p{Lu}\p{N}][\p{L}\p{N}.&-]*\s+){0,3})$/u.exec(before.slice(0, pos))?.[1] ?? '';
      const the = /\b(?:the|its|their)\s+$/i.exec(before.slice(0, pos - name.length));
      const start = the ? the.index : pos - name.length;
      const generic = /^(?:company|group|firm|maker|carmaker|chipmaker|developer|lab|start-up|startup)['’]s$/i.test(word);
      return { at: start, possessive: generic ? undefined : { start: pos - name.length, end: pos + word.length - 2 }, pronoun: generic };
    }
  }
  return { at: opened ?? -1, pronoun: false };
}

/**
 * The product slot a company name at text[start, end) stands in, if any:
 * after a product noun ("its AI chatbot X", "the app X"), before an
 * appositive (", its voice assistant", ", a reasoning model"), before a
 * product noun ("Google's X model", "hundreds of X robots"), in a list after
 * a product noun ("its apps, including A, B and X"), or as what powers a
 * product ("an X-powered assistant").
 */
export function slotOf(text: string, start: number, end: number): Slot | undefined {
  const from = Math.max(0, start - 120);
  const before = text.slice(from, start);
  const after = text.slice(end, end + 100);

  const head = HEAD_BEFORE.exec(before);
  // "its chatbot, X, would …" is an appositive; "… sold more phones, X said" starts a new clause.
  if (head && !(head[0].includes(',') && !/^\s*(?:[,.;:)]|$)/.test(after))) {
    const open = phraseOpening(before, head.index);
    const at = open.at >= 0 ? open.at : modifiersBefore(before, head.index);
    const phrase = before.slice(at, head.index) + head[1]!;
    return { shape: 'before', start: from + at, end, phrase, noun: head[1]!.toLowerCase(), kinds: slotKinds(phrase, lastWord(head[1]!)), possessive: shift(open.possessive, from), pronoun: open.pronoun };
  }

  const appositive = APPOSITIVE_AFTER.exec(after);
  if (appositive) {
    const phrase = appositive[1]!.replace(/\s+/g, ' ');
    const noun = appositive[2]!;
    return { shape: 'after', start, end: end + appositive[0].length, phrase, noun: noun.toLowerCase(), kinds: slotKinds(phrase, lastWord(noun)), pronoun: /^(?:its|their|the\s+company|the\s+group)/i.test(phrase) };
  }

  const owned = APPOSITIVE_POSSESSIVE_AFTER.exec(after);
  if (owned) {
    const phraseAt = end + owned[0].indexOf(owned[1]!);
    const noun = owned[3]!;
    const phrase = owned[1]!.replace(/\s+/g, ' ');
    return {
      shape: 'after',
      start,
      end: end + owned[0].length,
      phrase,
      noun: noun.toLowerCase(),
      kinds: slotKinds(phrase, lastWord(noun)),
      possessive: { start: phraseAt, end: phraseAt + owned[2]!.length },
      pronoun: false,
    };
  }

  const powered = POWERED_AFTER.exec(after);
  if (powered && kindOf(powered[1]!)) {
    const open = phraseOpening(before, before.length);
    return { shape: 'powered', start, end: end + powered[0].length, phrase: powered[0].slice(1), noun: powered[1]!.toLowerCase(), kinds: ['model', 'chip', 'battery'], pronoun: open.pronoun, possessive: shift(open.possessive, from) };
  }
  if (POWERED_BEFORE.test(before)) return { shape: 'powered', start, end, phrase: 'powered by', noun: 'powered', kinds: ['model', 'chip', 'battery'], pronoun: false };

  // "Alibaba's Tongwei Qianwen model", "its Galaxy Entertainment Group E8 sedan": the rest of the product's own
  // name (a word, a model code) may stand between the name and its noun.
  let ownName = '';
  let next = HEAD_AFTER.exec(after);
  for (let k = 0; !next && k < 3; k++) {
    const token = OWN_NAME_TOKEN.exec(after.slice(ownName.length));
    if (!token) break;
    ownName += token[0];
    next = HEAD_AFTER.exec(after.slice(ownName.length));
  }
  if (next) {
    const open = phraseOpening(before, before.length);
    const at = open.at >= 0 ? open.at : before.length;
    const group = next[1]!.replace(/\s+/g, ' ');
    const noun = lastWord(group);
    return { shape: 'modifier', start: from + at, end: end + ownName.length + next[0].length, phrase: `${before.slice(at)}${group}`, noun: noun.toLowerCase(), kinds: slotKinds(group, noun), possessive: shift(open.possessive, from), pronoun: open.pronoun };
  }

  // A list item: walk back over the items before the name to the list's opening.
  let pos = before.length;
  for (let k = 0; k < 8; k++) {
    const sep = LIST_SEPARATOR.exec(before.slice(0, pos));
    if (!sep) break;
    const item = LIST_ITEM.exec(before.slice(0, sep.index));
    if (!item || item[0].length === 0) break;
    pos = item.index;
    const opening = LIST_OPENING.exec(before.slice(0, pos));
    const listHead = HEAD_BEFORE.exec(opening ? before.slice(0, opening.index) + ' ' : before.slice(0, pos));
    if (listHead && /s$|family$/i.test(listHead[1]!)) {
      const open = phraseOpening(before, listHead.index);
      const at = open.at >= 0 ? open.at : listHead.index;
      const phrase = before.slice(at, listHead.index) + listHead[1]!;
      return { shape: 'list', start, end, phrase, noun: listHead[1]!.toLowerCase(), kinds: slotKinds(phrase, lastWord(listHead[1]!)), possessive: shift(open.possessive, from), pronoun: open.pronoun };
    }
  }
  return undefined;
}

/**
 * A word of the rest of a product's own name after a linked name: a capitalised word or a model code
 * ("Qianwen", "E8", "Z", "Fold7", "9030"), not a year ("Geely 2025 models"). Up to three stand before the noun.
 */
const OWN_NAME_TOKEN = /^\s+(?:\p{Lu}\p{Ll}+(?:\d+\p{L}*)?|(?!(?:19|20)\d\d\b)\p{Lu}{0,3}\d[\p{L}\p{N}]*|\p{Lu}(?=\s+\p{Lu}\p{Ll}*\d))(?=\s)/u;

/** Where the modifiers of a head noun with no determiner start ("launches AI agent …": "AI agent"), up to two words. */
function modifiersBefore(before: string, at: number): number {
  let pos = at;
  for (let k = 0; k < 2; k++) {
    const w = WORD_BEFORE.exec(before.slice(0, pos));
    if (!w || !(AI_WORDS.test(w[1]!) || /^(?:smart|voice|mobile|electric|new)$/i.test(w[1]!))) break;
    pos = w.index;
  }
  return pos;
}

/** The word that names the kind: "model family" is a model, "search engine" an engine. */
const lastWord = (s: string) => {
  const words = s.split(/\s+/);
  return words.length > 1 && /^famil/i.test(words[words.length - 1]!) ? words[0]! : words[words.length - 1]!;
};
const shift = (span: { start: number; end: number } | undefined, by: number) => (span ? { start: span.start + by, end: span.end + by } : undefined);

/**
 * Sectors that make each product kind. `core` makes it as its business; `side`
 * may offer one of its own (a bank's app), which is plausible only where no
 * other company owns the slot.
 */
const MAKERS: Record<string, { core: RegExp; side?: RegExp }> = {
  chatbot: { core: /artificial intelligence|\bAI\b|software|internet|search|cloud|platform|e-commerce|online|games|social|media|messaging|smartphones?|phones|consumer electronics|devices|speech|fintech|video|computers/i },
  assistant: { core: /artificial intelligence|\bAI\b|software|internet|search|cloud|platform|e-commerce|online|games|social|media|messaging|smartphones?|phones|consumer electronics|devices|speech|fintech|video|computers|electric vehicles|automobiles/i },
  model: { core: /artificial intelligence|\bAI\b|software|internet|search|cloud|platform|e-commerce|online|games|social|media|messaging|smartphones|consumer electronics|devices|speech|video|chips?|semiconductors|computers/i },
  app: {
    core: /internet|online|platform|software|e-commerce|social|media|video|payments|fintech|brokerage|travel|ride-hailing|delivery|local services|messaging|games|streaming|music|search|cloud|artificial intelligence|\bAI\b|recruitment|Q&A|smartphones|consumer electronics|car servicing|lending|education|news|crypto/i,
    side: /bank|insurance|telecom|airlines|retail|restaurants|coffee|tea|hotels|securities|automobiles|electric vehicles|property services|supermarkets|department stores|financial/i,
  },
  platform: {
    core: /internet|online|platform|software|e-commerce|social|media|video|payments|fintech|brokerage|travel|ride-hailing|delivery|local services|messaging|games|streaming|music|search|cloud|artificial intelligence|\bAI\b|recruitment|Q&A|smartphones|consumer electronics|lending|education|news|crypto|telecommunications equipment|devices/i,
    side: /bank|insurance|telecom|securities|financial|exchange/i,
  },
  service: { core: /./ },
  drug: { core: /pharm|biotech|medic|health|vaccin|drug|biolog|life science|diagnos|therapeut|genomic|\bbio/i },
  vaccine: { core: /pharm|biotech|medic|health|vaccin|drug|biolog|life science|\bbio/i },
  game: { core: /games?|gaming|entertainment|internet|platform|software|media|video|social|toys/i },
  phone: { core: /phone|smartphone|consumer electronics|electronics|telecommunications equipment|devices|computers/i },
  device: { core: /electronics|devices|phones|smartphones|computers|appliances|internet|e-commerce|artificial intelligence|\bAI\b|search|platform|optical|wearable|software|camera|audio|robot|laptops/i },
  car: { core: /automobiles|electric vehicles|\bcars?\b|motor|\bauto\b|automotive|trucks|buses|vehicles/i },
  brand: { core: /^(?!.*(?:bank|insurance|property|construction|cement|steel|coal|ports?\b|power|utility|chemicals|copper|aluminium|mining|shipping|airlines|railways|brokerage|asset management|leasing|toll roads|airports|shipbuilding|\bgas\b|oil|refining|fertilisers|equipment|nuclear|hydropower|real estate|conglomerate|securities|trust)).*/i },
  chip: { core: /semiconductor|chip|processor|electronics|telecommunications equipment|phones|smartphones|internet|cloud|artificial intelligence|\bAI\b|search|e-commerce|graphics|memory|foundry|computers|servers/i },
  battery: { core: /batter|electric vehicles|automobiles|energy|power|electronics|solar/i },
  robot: { core: /robot|automation|artificial intelligence|\bAI\b|electric vehicles|automobiles|consumer electronics|appliances|internet|e-commerce|machinery|industrial|vacuum|drones?|autonomous|manufacturing/i },
  robotaxi: { core: /autonomous|self-driving|ride-hailing|search|internet|electric vehicles|automobiles|lidar|artificial intelligence|\bAI\b|driving/i },
};

/**
 * Whether a company of this sector plausibly makes a product of one of these
 * kinds: as its business, or (with `sideOk`, where no other company owns the
 * slot) as a side line. A company without a known sector is given the benefit
 * of the doubt, except for AI products.
 */
export function makesKind(sector: string | undefined, kinds: string[], sideOk: boolean): boolean {
  if (!sector) return !kinds.some((k) => k === 'assistant' || k === 'chatbot' || k === 'model');
  // "the platform X" says little, and any company may have an app or a platform of its own.
  if (sideOk && kinds[0] === 'platform') return true;
  return kinds.some((k) => {
    const makers = MAKERS[k];
    if (!makers) return true;
    return makers.core.test(sector) || (sideOk && Boolean(makers.side?.test(sector)));
  });
}
