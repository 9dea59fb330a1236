/**
 * Editor decisions applied by cleaning again: rejected removals stay in
 * place, one rejected name fix among identical ones goes back alone, flag
 * suggestions and edits are put in place, and with no decision the output is
 * exactly `clean()`'s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/pipeline.js';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { applyDecisions, messageId, setDecisions } from '../src/decisions.js';
import { report } from '../src/report.js';
import { messageToJson } from '../src/json.js';

const article = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'preview', 'chip-deal.md'), 'utf8');

async function ids(text = article, format: 'markdown' | 'html' | 'text' = 'markdown') {
  const result = await clean(text, { format });
  const byRule = (rule: string) => result.messages.filter((m) => m.ruleId === rule).map(messageId);
  // The standfirst on line 3 goes to meta.dek, fixed there too: the body's fixes are the others.
  return { result, byRule, inBody: (rule: string) => byRule(rule).filter((id) => !id.includes('@3:')) };
}

describe('decisions', () => {
  it('no decisions: the output is clean()’s', async () => {
    const plain = await clean(article);
    const decided = await clean(article, { decisions: {} });
    expect(decided.markdown).toBe(plain.markdown);
    expect(decided.html).toBe(plain.html);
    expect(decided.messages.map(messageId)).toEqual(plain.messages.map(messageId));
  });

  it('ids are the same for a vfile message and its JSON form, and stable across runs', async () => {
    const a = await clean(article);
    const b = await clean(article);
    expect(a.messages.map(messageId)).toEqual(b.messages.map((m) => messageId(messageToJson(m))));
    expect(new Set(a.messages.map(messageId)).size).toBe(a.messages.length);
    expect(messageId(a.messages[0]!)).toMatch(/^dek@3:1-3:\d+$/);
  });

  it('rejecting one of two identical name fixes brings back that one only', async () => {
    const { inBody } = await ids();
    const [first, second] = inBody('person-name');
    expect(first && second).toBeTruthy();

    const keepSecond = await clean(article, { decisions: { reject: [second!] } });
    expect(keepSecond.markdown).toContain('chief executive Jensen Huang said, as it adds');
    expect(keepSecond.markdown).toContain('after the announcement, Huang Renxun said supply');
    expect(keepSecond.markdown.match(/Huang Renxun/g)).toHaveLength(1);

    const keepFirst = await clean(article, { decisions: { reject: [first!] } });
    expect(keepFirst.markdown).toContain('chief executive Huang Renxun said, as it adds');
    expect(keepFirst.markdown).toContain('after the announcement, Jensen Huang said supply');
    expect(keepFirst.html).toContain('chief executive Huang Renxun said');
  });

  it('two fixes in one text node: the one rejected goes back, the other stays', async () => {
    const text = 'Huang Renxun met Huang Renxun’s board, and Huang Renxun spoke for an hour about the new chips.\n';
    const { byRule } = await ids(text);
    const fixes = byRule('person-name');
    expect(fixes).toHaveLength(3);
    const out = await clean(text, { decisions: { reject: [fixes[1]!] } });
    expect(out.markdown).toBe('Jensen Huang met Huang Renxun’s board, and Jensen Huang spoke for an hour about the new chips.\n');
  });

  it('a rejected removal stays in place; what is in it is cleaned like the rest', async () => {
    const { result, byRule } = await ids();
    const [lead] = byRule('dek');
    const out = await clean(article, { decisions: { reject: [lead!] } });
    const paragraphs = out.markdown.split('\n\n');
    expect(paragraphs[1]).toBe('Meta agreed to buy Nvidia processors for its data centres, chief executive Jensen Huang said.');
    expect(paragraphs[2]).toMatch(/^According to a statement on Tuesday/);
    // The restored paragraph's name fix is the one made in the dek before: the same message, at the same place.
    const fixed = (r: typeof result) => r.messages.filter((m) => m.ruleId === 'person-name').map(messageId);
    expect(fixed(out)).toEqual(fixed(result));
    expect(fixed(out)[0]).toMatch(/^person-name@3:/);
    expect(out.meta.dek).toBeUndefined();
  });

  it('a rejected related block comes back at the end, and only the part rejected', async () => {
    const [marker, list] = (await ids()).byRule('related-block');
    const both = await clean(article, { decisions: { reject: [marker!, list!] } });
    expect(both.markdown.trimEnd()).toMatch(/gained 0\.6%\.\n\nRelated News\n\n- Chip stocks extend their rally in Asia\n- Data-centre builders line up fresh financing$/);
    const listOnly = await clean(article, { decisions: { reject: [list!] } });
    expect(listOnly.markdown).not.toContain('Related News');
    expect(listOnly.markdown).toContain('- Chip stocks extend their rally in Asia');
  });

  it('a flag’s suggestion, or an editor’s own text, replaces the flagged span', async () => {
    const { result, byRule } = await ids();
    const [flag] = byRule('suspicious-product-name');
    const message = result.messages.find((m) => messageId(m) === flag)!;
    expect(message.expected).toEqual(['its AI chatbot', 'Meta AI']);
    const accepted = await clean(article, { decisions: { replace: { [flag!]: message.expected![0]! } } });
    expect(accepted.markdown).toContain('as it adds capacity for its AI chatbot.');
    const edited = await clean(article, { decisions: { replace: { [flag!]: 'its Meta AI assistant' } } });
    expect(edited.markdown).toContain('as it adds capacity for its Meta AI assistant.');
    expect(edited.markdown).toContain('chief executive Jensen Huang said, as it adds');
  });

  it('an edited fix takes the editor’s text', async () => {
    const [first] = (await ids()).inBody('person-name');
    const out = await clean(article, { decisions: { replace: { [first!]: 'Jensen Huang (黄仁勋)' } } });
    expect(out.markdown).toContain('chief executive Jensen Huang (黄仁勋) said');
  });

  it("reject '*': the article as it was read", async () => {
    const out = await clean(article, { decisions: { reject: ['*'] } });
    for (const piece of ['Meta agreed to buy Nvidia', 'Huang Renxun said, as', 'after the announcement, Huang Renxun', 'Related News', 'fresh financing']) {
      expect(out.markdown).toContain(piece);
    }
    expect(out.markdown).not.toContain('Jensen Huang');
  });

  it('HTML: a rejected page-chrome block and a rejected fix come back', async () => {
    const html = `<html><body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Chip supply stays tight</h1>
<p>Speaking in Taipei on Monday, Huang Renxun said supply of the newest parts would stay tight &amp; costly into next year.</p>
<p>Huang Renxun added that new plants would open in the second half of the year, easing the shortage.</p></article></body></html>`;
    const { result, byRule } = await ids(html, 'html');
    const [chrome] = byRule('page-chrome');
    const fixes = byRule('person-name');
    expect(chrome).toBeDefined();
    expect(fixes).toHaveLength(2);
    expect(result.markdown).not.toContain('Markets');
    // Kept by the reader, the navigation links are then page furniture to strip-boilerplate: a new change, rejectable too.
    const kept = await clean(html, { format: 'html', decisions: { reject: [chrome!, fixes[1]!] } });
    expect(kept.markdown).not.toContain('Markets');
    const furniture = kept.messages.filter((m) => m.ruleId === 'page-furniture').map(messageId);
    expect(furniture).toHaveLength(1);
    const out = await clean(html, { format: 'html', decisions: { reject: [chrome!, fixes[1]!, furniture[0]!] } });
    expect(out.markdown).toMatch(/^\[Home\]\(\/\) \[Markets\]\(\/markets\)\n/);
    expect(out.markdown).toContain('Jensen Huang said supply of the newest parts would stay tight & costly');
    expect(out.markdown).toContain('Huang Renxun added');
  });

  it('plain text input', async () => {
    const text = 'Chip supply stays tight\nHuang Renxun said supply would stay tight.\nHuang Renxun added that plants would open next year.\n';
    const fixes = (await ids(text, 'text')).byRule('person-name');
    const out = await clean(text, { format: 'text', decisions: { reject: [fixes[0]!] } });
    expect(out.markdown).toContain('Huang Renxun said');
    expect(out.markdown).toContain('Jensen Huang added');
  });

  it('ids that match no message change nothing', async () => {
    const { result } = await ids();
    const flag = result.messages.find((m) => m.ruleId === 'suspicious-product-name')!;
    // The flag's rule at another place (an article edited since the decisions were stored): no message has that id.
    const id = messageId({ ruleId: 'suspicious-product-name', line: flag.line, column: 1, endLine: flag.line, endColumn: 5 });
    const out = await clean(article, { decisions: { replace: { [id]: 'x' } } });
    expect(out.markdown).toBe(result.markdown);
    const unknown = await clean(article, { decisions: { reject: ['person-name@99:1-99:5'], replace: { 'nothing@1:1-1:2': 'x' } } });
    expect(unknown.markdown).toBe(result.markdown);
  });

  it('a decision that cannot be placed is reported, not guessed', async () => {
    const value = 'Say foo *bar* now.\n';
    const flagAcrossEmphasis = () => (_tree: Root, file: VFile) => {
      const place = { start: { line: 1, column: 5, offset: 4 }, end: { line: 1, column: 14, offset: 13 } };
      report(file, { ruleId: 'some-flag', severity: 'warning', reason: 'A flag', place, actual: 'foo *bar*', expected: ['baz'] });
    };
    const file = new VFile({ value });
    setDecisions(file, { replace: { 'some-flag@1:5-1:14': 'baz' } });
    const processor = unified().use(remarkParse).use(flagAcrossEmphasis).use(applyDecisions).use(remarkStringify);
    const out = String(await processor.process(file));
    expect(out).toBe(value);
    const problem = file.messages.find((m) => m.ruleId === 'decision-not-applied');
    expect(problem?.fatal).toBe(false);
    expect(problem?.reason).toContain('some-flag');
  });
});
