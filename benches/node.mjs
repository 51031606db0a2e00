// `make bench`: the package's WebAssembly engine in Node, through its public API, on
// generated accounts of growing size. Prints a Markdown report and writes BENCHMARKS.md.
// Benchmarks report; they never pass or fail.
import { writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { SIZES, SEED, ON, account as generate, request as migrationRequest, questions as sampleQuestions } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The browser build, instantiated from bytes: its init returns the WebAssembly memory, whose
// size after loading is what an account costs a tab.
const { initSync, Account } = await import(join(root, 'pkg/smart_access.js'));
const wasmMemory = () => instance.memory.buffer.byteLength;
let instance;
/** Median wall time of `runs` calls, in milliseconds. */
function time(runs, fn) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
/** Measures one size in this process (a fresh WebAssembly instance) and prints JSON. */
function measure(size) {
  instance = initSync({ module: readFileSync(join(root, 'pkg/smart_access_bg.wasm')) });
  const lines = size.contracts * size.linesPerContract;
  const runs = lines > 500_000 ? 1 : 3;
  const object = generate(size);
  const text = JSON.stringify(object);
  const parse = time(runs, () => JSON.parse(text));
  const memoryBefore = wasmMemory();
  const coldLoad = time(1, () => Account.fromJson(text).free());
  const memory = wasmMemory() - memoryBefore;
  const loadText = time(runs, () => Account.fromJson(text).free());
  const loadObject = time(runs, () => new Account(object).free());
  const account = Account.fromJson(text);
  const request = migrationRequest(object);
  const preview = time(runs, () => account.previewMigration(request));
  // The handle (SPEC §9): what the page does to show a preview.
  const handle = time(runs, () => {
    const planned = account.preview(request);
    void planned.summary;
    planned.users({ limit: 50 });
    planned.free();
  });
  const apply = time(runs, () => account.applyMigration(request));
  // Role checks: the same 10,000 questions one call each, and as one batch.
  const questions = sampleQuestions(object, 10_000);
  const single = time(runs, () => { for (const q of questions) account.can(q.user, q.action, q.resource, q.on); });
  const batch = time(runs, () => account.canMany(questions));
  // Who can: one question (an RMA on a contract line) over every user.
  const line = object.contracts[7 % object.contracts.length];
  const whoCan = time(runs, () => account.whoCan('performRma', { contract: line.id, line: line.lines[0].id }, ON));
  // The page's comparison: every combination of the two roles, planned and summarised.
  const compare = time(1, () => account.compare(request));
  account.free();
  return { ...size, lines, mb: text.length / 1e6, parse, coldLoad, loadText, loadObject, preview, handle, apply, single, batch, whoCan, compare, memory };
}

const only = process.argv.indexOf('--size');
if (only > 0) {
  process.stdout.write(JSON.stringify(measure(SIZES[Number(process.argv[only + 1])])));
  process.exit(0);
}
const child = (script, args) => JSON.parse(execFileSync(process.execPath, [...process.execArgv, script, ...args], {
  encoding: 'utf8', maxBuffer: 1 << 20,
}));
const linesOf = (size) => size.contracts * size.linesPerContract;
const rows = SIZES.map((size, i) => {
  console.error(`Node: ${size.users} users / ${linesOf(size)} lines…`);
  return child(fileURLToPath(import.meta.url), ['--size', String(i)]);
});
// The peers at two sizes: where every per-user structure is small, and ten times larger.
const PEER_SIZES = [1, 2];
const peers = PEER_SIZES.map((i) => {
  console.error(`peers: ${SIZES[i].users} users…`);
  return child(join(root, 'benches/peers.mjs'), [String(i)]);
});
console.error('page: the large example in headless Chromium…');
const page = child(join(root, 'benches/page.mjs'), []);

/** Criterion's median for one native benchmark, in ms (`cargo bench --bench native` first). */
function native(size, name) {
  const file = join(root, 'target/criterion', `${size.users} users, ${linesOf(size)} lines`, name, 'new/estimates.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate / 1e6;
  } catch {
    return NaN;
  }
}

const wasm = readFileSync(join(root, 'pkg/smart_access_bg.wasm'));
const cedarWasm = readFileSync(join(root, 'node_modules/@cedar-policy/cedar-wasm/nodejs/cedar_wasm_bg.wasm'));
const sizeRow = (name, bytes) => `| ${name} | ${bytes.length.toLocaleString('en')} | ${gzipSync(bytes, { level: 9 }).length.toLocaleString('en')} | ${brotliCompressSync(bytes).length.toLocaleString('en')} |`;
const scaled = rows.filter((r) => r.users >= 1000);
const first = scaled[0];
const last = scaled[scaled.length - 1];
const perUser = (r) => (r.loadText + r.preview) / r.users;
const handlePerUser = (r) => (r.loadText + r.handle) / r.users;
const handleRatio = (r) => ((r.loadText + r.handle) / r.parse).toFixed(1);
const largest = rows[rows.length - 1];
const nativePerUser = (r) => (native(r, 'load') + native(r, 'preview')) / r.users;
// The sizes add lines faster than users (2 lines a user at 1,000 users, 10 at 100,000), so
// time per user and line says how the engine scales at a fixed shape.
const perItem = (r, load, preview) => (1e3 * (load + preview)) / (r.users + r.lines);
const growth = (f) => `${f(first).toFixed(1)} µs → ${f(last).toFixed(1)} µs (${(f(last) / f(first)).toFixed(2)}×)`;
const target = rows.find((r) => r.users === 50000);
const rate = (x) => Math.round(x).toLocaleString('en');
const report = `# Benchmarks

Produced by \`make bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? 'unknown CPU'},
${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}.
\`make bench\` builds the package (\`make pkg\`), writes the accounts (\`node benches/write-accounts.mjs\`),
runs \`cargo bench --bench native\` (criterion) and then \`node benches/node.mjs\`, which measures the
package in Node, runs \`benches/peers.mjs\` and writes this file. Every account comes from
\`www/generate.js\` (seed ${SEED}, sizes in \`benches/sizes.mjs\`); the request migrates every contract.

## Native (criterion, \`cargo bench --bench native\`)

Medians in ms. "can" is 10,000 questions given as JSON text (\`Account::can_many_text\`).

| users | VAs | contracts | lines | load + validate | preview (to JSON) | apply (to JSON) | 10,000 \`can\` | checks / s |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.users} | ${r.vas} | ${r.contracts} | ${r.lines} | ${ms(native(r, 'load'))} | ${ms(native(r, 'preview'))} | ${ms(native(r, 'apply'))} | ${ms(native(r, 'can/10000'))} | ${rate(10_000 / (native(r, 'can/10000') / 1000))} |`).join('\n')}

