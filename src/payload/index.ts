/**
 * `copydesk/payload`: a Payload CMS 3 plugin that cleans articles as they
 * are published.
 *
 *   import { copydesk } from 'copydesk/payload';
 *   export default buildConfig({
 *     plugins: [copydesk({ collections: { posts: { field: 'body' } }, onWarnings: 'block' })],
 *   });
 *
 * For each listed collection it adds a `beforeChange` hook and a read-only
 * JSON field (`copydesk` by default) holding the report. The hook runs when
 * a document is published: with drafts on, when `_status` is (or stays)
 * `published`; without drafts, on every save. Saving a draft (or
 * autosaving) changes nothing. Then:
 *
 * - the field is cleaned: Markdown, HTML or plain text in a `text`,
 *   `textarea` or `code` field (format from the options; a code field with
 *   `admin.language: 'html'` is HTML), or Lexical rich text, converted to
 *   Markdown and back with Payload's own converters and the field's own
 *   editor config (rich text holding nodes Markdown cannot carry — uploads,
 *   blocks, relationships, tables — is checked but left as it was);
 * - the report (verdict, changes, flags, every message) is stored;
 * - errors, or warnings of a rule in `block`, refuse the publish with a
 *   `ValidationError` that lists the flags (the draft is left as it was);
 *   other warnings depend on `onWarnings`: `block` refuses too, `review`
 *   (the default) publishes with the verdict `review` on the report, so the
 *   desk can find it, `allow` publishes and the verdict ignores warnings.
 *
 * Payload (and `@payloadcms/richtext-lexical`, for rich text) are optional
 * peer dependencies: only this entry point needs them.
 */
import type { CollectionBeforeChangeHook, CollectionConfig, Config, Field, Plugin, RichTextField } from 'payload';
import { ValidationError } from 'payload';
import { buildReport, cleanArticle, describeFlag, type PublishReport } from '../hook.js';
import type { JsonMessage } from '../json.js';
import type { Format } from '../input.js';
import type { CleanOptions } from '../pipeline.js';
import { HOLD_CONTEXT_KEY, holdHook, type PayloadHoldOptions } from './hold.js';

export type { PayloadHoldOptions } from './hold.js';

export type OnWarnings = 'review' | 'block' | 'allow';

export interface CopydeskCollectionOptions {
  /**
   * The field holding the article body: its name, or its path through named groups and named
   * tabs (`content.body`, `main.story`); unnamed tabs, rows and collapsibles add no segment.
   * Through a blocks field, the block's slug then its field (`layout.text.body`): every block of
   * that type is cleaned (text, textarea and code fields).
   */
  field: string;
  /** Format of a text/textarea/code field. @default 'markdown' ('html' for a code field whose language is html) */
  format?: Format;
  /** The field with the headline, passed to the cleaner; `false` for none. @default 'title' */
  titleField?: string | false;
}

export interface CopydeskPluginOptions {
  /** Collections to clean, by slug. */
  collections: Record<string, CopydeskCollectionOptions>;
  /** What warnings do to a publish. @default 'review' */
  onWarnings?: OnWarnings;
  /** Rule ids whose warnings always refuse a publish (whatever `onWarnings` says). */
  block?: string[];
  /** Options for `clean()` (for example `cleanOptionsFromConfig((await loadConfig()).config)`). */
  clean?: CleanOptions;
  /** Name of the JSON field holding the report. @default 'copydesk' */
  reportField?: string;
  /** `false` adds the fields (so the schema stays stable) but never cleans. @default true */
  enabled?: boolean;
  /**
   * Hold `review` (and `reject`) articles in copydesk's review queue instead of publishing them: the
   * document stays a draft until an editor approves it (collections with drafts only). See docs/review-queue.md.
   */
  hold?: PayloadHoldOptions;
}

export type CopydeskReport = PublishReport & {
  field: string;
  onWarnings: OnWarnings;
  /** Why the field was checked but not rewritten (rich text with nodes Markdown cannot carry). */
  unchanged?: string;
  /** Kept a draft and sent to the review queue (`hold`). */
  held?: boolean;
};

/** Lexical node types that go to Markdown and back unchanged. */
const MARKDOWN_SAFE = new Set(['root', 'paragraph', 'text', 'heading', 'quote', 'list', 'listitem', 'link', 'autolink', 'linebreak', 'horizontalrule', 'tab']);

