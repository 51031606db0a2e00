// What the page holds between calls, and how it names roles, actions, VAs, grants and
// the reasons of an answer.

import { el } from './dom.js';

export const ROLE = {
  admin: 'Administrator', approver: 'Approver', viewer: 'Viewer', user: 'User',
  licenseUser: 'License User', serviceUser: 'Service User', fullUser: 'Full User',
};
export const ACTION = {
  downloadSoftware: 'Download Software Image', openCase: 'Open TAC / Technical Case',
  orderUpgrade: 'Order Software Version Upgrade', viewAll: 'View All', performRma: 'Perform RMA',
  useLicense: 'Use License', manageUsers: 'Manage Users', assignAssets: 'Assign Assets',
  migrateAccess: 'Migrate Access', approveRequests: 'Approve Requests', approveAgreements: 'Approve Agreements',
  viewAdminContacts: 'View Administrator Contacts',
};
/** Rows per page of every table. */
export const PAGE = 50;

export const state = {
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

export const vaName = (id) => state.overview?.virtualAccounts.find((v) => v.id === id)?.name ?? id;
export const grantText = (g) => (g.va ? `VA ${ROLE[g.role]} · ${vaName(g.va)}` : `SA ${ROLE[g.role]}`);
export function grantChips(list, flag) {
  if (list.length === 0) return el('span', { class: 'none' }, '—');
  return list.map((g) => el('span', { class: `grant${g[flag] ? ` ${flag}` : ''}`, title: `${g.role}@${g.va ?? 'SA'}` }, grantText(g)));
}

export function reasonText(r) {
  switch (r.source) {
    case 'grant': return `the grant ${grantText(r.grant)}`;
    case 'contract': return `traditional access to contract ${r.contract}${r.graceEndsOn ? ` (grace period until ${r.graceEndsOn})` : ''}`;
    case 'orderShare': return `order ${r.order}${r.lines ? ` (lines ${r.lines.join(', ')})` : ''} shared with them by ${r.recipient === 'email' ? 'e-mail' : 'user id'}`;
    default: return `membership of ${r.org}, with a role in this account`;
  }
}
