// Role checks against the engines a portal would otherwise use: @cedar-policy/cedar-wasm,
// @casl/ability and casbin, each given an equivalent model of the roles of SPEC §3 (the
// encodings are documented in benches/reading.md). The same questions go to every engine;
// a cross-check insists that all of them give our answers before anything is timed.
// `node benches/peers.mjs SIZE_INDEX` prints one JSON object; benches/node.mjs runs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SIZES, ON, account as generate, questions as sampleQuestions } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const { createMongoAbility, subject } = require('@casl/ability');
const casbin = require('casbin');
const { Account, Abilities } = require(join(root, 'pkg/node.cjs'));

// What each role gives on a contract line (SPEC §3: its actions that apply to a line, the
// same at SA scope and at the line's VA), and what traditional contract access gives.
const ALL = ['downloadSoftware', 'openCase', 'orderUpgrade', 'viewAll', 'performRma', 'useLicense'];
const ROLE_ACTIONS = {
  admin: ALL,
  approver: [],
  viewer: ['viewAll'],
  user: ['useLicense'],
  licenseUser: ['downloadSoftware', 'openCase', 'orderUpgrade', 'viewAll', 'useLicense'],
  serviceUser: ['downloadSoftware', 'openCase', 'orderUpgrade', 'viewAll', 'performRma'],
  fullUser: ALL,
};
const TRADITIONAL = ['downloadSoftware', 'openCase', 'orderUpgrade', 'performRma'];
const SA = 'SA'; // the scope name of an SA-scope grant (VA ids never equal it here)

/** The facts every encoding starts from, read off the snapshot. */
function facts(acct) {
  for (const c of acct.contracts) {
    // The generated accounts are unmigrated: traditional access holds on every contract.
    if (c.access !== 'traditional') throw new Error(`contract ${c.id} is not traditional`);
  }
  const contractsOf = new Map(acct.users.map((u) => [u.id, []]));
  for (const c of acct.contracts) for (const u of c.users) contractsOf.get(u).push(c.id);
  const lines = new Map();
  for (const c of acct.contracts) for (const l of c.lines) lines.set(`${c.id}/${l.id}`, { va: l.va ?? '', contract: c.id });
  const users = new Map(acct.users.map((u) => [u.id, {
    grants: (u.grants ?? []).map((g) => ({ role: g.role, scope: g.va ?? SA })),
    contracts: contractsOf.get(u.id),
  }]));
  return { users, lines };
}

/** Cedar: a fixed policy set over attributes; each request carries its entity slice. */
function cedarEngine({ users, lines }) {
  const policies = Object.entries(ROLE_ACTIONS).filter(([, actions]) => actions.length > 0).map(([role, actions]) => (
    `permit(principal, action in [${actions.map((a) => `Action::"${a}"`).join(', ')}], resource is Line)
       when { principal.${role}.contains("${SA}") || principal.${role}.contains(resource.va) };`));
  policies.push(`permit(principal, action in [${TRADITIONAL.map((a) => `Action::"${a}"`).join(', ')}], resource is Line)
       when { principal.contracts.contains(resource.contract) };`);
  const parsed = cedar.preparsePolicySet('roles', { staticPolicies: policies.join('\n') });
  if (parsed.type !== 'success') throw new Error(JSON.stringify(parsed.errors));
  const userEntity = new Map([...users].map(([id, u]) => {
    const attrs = { contracts: u.contracts };
    for (const role of Object.keys(ROLE_ACTIONS)) attrs[role] = u.grants.filter((g) => g.role === role).map((g) => g.scope);
    return [id, { uid: { type: 'User', id }, attrs, parents: [] }];
  }));
  const lineEntity = new Map([...lines].map(([id, l]) => [id, { uid: { type: 'Line', id }, attrs: l, parents: [] }]));
  return (q) => {
    const line = `${q.resource.contract}/${q.resource.line}`;
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'User', id: q.user },
      action: { type: 'Action', id: q.action },
      resource: { type: 'Line', id: line },
      context: {},
      preparsedPolicySetId: 'roles',
      entities: [userEntity.get(q.user), lineEntity.get(line)],
    });
    if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
    return answer.response.decision === 'allow';
  };
}

/** CASL: one ability per user (built once, as a portal does for the signed-in user). */
function caslEngine({ users, lines }) {
  const abilities = new Map([...users].map(([id, u]) => {
    const rules = u.grants.filter((g) => ROLE_ACTIONS[g.role].length > 0).map((g) => ({
      action: ROLE_ACTIONS[g.role],
      subject: 'Line',
      ...(g.scope === SA ? {} : { conditions: { va: g.scope } }),
    }));
    if (u.contracts.length > 0) rules.push({ action: TRADITIONAL, subject: 'Line', conditions: { contract: { $in: u.contracts } } });
    return [id, createMongoAbility(rules)];
  }));
  const subjects = new Map([...lines].map(([id, l]) => [id, subject('Line', { ...l })]));
  return (q) => abilities.get(q.user).can(q.action, subjects.get(`${q.resource.contract}/${q.resource.line}`));
}

