// Consumer tests: pack the built package (pkg/), install the tarball into a fresh project,
// and use it the way a user would: the README's snippets for Node ESM, CommonJS and the
// browser, the command line, and a TypeScript consumer against the shipped types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchChromium, readme, snippet } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let project;

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { cwd: project, encoding: 'utf8', ...options });
}

before(() => {
  project = mkdtempSync(join(tmpdir(), 'smart-access-consumer-'));
  const packed = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', project, '--silent'], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(project, packed)], { cwd: project });
  copyFileSync(join(root, 'tests/fixtures/example-c/account.json'), join(project, 'account.json'));
  copyFileSync(join(root, 'tests/fixtures/example-c/request.json'), join(project, 'request.json'));
  copyFileSync(join(root, 'tests/fixtures/resolution/account.json'), join(project, 'resolution.json'));
});

after(() => rmSync(project, { recursive: true, force: true }));

test('the tarball holds the package README (for users, not the developers) and the LICENSE', () => {
  const installed = join(project, 'node_modules/smart-access');
  assert.equal(readFileSync(join(installed, 'README.md'), 'utf8'), readme);
  assert.doesNotMatch(readme, /make (test|demo)|cargo /, 'the package README speaks to users');
  assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.license, 'MIT');
  assert.ok(manifest.keywords.includes('webassembly'));
});

test('pkg.json and Cargo.toml carry the same version', () => {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  const pkg = JSON.parse(readFileSync(join(root, 'pkg.json'), 'utf8')).version;
  assert.equal(pkg, cargo);
  const installed = JSON.parse(readFileSync(join(project, 'node_modules/smart-access/package.json'), 'utf8'));
  assert.equal(installed.version, cargo);
});

test('Node ESM: import (README snippet)', () => {
  writeFileSync(join(project, 'esm.mjs'), snippet('node-esm'));
  const out = run('node', ['esm.mjs']);
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(out.stdout.trim().split('\n'), [
    'clara admin@SA',
    'chris fullUser@SA',
    'casper licenseUser@B',
    'carl licenseUser@A',
    'cathy fullUser@A fullUser@B',
  ]);
});

test('the element imports in Node (server rendering loads it) without defining anything or failing', () => {
  const out = run('node', ['--input-type=module', '-e', `
    const { SmartAccessPreviewElement } = await import('smart-access/element');
    console.log(typeof SmartAccessPreviewElement, typeof globalThis.customElements);`]);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout.trim(), 'function undefined');
});

test('Node CommonJS: require (README snippet)', () => {
  writeFileSync(join(project, 'cjs.cjs'), snippet('node-cjs'));
  const out = run('node', ['cjs.cjs']);
  assert.equal(out.status, 0, out.stderr);
  const [error, applied] = out.stdout.trim().split('\n');
  assert.match(error, /^NOT_SA_ADMIN \/actor /);
  assert.match(applied, /^sa-tx-[0-9a-f]{32} 2026-11-23$/);
});

/** Runs the README snippet NAME in the consumer project: it must print what the README says it prints. */
function printsAsDocumented(name) {
  writeFileSync(join(project, `${name}.mjs`), snippet(name));
  const out = run('node', [`${name}.mjs`]);
  assert.equal(out.status, 0, out.stderr);
  const printed = readme.match(new RegExp(`<!-- snippet: ${name} -->[\\s\\S]*?prints\\s*\`\`\`text\\n([\\s\\S]*?)\`\`\``))[1];
  assert.equal(out.stdout, printed);
}

test('a preview kept in the engine (README snippet) prints what the README says', () => printsAsDocumented('node-preview'));
test('role resolution (README snippet) prints what the README says', () => printsAsDocumented('node-can'));
test('the fast path and who can (README snippet) print what the README says', () => printsAsDocumented('node-abilities'));
test('the choices compared (README snippet) print what the README says', () => printsAsDocumented('node-compare'));

