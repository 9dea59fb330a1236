/**
 * Jargon translated word for word is often a verb phrase with its object
 * inside it: 立案调查 comes out as "put the company on file for
 * investigation", 列入 as "listed three chipmakers into the entity list".
 * No list of phrases holds every object, so such an entry matches its tail
 * ("on file for investigation") and names the verbs it must follow, a few
 * words before (`lead`). The fix then covers the whole phrase: the verb, in
 * the text's tense, turned into the right one where the entry says so, the
 * object as written, and the tail's replacement ("placed the company under
 * investigation").
 */
import type { Context, Lead } from './kb.js';
import { escapeRe } from '../text/escape-re.js';
import { ingForm, pastParticiple, pastTense, thirdPerson } from './inflect.js';

/** How many words may stand between the verb and the tail when the entry does not say. */
export const LEAD_WORDS = 6;

type Form = 'base' | 's' | 'ing' | 'past' | 'participle';

/** A verb's forms, or a phrase's by its first word ("file a case against" → "filed a case against"). */
function formsOf(base: string): Record<Form, string> {
  const [verb = '', ...rest] = base.toLowerCase().split(/\s+/);
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  return { base: verb + tail, s: thirdPerson(verb) + tail, ing: ingForm(verb) + tail, past: pastTense(verb) + tail, participle: pastParticiple(verb) + tail };
}

/** A word of the object: a figure ("0.5", "1,000"), or a word without sentence or clause punctuation, brackets or quotation marks. */
const GAP_WORD = String.raw`(?:\d+(?:[.,]\d+)*%?|[^\s.,;:!?()\[\]"“”]+)`;

/** The verbs' forms as alternatives of a regular expression, longest first. */
function verbAlternatives(lead: Lead): string {
  const forms = [...new Set(lead.verbs.flatMap((v) => Object.values(formsOf(v))))].sort((a, b) => b.length - a.length);
  return forms.map((f) => escapeRe(f).replace(/ /g, String.raw`\s+`)).join('|');
}

/** The object: at most `words` words; a negation in it makes the verb an auxiliary ("did not empty its tank"). */
const gapOf = (lead: Lead) => String.raw`(?:\s+(?!(?:not|never|n't)(?![\p{L}]))${GAP_WORD}){0,${lead.words ?? LEAD_WORDS}}\s+`;
const VERB_START = String.raw`(?<![\p{L}\p{N}'’-])`;

/**
 * The regular expression (source) the text before the tail must match, as
 * a context's `before`: one of the verbs in any form, then the object. The
 * build writes it into the entry's context, so every check of the entry's
 * context asks for the verb.
 */
export function leadBefore(lead: Lead): string {
  return `${VERB_START}(?:${verbAlternatives(lead)})${gapOf(lead)}`;
}

const compiled = new WeakMap<Lead, { verbs: RegExp; rest: RegExp }>();
function patternsOf(lead: Lead): { verbs: RegExp; rest: RegExp } {
  let p = compiled.get(lead);
  if (!p) compiled.set(lead, (p = { verbs: new RegExp(`${VERB_START}(?:${verbAlternatives(lead)})(?=\\s)`, 'giu'), rest: new RegExp(`^${gapOf(lead)}$`, 'iu') }));
  return p;
}

/** Words before a verb in its base form ("will put"), and before a participle ("was put", "has placed"). */
const BASE_BEFORE = new Set(['to', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'do', 'does', 'did', 'not', "don't", "doesn't", "didn't", 'cannot', "won't"]);
const PARTICIPLE_BEFORE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'get', 'got', 'gets', 'getting']);

/** The form of the text's verb (phrase) as one of `base`'s, told from the word before it where two forms are spelt alike ("put"). */
function formOf(verb: string, base: string, wordBefore: string): Form | undefined {
  const before = wordBefore.toLowerCase();
  const v = verb.toLowerCase().replace(/\s+/g, ' ');
  const f = formsOf(base);
  if (v === f.s) return 's';
  if (v === f.ing) return 'ing';
  if (v === f.participle && PARTICIPLE_BEFORE.has(before)) return 'participle';
  // A verb opening its sentence is an order or a headline's present ("Put the firm on file …").
  if (v === f.base && (v !== f.past || BASE_BEFORE.has(before) || before === '' || /[.!?:]$/.test(before))) return 'base';
  if (v === f.past) return 'past';
  if (v === f.participle) return 'participle';
  return undefined;
}

const capitalised = (word: string, like: string) => (/^\p{Lu}/u.test(like) ? word[0]!.toUpperCase() + word.slice(1) : word);

/**
 * The phrase a tail matched at `start` closes: where its verb starts, and
 * the replacement's first part (the verb, turned into `lead.to` in the same
 * form, and the object as written). Undefined where no verb of the entry
 * stands close enough before.
 */
export function ledPhrase(text: string, start: number, lead: Lead): { start: number; opening: string } | undefined {
  const from = Math.max(0, start - 160);
  const window = text.slice(from, start);
  const { verbs, rest } = patternsOf(lead);
  // The verb nearest the tail: "put pressure on regulators to place the firm on file" is the firm's phrase.
  let verbStart = -1;
  for (const m of window.matchAll(verbs)) if (rest.test(window.slice(m.index + m[0].length))) verbStart = from + m.index;
  if (verbStart < 0) return undefined;
  const phrase = text.slice(verbStart, start);
  if (!lead.to) return { start: verbStart, opening: phrase };
  const wordBefore = /(\S+)\s*$/u.exec(text.slice(Math.max(0, verbStart - 24), verbStart))?.[1] ?? '';
  const words = phrase.split(/(\s+)/);
  for (const base of lead.verbs) {
    // The text's verb phrase, word for word as written, and the object after it.
    const n = base.split(/\s+/).length * 2 - 1;
    const verb = words.slice(0, n).join('');
    const form = formOf(verb, base, wordBefore);
    if (form) return { start: verbStart, opening: capitalised(formsOf(lead.to)[form], verb) + words.slice(n).join('') };
  }
  return undefined;
}

/** The replacement of a phrase read by ledPhrase: its opening, then the tail's replacement, or nothing where the new verb says it all. */
export function ledValue(opening: string, tail: string): string {
  return tail ? opening + tail : opening.trimEnd();
}

/** An entry's context with its lead's verb asked for (the lead is its `before`; one entry cannot have both). */
export function leadContext(context: Context | undefined, lead: Lead): Context {
  if (context?.before) throw new Error('a lead is the context.before of its entry; give one or the other');
  return { ...context, before: leadBefore(lead) };
}

/** The JSON Schema of a lead, for the curated data's and the user dictionaries' schemas. */
export const LEAD_SCHEMA = {
  type: 'object',
  required: ['verbs'],
  additionalProperties: false,
  properties: {
    verbs: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z]+(?: [a-z]+)*$' } },
    to: { type: 'string', pattern: '^[a-z]+(?: [a-z]+)*$' },
    words: { type: 'integer', minimum: 0, maximum: 10 },
  },
} as const;
