/**
 * The cheap script check before any language identification: runs of letters
 * from scripts English copy does not use (Han, kana, Hangul, Cyrillic, …)
 * are found by scanning code points; franc is worth its cost (0.3–0.9 ms a
 * call) only where accented Latin letters hint at another Latin-script
 * language.
 */

export type Script = 'Han' | 'Japanese' | 'Hangul' | 'Cyrillic' | 'Arabic' | 'Hebrew' | 'Thai' | 'Devanagari' | 'Greek';

const SCRIPTS: Array<[RegExp, Script]> = [
  [/\p{Script=Han}/u, 'Han'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Hangul}/u, 'Hangul'],
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Greek}/u, 'Greek'],
];

const ASCII_NEUTRAL = ',.;:!?%()"\'-\t\n';

/** Characters that may sit inside a foreign passage without ending it: CJK and full-width punctuation, digits, spaces. */
const NEUTRAL = /[\s\d\u3000-\u303f\u30fc\uff00-\uffef,.;:!?%()"'“”‘’·、，。：；！？（）《》「」『』\-–—]/u;

export interface ForeignRun {
  start: number;
  end: number;
  script: Script;
}

function scriptOf(ch: string): Script | undefined {
  for (const [re, script] of SCRIPTS) if (re.test(ch)) return script;
  return undefined;
}

/** Any letter of the scripts above: a native scan that lets most English blocks skip the loop. */
const ANY_FOREIGN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Greek}]/u;

/**
 * Fewest letters that make a passage, by script: a Han character or a Hangul
 * block is a word or a syllable of one, so two of them are already a phrase
 * ("观望", "투자"); kana too. An alphabet's letters are sounds: five of them.
 */
export const MIN_LETTERS: Record<Script, number> = {
  Han: 2,
  Japanese: 2,
  Hangul: 2,
  Cyrillic: 5,
  Arabic: 5,
  Hebrew: 5,
  Thai: 5,
  Devanagari: 5,
  Greek: 5,
};

/** Runs of letters of another script (at least `minLetters`, or the script's own minimum), with the punctuation inside them. */
export function foreignRuns(text: string, minLetters?: number): ForeignRun[] {
  const runs: ForeignRun[] = [];
  if (!ANY_FOREIGN.test(text)) return runs;
  let start = -1;
  let end = -1;
  let letters = 0;
  let script: Script | undefined;
  const close = () => {
    if (start >= 0 && letters >= (minLetters ?? MIN_LETTERS[script!])) {
      // Closing punctuation right after the last letter belongs to the passage ("…提升。").
      while (end < text.length && /[。！？」』）》”]/u.test(text[end]!)) end++;
      runs.push({ start, end, script: script! });
    }
    start = -1;
    letters = 0;
    script = undefined;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 0x370) {
      // Latin, its accents and ASCII punctuation: ends a run unless neutral inside one.
      if (start >= 0 && !(code === 32 || (code >= 48 && code <= 57) || ASCII_NEUTRAL.includes(text[i]!))) close();
      i++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const s = scriptOf(ch);
    if (s) {
      if (start < 0) start = i;
      // Han with kana is Japanese.
      script = script === 'Han' && s === 'Japanese' ? 'Japanese' : (script ?? s);
      letters++;
      end = i + ch.length;
    } else if (!(start >= 0 && NEUTRAL.test(ch))) close();
    i += ch.length;
  }
  close();
  return runs;
}

const LANGUAGE: Record<Script, string> = {
  Han: 'Chinese',
  Japanese: 'Japanese',
  Hangul: 'Korean',
  Cyrillic: 'Cyrillic script',
  Arabic: 'Arabic script',
  Hebrew: 'Hebrew',
  Thai: 'Thai',
  Devanagari: 'Devanagari script',
  Greek: 'Greek',
};

export function scriptLanguage(script: Script): string {
  return LANGUAGE[script];
}

const ACCENTED = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;

/** Accented Latin letters or function words of other languages, enough to be worth asking franc. */
export function mayNotBeEnglish(text: string): boolean {
  if (text.length < 40) return false;
  // Indonesian, or Spanish and German typed without accents: other languages' function words, few of English's.
  if (!ACCENTED.test(text)) return !ENGLISH_HINT.test(text) && functionWords(text);
  let letters = 0;
  let accented = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
      letters++;
      accented++;
    }
  }
  if (accented === 0) return false;
  return accented / letters >= 0.02 || / (?:de|la|el|los|las|des|une|der|die|und|dos|não|para|que) /.test(text);
}

