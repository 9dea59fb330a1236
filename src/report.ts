/**
 * One way to report: every change and every flag goes through `report`, so
 * all messages share the vfile shape (`ruleId`, `source`, `place`, `actual`,
 * `expected`, `cause`) and an editor can undo any change from its message.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

export const SOURCE = 'copydesk';

export type Severity = 'info' | 'warning' | 'error';

export interface ReportOptions {
  ruleId: string;
  reason: string;
  place?: Position | Point | undefined;
  /** The text as found (for a removal: everything removed). */
  actual?: string | undefined;
  /** What it should be, when known. */
  expected?: string[] | undefined;
  /** The original this change refers to (the copy kept for a duplicate). */
  cause?: VFileMessage | undefined;
  note?: string | undefined;
  /** Defaults to `info`: a change made. Flags for an editor are `warning`. */
  severity?: Severity | undefined;
}

/** Messages point at the article, not at our code: no stack trace to capture (it is most of their cost). */
function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function report(file: VFile, options: ReportOptions): VFileMessage {
  const message = withoutStack(() =>
    file.message(options.reason, { place: options.place, ruleId: options.ruleId, source: SOURCE, cause: options.cause }),
  );
  const severity = options.severity ?? 'info';
  message.fatal = severity === 'info' ? null : severity === 'error';
  if (options.actual !== undefined) message.actual = options.actual;
  if (options.expected !== undefined) message.expected = options.expected;
  if (options.note !== undefined) message.note = options.note;
  return message;
}

/** A message pointing at a place, to use as the `cause` of another. */
export function pointer(reason: string, place: Position | undefined, actual?: string): VFileMessage {
  const message = withoutStack(() => new VFileMessage(reason, { place, source: SOURCE }));
  if (actual !== undefined) message.actual = actual;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}
