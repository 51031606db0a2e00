// The fast path (Abilities over account.abilityIndex() and account.ability(user, on)) gives
// the answer of account.can on every question, over random accounts (fast-check), with the
// grace period, order shares and the organisation rule; and errors with the same code and
// path. Also whoCan through the JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Account, Abilities, SmartAccessError } from '../../pkg/node.mjs';

const ROLES = ['admin', 'approver', 'viewer', 'user', 'licenseUser', 'serviceUser', 'fullUser'];
const DAYS = ['2026-01-10', '2026-01-20', '2026-02-09', '2026-02-10', '2026-03-01'];
const MIGRATED = ['2026-01-10', '2026-01-11'];

const pick = (items) => fc.constantFrom(...items);
const some = (items, max = items.length) => fc.subarray(items, { maxLength: max });

/** A random account that loads: VAs, users with grants (no duplicates, approvers only at SA
 * scope and of the SA's organisation), contracts traditional or migrated, licenses, devices (covered
 * or not), orders with lines in one VA or spread, and shares by id or e-mail. */
const accountArb = fc
  .record({
    vaCount: fc.integer({ min: 0, max: 3 }),
    userCount: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ vaCount, userCount }) => {
    const vas = ['A', 'B', '__proto__'].slice(0, vaCount);
    const users = Array.from({ length: userCount }, (_, i) => `u${i}`);
    const vaOrNone = fc.option(pick(vas.length ? vas : [null]), { nil: null });
    const placedLines = (prefix) => fc.uniqueArray(fc.record({ id: pick([`${prefix}1`, `${prefix}2`, 'constructor']), va: vaOrNone }), {
      minLength: 1, maxLength: 3, selector: (l) => l.id,
    });
    return fc.record({
      users: fc.tuple(...users.map((id) => fc.record({
        id: fc.constant(id),
        email: pick([`${id}@sa.com`, `${id.toUpperCase()}@SA.com`, 'shared@sa.com']),
        org: pick(['sa.com', 'other.org']),
        grants: fc.uniqueArray(fc.record({ role: pick(ROLES), va: vaOrNone }), {
          maxLength: 3, selector: (g) => `${g.role}@${g.va}`,
        }).map((gs) => gs.filter((g) => !(g.role === 'approver' && g.va !== null))),
      }))),
      contracts: fc.uniqueArray(fc.record({
        id: pick(['C1', 'C2', 'C3']),
        kind: pick(['service', 'subscription']),
        migratedOn: fc.option(pick(MIGRATED), { nil: null }),
        users: some(users),
        administrators: some(users, 1),
        lines: placedLines('L'),
      }), { maxLength: 3, selector: (c) => c.id }),
      licenses: fc.uniqueArray(fc.record({ id: pick(['Li1', 'Li2']), va: vaOrNone }), { maxLength: 2, selector: (l) => l.id }),
      orders: fc.uniqueArray(fc.record({ id: pick(['O1', 'O2']), lines: placedLines('OL') }), { maxLength: 2, selector: (o) => o.id }),
      devicesRaw: fc.array(fc.record({ va: vaOrNone, covered: fc.boolean() }), { maxLength: 2 }),
      sharesRaw: fc.array(fc.record({ order: fc.nat(), lines: fc.option(fc.nat(), { nil: null }), byEmail: fc.boolean(), to: fc.nat() }), { maxLength: 3 }),
    }).map(({ users: people, contracts, licenses, orders, devicesRaw, sharesRaw }) => ({
      id: 'SA', name: 'Random', org: 'sa.com',
      virtualAccounts: vas.map((id) => ({ id, name: `VA ${id}` })),
      // An approver belongs to the SA's own organisation.
      users: people.map((u) => ({ ...u, grants: u.grants.filter((g) => g.role !== 'approver' || u.org === 'sa.com') })),
      contracts: contracts.map((c) => ({ ...c, access: c.migratedOn ? 'smart' : 'traditional' })),
      licenses,
      devices: devicesRaw.map((d, i) => ({ id: `D${i}`, va: d.va, contract: d.covered && contracts.length ? contracts[i % contracts.length].id : null })),
      orders,
      orderShares: orders.length === 0 ? [] : sharesRaw.map((s) => {
        const order = orders[s.order % orders.length];
        const share = { order: order.id };
        if (s.lines !== null) share.lines = [order.lines[s.lines % order.lines.length].id];
        if (s.byEmail) share.email = people[s.to % people.length].email.toLowerCase();
        else share.user = people[s.to % people.length].id;
        return share;
      }),
    }));
  });

