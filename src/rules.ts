/** Every rule id copydesk reports, the plugin that owns it, and what it means. Stable: CMSs key on these. */
export interface RuleInfo {
  plugin: string;
  severity: 'info' | 'warning';
  summary: string;
}

export const RULES: Record<string, RuleInfo> = {
  'page-chrome': { plugin: 'html reader', severity: 'info', summary: 'Navigation, forms, footers and buttons of an HTML page dropped on reading.' },
  'related-block': { plugin: 'strip-boilerplate', severity: 'info', summary: 'A "Related Articles"-style marker and the headlines under it removed.' },
  'page-furniture': { plugin: 'strip-boilerplate', severity: 'info', summary: 'A share bar, app prompt, widget label or image placeholder removed.' },
  'duplicate-lead': { plugin: 'dedupe-lead', severity: 'info', summary: 'A paragraph near the top restated by a more informative one removed.' },
  'repeated-title': { plugin: 'dedupe-lead', severity: 'info', summary: 'The title printed again in the body removed.' },
  'duplicate-paragraph': { plugin: 'dedupe-lead', severity: 'info', summary: 'An exact repeat of an earlier paragraph removed.' },
  'legal-suffix': { plugin: 'fix-entities', severity: 'info', summary: 'A legal or share-class listing name used as a running name replaced ("Microsoft Corporation" → "Microsoft").' },
  'hk-short-name': { plugin: 'fix-entities', severity: 'info', summary: 'A Hong Kong exchange short name or share-class marker in prose replaced ("XIAOMI-W" → "Xiaomi").' },
  'person-name': { plugin: 'fix-entities', severity: 'info', summary: 'A person named in pinyin or translated word for word replaced ("Huang Renxun" → "Jensen Huang").' },
  'entity-name': { plugin: 'fix-entities', severity: 'info', summary: 'A company, product or outlet translated literally replaced ("Ningde Times" → "CATL").' },
  jargon: { plugin: 'fix-entities', severity: 'info', summary: 'Market jargon translated literally replaced where its context holds ("dark market" → "grey market" in IPO news).' },
  'ticker-notation': { plugin: 'fix-entities', severity: 'info', summary: 'Broken ticker notation repaired: spaces in a suffix, trading-app markup, emptied placeholders, live-quote debris.' },
  dictionary: { plugin: 'fix-entities', severity: 'info', summary: 'An entry of a user dictionary applied (entries in suggest mode are warnings).' },
  'suspicious-product-name': { plugin: 'flag-entities', severity: 'warning', summary: 'A product or plain noun replaced by the name of an unrelated listed company ("its AI chatbot Siasun Robot & Automation").' },
  'ticker-mismatch': { plugin: 'flag-entities', severity: 'warning', summary: 'A name and the ticker beside it belong to different listings, or one code appears under two names.' },
  'untranslated-text': { plugin: 'flag-entities', severity: 'warning', summary: 'A passage left in another language or script.' },
  'prose-guard': { plugin: 'any removing plugin', severity: 'warning', summary: 'Removals held back because they would leave too little of the article.' },
  'deep-nesting': { plugin: 'clean()', severity: 'warning', summary: 'HTML nested deeper than 200 elements was flattened to be parsed.' },
  'empty-input': { plugin: 'clean()', severity: 'warning', summary: 'The article is empty or only whitespace.' },
  'decision-not-applied': { plugin: 'decisions', severity: 'warning', summary: 'An editor’s decision (a rejected fix, an accepted or edited text) could not be placed in the article.' },
};
