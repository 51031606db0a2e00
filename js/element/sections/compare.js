// The four choices compared: every combination of the step 3.1 and 3.2 roles for the
// contracts and exclusions on screen, side by side; one press previews a column.
import { el, scroller, setChildren } from '../dom.js';
import { count, CONTRACTS, USERS } from '../words.js';

export async function renderCompare(host) {
  const section = host.shadowRoot.getElementById('compare');
  const revision = host.revision;
  const request = host.request();
  host.clearError('choices');
  host.setBusy('choices', 'Planning every choice…');
  const choices = await host.call('compare', { request }, { place: 'choices', context: 'The choices could not be compared' });
  host.setBusy('choices', null);
  if (!choices || revision !== host.revision) return;
  const { names } = host.loaded;
  const heading = (choice) => [
    choice.request.smartAccessRole ? `3.1: ${names.roleAt(choice.request.smartAccessRole, 'sa')}` : '3.1: —',
    el('br'),
    choice.request.contractRole ? `3.2: ${names.roleAt(choice.request.contractRole, 'va')}` : '3.2: —',
  ];
  const rows = [
    ['Users whose roles change', (s) => `${s.summary.counts.changed} of ${count(s.summary.counts.users, USERS)}`],
    ['Contracts that move / cannot', (s) => {
      const moved = s.summary.contracts.filter((x) => x.status === 'migrated').length;
      return `${count(moved, CONTRACTS)} / ${s.summary.contracts.length - moved}`;
    }],
    ['Access to the whole Smart Account gained by collapsing VA roles', (s) => (s.collapsed ? count(s.collapsed, USERS) : 'Nobody')],
    ['Lose access when the grace period ends', (s) => (s.summary.counts.losingAtGraceEnd ? count(s.summary.counts.losingAtGraceEnd, USERS) : 'Nobody')],
    ['Warnings', (s) => (s.summary.warnings.length ? el('ul', {}, s.summary.warnings.map((w) => el('li', {}, w.message))) : 'None')],
  ];
  section.hidden = false;
  setChildren(section,
    el('h2', { id: 'compare-title', tabindex: '-1' }, 'The four choices compared'),
    el('p', { class: 'hint' }, 'For the contracts and users chosen above. Previewing a column sets its roles in the choices.'),
    scroller('The choices compared', el('table', { class: 'compare' },
      el('thead', {}, el('tr', {}, el('td', {}), choices.map((choice) => el('th', { scope: 'col' }, heading(choice))))),
      el('tbody', {},
        rows.map(([label, cell]) => el('tr', {}, el('th', { scope: 'row' }, label), choices.map((choice) => el('td', {}, cell(choice))))),
        el('tr', {}, el('td', {}), choices.map((choice) => el('td', {},
          el('button', { type: 'button', part: 'button', onclick: () => pick(host, choice.request) },
            'Preview this choice',
            // Which one, for those who hear the button without its column.
            el('span', { class: 'visually-hidden' }, `for ${roles(names, choice.request)}`)))))))),
  );
  section.querySelector('h2').focus();
}

/** "SA Full User and VA Service User": the roles a column chooses. */
function roles(names, request) {
  const chosen = [];
  if (request.smartAccessRole) chosen.push(names.roleAt(request.smartAccessRole, 'sa'));
  if (request.contractRole) chosen.push(names.roleAt(request.contractRole, 'va'));
  return chosen.join(' and ');
}

async function pick(host, request) {
  const changes = {};
  if (request.smartAccessRole) changes.role31 = request.smartAccessRole;
  if (request.contractRole) changes.role32 = request.contractRole;
  await host.choose(changes);
  for (const [name, value] of Object.entries({ role31: changes.role31, role32: changes.role32 })) {
    const radio = host.shadowRoot.querySelector(`input[name="${name}"][value="${value}"]`);
    if (radio) radio.checked = true;
  }
  host.shadowRoot.getElementById('compare').hidden = true;
  await host.preview();
}