test('command line: can, explain and access', () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  let out = run(cli, ['can', 'resolution.json', 'carl', 'performRma', '{"contract":"C-300","line":"2"}', '2026-11-30']);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout.trim(), 'true');
  out = run(cli, ['can', 'resolution.json', 'carl', 'performRma', '{"contract":"C-300","line":"2"}', '2026-12-23']);
  assert.equal(out.stdout.trim(), 'false');
  assert.equal(out.status, 1, 'can exits 1 for false');
  out = run(cli, ['explain', 'resolution.json', 'zed', 'viewAll', '{"order":"O-1"}']);
  assert.equal(JSON.parse(out.stdout).reasons[0].source, 'orderShare');
  out = run(cli, ['access', 'resolution.json', 'carl', '2026-11-30']);
  assert.equal(JSON.parse(out.stdout).contracts[0].graceEndsOn, '2026-12-23');
  out = run(cli, ['can', 'resolution.json', 'carl', 'fly', '{"va":"A"}']);
  assert.equal(out.status, 2);
  const error = JSON.parse(out.stderr);
  assert.deepEqual([error.code, error.path, error.argument, error.file], ['UNKNOWN_ACTION', '/action', 'ACTION', undefined]);
  out = run(cli, ['can', 'resolution.json', 'carl', 'viewAll', '{va:A}']);
  assert.equal(out.status, 2);
  assert.equal(JSON.parse(out.stderr).code, 'INVALID_JSON');
});

test('command line: help, version, standard input, overview and can-many, as conventions go', () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  for (const args of [['--help'], ['-h'], ['help'], []]) {
    const out = run(cli, args);
    assert.equal(out.status, 0, args.join(' '));
    assert.match(out.stdout, /usage:[\s\S]*smart-access can-many ACCOUNT QUESTIONS \[DATE\][\s\S]*Exit status: 0 done/);
    assert.equal(out.stderr, '');
  }
  for (const args of [['preview', '--help'], ['help', 'preview']]) {
    const out = run(cli, args);
    assert.equal(out.status, 0, args.join(' '));
    assert.match(out.stdout, /^usage: smart-access preview ACCOUNT REQUEST\n/);
  }
  const version = run(cli, ['--version']);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(project, 'node_modules/smart-access/package.json'), 'utf8')).version);
  // - is standard input.
  let out = run(cli, ['access', '-', 'carl', '2026-11-30'], { input: readFileSync(join(project, 'resolution.json')) });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(JSON.parse(out.stdout).user, 'carl');
  out = run(cli, ['can-many', 'resolution.json', '-', '2026-11-30'], {
    input: JSON.stringify([{ user: 'carl', action: 'performRma', resource: { contract: 'C-300', line: '2' } },
      { user: 'carl', action: 'performRma', resource: { contract: 'C-300', line: '2' }, on: '2026-12-23' }]),
  });
  assert.deepEqual(JSON.parse(out.stdout), [true, false]);
  out = run(cli, ['overview', 'resolution.json', '--actor', 'clara', '--on', '2026-11-30']);
  assert.equal(JSON.parse(out.stdout).id, 'SA-C');
  // Errors name the argument they are about.
  out = run(cli, ['overview', 'resolution.json', '--actor', 'nobody']);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'path', 'argument']), { code: 'UNKNOWN_REFERENCE', path: '/actor', argument: '--actor' });
  out = run(cli, ['access', 'resolution.json', 'nobody']);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'argument']), { code: 'UNKNOWN_REFERENCE', argument: 'USER' });
  out = run(cli, ['can', 'resolution.json', 'carl', 'viewAll', '{"va":"A"}', '30/11/2026']);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'argument']), { code: 'INVALID_DATE', argument: 'DATE' });
  for (const args of [['preview', 'resolution.json'], ['help', 'frobnicate'], ['access', 'resolution.json', 'carl', '--bogus']]) {
    out = run(cli, args);
    assert.equal(out.status, 2, args.join(' '));
    assert.equal(JSON.parse(out.stderr).code, 'USAGE');
  }
});

const pick = (object, keys) => Object.fromEntries(keys.map((k) => [k, object[k]]));

