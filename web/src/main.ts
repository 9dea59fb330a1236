/**
 * The editorial preview page: an article in (paste, drop, file, or a file
 * the server was started with), the original and the cleaned article side
 * by side, a decision on every change and flag, the result taken away.
 *
 * The server renders (POST /v1/preview) and this page decorates: marks that
 * carry a message id (`data-mid`) become the review's changes
 * (`[data-change][data-rule]`) and flags (`[data-flag]`); the cleaned side
 * is `[data-output]`.
 */
import { AuthError, decideItem, desk, learn, preview, queueItem, saveDecisions, setToken, source, takeTokenFromFragment, type QueueItem } from './api';
import { showDesk } from './desk';
import { editorReason, ruleLabel } from './labels';
import { detectFormat, FORMAT_NAMES, isArticleFile } from './detect';
import { byId, h } from './dom';
import { kindLabel, Review, stateLabel, type Decision, type Format, type Message, type PreviewResponse } from './model';
import { sanitize } from './sanitize';
import { ScrollSync } from './scroll';

interface Article {
  name: string;
  content: string;
  format: Format;
  /** A headline kept apart from the body (held articles from a CMS). */
  title?: string | undefined;
  /** The review-queue item this article is. */
  itemId?: string | undefined;
  itemStatus?: string | undefined;
}

const MAX_BYTES = 2 * 1024 * 1024;

const el = {
  input: byId('input'),
  form: byId<HTMLFormElement>('input-form'),
  paste: byId<HTMLTextAreaElement>('paste'),
  file: byId<HTMLInputElement>('file'),
  detected: byId('detected'),
  format: byId<HTMLSelectElement>('format'),
  review: byId('review'),
  reviewBar: byId('review-bar'),
  original: byId('original'),
  cleaned: byId('cleaned'),
  kept: byId('kept'),
  counts: byId('counts'),
  exportBox: byId('export'),
  detail: byId('detail'),
  actions: byId('actions'),
  position: byId('position'),
  prev: byId<HTMLButtonElement>('prev'),
  next: byId<HTMLButtonElement>('next'),
  notes: byId('notes'),
  error: byId('error'),
  sourceLine: byId('source-line'),
  sourceName: byId('source-name'),
  showInput: byId<HTMLButtonElement>('show-input'),
  editDialog: byId<HTMLDialogElement>('edit-dialog'),
  editForm: byId<HTMLFormElement>('edit-form'),
  editText: byId<HTMLTextAreaElement>('edit-text'),
  editContext: byId('edit-context'),
  tokenDialog: byId<HTMLDialogElement>('token-dialog'),
  tokenInput: byId<HTMLInputElement>('token-input'),
  helpDialog: byId<HTMLDialogElement>('help-dialog'),
  helpButton: byId<HTMLButtonElement>('help-button'),
  itemBar: byId('item-bar'),
  itemStatus: byId('item-status'),
  saved: byId('saved'),
  approve: byId<HTMLButtonElement>('approve'),
  rejectItem: byId<HTMLButtonElement>('reject-item'),
  toast: byId('toast'),
  desk: byId('desk'),
};

let article: Article | undefined;
let review: Review | undefined;
let latest: PreviewResponse | undefined;
let originalHtml = '';
let selected: string | undefined;
let sequence = 0;
let formatChosen = false;
const sync = new ScrollSync(el.original, el.cleaned);

// ---------------------------------------------------------------- input

function showError(message: string | undefined): void {
  el.error.hidden = !message;
  el.error.textContent = message ?? '';
}

async function withToken<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    el.tokenInput.value = '';
    el.tokenDialog.showModal();
    const answer = await new Promise<string>((resolve) => el.tokenDialog.addEventListener('close', () => resolve(el.tokenDialog.returnValue), { once: true }));
    if (answer !== 'save' || !el.tokenInput.value.trim()) throw error;
    setToken(el.tokenInput.value.trim());
    return withToken(run);
  }
}

function report(error: unknown): void {
  showError(error instanceof Error ? error.message : String(error));
}

