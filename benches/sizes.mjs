// The benchmark accounts, the migration request and the role-check questions, shared by the
// Node benchmark, the peer comparison and (through files written by write-accounts.mjs) the
// native criterion benchmark, so that every figure is about the same inputs.
import { generateAccount } from '../www/generate.js';

export const SEED = 7;
export const ON = '2026-11-23';

export const SIZES = [
  { users: 10, vas: 2, contracts: 5, linesPerContract: 4 },
  { users: 1000, vas: 20, contracts: 200, linesPerContract: 10 },
  { users: 10000, vas: 100, contracts: 2000, linesPerContract: 10 },
  { users: 50000, vas: 500, contracts: 10000, linesPerContract: 20 },
  { users: 100000, vas: 1000, contracts: 20000, linesPerContract: 50 },
];

/** The actions asked about: the six entitlement actions, the ones a contract line has. */
export const ACTIONS = ['downloadSoftware', 'openCase', 'orderUpgrade', 'viewAll', 'performRma', 'useLicense'];

export const account = (size) => generateAccount({ ...size, seed: SEED });

/** Migrates every contract: License/Full User for the SA, Service User on contracts. */
export const request = (acct) => ({
  actor: 'user-0',
  on: ON,
  smartAccessRole: 'fullUser',
  contracts: acct.contracts.map((c) => c.id),
  contractRole: 'serviceUser',
});

/**
 * `count` questions spread over users, actions and contract lines (a portal's rows). The
 * contract users of a contract are picked often enough that traditional access answers too.
 */
export function questions(acct, count) {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const contract = acct.contracts[(i * 7919) % acct.contracts.length];
    const line = contract.lines[(i * 31) % contract.lines.length];
    const user = i % 3 === 0
      ? contract.users[i % contract.users.length]
      : acct.users[(i * 104729) % acct.users.length].id;
    out.push({
      user,
      action: ACTIONS[i % ACTIONS.length],
      resource: { contract: contract.id, line: line.id },
      on: ON,
    });
  }
  return out;
}
