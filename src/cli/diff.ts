/** `--diff`: what a clean would change, as a unified diff (as `eslint --fix-dry-run` and textlint's `--dry-run` show it). */
import { createTwoFilesPatch } from 'diff';

/** A unified diff of `before` → `after` under the file's name; empty when nothing changes. */
export function unifiedDiff(name: string, before: string, after: string, color: boolean): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(name, name, before, after, undefined, undefined, { context: 3 });
  // the patch opens with a "====" rule line; keep only from the "---" header on
  const text = patch.slice(Math.max(0, patch.indexOf('--- ')));
  if (!color) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return `\u001B[1m${line}\u001B[22m`;
      if (line.startsWith('@@')) return `\u001B[36m${line}\u001B[39m`;
      if (line.startsWith('+')) return `\u001B[32m${line}\u001B[39m`;
      if (line.startsWith('-')) return `\u001B[31m${line}\u001B[39m`;
      return line;
    })
    .join('\n');
}
