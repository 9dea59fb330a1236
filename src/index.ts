/** copydesk: cleans machine-translated financial news for republication. */
export { clean, copydeskPreset, createProcessor, toHtml, toMarkdown, type CleanOptions, type CleanResult } from './pipeline.js';
export { FORMATS, InputError, formatFromPath, type Format } from './input.js';
export { messageToJson, type JsonMessage } from './json.js';
export { default as dedupeLead, type DedupeLeadOptions } from '../plugins/dedupe-lead.js';
export { default as stripBoilerplate, type StripBoilerplateOptions } from '../plugins/strip-boilerplate.js';
export { default as fixEntities, type FixEntitiesOptions } from '../plugins/fix-entities.js';
export { default as flagEntities, type FlagEntitiesOptions } from '../plugins/flag-entities.js';
export { bundledKnowledgeBase, KnowledgeBase, type EntityRecord, type EntryRecord, type KbData } from './entities/kb.js';
export { DictionaryError, loadDictionary, DICTIONARY_SCHEMA, type Dictionary, type DictionaryEntry } from './entities/dictionary.js';
export { default as copydeskText } from './formats/text.js';
export { default as copydeskHtml } from './formats/html.js';
export { RULES, type RuleInfo } from './rules.js';
export {
  buildReport,
  cleanArticle,
  createPublishHook,
  verdictOf,
  type ArticleInput,
  type ArticleResult,
  type PublishHookOptions,
  type PublishHookResult,
  type PublishReport,
  type Verdict,
} from './hook.js';