function detectPasted(): void {
  const text = el.paste.value;
  if (!text.trim()) {
    el.detected.textContent = '';
    return;
  }
  if (!formatChosen) el.format.value = detectFormat(text);
  el.detected.textContent = `${formatChosen ? 'Format' : 'Detected format'}: ${FORMAT_NAMES[el.format.value as Format]} (change it above if that is wrong).`;
}

async function readFile(file: File): Promise<void> {
  if (!isArticleFile(file.name)) return showError(`${file.name}: copydesk reads .txt, .md and .html files.`);
  if (file.size > MAX_BYTES) return showError(`${file.name} is larger than 2 MB.`);
  const content = await file.text();
  await load({ name: file.name, content, format: detectFormat(content, file.name) });
}

el.paste.addEventListener('input', detectPasted);
el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const content = el.paste.value;
  if (!content.trim()) return showError('Paste an article first, or drop a file.');
  load({ name: 'pasted article', content, format: el.format.value as Format }).catch(report);
});
el.file.addEventListener('change', () => {
  const file = el.file.files?.[0];
  if (file) readFile(file).catch(report);
  el.file.value = '';
});
window.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  document.body.classList.add('dragging');
});
window.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) document.body.classList.remove('dragging');
});
window.addEventListener('drop', (event) => {
  const file = event.dataTransfer?.files[0];
  document.body.classList.remove('dragging');
  if (!file) return;
  event.preventDefault();
  readFile(file).catch(report);
});
el.format.addEventListener('change', () => {
  formatChosen = true;
  if (article && !el.review.hidden) load({ ...article, format: el.format.value as Format }).catch(report);
  else detectPasted();
});
el.showInput.addEventListener('click', () => {
  el.input.hidden = false;
  el.paste.focus();
});

// ---------------------------------------------------------------- cleaning

async function load(next: Article, saved?: QueueItem['decisions']): Promise<void> {
  showError(undefined);
  const mine = ++sequence;
  document.body.setAttribute('aria-busy', 'true');
  try {
    const response = await withToken(() => preview({ content: next.content, format: next.format, ...(next.title ? { title: next.title } : {}) }));
    if (mine !== sequence) return;
    article = next;
    review = new Review(response.messages);
    latest = response;
    el.format.value = next.format;
    formatChosen = false;
    el.sourceName.textContent = `${next.name} · ${FORMAT_NAMES[next.format]}`;
    el.sourceLine.hidden = false;
    el.input.hidden = true;
    el.review.hidden = false;
    for (const button of Array.from(el.exportBox.querySelectorAll<HTMLButtonElement>('[data-export]'))) button.disabled = false;
    el.desk.hidden = true;
    showItemBar();
    renderOriginal(response.original ?? '');
    renderCleaned();
    el.original.scrollTop = 0;
    el.cleaned.scrollTop = 0;
    select(review.items()[0]?.id, false);
    update();
    if (saved && restore(review, saved)) await decided(false);
  } finally {
    if (mine === sequence) document.body.removeAttribute('aria-busy');
  }
}

/** The decisions saved on a held item, back into the review. */
function restore(into: Review, saved: QueueItem['decisions']): boolean {
  let any = false;
  for (const id of saved.reject ?? []) {
    into.decide(id, { state: 'rejected' });
    any = true;
  }
  for (const [id, text] of Object.entries(saved.replace ?? {})) {
    const choice = into.messages.get(id)?.expected?.indexOf(text) ?? -1;
    into.decide(id, choice >= 0 ? { state: 'applied', text, choice } : { state: 'edited', text });
    any = true;
  }
  for (const id of saved.dismiss ?? []) {
    into.decide(id, { state: 'dismissed' });
    any = true;
  }
  return any;
}

// ---------------------------------------------------------------- the held article

