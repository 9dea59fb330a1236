/**
 * The human report on stderr, shared by `clean` and `batch`, laid out as
 * textlint and Vale users expect: per file its name, then per message the
 * place, severity, reason and rule id, the excerpt it is about and the
 * suggestion ("did you mean …"), every line kept within the terminal's width.
 *
 * Which messages show is one rule for every command: `all` (changes made,
 * with `--verbose` in a batch), `flags` (warnings and errors: `--quiet`, a
 * batch's default), `errors` (`--silent`).
 */
import type { ArticleReport, Reporter } from '../batch/report.js';
import type { JsonMessage } from '../json.js';
import type { Severity } from '../report.js';

export type ReportLevel = 'all' | 'flags' | 'errors';

export interface ReporterOptions {
  color: boolean;
  /** Columns available; lines are cut to fit. */
  width: number;
  level: ReportLevel;
}

/** Whether a message of this severity is shown at this level. */
export function shown(severity: Severity, level: ReportLevel): boolean {
  if (level === 'all') return true;
  if (level === 'flags') return severity !== 'info';
  return severity === 'error';
}

/**
 * Colour, decided the way most command-line tools do: `--color`/`--no-color`
 * first, then `NO_COLOR` (any value but empty: off), then `FORCE_COLOR`
 * (`0` or `false`: off, anything else: on), else on only for a terminal.
 */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  return Boolean(stream.isTTY);
}

/** Terminal columns: the stream's, else `COLUMNS`, else 80; never fewer than 40. */
export function terminalWidth(stream: { columns?: number } = process.stderr, env: NodeJS.ProcessEnv = process.env): number {
  const columns = stream.columns || Number(env.COLUMNS) || 80;
  return Math.max(40, columns);
}

const STYLE = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  blue: [34, 39],
  underline: [4, 24],
} as const;

type Style = keyof typeof STYLE;

export interface ReportedFile {
  name: string;
  messages: JsonMessage[];
  /** Why the file could not be read or cleaned. */
  error?: string | undefined;
}

export class TerminalReporter {
  constructor(private readonly options: ReporterOptions) {}

  private paint(style: Style, text: string): string {
    if (!this.options.color) return text;
    const [on, off] = STYLE[style];
    return `\u001B[${on}m${text}\u001B[${off}m`;
  }

  /** One file's block (empty when nothing in it is shown at this level). */
  file(report: ReportedFile): string {
    const messages = report.messages.filter((m) => shown(m.severity, this.options.level));
    // a file that could not be read or cleaned: an error without a place, said in full like any message
    if (report.error !== undefined) messages.unshift({ ruleId: 'bad-input', source: 'copydesk', severity: 'error', reason: report.error } as JsonMessage);
    if (!messages.length) return '';
    const width = this.options.width;
    const lines = [this.paint('underline', fit(report.name, width))];
    const places = messages.map(placeOf);
    const placeWidth = Math.max(0, ...places.map((p) => p.length));
    // with no place at all (a failure), no column for it
    const indent = ' '.repeat(placeWidth ? 2 + placeWidth + 2 : 2);
    messages.forEach((m, i) => {
      const head = `  ${placeWidth ? `${places[i]!.padEnd(placeWidth)}  ` : ''}${this.severity(m.severity)}  `;
      const rule = m.ruleId ?? '';
      const sub = `${indent}${' '.repeat(9)}`;
      // narrow terminals: everything below the place, from the left margin
      const left = width - visibleLength(head) >= 24 ? sub : '    ';
      const room = width - left.length;
      const oneLine = `${m.reason}${rule ? `  ${rule}` : ''}`;
      if ([...oneLine].length <= room) lines.push(`${head}${m.reason}${rule ? `  ${this.paint('dim', rule)}` : ''}`);
      else {
        // the reason wrapped, the rule id on a line of its own
        const reason = wrap(m.reason, room);
        if (left === sub) lines.push(`${head}${reason[0]}`);
        else lines.push(head.trimEnd(), `${left}${reason[0]}`);
        for (const more of reason.slice(1)) lines.push(`${left}${more}`);
        if (rule) lines.push(`${left}${this.paint('dim', fit(rule, room))}`);
      }
      if (m.actual !== undefined && m.actual.trim()) lines.push(`${left}${this.paint('dim', fit(excerpt(m.actual), room))}`);
      const suggestion = m.expected?.filter((e) => e !== m.actual);
      if (suggestion?.length) {
        const text = suggestion.length === 1 && suggestion[0] === '' ? 'removed' : `did you mean ${suggestion.map((s) => `“${s}”`).join(' or ')}?`;
        lines.push(`${left}${this.paint('green', fit(text, room))}`);
      }
    });
    return `${lines.join('\n')}\n`;
  }

  /** The closing count line: `2 errors, 1 warning, 5 changes`, or empty. */
  totals(counts: { errors: number; warnings: number; infos: number }): string {
    const parts: string[] = [];
    if (counts.errors) parts.push(this.paint('red', plural(counts.errors, 'error')));
    if (counts.warnings && this.options.level !== 'errors') parts.push(this.paint('yellow', plural(counts.warnings, 'warning')));
    if (counts.infos && this.options.level === 'all') parts.push(plural(counts.infos, 'change'));
    return parts.length ? `${parts.join(', ')}\n` : '';
  }

  private severity(severity: Severity): string {
    if (severity === 'error') return this.paint('red', 'error  ');
    if (severity === 'warning') return this.paint('yellow', 'warning');
    return this.paint('blue', 'info   ');
  }
}

/** Counts of a file's messages by severity. */
export function countSeverities(messages: readonly { severity: Severity }[]): { errors: number; warnings: number; infos: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const m of messages) {
    if (m.severity === 'error') counts.errors++;
    else if (m.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

function placeOf(m: JsonMessage): string {
  if (m.line === undefined) return '';
  const start = `${m.line}:${m.column ?? 1}`;
  return m.endLine === undefined ? start : `${start}-${m.endLine}:${m.endColumn ?? 1}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** An excerpt on one line: whitespace runs (newlines too) as one space, in quotes. */
function excerpt(text: string): string {
  return `“${text.replace(/\s+/g, ' ').trim()}”`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Cut to `width` characters, an ellipsis marking the cut. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

/** Words into lines of at most `width` characters (a longer word is cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if ([...line].length + 1 + [...word].length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.map((l) => fit(l, width));
}

/** The batch runner's human report: one block per article as it finishes. */
export class BatchTerminalReporter implements Reporter {
  constructor(
    private readonly write: (text: string) => void,
    private readonly reporter: TerminalReporter,
  ) {}

  add(article: ArticleReport): void {
    const text = this.reporter.file(article);
    if (text) this.write(`${text}\n`);
  }

  finish(): void {}
}