test('command line: input past the engine\'s limit stops at the limit (TOO_LARGE) from a device, a pipe and a file', () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  // An endless device: refused once 64 MiB are read, not after filling the memory.
  let out = run('bash', ['-c', `"${cli}" preview - request.json < /dev/zero`], { maxBuffer: 1 << 20 });
  assert.equal(out.status, 2, out.stderr);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'file']), { code: 'TOO_LARGE', file: '-' });
  // A pipe from a writer that would go on.
  out = run('bash', ['-c', `yes ' ' | "${cli}" access - carl`], { maxBuffer: 1 << 20 });
  assert.equal(out.status, 2, out.stderr);
  assert.equal(JSON.parse(out.stderr).code, 'TOO_LARGE');
  // A file of valid UTF-8 one byte over the limit.
  const big = join(project, 'big.json');
  writeFileSync(big, Buffer.alloc(64 * 1024 * 1024 + 4, 0x20));
  out = run(cli, ['access', 'big.json', 'carl']);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'file']), { code: 'TOO_LARGE', file: 'big.json' });
  rmSync(big);
});

test('command line: an argument that is not UTF-8 is refused, naming it, not read as U+FFFD', () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  let out = run('bash', ['-c', `"${cli}" can resolution.json $'\\xff' viewAll '{"va":"A"}'`]);
  assert.equal(out.status, 2, out.stdout + out.stderr);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'argument']), { code: 'INVALID_VALUE', argument: 'USER' });
  assert.match(JSON.parse(out.stderr).message, /^USER is not UTF-8 text/);
  // U+FFFD itself, written as UTF-8, is text like any other: an unknown user here.
  out = run(cli, ['can', 'resolution.json', '\uFFFD', 'viewAll', '{"va":"A"}']);
  assert.deepEqual(pick(JSON.parse(out.stderr), ['code', 'argument']), { code: 'UNKNOWN_REFERENCE', argument: 'USER' });
});

test('import and require share one engine instance', () => {
  writeFileSync(
    join(project, 'both.mjs'),
    `import { createRequire } from 'node:module';
     import { Account } from 'smart-access';
     const required = createRequire(import.meta.url)('smart-access');
     console.log(Account === required.Account);`,
  );
  assert.equal(run('node', ['both.mjs']).stdout.trim(), 'true');
});

test('command line: preview of example C', () => {
  const out = run(join(project, 'node_modules/.bin/smart-access'), ['preview', 'account.json', 'request.json']);
  assert.equal(out.status, 0, out.stderr);
  const preview = JSON.parse(out.stdout);
  assert.deepEqual(preview.users.find((u) => u.id === 'chris').after, [{ role: 'fullUser' }]);
  assert.equal(preview.graceEndsOn, '2026-12-23');
});

test('command line: compare prints the four choices, who-can the users who can', () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  const compared = run(cli, ['compare', 'account.json', 'request.json']);
  assert.equal(compared.status, 0, compared.stderr);
  const choices = JSON.parse(compared.stdout);
  assert.deepEqual(choices.map((c) => `${c.request.smartAccessRole}/${c.request.contractRole}`),
    ['licenseUser/serviceUser', 'licenseUser/fullUser', 'fullUser/serviceUser', 'fullUser/fullUser']);
  assert.deepEqual(choices.map((c) => c.collapsed), [1, 1, 0, 0]);
  const who = run(cli, ['who-can', 'resolution.json', 'performRma', '{"device":"D-covered"}', '2026-12-23']);
  assert.equal(who.status, 0, who.stderr);
  assert.deepEqual(JSON.parse(who.stdout).map((w) => w.user), ['clara', 'chris', 'cathy']);
  const wrong = run(cli, ['who-can', 'resolution.json', 'fly', '{"device":"D-covered"}']);
  assert.equal(wrong.status, 2);
  assert.deepEqual([JSON.parse(wrong.stderr).code, JSON.parse(wrong.stderr).argument], ['UNKNOWN_ACTION', 'ACTION']);
});