function showItemBar(): void {
  el.itemBar.hidden = !article?.itemId;
  if (!article?.itemId) return;
  const pending = article.itemStatus === 'pending';
  el.itemStatus.textContent = pending ? 'Waiting for review' : `This article is ${article.itemStatus}`;
  el.itemBar.dataset.status = article.itemStatus ?? '';
  el.approve.disabled = !pending;
  el.rejectItem.disabled = !pending;
}

/** Saves are made one after another, in the order of the decisions; approval waits for the last. */
let saving: Promise<unknown> = Promise.resolve();

function saveToQueue(): void {
  if (!article?.itemId || article.itemStatus !== 'pending' || !review) return;
  const id = article.itemId;
  const decisions = review.request();
  el.saved.textContent = 'Saving…';
  el.saved.dataset.state = 'saving';
  saving = saving
    .catch(() => undefined)
    .then(() => withToken(() => saveDecisions(id, decisions)))
    .then(
      () => {
        el.saved.textContent = 'Saved';
        el.saved.dataset.state = 'saved';
      },
      (error: unknown) => {
        el.saved.textContent = 'Not saved';
        el.saved.dataset.state = 'error';
        report(error);
      },
    );
}

async function settleItem(action: 'approve' | 'reject'): Promise<void> {
  if (!article?.itemId) return;
  await saving;
  const item = await withToken(() => decideItem(article!.itemId!, action));
  article.itemStatus = item.status;
  showItemBar();
  toast(action === 'approve' ? 'Approved: the article is on its way to the CMS' : 'Rejected: the article will not be published');
}

el.approve.addEventListener('click', () => settleItem('approve').catch(report));
el.rejectItem.addEventListener('click', () => settleItem('reject').catch(report));

let dictionaryOn = false;

async function addToDictionary(m: Message): Promise<void> {
  if (!article?.itemId) return;
  await saving;
  const learned = await withToken(() => learn(article!.itemId!, m.id));
  const entry = learned.entry;
  const what = !entry
    ? `“${learned.dismissal?.actual ?? ''}” is no longer flagged in this passage`
    : entry.mode === 'off'
      ? `“${entry.expected}” is kept as written from now on`
      : `“${entry.patterns[0]}” becomes “${entry.expected}” from now on`;
  toast(`Added to the newsroom dictionary: ${what}`);
}

function toast(text: string): void {
  el.toast.textContent = text;
  el.toast.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.toast.classList.remove('shown'), 4000);
}
let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Decisions changed: marks and counts now, the cleaned side when the server has rendered it. */
async function decided(save = true): Promise<void> {
  if (!article || !review) return;
  decorateOriginal();
  renderCleaned();
  update();
  if (save) saveToQueue();
  const mine = ++sequence;
  const current = article;
  try {
    const response = await withToken(() =>
      preview({ content: current.content, format: current.format, ...(current.title ? { title: current.title } : {}), decisions: review!.request() }),
    );
    if (mine !== sequence || current !== article) return;
    latest = response;
    review.update(response.messages);
    if (response.original !== undefined && response.original !== originalHtml) renderOriginal(response.original);
    renderCleaned();
    update();
    showError(undefined);
  } catch (error) {
    report(error);
  }
}

// ---------------------------------------------------------------- rendering

function renderOriginal(html: string): void {
  originalHtml = html;
  const scroll = el.original.scrollTop;
  const hadFocus = el.original.contains(document.activeElement);
  el.original.replaceChildren(sanitize(html));
  for (const link of Array.from(el.original.querySelectorAll('a'))) link.tabIndex = -1;
  decorateOriginal(true);
  el.original.scrollTop = scroll;
  if (hadFocus) markFor(selected)?.focus({ preventScroll: true });
}

function textOf(m: Message, d: Decision): string {
  if (d.state === 'applied' || d.state === 'edited') return d.text;
  if (m.kind === 'fix' && d.state !== 'rejected') return m.expected?.[0] ?? '';
  return m.actual ?? '';
}

