/**
 * A worker thread of the clean pool: cleans one article per task, off the
 * server's event loop, so health checks, metrics and time limits keep
 * working while a long article is being cleaned. An `InputError` comes
 * back as a value (errors lose their class crossing threads).
 */
import { cleanArticle, type ArticleInput, type ArticleResult } from '../hook.js';
import { InputError } from '../input.js';
import type { CleanOptions } from '../pipeline.js';

export interface CleanTask {
  input: ArticleInput;
  options: CleanOptions;
}

export type CleanOutcome = { result: ArticleResult } | { inputError: string };

export default async function run(task: CleanTask): Promise<CleanOutcome> {
  try {
    return { result: await cleanArticle(task.input, task.options) };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    throw error;
  }
}