/** Node types in a Lexical state that a round trip through Markdown would drop or flatten (uploads, blocks, relationships, tables…). */
export function nodesMarkdownCannotCarry(state: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === 'string' && !MARKDOWN_SAFE.has(type)) found.add(type);
    if (Array.isArray(children)) children.forEach(walk);
  };
  walk((state as { root?: unknown } | null)?.root);
  return [...found];
}

/** The state with only its top-level blocks that Markdown carries. */
function markdownSafePart(state: unknown): unknown {
  const root = (state as { root: { children?: unknown[] } }).root;
  return { ...(state as object), root: { ...root, children: (root.children ?? []).filter((child) => nodesMarkdownCannotCarry({ root: child }).length === 0) } };
}

const SUPPORTED = new Set(['text', 'textarea', 'code', 'richText']);

export function copydesk(options: CopydeskPluginOptions): Plugin {
  const reportField = options.reportField ?? 'copydesk';
  const onWarnings = options.onWarnings ?? 'review';
  if (!['review', 'block', 'allow'].includes(onWarnings)) throw new Error(`copydesk: onWarnings must be review, block or allow (got ${String(onWarnings)})`);
  return (config: Config): Config => {
    const slugs = new Set((config.collections ?? []).map((c) => c.slug));
    for (const slug of Object.keys(options.collections)) {
      if (!slugs.has(slug)) throw new Error(`copydesk: no collection "${slug}" in the Payload config`);
    }
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => {
        const settings = options.collections[collection.slug];
        return settings ? withCopydesk(collection, settings, options, reportField, onWarnings) : collection;
      }),
    };
  };
}

function withCopydesk(
  collection: CollectionConfig,
  settings: CopydeskCollectionOptions,
  options: CopydeskPluginOptions,
  reportField: string,
  onWarnings: OnWarnings,
): CollectionConfig {
  const field = fieldAt(collection.fields, settings.field.split('.'));
  if (!field) throw new Error(`copydesk: collection "${collection.slug}" has no top-level field "${settings.field}", nor one by that path through named groups and tabs`);
  if (!SUPPORTED.has(field.type)) {
    throw new Error(`copydesk: field "${collection.slug}.${settings.field}" is a ${field.type} field; copydesk cleans text, textarea, code and richText fields`);
  }
  const inBlocks = blocksAlong(collection.fields, settings.field.split('.'));
  if (inBlocks && field.type === 'richText') throw new Error(`copydesk: field "${collection.slug}.${settings.field}" is rich text inside blocks; inside blocks copydesk cleans text, textarea and code fields`);
  if (inBlocks && options.hold) throw new Error(`copydesk: hold needs one body field; "${collection.slug}.${settings.field}" is one per block`);
  const language = field.type === 'code' ? (field as { admin?: { language?: string } }).admin?.language : undefined;
  const format: Format = settings.format ?? (language === 'html' ? 'html' : 'markdown');
  const report: Field = {
    name: reportField,
    type: 'json',
    label: 'copydesk report',
    admin: { readOnly: true, position: 'sidebar', description: 'Set by copydesk when the document is published: verdict, changes made and flags.' },
  };
  if (options.hold && !(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)) {
    throw new Error(`copydesk: hold needs drafts on collection "${collection.slug}" (a held article stays a draft until approved)`);
  }
  const hook = publishHook({ ...settings, field: settings.field }, field.type === 'richText', format, options, reportField, onWarnings);
  return {
    ...collection,
    fields: [...collection.fields, report],
    hooks: {
      ...collection.hooks,
      beforeChange: [...(collection.hooks?.beforeChange ?? []), hook],
      ...(options.hold ? { afterChange: [...(collection.hooks?.afterChange ?? []), holdHook(options.hold)] } : {}),
    },
  };
}