/** Turns the server's marks into the review's changes and flags; again after each decision. */
function decorateOriginal(fresh = false): void {
  if (!review) return;
  const groups = new Map<string, HTMLElement[]>();
  for (const mark of Array.from(el.original.querySelectorAll<HTMLElement>('[data-mid]'))) {
    const id = mark.dataset.mid!;
    const list = groups.get(id) ?? [];
    list.push(mark);
    groups.set(id, list);
  }
  for (const [id, marks] of groups) {
    const m = review.messages.get(id);
    if (!m) continue;
    const d = review.decision(id);
    const first = marks[0]!;
    const inline = first.localName === 'span';
    if (m.kind === 'removal' || (m.kind === 'flag' && !inline)) {
      for (const mark of marks) {
        mark.classList.add(m.kind === 'removal' ? 'removed' : 'flagged-block');
        mark.classList.toggle('is-rejected', d.state === 'rejected');
      }
      let tag = fresh ? undefined : el.original.querySelector<HTMLElement>(`[data-tag-for="${CSS.escape(id)}"]`);
      if (!tag) {
        tag = h(inline ? 'span' : 'div', { className: 'tag', 'data-tag-for': id });
        if (inline || ['LI', 'TD', 'TH', 'DT', 'DD'].includes(first.tagName)) first.prepend(tag);
        else first.before(tag);
      }
      hook(tag, m);
      const verb = m.kind === 'removal' ? (d.state === 'rejected' ? 'Kept (removal rejected)' : 'Removed') : 'Flagged';
      tag.replaceChildren(h('span', { className: 'tag-rule' }, `${verb} · ${ruleLabel(m.ruleId)}`), ' ', h('span', { className: 'tag-reason' }, editorReason(m)));
      if (m.kind === 'flag') flagNote(first, m, d);
    } else if (m.kind === 'fix') {
      hook(first, m);
      const after = textOf(m, d);
      first.classList.toggle('is-rejected', d.state === 'rejected');
      first.classList.toggle('is-edited', d.state === 'edited');
      // The words for screen readers come last: the mark's first box stays the visible text.
      first.replaceChildren(
        h('del', {}, m.actual ?? ''),
        h('span', { className: 'arrow', 'aria-hidden': 'true' }, ' → '),
        h('ins', {}, d.state === 'rejected' ? (m.expected?.[0] ?? '') : after),
        h('span', { className: 'visually-hidden' }, ` (${kindLabel(m).toLowerCase()}: ${ruleLabel(m.ruleId)}, ${stateLabel(m, d)})`),
      );
    } else if (m.kind === 'flag') {
      hook(first, m);
      first.classList.toggle('is-settled', d.state !== 'proposed');
      const settled = d.state === 'applied' || d.state === 'edited';
      first.replaceChildren(
        settled ? h('del', {}, m.actual ?? '') : m.actual ?? '',
        settled ? h('span', { className: 'arrow', 'aria-hidden': 'true' }, ' → ') : '',
        settled ? h('ins', {}, textOf(m, d)) : '',
        h('span', { className: 'visually-hidden' }, ` (flagged: ${ruleLabel(m.ruleId)}, ${stateLabel(m, d)})`),
      );
      flagNote(first, m, d);
    }
  }
  for (const m of review.items()) markFor(m.id)?.classList.toggle('current', m.id === selected);
}

/** The test and focus hook of a change or flag, with its state. */
function hook(node: HTMLElement, m: Message): void {
  node.dataset.id = m.id;
  node.dataset.rule = m.ruleId ?? '';
  if (m.kind === 'flag') node.dataset.flag = '';
  else node.dataset.change = '';
  node.dataset.state = review!.decision(m.id).state;
  if (!node.hasAttribute('tabindex')) node.tabIndex = -1;
}

