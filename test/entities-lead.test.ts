/**
 * Verb phrases with their object inside (src/entities/lead.ts): the tail is
 * matched, the verb is looked for a few words before, and the fix covers
 * the phrase, the verb in the text's tense. Checked alone, and through
 * clean() with a knowledge base of such entries only (the shipped data's
 * entries are checked by their specs in curated-specs.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { pastParticiple, pastTense } from '../src/entities/inflect.js';
import { KnowledgeBase, type EntryRecord, type Lead } from '../src/entities/kb.js';
import { leadBefore, ledPhrase } from '../src/entities/lead.js';
import { clean } from '../src/pipeline.js';

const probe = { verbs: ['put', 'place'], to: 'place' } satisfies Lead;
const tail = 'on file for investigation';

/** The phrase's new opening for a sentence whose tail is `tail`. */
const opening = (sentence: string, lead: Lead = probe) => {
  const at = sentence.indexOf(tail);
  const led = ledPhrase(sentence, at, lead);
  return led && `${sentence.slice(0, led.start)}[${led.opening}]`;
};

describe('lead: the verb before the object', () => {
  it('turns the verb into the entry’s in the text’s form', () => {
    expect(opening('The CSRC put the firm on file for investigation.')).toBe('The CSRC [placed the firm ]');
    expect(opening('The CSRC puts the firm on file for investigation.')).toBe('The CSRC [places the firm ]');
    expect(opening('The CSRC is putting the firm on file for investigation.')).toBe('The CSRC is [placing the firm ]');
    expect(opening('The CSRC has placed the firm on file for investigation.')).toBe('The CSRC has [placed the firm ]');
  });

  it('tells a base form from a past spelt alike by the word before it', () => {
    expect(opening('The CSRC will put the firm on file for investigation.')).toBe('The CSRC will [place the firm ]');
    expect(opening('The CSRC did not put the firm on file for investigation.')).toBe('The CSRC did not [place the firm ]');
    expect(opening('The firm was put on file for investigation.')).toBe('The firm was [placed ]');
    expect(opening('Put the firm on file for investigation, the memo said.')).toBe('[Place the firm ]');
  });

  it('takes the verb nearest the tail', () => {
    expect(opening('They put pressure on regulators to place the firm on file for investigation.')).toBe('They put pressure on regulators to [place the firm ]');
  });

  it('keeps the text’s verb where the entry names none', () => {
    expect(opening('MSCI put the firm on file for investigation.', { verbs: ['put'] })).toBe('MSCI [put the firm ]');
  });

  it('asks for the verb within the entry’s number of words, in one clause', () => {
    expect(opening('They put a long list of seven small listed firms on file for investigation.')).toBeUndefined();
    expect(opening('They put a long list of seven small listed firms on file for investigation.', { ...probe, words: 8 })).toBe('They [placed a long list of seven small listed firms ]');
    expect(opening('They put it aside; the complaint is on file for investigation.')).toBeUndefined();
    expect(opening('They put it aside, and the complaint is on file for investigation.')).toBeUndefined();
    // A word that ends in the verb's letters is another word.
    expect(opening('The output of the firm on file for investigation.')).toBeUndefined();
  });

  it('reads a verb phrase of several words by its first word, and turns it into another phrase', () => {
    const lead = { verbs: ['file a case against'], to: 'open an investigation into' } satisfies Lead;
    const at = (s: string) => ledPhrase(s, s.indexOf(' for investigation') + 1, lead);
    expect(at('The CSRC filed a case against two brokers for investigation.')?.opening).toBe('opened an investigation into two brokers ');
    expect(at('The CSRC will file a case against the firm for investigation.')?.opening).toBe('open an investigation into the firm ');
    expect(at('The CSRC is filing  a case against the firm for investigation.')?.opening).toBe('opening an investigation into the firm ');
    expect(at('The CSRC filed a complaint against the firm for investigation.')).toBeUndefined();
  });

  it('reads figures in the object, and no object after a negation', () => {
    const pay = { verbs: ['send'], to: 'pay', words: 4 } satisfies Lead;
    const s = 'The bank will send RMB 2.46 for every 10 shares.';
    expect(ledPhrase(s, s.indexOf('for every'), pay)?.opening).toBe('pay RMB 2.46 ');
    const short = { verbs: ['do'], to: 'short', words: 3 } satisfies Lead;
    const t = 'The fund did not empty its positions.';
    expect(ledPhrase(t, t.indexOf('empty'), short)).toBeUndefined();
    const u = 'The fund did the yuan empty.';
    expect(ledPhrase(u, u.indexOf('empty'), short)?.opening).toBe('shorted the yuan ');
  });

  it('is the context’s before: a regular expression anchored at the tail', () => {
    const before = new RegExp(`(?:${leadBefore(probe)})$`, 'iu');
    expect(before.test('The CSRC placed two brokers ')).toBe(true);
    expect(before.test('The CSRC fined two brokers ')).toBe(false);
  });

  it('inflects verbs stressed on their last syllable and irregular participles', () => {
    expect(pastTense('refer')).toBe('referred');
    expect(pastTense('transfer')).toBe('transferred');
    expect(pastTense('offer')).toBe('offered');
    expect(pastParticiple('take')).toBe('taken');
    expect(pastParticiple('add')).toBe('added');
  });
});

