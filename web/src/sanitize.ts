/**
 * Article HTML from the server is sanitized there (rehype-sanitize); this is
 * the second lock, in the browser: parsed in an inert document (no script
 * runs, nothing loads), then only an allowlist of elements and attributes is
 * kept, and links only with web or mail addresses.
 */
const ELEMENTS = new Set(
  'a abbr b blockquote br caption code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i ins kbd li ol p pre q s samp section small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var'.split(' '),
);
/** Dropped with everything in them. */
const DROPPED = new Set('script style template iframe object embed svg math noscript textarea select button input img picture video audio source link meta base form frame frameset'.split(' '));
const ATTRIBUTES = new Set(['href', 'title', 'lang', 'dir', 'colspan', 'rowspan', 'align', 'start', 'reversed', 'open', 'data-mid', 'data-o', 'data-image']);
const SAFE_URL = /^(?:https?:|mailto:|#|\/(?!\/)|[^:]*$)/i;

export function sanitize(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  cleanChildren(doc.body);
  const fragment = document.createDocumentFragment();
  for (const node of Array.from(doc.body.childNodes)) fragment.append(document.importNode(node, true));
  return fragment;
}

function cleanChildren(parent: Element): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) continue;
    if (node.nodeType !== Node.ELEMENT_NODE) {
      node.remove();
      continue;
    }
    const element = node as Element;
    const tag = element.localName;
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || DROPPED.has(tag)) {
      element.remove();
      continue;
    }
    cleanChildren(element);
    if (!ELEMENTS.has(tag)) {
      element.replaceWith(...Array.from(element.childNodes));
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (!ATTRIBUTES.has(name) || (name === 'href' && !SAFE_URL.test(attribute.value.trim()))) element.removeAttribute(attribute.name);
    }
  }
}