/** A flag's reason and suggestions, under the block holding it. */
function flagNote(mark: HTMLElement, m: Message, d: Decision): void {
  const block = mark.closest<HTMLElement>('p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, pre, dd, dt') ?? mark;
  const selector = `[data-note-for="${CSS.escape(m.id)}"]`;
  let note = el.original.querySelector<HTMLElement>(selector);
  if (!note) {
    note = h('div', { className: 'flag-note', role: 'note', 'data-note-for': m.id });
    if (block.tagName === 'LI' || block.tagName === 'TD' || block.tagName === 'TH') block.append(note);
    else block.after(note);
  }
  const suggestions = m.expected?.length ? h('span', {}, ' Suggested: ', ...m.expected.flatMap((s, i) => [i ? ' · ' : '', h('span', { className: 'suggestion' }, `“${s}”`)])) : '';
  note.classList.toggle('is-settled', d.state !== 'proposed');
  note.replaceChildren(h('strong', {}, `⚑ ${ruleLabel(m.ruleId)}`), ` (${stateLabel(m, d)}): ${editorReason(m).replace(/\.?$/, '.')}`, suggestions);
}

/** What the CMS gets beside the body, by the name an editor knows it by, in the order of a page. */
const KEPT_NAMES: Array<[string, string]> = [
  ['dek', 'Standfirst'],
  ['dateline', 'Dateline'],
  ['byline', 'Byline'],
  ['source', 'Source'],
  ['siteName', 'Site'],
  ['published', 'Published'],
  ['url', 'Address'],
];

/** The lines moved out of the body are not lost: they are shown here, as the CMS receives them. */
function renderKept(meta: Record<string, string> | undefined): void {
  const rows = KEPT_NAMES.filter(([key]) => meta?.[key]).flatMap(([key, name]) => [h('dt', {}, name), h('dd', { 'data-kept': key }, meta![key]!)]);
  el.kept.hidden = rows.length === 0;
  el.kept.replaceChildren(...(rows.length ? [h('strong', {}, 'Kept beside the body'), h('dl', {}, ...rows)] : []));
}

function renderCleaned(): void {
  if (!latest || !review) return;
  renderKept(latest.meta);
  const scroll = el.cleaned.scrollTop;
  el.cleaned.replaceChildren(sanitize(latest.cleaned));
  for (const link of Array.from(el.cleaned.querySelectorAll('a'))) link.tabIndex = -1;
  for (const mark of Array.from(el.cleaned.querySelectorAll<HTMLElement>('[data-mid]'))) {
    const m = review.messages.get(mark.dataset.mid!);
    if (!m) continue;
    const d = review.decision(m.id);
    mark.classList.add(m.kind === 'flag' ? 'hl-flag' : 'hl-fix');
    mark.classList.toggle('is-rejected', d.state === 'rejected');
    mark.classList.toggle('is-settled', m.kind === 'flag' && d.state !== 'proposed');
    mark.classList.toggle('current', m.id === selected);
    mark.title = m.kind === 'fix' ? (d.state === 'rejected' ? `Kept as written (fix to “${m.expected?.[0]}” rejected)` : `Was “${m.actual}”`) : m.reason;
  }
  el.cleaned.scrollTop = scroll;
}

function update(): void {
  if (!review) return;
  const c = review.counts();
  const verdict = { publish: 'Ready to publish', review: 'Needs review', reject: 'Blocked' }[c.verdict];
  el.counts.replaceChildren(
    h('span', { className: 'count' }, `${c.made} of ${c.changes} change${c.changes === 1 ? '' : 's'} made`, c.rejected ? ` · ${c.rejected} rejected` : ''),
    h('span', { className: 'count' }, `${c.open} of ${c.flags} flag${c.flags === 1 ? '' : 's'} open`),
    h('span', { className: `verdict verdict-${c.verdict}` }, verdict),
  );
  el.counts.dataset.changes = String(c.changes);
  el.counts.dataset.rejected = String(c.rejected);
  el.counts.dataset.flags = String(c.flags);
  el.counts.dataset.open = String(c.open);
  const notes = review.notes();
  el.notes.hidden = notes.length === 0;
  el.notes.replaceChildren(...notes.map((n) => h('li', {}, `${ruleLabel(n.ruleId)}: ${editorReason(n)}`)));
  renderInspector();
}

// ---------------------------------------------------------------- review

