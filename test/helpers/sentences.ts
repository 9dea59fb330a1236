/**
 * Sentences through the whole cleaning pipeline, fast: one processor, built
 * once and reused, each sentence a one-paragraph Markdown article. The
 * expected sentence is printed by the same Markdown writer (escapes alike).
 */
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { createProcessor, toMarkdown } from '../../src/pipeline.js';

export interface SentenceCleaner {
  clean: (sentence: string) => Promise<string>;
  /** The cleaned sentence and the messages about it. */
  cleanWithMessages: (sentence: string) => Promise<{ text: string; messages: VFile['messages'] }>;
  print: (sentence: string) => string;
}

export async function sentenceCleaner(): Promise<SentenceCleaner> {
  const processor = await createProcessor('markdown');
  const reader = processor();
  const cleanWithMessages = async (sentence: string) => {
    const file = new VFile({ value: sentence });
    const tree = (await processor.run(processor.parse(file), file)) as Root;
    return { text: toMarkdown(tree).trim(), messages: file.messages };
  };
  return {
    clean: async (sentence) => (await cleanWithMessages(sentence)).text,
    cleanWithMessages,
    print: (sentence) => toMarkdown(reader.parse(sentence) as Root).trim(),
  };
}
