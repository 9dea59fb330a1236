/**
 * Learning from editors' decisions: the newsroom dictionary the desk writes.
 *
 * From a held item, an editor can add a decision to the newsroom's
 * dictionary (a YAML user dictionary, `server.queue.dictionary`, loaded for
 * every article the service cleans; see docs/entities.md for the format):
 *
 * - a rejected fix becomes an exception in that context: an entry in `mode:
 *   off` for the passage as written (the text with the word before and after
 *   it), matched before the shorter name inside it, so the text is kept there
 *   and still fixed elsewhere;
 * - an accepted or edited flag becomes an entry: the flagged passage is
 *   replaced by the editor's text from then on, so it is no longer flagged.
 *
 * Each entry carries a `spec` made from the article's sentence (the passage
 * before and after), checked when the dictionary loads, and a note naming
 * the editor and the item. Entries are validated (and their specs checked)
 * before the file is replaced, atomically; a file edited meanwhile by hand
 * keeps its entries (the file is read again for each addition).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileDictionary, type Dictionary, type DictionaryEntry } from '../entities/dictionary.js';
import { messageId } from '../decisions.js';
import type { JsonMessage } from '../json.js';
import type { QueueItem } from './types.js';

const yaml = createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml');

export class LearnError extends Error {
  override name = 'LearnError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The sentence of `text` holding `needle` at or after `from` (a whole line when it has no sentence ends). */
export function sentenceAround(text: string, needle: string, from = 0): string | undefined {
  const at = text.indexOf(needle, Math.max(0, Math.min(from, text.length)));
  const index = at >= 0 ? at : text.indexOf(needle);
  if (index < 0) return undefined;
  const before = text.slice(0, index);
  const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '), before.lastIndexOf('\n'));
  const rest = text.slice(index + needle.length);
  const end = /[.!?](?=\s|$)|\n/.exec(rest);
  return text.slice(start < 0 ? 0 : start + (text[start] === '\n' ? 1 : 2), index + needle.length + (end ? end.index + 1 : rest.length)).trim();
}

/**
 * The passage that makes the context of an exception: the text with the word
 * before and the word after it in its sentence (edge punctuation dropped), so
 * the exception holds where it was written that way and the fix is still made
 * elsewhere.
 */
