// The engine's real outputs against the TypeScript declarations the package ships (generated
// from the Rust types): every value must have exactly the declared fields, of the declared
// types. The declarations are read with the TypeScript compiler's own type checker, so a
// field the engine writes and the types do not declare, or one they declare and the engine
// leaves out, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { Account } = require(join(root, 'pkg/node.cjs'));
const fixture = (name, file) => readFileSync(join(root, 'tests/fixtures', name, file), 'utf8');

const declarations = join(root, 'pkg/smart_access.d.ts');
const program = ts.createProgram([declarations], {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
});
const checker = program.getTypeChecker();
const source = program.getSourceFile(declarations);
const exported = new Map();
for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
  exported.set(symbol.name, checker.getDeclaredTypeOfSymbol(symbol));
}

/** Why `value` is not of `type` (a list of problems, each with its path), or []. */
function mismatches(value, type, path = '') {
  const flags = type.flags;
  if (type.isUnion()) {
    const tries = type.types.map((member) => mismatches(value, member, path));
    return tries.some((t) => t.length === 0) ? [] : tries.flat().slice(0, 3);
  }
  if (flags & ts.TypeFlags.Null) return value === null ? [] : [`${path}: ${JSON.stringify(value)} is not null`];
  if (flags & ts.TypeFlags.Undefined) return value === undefined ? [] : [`${path}: not undefined`];
  if (flags & ts.TypeFlags.StringLiteral) return value === type.value ? [] : [`${path}: ${JSON.stringify(value)} is not "${type.value}"`];
  if (flags & ts.TypeFlags.String) return typeof value === 'string' ? [] : [`${path}: ${JSON.stringify(value)} is not a string`];
  if (flags & ts.TypeFlags.Number) return typeof value === 'number' ? [] : [`${path}: not a number`];
  if (flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) {
    if (flags & ts.TypeFlags.BooleanLiteral) return value === (checker.typeToString(type) === 'true') ? [] : [`${path}: not ${checker.typeToString(type)}`];
    return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
  }
  if (flags & ts.TypeFlags.Unknown) return [];
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    const [element] = checker.getTypeArguments(type);
    return value.flatMap((item, i) => mismatches(item, element, `${path}/${i}`));
  }
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type);
    if (!Array.isArray(value)) return [`${path}: not an array`];
    if (value.length !== elements.length) return [`${path}: ${value.length} items, not ${elements.length}`];
    return value.flatMap((item, i) => mismatches(item, elements[i], `${path}/${i}`));
  }
  if (flags & ts.TypeFlags.Object || type.isIntersection()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
    const problems = [];
    const declared = new Map(checker.getPropertiesOfType(type).map((p) => [p.name, p]));
    const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    for (const [name, property] of declared) {
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      if (!(name in value)) {
        if (!optional) problems.push(`${path}/${name}: missing`);
        continue;
      }
      problems.push(...mismatches(value[name], checker.getTypeOfSymbol(property), `${path}/${name}`));
    }
    for (const name of Object.keys(value)) {
      if (declared.has(name)) continue;
      if (index) problems.push(...mismatches(value[name], index.type, `${path}/${name}`));
      else problems.push(`${path}/${name}: not declared`);
    }
    return problems;
  }
  return [`${path}: no check for ${checker.typeToString(type)}`];
}

function assertType(value, name) {
  const type = exported.get(name);
  assert.ok(type, `${name} is declared`);
  assert.deepEqual(mismatches(value, type), [], `${name}`);
}

test('the checker itself refuses a missing, an extra and a wrong field', () => {
  assert.notDeepEqual(mismatches({ account: 'SA', user: 'u', on: '2026-01-01', sa: [], vas: [['A']], contracts: [], shares: [], adminContacts: false }, exported.get('UserAbility')), [],
    'a tuple one item short');
  const entry = { actions: ['viewAll'], role: 'viewer' };
  assert.deepEqual(mismatches(entry, exported.get('AccessEntry')), []);
  assert.deepEqual(mismatches({ actions: [] }, exported.get('AccessEntry')), ['/role: missing']);
  assert.deepEqual(mismatches({ ...entry, extra: 1 }, exported.get('AccessEntry')), ['/extra: not declared']);
  assert.notDeepEqual(mismatches({ ...entry, role: 'root' }, exported.get('AccessEntry')), []);
  assert.notDeepEqual(mismatches({ ...entry, actions: ['fly'] }, exported.get('AccessEntry')), []);
});

test('previews, applied migrations and snapshots of the worked examples match their types', () => {
  for (const name of ['example-a', 'example-b', 'example-c']) {
    const account = Account.fromJson(fixture(name, 'account.json'));
    const request = JSON.parse(fixture(name, 'request.json'));
    assertType(account.toJSON(), 'AccountSnapshot');
    const preview = account.previewMigration(request);
    assertType(preview, 'MigrationPreview');
    const applied = account.applyMigration(request);
    assertType(applied, 'AppliedMigration');
    assertType(account.overview(request.actor, request.on), 'Overview');
    // The migrated account, with a contract inside its grace period.
    const next = new Account(applied.account);
    assertType(next.overview(null, request.on), 'Overview');
    for (const user of applied.account.users) {
      assertType(next.access(user.id, request.on), 'UserAccess');
    }
    // Rejected contracts: the same request again.
    assertType(next.previewMigration({ ...request, smartAccessRole: null }), 'MigrationPreview');
    // The choices compared: each column's request and summary, collapses and losses.
    for (const choice of account.compare(request)) assertType(choice, 'Choice');
  }
});