/** A bracket opened with a language's name and a colon: "(Chinese: ", "(simplified Chinese: ", "（日语：". */
const LABELLED = /[(（]\s*(?:(?:simplified|traditional)\s+)?(?:Chinese|Mandarin|Cantonese|Japanese|Korean|Hanja|Kanji|Hangul|Hanzi)(?:\s+name)?\s*[:：]\s*$/iu;

/** Whether a run is all of a quoted title: the whole text of a link to the page it names ("“僕だけがいない街”" in a citation). */
export function isQuotedTitle(linkText: string, run: { text: string }): boolean {
  const inner = /^\s*[“"「『《‘']([^”"」』》’']+)[”"」』》’']\s*[.,]?\s*$/u.exec(linkText)?.[1];
  return inner !== undefined && inner.trim() === run.text.trim().replace(/[。！？」』）》”]+$/u, '');
}

/** Function words of the Latin-script languages franc is asked about, none of them common in English. */
const FOREIGN_FUNCTION_WORDS = new Set(
  'yang dan akan dengan untuk ini itu tidak dari pada juga sudah dalam adalah oleh der das und ist nicht mit auf dem den sich wird eine einen een het niet zijn voor ook les des est une dans pour qui sont avec sur los las del una por para con que muy pero como está della degli sono nel che della anche uma com dos mais pelo ele ela sie wir ich och att är för inte och'.split(' '),
);
const ENGLISH_FUNCTION_WORDS = new Set('the and of to in is that for with was on as by it are be this from at has have will said its an or not'.split(' '));

/** The commonest English words: a paragraph with one is English enough, and skips the count (a native scan). */
const ENGLISH_HINT = / (?:the|of|and|to|is|was|said) /i;
const ANY_FOREIGN_FUNCTION_WORD = new RegExp(`\\b(?:${[...FOREIGN_FUNCTION_WORDS].filter((w) => /^[a-z]+$/.test(w)).join('|')})\\b`, 'i');

/** Three or more foreign function words, at least twice as many as English ones. */
function functionWords(text: string): boolean {
  if (!ANY_FOREIGN_FUNCTION_WORD.test(text)) return false;
  let foreign = 0;
  let english = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (FOREIGN_FUNCTION_WORDS.has(word)) foreign++;
    else if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
  }
  return foreign >= 3 && foreign >= 2 * english;
}

/**
 * A gloss: the original-script name in brackets right after a Latin-script
 * name, as Taiwanese and Hong Kong papers print it ("Jensen Huang (黃仁勳)",
 * "Contemporary Amperex Technology (寧德時代)"). It is not untranslated text.
 */
export function isGloss(text: string, run: { start: number; end: number }): boolean {
  const before = text.slice(Math.max(0, run.start - 40), run.start);
  // A run takes the closing bracket after it ("和碩）"): the bracket closes the gloss, it is not part of it.
  const end = /[)）]$/.test(text.slice(run.start, run.end)) ? run.end - 1 : run.end;
  const length = end - run.start;
  // A share-class marker may follow the name in its own script: "(小米集团-W, 01810.HK)".
  const after = text.slice(end, end + 40);
  // Labelled with its language, as reference works print it: "StepFun (Chinese: 阶跃星辰)", "(Japanese: …, Hepburn: …)".
  if (LABELLED.test(before)) return length <= 30 && /^\s*(?:[)）]|[,，;；])/u.test(after);
  if (!/^[\s\-A-Z]{0,4}(?:[)）]|[,，、;；][^()（）]{0,30}[)）])/u.test(after)) return false;
  if (/[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*[\s]*[(（]\s*$/u.test(before) || /[\p{Lu}][\p{L}\p{N}.&'’-]*\s*[(（][^()（）]{0,30}[,，、;；]\s*$/u.test(before)) return length <= 16;
  // After a quoted English phrase, the phrase in its own words: '"new quality productive forces" (新质生产力)'.
  if (/[\p{L}.,!?][”"’']\s*[(（]\s*$/u.test(before)) return length <= 12;
  // After a common noun only a word or two is a gloss ("the yuan (元)"); a longer bracket is a passage.
  return /\p{Ll}[\p{L}'’-]*\s*[(（]\s*$/u.test(before) && length <= 6;
}

/** A naming word just before a term, with an opening quote: "the slogan “…", "the characters …", "known as …". */
const NAMED_BEFORE = /\b(?:names?|concepts?|notions?|campaigns?|titles?|brands?|logos?|taglines?|labels?|accounts?|handles?|Chinese|Mandarin|Cantonese|slogans?|phrases?|terms?|words?|characters?|motto|hashtags?|nicknames?|catchphrases?|buzzwords?|expressions?|idioms?|banners?|headlines?|sign|known\s+as|(?:known|called|named|written)\s+in\s+(?:Chinese|Mandarin|Cantonese|Japanese|Korean)(?:\s+as)?|(?:Chinese|Japanese|Korean)\s+name\s+is|call|calls|called|dub|dubs|dubbed|named|reads?|nicknamed|coined)\s*[“"「『‘']?\s*$/i;
/** Its meaning right after it: "(common prosperity)", ", or involution,", ", meaning …". */
const MEANING_AFTER = /^\s*[”"」』’']?\s*(?:[(（]\s*[\p{Script=Latin}][^()（）]{1,60}[)）]|,?\s*(?:or|meaning|which\s+means|literally|roughly|translated\s+as|i\.e\.)\s+[\p{Script=Latin}\p{Pi}"“‘'])/iu;

/**
 * A term the article discusses on purpose: named as a slogan, phrase or
 * word just before it, or given its meaning right after it (“共同富裕”
 * (common prosperity), 内卷, or involution). Only short terms qualify: a
 * sentence is a passage whatever stands around it.
 */
export function isDiscussedTerm(text: string, run: { start: number; end: number }): boolean {
  if (run.end - run.start > 12) return false;
  return NAMED_BEFORE.test(text.slice(Math.max(0, run.start - 30), run.start)) || MEANING_AFTER.test(text.slice(run.end, run.end + 80));
}