export function surrounding(sentence: string, text: string): string {
  const at = sentence.indexOf(text);
  if (at < 0) return text;
  const before = /(\p{L}[\p{L}\p{N}'’-]*)([^\p{L}\p{N}]*)$/u.exec(sentence.slice(0, at));
  const after = /^([^\p{L}\p{N}]*)(\p{L}[\p{L}\p{N}'’-]*)/u.exec(sentence.slice(at + text.length));
  return `${before ? before[1]! + before[2]! : ''}${text}${after ? after[1]! + after[2]! : ''}`;
}

/** The line of the held content a message points at (message lines are the content's). */
function passageOf(item: QueueItem, m: JsonMessage): string {
  const lines = item.input.content.split('\n');
  const line = lines[(m.line ?? 1) - 1] ?? item.input.content;
  const sentence = sentenceAround(line, m.actual ?? '', (m.column ?? 1) - 1) ?? sentenceAround(item.input.content, m.actual ?? '');
  if (!sentence) throw new LearnError('NO_PASSAGE', 'The passage of this message is not in the article as held');
  // Markup around the sentence (Markdown emphasis, HTML tags) is not text the dictionary sees.
  return sentence.replace(/<[^>]+>/g, '').replace(/^[#>*\s-]+/, '');
}

/** The entry an editor's decision on one message of an item makes. */
export function entryFromDecision(item: QueueItem, id: string, editor: string): DictionaryEntry {
  const m = item.result.messages.find((message) => messageId(message) === id);
  if (!m) throw new LearnError('NO_SUCH_MESSAGE', `No message ${id} on this item`);
  if (!m.actual) throw new LearnError('NO_PASSAGE', 'This message has no text to learn from');
  const note = `Added from the review desk by ${editor} (item ${item.id}).`;
  const sentence = passageOf(item, m);
  const rejected = (item.decisions.reject ?? []).includes(id);
  const replaced = item.decisions.replace?.[id];
  if (m.severity === 'info') {
    if (!rejected) throw new LearnError('NOT_DECIDED', 'Only a rejected change can become an exception; reject it first');
    const passage = surrounding(sentence, m.actual);
    return {
      expected: passage,
      patterns: [passage],
      caseSensitive: true,
      // Off, for the passage: it is matched before the shorter name inside it, and left as written.
      mode: 'off',
      note: `${note} “${m.actual}” kept as written in “${passage}” (a ${m.ruleId ?? 'change'} rejected).`,
      specs: [{ from: sentence, to: sentence }],
    };
  }
  if (replaced === undefined) throw new LearnError('NOT_DECIDED', 'Only a flag whose suggestion was taken, or whose text was edited, becomes an entry');
  return {
    expected: replaced,
    patterns: [m.actual],
    caseSensitive: true,
    note: `${note} In place of a ${m.ruleId ?? 'flagged'} passage.`,
    specs: [{ from: sentence, to: sentence.replace(m.actual, replaced) }],
  };
}

/** A flag an editor dismissed for one passage: the same flag on the same sentence is dismissed again. */
export interface Dismissal {
  ruleId: string;
  actual: string;
  /** The sentence the flag was dismissed in, spaces normalised. */
  passage: string;
  by: string;
  item: string;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The dismissal an editor's decision on a flag makes (the flag must have been dismissed). */
export function dismissalFromDecision(item: QueueItem, id: string, editor: string): Dismissal | undefined {
  const m = item.result.messages.find((message) => messageId(message) === id);
  if (!m || m.severity === 'info' || !m.actual || !(item.decisions.dismiss ?? []).includes(id)) return undefined;
  return { ruleId: m.ruleId ?? '', actual: m.actual, passage: flat(passageOf(item, m)), by: editor, item: item.id };
}

/**
 * Remembered dismissals, beside the dictionary (`<dictionary>.dismissed.json`):
 * flags are not dictionary entries, so the dictionary format cannot hold them.
 */
export class DismissalMemory {
  constructor(readonly path: string) {}

  read(): Dismissal[] {
    if (!existsSync(this.path)) return [];
    return (JSON.parse(readFileSync(this.path, 'utf8')) as { dismissals?: Dismissal[] }).dismissals ?? [];
  }

  add(dismissal: Dismissal): number {
    const kept = this.read().filter((d) => !(d.ruleId === dismissal.ruleId && d.actual === dismissal.actual && d.passage === dismissal.passage));
    const all = [...kept, dismissal];
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ dismissals: all }, null, 2)}\n`);
    renameSync(temporary, this.path);
    return all.length;
  }

  /** Ids of the flags of a newly held item that an editor dismissed before, in the same passage. */
  matching(item: QueueItem): string[] {
    const memory = this.read();
    if (!memory.length) return [];
    const ids: string[] = [];
    for (const m of item.result.messages) {
      if (m.severity === 'info' || !m.actual) continue;
      const hit = memory.some((d) => {
        if (d.ruleId !== (m.ruleId ?? '') || d.actual !== m.actual) return false;
        try {
          return flat(passageOf(item, m)) === d.passage;
        } catch {
          return false;
        }
      });
      if (hit) ids.push(messageId(m));
    }
    return ids;
  }
}

/** The newsroom dictionary file the desk adds to. */
export class DeskDictionary {
  constructor(readonly path: string) {
    if (!existsSync(path)) this.#write({ version: 1, rules: [] });
  }

  read(): Dictionary {
    const data = yaml.load(readFileSync(this.path, 'utf8'), { schema: yaml.JSON_SCHEMA }) as Dictionary | null;
    return data && Array.isArray(data.rules) ? data : { version: 1, rules: [] };
  }

  /** Adds (or, for the same pattern, replaces) an entry; refuses one whose spec fails. */
  add(entry: DictionaryEntry): Dictionary {
    const current = this.read();
    const same = (e: DictionaryEntry) => JSON.stringify(e.patterns ?? e.pattern) === JSON.stringify(entry.patterns) && JSON.stringify(e.context) === JSON.stringify(entry.context);
    const next: Dictionary = { ...current, rules: [...current.rules.filter((e) => !same(e)), entry] };
    try {
      compileDictionary(next, this.path);
    } catch (error) {
      throw new LearnError('BAD_ENTRY', `The entry would not hold: ${(error as Error).message}`);
    }
    this.#write(next);
    return next;
  }

  #write(data: Dictionary): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `# The newsroom dictionary the review desk writes (docs/review-queue.md); entries may be edited by hand.\n${yaml.dump(data, { lineWidth: 120, noRefs: true })}`);
    renameSync(temporary, this.path);
  }
}