/** Every resource of the account, and some it does not have or that are malformed. */
function resources(snapshot) {
  return [
    { account: snapshot.id },
    ...snapshot.virtualAccounts.map((v) => ({ va: v.id })),
    ...snapshot.contracts.flatMap((c) => c.lines.map((l) => ({ contract: c.id, line: l.id }))),
    ...snapshot.licenses.map((l) => ({ license: l.id })),
    ...snapshot.devices.map((d) => ({ device: d.id })),
    ...snapshot.orders.flatMap((o) => [{ order: o.id }, ...o.lines.map((l) => ({ order: o.id, line: l.id }))]),
    { account: 'other' }, { va: 'Z' }, { contract: 'C1' }, { contract: 'C9', line: 'L1' }, { contract: 'C1', line: 'L9' },
    { license: 'toString' }, { device: 'D9' }, { order: 'O1', line: 'OL9' }, { order: 'O9' }, { va: 'A', line: 'L1' },
    { va: '' }, {}, { va: 'A', license: 'Li1' }, { va: 5 }, { colour: 'red' }, 'SA', null, [snapshot.id], [],
    ...oddShapes(snapshot),
  ];
}

/** Resources that are not plain object literals, each read by the engine as JSON.stringify
 * writes it: fields on a prototype (not written), non-enumerable fields (not written),
 * toJSON (written instead), String objects (strings), NaN (null), getters (read; a throwing
 * one refused), Dates (their text). */
function oddShapes(snapshot) {
  const order = snapshot.orders[0];
  const orderLine = order?.lines[0]?.id ?? 'OL1';
  const va = snapshot.virtualAccounts[0]?.id ?? 'A';
  class WithLine {}
  WithLine.prototype.line = orderLine;
  const inherited = Object.assign(new WithLine(), { order: order?.id ?? 'O1' });
  return [
    inherited,
    Object.create({ line: orderLine }, { order: { value: order?.id ?? 'O1', enumerable: true } }),
    Object.defineProperty({ va }, 'line', { value: 'L1', enumerable: false }),
    { toJSON: () => ({ va }) },
    { va: 'nowhere', toJSON() { return { account: snapshot.id }; } },
    new String(snapshot.id),
    { va: new String(va) },
    { va, line: NaN },
    { get va() { return va; } },
    { get va() { throw new Error('a getter that throws'); } },
    { license: new Date(0) },
    Object.assign(Object.create(null), { va }),
    { va, extra: undefined },
    { va, f() {} },
  ];
}

const ACTIONS = ['downloadSoftware', 'openCase', 'orderUpgrade', 'viewAll', 'performRma', 'useLicense', 'manageUsers',
  'assignAssets', 'migrateAccess', 'approveRequests', 'approveAgreements', 'viewAdminContacts', 'fly'];

/** A resource for a failure's message (some of them JSON.stringify refuses). */
function describe(resource) {
  try {
    return JSON.stringify(resource);
  } catch (e) {
    return `(a resource JSON.stringify refuses: ${e.message})`;
  }
}

/** The answer, or the error's code and path. */
function outcome(ask) {
  try {
    return ask();
  } catch (error) {
    assert.ok(error instanceof SmartAccessError, String(error));
    return `${error.code} ${error.path}`;
  }
}

test('Abilities answers as account.can on every question of random accounts', () => {
  let checked = 0;
  fc.assert(
    fc.property(accountArb, (snapshot) => {
      const account = new Account(snapshot);
      try {
        const abilities = new Abilities(account.abilityIndex());
        const all = resources(account.toJSON());
        for (const on of DAYS) {
          for (const { id } of snapshot.users) {
            const check = abilities.for(account.ability(id, on));
            for (const action of ACTIONS) {
              for (const resource of all) {
                const fast = outcome(() => check.can(action, resource));
                const engine = outcome(() => account.can(id, action, resource, on));
                assert.equal(fast, engine, `${id} ${action} ${describe(resource)} ${on}`);
                checked += 1;
              }
            }
          }
        }
      } finally {
        account.free();
      }
    }),
    { numRuns: 300, seed: 16 },
  );
  assert.ok(checked > 300_000, `${checked} questions`);
});

