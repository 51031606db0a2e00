// 1. The account: loading it (an example, the generated large one or a file) and its
// overview, which the choices are made from.

import { $, el, showError } from './dom.js';
import { run } from './engine.js';
import { state } from './state.js';
import { renderChoices } from './choices.js';

export async function load(args, label) {
  $('error').hidden = true;
  const overview = await run('load', args, label);
  if (!overview) return;
  state.selected.clear();
  state.excluded.clear();
  state.expanded.clear();
  state.contractPage = 0;
  $('result').hidden = true;
  $('submission').hidden = true;
  const admins = overview.saAdministrators;
  state.actor = admins[0]?.id ?? null;
  $('actor').replaceChildren(...admins.map((a) => el('option', { value: a.id }, `${a.name} (${a.id})`)));
  if (!state.actor) {
    showError({ code: 'NO_SA_ADMINISTRATOR', message: 'this account has no SA administrator, so nobody can migrate it' });
  }
  await refreshOverview();
}

export async function refreshOverview() {
  const overview = await run('overview', { actor: state.actor }, 'Checking the contracts…');
  if (!overview) return;
  state.overview = overview;
  renderAccount();
  renderChoices();
  $('access').hidden = false;
}

export function renderAccount() {
  const o = state.overview;
  const done = o.smartAccessMigratedOn;
  const smart = o.contracts.filter((c) => c.access === 'smart').length;
  $('account').replaceChildren(
    el('dt', {}, 'Smart Account'), el('dd', {}, `${o.name ?? o.id} (${o.id}, ${o.org})`),
    el('dt', {}, 'Virtual accounts'), el('dd', {}, String(o.virtualAccounts.length)),
    el('dt', {}, 'Users'), el('dd', {}, o.users.toLocaleString('en')),
    el('dt', {}, 'Contracts'), el('dd', {}, `${o.contracts.length.toLocaleString('en')} (${smart} with Smart Access)`),
    el('dt', {}, 'Step 3.1'), el('dd', { id: 'step31-state' }, done ? `done on ${done}` : 'pending'),
  );
  $('account').hidden = false;
}
