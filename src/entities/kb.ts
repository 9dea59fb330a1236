/**
 * The knowledge base copydesk ships: companies (names, listings, sector),
 * people, products and their owners, and replacement entries (wrong form →
 * right form, with the context that must hold). `scripts/build-kb.ts` writes
 * it to `data/kb.json` from the reference data and `data/curated/*.yaml`;
 * this module only reads it and indexes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { digestOf } from './checksum.js';
import { fileURLToPath } from 'node:url';

export type EntityType = 'company' | 'product' | 'person' | 'media' | 'organisation';
export type Mode = 'fix' | 'suggest' | 'off';

/** Words that must (or must not) appear around a match for an entry to apply. */
export interface Context {
  /** At least one of these words or phrases appears in the scope (case-insensitive, whole words). */
  any?: string[] | undefined;
  /** None of these appears in the scope. */
  none?: string[] | undefined;
  /** Where `any` and `none` look. @default 'article' */
  scope?: 'article' | 'paragraph' | undefined;
  /** A regular expression the text just before the match must match (it is anchored at the match). */
  before?: string | undefined;
  /** A regular expression the text just after the match must match (anchored at the match). */
  after?: string | undefined;
}

/** The verb a phrase-with-object entry's tail follows: see lead.ts. */
export interface Lead {
  /** The verbs the wrong phrase opens with, in their base form ("put", "place"); every form of each is met. */
  verbs: string[];
  /** The verb the right phrase opens with, in its base form, put in the text's form; omitted, the text's verb stays. */
  to?: string | undefined;
  /** At most this many words (the object) stand between the verb and the tail. @default 6 */
  words?: number | undefined;
}

export interface EntityRecord {
  id: string;
  /** Left out of kb.json for companies; the reader fills it in. */
  type: EntityType;
  /** The name an English-language financial desk uses. */
  name: string;
  /** The Chinese name, where the curated data gives one (a gloss beside the name is this name, not untranslated text). */
  zh?: string | undefined;
  /** Other right names, matched case-insensitively (never changed). They also anchor legal suffixes. */
  aliases?: string[] | undefined;
  /** Right names matched only as written (title-cased exchange names such as "China Mobile"). */
  exact?: string[] | undefined;
  /** Hong Kong exchange short names, matched as written ("XIAOMI-W"). */
  short?: string[] | undefined;
  /** Whether a short name in running text is replaced by `name`. */
  fixShort?: boolean | undefined;
  /** Listings as keys: `US:NVDA`, `HK:00700`, `CN:300024`. */
  tickers?: string[] | undefined;
  /** Where the primary listing trades: Nasdaq, NYSE, OTC, HKEX, SSE, SZSE, BSE. */
  exchange?: string | undefined;
  /** Share classes: letter → listing key (`A: US:GOOGL`). */
  classes?: Record<string, string> | undefined;
  /** What a machine-linked share-class name ("Alphabet Inc. Class C") stands for in running text. */
  linked?: string | undefined;
  sector?: string | undefined;
  /** The plain word an entity linker turns into this company (Siasun Robot & Automation ← "robot"). */
  noun?: string | undefined;
  /** A product's maker, as an entity id. */
  owner?: string | undefined;
  /** A company's controlling company (a subsidiary's parent), as an entity id. */
  parent?: string | undefined;
  /** A product's kinds: assistant, chatbot, model, app, platform, service, … */
  category?: string[] | undefined;
  /** Whether `name` was set by hand (and so replaces legal names); otherwise the name as written is kept. */
  curated?: boolean | undefined;
  note?: string | undefined;
}

export interface EntryRecord {
  /** Rule id the fix is reported under. */
  rule: string;
  expected: string;
  /** Literal patterns (Unicode word boundaries apply at letter edges). */
  patterns: string[];
  /** Regular-expression patterns, source and flags: matched one by one, so keep them few. */
  regex?: Array<{ source: string; flags: string }> | undefined;
  entity?: string | undefined;
  mode?: Mode | undefined;
  caseSensitive?: boolean | undefined;
  wordBoundary?: boolean | undefined;
  context?: Context | undefined;
  /** A verb phrase with its object inside: the patterns are its tail, and the fix covers the phrase from its verb (lead.ts). */
  lead?: Lead | undefined;
  note?: string | undefined;
  /** Where the entry comes from (`file#index` of a user dictionary). The bundled knowledge base keeps it in kb.sources.json (see kb-sources.ts). */
  source?: string | undefined;
  /** Higher wins when two entries claim the same pattern. Knowledge base 0, user dictionaries 10. */
  priority?: number | undefined;
  specs?: Array<{ from: string; to: string }> | undefined;
}

