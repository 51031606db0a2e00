// A long-running service that validates what its users send: failures must leave nothing
// behind. Every kind of JS value the boundary refuses (a cycle, a throwing getter, a BigInt)
// in every entry point that takes objects is refused a few hundred thousand times; the
// engine's table of JS references and its memory must not grow, and a valid call must
// still work afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The browser build instantiated from bytes, so that the instance's exports (its memory and
// its table of JS references) can be watched.
const { initSync, Account } = await import(join(root, 'pkg/smart_access.js'));
const exports = initSync({ module: readFileSync(join(root, 'pkg/smart_access_bg.wasm')) });
const text = readFileSync(join(root, 'tests/fixtures/example-c/account.json'), 'utf8');

test('failed conversions leave no references and no memory behind', () => {
  const account = Account.fromJson(text);
  const cyclic = {};
  cyclic.self = cyclic;
  const throwing = { get actor() { throw new Error('a getter that throws'); } };
  const failures = {
    'new Account (cycle)': () => new Account(cyclic),
    'new Account (BigInt)': () => new Account({ id: 1n }),
    'previewMigration (throwing getter)': () => account.previewMigration(throwing),
    'preview (cycle)': () => account.preview(cyclic),
    'can (BigInt)': () => account.can('carl', 'openCase', { va: 10n }),
    'explain (cycle)': () => account.explain('carl', 'openCase', cyclic),
    'canMany (cycle)': () => account.canMany([cyclic]),
  };
  const refuseAll = (times) => {
    for (const [name, call] of Object.entries(failures)) {
      for (let i = 0; i < times; i += 1) {
        try {
          call();
          assert.fail(`${name} was accepted`);
        } catch (e) {
          if (e.code !== 'INVALID_VALUE') throw e;
        }
      }
    }
  };
  refuseAll(100); // the first calls set up what every later call reuses
  const table = exports.__wbindgen_externrefs.length;
  const memory = exports.memory.buffer.byteLength;
  refuseAll(50_000);
  assert.equal(exports.__wbindgen_externrefs.length, table, 'the table of JS references grew');
  assert.equal(exports.memory.buffer.byteLength, memory, 'the WebAssembly memory grew');
  assert.equal(Account.fromJson(text).can('carl', 'performRma', { contract: 'C-300', line: '1' }, '2026-11-30'), true);
  account.free();
});

test('arguments the engine cannot read get its codes and paths, never a silent default', () => {
  const account = Account.fromJson(text);
  const va = { va: 'A' };
  const question = (on) => ({ user: 'carl', action: 'openCase', resource: va, on });
  const request = (on) => ({ actor: 'clara', smartAccessRole: 'fullUser', on });
  const cases = [
    // JSON.stringify would write these as null, that is today.
    ['a NaN date in a batch', () => account.canMany([question('2026-11-30'), question(NaN)]), 'INVALID_DATE', '/1/on'],
    ['an infinite date in a request', () => account.previewMigration(request(Infinity)), 'INVALID_DATE', '/on'],
    ['an invalid Date in a request', () => account.preview(request(new Date('no'))), 'INVALID_DATE', '/on'],
    ['a Date object as on', () => account.can('carl', 'openCase', va, new Date()), 'INVALID_DATE', '/on'],
    ['a number as on', () => account.access('carl', 20261130), 'INVALID_DATE', '/on'],
    // Not strings where strings belong.
    ['a number as user', () => account.can(5, 'openCase', va), 'INVALID_VALUE', '/user'],
    ['no action', () => account.explain('carl', undefined, va), 'INVALID_VALUE', '/action'],
    ['an object as actor', () => account.overview({}), 'INVALID_VALUE', '/actor'],
    // A lone surrogate is refused, not replaced (x\uD800 and x\uDBFF would be one id).
    ['a lone surrogate in a user id', () => account.can('carl\uD800', 'openCase', va), 'INVALID_VALUE', '/user'],
    ['a lone surrogate in account text', () => Account.fromJson(text.replace('"Chris"', '"Chris\uDBFF"')), 'INVALID_VALUE', '/users/1/name'],
    ['the same, escaped, in an object', () => new Account(JSON.parse(text.replace('"Chris"', '"Chris\\uDBFF"'))), 'INVALID_VALUE', '/users/1/name'],
    // String arguments are measured before they are copied.
    ['a 5,000-character user id', () => account.can('x'.repeat(5000), 'openCase', va), 'TOO_LARGE', '/user'],
    ['a 2,000 × "€" user id (6,000 bytes)', () => account.access('€'.repeat(2000)), 'TOO_LARGE', '/user'],
  ];
  for (const [name, call, code, path] of cases) {
    assert.throws(call, (e) => e.name === 'SmartAccessError' && e.code === code && e.path === path, name);
  }
  // A message quotes a short excerpt of a long bad value.
  assert.throws(() => account.can('y'.repeat(4000), 'openCase', va), (e) => e.code === 'UNKNOWN_REFERENCE' && e.message.length < 120);
  // And the same calls with readable arguments answer.
  assert.deepEqual(account.canMany([question('2026-11-30'), question(null)]), [false, false]);
  assert.equal(account.can('carl', 'performRma', { contract: 'C-300', line: '1' }, '2026-11-30'), true);
  account.free();
});

