// The choices: who submits, on which date, the step 3.1 and 3.2 roles, the contracts to
// migrate and, per contract, the users left out. Every control changes the element's
// choices in place (nothing is rebuilt under the person's focus but the contract page).
import { el, uid, setChildren } from '../dom.js';
import { count, CONTRACTS, eligibilityText, isIsoDate, USERS } from '../words.js';

/** Contracts per page of the list. */
const PAGE = 20;

export function renderChoices(host, { keepFocus = false } = {}) {
  const section = host.shadowRoot.getElementById('choices');
  const focused = keepFocus ? host.shadowRoot.activeElement?.dataset.focusKey : null;
  const { overview, names } = host.loaded;
  const c = host.choices;
  const done = overview.smartAccessMigratedOn;

  const radios = (name, legend, options, value, key) => el('fieldset', { class: 'radios' },
    el('legend', {}, legend),
    options.map(([id, hint]) => el('label', { class: 'radio' },
      el('input', {
        type: 'radio', name, value: id, checked: value === id, data: { focusKey: `${name}-${id}` },
        onchange: () => host.choose({ [key]: id }),
      }),
      ` ${names.roleAt(id, key === 'role31' ? 'sa' : 'va')}`, el('span', { class: 'hint' }, ` — ${hint}`))));

  const dateId = uid('on');
  const dateHint = uid('on-hint');
  setChildren(section,
    el('h2', { id: 'choices-title' }, 'Migration choices'),
    el('div', { class: 'row' },
      el('label', {}, 'Submitted by ',
        el('select', { data: { focusKey: 'actor' }, onchange: (e) => host.choose({ actor: e.target.value }) },
          overview.saAdministrators.map((a) => el('option', { value: a.id, selected: a.id === c.actor }, `${a.name} (${a.id})`)))),
      el('span', { class: 'field' },
        el('label', { for: dateId }, 'Migration date '),
        el('input', {
          id: dateId, type: 'date', value: c.on, required: true, 'aria-describedby': dateHint, data: { focusKey: 'on' },
          onchange: (e) => {
            if (isIsoDate(e.target.value)) host.choose({ on: e.target.value });
          },
        }),
        el('span', { id: dateHint, class: 'hint' }, ' The grace period starts on this day.'))),
    done
      ? el('p', {}, `Step 3.1 is done: existing users already hold their new roles.`)
      : radios('role31', 'Step 3.1 — existing SA and VA users (User) become', [
        ['licenseUser', 'licensing only, as today'],
        ['fullUser', 'services and licensing, including RMA'],
      ], c.role31, 'role31'),
    radios('role32', 'Step 3.2 — contract users become, at each VA holding the contract\'s lines', [
      ['serviceUser', 'services, as with traditional access today'],
      ['fullUser', 'services and licenses'],
    ], c.role32, 'role32'),
    contractsPart(host),
    el('div', { class: 'row actions' },
      el('button', { type: 'button', class: 'primary', part: 'button primary', onclick: () => host.preview() }, 'Preview migration'),
      el('button', { type: 'button', part: 'button', onclick: () => host.compare() }, 'Compare the four choices')),
    el('p', { class: 'busy', 'data-busy': 'choices', hidden: true }),
    el('div', { 'data-errors': 'choices' }),
  );
  if (focused) section.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
}

function contractsPart(host) {
  const c = host.choices;
  const searchId = uid('contract-search');
  const list = el('ul', { class: 'contracts', role: 'list' });
  const pager = el('div', { class: 'pager' });
  const selectedNote = el('p', { class: 'note', 'aria-live': 'polite' });
  const part = el('fieldset', { class: 'contracts-part' },
    el('legend', {}, 'Contracts and subscriptions to migrate (step 3.2)'),
    el('div', { class: 'row' },
      el('label', { for: searchId }, 'Find a contract '),
      el('input', {
        id: searchId, type: 'search', value: c.contractSearch, data: { focusKey: 'contract-search' },
        oninput: (e) => { c.contractSearch = e.target.value; c.contractPage = 0; fill(); },
      }),
      el('button', {
        type: 'button', part: 'button',
        onclick: () => {
          const all = host.contracts.filter((x) => x.canMigrate).map((x) => x.id);
          host.choose({ selected: new Set(all) });
          fill();
        },
      }, 'Select every contract that can migrate'),
      el('button', { type: 'button', part: 'button', onclick: () => { host.choose({ selected: new Set() }); fill(); } }, 'Clear the selection')),
    selectedNote, list, pager);

  function fill() {
    const needle = c.contractSearch.trim().toLowerCase();
    const matching = host.contracts.filter((x) => !needle || x.id.toLowerCase().includes(needle));
    const pages = Math.max(1, Math.ceil(matching.length / PAGE));
    c.contractPage = Math.min(c.contractPage, pages - 1);
    setChildren(list, ...matching.slice(c.contractPage * PAGE, (c.contractPage + 1) * PAGE).map((x) => contractItem(host, x, note)));
    setChildren(pager, ...(pages > 1 ? [
      el('button', { type: 'button', disabled: c.contractPage === 0, onclick: () => { c.contractPage -= 1; fill(); } }, 'Previous contracts'),
      el('span', {}, `Page ${c.contractPage + 1} of ${pages}`),
      el('button', { type: 'button', disabled: c.contractPage >= pages - 1, onclick: () => { c.contractPage += 1; fill(); } }, 'Next contracts'),
    ] : []));
    if (matching.length === 0) list.append(el('li', {}, needle ? 'No contract matches.' : 'This account has no contracts.'));
    note();
  }
  function note() {
    selectedNote.textContent = `${count(c.selected.size, CONTRACTS)} selected.`;
  }
  fill();
  return part;
}

