// The preview page's main thread: it renders what the engine (in worker.js) returns and
// sends it the administrator's choices. Every piece of data is written as text.
// Each part of the page is a module of page/; this one wires them to the controls.

import { $, debounce, download, el } from './page/dom.js';
import { run } from './page/engine.js';
import { ACTION, state } from './page/state.js';
import { load, refreshOverview } from './page/account.js';
import { renderContracts } from './page/choices.js';
import { preview, renderUsers } from './page/preview.js';
import { apply, submit } from './page/submission.js';
import { showAccess, whoCan } from './page/access.js';
import { compare } from './page/compare.js';

$('example').addEventListener('change', (e) => {
  const value = e.target.value;
  if (!value) return;
  $('file').value = '';
  load(value === 'large' ? { generate: true } : { example: value }, 'Loading…');
});
$('file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  $('example').value = '';
  load({ text: await file.text() }, `Reading ${file.name}…`);
});
$('actor').addEventListener('change', (e) => { state.actor = e.target.value; refreshOverview(); });
$('contract-search').addEventListener('input', debounce(() => { state.contractPage = 0; renderContracts(); }));
$('select-all').addEventListener('click', () => {
  for (const c of state.overview.contracts) if (c.canMigrate) state.selected.add(c.id);
  renderContracts();
});
$('select-none').addEventListener('click', () => { state.selected.clear(); renderContracts(); });
$('preview-button').addEventListener('click', preview);
$('compare-button').addEventListener('click', compare);
// A comparison is of the choices it was made for: changing them takes it away.
$('choices').addEventListener('change', () => { $('compare').hidden = true; });
for (const id of ['select-all', 'select-none']) $(id).addEventListener('click', () => { $('compare').hidden = true; });
$('filter').addEventListener('change', () => { state.userPage = 0; renderUsers(); });
$('user-search').addEventListener('input', debounce(() => { state.userPage = 0; renderUsers(); }));
$('export').addEventListener('click', async () => {
  const csv = await run('csv', {}, 'Writing the CSV…');
  if (csv) download(`migration-preview-${state.overview.id}.csv`, 'text/csv', csv);
});
$('submit').addEventListener('click', submit);
$('download').addEventListener('click', () => {
  download(`migration-submission-${state.overview.id}.json`, 'application/json', state.submissionJson);
});
$('apply').addEventListener('click', apply);
$('access-date').value = new Date().toISOString().slice(0, 10);
$('access-button').addEventListener('click', showAccess);
$('who-action').replaceChildren(...Object.entries(ACTION).map(([value, label]) => el('option', { value }, label)));
$('who-button').addEventListener('click', whoCan);
$('access-user').addEventListener('keydown', (e) => { if (e.key === 'Enter') showAccess(); });
