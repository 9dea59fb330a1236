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
  'prose-guard': { plugin: 'any removing plugin', severity: 'warning', summary: 'Removals held back because they would leave too little of the article.' },
  'deep-nesting': { plugin: 'clean()', severity: 'warning', summary: 'HTML nested deeper than 200 elements was flattened to be parsed.' },
  'empty-input': { plugin: 'clean()', severity: 'warning', summary: 'The article is empty or only whitespace.' },
  'decision-not-applied': { plugin: 'decisions', severity: 'warning', summary: 'An editor’s decision (a rejected fix, an accepted or edited text) could not be placed in the article.' },
};
