/**
 * The review: the messages of an article and the editor's decision on each.
 * Changes (removals, fixes) are made unless rejected; flags stay open until
 * a suggestion is applied, the text is edited, or the flag is dismissed.
 * `request()` is what the server needs to render the decisions, and
 * `exportJson()` what a CMS stores.
 */
export type Format = 'text' | 'markdown' | 'html';
export type Kind = 'removal' | 'fix' | 'flag' | 'note';
export type Severity = 'info' | 'warning' | 'error';

export interface Message {
  id: string;
  kind: Kind;
  ruleId?: string;
  severity: Severity;
  reason: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  actual?: string;
  expected?: string[];
  note?: string;
}

export type Decision =
  | { state: 'proposed' }
  | { state: 'rejected' }
  | { state: 'applied'; text: string; choice: number }
  | { state: 'edited'; text: string }
  | { state: 'dismissed' };

export interface PreviewResponse {
  markdown: string;
  html: string;
  cleaned: string;
  original?: string;
  messages: Message[];
  verdict: 'publish' | 'review' | 'reject';
  /** Lines kept beside the body (standfirst, dateline, byline, source, page metadata), for the CMS's own fields. */
  meta?: Record<string, string> | undefined;
}

export interface DecisionsRequest {
  reject: string[];
  replace: Record<string, string>;
  dismiss: string[];
}

const PROPOSED: Decision = { state: 'proposed' };

export class Review {
  /** Every message seen for this article, by id (decisions on changes no longer in play are kept, in case they come back). */
  readonly messages = new Map<string, Message>();
  readonly decisions = new Map<string, Decision>();
  /** Ids of the changes and flags in play: made or rejected, per the server's last rendering. */
  #inPlay = new Set<string>();

  constructor(first: Message[]) {
    this.update(first);
  }

  /**
   * The messages of a new rendering. Text a rejection brought back may hold
   * new changes (they join the review); a change inside text removed again
   * leaves it.
   */
  update(latest: Message[]): void {
    this.#inPlay = new Set(latest.map((m) => m.id));
    for (const m of latest) this.messages.set(m.id, m);
  }

  /** What the editor reviews: changes and flags in play, in article order. */
  items(): Message[] {
    return [...this.messages.values()]
      .filter((m) => m.kind !== 'note' && this.#inPlay.has(m.id))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (b.endLine ?? 0) - (a.endLine ?? 0));
  }

  notes(): Message[] {
    return [...this.messages.values()].filter((m) => m.kind === 'note' && this.#inPlay.has(m.id));
  }

  decision(id: string): Decision {
    return this.decisions.get(id) ?? PROPOSED;
  }

  decide(id: string, decision: Decision): void {
    if (decision.state === 'proposed') this.decisions.delete(id);
    else this.decisions.set(id, decision);
  }

  request(): DecisionsRequest {
    const reject: string[] = [];
    const replace: Record<string, string> = {};
    const dismiss: string[] = [];
    for (const [id, d] of this.decisions) {
      if (!this.#inPlay.has(id)) continue;
      if (d.state === 'rejected') reject.push(id);
      else if (d.state === 'applied' || d.state === 'edited') replace[id] = d.text;
      else if (d.state === 'dismissed') dismiss.push(id);
    }
    return { reject, replace, dismiss };
  }

  counts() {
    let changes = 0;
    let rejected = 0;
    let flags = 0;
    let open = 0;
    let blocking = 0;
    for (const m of this.items()) {
      const d = this.decision(m.id);
      if (m.kind === 'flag') {
        flags++;
        if (d.state === 'proposed') {
          open++;
          if (m.severity === 'error') blocking++;
        }
      } else {
        changes++;
        if (d.state === 'rejected') rejected++;
      }
    }
    const verdict = blocking > 0 ? 'reject' : open > 0 ? 'review' : 'publish';
    return { changes, rejected, made: changes - rejected, flags, open, verdict } as const;
  }

  exportJson(source: { name: string; format: Format; sha256: string }, now = new Date()) {
    const { verdict } = this.counts();
    return {
      copydesk: 1,
      source,
      decidedAt: now.toISOString(),
      verdict,
      decisions: this.request(),
      items: this.items().map((m) => {
        const d = this.decision(m.id);
        const decision =
          m.kind === 'flag'
            ? d.state === 'proposed' ? 'open' : d.state
            : d.state === 'rejected' ? 'rejected' : d.state === 'edited' ? 'edited' : 'accepted';
        return {
          id: m.id,
          ruleId: m.ruleId,
          kind: m.kind,
          severity: m.severity,
          line: m.line,
          column: m.column,
          reason: m.reason,
          actual: m.actual,
          expected: m.expected,
          decision,
          ...('text' in d ? { text: d.text } : {}),
        };
      }),
    };
  }
}

/** How a message reads in a sentence: "Removed block", "Name fix", "Flag". */
export function kindLabel(m: Message): string {
  if (m.kind === 'removal') return 'Removed';
  if (m.kind === 'fix') return /name|entity|suffix/.test(m.ruleId ?? '') ? 'Name fix' : 'Fix';
  if (m.kind === 'flag') return 'Flag';
  return 'Note';
}

export function stateLabel(m: Message, d: Decision): string {
  if (m.kind === 'flag') {
    if (d.state === 'applied') return `suggestion applied: “${d.text}”`;
    if (d.state === 'edited') return `edited: “${d.text}”`;
    if (d.state === 'dismissed') return 'dismissed';
    return 'open';
  }
  if (d.state === 'rejected') return 'rejected';
  if (d.state === 'edited') return `edited: “${d.text}”`;
  return 'accepted';
}
