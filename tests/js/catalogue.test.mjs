// The catalogue of bad inputs (tests/bad-inputs/) through the package's JS API, as a portal
// would call it: Account.fromJson for account text, previewMigration with the parsed
// request, can with the question's fields. Text that is not JSON cannot reach the object
// methods at all, so those requests go through the `smart-access` command instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, 'tests/bad-inputs');
const { Account } = createRequire(import.meta.url)(join(root, 'pkg/node.cjs'));
const read = (...parts) => readFileSync(join(...parts), 'utf8');

/** What the engine said: the thrown error's code and path, or the contract rejection. */
function outcome(dir, expect) {
  const own = join(dir, 'account.json');
  const accountFile = existsSync(own) ? own : join(folder, 'base-account.json');
  let text = read(accountFile);
  if (expect.padTo) text = text.padEnd(expect.padTo, ' ');
  try {
    const account = Account.fromJson(text);
    if (expect.input === 'account') return { accepted: true };
    if (expect.input === 'question') {
      const q = JSON.parse(read(dir, 'question.json'));
      account.can(q.user, q.action, q.resource, q.on);
      return { accepted: true };
    }
    const requestText = read(dir, 'request.json');
    let request;
    try {
      request = JSON.parse(requestText);
    } catch {
      return command(accountFile, join(dir, 'request.json'));
    }
    const preview = account.previewMigration(request);
    const rejected = preview.contracts.find((c) => c.status === 'rejected');
    if (!rejected) return { accepted: true };
    return { code: rejected.code, path: `/contracts/${request.contracts.indexOf(rejected.id)}` };
  } catch (error) {
    assert.equal(error.name, 'SmartAccessError', String(error));
    assert.ok(error.message.length > 0);
    return { code: error.code, path: error.path };
  }
}

/** `smart-access preview ACCOUNT REQUEST`: exit 2 and the error as JSON on standard error. */
function command(accountFile, requestFile) {
  const run = spawnSync(process.execPath, [join(root, 'pkg/bin/smart-access.cjs'), 'preview', accountFile, requestFile], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  const { code, path } = JSON.parse(run.stderr);
  return { code, path };
}

const cases = readdirSync(folder).filter((n) => statSync(join(folder, n)).isDirectory()).sort();

test('the catalogue is there', () => assert.ok(cases.length >= 30, `${cases.length} cases`));

for (const name of cases) {
  test(`bad input ${name}`, () => {
    const dir = join(folder, name);
    const expect = JSON.parse(read(dir, 'expect.json'));
    assert.deepEqual(outcome(dir, expect), { code: expect.code, path: expect.path });
  });
}
