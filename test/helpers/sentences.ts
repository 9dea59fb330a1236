/**
 * Sentences through the whole cleaning pipeline, fast: one processor, built
 * once and reused, each sentence a one-paragraph Markdown article. The
 * expected sentence is printed by the same Markdown writer (escapes alike).
 */
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { createProcessor, toMarkdown } from '../../src/pipeline.js';

export async function sentenceCleaner(): Promise<{ clean: (sentence: string) => Promise<string>; print: (sentence: string) => string }> {
  const processor = await createProcessor('markdown');
  const reader = processor();
  return {
    clean: async (sentence) => {
      const file = new VFile({ value: sentence });
      const tree = (await processor.run(processor.parse(file), file)) as Root;
      return toMarkdown(tree).trim();
    },
    print: (sentence) => toMarkdown(reader.parse(sentence) as Root).trim(),
  };
}
