/**
 * A desk's marks (dateline, byline, reporting credit) have one definition, in
 * the article model (src/article/structure.ts); the legal-name rule reads the
 * same answer. Checked on the shapes themselves, on every article fixture
 * (the model's answer on the tree and the entity rules' answer on their
 * blocks agree), and on what a legal name does with and without the marks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { deskMarksIn, deskMarksOf, isCredit, opensWithDateline } from '../src/article/structure.js';
import { collectBlocks } from '../src/entities/text.js';
import { clean } from '../src/index.js';
import { createProcessor } from '../src/pipeline.js';

describe('desk marks', () => {
  it('reads a dateline opening the lede, on its own line, a byline and a credit', () => {
    expect(opensWithDateline('TAIPEI, March 3 (Wire Eight) - Orchard Semi said on Monday it would raise prices.')).toBe(true);
    expect(opensWithDateline('LONDON/SINGAPORE - Copper fell for a third day.')).toBe(true);
    expect(deskMarksIn(['BERLIN, Jun 9 (Kurier) -'])).toEqual({ dateline: true, byline: false });
    expect(deskMarksIn(['By Mara Olsen and T. Quist'])).toEqual({ dateline: false, byline: true });
    expect(isCredit('(Reporting by Mara Olsen in Oslo; Editing by Ines Varga)')).toBe(true);
    expect(deskMarksIn(['Shares fell.', 'Reporting by Mara Olsen; writing by Ines Varga'])).toEqual({ dateline: false, byline: true });
  });

  it('does not take a wire page’s stamp, its author field or a capitalised sentence for a desk’s mark', () => {
    expect(deskMarksIn(['Zhitong Finance · 2025-10-29 07:32', 'author: Zhitong Finance'])).toEqual({ dateline: false, byline: false });
    expect(opensWithDateline('BYD said on Monday that sales rose.')).toBe(false);
    expect(deskMarksIn(['By the end of the year, sales had doubled and the plant was full.'])).toEqual({ dateline: false, byline: false });
  });

  it('the model and the entity rules agree on every article fixture', async () => {
    const root = join(import.meta.dirname, '..', 'fixtures');
    const processors = new Map<string, Awaited<ReturnType<typeof createProcessor>>>();
    let checked = 0;
    for (const set of ['names-articles', 'edited', 'wire']) {
      const dir = join(root, set);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        const input = ['input.txt', 'input.md', 'input.html'].map((f) => join(dir, name, f)).find(existsSync);
        if (!input) continue;
        const format = input.endsWith('.txt') ? 'text' : input.endsWith('.md') ? 'markdown' : 'html';
        let processor = processors.get(format);
        if (!processor) processors.set(format, (processor = await createProcessor(format)));
        const file = new VFile({ value: readFileSync(input, 'utf8') });
        const tree = (await processor.run(processor.parse(file), file)) as Root;
        const model = deskMarksOf(tree, file);
        const rules = deskMarksIn(collectBlocks(tree).map((b) => b.text));
        expect(rules, `${set}/${name}`).toEqual(model);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a legal name stays at a desk’s first reference and is shortened in linked copy', async () => {
    const body = 'Orchard Semiconductor Corp will build a plant in Kedah. The chip packager said the plant would cost $300 million.';
    const desk = await clean(`Chip packager picks Malaysia\nKUALA LUMPUR, May 2 (Wire Eight) - ${body}`, { format: 'text' });
    expect(desk.markdown).toContain('Orchard Semiconductor Corp will build');
    const credited = await clean(`Chip packager picks Malaysia\n${body}\n(Reporting by Mara Olsen; Editing by Ines Varga)`, { format: 'text' });
    expect(credited.markdown).toContain('Orchard Semiconductor Corp will build');
    const linked = await clean(`Chip packager picks Malaysia\nZhitong Finance · 2025-05-02 09:10\n${body}`, { format: 'text' });
    expect(linked.markdown).toContain('Orchard Semiconductor will build');
  });
});
