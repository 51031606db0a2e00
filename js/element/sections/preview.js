// The preview: what happens, when (the timeline), who moves where (the flows), warnings,
// rejected contracts in words, and every user's before and after a page at a time, each
// with the rules that fired and what they lose when the grace period ends.
import { download, el, scroller, uid, setChildren } from '../dom.js';
import { timeline } from '../timeline.js';
import { flowsView } from '../flows.js';
import { addDays, count, CONTRACTS, dateText, eligibilityText, USERS } from '../words.js';

export async function renderPreview(host, { retired = false } = {}) {
  const section = host.shadowRoot.getElementById('preview');
  const { summary, request } = host.shown;
  const { names } = host.loaded;
  const migrated = summary.contracts.filter((c) => c.status === 'migrated');
  const rejected = summary.contracts.filter((c) => c.status === 'rejected');
  const actorName = host.loaded.overview.saAdministrators.find((a) => a.id === request.actor)?.name ?? request.actor;
  const c = summary.counts;

  const facts = [
    summary.smartAccess
      ? `Step 3.1: ${count(summary.smartAccess.affectedUsers, USERS)} holding the User role ${summary.smartAccess.affectedUsers === 1 ? 'becomes' : 'become'} ${names.role(summary.smartAccess.role)}, at the same scope.`
      : 'Step 3.1 is not part of this migration.',
    `Step 3.2: ${count(migrated.length, CONTRACTS)} ${migrated.length === 1 ? 'moves' : 'move'} to Smart Access${rejected.length ? `; ${count(rejected.length, CONTRACTS)} cannot` : ''}.`,
    `${c.changed} of ${count(c.users, USERS)} change roles${c.losingAtGraceEnd ? `; ${count(c.losingAtGraceEnd, USERS)} ${c.losingAtGraceEnd === 1 ? 'loses' : 'lose'} some access when the grace period ends` : ''}.`,
  ];

  section.hidden = false;
  section.classList.remove('stale');
  setChildren(section,
    el('h2', { id: 'preview-title', tabindex: '-1' }, `Preview for ${dateText(request.on)}`),
    el('div', { class: 'stale-slot' }),
    el('ul', { class: 'summary' }, facts.map((f) => el('li', {}, f))),
    el('h3', {}, 'When'),
    timeline(request.on, summary.graceEndsOn),
    el('h3', {}, 'Who moves where'),
    el('p', { class: 'hint' }, 'Choose a path to list only its users.'),
    el('div', { class: 'flows-slot' }),
    summary.warnings.length ? [el('h3', {}, 'Warnings'), el('ul', { class: 'warnings' },
      summary.warnings.map((w) => el('li', { data: { code: w.code } }, w.message)))] : null,
    rejected.length ? [el('h3', {}, 'Contracts that cannot migrate'), el('ul', { class: 'rejected' },
      rejected.map((r) => el('li', { data: { contract: r.id } }, `${r.id}: ${eligibilityText(r.code, r.message, actorName)}.`)))] : null,
    el('h3', { id: 'users-title' }, 'Users'),
    usersControls(host),
    el('div', { class: 'users-slot' }),
    el('div', { class: 'detail-slot' }),
    el('div', { class: 'row actions' },
      el('button', { type: 'button', part: 'button', onclick: () => exportCsv(host) }, 'Download the preview (CSV)'),
      el('button', {
        type: 'button', class: 'primary submit-step', part: 'button primary', disabled: retired,
        onclick: () => host.review(),
      }, 'Review and submit…')),
    el('div', { 'data-errors': 'preview' }),
  );
  renderFlows(host);
  if (retired) markRetired(host);
  await renderUsers(host);
}

function renderFlows(host) {
  const slot = host.shadowRoot.querySelector('#preview .flows-slot');
  setChildren(slot, flowsView(host.shown.summary.flows, host.loaded.names, host.view.flow, (selection, pressed) => {
    host.view.flow = selection;
    host.view.page = 0;
    renderFlows(host);
    // The buttons are drawn anew: focus goes back to the one pressed.
    host.shadowRoot.querySelector(`#preview .flow[data-flow="${pressed}"]`)?.focus();
    renderUsers(host);
  }));
}