function publishHook(
  settings: CopydeskCollectionOptions,
  richText: boolean,
  format: Format,
  options: CopydeskPluginOptions,
  reportField: string,
  onWarnings: OnWarnings,
): CollectionBeforeChangeHook {
  const block = [...(options.block ?? []), ...(onWarnings === 'block' ? ['*'] : [])];
  const titleField = settings.titleField === undefined ? 'title' : settings.titleField;
  return async ({ data, originalDoc, collection, context, req }) => {
    if (options.enabled === false || context?.copydeskSkip) return data;
    // The text an editor approved at the desk, written back by copydesk: published as approved.
    if (context?.copydeskApproved || (options.hold && (data[reportField] as { approved?: { item?: unknown } } | undefined)?.approved?.item)) return data;
    const drafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts);
    const status = (data._status ?? originalDoc?._status) as string | undefined;
    if (drafts && status !== 'published') return data;

    const path = settings.field.split('.');
    const rawTitle: unknown = titleField ? (data[titleField] ?? originalDoc?.[titleField]) : undefined;
    const title = typeof rawTitle === 'string' ? rawTitle : undefined;
    const inBlocks = blocksAlong(collection.fields, path);
    if (inBlocks) {
      // one body per block of that type: each cleaned on its own, the messages named by block
      const rows = valueAt(data, inBlocks.blocks) ?? valueAt(originalDoc, inBlocks.blocks);
      if (!Array.isArray(rows)) return data;
      const found: JsonMessage[] = [];
      const cleanedRows = [];
      for (const [index, row] of (rows as Array<Record<string, unknown>>).entries()) {
        const text = row?.blockType === inBlocks.slug ? valueAt(row, inBlocks.inner) : undefined;
        if (typeof text !== 'string' || !text.trim()) {
          cleanedRows.push(row);
          continue;
        }
        const result = await cleanArticle({ content: text, format, title }, options.clean);
        const where = `${inBlocks.blocks.join('.')}.${index}`;
        for (const m of result.messages) found.push({ ...m, reason: `${where}: ${m.reason}` });
        cleanedRows.push(withValueAt(row, inBlocks.inner, format === 'html' ? result.html : result.markdown, row));
      }
      const report = buildReport(found, block);
      if (onWarnings === 'allow' && report.verdict === 'review') report.verdict = 'publish';
      if (report.verdict === 'reject') {
        const flags = found.filter((m) => m.severity !== 'info');
        throw new ValidationError({ collection: collection.slug, errors: flags.map((m) => ({ path: settings.field, message: `copydesk: ${describeFlag(m)}` })), req });
      }
      const stored: CopydeskReport = { ...report, field: settings.field, onWarnings };
      return { ...withValueAt(data, inBlocks.blocks, cleanedRows, originalDoc), [reportField]: stored };
    }
    const value: unknown = valueAt(data, path) !== undefined ? valueAt(data, path) : valueAt(originalDoc, path);

    let cleaned: unknown;
    let unchanged: string | undefined;
    let messages: JsonMessage[];
    if (richText) {
      if (!value || typeof value !== 'object') return data;
      const lexical = await loadRichTextLexical();
      const sanitized = fieldAt(collection.fields, path) as RichTextField;
      const editorConfig = lexical.editorConfigFactory.fromField({ field: sanitized });
      type State = Parameters<typeof lexical.convertLexicalToMarkdown>[0]['data'];
      const foreign = nodesMarkdownCannotCarry(value);
      // With nodes Markdown cannot carry, only the plain blocks are checked, and nothing is rewritten.
      const state = (foreign.length ? markdownSafePart(value) : value) as State;
      const markdown = lexical.convertLexicalToMarkdown({ data: state, editorConfig });
      const result = await cleanArticle({ content: markdown, format: 'markdown', title }, options.clean);
      messages = result.messages;
      if (foreign.length) unchanged = `the rich text holds ${foreign.join(', ')} nodes, which do not survive Markdown: flags checked, text left as it was`;
      else cleaned = lexical.convertMarkdownToLexical({ editorConfig, markdown: result.markdown });
    } else {
      if (typeof value !== 'string' || !value.trim()) return data;
      const result = await cleanArticle({ content: value, format, title }, options.clean);
      messages = result.messages;
      cleaned = format === 'html' ? result.html : result.markdown;
    }

    const report = buildReport(messages, block);
    if (onWarnings === 'allow' && report.verdict === 'review') report.verdict = 'publish';
    const holding = options.hold && (report.verdict === 'review' || (report.verdict === 'reject' && options.hold.reject !== false));
    if (holding && typeof value === 'string') {
      context[HOLD_CONTEXT_KEY] = { content: value, format, ...(title ? { title } : {}) };
      const held: CopydeskReport = { ...report, field: settings.field, onWarnings, held: true };
      return { ...data, _status: 'draft', [reportField]: held };
    }
    if (report.verdict === 'reject') {
      const flags = messages.filter((m) => m.severity !== 'info');
      throw new ValidationError(
        {
          collection: collection.slug,
          errors: flags.map((m) => ({ path: settings.field, message: `copydesk: ${describeFlag(m)}` })),
          req,
        },
      );
    }
    const stored: CopydeskReport = { ...report, field: settings.field, onWarnings, ...(unchanged ? { unchanged } : {}) };
    return unchanged ? { ...data, [reportField]: stored } : { ...withValueAt(data, path, cleaned, originalDoc), [reportField]: stored };
  };
}

