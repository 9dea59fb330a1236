/** Every rule id copydesk reports, the plugin that owns it, and what it means. Stable: CMSs key on these. */
export interface RuleInfo {
  plugin: string;
  severity: 'info' | 'warning';
  summary: string;
}

export const RULES: Record<string, RuleInfo> = {
  'page-chrome': { plugin: 'html reader', severity: 'info', summary: 'Navigation, forms, footers and buttons of an HTML page dropped on reading.' },
  'page-region': { plugin: 'html reader', severity: 'info', summary: 'A region of a whole web page outside its article (menus, header, footer, related rails, comments) dropped when the article was extracted; the message holds its text.' },
  'headline-chrome': { plugin: 'article-structure', severity: 'info', summary: 'A short line of page chrome standing above the headline (a site name, a breadcrumb, a widget line) removed.' },
  'bilingual-headline': { plugin: 'article-structure', severity: 'info', summary: 'A headline in another script printed beside its English version removed; the English one is the title.' },
  'unsupported-markup': { plugin: 'html reader', severity: 'info', summary: 'MathML, SVG, noscript or canvas/object/iframe fallback text dropped on reading (Markdown cannot hold it); the message holds its text.' },
  'unsafe-html': { plugin: 'sanitizer', severity: 'info', summary: 'Raw HTML with a script-like element, an event handler or an unsafe URL rewritten without it, or removed; the message holds the original.' },
  'unsafe-url': { plugin: 'sanitizer', severity: 'info', summary: 'A link or image with a javascript:, vbscript:, data: or other disallowed URL: the link removed (its text kept), the image removed.' },
  'related-block': { plugin: 'strip-boilerplate', severity: 'info', summary: 'A "Related Articles"-style marker and the headlines under it removed.' },
  'page-furniture': { plugin: 'strip-boilerplate', severity: 'info', summary: 'A share bar, app prompt, widget label or image placeholder removed.' },
  dek: { plugin: 'dedupe-lead', severity: 'info', summary: 'A standfirst that restates the headline and lede moved out of the body into `meta.dek`; the lede stays.' },
  'duplicate-lead': { plugin: 'dedupe-lead', severity: 'info', summary: 'A paragraph near the top that repeats another nearly word for word removed (never the headline or the lede).' },
  'repeated-title': { plugin: 'dedupe-lead', severity: 'info', summary: 'The title printed again in the body removed.' },
  'duplicate-paragraph': { plugin: 'dedupe-lead', severity: 'info', summary: 'A paragraph printed again, exactly or nearly word for word, removed; the first copy, or the fuller one, stays. Lone repeats that are a large share of the article stay, with a warning.' },
  'legal-suffix': { plugin: 'fix-entities', severity: 'info', summary: 'A legal or share-class name of any company used as a running name replaced ("Microsoft Corporation" → "Microsoft"); kept in legal contexts.' },
  'hk-short-name': { plugin: 'fix-entities', severity: 'info', summary: 'A Hong Kong exchange short name or share-class marker in prose replaced ("XIAOMI-W" → "Xiaomi").' },
  'person-name': { plugin: 'fix-entities', severity: 'info', summary: 'A person named in pinyin or translated word for word replaced ("Huang Renxun" → "Jensen Huang").' },
  'entity-name': { plugin: 'fix-entities', severity: 'info', summary: 'A company, product or outlet translated literally or left in pinyin replaced ("Ningde Times" → "CATL"), also beside its ticker when no list holds it.' },
  jargon: { plugin: 'fix-entities', severity: 'info', summary: 'Market jargon translated literally replaced where its context holds ("dark market" → "grey market" in IPO news).' },
  'ticker-notation': { plugin: 'fix-entities', severity: 'info', summary: 'Broken ticker notation repaired: spaces in a suffix, trading-app markup, emptied placeholders, live-quote debris.' },
  dictionary: { plugin: 'fix-entities', severity: 'info', summary: 'An entry of a user dictionary applied (entries in suggest mode are warnings).' },
  'suspicious-product-name': { plugin: 'flag-entities', severity: 'warning', summary: 'A product or plain noun replaced by the name of an unrelated listed company ("its AI chatbot Siasun Robot & Automation").' },
  'ticker-mismatch': { plugin: 'flag-entities', severity: 'warning', summary: 'A name and the ticker beside it belong to different listings, or one code appears under two names.' },
  'untranslated-text': { plugin: 'flag-entities', severity: 'warning', summary: 'A passage left in another language or script.' },
  'prose-guard': { plugin: 'any removing plugin', severity: 'warning', summary: 'Removals held back because they would leave too little of the article.' },
  'literal-markup': { plugin: 'clean()', severity: 'warning', summary: 'A Markdown paragraph with more than 256 emphasis markers or brackets read as literal text (parsing them is quadratic; no article has one).' },
  'deep-nesting': { plugin: 'clean()', severity: 'warning', summary: 'HTML nested deeper than 200 elements was flattened to be parsed.' },
  'empty-input': { plugin: 'clean()', severity: 'warning', summary: 'The article is empty or only whitespace.' },
  'decision-not-applied': { plugin: 'decisions', severity: 'warning', summary: 'An editor’s decision (a rejected fix, an accepted or edited text) could not be placed in the article.' },
};