test('command line: bad files give exit 2 and the error JSON', () => {
  writeFileSync(join(project, 'broken.json'), '{"id": "SA-1", ');
  let out = run(join(project, 'node_modules/.bin/smart-access'), ['preview', 'broken.json', 'request.json']);
  assert.equal(out.status, 2);
  assert.equal(out.stdout, '');
  let error = JSON.parse(out.stderr);
  assert.equal(error.code, 'INVALID_JSON');
  assert.equal(error.file, 'broken.json');

  const account = JSON.parse(readFileSync(join(project, 'account.json'), 'utf8'));
  account.contracts[0].lines[1].va = 'Z';
  writeFileSync(join(project, 'dangling.json'), JSON.stringify(account));
  out = run(join(project, 'node_modules/.bin/smart-access'), ['apply', 'dangling.json', 'request.json']);
  assert.equal(out.status, 2);
  error = JSON.parse(out.stderr);
  assert.deepEqual([error.code, error.path, error.file], ['UNKNOWN_REFERENCE', '/contracts/0/lines/1/va', 'dangling.json']);

  out = run(join(project, 'node_modules/.bin/smart-access'), ['preview', 'missing.json', 'request.json']);
  assert.equal(out.status, 2);
  assert.equal(JSON.parse(out.stderr).code, 'READ_ERROR');
  out = run(join(project, 'node_modules/.bin/smart-access'), ['frobnicate']);
  assert.equal(out.status, 2);
  assert.equal(JSON.parse(out.stderr).code, 'USAGE');
});

test('command line: a byte-order mark and UTF-16 are read, other non-UTF-8 text is refused, and a reader that stops early is no error', async () => {
  const cli = join(project, 'node_modules/.bin/smart-access');
  const text = readFileSync(join(project, 'account.json'), 'utf8');
  const expected = run(cli, ['preview', 'account.json', 'request.json']).stdout;
  writeFileSync(join(project, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  writeFileSync(join(project, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  for (const file of ['bom.json', 'utf16.json']) {
    const out = run(cli, ['preview', file, 'request.json']);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, expected, file);
  }
  writeFileSync(join(project, 'latin1.json'), Buffer.from(text.replace('"Chris"', '"Chris Müller"'), 'latin1'));
  const out = run(cli, ['preview', 'latin1.json', 'request.json']);
  assert.equal(out.status, 2);
  const error = JSON.parse(out.stderr);
  assert.deepEqual([error.code, error.file], ['INVALID_JSON', 'latin1.json']);
  assert.match(error.message, /not UTF-8/);
  // A preview far larger than a pipe's buffer, read only in part.
  const { generateAccount } = await import(join(root, 'www/generate.js'));
  const big = generateAccount({ users: 2000, vas: 10, contracts: 100, linesPerContract: 5, seed: 1 });
  writeFileSync(join(project, 'big.json'), JSON.stringify(big));
  writeFileSync(join(project, 'big-request.json'), JSON.stringify({ actor: 'user-0', on: '2026-11-23', smartAccessRole: 'fullUser' }));
  const piped = run('bash', ['-c', `set -o pipefail; "${cli}" preview big.json big-request.json | head -c 100 > /dev/null`]);
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stderr, '');
});

test('TypeScript: a consumer compiles against the shipped types, which have no any', () => {
  const types = readFileSync(join(project, 'node_modules/smart-access/smart_access.d.ts'), 'utf8');
  // wasm-bindgen's `InitOutput` describes the raw WebAssembly exports (externref is `any`
  // there); every declaration of the API is checked.
  const code = types
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/export interface InitOutput \{[^}]*\}/, '');
  assert.match(types, /export interface InitOutput \{/);
  assert.doesNotMatch(code, /\bany\b/);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
        lib: ['es2022', 'dom', 'esnext.disposable'], types: [], skipLibCheck: false,
      },
      files: ['consumer.ts'],
    }),
  );
  copyFileSync(join(root, 'tests/js/consumer.ts'), join(project, 'consumer.ts'));
  const out = run(join(root, 'node_modules/.bin/tsc'), ['-p', project]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  // And a misuse is caught: a role that does not exist.
  writeFileSync(join(project, 'consumer.ts'), `import { Account } from 'smart-access';
    declare const a: Account; a.previewMigration({ actor: 'x', smartAccessRole: 'superUser' });`);
  assert.notEqual(run(join(root, 'node_modules/.bin/tsc'), ['-p', project]).status, 0);
  // And the element's: a date is text, not a number.
  writeFileSync(join(project, 'consumer.ts'), `import 'smart-access/element';
    document.createElement('smart-access-preview').on = 20261123;`);
  assert.notEqual(run(join(root, 'node_modules/.bin/tsc'), ['-p', project]).status, 0);
});