test('explanations and access of the resolution fixture match their types', () => {
  const text = fixture('resolution', 'account.json');
  const snapshot = JSON.parse(text);
  const account = Account.fromJson(text);
  assertType(account.toJSON(), 'AccountSnapshot');
  const resources = [
    { account: snapshot.id },
    ...snapshot.virtualAccounts.map((v) => ({ va: v.id })),
    ...snapshot.contracts.flatMap((c) => c.lines.map((l) => ({ contract: c.id, line: l.id }))),
    ...(snapshot.licenses ?? []).map((l) => ({ license: l.id })),
    ...(snapshot.devices ?? []).map((d) => ({ device: d.id })),
    ...(snapshot.orders ?? []).flatMap((o) => [{ order: o.id }, ...o.lines.map((l) => ({ order: o.id, line: l.id }))]),
  ];
  const actions = ['downloadSoftware', 'performRma', 'useLicense', 'viewAll', 'manageUsers', 'viewAdminContacts'];
  let reasons = new Set();
  for (const on of ['2026-11-30', '2027-06-01']) {
    for (const user of snapshot.users) {
      assertType(account.access(user.id, on), 'UserAccess');
      assertType(account.ability(user.id, on), 'UserAbility');
      for (const resource of resources) {
        for (const action of actions) {
          for (const who of account.whoCan(action, resource, on)) assertType(who, 'WhoCan');
          const e = account.explain(user.id, action, resource, on);
          assertType(e, 'Explanation');
          e.reasons.forEach((r) => reasons.add(r.source));
        }
      }
    }
  }
  assertType(account.abilityIndex(), 'AbilityIndex');
  // Every kind of reason was seen, so each branch of the type was checked.
  assert.deepEqual([...reasons].sort(), ['contract', 'grant', 'orderShare', 'organization']);
});

test('the catalog of display names matches its type and names every role and action', () => {
  const catalog = Account.catalog();
  assertType(catalog, 'Catalog');
  assert.deepEqual(catalog.roles.map((r) => r.id), ['admin', 'approver', 'viewer', 'user', 'licenseUser', 'serviceUser', 'fullUser']);
  assert.equal(catalog.actions.length, 12);
});

test('a preview kept in the engine gives the same bytes and parts of the declared types', () => {
  for (const name of ['example-a', 'example-b', 'example-c']) {
    const account = Account.fromJson(fixture(name, 'account.json'));
    const request = JSON.parse(fixture(name, 'request.json'));
    const preview = account.preview(request);
    const whole = account.previewMigration(request);
    assert.equal(JSON.stringify(preview), JSON.stringify(whole), name);
    assertType(preview.summary, 'PreviewSummary');
    assertType(preview.submission(), 'Submission');
    for (const filter of ['all', 'changed', 'losingAtGraceEnd']) {
      const page = preview.users({ filter, limit: 2, offset: 1 });
      assert.deepEqual(Object.keys(page).sort(), ['items', 'offset', 'total']);
      page.items.forEach((item) => assertType(item, 'UserPreview'));
    }
    assert.deepEqual(preview.users().items, whole.users);
    // Each flow of the summary lists its users; together they are every user once.
    const flows = preview.summary.flows;
    const byFlow = flows.flatMap((_, flow) => preview.users({ flow, limit: 1000 }).items.map((u) => u.id));
    assert.deepEqual(byFlow.sort(), whole.users.map((u) => u.id).sort(), name);
    assert.throws(() => preview.users({ flow: flows.length }), { code: 'INVALID_VALUE', path: '/flow' });
    assertType(preview.user(whole.users[0].id), 'UserPreview');
    const picker = account.users({ search: whole.users[0].id });
    picker.items.forEach((item) => assertType(item, 'Named'));
    // apply() gives a new Account, the same as applyMigration's snapshot; the preview
    // outlives its account.
    const applied = preview.apply();
    const expected = account.applyMigration(request);
    assert.deepEqual(applied.account.toJSON(), expected.account);
    assert.deepEqual(applied.events, expected.events);
    assert.equal(applied.transactionId, expected.transactionId);
    account.free();
    assert.equal(JSON.stringify(preview), JSON.stringify(whole));
    assert.throws(() => preview.user('nobody'), { code: 'UNKNOWN_REFERENCE', path: '/user' });
    assert.throws(() => preview.users({ limit: 1001 }), { code: 'INVALID_VALUE', path: '/limit' });
    assert.throws(() => preview.users({ fliter: 'changed' }), { code: 'INVALID_VALUE', path: '/fliter' });
    preview.free();
    applied.account.free();
  }
});