/** casbin: RBAC with domains (the grant's scope), and contract users as a second grouping. */
async function casbinEngine({ users, lines }) {
  const model = casbin.newModelFromString(`
[request_definition]
r = sub, act, va, con
[policy_definition]
p = role, act
[role_definition]
g = _, _, _
g2 = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = r.act == p.act && ((p.role != "traditional" && (g(r.sub, p.role, "${SA}") || g(r.sub, p.role, r.va))) || (p.role == "traditional" && g2(r.sub, r.con)))
`);
  const rows = [];
  for (const [role, actions] of Object.entries(ROLE_ACTIONS)) for (const a of actions) rows.push(`p, ${role}, ${a}`);
  for (const a of TRADITIONAL) rows.push(`p, traditional, ${a}`);
  for (const [id, u] of users) {
    for (const g of u.grants) rows.push(`g, ${id}, ${g.role}, ${g.scope}`);
    for (const c of u.contracts) rows.push(`g2, ${id}, ${c}`);
  }
  const enforcer = await casbin.newEnforcer(model, new casbin.StringAdapter(rows.join('\n')));
  return (q) => {
    const l = lines.get(`${q.resource.contract}/${q.resource.line}`);
    return enforcer.enforceSync(q.user, q.action, l.va, l.contract);
  };
}

/** Checks per second: the best of `rounds` passes over all questions (the best, so that a
 * pass that happened to pay for a garbage collection does not count). */
function rate(questions, rounds, pass) {
  let best = Infinity;
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    pass(questions);
    best = Math.min(best, performance.now() - start);
  }
  return questions.length / (best / 1000);
}

const size = SIZES[Number(process.argv[2] ?? 2)];
const acct = generate(size);
const questions = sampleQuestions(acct, 10_000);
const f = facts(acct);
const ours = Account.fromJson(JSON.stringify(acct));
const built = {};
const timeBuild = async (name, make) => {
  const start = performance.now();
  const engine = await make(f);
  built[name] = performance.now() - start;
  return engine;
};
// Our fast path, set up as CASL's is: the account's index once, an ability per user.
const oursFast = await timeBuild('oursFast', () => {
  const abilities = new Abilities(ours.abilityIndex());
  const checks = new Map(acct.users.map((u) => [u.id, abilities.for(ours.ability(u.id, ON))]));
  return (q) => checks.get(q.user).can(q.action, q.resource);
});
const engines = {
  oursFast,
  cedar: await timeBuild('cedar', cedarEngine),
  casl: await timeBuild('casl', caslEngine),
  casbin: await timeBuild('casbin', casbinEngine),
};

// Cross-check: every engine answers every question as we do.
const expected = ours.canMany(questions);
const mismatches = {};
for (const [name, engine] of Object.entries(engines)) {
  const wrong = questions.filter((q, i) => engine(q) !== expected[i]);
  mismatches[name] = wrong.length;
  if (wrong.length > 0) throw new Error(`${name} disagrees on ${wrong.length} questions, e.g. ${JSON.stringify(wrong[0])}`);
}

const rates = {
  oursBatch: rate(questions, 10, (qs) => ours.canMany(qs)),
  oursFast: rate(questions, 10, (qs) => { for (const q of qs) engines.oursFast(q); }),
  oursSingle: rate(questions, 5, (qs) => { for (const q of qs) ours.can(q.user, q.action, q.resource, q.on); }),
  casl: rate(questions, 10, (qs) => { for (const q of qs) engines.casl(q); }),
  casbin: rate(questions, 2, (qs) => { for (const q of qs) engines.casbin(q); }),
  cedar: rate(questions, 2, (qs) => { for (const q of qs) engines.cedar(q); }),
};
ours.free();
const allowed = expected.filter(Boolean).length;
const modules = join(root, 'node_modules');
const cedarWasm = readFileSync(join(modules, '@cedar-policy/cedar-wasm/nodejs/cedar_wasm_bg.wasm'));
process.stdout.write(JSON.stringify({
  ...size,
  questions: questions.length,
  allowed,
  mismatches,
  built,
  rates,
  cedarWasm: cedarWasm.length,
  versions: Object.fromEntries(['@cedar-policy/cedar-wasm', '@casl/ability', 'casbin'].map((p) => [p, JSON.parse(readFileSync(join(modules, p, 'package.json'), 'utf8')).version])),
  on: ON,
}));
