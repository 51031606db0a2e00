// The choices compared: every combination of the step 3.1 and 3.2 roles side by side,
// one click to pick a column and preview it.

import { $, el } from './dom.js';
import { run } from './engine.js';
import { ROLE } from './state.js';
import { buildRequest } from './choices.js';
import { preview } from './preview.js';

export async function compare() {
  $('error').hidden = true;
  const choices = await run('compare', { request: buildRequest() }, 'Planning every choice…');
  if (!choices) return;
  const step = (n, role) => (role ? `Step ${n}: ${ROLE[role]}` : `Step ${n}: —`);
  const cell = (c, render) => el('td', {}, render(c));
  const names = (list, total) => (total === 0 ? 'none' : `${total}: ${list.join(', ')}${total > list.length ? ', …' : ''}`);
  const rows = [
    ['Users whose roles change', (c) => `${c.counts.changed} of ${c.counts.users}`],
    ['Contracts migrated / rejected', (c) => `${c.migrated} / ${c.rejected}`],
    ['SA-wide access through collapse', (c) => names(c.collapsed.names, c.collapsed.total)],
    ['Lose access when the grace period ends',
      (c) => names(c.losing.users.map((u) => `${u.name} (${u.contracts.join(', ')})`), c.losing.total)],
    ['Warnings', (c) => (c.warnings.length ? el('ul', {}, c.warnings.map((w) => el('li', {}, `⚠ ${w}`))) : 'none')],
  ];
  $('compare-table').replaceChildren(
    el('thead', {}, el('tr', {}, el('td'), choices.map((c, i) => el('th', { scope: 'col', data: { choice: String(i) } },
      step('3.1', c.request.smartAccessRole), el('br'), step('3.2', c.request.contractRole))))),
    el('tbody', {},
      rows.map(([label, render]) => el('tr', {}, el('th', { scope: 'row' }, label), choices.map((c) => cell(c, render)))),
      el('tr', {}, el('td'), choices.map((c, i) => el('td', {},
        el('button', { type: 'button', class: 'pick', data: { choice: String(i) }, onclick: () => pick(c.request) }, 'Pick this'))))),
  );
  $('compare').hidden = false;
}

/** Sets the two roles of a compared column and previews it. */
function pick(request) {
  if (request.smartAccessRole) document.querySelector(`input[name=role31][value=${request.smartAccessRole}]`).checked = true;
  if (request.contractRole) document.querySelector(`input[name=role32][value=${request.contractRole}]`).checked = true;
  $('compare').hidden = true;
  preview();
}
