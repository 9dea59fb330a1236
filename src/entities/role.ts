/**
 * The organisations a person's role names: "OpenAI chief executive" →
 * OpenAI, "former Federal Reserve chairman" → Federal Reserve, "economist at
 * the Chinese Academy of Social Sciences" → Chinese Academy of Social
 * Sciences. The build uses them as the stories that are that person's.
 */
import { placeOnly } from '../text/places.js';

/** Nationalities and compass words: with the places (src/text/places.ts) they tell where, not whose story ("former Japanese prime minister"). */
const WHERE_WORDS = new Set(
  'U.S. EU American British Chinese Japanese Korean Taiwanese Singaporean Malaysian Indian German French European Asian Canadian Australian Russian Italian Spanish Dutch Swiss Saudi Emirati Indonesian Thai Vietnamese Philippine Brazilian Mexican Western Eastern South North'.split(' '),
);

/** A run of capitalised words, with "of", "and", "&", "for" and "the" inside it. */
const RUN = /\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)*\p{Lu}[\p{L}\p{N}&.'’-]*)*/gu;

/**
 * Each run of capitalised words in `role` that is an organisation: two words
 * or more not all of them places, or one word that is a known company
 * (`isCompany`) or an acronym of three letters or more (IMF, NATO).
 */
export function roleOrganisations(role: string, isCompany: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const [run] of role.matchAll(RUN)) {
    const words = run.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    if (placeOnly(run) || words.every((w) => WHERE_WORDS.has(w) || placeOnly(w))) continue;
    if (words.length >= 2 || isCompany(run) || /^\p{Lu}{3,}$/u.test(run)) out.push(run);
  }
  return [...new Set(out)];
}
