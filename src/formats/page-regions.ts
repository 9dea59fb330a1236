/**
 * What extraction dropped, as regions: the page's text is recorded before Readability runs (it moves
 * the article's nodes and removes the rest), then every run of text that did not reach the article
 * and lies in the same landmark (a `nav`, `header`, `footer`, `aside`, form, comment section…) is one
 * region, reported with its text.
 */

/** The little of the DOM this reads (linkedom's nodes have it). */
export interface DomNode {
  nodeType: number;
  localName?: string;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  querySelector?(selector: string): DomNode | null;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
  remove?(): void;
}

export interface DomDocument extends DomNode {
  body: DomNode | null;
  head: DomNode | null;
  documentElement: DomNode | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

export interface RecordedText {
  node: DomNode;
  text: string;
  /** The outermost landmark holding it, if any. */
  landmark: DomNode | undefined;
}

export interface DroppedRegion {
  label: string;
  text: string;
  words: number;
}

const ELEMENT = 1;
const TEXT = 3;
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);
const LANDMARK_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu', 'section', 'dialog']);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
const LANDMARK_NAMES = /comment|related|recommend|sidebar|share|social|footer|header|masthead|menu|navigation|newsletter|promo|breadcrumb|cookie|subscribe/i;

export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The page's visible text nodes in document order, each with its landmark. */
export function recordText(body: DomNode): RecordedText[] {
  const out: RecordedText[] = [];
  const walk = (node: DomNode, landmark: DomNode | undefined): void => {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === TEXT) {
        const text = squash(child.nodeValue ?? '');
        if (text) out.push({ node: child, text, landmark });
      } else if (child.nodeType === ELEMENT && !NOT_TEXT.has(child.localName ?? '')) {
        walk(child, landmark ?? (isLandmark(child) ? child : undefined));
      }
    }
  };
  walk(body, undefined);
  return out;
}

function isLandmark(node: DomNode): boolean {
  if (LANDMARK_TAGS.has(node.localName ?? '')) return true;
  const role = node.getAttribute?.('role');
  if (role && LANDMARK_ROLES.has(role)) return true;
  const name = `${node.getAttribute?.('id') ?? ''} ${node.getAttribute?.('class') ?? ''}`;
  return name.length > 1 && LANDMARK_NAMES.test(name);
}

/** Runs of recorded text that are not in `article`, one per landmark. */
export function droppedRegions(texts: RecordedText[], article: DomNode, alsoKept: Iterable<string> = []): DroppedRegion[] {
  const keptNodes = new Set<DomNode>();
  const keptTexts = new Set<string>(alsoKept);
  const walk = (node: DomNode): void => {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === TEXT) {
        keptNodes.add(child);
        const text = squash(child.nodeValue ?? '');
        if (text) keptTexts.add(text);
      } else if (child.nodeType === ELEMENT) walk(child);
    }
  };
  walk(article);
  const regions: DroppedRegion[] = [];
  let run: RecordedText[] = [];
  const close = () => {
    if (!run.length) return;
    const text = run.map((r) => r.text).join(' ');
    regions.push({ label: labelOf(run[0]!.landmark), text, words: text.split(' ').length });
    run = [];
  };
  for (const entry of texts) {
    // Readability re-parses the page when its first try is too short: then only the text tells.
    if (keptNodes.has(entry.node) || keptTexts.has(entry.text)) {
      close();
      continue;
    }
    if (run.length && run[0]!.landmark !== entry.landmark) close();
    run.push(entry);
  }
  close();
  return regions;
}

function labelOf(landmark: DomNode | undefined): string {
  if (!landmark) return 'page text';
  const id = landmark.getAttribute?.('id');
  const cls = landmark.getAttribute?.('class')?.trim().split(/\s+/)[0];
  const role = landmark.getAttribute?.('role');
  return `\`<${landmark.localName}${id ? `#${id}` : cls ? `.${cls}` : role ? ` role=${role}` : ''}>\``;
}

/** Every element under `root` (document order) that `test` accepts; a plain walk, much cheaper than a CSS selector on linkedom. */
export function elementsWhere(root: DomNode, test: (element: DomNode) => boolean): DomNode[] {
  const out: DomNode[] = [];
  const walk = (node: DomNode): void => {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType !== ELEMENT) continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}