export interface KbData {
  version: 1;
  generated?: string | undefined;
  sources?: string[] | undefined;
  entities: EntityRecord[];
  /** Contexts several entries share, written once: such an entry's `context` in the file is an index here. */
  contexts?: Context[] | undefined;
  entries: EntryRecord[];
}

export class KnowledgeBase {
  readonly entities: EntityRecord[];
  readonly entries: EntryRecord[];
  /** Built when first asked for: loading the knowledge base stays a parse and one pass. */
  private byId: Map<string, number> | undefined;
  /** Ticker key → its one holder, or its holders when several share it (most have one: no array each). */
  private byTicker: Map<string, number | number[]> | undefined;

  constructor(data: KbData) {
    this.entities = data.entities;
    this.entries = data.entries;
    const shared = data.contexts;
    if (shared) for (const e of this.entries) if (typeof e.context === 'number') e.context = shared[e.context as number];
    for (const e of this.entities) {
      // kb.json is written compactly: a company's type and an exchange its first listing tells are left out.
      e.type ??= 'company';
      if (!e.exchange && e.tickers?.length) e.exchange = exchangeOf(e.tickers[0]!);
    }
  }

  entity(index: number): EntityRecord {
    return this.entities[index]!;
  }

  indexOf(id: string): number | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (let i = 0; i < this.entities.length; i++) this.byId.set(this.entities[i]!.id, i);
    }
    return this.byId.get(id);
  }

  /** Entities listed under a ticker key (`HK:00700`). */
  holders(ticker: string): number[] {
    let byTicker = this.byTicker;
    if (!byTicker) {
      byTicker = this.byTicker = new Map();
      for (let i = 0; i < this.entities.length; i++) {
        for (const t of this.entities[i]!.tickers ?? []) {
          const known = byTicker.get(t);
          if (known === undefined) byTicker.set(t, i);
          else if (typeof known === 'number') byTicker.set(t, [known, i]);
          else known.push(i);
        }
      }
    }
    const found = byTicker.get(ticker);
    return found === undefined ? [] : typeof found === 'number' ? [found] : found;
  }

  /** Products made by an entity. */
  productsOf(owner: number): EntityRecord[] {
    const id = this.entities[owner]?.id;
    let cache = this.products;
    if (!cache) {
      cache = new Map();
      for (const e of this.entities) {
        if (e.type !== 'product' || !e.owner) continue;
        const list = cache.get(e.owner);
        if (list) list.push(e);
        else cache.set(e.owner, [e]);
      }
      this.products = cache;
    }
    return id ? cache.get(id) ?? [] : [];
  }

  private products: Map<string, EntityRecord[]> | undefined;
}

/** The exchange a Hong Kong or mainland listing key trades on (US listings need the SEC's word). */
export function exchangeOf(key: string): string | undefined {
  const code = key.slice(3);
  if (key.startsWith('HK:')) return 'HKEX';
  if (key.startsWith('CN:')) return /^[69]/.test(code) ? 'SSE' : /^[48]/.test(code) ? 'BSE' : 'SZSE';
  return undefined;
}

let bundled: { kb: KnowledgeBase; path: string; digest: string } | undefined;

/** Where the generated data lives: `data/kb.json` at the package root (from src/ or dist/src/). */
export function bundledPath(): string {
  for (const up of ['../../data/kb.json', '../../../data/kb.json']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('copydesk: data/kb.json is missing; run `npm run build:kb`');
}

/** The bundled knowledge base with its file and the checksum of its bytes (what a precompiled matcher is checked against). */
export function bundledSource(): { kb: KnowledgeBase; path: string; digest: string } {
  if (!bundled) {
    const path = bundledPath();
    const bytes = readFileSync(path);
    const digest = digestOf(bytes);
    bundled = { kb: new KnowledgeBase(JSON.parse(bytes.toString('utf8')) as KbData), path, digest };
  }
  return bundled;
}

/** The knowledge base shipped with the package, read once. */
export function bundledKnowledgeBase(): KnowledgeBase {
  return bundledSource().kb;
}
