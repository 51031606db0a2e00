// Who can do what: one user's access, or every user who can do an action on one item — of
// the account as it is now, or as the preview on screen leaves it — on a chosen date.
import { el, scroller, uid, setChildren } from '../dom.js';
import { addDays, count, dateText, isIsoDate, today, USERS } from '../words.js';

const KINDS = [
  ['contract', 'a contract line', 'Contract id', 'Line'],
  ['va', 'a virtual account', 'Virtual account id', null],
  ['license', 'a license', 'License id', null],
  ['device', 'a device', 'Device id', null],
  ['order', 'an order, or one of its lines', 'Order id', 'Line (optional)'],
  ['account', 'the Smart Account', null, null],
];

export function renderAccess(host) {
  const section = host.shadowRoot.getElementById('access');
  if (!section) return;
  const shown = host.shown;
  const afterPossible = Boolean(shown && !shown.stale && !shown.submitted);
  const state = host.accessState ??= { after: false, on: null };
  if (!afterPossible) state.after = false;
  // On a date after the grace period by default once a preview is shown: what roles alone give.
  state.on = isIsoDate(state.on ?? '') ? state.on : today();
  const { names, overview } = host.loaded;

  const modeName = uid('mode');
  const dateId = uid('date');
  const userId = uid('user');
  const usersList = uid('users');
  const kindId = uid('kind');
  const itemId = uid('item');
  const lineId = uid('line');
  const actionId = uid('action');
  const userResult = el('div', { class: 'answer' });
  const whoResult = el('div', { class: 'answer' });

  const kindSelect = el('select', { id: kindId, onchange: () => kindChanged() },
    KINDS.map(([value, label]) => el('option', { value }, label)));
  const itemField = el('span', { class: 'field' }, el('label', { for: itemId }, 'Contract id '), el('input', { id: itemId, autocomplete: 'off' }));
  const lineField = el('span', { class: 'field' }, el('label', { for: lineId }, 'Line '), el('input', { id: lineId, autocomplete: 'off' }));
  function kindChanged() {
    const [, , itemLabel, lineLabel] = KINDS.find(([k]) => k === kindSelect.value);
    itemField.hidden = !itemLabel;
    itemField.querySelector('label').textContent = `${itemLabel ?? ''} `;
    lineField.hidden = !lineLabel;
    lineField.querySelector('label').textContent = `${lineLabel ?? ''} `;
  }
  kindChanged();

  const modeHint = afterPossible
    ? `The migration previewed above, on ${dateText(shown.request.on)}${shown.summary.graceEndsOn ? `; its grace period ends on ${dateText(shown.summary.graceEndsOn)}` : ''}.`
    : 'Preview a migration (with the choices on screen) to ask about the account after it.';

  setChildren(section,
    el('h2', { id: 'access-title' }, 'Who can do what'),
    el('fieldset', { class: 'radios' },
      el('legend', {}, 'Ask about the account'),
      el('label', { class: 'radio' }, el('input', {
        type: 'radio', name: modeName, value: 'now', checked: !state.after,
        onchange: () => { state.after = false; clearAnswers(); },
      }), ' as it is now'),
      el('label', { class: 'radio' }, el('input', {
        type: 'radio', name: modeName, value: 'after', checked: state.after, disabled: !afterPossible,
        onchange: () => {
          state.after = true;
          // A date after the grace period shows what the roles alone give.
          if (shown.summary.graceEndsOn && state.on < shown.summary.graceEndsOn) {
            state.on = shown.summary.graceEndsOn;
            section.querySelector(`#${dateId}`).value = state.on;
          }
          clearAnswers();
        },
      }), ' after this migration'),
      el('p', { class: 'hint' }, modeHint)),
    el('div', { class: 'row' },
      el('label', { for: dateId }, 'On '),
      el('input', {
        id: dateId, type: 'date', value: state.on,
        onchange: (e) => { if (isIsoDate(e.target.value)) { state.on = e.target.value; clearAnswers(); } },
      })),
    el('h3', {}, 'A user\'s access'),
    el('form', {
      class: 'row', onsubmit: (e) => { e.preventDefault(); showAccess(); },
    },
    el('label', { for: userId }, 'User id or name '),
    el('input', { id: userId, autocomplete: 'off', list: overview.users <= 1000 ? usersList : null }),
    el('button', { type: 'submit', part: 'button' }, 'Show access'),
    el('div', { 'data-errors': 'access-user', class: 'inline-errors' })),
    userResult,
    el('h3', {}, 'Who can'),
    el('form', {
      class: 'row', onsubmit: (e) => { e.preventDefault(); whoCan(); },
    },
    el('label', { for: actionId }, 'Action '),
    el('select', { id: actionId }, names.actionIds.map((a) => el('option', { value: a }, names.action(a)))),
    el('label', { for: kindId }, 'on '), kindSelect, itemField, lineField,
    el('button', { type: 'submit', part: 'button' }, 'Who can'),
    el('div', { 'data-errors': 'access-who', class: 'inline-errors' })),
    whoResult,
  );
  if (overview.users <= 1000) {
    host.call('usersList', {}, { place: 'access-user' }).then((users) => {
      if (users) section.append(el('datalist', { id: usersList }, users.map((u) => el('option', { value: u.id }, u.name))));
    });
  }

  function clearAnswers() {
    setChildren(userResult);
    setChildren(whoResult);
    host.clearError('access-user');
    host.clearError('access-who');
  }
  const where = () => (state.after ? 'after this migration' : 'as the account is now');
  const key = () => (state.after ? host.shown.key : null);

  async function showAccess() {
    host.clearError('access-user');
    const typed = section.querySelector(`#${userId}`).value.trim();
    if (!typed) {
      host.showError('access-user', { message: 'Enter a user id or name first' });
      return;
    }
    const user = await host.call('findUser', { text: typed }, { place: 'access-user' });
    if (user === null) return;
    if (!user) {
      host.showError('access-user', { message: `No user of this account is called "${typed}". Check the spelling, or pick one from the suggestions` });
      return;
    }
    const on = state.on;
    const after = state.after;
    const result = await host.call('access', { key: key(), after, user: user.id, on }, { place: 'access-user' });
    if (!result || after !== state.after || on !== state.on) return;
    setChildren(userResult, userAccess(host, result, `${result.name}'s access on ${dateText(on)}, ${where()}`));
    userResult.querySelector('[tabindex="-1"]')?.focus();
  }

  async function whoCan() {
    host.clearError('access-who');
    const kind = kindSelect.value;
    const id = kind === 'account' ? overview.id : section.querySelector(`#${itemId}`).value.trim();
    const line = section.querySelector(`#${lineId}`).value.trim();
    const [, , itemLabel, lineLabel] = KINDS.find(([k]) => k === kind);
    if (!id) {
      host.showError('access-who', { message: `Enter the ${itemLabel.toLowerCase()} first` });
      return;
    }
    if (kind === 'contract' && !line) {
      host.showError('access-who', { message: `Enter the ${lineLabel.toLowerCase()} of contract ${id} too` });
      return;
    }
    const resource = { [kind]: id };
    if ((kind === 'contract' || kind === 'order') && line) resource.line = line;
    const action = section.querySelector(`#${actionId}`).value;
    const on = state.on;
    const after = state.after;
    const result = await host.call('whoCan', { key: key(), after, action, resource, on }, { place: 'access-who', context: 'That cannot be answered' });
    if (!result || after !== state.after || on !== state.on) return;
    const item = kind === 'account' ? 'the Smart Account' : `${kind === 'va' ? 'virtual account' : kind} ${id}${resource.line ? `, line ${resource.line}` : ''}`;
    const title = `${count(result.total, USERS)} can ${names.action(action)} on ${item} on ${dateText(on)}, ${where()}${result.total > result.users.length ? ` (the first ${result.users.length} are listed)` : ''}.`;
    setChildren(whoResult,
      el('p', { tabindex: '-1', class: 'answer-title' }, title),
      result.users.length ? scroller(title, el('table', {},
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'User'), el('th', { scope: 'col' }, 'Because of'))),
        el('tbody', {}, result.users.map((w) => el('tr', { data: { user: w.user } },
          el('th', { scope: 'row' }, `${w.name} (${w.user})`),
          el('td', {}, w.reasons.map((r) => names.reason(r)).join('; and '))))))) : null);
    whoResult.querySelector('[tabindex="-1"]').focus();
  }
}