function markFor(id: string | undefined): HTMLElement | null {
  if (!id) return null;
  const key = CSS.escape(id);
  return el.original.querySelector<HTMLElement>(`[data-change][data-id="${key}"], [data-flag][data-id="${key}"]`);
}

function select(id: string | undefined, focus = true): void {
  selected = id;
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('.current'))) node.classList.remove('current');
  for (const node of Array.from(el.original.querySelectorAll<HTMLElement>('[data-id]'))) node.tabIndex = -1;
  const mark = markFor(id);
  if (mark) {
    mark.classList.add('current');
    mark.tabIndex = 0;
    sync.pause();
    centerIn(el.original, mark);
    if (focus) mark.focus({ preventScroll: true });
  }
  const twin = id ? el.cleaned.querySelector<HTMLElement>(`[data-mid="${CSS.escape(id)}"]`) : null;
  if (twin) {
    twin.classList.add('current');
    centerIn(el.cleaned, twin);
  } else if (mark) sync.follow(el.original, el.cleaned);
  renderInspector();
}

/** Scrolls the pane alone (scrollIntoView would scroll the page too, and the bars with it). */
function centerIn(pane: HTMLElement, node: HTMLElement): void {
  const box = pane.getBoundingClientRect();
  const at = node.getBoundingClientRect();
  pane.scrollTop += at.top - box.top - (box.height - Math.min(at.height, box.height)) / 2;
}

function step(by: number): void {
  if (!review) return;
  const items = review.items();
  if (items.length === 0) return;
  const at = items.findIndex((m) => m.id === selected);
  const next = at === -1 ? (by > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + by));
  select(items[next]!.id);
}

/** Next (or previous) flag only, past the changes between. */
function stepFlag(by: number): void {
  if (!review) return;
  const items = review.items();
  const at = items.findIndex((m) => m.id === selected);
  for (let i = at + by; i >= 0 && i < items.length; i += by) {
    if (items[i]!.kind === 'flag') return select(items[i]!.id);
  }
  if (at === -1) {
    const flags = items.filter((m) => m.kind === 'flag');
    const pick = by > 0 ? flags[0] : flags[flags.length - 1];
    if (pick) select(pick.id);
  }
}

function decide(id: string, decision: Decision): void {
  review?.decide(id, decision);
  decided().catch(report);
}

function accept(m: Message): void {
  if (m.kind === 'flag') {
    if (m.expected?.length) decide(m.id, { state: 'applied', text: m.expected[0]!, choice: 0 });
  } else decide(m.id, { state: 'proposed' });
}

function reject(m: Message): void {
  decide(m.id, m.kind === 'flag' ? { state: 'dismissed' } : { state: 'rejected' });
}

function edit(m: Message): void {
  if (m.kind === 'removal') return;
  const d = review!.decision(m.id);
  el.editContext.textContent = `${ruleLabel(m.ruleId)}: ${editorReason(m)}`;
  el.editText.value = textOf(m, d) || m.actual || '';
  el.editDialog.showModal();
  el.editDialog.addEventListener(
    'close',
    () => {
      if (el.editDialog.returnValue === 'save') decide(m.id, { state: 'edited', text: el.editText.value.replace(/\s+/g, ' ').trim() });
      markFor(m.id)?.focus({ preventScroll: true });
    },
    { once: true },
  );
}