Load + preview, ${first.users} → ${last.users} users: per user ${growth((r) => nativePerUser(r) * 1000)}; per user and line ${growth((r) => perItem(r, native(r, 'load'), native(r, 'preview')))}.

## The package in Node (WebAssembly, public API)

Times are medians of 3 runs (1 run above 500,000 lines), in ms.

| users | VAs | contracts | lines | JSON MB | JSON.parse | first load (fromJson) | load (fromJson) | load / JSON.parse | load (object) | \`preview()\` + summary + 50 users | (load + that) / JSON.parse | \`previewMigration\` (all contracts) | (load + previewMigration) / JSON.parse | apply | \`compare\` (4 choices) | 10,000 \`can\` | 10,000 in one \`canMany\` | one \`whoCan\` | wasm memory grown by the first load, × JSON |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows
  .map((r) => `| ${r.users} | ${r.vas} | ${r.contracts} | ${r.lines} | ${r.mb.toFixed(1)} | ${ms(r.parse)} | ${ms(r.coldLoad)} | ${ms(r.loadText)} | ${(r.loadText / r.parse).toFixed(1)}× | ${ms(r.loadObject)} | ${ms(r.handle)} | ${handleRatio(r)}× | ${ms(r.preview)} | ${((r.loadText + r.preview) / r.parse).toFixed(1)}× | ${ms(r.apply)} | ${ms(r.compare)} | ${ms(r.single)} | ${ms(r.batch)} | ${ms(r.whoCan)} | ${(r.memory / (r.mb * 1e6)).toFixed(1)}× |`)
  .join('\n')}

Load + \`preview()\` + summary + first page, ${first.users} → ${last.users} users: per user ${growth((r) => handlePerUser(r) * 1000)}; per user and line ${growth((r) => perItem(r, r.loadText, r.handle))}.
Load + \`previewMigration\`: per user ${growth((r) => perUser(r) * 1000)}; per user and line ${growth((r) => perItem(r, r.loadText, r.preview))}.

The page (\`benches/page.mjs\`, headless Chromium, the page's large example of
20,000 users and 200,000 contract lines, every contract selected, median of ${page.runs}): the first
rows of the user table ${ms(page.firstRows)} ms after pressing "Preview migration"; ${page.longTasks} main-thread
task(s) over 50 ms in between${page.longTasks ? ` (longest ${ms(page.longestTask)} ms)` : ''}.

Each size runs in its own process with a fresh WebAssembly instance. "first load" is the
first \`fromJson\` of that instance, which also grows the WebAssembly memory from nothing;
"load" is the median of the loads after it. The memory column is how much the first load
grew the WebAssembly memory (a high-water mark: it never shrinks), divided by the JSON text's size.

## Role checks against the peers (\`benches/peers.mjs\`)

The same 10,000 questions (each a user, one of the six entitlement actions and a contract
line, from \`benches/sizes.mjs\`) to each engine, given an equivalent model of the roles
(encodings below). Before timing, every engine's answer to every question is compared with
ours: ${peers.map((p) => `${p.users} users: ${Object.entries(p.mismatches).map(([k, v]) => `${k} ${v}`).join(', ')} disagreements (${p.allowed.toLocaleString('en')} of ${p.questions.toLocaleString('en')} allowed)`).join('; ')}.
Checks per second, best of several passes; "our ratio" is smart-access \`canMany\` ÷ the peer. The fast path's own ratios to CASL and cedar-wasm are in the targets below.
Versions: ${Object.entries(peers[0].versions).map(([k, v]) => `\`${k}\` ${v}`).join(', ')}.

