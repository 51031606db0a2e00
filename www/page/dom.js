// The page's DOM helpers: elements built from text (never markup), the status line and
// the error box, pagers, downloads.

export const $ = (id) => document.getElementById(id);

/** Builds an element; strings become text nodes, never markup. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'data') Object.assign(node.dataset, v);
    else node[k] = v;
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export function showStatus(text) {
  $('status-text').textContent = text;
  $('status').hidden = false;
}

export function showError(e) {
  const box = $('error');
  box.replaceChildren(
    el('strong', {}, e.code ?? 'ERROR'),
    e.path ? ` at ${e.path}` : '',
    `: ${e.message}`,
  );
  box.hidden = false;
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function debounce(fn, ms = 200) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function renderPager(node, page, pages, total, noun, go) {
  node.replaceChildren(
    el('button', { type: 'button', disabled: page === 0, onclick: () => go(page - 1) }, 'Previous'),
    `Page ${page + 1} of ${pages} (${total.toLocaleString('en')} ${noun})`,
    el('button', { type: 'button', disabled: page >= pages - 1, onclick: () => go(page + 1) }, 'Next'),
  );
}
