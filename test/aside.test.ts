/**
 * The standfirst moved out of the body into `meta.dek` is published beside
 * it, so the entity rules fix and flag it as they do the body, messages point
 * into the input as written, and an editor's decisions on those fixes hold
 * there too.
 */
import { describe, expect, it } from 'vitest';
import { messageId } from '../src/decisions.js';
import { clean } from '../src/index.js';

// A wire page: a summary glued above a lede that says the same, with one name left in pinyin in both.
const WIRE = [
  '# Carmaker opens a second plant in Hungary',
  '',
  'The carmaker will open a second plant in Hungary next year, chairman Wang Chuanfu and Huang Renxun said at a joint event.',
  '',
  'The carmaker will open a second plant in Hungary next year, chairman Wang Chuanfu and Huang Renxun said at a joint event in Budapest on Monday, adding that the site would build 200,000 cars a year.',
  '',
  'The plant will supply buyers across central Europe.',
].join('\n');

describe('the dek kept beside the body', () => {
  it('is fixed like the body, with a message at its place in the input', async () => {
    const result = await clean(WIRE, { format: 'markdown' });
    expect(result.messages.find((m) => m.ruleId === 'dek')).toBeDefined();
    expect(result.meta.dek).toBe('The carmaker will open a second plant in Hungary next year, chairman Wang Chuanfu and Jensen Huang said at a joint event.');
    const fixes = result.messages.filter((m) => m.ruleId === 'person-name');
    expect(fixes.map((m) => m.line)).toEqual([3, 5]);
    expect(fixes.every((m) => m.actual === 'Huang Renxun')).toBe(true);
    // The body has the lede, fixed, and not the dek.
    expect(result.markdown).not.toContain('joint event.\n');
    expect(result.markdown).toContain('Jensen Huang said at a joint event in Budapest');
  });

  it("an editor's rejection of the fix in the dek keeps the name there as written, and only there", async () => {
    const first = await clean(WIRE, { format: 'markdown' });
    const inDek = first.messages.find((m) => m.ruleId === 'person-name' && m.line === 3)!;
    const again = await clean(WIRE, { format: 'markdown', decisions: { reject: [messageId(inDek)] } });
    expect(again.meta.dek).toContain('Wang Chuanfu and Huang Renxun said');
    expect(again.markdown).toContain('Wang Chuanfu and Jensen Huang said at a joint event in Budapest');
  });

  it('stays as written when the entity rules are off, and is not put back into the body', async () => {
    const result = await clean(WIRE, { format: 'markdown', fixEntities: false });
    expect(result.meta.dek).toContain('Huang Renxun said at a joint event.');
    expect(result.markdown.match(/second plant in Hungary next year/g)).toHaveLength(1);
  });

  it('a dek an editor keeps in the body (the move rejected) is body again, fixed there', async () => {
    const first = await clean(WIRE, { format: 'markdown' });
    const dek = first.messages.find((m) => m.ruleId === 'dek')!;
    const again = await clean(WIRE, { format: 'markdown', decisions: { reject: [messageId(dek)] } });
    expect(again.meta.dek).toBeUndefined();
    expect(again.markdown.match(/Jensen Huang said at a joint event/g)).toHaveLength(2);
  });
});
