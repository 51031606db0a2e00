// The preview page's main thread: it renders what the engine (in worker.js) returns and
// sends it the administrator's choices. Every piece of data is written as text.

const ROLE = {
  admin: 'Administrator', approver: 'Approver', viewer: 'Viewer', user: 'User',
  licenseUser: 'License User', serviceUser: 'Service User', fullUser: 'Full User',
};
const ACTION = {
  downloadSoftware: 'Download Software Image', openCase: 'Open TAC / Technical Case',
  orderUpgrade: 'Order Software Version Upgrade', viewAll: 'View All', performRma: 'Perform RMA',
  useLicense: 'Use License', manageUsers: 'Manage Users', assignAssets: 'Assign Assets',
  migrateAccess: 'Migrate Access', approveRequests: 'Approve Requests', approveAgreements: 'Approve Agreements',
  viewAdminContacts: 'View Administrator Contacts',
};
const PAGE = 50;
const $ = (id) => document.getElementById(id);

/** Builds an element; strings become text nodes, never markup. */
function el(tag, props = {}, ...children) {
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

// ---- the worker ----

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
worker.onmessage = ({ data }) => {
  const call = pending.get(data.id);
  if (!call) return;
  if (data.type === 'progress') return showStatus(data.stage);
  pending.delete(data.id);
  if (data.type === 'done') call.resolve(data.result);
  else call.reject(data.error);
};
worker.onerror = (e) => showError({ code: 'WORKER', path: '', message: e.message || 'the engine could not start' });

function call(op, args) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

let busy = 0;
/** Runs one engine call with the status line shown and the action buttons disabled. */
async function run(op, args, label) {
  busy += 1;
  document.body.classList.add('busy');
  document.querySelectorAll('button.primary').forEach((b) => { b.disabled = true; });
  showStatus(label);
  try {
    return await call(op, args);
  } catch (e) {
    showError(e);
    return null;
  } finally {
    busy -= 1;
    if (busy === 0) {
      $('status').hidden = true;
      document.body.classList.remove('busy');
      document.querySelectorAll('button.primary').forEach((b) => { b.disabled = false; });
    }
  }
}

function showStatus(text) {
  $('status-text').textContent = text;
  $('status').hidden = false;
}

function showError(e) {
  const box = $('error');
  box.replaceChildren(
    el('strong', {}, e.code ?? 'ERROR'),
    e.path ? ` at ${e.path}` : '',
    `: ${e.message}`,
  );
  box.hidden = false;
}

// ---- state ----

const state = {
  overview: null,
  actor: null,
  selected: new Set(),
  excluded: new Map(), // contract id -> Set of user ids
  expanded: new Set(),
  contractPage: 0,
  userPage: 0,
  request: null,
  submissionJson: null,
};

const vaName = (id) => state.overview?.virtualAccounts.find((v) => v.id === id)?.name ?? id;
const grantText = (g) => (g.va ? `VA ${ROLE[g.role]} · ${vaName(g.va)}` : `SA ${ROLE[g.role]}`);
function grantChips(list, flag) {
  if (list.length === 0) return el('span', { class: 'none' }, '—');
  return list.map((g) => el('span', { class: `grant${g[flag] ? ` ${flag}` : ''}`, title: `${g.role}@${g.va ?? 'SA'}` }, grantText(g)));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function debounce(fn, ms = 200) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---- 1. account ----

async function load(args, label) {
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

async function refreshOverview() {
  const overview = await run('overview', { actor: state.actor }, 'Checking the contracts…');
  if (!overview) return;
  state.overview = overview;
  renderAccount();
  renderChoices();
  $('access').hidden = false;
}

function renderAccount() {
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

// ---- 2. choices ----

function contractMatches(c) {
  const needle = $('contract-search').value.trim().toLowerCase();
  return !needle || c.id.toLowerCase().includes(needle);
}

function renderChoices() {
  const o = state.overview;
  $('choices').hidden = false;
  const done = o.smartAccessMigratedOn;
  $('step31-done').hidden = !done;
  $('step31-done').textContent = done ? `Step 3.1 was done on ${done}: existing users already hold their new roles.` : '';
  $('step31-roles').hidden = Boolean(done);
  renderContracts();
}

function renderContracts() {
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

function updateSelected() {
  $('selected-count').textContent = `${state.selected.size} selected`;
}

function renderPager(node, page, pages, total, noun, go) {
  node.replaceChildren(
    el('button', { type: 'button', disabled: page === 0, onclick: () => go(page - 1) }, 'Previous'),
    `Page ${page + 1} of ${pages} (${total.toLocaleString('en')} ${noun})`,
    el('button', { type: 'button', disabled: page >= pages - 1, onclick: () => go(page + 1) }, 'Next'),
  );
}

function buildRequest() {
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

// ---- 3. preview ----

async function preview() {
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

async function renderUsers() {
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

// ---- 4. submission ----

async function submit() {
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

async function apply() {
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

// ---- who can do what ----

function reasonText(r) {
  switch (r.source) {
    case 'grant': return `the grant ${grantText(r.grant)}`;
    case 'contract': return `traditional access to contract ${r.contract}${r.graceEndsOn ? ` (grace period until ${r.graceEndsOn})` : ''}`;
    case 'orderShare': return `order ${r.order}${r.lines ? ` (lines ${r.lines.join(', ')})` : ''} shared with them by ${r.recipient === 'email' ? 'e-mail' : 'user id'}`;
    default: return `membership of ${r.org}, with a role in this account`;
  }
}

async function showAccess() {
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

async function whoCan() {
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

// ---- the choices compared ----

async function compare() {
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

// ---- wiring ----

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
