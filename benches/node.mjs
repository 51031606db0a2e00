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
import { generateAccount } from '../www/generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The browser build, instantiated from bytes: its init returns the WebAssembly memory, whose
// size after loading is what an account costs a tab.
const { initSync, Account } = await import(join(root, 'pkg/smart_access.js'));
const wasmMemory = () => instance.memory.buffer.byteLength;
let instance;
const ON = '2026-11-23';

const SIZES = [
  { users: 1000, vas: 20, contracts: 200, linesPerContract: 10 },
  { users: 10000, vas: 100, contracts: 2000, linesPerContract: 10 },
  { users: 50000, vas: 500, contracts: 10000, linesPerContract: 20 },
  { users: 100000, vas: 1000, contracts: 20000, linesPerContract: 50 },
];

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
  const object = generateAccount({ ...size, seed: 7 });
  const text = JSON.stringify(object);
  const parse = time(runs, () => JSON.parse(text));
  const memoryBefore = wasmMemory();
  const coldLoad = time(1, () => Account.fromJson(text).free());
  const memory = wasmMemory() - memoryBefore;
  const loadText = time(runs, () => Account.fromJson(text).free());
  const loadObject = time(runs, () => new Account(object).free());
  const account = Account.fromJson(text);
  const contracts = account.overview('user-0', ON).contracts.map((c) => c.id);
  const request = { actor: 'user-0', on: ON, smartAccessRole: 'fullUser', contracts, contractRole: 'serviceUser' };
  const preview = time(runs, () => account.previewMigration(request));
  const apply = time(runs, () => account.applyMigration(request));
  // Role checks: the same 10,000 questions one call each, and as one batch.
  const questions = Array.from({ length: 10_000 }, (_, i) => ({
    user: `user-${(i * 7919) % size.users}`,
    action: ['viewAll', 'useLicense', 'performRma', 'downloadSoftware'][i % 4],
    resource: { contract: contracts[i % contracts.length], line: String(1 + (i % size.linesPerContract)) },
    on: ON,
  }));
  const single = time(runs, () => { for (const q of questions) account.can(q.user, q.action, q.resource, q.on); });
  const batch = time(runs, () => account.canMany(questions));
  account.free();
  return { ...size, lines, mb: text.length / 1e6, parse, coldLoad, loadText, loadObject, preview, apply, single, batch, memory };
}

const only = process.argv.indexOf('--size');
if (only > 0) {
  process.stdout.write(JSON.stringify(measure(SIZES[Number(process.argv[only + 1])])));
  process.exit(0);
}
const rows = SIZES.map((size, i) => {
  console.error(`measuring ${size.users} users / ${size.contracts * size.linesPerContract} lines…`);
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--size', String(i)], {
    encoding: 'utf8', maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
});

const wasm = readFileSync(join(root, 'pkg/smart_access_bg.wasm'));
const first = rows[0];
const last = rows[rows.length - 1];
const perUser = (r) => (r.loadText + r.preview) / r.users;
const report = `# Benchmarks

Produced by \`make bench\` (\`node benches/node.mjs\` over the package built by \`make pkg\`) on
${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores,
${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}.
Accounts come from \`www/generate.js\` (seed 7); times are medians of 3 runs (1 run above 500,000 lines), in ms.

## The engine in Node (WebAssembly, public API)

| users | VAs | contracts | lines | JSON MB | JSON.parse | first load (fromJson) | load (fromJson) | load / JSON.parse | load (object) | preview (all contracts) | (load + preview) / JSON.parse | apply | 10,000 \`can\` | 10,000 in one \`canMany\` | wasm memory grown by the first load, × JSON |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows
  .map((r) => `| ${r.users} | ${r.vas} | ${r.contracts} | ${r.lines} | ${r.mb.toFixed(1)} | ${ms(r.parse)} | ${ms(r.coldLoad)} | ${ms(r.loadText)} | ${(r.loadText / r.parse).toFixed(1)}× | ${ms(r.loadObject)} | ${ms(r.preview)} | ${((r.loadText + r.preview) / r.parse).toFixed(1)}× | ${ms(r.apply)} | ${ms(r.single)} | ${ms(r.batch)} | ${(r.memory / (r.mb * 1e6)).toFixed(1)}× |`)
  .join('\n')}

Time per user (load + preview) from ${first.users} to ${last.users} users: ${(perUser(first) * 1000).toFixed(1)} µs → ${(perUser(last) * 1000).toFixed(1)} µs (${(perUser(last) / perUser(first)).toFixed(2)}×).
Role checks per second: ${Math.round(10_000 / (last.single / 1000)).toLocaleString('en')} one call each, ${Math.round(10_000 / (last.batch / 1000)).toLocaleString('en')} batched (largest account).

Each size runs in its own process with a fresh WebAssembly instance. "first load" is the
first \`fromJson\` of that instance, which also grows the WebAssembly memory from nothing;
"load" is the median of the loads after it. The memory column is how much the first load
grew the WebAssembly memory (a high-water mark: it never shrinks), divided by the JSON text's size.

## Size

| file | raw | gzip | brotli |
|---|---:|---:|---:|
| \`smart_access_bg.wasm\` | ${wasm.length} | ${gzipSync(wasm, { level: 9 }).length} | ${brotliCompressSync(wasm).length} |
`;
// The reading of the figures is kept beside the script and appended, so a rerun keeps it.
const reading = readFileSync(join(root, 'benches/reading.md'), 'utf8');
process.stdout.write(report);
writeFileSync(join(root, 'BENCHMARKS.md'), `${report}\n${reading}`);
