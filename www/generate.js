// A deterministic Smart Account generator: the same options always give the same account.
// Shared by the page's large example, the page tests and the benchmarks.

/** mulberry32: a small seeded generator; good enough to vary test data, not for secrets. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LARGE = { users: 20000, vas: 200, contracts: 2000, linesPerContract: 100, seed: 1 };

/**
 * An account of `users` users over `vas` VAs and `contracts` contracts of
 * `linesPerContract` lines. User 0 is the SA administrator and administers every contract;
 * about a third of users hold a legacy `user` grant (at the SA or one VA), others hold
 * viewer or license roles, and every contract has about ten contract users. One contract in
 * fifty has an unassigned line, so it cannot be migrated.
 */
export function generateAccount({ users, vas, contracts, linesPerContract, seed = 1 }) {
  const rnd = random(seed);
  const pick = (n) => Math.floor(rnd() * n);
  const va = (i) => `VA-${i}`;
  const userId = (i) => `user-${i}`;
  const account = {
    id: `SA-GEN-${seed}`,
    name: `Generated account (${users} users)`,
    org: 'example.com',
    smartAccessMigratedOn: null,
    virtualAccounts: Array.from({ length: vas }, (_, i) => ({ id: va(i), name: `Virtual Account ${i}` })),
    users: [],
    contracts: [],
  };
  for (let i = 0; i < users; i += 1) {
    const grants = [];
    if (i === 0) grants.push({ role: 'admin' });
    else {
      const r = rnd();
      if (r < 0.1) grants.push({ role: 'user' });
      else if (r < 0.35) grants.push({ role: 'user', va: va(pick(vas)) });
      else if (r < 0.45) grants.push({ role: 'viewer', va: va(pick(vas)) });
      else if (r < 0.5) grants.push({ role: 'licenseUser', va: va(pick(vas)) });
      else if (r < 0.51) grants.push({ role: 'admin', va: va(pick(vas)) });
    }
    const partner = rnd() < 0.05;
    const org = partner ? 'partner.example.net' : 'example.com';
    account.users.push({ id: userId(i), name: `User ${i}`, email: `user${i}@${org}`, org, grants });
  }
  for (let c = 0; c < contracts; c += 1) {
    // Most of a contract's lines sit in one VA, the rest in one or two others.
    const homes = [pick(vas), pick(vas), pick(vas)];
    const lines = Array.from({ length: linesPerContract }, (_, l) => {
      const r = rnd();
      return { id: String(l + 1), va: va(homes[r < 0.8 ? 0 : r < 0.95 ? 1 : 2]) };
    });
    if (c % 50 === 49 && lines.length > 0) lines[lines.length - 1].va = null;
    const contractUsers = new Set();
    while (contractUsers.size < Math.min(10, users - 1)) contractUsers.add(userId(1 + pick(users - 1)));
    account.contracts.push({
      id: `CON-${100000 + c}`,
      kind: c % 5 === 0 ? 'subscription' : 'service',
      access: 'traditional',
      migratedOn: null,
      administrators: [userId(0)],
      users: [...contractUsers],
      lines,
    });
  }
  return account;
}
