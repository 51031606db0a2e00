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
