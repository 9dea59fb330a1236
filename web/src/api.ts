/**
 * Talking to the copydesk server. The access token comes from the URL
 * fragment (`#token=…`, put there by `copydesk preview`; a fragment is never
 * sent to a server), or from the editor when the server asks for one; it is
 * kept for this tab only (sessionStorage).
 */
import type { DecisionsRequest, Format, PreviewResponse } from './model';

const KEY = 'copydesk-token';

export class AuthError extends Error {}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function takeTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  try {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]!));
  } catch {
    memoryToken = decodeURIComponent(match[1]!);
  }
  history.replaceState(null, '', location.pathname + location.search);
}

let memoryToken: string | undefined;

export function setToken(token: string): void {
  memoryToken = token;
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    /* storage off: memory only */
  }
}

function token(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const t = token();
  if (t) headers.set('authorization', `Bearer ${t}`);
  const response = await fetch(path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  if (response.status === 401) throw new AuthError('The server needs an access token');
  if (!response.ok) {
    let message = `The server answered ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as T;
}

export function preview(body: { content: string; format: Format; title?: string; decisions?: DecisionsRequest; original?: boolean }): Promise<PreviewResponse> {
  return call<PreviewResponse>('/v1/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function source(name: string): Promise<{ name: string; format: Format; content: string }> {
  return call(`/v1/preview-source?name=${encodeURIComponent(name)}`);
}

// ---------------------------------------------------------------- the review queue

export interface QueueSummary {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'published' | 'failed';
  verdict: 'publish' | 'review' | 'reject';
  createdAt: string;
  updatedAt: string;
  source?: string;
  title?: string;
  rules: string[];
  delivery: { attempts: number; lastError?: string };
}

export interface QueueList {
  items: QueueSummary[];
  total: number;
  counts: Record<QueueSummary['status'], number>;
  /** Per rule: changes editors rejected, and changes made, over decided items. */
  rejections?: Record<string, { rejected: number; total: number }>;
}

export interface QueueItem extends QueueSummary {
  input: { content: string; format: Format; title?: string };
  decisions: DecisionsRequest;
  audit: { at: string; actor: string; action: string; detail?: Record<string, unknown> }[];
}

export interface DeskInfo {
  queue: boolean;
  editors: boolean;
  /** A newsroom dictionary editors add to. */
  dictionary: boolean;
}

let deskInfo: Promise<DeskInfo> | undefined;
export function desk(): Promise<DeskInfo> {
  deskInfo ??= call<DeskInfo>('/v1/desk').catch((error: unknown) => {
    deskInfo = undefined;
    throw error;
  });
  return deskInfo;
}

export function ruleRejections(): Promise<{ rejections: NonNullable<QueueList['rejections']> }> {
  return call('/v1/queue/rules');
}

export function learn(id: string, message: string): Promise<{ entry?: { expected: string; patterns: string[]; mode?: string }; dismissal?: { actual: string }; entries: number }> {
  return call(`/v1/queue/${encodeURIComponent(id)}/learn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
}

export function queueList(filter: Record<string, string>): Promise<QueueList> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  return call<QueueList>(`/v1/queue${query ? `?${query}` : ''}`);
}

export function queueItem(id: string): Promise<QueueItem> {
  return call(`/v1/queue/${encodeURIComponent(id)}`);
}

export function saveDecisions(id: string, decisions: DecisionsRequest): Promise<QueueItem> {
  return call(`/v1/queue/${encodeURIComponent(id)}/decisions`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(decisions) });
}

export function decideItem(id: string, action: 'approve' | 'reject', note?: string): Promise<QueueItem> {
  return call(`/v1/queue/${encodeURIComponent(id)}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(note ? { note } : {}) });
}
