/** The closing summary: articles, changes and flags per rule, time taken, articles per second. */
import type { JsonMessage } from '../json.js';

export interface RuleCount {
  changes: number;
  flags: number;
}

export class Summary {
  readonly started = performance.now();
  articles = 0;
  changed = 0;
  flagged = 0;
  failed = 0;
  skipped = 0;
  /** Articles finished by an earlier, interrupted run (`--resume`). */
  resumed = 0;
  warnings = 0;
  errors = 0;
  interrupted = false;
  /** The run keeps a state (`--out-dir`, `--in-place`): an interrupted one can be resumed. */
  resumable = true;
  readonly rules = new Map<string, RuleCount>();

  add(messages: JsonMessage[], failed: boolean): void {
    this.articles++;
    if (failed) {
      this.failed++;
      return;
    }
    let changes = 0;
    let flags = 0;
    for (const message of messages) {
      const id = message.ruleId ?? 'unknown';
      const count = this.rules.get(id) ?? { changes: 0, flags: 0 };
      if (message.severity === 'info') {
        count.changes++;
        changes++;
      } else {
        count.flags++;
        flags++;
        if (message.severity === 'error') this.errors++;
        else this.warnings++;
      }
      this.rules.set(id, count);
    }
    if (changes) this.changed++;
    if (flags) this.flagged++;
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  get rate(): number {
    return this.articles / Math.max(this.seconds, 1e-3);
  }

  toJSON() {
    return {
      articles: this.articles,
      changed: this.changed,
      flagged: this.flagged,
      failed: this.failed,
      skipped: this.skipped,
      resumed: this.resumed,
      warnings: this.warnings,
      errors: this.errors,
      interrupted: this.interrupted,
      seconds: round(this.seconds),
      articlesPerSecond: round(this.rate),
      /** CPU time of the whole process (every thread: workers, V8's collector and compiler, main). */
      cpuSeconds: round(cpuSeconds()),
      /** Peak resident memory of the whole process, workers included. */
      peakRssMB: round(process.resourceUsage().maxRSS / 1024),
      rules: Object.fromEntries([...this.rules].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  /** The table printed at the end of a run. */
  table(): string {
    const rows: string[][] = [['rule', 'changes', 'flags']];
    for (const [id, count] of [...this.rules].sort(([a], [b]) => a.localeCompare(b))) rows.push([id, String(count.changes), String(count.flags)]);
    let changes = 0;
    let flags = 0;
    for (const count of this.rules.values()) {
      changes += count.changes;
      flags += count.flags;
    }
    rows.push(['total', String(changes), String(flags)]);
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    const line = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}`;
    const rule = `  ${'─'.repeat(widths[0]!)}  ${'─'.repeat(widths[1]!)}  ${'─'.repeat(widths[2]!)}`;
    const out = [line(rows[0]!), rule, ...rows.slice(1, -1).map(line), rule, line(rows[rows.length - 1]!)];
    const parts = [
      `${this.articles} article${this.articles === 1 ? '' : 's'}`,
      `${this.changed} changed`,
      `${this.flagged} flagged`,
      `${this.failed} failed`,
    ];
    if (this.skipped) parts.push(`${this.skipped} skipped (no body)`);
    if (this.resumed) parts.push(`${this.resumed} done before (resumed)`);
    out.push('', `  ${parts.join(', ')}`);
    out.push(`  ${this.seconds.toFixed(1)} s, ${this.rate.toFixed(1)} articles/s${this.interrupted ? (this.resumable ? ' (interrupted: run again with --resume)' : ' (interrupted)') : ''}`);
    return out.join('\n');
  }
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
