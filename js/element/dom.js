// Building the element's DOM from data: strings always become text nodes or attribute
// values, never markup, and no element gets a style attribute (the element works under
// `style-src 'self'`; its look is one constructable stylesheet).

const SVG = 'http://www.w3.org/2000/svg';

function build(node, props, children) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'data') for (const [k, v] of Object.entries(value)) node.dataset[k] = v;
    else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'selected') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** An HTML element: `props` are attributes (and `on…` listeners), children text or nodes. */
export const el = (tag, props = {}, ...children) => build(document.createElement(tag), props, children);

/** An SVG element, the same way. */
export const svg = (tag, props = {}, ...children) => build(document.createElementNS(SVG, tag), props, children);

/** Replaces a node's children: nested lists flattened, null, undefined and false left out. */
export function setChildren(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

let nextId = 0;
/** A document-unique id for aria references inside the element. */
export const uid = (prefix) => `sap-${prefix}-${(nextId += 1)}`;

/** A table whose wide content scrolls inside its own labelled, focusable region. */
export function scroller(label, table) {
  return el('div', { class: 'scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/** Offers `text` as a file named `name` (the link is made in `root`, the element's shadow root). */
export function download(root, name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An error shown next to the control that caused it: the sentence, and the code and path on request. */
export function errorBox(id, text, error) {
  return el('div', { id, class: 'error', role: 'alert' },
    el('p', {}, text),
    error?.code ? el('details', {}, el('summary', {}, 'Details for support'),
      el('p', {}, `Code ${error.code}${error.path ? `, at ${error.path}` : ''}: ${error.message}`)) : null);
}
