// Hostile inputs, round three: what an attacker who writes the account file and the
// embedding code would try against the packed package, each case reproduced from a small
// input. Every refusal is a SmartAccessError with a code; nothing traps the instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { Account, Preview, SmartAccessError } = require(join(root, 'pkg/node.cjs'));

/** An account whose VAs, contracts and user are named with the ids JS objects treat specially. */
const SPECIAL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
function specialAccount() {
  return new Account({
    id: 'SA', org: 'o',
    virtualAccounts: SPECIAL.map((id) => ({ id })),
    users: [
      { id: 'admin', org: 'o', grants: [{ role: 'admin' }] },
      { id: 'u', org: 'o', grants: SPECIAL.map((va) => ({ role: 'viewer', va })) },
    ],
    contracts: SPECIAL.map((id, i) => ({
      id, kind: 'service', access: 'traditional', administrators: ['admin'], users: ['u'],
      lines: [{ id: '1', va: SPECIAL[i] }],
    })),
  });
}

/** Every key of `object` whose value was set as an own property, and no prototype taken from data. */
function ownKeysOnly(object, where) {
  assert.equal(Object.getPrototypeOf(object), Object.prototype, `${where}: its prototype is Object.prototype`);
  return Object.keys(object);
}

test('ids named __proto__, constructor, toString and hasOwnProperty are own keys of every output, never a prototype', () => {
  const account = specialAccount();
  const access = account.access('u', '2026-01-01');
  assert.deepEqual(ownKeysOnly(access.vas, 'access().vas').sort(), [...SPECIAL].sort());
  assert.deepEqual(access.vas.__proto__.actions, ['viewAll']);
  assert.equal(JSON.stringify(access.vas).includes('"__proto__":{"actions":["viewAll"]'), true);
  const request = { actor: 'admin', on: '2026-01-01', smartAccessRole: 'licenseUser', contracts: SPECIAL, contractRole: 'serviceUser' };
  const preview = account.previewMigration(request);
  const user = preview.users.find((u) => u.id === 'u');
  for (const moment of ['before', 'duringGrace', 'afterGrace']) {
    assert.deepEqual(ownKeysOnly(user.access[moment].vas, `preview ${moment} vas`).sort(), [...SPECIAL].sort());
  }
  assert.deepEqual(ownKeysOnly(user.access.duringGrace.contracts, 'preview contracts').sort(), [...SPECIAL].sort());
  const handle = account.preview(request);
  assert.deepEqual(ownKeysOnly(handle.user('u').access.before.vas, 'Preview.user').sort(), [...SPECIAL].sort());
  assert.deepEqual(ownKeysOnly(handle.users().items[1].access.before.vas, 'Preview.users').sort(), [...SPECIAL].sort());
  for (const va of SPECIAL) {
    assert.equal(account.can('u', 'viewAll', { va }, '2026-01-01'), true, va);
    assert.deepEqual(account.whoCan('viewAll', { va }, '2026-01-01').map((w) => w.user), ['admin', 'u'], va);
    assert.equal(account.explain('u', 'viewAll', { va }, '2026-01-01').allowed, true, va);
  }
  assert.deepEqual(account.applyMigration(request).account.virtualAccounts.map((v) => v.id), SPECIAL);
});

test('NaN and Infinity as offset, limit or flow are INVALID_VALUE at their path, not the defaults', () => {
  const account = specialAccount();
  const preview = account.preview({ actor: 'admin', on: '2026-01-01', smartAccessRole: 'licenseUser' });
  for (const [key, value] of [['offset', NaN], ['limit', Infinity], ['offset', -Infinity], ['flow', NaN]]) {
    for (const [what, call] of [['Account.users', (q) => account.users(q)], ['Preview.users', (q) => preview.users(q)]]) {
      if (key === 'flow' && what === 'Account.users') continue;
      assert.throws(() => call({ [key]: value }), (e) => e instanceof SmartAccessError && e.code === 'INVALID_VALUE'
        && e.path === `/${key}` && e.message.includes(String(value)), `${what}({ ${key}: ${value} })`);
    }
  }
  // null still means the default, as documented, beside numbers that are fine.
  assert.equal(preview.users({ offset: null, limit: null }).offset, 0);
  assert.equal(preview.users({ offset: 1, limit: 5, flow: null, search: null }).offset, 1);
  assert.equal(account.users({ offset: 1, search: null }).items[0].id, 'u');
});

test('a method called on something that is not an object of its class is INVALID_VALUE, before the engine', () => {
  const account = specialAccount();
  const preview = account.preview({ actor: 'admin', on: '2026-01-01', smartAccessRole: 'licenseUser' });
  const foreign = [
    ['Preview.prototype.apply on an Account', () => Preview.prototype.apply.call(account)],
    ['Preview.prototype.users on an Account', () => Preview.prototype.users.call(account)],
    ['Preview.prototype.summary read on the prototype', () => Preview.prototype.summary],
    ['Account.prototype.toJSON on a plain object', () => Account.prototype.toJSON.call({})],
    ['Account.prototype.access on a Preview', () => Account.prototype.access.call(preview, 'u')],
    ['Account.prototype.free on a Preview', () => Account.prototype.free.call(preview)],
    ['Account.prototype.can on an object made from its prototype', () => Account.prototype.can.call(Object.create(Account.prototype), 'u', 'viewAll', { va: 'x' })],
  ];
  for (const [what, call] of foreign) {
    assert.throws(call, (e) => e instanceof SmartAccessError && e.code === 'INVALID_VALUE' && /is not a (Preview|Account)/.test(e.message), what);
  }
  // Both objects still work.
  assert.equal(preview.summary.counts.users, 2);
  assert.equal(account.can('u', 'viewAll', { va: 'constructor' }, '2026-01-01'), true);
});

test('free() from inside a call (an argument\'s getter) is BUSY; the call completes and free() works after it', () => {
  const account = specialAccount();
  let refused = null;
  const resource = {
    get va() {
      try {
        account.free();
      } catch (e) {
        refused = e;
      }
      return 'toString';
    },
  };
  assert.equal(account.can('u', 'viewAll', resource, '2026-01-01'), true);
  assert.ok(refused instanceof SmartAccessError, String(refused));
  assert.equal(refused.code, 'BUSY');
  account.free();
  assert.throws(() => account.can('u', 'viewAll', { va: 'toString' }), { code: 'FREED' });
  // The same for a Preview.
  const other = specialAccount();
  const preview = other.preview({ actor: 'admin', on: '2026-01-01', smartAccessRole: 'licenseUser' });
  let busy = null;
  preview.users({ get search() { try { preview.free(); } catch (e) { busy = e; } return 'u'; } });
  assert.equal(busy?.code, 'BUSY');
  preview.free();
});
