/**
 * Short lines that are part of the article although they look like page
 * chrome or a listed headline: a place printed alone as the dateline
 * ("SHANGHAI", "Hong Kong"), a section word over the headline (a kicker:
 * "Markets", "Technology") and the entries of a live blog ("09:45 — Shares
 * opened 3% higher", "**12:30** Afternoon session cancelled"). Judged by
 * shape and by what the story says, with the section words only as a hint.
 */
import { placeOnly } from '../text/places.js';
import { escapeRe } from '../text/escape-re.js';

/**
 * A place in capitals, the way desks print a dateline on its own line:
 * "SHANGHAI", "HONG KONG", "NEW YORK/LONDON". Four letters or more, so an
 * acronym ("CLS") is not taken for one.
 */
const CAPITALS_PLACE = /^\p{Lu}[\p{Lu}.'’-]*(?:[ /]\p{Lu}[\p{Lu}.'’-]*){0,3}$/u;

/** A name of up to three words in title case: "Hong Kong", "New York". */
const TITLE_CASE_NAME = /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}$/u;


/**
 * A place alone on its line: in capitals (a desk's dateline), or a name the
 * story itself uses as a place ("in Hong Kong", "Hong Kong-listed"), case
 * and all. A site's name is not written as a place the story happens in.
 */
export function isPlaceLine(text: string, story: string): boolean {
  if (text.length > 40) return false;
  // In capitals, each place of "NEW YORK/LONDON" is a known place or one the story uses as such:
  // a headline set in capitals ("NVIDIA BEATS FORECASTS") is no dateline.
  if (CAPITALS_PLACE.test(text)) return (text.match(/\p{Lu}/gu)?.length ?? 0) >= 4 && text.split('/').every((part) => placeOnly(titleCased(part)) || usedAsPlace(titleCased(part), story));
  return TITLE_CASE_NAME.test(text) && (placeOnly(text) || usedAsPlace(text, story));
}

/** "HONG KONG" → "Hong Kong", "XI'AN" → "Xi'an". */
const titleCased = (capitals: string) => capitals.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());

/** Whether the story writes `name` as a place it happens in: "in Hong Kong", "Hong Kong-listed". */
function usedAsPlace(name: string, story: string): boolean {
  if (!story || !TITLE_CASE_NAME.test(name)) return false;
  const n = escapeRe(name);
  return new RegExp(`\\b(?:in|at|from|across|outside|near|around)\\s+${n}\\b(?!\\s+\\p{Lu})|\\b${n}-(?:listed|based|headquartered)\\b`, 'u').test(story);
}

/**
 * Section words news sites print over a headline (a kicker). A hint only:
 * the line must also be short and bare (see `isKicker`).
 */
const SECTION_WORDS = new Set(
  ('markets market business economy economics technology tech companies corporate finance financial banking banks property ' +
    'energy commodities currencies bonds stocks equities world asia china politics policy opinion analysis commentary exclusive ' +
    'breaking news deals earnings ipo ipos autos health science trade industry retail media telecoms crypto fintech insight ' +
    'interview explainer feature features briefing investing wealth money semiconductors chips autos cars evs housing insurance ' +
    'brokers securities funds macro forex gold oil metals mining consumer travel shipping logistics infrastructure utilities ' +
    'renewables startups regulation esg climate')
    .split(' '),
);

/**
 * A kicker: one to three section words, capitalised, nothing else ("Markets",
 * "China Economy", "EXCLUSIVE"), after a place or not ("Hong Kong Stocks").
 */
export function isKicker(text: string): boolean {
  if (text.length > 30 || !/^\p{Lu}/u.test(text)) return false;
  const words = text.split(' ');
  if (words.length > 4) return false;
  // The place a section is of: the longest run of first words that is only places.
  let from = 0;
  for (let n = Math.min(3, words.length - 1); n > 0; n--) {
    if (placeOnly(words.slice(0, n).join(' '))) {
      from = n;
      break;
    }
  }
  const rest = words.slice(from);
  return rest.length >= 1 && rest.length <= 3 && rest.every((w) => SECTION_WORDS.has(w.toLowerCase()));
}

/** A short line above or under the headline that belongs to the article: a place line or a kicker. */
export function isStandingLine(text: string, story: string): boolean {
  return isPlaceLine(text, story) || isKicker(text);
}

/**
 * A live blog's time stamp opening a block: "09:45 — The index opened…",
 * "12:41 p.m. JST", "17:40 Bank shares rose…". The stamp alone on its line
 * counts too (the entry follows it). A time is hours and minutes with a colon;
 * a stamp with a date ("2025-10-30 18:02") is a page's source line, not this.
 */
const TIME_STAMP = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:a\.m\.|p\.m\.|am|pm|AM|PM))?(?:\s\p{Lu}{2,4})?(?:$|\s*[—–-]\s*\S|\s+\S)/u;

export function isTimedEntry(text: string): boolean {
  return TIME_STAMP.test(text);
}

/** A time stamp alone on its line ("16:30", "12:41 p.m. JST"), as live blogs print one over each entry. */
const BARE_TIME = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:a\.m\.|p\.m\.|am|pm|AM|PM))?(?:\s\p{Lu}{2,4})?$/u;

export function isBareTime(text: string): boolean {
  return BARE_TIME.test(text) && Number(text.slice(0, text.indexOf(':'))) <= 23;
}