function renderInspector(): void {
  const m = selected ? review?.messages.get(selected) : undefined;
  const items = review?.items() ?? [];
  const at = items.findIndex((i) => i.id === selected);
  el.position.textContent = items.length ? `${at + 1} of ${items.length}` : 'Nothing to review: copydesk made no change';
  el.prev.disabled = at <= 0;
  el.next.disabled = at === -1 || at >= items.length - 1;
  if (!m || !review) {
    el.detail.replaceChildren();
    el.actions.replaceChildren();
    return;
  }
  const d = review.decision(m.id);
  const where = m.line ? ` · line ${m.line}` : '';
  const lines: (Node | string)[] = [
    h('p', { className: 'what' }, h('strong', {}, `${kindLabel(m)} · ${ruleLabel(m.ruleId)}`), ` — ${stateLabel(m, d)}${where}`),
    h('p', { className: 'why' }, editorReason(m)),
  ];
  if (m.kind === 'removal' && m.actual) lines.push(h('p', { className: 'removed-text' }, h('span', { className: 'visually-hidden' }, 'Removed text: '), clip(m.actual)));
  if (m.note) lines.push(h('p', { className: 'note' }, m.note));
  el.detail.replaceChildren(...lines);

  const button = (label: string, action: () => void, pressed?: boolean, keys?: string) =>
    h('button', { type: 'button', onclick: action, 'aria-pressed': pressed === undefined ? undefined : String(pressed), 'aria-keyshortcuts': keys }, label);
  const buttons: HTMLElement[] = [];
  if (m.kind === 'flag') {
    (m.expected ?? []).forEach((s, i) =>
      buttons.push(button(`Use “${clip(s, 40)}”`, () => decide(m.id, { state: 'applied', text: s, choice: i }), d.state === 'applied' && d.choice === i, i < 9 ? String(i + 1) + (i === 0 ? ' a' : '') : undefined)),
    );
    buttons.push(button('Edit…', () => edit(m), d.state === 'edited', 'e'));
    buttons.push(button('Dismiss', () => decide(m.id, { state: 'dismissed' }), d.state === 'dismissed', 'r d'));
    if (d.state !== 'proposed') buttons.push(button('Reopen', () => decide(m.id, { state: 'proposed' }), undefined, 'u'));
  } else {
    buttons.push(button('Accept', () => decide(m.id, { state: 'proposed' }), d.state !== 'rejected', 'a'));
    buttons.push(button(m.kind === 'removal' ? 'Reject (keep the text)' : 'Reject (keep the original)', () => decide(m.id, { state: 'rejected' }), d.state === 'rejected', 'r'));
    if (m.kind === 'fix') buttons.push(button('Edit…', () => edit(m), d.state === 'edited', 'e'));
    const same = sameRule(m);
    if (same.length > 1) {
      buttons.push(button(`Accept all ${same.length}`, () => decideAll(m, false), undefined, 'Shift+A'));
      buttons.push(button(`Reject all ${same.length}`, () => decideAll(m, true), undefined, 'Shift+R'));
    }
  }
  // A decision worth keeping for the next article: into the newsroom dictionary.
  const learnable = m.kind === 'flag' ? d.state !== 'proposed' : m.kind === 'fix' && d.state === 'rejected';
  if (learnable && article?.itemId && article.itemStatus === 'pending' && dictionaryOn) {
    buttons.push(button('Add to the newsroom dictionary', () => addToDictionary(m).catch(report)));
  }
  // Deciding with a button re-renders the buttons: the focus stays where it was.
  const focused = Array.from(el.actions.children).indexOf(document.activeElement as Element);
  el.actions.replaceChildren(...buttons);
  if (focused >= 0) (buttons[Math.min(focused, buttons.length - 1)] as HTMLElement | undefined)?.focus();
}

/** The changes of one rule in this article. */
function sameRule(m: Message): Message[] {
  return (review?.items() ?? []).filter((i) => i.kind !== 'flag' && i.ruleId === m.ruleId);
}

function decideAll(m: Message, rejected: boolean): void {
  for (const i of sameRule(m)) review?.decide(i.id, rejected ? { state: 'rejected' } : { state: 'proposed' });
  decided().catch(report);
}