test('TypeScript: a CommonJS consumer under node16 gets CommonJS declarations', () => {
  writeFileSync(join(project, 'consumer.cts'), `import { Account, SmartAccessError } from 'smart-access';
    export function check(text: string): boolean | string {
      try { return Account.fromJson(text).can('carl', 'viewAll', { va: 'A' }); }
      catch (e) { return e instanceof SmartAccessError ? e.code : 'other'; }
    }`);
  writeFileSync(join(project, 'tsconfig.cjs.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16', target: 'es2022',
      lib: ['es2022', 'dom', 'esnext.disposable'], types: [], skipLibCheck: false,
    },
    files: ['consumer.cts'],
  }));
  const out = run(join(root, 'node_modules/.bin/tsc'), ['-p', join(project, 'tsconfig.cjs.json')]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
});

test('TypeScript: a project with neither the DOM nor esnext libraries compiles the declarations, under every resolution', () => {
  writeFileSync(join(project, 'plain.mts'), `import init, { Account, Abilities } from 'smart-access';
    await init();
    const bytes: Parameters<typeof init>[0] = new Uint8Array(8);
    const account = Account.fromJson('{}');
    export const answer: boolean = new Abilities(account.abilityIndex()).for(account.ability('ava')).can('viewAll', { va: 'A' });
    void bytes;`);
  for (const [module, moduleResolution] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
    writeFileSync(join(project, 'tsconfig.plain.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'es2022', lib: ['es2022'], types: [], skipLibCheck: false },
      files: ['plain.mts'],
    }));
    const out = run(join(root, 'node_modules/.bin/tsc'), ['-p', join(project, 'tsconfig.plain.json')]);
    assert.equal(out.status, 0, `${moduleResolution}: ${out.stdout}${out.stderr}`);
  }
});

test('browser: before init(), after free() and a wrong type, the package says so with a code', async () => {
  writeFileSync(join(project, 'edges.html'), `<!doctype html><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "smart-access": "/node_modules/smart-access/index.js" } }</script>
<script type="module">
  import init, { Account, SmartAccessError } from 'smart-access';
  const seen = [];
  const attempt = (call) => { try { call(); seen.push('accepted'); } catch (e) { seen.push([e.code, e instanceof SmartAccessError]); } };
  attempt(() => Account.fromJson('{}'));
  attempt(() => new Account({}));
  await init();
  const account = Account.fromJson(await (await fetch('account.json')).text());
  attempt(() => account.can('carl', 'openCase', { va: 'A' }, new Date()));
  account.free();
  attempt(() => account.can('carl', 'openCase', { va: 'A' }));
  document.body.textContent = JSON.stringify(seen);
</script>`);
  const { text, errors } = await inChromium('edges.html', () => document.body.textContent.startsWith('['));
  assert.deepEqual(JSON.parse(text), [
    ['NOT_INITIALISED', true], ['NOT_INITIALISED', true], ['INVALID_DATE', true], ['FREED', true],
  ]);
  assert.deepEqual(errors, []);
});

/** A page of the test project in Chromium: its text once `done` holds, and its errors. */
async function inChromium(file, done) {
  const server = await serveStatic(project);
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/${file}`);
    await page.waitForFunction(done);
    return { text: await page.evaluate(() => document.body.textContent), errors };
  } finally {
    await browser?.close();
    server.close();
  }
}

test('browser: the README snippet runs in Chromium', async () => {
  writeFileSync(join(project, 'index.html'), snippet('browser'));
  const { text, errors } = await inChromium('index.html', () => document.body.textContent.includes('chris'));
  assert.match(text, /chris: fullUser/);
  assert.match(text, /cathy: fullUser, fullUser/);
  assert.deepEqual(errors, []);
});