function contractItem(host, contract, note) {
  const c = host.choices;
  const { names } = host.loaded;
  const actorName = host.loaded.overview.saAdministrators.find((a) => a.id === c.actor)?.name ?? c.actor;
  const excluded = c.excluded.get(contract.id) ?? new Set();
  const usersSummary = () => {
    const out = (c.excluded.get(contract.id) ?? new Set()).size;
    return `${count(contract.users.length, USERS)}${out ? `, ${out} left out` : ''}`;
  };
  const summaryText = el('span', {}, usersSummary());
  const access = contract.access === 'smart'
    ? `Smart Access${contract.graceEndsOn ? `, grace period until ${contract.graceEndsOn}` : ''}`
    : 'Traditional access';
  const status = contract.canMigrate
    ? el('span', { class: 'ok' }, 'Can migrate')
    : el('span', { class: 'no' }, eligibilityText(contract.code, contract.message, actorName));
  return el('li', { class: 'contract', data: { contract: contract.id } },
    el('label', { class: 'contract-choice' },
      el('input', {
        type: 'checkbox', checked: c.selected.has(contract.id), disabled: !contract.canMigrate && !c.selected.has(contract.id),
        data: { focusKey: `contract-${contract.id}` },
        onchange: (e) => {
          const selected = new Set(c.selected);
          if (e.target.checked) selected.add(contract.id); else selected.delete(contract.id);
          host.choose({ selected });
          note();
        },
      }),
      ` Migrate ${contract.kind === 'service' ? 'contract' : 'subscription'} ${contract.id}`),
    el('p', { class: 'contract-facts' },
      `${contract.assignment} · ${access} · `, status, contract.vas.length ? ` · lines in ${contract.vas.map((v) => names.va(v)).join(', ')}` : ''),
    contract.users.length ? el('details', { class: 'contract-users' },
      el('summary', {}, 'Contract users: ', summaryText),
      el('fieldset', {},
        el('legend', {}, `Who moves to the new role with ${contract.id}`),
        contract.users.map((u) => el('label', { class: 'user-choice' },
          el('input', {
            type: 'checkbox', checked: !excluded.has(u.id), data: { focusKey: `exclude-${contract.id}-${u.id}` },
            onchange: (e) => {
              const excludedNow = new Map(c.excluded);
              const set = new Set(excludedNow.get(contract.id) ?? []);
              if (e.target.checked) set.delete(u.id); else set.add(u.id);
              excludedNow.set(contract.id, set);
              host.choose({ excluded: excludedNow });
              summaryText.textContent = usersSummary();
            },
          }),
          ` ${u.name} (${u.id})`)),
        el('p', { class: 'hint' }, 'A user left out keeps traditional access only until the grace period ends.'))) : null);
}

/** The migration request of the choices on screen. */
export function buildRequest(host) {
  const c = host.choices;
  const request = { actor: c.actor, on: c.on, contracts: [...c.selected] };
  if (!host.loaded.overview.smartAccessMigratedOn) request.smartAccessRole = c.role31;
  if (request.contracts.length > 0) {
    request.contractRole = c.role32;
    // Own keys through Object.fromEntries: a contract id such as "__proto__" stays a key.
    request.exclude = Object.fromEntries(request.contracts
      .filter((id) => c.excluded.get(id)?.size)
      .map((id) => [id, [...c.excluded.get(id)]]));
  }
  return request;
}
