/**
 * What editors read instead of rule ids: a short label for each rule and,
 * for the reasons the pipeline writes for developers, a sentence for an
 * editor. Unknown rules (a newer server) show their id.
 */
import type { Message } from './model';

const LABELS: Record<string, string> = {
  'page-chrome': 'Page menus and buttons',
  'page-region': 'Text around the article on the web page',
  'headline-chrome': 'Site name or breadcrumb above the headline',
  'bilingual-headline': 'Headline repeated in another language',
  'unsupported-markup': 'Formulas or graphics that cannot be kept',
  'unsafe-html': 'Unsafe code in the article',
  'unsafe-url': 'Unsafe link',
  'related-block': '“Related articles” list',
  'page-furniture': 'Share bar, app prompt or placeholder',
  dek: 'Summary that repeats the lede',
  'duplicate-lead': 'Lede printed twice',
  'repeated-title': 'Headline printed again',
  'duplicate-paragraph': 'Paragraph printed twice',
  'legal-suffix': 'Legal company name in running text',
  'hk-short-name': 'Hong Kong exchange short name',
  'person-name': 'Person’s name mistranslated',
  'entity-name': 'Company or product name mistranslated',
  jargon: 'Market term translated word for word',
  'ticker-notation': 'Broken ticker symbol',
  dictionary: 'Newsroom dictionary',
  'suspicious-product-name': 'Product replaced by a company name?',
  'ticker-mismatch': 'Name and ticker do not match',
  'untranslated-text': 'Text left untranslated',
  'prose-guard': 'Removals held back (too much would go)',
  'literal-markup': 'Markup read as plain text',
  'deep-nesting': 'Deeply nested HTML flattened',
  'empty-input': 'Empty article',
  'decision-not-applied': 'A decision could not be applied',
};

/** Reasons worded for an editor, by rule; the pipeline's own reason is kept as the detail. */
const WHY: Record<string, string> = {
  'suspicious-product-name': 'The translation may have swapped a product or a plain noun for the name of an unrelated listed company. Check the source and pick what the story means.',
  'ticker-mismatch': 'The company named and the ticker beside it do not belong together. Check which one the story means.',
  'untranslated-text': 'This passage is still in another language or script.',
  'person-name': 'This person’s name was rendered from Chinese; copydesk uses the name English-language media use.',
  'entity-name': 'The name was translated word for word; copydesk uses the name the company is known by in English.',
  dek: 'The summary says again what the first paragraph says; it is kept aside as the standfirst.',
  'related-block': 'Links to other stories from the source page.',
  'duplicate-lead': 'The same opening paragraph appears twice.',
  'duplicate-paragraph': 'The same paragraph appears twice.',
  'prose-guard': 'Removing all of this would leave too little of the article, so it was kept: decide by hand.',
};

export function ruleLabel(ruleId: string | undefined): string {
  return (ruleId && LABELS[ruleId]) || ruleId || 'copydesk';
}

/** The reason an editor reads. Mentions of the software's parts ("entity linker") are left out. */
export function editorReason(m: Pick<Message, 'ruleId' | 'reason'>): string {
  const plain = m.ruleId ? WHY[m.ruleId] : undefined;
  if (plain) return plain;
  return m.reason.replace(/\b(?:the )?(?:entity linker|knowledge base|kb|matcher|plugin)\b/gi, 'copydesk').replace(/^./, (c) => c.toUpperCase());
}