function usersControls(host) {
  const filterId = uid('filter');
  const searchId = uid('search');
  let timer;
  return el('div', { class: 'row' },
    el('label', { for: filterId }, 'Show '),
    el('select', {
      id: filterId,
      onchange: (e) => { host.view.filter = e.target.value; host.view.page = 0; renderUsers(host); },
    },
    el('option', { value: 'all' }, 'every user'),
    el('option', { value: 'changed' }, 'users whose roles change'),
    el('option', { value: 'losingAtGraceEnd' }, 'users who lose access when the grace period ends')),
    el('label', { for: searchId }, 'Find a user '),
    el('input', {
      id: searchId, type: 'search', autocomplete: 'off',
      oninput: (e) => {
        clearTimeout(timer);
        timer = setTimeout(() => { host.view.search = e.target.value.trim(); host.view.page = 0; renderUsers(host); }, 150);
      },
    }));
}

/** One page of users, for the view on screen; a page that arrives for an older view is dropped. */
export async function renderUsers(host) {
  const shown = host.shown;
  const view = { ...host.view };
  const result = await host.call('rows', { key: shown.key, ...view }, { place: 'preview' });
  if (!result || host.shown !== shown || JSON.stringify(view) !== JSON.stringify(host.view)) return;
  const { names } = host.loaded;
  const slot = host.shadowRoot.querySelector('#preview .users-slot');
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const flow = view.flow === null ? null : shown.summary.flows[view.flow];
  const caption = `${count(result.total, USERS)}${flow ? ` going from ${names.roleMix(flow.from)} to ${names.roleMix(flow.to)}` : ''}${pages > 1 ? `, page ${view.page + 1} of ${pages}` : ''}`;
  const grantCells = (list, other, mark) => (list.length === 0 ? el('span', { class: 'none' }, 'No role')
    : list.map((g) => {
      const changed = !other.some((o) => o.role === g.role && (o.va ?? null) === (g.va ?? null));
      return el('span', { class: `grant${changed ? ` ${mark}` : ''}` }, names.grant(g), changed ? el('span', { class: 'visually-hidden' }, mark === 'added' ? ' (new)' : ' (ends)') : null);
    }));
  const table = el('table', { class: 'users' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ['User', 'Before', 'After', 'Why', 'When the grace period ends', 'Details'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, result.rows.map((r) => el('tr', { data: { user: r.id } },
      el('th', { scope: 'row' }, r.name, el('br'), el('span', { class: 'id' }, r.id)),
      el('td', { class: 'before' }, grantCells(r.before, r.after, 'removed')),
      el('td', { class: 'after' }, grantCells(r.after, r.before, 'added')),
      el('td', { class: 'why' }, r.resolution.length ? r.resolution.map((s) => el('p', {}, s.text)) : 'No change.'),
      el('td', { class: 'losses' }, r.losesAtGraceEnd.vas.length
        ? el('ul', {}, names.losses(r.losesAtGraceEnd).map((line) => el('li', {}, line)))
        : 'Loses nothing.'),
      el('td', {}, el('button', { type: 'button', part: 'button', onclick: () => showUser(host, r.id, r.name) }, `Access of ${r.name}`))))));
  const pager = pages > 1 ? el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: view.page === 0, onclick: () => turn(host, -1) }, 'Previous users'),
    el('span', {}, `Page ${view.page + 1} of ${pages}`),
    el('button', { type: 'button', disabled: view.page >= pages - 1, onclick: () => turn(host, 1) }, 'Next users')) : null;
  setChildren(slot, scroller(`Users, ${caption}`, table), pager ?? '');
}

function turn(host, by) {
  host.view.page += by;
  renderUsers(host).then(() => host.shadowRoot.querySelector('#preview .users caption')?.scrollIntoView({ block: 'nearest' }));
}

