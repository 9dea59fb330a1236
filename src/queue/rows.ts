/** Rows of either database as queue items: the one mapping both stores share. */
import { randomBytes } from 'node:crypto';
import { messageId } from '../decisions.js';
import type { AuditEntry, ItemSummary, QueueItem, Status } from './types.js';

/** A row of `queue_items` (times in ms since the epoch; JSON as text or, from PostgreSQL, parsed). */
export interface ItemRow {
  id: string;
  status: string;
  verdict: string;
  created_at: number | string;
  updated_at: number | string;
  source: string | null;
  title: string | null;
  cms: unknown;
  callback_url: string | null;
  input?: unknown;
  result?: unknown;
  policy?: unknown;
  decisions?: unknown;
  approved?: unknown;
  attempts: number;
  next_attempt_at: number | string | null;
  last_error: string | null;
}

export interface AuditRow {
  at: number | string;
  actor: string;
  action: string;
  detail: unknown;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

export function newItemId(): string {
  return randomBytes(12).toString('base64url');
}

export function rowToSummary(row: ItemRow, rules: string[]): ItemSummary {
  return {
    id: row.id,
    status: row.status as Status,
    verdict: row.verdict as QueueItem['verdict'],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.source !== null ? { source: row.source } : {}),
    ...(row.title !== null ? { title: row.title } : {}),
    cms: json(row.cms),
    ...(row.callback_url !== null ? { callbackUrl: row.callback_url } : {}),
    delivery: {
      attempts: Number(row.attempts),
      ...(row.next_attempt_at !== null ? { nextAttemptAt: iso(row.next_attempt_at) } : {}),
      ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    },
    rules,
  };
}

export function rowToItem(row: ItemRow, audit: AuditRow[]): QueueItem {
  const { rules: _rules, title: _title, ...summary } = rowToSummary(row, []);
  return {
    ...summary,
    input: json(row.input),
    result: json(row.result),
    policy: json(row.policy),
    decisions: json(row.decisions ?? '{}'),
    ...(row.approved !== null && row.approved !== undefined ? { approved: json(row.approved) } : {}),
    audit: audit.map(
      (a): AuditEntry => ({
        at: iso(a.at),
        actor: a.actor,
        action: a.action as AuditEntry['action'],
        ...(a.detail !== null && a.detail !== undefined ? { detail: json(a.detail) } : {}),
      }),
    ),
  };
}

/** The distinct rule ids of an item's flags and changes, for the `rule` filter. */
/** Per rule: changes rejected by editors, and changes made, over decided items (their result and decisions). */
export function ruleRejections(rows: { result: unknown; decisions: unknown }[]): Record<string, { rejected: number; total: number }> {
  const stats: Record<string, { rejected: number; total: number }> = {};
  for (const row of rows) {
    const result = json<{ messages: { ruleId?: string; severity?: string; line?: number; column?: number; endLine?: number; endColumn?: number }[] }>(row.result);
    const rejected = new Set(json<{ reject?: string[] }>(row.decisions ?? '{}').reject ?? []);
    for (const m of result.messages) {
      if (m.severity !== 'info' || !m.ruleId || m.line === undefined) continue;
      const s = (stats[m.ruleId] ??= { rejected: 0, total: 0 });
      s.total++;
      if (rejected.has(messageId(m))) s.rejected++;
    }
  }
  return stats;
}

export function rulesOf(messages: { ruleId?: string | undefined }[]): string[] {
  return [...new Set(messages.map((m) => m.ruleId ?? 'copydesk'))];
}
