// The demo page: the preview element (smart-access/element) with an example chooser and a
// file picker. A submission is not sent anywhere here: the page applies it in a worker and
// opens the migrated account in the element, as a portal would after sending it.
import '/pkg/element/index.js';

const element = document.getElementById('preview');
const status = document.getElementById('source-status');
/** The JSON text of the account open in the element, for applying a submission to it, and
 * of the one handed to it and not open yet (a file it refuses leaves the last one open). */
let current = null;
let pending = null;

/** Hands the account to the element, which says itself that it is opening it (or why not). */
function open(text) {
  pending = text;
  status.textContent = '';
  element.account = text;
}
element.addEventListener('opened', () => {
  current = pending;
  pending = null;
});

for (const button of document.querySelectorAll('[data-example]')) {
  button.addEventListener('click', async () => {
    const name = button.dataset.example;
    const url = name === 'large' ? '/examples/large.json' : `/examples/${name}/account.json`;
    status.textContent = `Fetching ${button.textContent}…`;
    const response = await fetch(url);
    if (!response.ok) {
      status.textContent = `${button.textContent} could not be fetched (HTTP ${response.status}).`;
      return;
    }
    open(await response.text());
  });
}

document.getElementById('file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (file) open(await file.text());
});

const applier = new Worker(new URL('./apply-worker.js', import.meta.url), { type: 'module' });
element.addEventListener('submit', (e) => {
  status.textContent = 'Submitted. Applying it here to show the migrated account…';
  applier.postMessage({ account: current, request: e.detail.request });
});
applier.onmessage = ({ data }) => {
  if (data.error) {
    status.textContent = `The submission could not be applied here: ${data.error}`;
    return;
  }
  pending = data.account;
  status.textContent = `Applied as ${data.transactionId}. The migrated account is open below.`;
  element.account = data.account;
};
