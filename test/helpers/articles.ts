/**
 * Articles written for the integration tests (not taken from the corpus):
 * a wire story about a fictional logistics company with the two defects the
 * pipeline removes today, a duplicated lead and a "Related News" block.
 */
export const TITLE = 'Harbourline Logistics to buy two cold-storage hubs for $410 million';

export const LEAD_SUMMARY =
  'Harbourline Logistics will buy two cold-storage hubs from a regional operator, expanding its refrigerated network in the south.';

export const LEAD_FULL =
  'According to people familiar with the matter, Harbourline Logistics (HLX.US) agreed on Tuesday to buy two cold-storage hubs from regional operator Peyton Cold Chain for $410 million, expanding its refrigerated network in the south.';

export const BODY = [
  'The hubs, in Savannah and Mobile, hold about 120,000 pallet positions, the people said. The deal is expected to close in the first quarter of next year.',
  'Harbourline shares rose 3.2% in pre-market trading. The company said in a statement that demand for temperature-controlled storage had grown for six straight quarters.',
  'Analysts at Brightwater Securities said the purchase would lift Harbourline margins by roughly one percentage point within two years.',
];

export const RELATED = ['Related News', 'Peyton Cold Chain explores sale of port assets', 'Freight rates slip for a third week'];

/** Plain text: title line, summary, full lede, body, then a related-news block. */
export const DEFECTIVE_TEXT = [TITLE, LEAD_SUMMARY, LEAD_FULL, ...BODY, ...RELATED].join('\n');

/** The body alone in Markdown (the title kept apart, as a CMS does). */
export const DEFECTIVE_MARKDOWN = [LEAD_SUMMARY, LEAD_FULL, ...BODY, ...RELATED].join('\n\n');

/** The same body in HTML. */
export const DEFECTIVE_HTML = [LEAD_SUMMARY, LEAD_FULL, ...BODY, ...RELATED].map((p) => `<p>${p}</p>`).join('\n');

/** A clean article: nothing to change, nothing to flag. */
export const CLEAN_MARKDOWN = BODY.join('\n\n');

/** A body in Markdown of about `bytes` bytes: the defective story, then more paragraphs of its own. */
export function articleOfSize(bytes: number, seed = 0): string {
  const parts = [LEAD_SUMMARY, LEAD_FULL, ...BODY];
  let size = parts.join('\n\n').length;
  let i = seed;
  while (size < bytes) {
    i++;
    const paragraph =
      `In its ${i}th filing of the year, Harbourline reported ${(i * 37) % 900} new contracts worth $${(i * 13) % 97}.${i % 10} million, ` +
      `and said warehouse ${i} in district ${(i * 7) % 31} would open ${i % 2 ? 'early' : 'late'} in quarter ${(i % 4) + 1}.`;
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  parts.push(...RELATED);
  return parts.join('\n\n');
}
