// The ecosystem test: the packed package in a fresh project per tool portals are built with
// (each fixture's dependencies pinned by its package-lock.json), built and run the way the
// tool's users do, checked for example C's preview (the committed preview.json) and for no
// console errors. Pages and workers run in headless Chromium.
//
// Each fixture is copied to a temporary folder with shared/ (the app code every tool builds)
// and the example's data, installs the versions of its lock file, then the tarball.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchChromium, readme, snippet } from '../js/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const exampleDir = join(root, 'tests/fixtures/example-c');
const expected = JSON.parse(readFileSync(join(exampleDir, 'preview.json'), 'utf8'));
let scratch;
let tarball;
let browser;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-access-ecosystem-'));
  const packed = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', scratch, '--silent'], {
    encoding: 'utf8',
  });
  tarball = join(scratch, packed.trim().split('\n').pop());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh copy of fixture `name` (with `also`'s files) with its locked dependencies and the package. */
function prepare(name, also = []) {
  const work = join(scratch, name);
  for (const dir of [name, ...also]) cpSync(join(here, dir), work, { recursive: true });
  cpSync(join(here, 'shared'), join(work, 'shared'), { recursive: true });
  const account = readFileSync(join(exampleDir, 'account.json'), 'utf8');
  const request = readFileSync(join(exampleDir, 'request.json'), 'utf8');
  const data = `account: ${JSON.stringify(account)}, request: ${JSON.stringify(request)}`;
  writeFileSync(join(work, 'shared/example.js'), `export const { account, request } = { ${data} };\n`);
  writeFileSync(join(work, 'shared/example.cjs'), `module.exports = { ${data} };\n`);
  writeFileSync(join(work, 'shared/expected.json'), JSON.stringify(expected));
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  // `npm install` rather than `npm ci`: npm 11 writes lock files without the other platforms'
  // optional packages (rollup's, esbuild's), which `npm ci` then calls out of sync. With the
  // lock file present it installs the locked versions all the same.
  run(work, 'npm', ['install', ...quiet]);
  run(work, 'npm', ['install', '--no-save', ...quiet, tarball]);
  return work;
}

/** Runs a command in `work`; its output, or an error that carries it. */
function run(work, cmd, args, env = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${work}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** A port nothing listens on. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A development or production server of the tool, until `stop()`; resolves once it answers on `port`. */
async function startServer(work, cmd, args, port) {
  const child = spawn(cmd, args, {
    cwd: work,
    env: { ...process.env, CI: 'true', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited:\n${output}`);
    if (waited > 120_000) {
      stop();
      throw new Error(`${cmd} ${args.join(' ')} did not answer on ${url}:\n${output}`);
    }
    try {
      await fetch(url);
      return { url, stop, output: () => output };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Opens `url` in Chromium: the page must show example C's preview in `selector` and log no error. */
async function checkPage(url, selectors = ['#result']) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
  // An uncaught error fails the check at once rather than after the wait.
  const uncaught = new Promise((resolve, reject) => page.on('pageerror', reject));
  uncaught.catch(() => {});
  try {
    await page.goto(url);
    for (const selector of selectors) {
      const shown = page.locator(`${selector}, #error`).first();
      await Promise.race([shown.waitFor({ timeout: 120_000 }), uncaught]);
      const id = await shown.getAttribute('id');
      const text = await shown.textContent();
      assert.equal(id, selector.slice(1), `${url}: ${text}`);
      assert.deepEqual(JSON.parse(text), expected, `${url}: ${selector} is example C's preview`);
    }
    assert.deepEqual(errors, [], `${url}: no console errors`);
  } finally {
    await page.close();
  }
}

/** The first thing the page at `url` logs to the console; any error fails. */
async function firstLog(url) {
  const page = await browser.newPage();
  try {
    const logged = new Promise((resolve, reject) => {
      page.on('console', (message) => (message.type() === 'error' ? reject : resolve)(message.text()));
      page.on('pageerror', reject);
    });
    await page.goto(url);
    return await logged;
  } finally {
    await page.close();
  }
}

/** A built folder served as static files (as a CDN or a portal's server would). */
async function checkStatic(dir, pages) {
  const server = await serveStatic(dir);
  try {
    for (const page of pages) await checkPage(`${server.url}${page}`);
  } finally {
    await server.close();
  }
}

/** A server bundle's `render()`, run in Node, must give example C's preview. */
function checkServerBundle(work, file) {
  const load = file.endsWith('.cjs') ? `require(${JSON.stringify(file)})` : `import(${JSON.stringify(file)})`;
  const out = run(work, 'node', ['-e', `Promise.resolve(${load}).then((m) => m.render()).then((t) => process.stdout.write(t))`]);
  assert.deepEqual(JSON.parse(out), expected, `${file} renders example C's preview`);
}

/**
 * Drives <smart-access-preview> at `url` as a person would — example C's choices, preview,
 * review, submit — and checks the submit event's detail (window.submitted) against the
 * committed preview's submission; returns where the element ran its engine.
 */
async function checkElement(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Migration choices' }).waitFor({ timeout: 120_000 });
    await page.getByRole('checkbox', { name: 'Migrate subscription C-300' }).check();
    await page.getByRole('radio', { name: /VA Full User/ }).check();
    await page.getByText('Contract users:').click();
    await page.getByRole('checkbox', { name: 'Carl (carl)' }).uncheck();
    await page.getByRole('button', { name: 'Preview migration' }).click();
    await page.getByRole('button', { name: 'Review and submit…' }).click();
    await page.getByRole('button', { name: 'Submit the migration' }).click();
    await page.waitForFunction(() => window.submitted, null, { timeout: 60_000 });
    const detail = await page.evaluate(() => window.submitted);
    assert.deepEqual(detail.submission, expected.submission, `${url}: the submission of example C`);
    assert.deepEqual(detail.request, { ...JSON.parse(readFileSync(join(exampleDir, 'request.json'), 'utf8')) }, `${url}: the request`);
    assert.deepEqual(errors, [], `${url}: no console errors`);
    return await page.locator('smart-access-preview .body').getAttribute('data-engine');
  } finally {
    await page.close();
  }
}

test('the element in plain HTML (no bundler, strict CSP): example C previewed and submitted, engine in its worker', async () => {
  const work = prepare('element-html');
  const server = await serveStatic(work);
  try {
    assert.equal(await checkElement(`${server.url}/index.html`), 'worker');
  } finally {
    await server.close();
  }
});

test('the element in React 19 on Vite 8: dev server and build', async () => {
  const work = prepare('vite8-react');
  const port = await freePort();
  const dev = await startServer(work, 'npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], port);
  try {
    // Where the dev server's pre-bundling lets the worker start, the engine runs there; the
    // element falls back to the page where it cannot (either way it must work).
    assert.equal(await checkElement(`${dev.url}/`), 'worker');
  } finally {
    dev.stop();
  }
  run(work, 'npx', ['vite', 'build']);
  const server = await serveStatic(join(work, 'dist'));
  try {
    assert.equal(await checkElement(`${server.url}/index.html`), 'worker', 'a built app runs the engine in the worker');
  } finally {
    await server.close();
  }
});

for (const major of [5, 6, 7, 8]) {
  test(`Vite ${major}: dev server, build, module worker, SSR with noExternal`, async () => {
    const work = prepare(`vite${major}`, ['vite']);
    const port = await freePort();
    const dev = await startServer(work, 'npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], port);
    try {
      await checkPage(`${dev.url}/`);
      await checkPage(`${dev.url}/worker.html`);
    } finally {
      dev.stop();
    }
    run(work, 'npx', ['vite', 'build']);
    await checkStatic(join(work, 'dist'), ['/index.html', '/worker.html']);
    run(work, 'npx', ['vite', 'build', '--ssr', 'shared/ssr.js', '--outDir', 'server']);
    checkServerBundle(work, './server/ssr.js');
  });
}

test('webpack 5: page and module worker', async () => {
  const work = prepare('webpack');
  run(work, 'npx', ['webpack', '--config', 'webpack.config.cjs']);
  await checkStatic(join(work, 'dist'), ['/index.html', '/worker.html']);
});

test('esbuild: browser bundle (and the README snippet for it), and Node bundles (ES module and CommonJS)', async () => {
  const work = prepare('esbuild');
  writeFileSync(join(work, 'readme-snippet.js'), snippet('wasm-url'));
  run(work, 'node', ['build.mjs']);
  cpSync(join(work, 'index.html'), join(work, 'dist/index.html'));
  await checkStatic(join(work, 'dist'), ['/index.html']);
  cpSync(join(exampleDir, 'account.json'), join(work, 'dist/account.json'));
  writeFileSync(join(work, 'dist/snippet.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="readme-snippet.js"></script>');
  const server = await serveStatic(join(work, 'dist'));
  try {
    const users = JSON.parse(readFileSync(join(exampleDir, 'account.json'), 'utf8')).users.length;
    assert.equal(await firstLog(`${server.url}/snippet.html`), `Example C Corp: ${users} users`);
  } finally {
    await server.close();
  }
  checkServerBundle(work, './server/ssr.mjs');
  checkServerBundle(work, './server/ssr.cjs');
});

test('Rollup: browser bundle', async () => {
  const work = prepare('rollup');
  run(work, 'npx', ['rollup', '-c']);
  cpSync(join(work, 'index.html'), join(work, 'dist/index.html'));
  await checkStatic(join(work, 'dist'), ['/index.html']);
});

test('Vitest', () => {
  const work = prepare('vitest');
  run(work, 'npx', ['vitest', 'run']);
});

test('Jest: node and jsdom environments', () => {
  const work = prepare('jest');
  const out = run(work, 'npx', ['jest', '--ci', '--json']);
  const report = JSON.parse(out);
  assert.equal(report.numFailedTests, 0);
  assert.equal(report.numPassedTests, 4);
});

test('Next.js (App Router): server and client components, next build and next dev', async () => {
  const work = prepare('next');
  run(work, 'npx', ['next', 'build']);
  let port = await freePort();
  const prod = await startServer(work, 'npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], port);
  try {
    await checkPage(`${prod.url}/`, ['#server', '#result']);
  } finally {
    prod.stop();
  }
  port = await freePort();
  const dev = await startServer(work, 'npx', ['next', 'dev', '-p', String(port), '-H', '127.0.0.1'], port);
  try {
    await checkPage(`${dev.url}/`, ['#server', '#result']);
  } finally {
    dev.stop();
  }
});