describe('lead: through clean()', () => {
  const entry = (expected: string, patterns: string[], lead: Lead): EntryRecord => ({ rule: 'jargon', expected, patterns, lead, context: { before: leadBefore(lead) } });
  const kb = new KnowledgeBase({
    version: 1,
    entities: [],
    entries: [
      entry('under investigation', [tail], probe),
      entry('to the Entity List', ['into the entity list'], { verbs: ['list', 'include'], to: 'add', words: 8 }),
      entry('', ['for the first time'], { verbs: ['cover'], to: 'initiate coverage of', words: 4 }),
      entry('with smart driving', ['with smart driving'], { verbs: ['empower'], to: 'equip', words: 5 }),
      // A shorter entry inside the phrase: the phrase's fix stands for it.
      { rule: 'jargon', expected: 'listed', patterns: ['listed 23'] },
    ],
  });
  const run = async (sentence: string) => {
    const r = await clean(`Regulators act on two firms\n\n${sentence}`, { format: 'text', fixEntities: { kb }, flagEntities: false });
    return { text: r.markdown.split('\n\n').slice(1).join(' ').trim(), messages: r.messages.filter((m) => m.ruleId === 'jargon') };
  };

  it('replaces the whole phrase and reports it whole', async () => {
    const { text, messages } = await run('The US listed 23 Chinese chip firms into the entity list on Tuesday.');
    expect(text).toBe('The US added 23 Chinese chip firms to the Entity List on Tuesday.');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.actual).toBe('listed 23 Chinese chip firms into the entity list');
    expect(messages[0]!.expected).toEqual(['added 23 Chinese chip firms to the Entity List']);
  });

  it('drops a tail the new verb phrase says all of', async () => {
    const { text, messages } = await run('The brokerage covered the stock for the first time with an outperform rating.');
    expect(text).toBe('The brokerage initiated coverage of the stock with an outperform rating.');
    expect(messages.map((m) => m.actual)).toEqual(['covered the stock for the first time']);
  });

  it('changes the verb alone where the tail is right as it is, and reports nothing where neither changes', async () => {
    expect((await run('The carmaker empowered its cheaper models with smart driving.')).text).toBe('The carmaker equipped its cheaper models with smart driving.');
    const kept = await run('Drivers praised the cars with smart driving.');
    expect(kept.text).toBe('Drivers praised the cars with smart driving.');
    expect(kept.messages).toHaveLength(0);
  });

  it('leaves the tail alone where no verb of the entry comes before it', async () => {
    const sentence = 'The complaint is still on file for investigation at the ombudsman’s office.';
    const { text, messages } = await run(sentence);
    expect(text).toBe(sentence);
    expect(messages).toHaveLength(0);
  });

  it('keeps the object’s own markup: a link inside the phrase leaves the verb as it is', async () => {
    const r = await clean('Regulators act on two firms\n\nThe CSRC put [the broker](https://example.com/b) on file for investigation.\n', { format: 'markdown', fixEntities: { kb }, flagEntities: false });
    expect(r.markdown).toContain('[the broker](https://example.com/b) under investigation');
  });
});
