// Who can do what: one user's access on a day (each cell explained on request), and the
// reverse, every user who can do an action on one item.

import { $, el } from './dom.js';
import { run } from './engine.js';
import { ACTION, ROLE, reasonText, state, vaName } from './state.js';

export async function showAccess() {
  const user = $('access-user').value.trim();
  const on = $('access-date').value;
  $('access-why').textContent = '';
  const result = await run('access', { user, on }, 'Resolving access…');
  if (!result) return;
  const { access, name } = result;
  const rows = [];
  if (access.sa) rows.push(['Smart Account (SA scope)', { account: state.overview.id }, access.sa.actions, access.sa.role]);
  for (const [va, e] of Object.entries(access.vas)) rows.push([vaName(va), { va }, e.actions, e.role]);
  if (access.unassigned) rows.push(['Items assigned to no VA', null, access.unassigned.actions, access.unassigned.role]);
  for (const c of access.contracts) {
    rows.push([`Contract ${c.contract} (traditional${c.graceEndsOn ? `, grace period until ${c.graceEndsOn}` : ''})`,
      c.line === null ? null : { contract: c.contract, line: c.line }, c.actions, null]);
  }
  for (const s of access.orderShares) {
    rows.push([`Order ${s.order}${s.lines ? ` lines ${s.lines.join(', ')}` : ''} (shared)`,
      s.lines ? { order: s.order, line: s.lines[0] } : { order: s.order }, s.actions, null]);
  }
  const actions = Object.keys(ACTION).filter((a) => rows.some(([, , list]) => list.includes(a)));
  $('access-result').replaceChildren(
    el('p', {}, `${name} (${access.user}) on ${access.on}: ${access.viewAdminContacts ? 'sees' : 'does not see'} the SA administrators' contacts.`),
    rows.length === 0 ? el('p', {}, 'No access.') : el('table', { id: 'access-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Where'), el('th', {}, 'Role'), actions.map((a) => el('th', { scope: 'col' }, ACTION[a])))),
      el('tbody', {}, rows.map(([label, resource, list, role]) => el('tr', {},
        el('th', { scope: 'row' }, label),
        el('td', {}, role ? ROLE[role] : '—'),
        actions.map((a) => el('td', { class: list.includes(a) ? 'yes' : '' }, list.includes(a)
          ? (resource ? el('button', { type: 'button', class: 'why', ariaLabel: `Why: ${ACTION[a]}, ${label}`, data: { action: a },
            onclick: () => explainCell(access.user, a, resource, access.on, label) }, '✓') : '✓')
          : '')))))),
  );
}

async function explainCell(user, action, resource, on, label) {
  const e = await run('explain', { user, action, resource, on }, 'Explaining…');
  if (!e) return;
  $('access-why').textContent = e.allowed
    ? `${ACTION[action]} on ${label}: allowed by ${e.reasons.map(reasonText).join('; and by ')}.`
    : `${ACTION[action]} on ${label}: denied. ${e.denial}`;
}

export async function whoCan() {
  const kind = $('who-kind').value;
  const id = kind === 'account' ? state.overview.id : $('who-id').value.trim();
  const line = $('who-line').value.trim();
  const resource = { [kind]: id };
  if ((kind === 'contract' || kind === 'order') && line) resource.line = line;
  const action = $('who-action').value;
  const on = $('access-date').value;
  const result = await run('whoCan', { action, resource, on }, 'Finding who can…');
  if (!result) return;
  const item = kind === 'account' ? 'the Smart Account' : `${kind} ${id}${resource.line ? ` line ${resource.line}` : ''}`;
  $('who-result').replaceChildren(
    el('p', {}, `${result.total} user(s) can ${ACTION[action]} on ${item} on ${on || 'today'}${result.total > result.users.length ? ` (the first ${result.users.length} shown)` : ''}.`),
    result.users.length === 0 ? null : el('table', { id: 'who-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'User'), el('th', { scope: 'col' }, 'Why'))),
      el('tbody', {}, result.users.map((w) => el('tr', { data: { user: w.user } },
        el('th', { scope: 'row' }, `${w.name} (${w.user})`),
        el('td', {}, w.reasons.map(reasonText).join('; and ')))))),
  );
}
