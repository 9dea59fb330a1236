/**
 * The matcher the entity plugins share: the knowledge base and the user
 * dictionaries compiled once, then reused for every article.
 */
import { dictionariesKey, loadDictionaries, type Dictionary } from './dictionary.js';
import { loadMatcher } from './compiled.js';
import { bundledKnowledgeBase, bundledSource, type KnowledgeBase } from './kb.js';
import { Matcher } from './matcher.js';

export interface EntitySources {
  /** The knowledge base; the bundled one by default. */
  kb?: KnowledgeBase | undefined;
  /** User dictionaries: file paths (YAML or JSON) or dictionary data, later ones winning. */
  dictionaries?: ReadonlyArray<string | Dictionary> | undefined;
}

const memo = new WeakMap<KnowledgeBase, Map<string, Matcher>>();

export function matcherFor(sources: EntitySources = {}): Matcher {
  const kb = sources.kb ?? bundledKnowledgeBase();
  const list = sources.dictionaries ?? [];
  // Per article only the key is computed; the entries are gathered when a matcher has to be built.
  const key = dictionariesKey(list);
  let byKey = memo.get(kb);
  if (!byKey) memo.set(kb, (byKey = new Map()));
  let matcher = byKey.get(key);
  if (!matcher) {
    const entries = loadDictionaries(list).entries;
    // The shipped knowledge base alone comes precompiled; user dictionaries are compiled with it here.
    const shipped = sources.kb === undefined || sources.kb === bundledKnowledgeBase() ? bundledSource() : undefined;
    matcher = shipped && entries.length === 0 ? loadMatcher(kb, shipped.path, shipped.digest) : new Matcher(kb, entries);
    if (byKey.size >= 8) byKey.delete(byKey.keys().next().value!); // dictionaries edited while a server runs
    byKey.set(key, matcher);
  }
  return matcher;
}
