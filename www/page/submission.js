// 4. The submission: exactly what would be sent, its download, and applying it to the
// account in the engine.

import { $, el } from './dom.js';
import { run } from './engine.js';
import { grantChips, state } from './state.js';
import { renderAccount } from './account.js';
import { renderChoices } from './choices.js';

export async function submit() {
  const result = await run('submission', {}, 'Preparing the submission…');
  if (!result) return;
  const { transactionId, changes, contracts, shown, json } = result;
  state.submissionJson = json;
  $('transaction').textContent = `Transaction ${transactionId}: ${changes} user(s) change, ${contracts} contract(s) move to Smart Access.`;
  $('changes').tBodies[0].replaceChildren(...shown.map((c) => el('tr', { data: { user: c.user } },
    el('td', {}, c.user), el('td', {}, grantChips(c.add, '')), el('td', {}, grantChips(c.remove, '')))));
  $('changes-more').textContent = changes > shown.length
    ? `…and ${changes - shown.length} more in the downloaded JSON.` : '';
  $('applied').textContent = '';
  $('submission').hidden = false;
  $('submission').scrollIntoView({ block: 'nearest' });
}

export async function apply() {
  const result = await run('apply', { request: state.request }, 'Applying the migration…');
  if (!result) return;
  state.overview = result.overview;
  state.selected.clear();
  state.excluded.clear();
  state.expanded.clear();
  $('result').hidden = true;
  renderAccount();
  renderChoices();
  $('applied').textContent = `Applied as ${result.transactionId} (${result.events} history events). The account above is now the migrated one.`;
}
