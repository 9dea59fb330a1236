/**
 * Prometheus metrics, one registry per server (so several servers in one
 * process, as in tests, do not collide): requests and their latency per
 * route, articles per verdict, changes and flags per rule, refusals.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JsonMessage } from '../json.js';
import type { Verdict } from '../hook.js';

export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;
  readonly verdicts: Counter<'verdict' | 'source'>;
  readonly changes: Counter<'rule'>;
  readonly flags: Counter<'rule' | 'severity'>;
  readonly refused: Counter<'reason'>;
  readonly inFlight: Gauge;

  constructor(inFlight: () => number) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'copydesk_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'copydesk_http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.verdicts = new Counter({ name: 'copydesk_articles_total', help: 'Articles cleaned, by verdict', labelNames: ['verdict', 'source'], registers });
    this.changes = new Counter({ name: 'copydesk_rule_changes_total', help: 'Changes made (info messages), by rule', labelNames: ['rule'], registers });
    this.flags = new Counter({ name: 'copydesk_rule_flags_total', help: 'Flags raised (warnings and errors), by rule', labelNames: ['rule', 'severity'], registers });
    this.refused = new Counter({ name: 'copydesk_clean_refused_total', help: 'Articles refused: overload (503) or time limit (504)', labelNames: ['reason'], registers });
    this.inFlight = new Gauge({ name: 'copydesk_articles_in_flight', help: 'Articles being cleaned or waiting', registers, collect() { this.set(inFlight()); } });
    collectDefaultMetrics({ register: this.registry, prefix: 'copydesk_' });
  }

  article(source: 'clean' | 'ghost', verdict: Verdict, messages: JsonMessage[]): void {
    this.verdicts.inc({ verdict, source });
    for (const m of messages) {
      const rule = m.ruleId ?? 'unknown';
      if (m.severity === 'info') this.changes.inc({ rule });
      else this.flags.inc({ rule, severity: m.severity });
    }
  }
}