test('numbers in unknown fields keep their digits through the text path', () => {
  const exact = text.replace('"id": "SA-C",', '"id": "SA-C", "big": 12345678901234567890123, "huge": 1e999,');
  const account = Account.fromJson(exact);
  const digits = /"big":12345678901234567890123[,}]/;
  assert.match(account.toJsonText(), digits);
  assert.match(account.toJsonText(), /"huge":1e\+999[,}]/); // only the exponent is respelt
  // Through a preview's apply, as the migrated account.
  const preview = account.preview({ actor: 'clara', on: '2026-11-23', smartAccessRole: 'fullUser' });
  assert.match(preview.apply().account.toJsonText(), digits);
  // As JS objects they are JS numbers.
  assert.equal(account.toJSON().huge, Infinity);
  account.free();
});

test('text too large in UTF-8 is refused before it reaches the engine memory', () => {
  const memory = exports.memory.buffer.byteLength;
  // 23 million "€": under the 64 MiB limit in UTF-16 units, 69 MB of UTF-8.
  assert.throws(() => Account.fromJson('€'.repeat(23_000_000)), (e) => e.code === 'TOO_LARGE');
  // Not JSON at its first byte, 60 MB: refused without making room for an account.
  assert.throws(() => Account.fromJson(`x${' '.repeat(60_000_000)}`), (e) => e.code === 'INVALID_JSON');
  assert.ok(exports.memory.buffer.byteLength - memory < 64 * 2 ** 20,
    `the memory grew by ${exports.memory.buffer.byteLength - memory} bytes`);
});

test('an object used after free() says FREED, and every error is a SmartAccessError', async () => {
  const { Account: NodeAccount, SmartAccessError } = await import(join(root, 'pkg/node.mjs'));
  const account = NodeAccount.fromJson(text);
  const preview = account.preview({ actor: 'clara', on: '2026-11-23', smartAccessRole: 'fullUser' });
  account.free();
  assert.throws(() => account.can('carl', 'openCase', { va: 'A' }), (e) => e instanceof SmartAccessError && e.code === 'FREED');
  assert.throws(() => account.toJSON(), (e) => e.code === 'FREED');
  // The preview outlives its account (SPEC §9) until it is freed itself.
  assert.equal(preview.summary.counts.users, 5);
  preview.free();
  assert.throws(() => preview.summary, (e) => e.code === 'FREED');
  // Freeing again, by hand or by the end of a `using` block, does nothing.
  account.free();
  preview.free();
  preview[Symbol.dispose]();
  assert.equal(NodeAccount.prototype[Symbol.dispose], NodeAccount.prototype.free);
  assert.throws(() => NodeAccount.fromJson('{'), (e) => e instanceof SmartAccessError && e.code === 'INVALID_JSON');
  assert.equal(new Error('other') instanceof SmartAccessError, false);
});
