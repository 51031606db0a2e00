// 2. The choices: the step 3.1 and 3.2 roles, the contracts to migrate and the users left
// out of each, and the request they make.

import { $, el, renderPager } from './dom.js';
import { PAGE, state } from './state.js';

function contractMatches(c) {
  const needle = $('contract-search').value.trim().toLowerCase();
  return !needle || c.id.toLowerCase().includes(needle);
}

export function renderChoices() {
  const o = state.overview;
  $('choices').hidden = false;
  const done = o.smartAccessMigratedOn;
  $('step31-done').hidden = !done;
  $('step31-done').textContent = done ? `Step 3.1 was done on ${done}: existing users already hold their new roles.` : '';
  $('step31-roles').hidden = Boolean(done);
  renderContracts();
}

export function renderContracts() {
  const list = state.overview.contracts.filter(contractMatches);
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  state.contractPage = Math.min(state.contractPage, pages - 1);
  const shown = list.slice(state.contractPage * PAGE, (state.contractPage + 1) * PAGE);
  const rows = [];
  for (const c of shown) {
    const excluded = state.excluded.get(c.id) ?? new Set();
    const access = c.access === 'smart'
      ? el('span', { class: 'smart' }, 'Smart Access', c.graceEndsOn ? ` (grace period until ${c.graceEndsOn})` : '')
      : 'Traditional Access';
    rows.push(el('tr', { data: { contract: c.id } },
      el('td', {}, el('input', {
        type: 'checkbox', checked: state.selected.has(c.id), ariaLabel: `Migrate ${c.id}`,
        onchange: (e) => { if (e.target.checked) state.selected.add(c.id); else state.selected.delete(c.id); updateSelected(); },
      })),
      el('td', {}, c.id),
      el('td', {}, c.kind === 'service' ? 'Service' : 'Subscription'),
      el('td', {}, c.assignment),
      el('td', {}, access),
      el('td', { class: c.canMigrate ? 'ok' : 'no' }, c.canMigrate ? 'Yes' : `No — ${c.message}`),
      el('td', {}, el('button', {
        type: 'button', class: 'users-toggle',
        onclick: () => { if (state.expanded.has(c.id)) state.expanded.delete(c.id); else state.expanded.add(c.id); renderContracts(); },
      }, `${c.users.length} user${c.users.length === 1 ? '' : 's'}${excluded.size ? `, ${excluded.size} removed` : ''}`)),
    ));
    if (state.expanded.has(c.id)) {
      rows.push(el('tr', { class: 'users-row' }, el('td', { colSpan: 7 },
        el('ul', { class: 'users-list' }, c.users.map((u) => {
          const out = excluded.has(u.id);
          return el('li', { class: out ? 'excluded' : '', data: { user: u.id } },
            el('span', {}, `${u.name} (${u.id})`),
            el('button', {
              type: 'button',
              onclick: () => {
                const set = state.excluded.get(c.id) ?? new Set();
                if (out) set.delete(u.id); else set.add(u.id);
                state.excluded.set(c.id, set);
                $('compare').hidden = true;
                renderContracts();
              },
            }, out ? 'Restore' : 'Remove from migration'));
        })))));
    }
  }
  $('contracts').tBodies[0].replaceChildren(...rows);
  renderPager($('contracts-pager'), state.contractPage, pages, list.length, 'contracts', (p) => { state.contractPage = p; renderContracts(); });
  updateSelected();
}

export function updateSelected() {
  $('selected-count').textContent = `${state.selected.size} selected`;
}

export function buildRequest() {
  const request = { actor: state.actor, contracts: [...state.selected] };
  if (!state.overview.smartAccessMigratedOn) request.smartAccessRole = document.querySelector('input[name=role31]:checked').value;
  if (request.contracts.length > 0) {
    request.contractRole = document.querySelector('input[name=role32]:checked').value;
    // Object.fromEntries defines each contract id as an own key: `exclude[id] = …` with
    // an id such as "__proto__" would set the object's prototype and lose the exclusion.
    request.exclude = Object.fromEntries(
      request.contracts
        .filter((id) => state.excluded.get(id)?.size)
        .map((id) => [id, [...state.excluded.get(id)]]),
    );
  }
  return request;
}