/** One user's access before, during and after the grace period: three dated tables. */
async function showUser(host, id, name) {
  const shown = host.shown;
  const user = await host.call('user', { key: shown.key, id }, { place: 'preview' });
  if (!user || host.shown !== shown) return;
  const { request, summary } = shown;
  const grace = summary.graceEndsOn;
  const slot = host.shadowRoot.querySelector('#preview .detail-slot');
  const titleId = uid('detail');
  setChildren(slot, el('div', { class: 'detail', role: 'group', 'aria-labelledby': titleId },
    el('h3', { id: titleId, tabindex: '-1' }, `Access of ${name}`),
    el('div', { class: 'matrices' },
      accessTable(host, `Before the migration (until ${dateText(addDays(request.on, -1))})`, user.access.before),
      grace
        ? accessTable(host, `During the grace period (${dateText(request.on)} to ${dateText(addDays(grace, -1))})`, user.access.duringGrace)
        : null,
      accessTable(host, grace ? `After the grace period (from ${dateText(grace)})` : `From ${dateText(request.on)}`, user.access.afterGrace)),
    user.losesAtGraceEnd.vas.length
      ? el('ul', { class: 'losses' }, host.loaded.names.losses(user.losesAtGraceEnd).map((line) => el('li', {}, line)))
      : el('p', {}, `${name} loses nothing when the grace period ends.`)));
  slot.querySelector('h3').focus();
}

/** A preview ACCESS as a table: one column per place, one row per action. */
export function accessTable(host, title, access) {
  const { names } = host.loaded;
  const columns = [];
  if (access.sa) columns.push(['The whole Smart Account', access.sa]);
  for (const [va, entry] of Object.entries(access.vas)) columns.push([names.va(va), entry]);
  for (const [contract, entry] of Object.entries(access.contracts)) columns.push([`Contract ${contract} (traditional)`, entry]);
  const actions = names.actionIds.filter((a) => columns.some(([, e]) => e.actions.includes(a)));
  if (columns.length === 0) return el('div', { class: 'matrix' }, el('h4', {}, title), el('p', {}, 'No access.'));
  return scroller(title, el('table', { class: 'matrix' },
    el('caption', {}, title),
    el('thead', {},
      el('tr', {}, el('td', {}), columns.map(([place]) => el('th', { scope: 'col' }, place))),
      el('tr', {}, el('th', { scope: 'row' }, 'Role'), columns.map(([, e]) => el('td', {}, e.role ? names.role(e.role) : '—')))),
    el('tbody', {}, actions.map((a) => el('tr', {}, el('th', { scope: 'row' }, names.action(a)),
      columns.map(([, e]) => el('td', { class: e.actions.includes(a) ? 'yes' : 'no-access' }, e.actions.includes(a) ? 'Yes' : 'No')))))));
}

async function exportCsv(host) {
  const csv = await host.call('csv', { key: host.shown.key }, { place: 'preview' });
  if (csv === null) return;
  download(host.shadowRoot, `migration-preview-${host.loaded.overview.id}.csv`, 'text/csv', csv);
}

/** The choices changed after this preview: it says so, and it cannot be submitted. */
export function markStale(host) {
  const section = host.shadowRoot.getElementById('preview');
  section.classList.add('stale');
  section.querySelector('.stale-slot')?.replaceChildren(el('div', { class: 'notice', role: 'note' },
    el('p', {}, el('strong', {}, 'Out of date. '), 'The choices changed after this preview, so it no longer shows what would be submitted.'),
    el('button', { type: 'button', class: 'primary', part: 'button primary', onclick: () => host.preview() }, 'Preview again')));
  for (const b of section.querySelectorAll('.submit-step')) b.disabled = true;
  host.shadowRoot.getElementById('submission').hidden = true;
}

function markRetired(host) {
  const section = host.shadowRoot.getElementById('preview');
  section.classList.add('stale');
  section.querySelector('.stale-slot')?.replaceChildren(el('div', { class: 'notice', role: 'note' },
    el('p', {}, el('strong', {}, 'Submitted. '), 'This preview was submitted; it describes the account before the migration.')));
}