| engine | ${peers.map((p) => `${p.users} users: checks / s | our ratio`).join(' | ')} | ${peers.map((p) => `set-up at ${p.users} users, ms`).join(' | ')} |
|---|${peers.map(() => '---:|---:').join('|')}|${peers.map(() => '---:').join('|')}|
| smart-access \`canMany\` (one batch) | ${peers.map((p) => `${rate(p.rates.oursBatch)} | 1`).join(' | ')} | ${peers.map(() => '(load)').join(' | ')} |
| smart-access \`can\` (one call each) | ${peers.map((p) => `${rate(p.rates.oursSingle)} | ${(p.rates.oursBatch / p.rates.oursSingle).toFixed(1)}×`).join(' | ')} | ${peers.map(() => '(load)').join(' | ')} |
| smart-access \`Abilities\` (the fast path: JS, no WebAssembly call per check) | ${peers.map((p) => `${rate(p.rates.oursFast)} | ${(p.rates.oursBatch / p.rates.oursFast).toFixed(2)}×`).join(' | ')} | ${peers.map((p) => ms(p.built.oursFast)).join(' | ')} |
| \`@casl/ability\` | ${peers.map((p) => `${rate(p.rates.casl)} | ${(p.rates.oursBatch / p.rates.casl).toFixed(2)}×`).join(' | ')} | ${peers.map((p) => ms(p.built.casl)).join(' | ')} |
| \`casbin\` | ${peers.map((p) => `${rate(p.rates.casbin)} | ${(p.rates.oursBatch / p.rates.casbin).toFixed(1)}×`).join(' | ')} | ${peers.map((p) => ms(p.built.casbin)).join(' | ')} |
| \`@cedar-policy/cedar-wasm\` | ${peers.map((p) => `${rate(p.rates.cedar)} | ${(p.rates.oursBatch / p.rates.cedar).toFixed(0)}×`).join(' | ')} | ${peers.map((p) => ms(p.built.cedar)).join(' | ')} |

## Size

| file | raw | gzip (Node's zlib, level 9) | brotli (Node's zlib) |
|---|---:|---:|---:|
${sizeRow('`smart_access_bg.wasm` (ours)', wasm)}
${sizeRow('`cedar_wasm_bg.wasm` (`@cedar-policy/cedar-wasm`)', cedarWasm)}

## Against the targets

| target | measured |
|---|---|
| load + \`preview()\` + summary + first page ≤ 2× \`JSON.parse\`, at 50,000 users / 200,000 lines and ${largest.users} / ${largest.lines} | ${handleRatio(target)}× and ${handleRatio(largest)}× |
| load ≤ 1.5× \`JSON.parse\` (50,000 users) | ${(target.loadText / target.parse).toFixed(1)}× |
| page: no main-thread task over 50 ms from "Preview migration" to the first rows | ${page.longTasks} (first rows after ${ms(page.firstRows)} ms) |
| role checks ≥ 100× cedar-wasm | ${peers.map((p) => `${(p.rates.oursBatch / p.rates.cedar).toFixed(0)}× at ${p.users} users`).join(', ')} |
| role checks no slower than CASL | ${peers.map((p) => `${(p.rates.oursBatch / p.rates.casl).toFixed(2)}× at ${p.users} users`).join(', ')} |
| fast path ≥ 3× CASL and ≥ 200× cedar-wasm, at 1,000 and 10,000 users | ${peers.map((p) => `${(p.rates.oursFast / p.rates.casl).toFixed(1)}× and ${(p.rates.oursFast / p.rates.cedar).toFixed(0)}× at ${p.users} users`).join('; ')} |
| one \`whoCan\` ≤ 100 ms at 20,000 users (Node) | ${rows.filter((r) => r.users >= 10000 && r.users <= 50000).map((r) => `${ms(r.whoCan)} ms at ${r.users} users`).join(', ')} |
| time per user flat within 1.3×, ${first.users} → ${last.users} users | load + \`preview()\`: ${(handlePerUser(last) / handlePerUser(first)).toFixed(2)}× in Node; load + \`previewMigration\`: ${(perUser(last) / perUser(first)).toFixed(2)}× in Node, ${(nativePerUser(last) / nativePerUser(first)).toFixed(2)}× native (per user and line: ${(perItem(last, last.loadText, last.preview) / perItem(first, first.loadText, first.preview)).toFixed(2)}× in Node) |
| wasm memory grown by the first load ≤ 6× the JSON text | ${(target.memory / (target.mb * 1e6)).toFixed(1)}× (see the reading below) |
| \`.wasm\` ≤ 170 KB gzip (Node's zlib, level 9) | ${gzipSync(wasm, { level: 9 }).length.toLocaleString('en-US')} bytes (${wasm.length.toLocaleString('en-US')} raw) |
`;
// The reading of the figures is kept beside the script and appended, so a rerun keeps it.
const reading = readFileSync(join(root, 'benches/reading.md'), 'utf8');
process.stdout.write(report);
writeFileSync(join(root, 'BENCHMARKS.md'), `${report}\n${reading}`);