function clip(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

el.prev.addEventListener('click', () => step(-1));
el.next.addEventListener('click', () => step(1));

function onMark(event: Event): void {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-id], [data-mid]');
  if (!target || !review) return;
  const id = target.dataset.id ?? target.dataset.mid;
  if (id && review.messages.has(id) && id !== selected) select(id, event.type === 'click');
}
el.original.addEventListener('click', onMark);
el.original.addEventListener('focusin', onMark);
el.cleaned.addEventListener('click', onMark);
for (const pane of [el.original, el.cleaned]) {
  pane.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('a')) event.preventDefault();
  });
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select, dialog[open]')) return;
  if (event.key === '?') {
    el.helpDialog.showModal();
    return;
  }
  if (!review || el.review.hidden) return;
  const m = selected ? review.messages.get(selected) : undefined;
  const key = event.key.toLowerCase();
  if (event.key === 'f' || event.key === 'F') stepFlag(event.key === 'F' ? -1 : 1);
  else if (m && m.kind !== 'flag' && (event.key === 'A' || event.key === 'R')) decideAll(m, event.key === 'R');
  else if (key === 'j' || key === 'n') step(1);
  else if (key === 'k' || key === 'p') step(-1);
  else if (m && key === 'a') accept(m);
  else if (m && key === 'r') reject(m);
  else if (m && key === 'd' && m.kind === 'flag') decide(m.id, { state: 'dismissed' });
  else if (m && key === 'u') decide(m.id, { state: 'proposed' });
  else if (m && key === 'e') edit(m);
  else if (m && m.kind === 'flag' && /^[1-9]$/.test(key) && m.expected?.[Number(key) - 1] !== undefined) {
    const i = Number(key) - 1;
    decide(m.id, { state: 'applied', text: m.expected[i]!, choice: i });
  } else return;
  event.preventDefault();
});
el.helpButton.addEventListener('click', () => el.helpDialog.showModal());

// ---------------------------------------------------------------- taking it away

function baseName(): string {
  const name = article?.name && article.name !== 'pasted article' ? article.name.replace(/\.[a-z]+$/i, '') : 'article';
  return name.replace(/[^\w.-]+/g, '-');
}

function download(content: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { value: text, className: 'visually-hidden', 'aria-hidden': 'true' });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  el.counts.dataset.copied = what;
  toast(`${what} copied to the clipboard`);
}

async function sha256(text: string): Promise<string> {
  if (!crypto.subtle) return '';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

el.exportBox.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest<HTMLElement>('[data-export]')?.dataset.export;
  if (!action || !latest || !article || !review) return;
  const current = latest;
  const run = async () => {
    if (action === 'copy-md') await copy(current.markdown, 'Markdown');
    else if (action === 'copy-html') await copy(current.html, 'HTML');
    else if (action === 'download-md') download(current.markdown, `${baseName()}.cleaned.md`, 'text/markdown;charset=utf-8');
    else if (action === 'download-html') download(current.html, `${baseName()}.cleaned.html`, 'text/html;charset=utf-8');
    else if (action === 'download-json') {
      const json = review!.exportJson({ name: article!.name, format: article!.format, sha256: await sha256(article!.content) });
      download(`${JSON.stringify(json, null, 2)}\n`, `${baseName()}.decisions.json`, 'application/json');
    }
  };
  run().catch(report);
});

// ---------------------------------------------------------------- start

takeTokenFromFragment();
const params = new URLSearchParams(location.search);
const sourceName = params.get('source');
const wanted = params.get('format');
const itemParam = params.get('item');
if (itemParam) {
  withToken(() => desk())
    .then((info) => {
      dictionaryOn = info.dictionary;
      return withToken(() => queueItem(itemParam));
    })
    .then((item) =>
      load(
        { name: item.input.title || item.title || 'held article', content: item.input.content, format: item.input.format, title: item.input.title, itemId: item.id, itemStatus: item.status },
        item.status === 'pending' || item.status === 'approved' || item.status === 'published' ? item.decisions : undefined,
      ),
    )
    .catch(report);
} else if (sourceName) {
  withToken(() => source(sourceName))
    .then((s) => load({ name: s.name, content: s.content, format: wanted === 'text' || wanted === 'markdown' || wanted === 'html' ? wanted : s.format }))
    .catch(report);
} else {
  withToken(() => showDesk())
    .then((desk) => {
      if (!desk) el.paste.focus();
    })
    .catch(() => el.paste.focus());
}
