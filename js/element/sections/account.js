// The account at a glance: its name, organisation, size, and where its migration stands.
import { el } from '../dom.js';
import { count, CONTRACTS, dateText, USERS } from '../words.js';

export function renderAccount(host) {
  const o = host.loaded.overview;
  const traditional = o.contracts.filter((c) => c.access === 'traditional').length;
  const fact = (term, value) => [el('dt', {}, term), el('dd', {}, value)];
  return el('section', { id: 'account', class: 'card', 'aria-labelledby': 'account-title', part: 'section' },
    el('h2', { id: 'account-title' }, o.name ?? o.id),
    el('p', { class: 'busy', 'data-busy': 'account', hidden: true }),
    el('div', { 'data-errors': 'account' }),
    el('dl', { class: 'facts' },
      fact('Smart Account', `${o.id} (${o.org})`),
      fact('Users', count(o.users, USERS)),
      fact('Virtual accounts', o.virtualAccounts.length ? o.virtualAccounts.map((v) => v.name).join(', ') : 'none'),
      fact('Contracts and subscriptions', `${count(o.contracts.length, CONTRACTS)}, ${traditional} still on traditional access`),
      fact('Step 3.1 (Smart Access)', o.smartAccessMigratedOn ? `done on ${dateText(o.smartAccessMigratedOn)}` : 'not done yet')));
}
