/** Messages as plain JSON, in the shape the corpus and CMS integrations read. */
import type { VFileMessage } from 'vfile-message';
import { severityOf, type Severity } from './report.js';

export interface JsonMessage {
  ruleId: string | undefined;
  source: string | undefined;
  severity: Severity;
  reason: string;
  line: number | undefined;
  column: number | undefined;
  endLine: number | undefined;
  endColumn: number | undefined;
  actual: string | undefined;
  expected: string[] | undefined;
  note: string | undefined;
  cause?: { reason: string; line: number | undefined; column: number | undefined; actual: string | undefined } | undefined;
}

export function messageToJson(message: VFileMessage): JsonMessage {
  const place = message.place;
  const end = place && 'end' in place ? place.end : undefined;
  const cause = message.cause as VFileMessage | undefined;
  return {
    ruleId: message.ruleId,
    source: message.source,
    severity: severityOf(message),
    reason: message.reason,
    line: message.line,
    column: message.column,
    endLine: end?.line,
    endColumn: end?.column,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    ...(cause && typeof cause === 'object' && 'reason' in cause
      ? { cause: { reason: cause.reason, line: cause.line, column: cause.column, actual: cause.actual } }
      : {}),
  };
}