/** A user's access on a day (`Account.access`) as a table: one row per place, one column per action. */
function userAccess(host, { access }, title) {
  const { names } = host.loaded;
  const rows = [];
  if (access.sa) rows.push(['The whole Smart Account', access.sa.actions, access.sa.role]);
  for (const [va, e] of Object.entries(access.vas)) rows.push([names.va(va), e.actions, e.role]);
  if (access.unassigned) rows.push(['Items in no virtual account', access.unassigned.actions, access.unassigned.role]);
  for (const c of access.contracts) {
    rows.push([`Contract ${c.contract}${c.line === null ? '' : ` line ${c.line}`} (traditional${c.graceEndsOn ? `, until ${dateText(addDays(c.graceEndsOn, -1))}` : ''})`, c.actions, null]);
  }
  for (const s of access.orderShares) rows.push([`Order ${s.order} (shared)`, s.actions, null]);
  const actions = names.actionIds.filter((a) => rows.some(([, list]) => list.includes(a)));
  return el('div', {},
    el('p', { tabindex: '-1', class: 'answer-title' }, title),
    el('p', {}, access.viewAdminContacts ? 'Sees the administrators\' contact details.' : 'Does not see the administrators\' contact details.'),
    rows.length === 0 ? el('p', {}, 'No access.') : scroller(title, el('table', { class: 'matrix' },
      // Said once on screen (the line above); the caption names the table for those who
      // reach it by its name.
      el('caption', { class: 'visually-hidden' }, title),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Where'), el('th', { scope: 'col' }, 'Role'),
        actions.map((a) => el('th', { scope: 'col' }, names.action(a))))),
      el('tbody', {}, rows.map(([label, list, role]) => el('tr', {},
        el('th', { scope: 'row' }, label),
        el('td', {}, role ? names.role(role) : '—'),
        actions.map((a) => el('td', { class: list.includes(a) ? 'yes' : 'no-access' }, list.includes(a) ? 'Yes' : 'No'))))))));
}
