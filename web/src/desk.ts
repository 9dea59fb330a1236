/**
 * The review queue on the page: held articles with filters (status, rule,
 * source, age) and counts per status; an item opens in the review
 * (`?item=<id>`). Also how often editors reject each rule's changes, so a
 * rule that misfires shows.
 */
import { desk, queueList, ruleRejections, type QueueList } from './api';
import { byId, h } from './dom';
import { ruleLabel } from './labels';

const STATUS_NAMES: Record<string, string> = {
  pending: 'waiting',
  approved: 'approved',
  published: 'published',
  failed: 'delivery failed',
  rejected: 'rejected',
};

const el = {
  desk: byId('desk'),
  filters: byId<HTMLFormElement>('desk-filters'),
  status: byId<HTMLSelectElement>('f-status'),
  rule: byId<HTMLSelectElement>('f-rule'),
  source: byId<HTMLInputElement>('f-source'),
  age: byId<HTMLSelectElement>('f-age'),
  counts: byId('desk-counts'),
  items: byId('desk-items'),
  rejectionsTitle: byId('rejections-title'),
  rejections: byId('rejections'),
};

function filter(): Record<string, string> {
  const [side, seconds] = el.age.value.split(':');
  return {
    status: el.status.value,
    rule: el.rule.value,
    source: el.source.value.trim(),
    ...(side === 'older' ? { olderThan: seconds! } : side === 'newer' ? { newerThan: seconds! } : {}),
  };
}

function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function render(list: QueueList): void {
  el.counts.replaceChildren(
    ...Object.entries(list.counts).map(([status, n]) => h('span', { className: 'count', 'data-status': status }, `${n} ${STATUS_NAMES[status] ?? status}`)),
  );
  el.counts.dataset.total = String(list.total);
  const rules = new Set<string>([...Array.from(el.rule.options, (o) => o.value).filter(Boolean), ...list.items.flatMap((i) => i.rules)]);
  const chosen = el.rule.value;
  el.rule.replaceChildren(h('option', { value: '' }, 'Any'), ...[...rules].sort().map((r) => h('option', { value: r }, ruleLabel(r))));
  el.rule.value = chosen;
  el.items.replaceChildren(
    ...(list.items.length
      ? list.items.map((item) =>
          h(
            'li',
            { className: `desk-item status-${item.status}`, 'data-item': item.id },
            h('a', { href: `?item=${encodeURIComponent(item.id)}` }, item.title || '(no headline)'),
            h('span', { className: 'meta' }, `${STATUS_NAMES[item.status] ?? item.status} · ${item.source ?? 'unknown source'} · held ${age(item.createdAt)}`),
            h('span', { className: 'rules' }, item.rules.map(ruleLabel).join(' · ')),
            item.delivery.lastError ? h('span', { className: 'error-line' }, `Last delivery: ${item.delivery.lastError}`) : '',
          ),
        )
      : [h('li', { className: 'empty' }, 'Nothing here.')]),
  );
  const rejections = Object.entries(list.rejections ?? {}).filter(([, r]) => r.total > 0);
  el.rejectionsTitle.hidden = rejections.length === 0;
  el.rejections.replaceChildren(
    ...rejections
      .sort((a, b) => b[1].rejected / b[1].total - a[1].rejected / a[1].total)
      .map(([rule, r]) => h('li', { 'data-rule': rule }, `${ruleLabel(rule)}: ${r.rejected} of ${r.total} rejected (${Math.round((100 * r.rejected) / r.total)}%)`)),
  );
}

/** Shows the queue; false when the server has none (the page is the single-article preview then). */
export async function showDesk(): Promise<boolean> {
  if (!(await desk()).queue) return false;
  const [list, rules] = await Promise.all([queueList(filter()), ruleRejections()]);
  el.desk.hidden = false;
  render({ ...list, rejections: rules.rejections });
  return true;
}

let refreshing = 0;
async function refresh(): Promise<void> {
  const mine = ++refreshing;
  const [list, rules] = await Promise.all([queueList(filter()), ruleRejections()]);
  if (mine === refreshing) render({ ...list, rejections: rules.rejections });
}

el.filters.addEventListener('submit', (event) => event.preventDefault());
for (const control of [el.status, el.rule, el.age]) control.addEventListener('change', () => void refresh());
el.source.addEventListener('input', () => void refresh());