test('a polluted Object.prototype lends no field: Abilities answers as account.can', () => {
  const snapshot = JSON.parse(readFileSync(new URL('../fixtures/resolution/account.json', import.meta.url), 'utf8'));
  const account = new Account(snapshot);
  const abilities = new Abilities(account.abilityIndex());
  const all = resources(account.toJSON());
  for (const enumerable of [true, false]) {
    for (const field of ['line', 'va', 'order', 'toJSON']) {
      const value = field === 'toJSON' ? function toJSON() { return { account: snapshot.id }; } : snapshot.orders[0].lines[0].id;
      Object.defineProperty(Object.prototype, field, { value, enumerable, configurable: true, writable: true });
      try {
        for (const { id } of snapshot.users) {
          const check = abilities.for(account.ability(id, '2026-11-30'));
          for (const action of ['viewAll', 'useLicense', 'performRma']) {
            for (const resource of all) {
              const fast = outcome(() => check.can(action, resource));
              const engine = outcome(() => account.can(id, action, resource, '2026-11-30'));
              assert.equal(fast, engine, `Object.prototype.${field} (${enumerable ? '' : 'not '}enumerable): ${id} ${action} ${describe(resource)}`);
            }
          }
        }
      } finally {
        delete Object.prototype[field];
      }
    }
  }
  // The round two case: a whole-order question is not turned into a one-line question.
  Object.prototype.line = snapshot.orders[0].lines[0].id;
  try {
    const user = snapshot.users.find((u) => u.id === 'carl') ?? snapshot.users[0];
    const check = abilities.for(account.ability(user.id, '2026-11-30'));
    assert.equal(check.can('viewAll', { order: snapshot.orders[0].id }), account.can(user.id, 'viewAll', { order: snapshot.orders[0].id }, '2026-11-30'));
  } finally {
    delete Object.prototype.line;
  }
  account.free();
});

test('an ability is plain data: it survives JSON (a server can send it), and says its user and day', () => {
  const account = Account.fromJson(readFileSync(new URL('../fixtures/resolution/account.json', import.meta.url), 'utf8'));
  const index = JSON.parse(JSON.stringify(account.abilityIndex()));
  const carl = JSON.parse(JSON.stringify(account.ability('carl', '2026-11-30')));
  const check = new Abilities(index).for(carl);
  assert.deepEqual([check.user, check.on], ['carl', '2026-11-30']);
  const lineInB = { contract: 'C-300', line: '2' };
  assert.equal(check.can('performRma', lineInB), true); // grace period
  const after = new Abilities(index).for(account.ability('carl', '2026-12-23'));
  assert.equal(after.can('performRma', lineInB), false);
  assert.deepEqual(carl.contracts, ['C-300']);
  assert.throws(() => account.ability('nobody'), { code: 'UNKNOWN_REFERENCE', path: '/user' });
  // An ability answers only with its own account's index, and of the same engine.
  assert.throws(() => new Abilities(index).for({ ...carl, account: 'SA-other' }), { code: 'INVALID_VALUE', path: '/account' });
  assert.throws(() => new Abilities(index).for({ ...carl, sa: ['fly'] }), { code: 'INVALID_VALUE' });
  assert.throws(() => account.ability('carl', '2026-02-30'), { code: 'INVALID_DATE' });
  // Anything but an index is refused with a code that says what to pass.
  for (const notAnIndex of [undefined, null, {}, { ...index, applicable: {} }, { ...index, vas: 'A' }, carl]) {
    assert.throws(() => new Abilities(notAnIndex), (e) => e instanceof SmartAccessError && e.code === 'INVALID_VALUE'
      && e.message.includes('account.abilityIndex()'));
  }
  for (const notAnAbility of [undefined, {}, { account: carl.account }, { ...carl, vas: 'A' }, { ...carl, adminContacts: 'yes' }, index]) {
    assert.throws(() => new Abilities(index).for(notAnAbility), (e) => e instanceof SmartAccessError && e.code === 'INVALID_VALUE'
      && e.message.includes('account.ability(user, on)'));
  }
  account.free();
});

test('whoCan: every user who can, with the reasons explain gives, in account order', () => {
  const account = Account.fromJson(readFileSync(new URL('../fixtures/resolution/account.json', import.meta.url), 'utf8'));
  const who = account.whoCan('performRma', { device: 'D-covered' }, '2026-11-30');
  assert.deepEqual(who.map((w) => w.user), ['clara', 'chris', 'carl', 'cathy']);
  for (const w of who) {
    assert.deepEqual(w.reasons, account.explain(w.user, 'performRma', { device: 'D-covered' }, '2026-11-30').reasons);
  }
  assert.deepEqual(account.whoCan('performRma', { device: 'D-covered' }, '2026-12-23').map((w) => w.user), ['clara', 'chris', 'cathy']);
  assert.throws(() => account.whoCan('fly', { device: 'D-covered' }), { code: 'UNKNOWN_ACTION', path: '/action' });
  assert.throws(() => account.whoCan('performRma', { device: 'D-none' }), { code: 'UNKNOWN_REFERENCE', path: '/resource/device' });
  assert.throws(() => account.whoCan('performRma', { device: 'D-covered' }, new Date()), { code: 'INVALID_DATE', path: '/on' });
  account.free();
});
