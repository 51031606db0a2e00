// The preview page in real Chromium (Debian's, through playwright-core), served the way
// `make demo` serves it: strict CSP header, engine in a Web Worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, DEMO_MOUNTS, CSP } from '../../www/serve.mjs';
import { launchChromium } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-output', 'page');
mkdirSync(shots, { recursive: true });
let server;
let browser;

before(async () => {
  server = await serve(DEMO_MOUNTS, { headers: { 'content-security-policy': CSP } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page that records console errors, page errors and CSP violations. */
async function open() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${server.url}/`);
  return { page, problems };
}

async function idle(page) {
  await page.waitForFunction(() => !document.body.classList.contains('busy'));
}

async function loadExample(page, value) {
  await page.selectOption('#example', value);
  await page.waitForSelector('#choices:not([hidden])');
  await idle(page);
}

/** The "after" grants of one user row, as "role@scope" strings. */
async function afterGrants(page, user) {
  return page.$$eval(`#users tr[data-user="${user}"] td.after .grant`, (nodes) => nodes.map((n) => n.title));
}

function today(days = 0) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('example C end to end: choices, preview, submit, and the migrated account', async () => {
  const { page, problems } = await open();
  await loadExample(page, 'c');
  assert.equal(await page.textContent('#step31-state'), 'pending');
  assert.equal(await page.textContent('#contracts tr[data-contract="C-300"] td:nth-child(4)'), '100% 2/2 lines');
  assert.equal(await page.textContent('#contracts tr[data-contract="C-300"] td:nth-child(5)'), 'Traditional Access');
  await page.check('input[name=role31][value=licenseUser]');
  await page.check('input[name=role32][value=fullUser]');
  await page.check('#contracts tr[data-contract="C-300"] input[type=checkbox]');
  await page.click('#contracts tr[data-contract="C-300"] .users-toggle');
  await page.click('.users-list li[data-user="carl"] button');
  assert.match(await page.textContent('#contracts tr[data-contract="C-300"] .users-toggle'), /3 users, 1 removed/);
  await page.screenshot({ path: join(shots, 'example-c-choices.png'), fullPage: true });

  await page.click('#preview-button');
  await page.waitForSelector('#result:not([hidden]) #users tbody tr');
  // Once the preview is shown, the status line ("Loading…" and its spinner) is not on screen:
  // what is displayed, not only the attribute.
  await page.waitForSelector('#status', { state: 'hidden', timeout: 5_000 });
  assert.equal(await page.$eval('#status', (e) => getComputedStyle(e).display), 'none');
  assert.deepEqual(await afterGrants(page, 'clara'), ['admin@SA']);
  assert.deepEqual(await afterGrants(page, 'chris'), ['fullUser@SA']);
  assert.deepEqual(await afterGrants(page, 'casper'), ['licenseUser@B']);
  assert.deepEqual(await afterGrants(page, 'carl'), ['licenseUser@A']);
  assert.deepEqual(await afterGrants(page, 'cathy'), ['fullUser@A', 'fullUser@B']);
  // The change is highlighted and explained in words.
  assert.equal(await page.getAttribute('#users tr[data-user="chris"] td.after .grant', 'class'), 'grant added');
  assert.match(await page.textContent('#users tr[data-user="chris"] td.why'), /Full User on every VA, so Full User for the entire SA/);
  assert.match(await page.textContent('#summary'), new RegExp(`grace period ends on ${today(30)}`));

  // Carl, excluded: traditional access during the grace period, License User at A after it.
  await page.click('#users tr[data-user="carl"] button');
  await page.waitForSelector('#detail:not([hidden]) .matrix');
  const detail = await page.textContent('#detail');
  assert.match(detail, /Contract C-300 \(traditional\)/);
  assert.match(detail, /Contract C-300, lines in VA B: Download Software Image, Open TAC \/ Technical Case, Order Software Version Upgrade, Perform RMA/);
  await page.screenshot({ path: join(shots, 'example-c-preview.png'), fullPage: true });

  // Filter and search.
  await page.fill('#user-search', 'cath');
  await page.waitForFunction(() => document.querySelectorAll('#users tbody tr').length === 1);
  // Each change renders when the worker answers: wait for the rows of the cleared search
  // before filtering, or the one row of "cath" could pass for the filter's.
  await page.fill('#user-search', '');
  await page.waitForFunction(() => document.querySelectorAll('#users tbody tr').length > 1);
  await page.selectOption('#filter', 'losingAtGraceEnd');
  await page.waitForFunction(() => document.querySelectorAll('#users tbody tr').length === 1);
  assert.equal(await page.getAttribute('#users tbody tr', 'data-user'), 'carl');

  // CSV export.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.match(csvText, /^"user","name","before","after"/);
  assert.match(csvText, /"chris","Chris","user@SA","fullUser@SA","yes"/);

  // Submit: the submission, downloadable as JSON.
  await page.click('#submit');
  await page.waitForSelector('#submission:not([hidden])');
  assert.match(await page.textContent('#transaction'), /^Transaction sa-tx-[0-9a-f]{32}: 4 user\(s\) change, 1 contract\(s\) move to Smart Access\.$/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const submission = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(submission.contracts, [{ id: 'C-300', access: 'smart', migratedOn: today() }]);
  assert.deepEqual(submission.changes.find((c) => c.user === 'chris'), { user: 'chris', add: [{ role: 'fullUser' }], remove: [{ role: 'user' }] });

  // Continue with the migrated account: 3.1 done, the contract on Smart Access.
  await page.click('#apply');
  await page.waitForFunction(() => document.querySelector('#step31-state')?.textContent.startsWith('done'));
  await idle(page);
  assert.equal(await page.textContent('#step31-state'), `done on ${today()}`);
  assert.equal(await page.isHidden('#step31-roles'), true);
  assert.match(await page.textContent('#contracts tr[data-contract="C-300"] td:nth-child(5)'), /^Smart Access \(grace period until/);
  assert.match(await page.textContent('#contracts tr[data-contract="C-300"] td:nth-child(6)'), /already has Smart Access/);
  await page.screenshot({ path: join(shots, 'example-c-applied.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a contract that cannot be migrated says why, and is rejected if chosen anyway', async () => {
  const { page, problems } = await open();
  const account = JSON.parse(readFileSync(join(root, 'tests/fixtures/example-c/account.json'), 'utf8'));
  account.contracts.push({ id: 'C-400', kind: 'service', access: 'traditional', administrators: ['clara'], users: ['cathy'],
    lines: [{ id: '1', va: 'A' }, { id: '2', va: 'A' }, { id: '3', va: 'B' }, { id: '4', va: null }] });
  await page.setInputFiles('#file', { name: 'partial.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.waitForSelector('#contracts tr[data-contract="C-400"]');
  await idle(page);
  assert.equal(await page.textContent('#contracts tr[data-contract="C-400"] td:nth-child(4)'), '75% 3/4 lines');
  assert.match(await page.textContent('#contracts tr[data-contract="C-400"] td:nth-child(6)'), /^No — 3 of 4 lines are assigned/);
  await page.click('#select-all');
  assert.equal(await page.textContent('#selected-count'), '1 selected', 'select-all picks only migratable contracts');
  await page.check('#contracts tr[data-contract="C-400"] input[type=checkbox]');
  await page.click('#preview-button');
  await page.waitForSelector('#rejected-table tr[data-contract="C-400"]');
  assert.match(await page.textContent('#rejected-table tr[data-contract="C-400"]'), /NOT_FULLY_ASSIGNED.*3 of 4 lines/);
  assert.deepEqual(await afterGrants(page, 'cathy'), ['serviceUser@A', 'serviceUser@B']);
  await page.screenshot({ path: join(shots, 'rejected-contract.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('names carrying HTML and script are shown as text and run nothing', async () => {
  const { page, problems } = await open();
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const account = JSON.parse(readFileSync(join(root, 'tests/fixtures/example-c/account.json'), 'utf8'));
  account.name = `Evil ${payload}`;
  account.virtualAccounts[0].name = `VA ${payload}`;
  account.users[1].name = `Chris ${payload}`;
  account.users[4].id = `cathy"><b>bold</b>`;
  account.contracts[0].users[2] = account.users[4].id;
  // Spreadsheet formulas, as OWASP lists their starts: =, +, -, @, tab and carriage return.
  account.users[2].name = '\t=1+2';
  account.users[3].name = '\r@SUM(A1)';
  await page.setInputFiles('#file', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.waitForSelector('#choices:not([hidden])');
  await idle(page);
  await page.click('#select-all');
  await page.click('#preview-button');
  await page.waitForSelector('#users tbody tr');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img, b, script:not([src])', (n) => n.length), 0, 'no element came from data');
  assert.match(await page.textContent('#account'), /Evil <img src=x onerror="window.__pwned=1"><script>/);
  assert.match(await page.textContent('#users'), /Chris <img src=x/);
  assert.match(await page.textContent('#users'), /cathy"><b>bold<\/b>/);
  assert.match(await page.textContent('#users'), /VA <img src=x/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.ok(csvText.includes(`"casper","'\t=1+2"`), csvText);
  assert.ok(csvText.includes(`"carl","'\r@SUM(A1)"`), csvText);
  await page.screenshot({ path: join(shots, 'html-payloads.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('an exclusion from a contract whose id is __proto__ reaches the engine', async () => {
  const { page, problems } = await open();
  const account = JSON.parse(readFileSync(join(root, 'tests/fixtures/example-c/account.json'), 'utf8'));
  account.contracts[0].id = '__proto__';
  await page.setInputFiles('#file', { name: 'proto.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.waitForSelector('#choices:not([hidden])');
  await idle(page);
  await page.check('input[name=role31][value=licenseUser]');
  await page.check('input[name=role32][value=fullUser]');
  await page.check('#contracts tr[data-contract="__proto__"] input[type=checkbox]');
  await page.click('#contracts tr[data-contract="__proto__"] .users-toggle');
  await page.click('.users-list li[data-user="carl"] button');
  await page.click('#preview-button');
  await page.waitForSelector('#result:not([hidden]) #users tbody tr');
  // Carl is left out of the contract: he keeps only his own role, as in example C.
  assert.deepEqual(await afterGrants(page, 'carl'), ['licenseUser@A']);
  assert.deepEqual(await afterGrants(page, 'cathy'), ['fullUser@A', 'fullUser@B']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad file shows the engine error and the page keeps working', async () => {
  const { page, problems } = await open();
  await page.setInputFiles('#file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "SA",') });
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /^INVALID_JSON: not valid JSON/);
  const account = JSON.parse(readFileSync(join(root, 'tests/fixtures/example-c/account.json'), 'utf8'));
  account.contracts[0].lines[1].va = 'Z';
  await page.setInputFiles('#file', { name: 'dangling.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.waitForFunction(() => document.querySelector('#error').textContent.startsWith('UNKNOWN_REFERENCE'));
  assert.match(await page.textContent('#error'), /^UNKNOWN_REFERENCE at \/contracts\/0\/lines\/1\/va: virtual account "Z" is not in virtualAccounts/);
  await page.screenshot({ path: join(shots, 'bad-file.png'), fullPage: true });
  await loadExample(page, 'a');
  assert.equal(await page.isHidden('#error'), true);
  await page.click('#select-all');
  await page.click('#preview-button');
  await page.waitForSelector('#users tr[data-user="alex"]');
  assert.deepEqual(await afterGrants(page, 'alex'), ['serviceUser@A']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the large account previews while the main thread stays responsive', async () => {
  const { page, problems } = await open();
  // A heartbeat on the main thread: if the page froze while the engine works, it would not tick.
  await page.evaluate(() => {
    window.__ticks = 0;
    setInterval(() => { window.__ticks += 1; }, 50);
  });
  await page.selectOption('#example', 'large');
  await page.waitForSelector('#status:not([hidden])');
  const before = await page.evaluate(() => window.__ticks);
  await page.waitForFunction(() => window.__ticks > 0 && !document.querySelector('#status').hidden);
  await page.waitForSelector('#choices:not([hidden])', { timeout: 120_000 });
  await idle(page);
  assert.equal(await page.textContent('#contracts-pager'), 'PreviousPage 1 of 40 (2,000 contracts)Next');
  await page.click('#select-all');
  // Every main-thread task over 50 ms from here to the first rows shown (the browser reports
  // only those as 'longtask').
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) window.__longTasks.push(Math.round(t.duration));
    }).observe({ type: 'longtask' });
    window.__pressed = performance.now();
  });
  await page.click('#preview-button');
  // The page answers at once: typing into the search box lands while the worker computes.
  await page.fill('#user-search', 'User 1');
  assert.equal(await page.inputValue('#user-search'), 'User 1');
  await page.waitForSelector('#result:not([hidden]) #users tbody tr', { timeout: 300_000 });
  const shownAfter = await page.evaluate(() => Math.round(performance.now() - window.__pressed));
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.deepEqual(longTasks, [], `main-thread tasks over 50 ms between "Preview migration" and the first rows (${shownAfter} ms)`);
  assert.ok(await page.evaluate(() => window.__ticks) > before, 'the main thread kept running while the account loaded');
  assert.match(await page.textContent('#summary'), /of 20000 users change roles/);
  assert.match(await page.textContent('#users-pager'), /users\)/);
  await page.screenshot({ path: join(shots, 'large-account.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('who can do what: a user on a date, with the explanation on demand', async () => {
  const { page, problems } = await open();
  const text = readFileSync(join(root, 'tests/fixtures/resolution/account.json'));
  await page.setInputFiles('#file', { name: 'resolution.json', mimeType: 'application/json', buffer: text });
  await page.waitForSelector('#access:not([hidden])');
  await idle(page);
  await page.fill('#access-user', 'carl');
  await page.fill('#access-date', '2026-11-30');
  await page.click('#access-button');
  await page.waitForSelector('#access-table');
  await idle(page);
  const rows = await page.$$eval('#access-table tbody th', (n) => n.map((x) => x.textContent));
  assert.deepEqual(rows, ['VA A', 'Contract C-300 (traditional, grace period until 2026-12-23)']);
  await page.click('#access-table tbody tr:nth-child(2) button[data-action="performRma"]');
  await page.waitForFunction(() => document.querySelector('#access-why').textContent.length > 0);
  assert.equal(await page.textContent('#access-why'),
    'Perform RMA on Contract C-300 (traditional, grace period until 2026-12-23): allowed by traditional access to contract C-300 (grace period until 2026-12-23).');
  await page.screenshot({ path: join(shots, 'access-during-grace.png'), fullPage: true });

  // After the grace period: only the VA role remains.
  await page.fill('#access-date', '2026-12-23');
  await page.click('#access-button');
  await page.waitForFunction(() => document.querySelectorAll('#access-table tbody tr').length === 1);
  await page.click('#access-table tbody tr:nth-child(1) button[data-action="useLicense"]');
  await page.waitForFunction(() => document.querySelector('#access-why').textContent.includes('License User'));
  assert.match(await page.textContent('#access-why'), /allowed by the grant VA License User · VA A/);

  // User View: an order shared by e-mail with a user who has no role; a partner without contacts.
  await page.fill('#access-user', 'zed');
  await page.click('#access-button');
  await page.waitForFunction(() => document.querySelector('#access-result').textContent.includes('Order O-1'));
  await page.fill('#access-user', 'pat');
  await page.click('#access-button');
  await page.waitForFunction(() => document.querySelector('#access-result').textContent.includes('does not see'));
  // An unknown user is the engine's error, shown.
  await page.fill('#access-user', 'nobody');
  await page.click('#access-button');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /^UNKNOWN_REFERENCE at \/user: user "nobody" is not in the account/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the choices compared side by side, and one click picks a column', async () => {
  const { page, problems } = await open();
  await loadExample(page, 'c');
  await page.check('#contracts tr[data-contract="C-300"] input[type=checkbox]');
  await page.click('#contracts tr[data-contract="C-300"] .users-toggle');
  await page.click('.users-list li[data-user="carl"] button');
  await page.click('#compare-button');
  await page.waitForSelector('#compare:not([hidden]) #compare-table tbody tr');
  await idle(page);
  const heads = await page.$$eval('#compare-table thead th', (n) => n.map((x) => x.textContent));
  assert.deepEqual(heads, [
    'Step 3.1: License UserStep 3.2: Service User', 'Step 3.1: License UserStep 3.2: Full User',
    'Step 3.1: Full UserStep 3.2: Service User', 'Step 3.1: Full UserStep 3.2: Full User',
  ]);
  const row = (label) => page.$$eval('#compare-table tbody tr', (rows, label) => {
    const found = rows.find((r) => r.querySelector('th')?.textContent === label);
    return [...found.querySelectorAll('td')].map((td) => td.textContent);
  }, label);
  // Chris collapses to SA-wide access only as an SA License User; Carl, removed from the
  // contract, loses his traditional access at the grace end whichever column.
  assert.deepEqual(await row('SA-wide access through collapse'), ['1: Chris', '1: Chris', 'none', 'none']);
  assert.deepEqual(await row('Lose access when the grace period ends'), Array(4).fill('1: Carl (C-300)'));
  assert.deepEqual(await row('Users whose roles change'), Array(4).fill('4 of 5'));
  await page.screenshot({ path: join(shots, 'compare.png'), fullPage: true });
  // Pick the last column: both roles set to Full User, and its preview shown.
  await page.click('#compare-table button.pick[data-choice="3"]');
  await page.waitForSelector('#result:not([hidden]) #users tbody tr');
  await idle(page);
  assert.equal(await page.isChecked('input[name=role31][value=fullUser]'), true);
  assert.equal(await page.isChecked('input[name=role32][value=fullUser]'), true);
  assert.deepEqual(await afterGrants(page, 'chris'), ['fullUser@SA']);
  assert.equal(await page.isHidden('#compare'), true);
  // A comparison goes away when the choices it was made for change.
  await page.click('#compare-button');
  await page.waitForSelector('#compare:not([hidden])');
  await idle(page);
  await page.check('input[name=role32][value=serviceUser]');
  assert.equal(await page.isHidden('#compare'), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('who can: an item and an action, every user who can and why; names shown as text', async () => {
  const { page, problems } = await open();
  const payload = '<img src=x onerror="window.__pwned=1">';
  const account = JSON.parse(readFileSync(join(root, 'tests/fixtures/resolution/account.json'), 'utf8'));
  account.users.find((u) => u.id === 'cathy').name = `Cathy ${payload}`;
  await page.setInputFiles('#file', { name: 'resolution.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.waitForSelector('#access:not([hidden])');
  await idle(page);
  await page.fill('#access-date', '2026-11-30');
  await page.selectOption('#who-kind', 'device');
  await page.fill('#who-id', 'D-covered');
  await page.selectOption('#who-action', 'performRma');
  await page.click('#who-button');
  await page.waitForSelector('#who-table');
  await idle(page);
  const users = await page.$$eval('#who-table tbody tr', (n) => n.map((r) => r.dataset.user));
  assert.deepEqual(users, ['clara', 'chris', 'carl', 'cathy']);
  assert.equal(await page.textContent('#who-table tr[data-user="carl"] td'),
    'traditional access to contract C-300 (grace period until 2026-12-23)');
  assert.equal(await page.textContent('#who-table tr[data-user="cathy"] th'), `Cathy ${payload} (cathy)`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('#who-result img', (n) => n.length), 0);
  await page.screenshot({ path: join(shots, 'who-can.png'), fullPage: true });
  // After the grace period Carl is gone; an order line shared with Olga, who has no role.
  await page.fill('#access-date', '2026-12-23');
  await page.click('#who-button');
  await page.waitForFunction(() => !document.querySelector('#who-table tr[data-user="carl"]'));
  await page.selectOption('#who-kind', 'order');
  await page.fill('#who-id', 'O-2');
  await page.fill('#who-line', '1');
  await page.selectOption('#who-action', 'useLicense');
  await page.click('#who-button');
  await page.waitForSelector('#who-table tr[data-user="olga"]');
  assert.match(await page.textContent('#who-table tr[data-user="olga"] td'), /order O-2 \(lines 1\) shared with them by user id/);
  // An unknown item is the engine's error, shown.
  await page.fill('#who-id', 'O-404');
  await page.click('#who-button');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /^UNKNOWN_REFERENCE at \/resource\/order/);
  assert.deepEqual(problems, []);
  await page.close();
});
