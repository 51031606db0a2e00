// 3. The preview: its summary, the users' table a page at a time, and one user's access
// before, during and after the grace period.

import { $, el, renderPager, showError } from './dom.js';
import { call, run } from './engine.js';
import { ACTION, PAGE, ROLE, grantChips, state, vaName } from './state.js';
import { buildRequest } from './choices.js';

export async function preview() {
  $('error').hidden = true;
  const request = buildRequest();
  const result = await run('preview', { request }, 'Computing the preview…');
  if (!result) return;
  state.request = request;
  state.userPage = 0;
  $('submission').hidden = true;
  renderSummary(result);
  $('result').hidden = false;
  $('detail').hidden = true;
  await renderUsers();
}

function renderSummary(p) {
  const migrated = p.contracts.filter((c) => c.status === 'migrated');
  const rejected = p.contracts.filter((c) => c.status === 'rejected');
  $('summary').replaceChildren(el('ul', {},
    p.smartAccess
      ? el('li', {}, `Step 3.1: ${p.smartAccess.affectedUsers} user(s) holding SA/VA User move to ${ROLE[p.smartAccess.role]}.`)
      : el('li', {}, 'Step 3.1 is not part of this request.'),
    el('li', {}, `Step 3.2: ${migrated.length} contract(s) migrated, ${rejected.length} rejected.`),
    p.graceEndsOn ? el('li', {}, `Traditional contract access continues until the grace period ends on ${p.graceEndsOn}.`) : null,
    el('li', {}, `${p.counts.changed} of ${p.counts.users} users change roles; ${p.counts.losingAtGraceEnd} lose some access when the grace period ends.`),
  ));
  $('warnings').replaceChildren(...p.warnings.map((w) => el('li', { data: { code: w.code } }, `⚠ ${w.message}`)));
  $('rejected').replaceChildren(...(rejected.length ? [
    el('h3', {}, 'Rejected contracts'),
    el('table', { id: 'rejected-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Contract'), el('th', {}, 'Reason'), el('th', {}, 'Details'))),
      el('tbody', {}, rejected.map((c) => el('tr', { data: { contract: c.id } }, el('td', {}, c.id), el('td', {}, c.code), el('td', {}, c.message))))),
  ] : []));
}

export async function renderUsers() {
  const page = await call('rows', { filter: $('filter').value, search: $('user-search').value, offset: state.userPage * PAGE, limit: PAGE })
    .catch((e) => { showError(e); return null; });
  if (!page) return;
  $('users').tBodies[0].replaceChildren(...page.rows.map((r) => el('tr', { data: { user: r.id } },
    el('td', {}, el('strong', {}, r.name), el('br'), el('small', {}, r.id)),
    el('td', { class: 'before' }, grantChips(r.before, 'removed')),
    el('td', { class: 'after' }, grantChips(r.after, 'added')),
    el('td', { class: 'why' }, r.why.map((t) => el('div', {}, t))),
    el('td', {}, r.loses ? `${r.loses} item(s)` : '—'),
    el('td', {}, el('button', { type: 'button', onclick: () => showUser(r.id) }, 'Access…')),
  )));
  const pages = Math.max(1, Math.ceil(page.total / PAGE));
  renderPager($('users-pager'), state.userPage, pages, page.total, 'users', (p) => { state.userPage = p; renderUsers(); });
}

function matrix(title, access) {
  const columns = [];
  if (access.sa) columns.push([`SA`, access.sa]);
  for (const [va, entry] of Object.entries(access.vas)) columns.push([vaName(va), entry]);
  for (const [contract, entry] of Object.entries(access.contracts)) columns.push([`Contract ${contract} (traditional)`, entry]);
  const actions = Object.keys(ACTION).filter((a) => columns.some(([, e]) => e.actions.includes(a)));
  return el('table', { class: 'matrix' },
    el('caption', {}, title),
    el('thead', {},
      el('tr', {}, el('th', {}, 'Actions'), columns.map(([name]) => el('th', { scope: 'col' }, name))),
      el('tr', {}, el('th', {}, 'Role'), columns.map(([, e]) => el('td', {}, e.role ? ROLE[e.role] : '—')))),
    el('tbody', {}, actions.length
      ? actions.map((a) => el('tr', {}, el('th', { scope: 'row' }, ACTION[a]),
        columns.map(([, e]) => (e.actions.includes(a) ? el('td', { class: 'yes' }, '✓') : el('td', {}, '')))))
      : el('tr', {}, el('td', {}, 'No access'))));
}

async function showUser(id) {
  const user = await run('user', { id }, 'Loading the user…');
  if (!user) return;
  const losses = user.losesAtGraceEnd;
  $('detail').replaceChildren(
    el('h3', {}, `${user.name} (${user.id}) — access before, during and after the grace period`),
    el('div', { class: 'matrices' },
      matrix('Before', user.access.before),
      matrix('During the grace period', user.access.duringGrace),
      matrix('After the grace period', user.access.afterGrace)),
    el('h4', {}, 'Lost when the grace period ends'),
    losses.length
      ? el('ul', { class: 'losses' }, losses.map((l) => el('li', {},
        `Contract ${l.contract}, lines in ${l.va ? vaName(l.va) : 'no VA'}: ${l.actions.map((a) => ACTION[a]).join(', ')} — ends ${l.on}`)))
      : el('p', {}, 'Nothing.'),
  );
  $('detail').hidden = false;
  $('detail').scrollIntoView({ block: 'nearest' });
}
