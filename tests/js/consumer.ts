// A TypeScript consumer of the package, compiled with `tsc --noEmit` against the shipped types.
import init, { Account, Abilities, type AbilityCheck, type MigrationPreview, type SmartAccessError, type AccountSnapshot } from 'smart-access';

await init();

const snapshot: AccountSnapshot = {
  id: 'SA-1',
  org: 'example.com',
  virtualAccounts: [{ id: 'A', name: 'VA A' }],
  users: [{ id: 'ava', org: 'example.com', grants: [{ role: 'admin' }, { role: 'user', va: 'A' }] }],
  contracts: [{ id: 'C-1', kind: 'service', access: 'traditional', lines: [{ id: '1', va: 'A' }], users: [] }],
  portalOnly: { kept: true },
};
const account = new Account(snapshot);
const preview: MigrationPreview = account.previewMigration({ actor: 'ava', smartAccessRole: 'fullUser' });
for (const user of preview.users) {
  const roles: string[] = user.after.map((g) => `${g.role}@${g.va ?? 'SA'}`);
  const during = user.access.duringGrace.vas['A']?.actions ?? [];
  console.log(user.id, roles, during, user.losesAtGraceEnd.contracts.map((c) => c.on), user.losesAtGraceEnd.vas.map((v) => v.actions));
}
for (const c of preview.contracts) {
  if (c.status === 'rejected') console.log(c.code, c.message);
  else console.log(c.users.length, c.excluded);
}
try {
  Account.fromJson('{');
} catch (e) {
  const err = e as SmartAccessError;
  console.log(err.code, err.path, err.message);
}
const applied = account.applyMigration({ actor: 'ava', on: '2026-11-23', smartAccessRole: 'licenseUser' });
for (const event of applied.events) {
  if (event.type === 'userRolesChanged') console.log(event.details.user, event.details.add);
}
const back: AccountSnapshot = applied.account;
console.log(back.smartAccessMigratedOn, applied.transactionId, account.toJSON().id);
account.free();

const migrated = new Account(back);
const ok: boolean = migrated.can('ava', 'useLicense', { va: 'A' }, '2026-11-23');
const why = migrated.explain('ava', 'viewAdminContacts', { account: 'SA-1' });
for (const reason of why.reasons) {
  if (reason.source === 'contract') console.log(reason.contract, reason.graceEndsOn);
  else if (reason.source === 'grant') console.log(reason.grant.role);
}
const access = migrated.access('ava');
const many: boolean[] = migrated.canMany([{ user: 'ava', action: 'performRma', resource: { contract: 'C-1', line: '1' } }]);
console.log(ok, why.denial, why.needs, access.vas['A']?.role, access.viewAdminContacts, many);

// Who can, the fast path for tables, and the choices compared.
for (const who of migrated.whoCan('useLicense', { va: 'A' })) {
  console.log(who.user, who.reasons.map((r) => r.source));
}
const abilities = new Abilities(migrated.abilityIndex());
const check: AbilityCheck = abilities.for(migrated.ability('ava', '2026-11-23'));
const fast: boolean = check.can('useLicense', { va: 'A' });
console.log(check.user, check.on, fast);
for (const choice of migrated.compare({ actor: 'ava', contracts: ['C-1'] })) {
  console.log(choice.request.smartAccessRole, choice.request.contractRole, choice.summary.counts.changed,
    choice.collapsed, choice.summary.counts.losingAtGraceEnd);
}

// The preview element: its tag typed through HTMLElementTagNameMap, its properties and events.
import 'smart-access/element';
import type { SmartAccessPreviewElement, SmartAccessSubmitEventDetail } from 'smart-access/element';
const element: SmartAccessPreviewElement = document.createElement('smart-access-preview');
element.account = snapshot;
element.actor = 'ava';
element.on = '2026-11-23';
element.addEventListener('submit', (event) => {
  const detail: SmartAccessSubmitEventDetail = event.detail;
  console.log(detail.request.actor, detail.submission.transactionId, detail.submission.changes.length);
});
element.addEventListener('preview', (event) => console.log(event.detail.summary.flows.map((f) => f.users)));
element.addEventListener('error', (event) => console.log(event.detail.code, event.detail.path));
element.addEventListener('opened', (event) => console.log(event.detail.overview.users));
element.reset();
const names = Account.catalog();
console.log(names.roles.map((r) => r.va ?? r.sa), names.actions.map((a) => `${a.id}: ${a.name}`));