/** A data field by its path: named fields and named groups and tabs are segments; unnamed tabs, rows and collapsibles are looked through. */
export function fieldAt(fields: readonly Field[], path: readonly string[]): (Field & { name: string }) | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  for (const f of fields) {
    const named = 'name' in f && typeof f.name === 'string' && f.name ? f.name : undefined;
    if (named === head) {
      if (!rest.length) return f as Field & { name: string };
      if (f.type === 'group' && 'fields' in f) return fieldAt(f.fields, rest);
      // blocks: the block's slug, then a field of that block
      if (f.type === 'blocks' && 'blocks' in f) {
        const [slug, ...inner] = rest as [string, ...string[]];
        const kind = f.blocks.find((b) => typeof b === 'object' && b.slug === slug);
        return kind && typeof kind === 'object' ? fieldAt(kind.fields, inner) : undefined;
      }
      return undefined;
    }
    if (f.type === 'tabs') {
      for (const tab of f.tabs) {
        const tabName = 'name' in tab && tab.name ? tab.name : undefined;
        const found = tabName ? (tabName === head ? fieldAt(tab.fields, rest) : undefined) : fieldAt(tab.fields, path);
        if (found) return found;
      }
    } else if (!named && 'fields' in f && Array.isArray(f.fields)) {
      const found = fieldAt(f.fields as Field[], path);
      if (found) return found;
    }
  }
  return undefined;
}

/** For a path through a blocks field (`layout.text.body`): the blocks field's data path, the block's slug, and the path inside the block. */
export function blocksAlong(fields: readonly Field[], path: readonly string[]): { blocks: string[]; slug: string; inner: string[] } | undefined {
  for (let n = 1; n < path.length - 1; n++) {
    const field = fieldAt(fields, path.slice(0, n));
    if (field?.type === 'blocks') return { blocks: path.slice(0, n), slug: path[n]!, inner: path.slice(n + 1) };
  }
  return undefined;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const part of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** A copy of `data` with `value` at `path`; a group the update left out is taken from the stored document. */
function withValueAt(data: Record<string, unknown>, path: readonly string[], value: unknown, stored: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (!rest.length) return { ...data, [head]: value };
  const inner = data[head] ?? (stored as Record<string, unknown> | undefined)?.[head];
  const base = inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {};
  return { ...data, [head]: withValueAt(base, rest, value, (stored as Record<string, unknown> | undefined)?.[head]) };
}

/** The Lexical packages that `@payloadcms/richtext-lexical` loads, in dependency order. */
const LEXICAL_PACKAGES = [
  'lexical',
  '@lexical/utils',
  '@lexical/selection',
  '@lexical/clipboard',
  '@lexical/html',
  '@lexical/list',
  '@lexical/table',
  '@lexical/rich-text',
  '@lexical/headless',
  '@lexical/react/LexicalDecoratorBlockNode',
];

type RichTextLexical = typeof import('@payloadcms/richtext-lexical');
let lexicalModule: Promise<RichTextLexical> | undefined;

/**
 * Imports `@payloadcms/richtext-lexical`. On Node 20 importing it in one go
 * never settles (its Lexical dependencies use top-level await in a module
 * cycle, which Node 20's loader deadlocks on); loading those packages one
 * at a time first avoids it. Node 22 and later do not need this, and it
 * does no harm there. Use it in a Payload config run on Node 20 too:
 * `const { lexicalEditor } = await loadRichTextLexical()`.
 */
export function loadRichTextLexical(): Promise<RichTextLexical> {
  lexicalModule ??= (async () => {
    for (const name of LEXICAL_PACKAGES) await import(name).catch(() => undefined);
    return import('@payloadcms/richtext-lexical');
  })();
  return lexicalModule;
}

export default copydesk;
