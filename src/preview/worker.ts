/**
 * A worker thread for the preview endpoint: renders one article with its
 * decisions off the server's event loop (the clean pool's worker, for
 * previews). An `InputError` comes back as a value: errors lose their class
 * crossing threads.
 */
import { InputError } from '../input.js';
import type { CleanOptions } from '../pipeline.js';
import { previewArticle, type PreviewInput, type PreviewResult } from './render.js';

export interface PreviewTask {
  input: PreviewInput;
  options: CleanOptions;
  original: boolean;
}

export type PreviewOutcome = { result: PreviewResult } | { inputError: string };

export default async function run(task: PreviewTask): Promise<PreviewOutcome> {
  try {
    return { result: await previewArticle(task.input, task.options, task.original) };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    throw error;
  }
}
