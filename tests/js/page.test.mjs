// The preview page — the <smart-access-preview> element with the example chooser — in real
// Chromium (Debian's, through playwright-core), served the way `make demo` serves it: strict
// CSP header, engine in the element's module worker. Everything is reached the way a person
// reaches it: by role and accessible name, and by keyboard; axe-core checks every main state
// at 1280 px and at a 390 px phone; screenshots go to test-output/page/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, DEMO_MOUNTS, DEMO_GENERATED, CSP } from '../../www/serve.mjs';
import { launchChromium } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-output', 'page');
mkdirSync(shots, { recursive: true });
const fixture = (name, file) => JSON.parse(readFileSync(join(root, 'tests/fixtures', name, file), 'utf8'));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// The worked examples are previewed on their requests' date, so every date below is fixed.
const ON = '2026-11-23';
let server;
let browser;

before(async () => {
  server = await serve(
    { ...DEMO_MOUNTS, '/axe/': join(root, 'node_modules/axe-core') },
    { headers: { 'content-security-policy': CSP }, generated: DEMO_GENERATED },
  );
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page that records console errors, page errors and CSP violations. */
async function open(viewport = DESKTOP) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`${server.url}/`);
  await page.evaluate(() => {
    window.events = [];
    for (const type of ['opened', 'preview', 'submit', 'error']) {
      document.querySelector('smart-access-preview').addEventListener(type, (e) => {
        window.events.push({ type, detail: type === 'error' ? { code: e.detail.code } : e.detail });
      });
    }
  });
  return { page, problems };
}

/** Opens an example by its button and waits for its choices. */
async function loadExample(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  // The first account of a page also starts the element's worker and compiles the engine.
  await page.getByRole('heading', { name: 'Migration choices' }).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { level: 2, name: new RegExp(`${name.slice(-1)} Corp|Generated`) }).waitFor();
}

/** Sets the choices of a worked example's request through the element's controls. */
async function choose(page, request) {
  await page.getByLabel('Submitted by').selectOption(request.actor);
  await page.getByLabel('Migration date').fill(request.on);
  if (request.smartAccessRole) {
    await page.getByRole('group', { name: /Step 3\.1/ }).getByRole('radio', { name: new RegExp(`SA ${roleName(request.smartAccessRole)}`) }).check();
  }
  if (request.contractRole) {
    await page.getByRole('group', { name: /Step 3\.2/ }).getByRole('radio', { name: new RegExp(`VA ${roleName(request.contractRole)}`) }).check();
  }
  for (const contract of request.contracts ?? []) {
    await page.getByRole('checkbox', { name: new RegExp(`Migrate (contract|subscription) ${contract}$`) }).check();
    for (const user of request.exclude?.[contract] ?? []) {
      await page.locator('li.contract', { hasText: contract }).getByText('Contract users:').click();
      await page.getByRole('checkbox', { name: new RegExp(`\\(${user}\\)`) }).uncheck();
    }
  }
}
const roleName = (id) => ({ licenseUser: 'License User', serviceUser: 'Service User', fullUser: 'Full User' })[id];

async function previewNow(page) {
  await page.getByRole('button', { name: 'Preview migration' }).click();
  await page.getByRole('heading', { name: /^Preview for / }).waitFor();
  await page.locator('table.users tbody tr').first().waitFor();
}

/** The text of one user's row cell ("before", "after", "losses", "why"). */
async function cell(page, user, column) {
  const text = await page.locator(`table.users tr[data-user="${user}"] td.${column}`).textContent();
  return text.replace(/\s+/g, ' ').trim();
}

/** The live region's words once they settle on something matching `pattern`. */
async function announced(page, pattern) {
  const live = page.locator('smart-access-preview [role=status][aria-live=polite]');
  await page.waitForFunction(
    ([el, source]) => new RegExp(source).test(el.textContent),
    [await live.elementHandle(), pattern.source],
  );
  return live.textContent();
}

/** axe-core (WCAG 2.2 A/AA) on the page as it stands: no serious or critical violation. */
async function axe(page, state) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/axe/axe.min.js' });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe, ${state}`);
}

/** No sideways scroll of the page itself: wide tables scroll inside their own region. */
async function noSidewaysScroll(page, what) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `${what}: the page is ${scroll} px wide in a ${client} px viewport`);
}

/** The element's focused element's accessible text (its label or its own text). */
function focused(page) {
  return page.evaluate(() => {
    const active = document.querySelector('smart-access-preview').shadowRoot.activeElement;
    if (!active) return null;
    const label = active.labels?.[0]?.textContent ?? active.getAttribute('aria-label') ?? active.textContent;
    return `${active.tagName.toLowerCase()}: ${label.trim()}`;
  });
}

test('example C end to end: choices, a preview with its timeline and flows, the submission in words, the submit event, the migrated account', async () => {
  const { page, problems } = await open();
  await loadExample(page, 'Example C');
  await axe(page, 'example C loaded');
  const request = fixture('example-c', 'request.json');
  await choose(page, request);
  assert.match(await page.locator('li.contract', { hasText: 'C-300' }).innerText(), /3 users, 1 left out/);
  await page.screenshot({ path: join(shots, 'example-c-choices-1280.png'), fullPage: true });

  await previewNow(page);
  assert.match(await announced(page, /^Preview ready/), /^Preview ready: 4 of 5 users change; 1 loses access on December 23, 2026\.$/);
  assert.match(await focused(page), /^h2: Preview for November 23, 2026$/);
  // SPEC §5, example C, in the rows' words.
  assert.equal(await cell(page, 'clara', 'after'), 'SA Administrator');
  assert.equal(await cell(page, 'chris', 'after'), 'SA Full User (new)');
  assert.equal(await cell(page, 'casper', 'after'), 'VA License User (VA B) (new)');
  assert.equal(await cell(page, 'carl', 'after'), 'VA License User (VA A) (new)');
  assert.equal(await cell(page, 'cathy', 'after'), 'VA Full User (VA A) (new)VA Full User (VA B) (new)');
  assert.match(await cell(page, 'chris', 'why'), /Full User on every VA, so Full User for the entire SA/);
  // Each user's losses named in their row, with the day.
  assert.match(await cell(page, 'carl', 'losses'), /Loses Perform RMA on VA A on December 23, 2026/);
  assert.match(await cell(page, 'carl', 'losses'), /Loses Download Software Image, Open TAC \/ Technical Case, Order Software Version Upgrade, and Perform RMA on VA B on December 23, 2026/);
  assert.match(await cell(page, 'carl', 'losses'), /The end of the grace period of contract C-300\./);
  assert.equal(await cell(page, 'cathy', 'losses'), 'Loses nothing.');

  // The timeline: a picture with a text alternative naming the three days.
  const timeline = page.getByRole('img', { name: /November 23, 2026/ });
  assert.match(await timeline.getAttribute('aria-labelledby'), /sap-timeline/);
  const dates = await page.locator('figure.timeline-figure figcaption').innerText();
  assert.match(dates, /November 23, 2026 — the migration/);
  assert.match(dates, /December 22, 2026 — the last day of traditional contract access \(the grace period lasts 30 days\)/);
  assert.match(dates, /December 23, 2026 — from this day on, roles alone decide/);

  // Who moves where: choosing a path lists its users only; choosing it again lists everyone.
  const flow = page.getByRole('button', { name: /^VA User to VA License User/ });
  await flow.click();
  assert.equal(await flow.getAttribute('aria-pressed'), 'true');
  await page.locator('table.users caption', { hasText: '2 users going from VA User to VA License User' }).waitFor();
  assert.deepEqual(await page.locator('table.users tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.user)), ['casper', 'carl']);
  await flow.click();
  await page.locator('table.users caption', { hasText: /^5 users$/ }).waitFor();
  assert.match(await focused(page), /^button: VA User →\s+to VA License User/, 'focus stays on the path pressed');

  // A user's access: three tables, each dated.
  await page.getByRole('button', { name: 'Access of Carl' }).click();
  await page.getByRole('heading', { name: 'Access of Carl' }).waitFor();
  assert.match(await focused(page), /^h3: Access of Carl$/);
  for (const title of ['Before the migration (until November 22, 2026)', 'During the grace period (November 23, 2026 to December 22, 2026)', 'After the grace period (from December 23, 2026)']) {
    await page.getByRole('table', { name: title }).waitFor();
  }
  const afterTable = await page.getByRole('table', { name: /After the grace period/ }).innerText();
  assert.doesNotMatch(afterTable, /C-300/, 'after the grace period Carl keeps no traditional access');
  await page.screenshot({ path: join(shots, 'example-c-preview-1280.png'), fullPage: true });
  await axe(page, 'example C previewed');
  // The preview as CSV, a row per user, cells neutralised for spreadsheets.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the preview (CSV)' }).click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.match(csvText, /^"user","name","before","after"/);
  assert.match(csvText, /"chris","Chris","user@SA","fullUser@SA","yes"/);

  // The submission, in words, then the submit event with what would be sent.
  await page.getByRole('button', { name: 'Review and submit…' }).click();
  await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
  const review = await page.locator('#submission').innerText().catch(() => page.locator('smart-access-preview').evaluate((e) => e.shadowRoot.getElementById('submission').innerText));
  assert.match(review, /Transaction sa-tx-[0-9a-f]{32}, on November 23, 2026/);
  assert.match(review, /Chris: SA User → SA Full User/);
  assert.match(review, /Cathy: gets VA Full User \(VA A\) and VA Full User \(VA B\)/);
  assert.match(review, /C-300 moves to Smart Access/);
  await axe(page, 'example C submission reviewed');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the submission (JSON)' }).click()]);
  const downloaded = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(downloaded, fixture('example-c', 'preview.json').submission, 'the submission of SPEC §5 example C, byte for byte in content');
  await page.screenshot({ path: join(shots, 'example-c-submission-1280.png'), fullPage: true });
  // Pressed twice, it submits once: the first press retires the preview it belonged to.
  await page.getByRole('button', { name: 'Submit the migration' }).dblclick();
  await page.waitForFunction(() => window.events.some((e) => e.type === 'submit'));
  const submits = await page.evaluate(() => window.events.filter((e) => e.type === 'submit').map((e) => e.detail));
  assert.equal(submits.length, 1, 'one submit event');
  const [submitted] = submits;
  assert.deepEqual(submitted.request, { ...request, on: ON });
  assert.deepEqual(submitted.submission.contracts, [{ id: 'C-300', access: 'smart', migratedOn: ON }]);
  assert.deepEqual(submitted.submission.changes.find((c) => c.user === 'chris'), { user: 'chris', add: [{ role: 'fullUser' }], remove: [{ role: 'user' }] });
  // The page applies it and opens the migrated account in the element.
  await page.getByText(/^Applied as sa-tx-/).waitFor();
  await page.locator('dd', { hasText: 'done on November 23, 2026' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: /^Preview for/ }).count(), 0, 'the old preview retired');
  assert.deepEqual(problems, []);
});

test('a change of choices marks the preview out of date at once, disables Submit, and is announced; previewing again clears it', async () => {
  const { page, problems } = await open();
  await loadExample(page, 'Example C');
  await choose(page, fixture('example-c', 'request.json'));
  await previewNow(page);
  const review = page.getByRole('button', { name: 'Review and submit…' });
  assert.equal(await review.isEnabled(), true);
  const radio = page.getByRole('group', { name: /Step 3\.1/ }).getByRole('radio', { name: /SA Full User/ });
  await radio.check();
  await page.getByText('Out of date.').waitFor();
  assert.equal(await review.isDisabled(), true);
  assert.match(await announced(page, /out of date/), /The preview is out of date: the choices changed/);
  assert.match(await focused(page), /^input: SA Full User/, 'focus stays on the changed control');
  // "After this migration" answers for a shown, current preview only.
  assert.equal(await page.getByRole('radio', { name: 'after this migration' }).isDisabled(), true);
  await page.screenshot({ path: join(shots, 'example-c-stale-1280.png'), fullPage: true });
  await axe(page, 'stale preview');
  // Every kind of choice marks it: a contract user left out, the date, the submitter.
  await page.getByRole('button', { name: 'Preview again' }).click();
  await page.getByRole('heading', { name: /^Preview for/ }).waitFor();
  await page.getByText('Out of date.').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#preview.stale').count(), 0, 'the fresh preview is not marked');
  assert.match(await cell(page, 'chris', 'after'), /SA Full User/);
  for (const change of [
    () => page.getByRole('checkbox', { name: /\(chris\)/ }).uncheck(),
    () => page.getByLabel('Migration date').fill('2026-12-01'),
  ]) {
    await change();
    await page.getByText('Out of date.').waitFor();
    assert.equal(await review.isDisabled(), true);
    await page.getByRole('button', { name: 'Preview again' }).click();
    await page.getByText('Out of date.').waitFor({ state: 'detached' });
  }
  assert.match(await page.getByRole('heading', { name: /^Preview for/ }).innerText(), /December 1, 2026/);
  // The four choices compared; previewing a column sets its roles in the choices.
  await page.getByRole('button', { name: 'Compare the four choices' }).click();
  const compared = page.getByRole('table', { name: /choices compared/ }).or(page.getByRole('region', { name: 'The choices compared' }).getByRole('table'));
  await compared.first().waitFor();
  assert.equal(await page.getByRole('button', { name: /^Preview this choice for / }).count(), 4);
  await axe(page, 'choices compared');
  await page.getByRole('button', { name: 'Preview this choice for SA Full User and VA Full User' }).click();
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'preview').at(-1)?.detail.request.contractRole === 'fullUser');
  assert.equal(await page.getByRole('group', { name: /Step 3\.2/ }).getByRole('radio', { name: /VA Full User/ }).isChecked(), true);
  assert.equal(await page.getByRole('group', { name: /Step 3\.1/ }).getByRole('radio', { name: /SA Full User/ }).isChecked(), true);
  assert.equal(await page.getByText('Out of date.').count(), 0);
  assert.deepEqual(problems, []);
});

test('who can and a user\'s access, after this migration and after the grace period, agree with the preview for every user of examples A to C', async () => {
  const { page, problems } = await open();
  for (const [name, dir] of [['Example A', 'example-a'], ['Example B', 'example-b'], ['Example C', 'example-c']]) {
    await loadExample(page, name);
    await choose(page, fixture(dir, 'request.json'));
    await previewNow(page);
    const graceEnd = '2026-12-23';
    await page.getByRole('radio', { name: 'after this migration' }).check();
    // Choosing "after" moves the date to the grace end, where roles alone decide.
    assert.equal(await page.getByLabel('On', { exact: true }).inputValue(), graceEnd);
    const account = fixture(dir, 'account.json');
    const vaNames = account.virtualAccounts.map((v) => v.name);
    for (const user of account.users) {
      await page.getByRole('button', { name: `Access of ${user.name}` }).click();
      await page.getByRole('heading', { name: `Access of ${user.name}` }).waitFor();
      const preview = effective(await grid(page.getByRole('table', { name: /After the grace period/ })), vaNames);
      await page.getByLabel('User id or name').fill(user.id);
      await page.getByRole('button', { name: 'Show access' }).click();
      const answer = page.getByRole('table', { name: new RegExp(`^${user.name}'s access on December 23, 2026, after this migration`) });
      await answer.waitFor();
      const resolved = await grid(answer, true);
      assert.deepEqual(resolved, preview, `${name}, ${user.name}: access after the migration = the preview's after-grace table`);
    }
  }
  // Carl on 2027-02-01: as the account is now, C-300's traditional access; after this
  // migration, none.
  await page.getByLabel('On', { exact: true }).fill('2027-02-01');
  await page.getByLabel('User id or name').fill('Carl');
  await page.getByRole('button', { name: 'Show access' }).click();
  assert.doesNotMatch(await page.getByRole('table', { name: /^Carl's access on February 1, 2027, after this migration/ }).innerText(), /C-300/);
  await page.getByRole('radio', { name: 'as it is now' }).check();
  await page.getByLabel('On', { exact: true }).fill('2027-02-01');
  await page.getByRole('button', { name: 'Show access' }).click();
  assert.match(await page.getByRole('table', { name: /^Carl's access on February 1, 2027, as the account is now/ }).innerText(), /Contract C-300/);
  // Who can, after this migration: Perform RMA on C-300's line in VA A, past the grace end.
  await page.getByRole('radio', { name: 'after this migration' }).check();
  await page.getByLabel('Action').selectOption({ label: 'Perform RMA' });
  await page.getByLabel('Contract id').fill('C-300');
  await page.getByLabel('Line', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Who can', exact: true }).click();
  const who = await page.getByText(/can Perform RMA on contract C-300, line 1 on February 1, 2027, after this migration/).first().innerText();
  assert.match(who, /^3 users can/);
  await axe(page, 'who can answered');
  assert.deepEqual(problems, []);
});

/** What can be done on each VA's items: a VA role's actions and the SA roles', in VA scope
 * (how `access()` reports a VA), from a preview's table (which lists a user's roles at
 * each scope). */
const VA_SCOPED = ['Download Software Image', 'Open TAC / Technical Case', 'Order Software Version Upgrade', 'View All', 'Perform RMA', 'Use License', 'Manage Users', 'Assign Assets'];
function effective(cells, vaNames) {
  const sa = cells.filter((c) => c.startsWith('The whole Smart Account: ')).map((c) => c.split(': ')[1]);
  const out = new Set(cells);
  for (const va of vaNames) for (const action of sa) if (VA_SCOPED.includes(action)) out.add(`${va}: ${action}`);
  return [...out].sort();
}

/** A table of "Yes" cells as "place: action" strings, sorted (the role rows left out). */
async function grid(table, placesAreRows = false) {
  return table.evaluate((t, rowsArePlaces) => {
    const head = [...t.tHead.rows[0].cells].map((c) => c.textContent);
    const out = [];
    for (const row of t.tBodies[0].rows) {
      const cells = [...row.cells];
      cells.forEach((c, i) => {
        if (c.textContent !== 'Yes') return;
        out.push(rowsArePlaces ? `${cells[0].textContent}: ${head[i]}` : `${head[i]}: ${cells[0].textContent}`);
      });
    }
    return out.filter((s) => !s.startsWith('Items in no virtual account')).sort();
  }, placesAreRows);
}

test('errors are sentences next to the control that caused them, with the code on request; a refused file keeps the account shown', async () => {
  const { page } = await open();
  await loadExample(page, 'Example C');
  // Who can with no id: said beside the button, in words.
  await page.getByRole('button', { name: 'Who can', exact: true }).click();
  const whoForm = page.locator('form', { has: page.getByRole('button', { name: 'Who can', exact: true }) });
  assert.equal(await whoForm.getByRole('alert').innerText(), 'Enter the contract id first');
  // An unknown user: in words, beside the user field.
  await page.getByLabel('User id or name').fill('zed');
  await page.getByRole('button', { name: 'Show access' }).click();
  const userForm = page.locator('form', { has: page.getByRole('button', { name: 'Show access' }) });
  assert.match(await userForm.getByRole('alert').innerText(), /No user of this account is called "zed"/);
  // The next success clears it.
  await page.getByLabel('User id or name').fill('carl');
  await page.getByRole('button', { name: 'Show access' }).click();
  await userForm.getByRole('alert').waitFor({ state: 'detached' });
  // Nothing to migrate: the preview says what to do, and keeps the code in its details.
  await page.getByRole('group', { name: /Step 3\.1/ }).waitFor();
  // A bad file while example C is open: refused in words, example C still shown.
  await page.getByLabel('Or an account JSON file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "SA", "users": [') });
  const alert = page.locator('#account').getByRole('alert').or(page.getByRole('alert').filter({ hasText: 'could not be opened' }));
  await alert.first().waitFor();
  const text = await alert.first().innerText();
  assert.match(text, /This account could not be opened: it is not valid JSON \(EOF while parsing a list at line 1 column 23\)\. Check that it is an account exported as JSON\./);
  assert.match(text, /Still shown: Example C Corp, as before\./);
  assert.doesNotMatch(text.split('Details for support')[0], /INVALID_JSON/, 'no code in the sentence');
  await page.getByText('Details for support').click();
  assert.match(await alert.first().innerText(), /Code INVALID_JSON/);
  assert.equal(await page.evaluate(() => window.events.at(-1).detail.code), 'INVALID_JSON');
  await page.screenshot({ path: join(shots, 'errors-1280.png'), fullPage: true });
  await axe(page, 'errors shown');
});

test('keyboard only: every step reachable, focus kept on toggled controls and moved to the preview when it is ready', async () => {
  const { page } = await open();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Example C');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Migration choices' }).waitFor();
  // Tab to the contract, check it with Space, open its users, leave Carl out with Space.
  const tabTo = async (pattern) => {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      if (pattern.test((await focused(page)) ?? '')) return;
    }
    assert.fail(`no control matching ${pattern} reached by Tab`);
  };
  await tabTo(/^input: Migrate subscription C-300/);
  await page.keyboard.press('Space');
  await tabTo(/^summary: /);
  await page.keyboard.press('Enter');
  await tabTo(/^input: Carl \(carl\)/);
  await page.keyboard.press('Space');
  assert.match(await focused(page), /^input: Carl \(carl\)/, 'focus stays on the toggled checkbox');
  assert.equal(await page.getByRole('checkbox', { name: /\(carl\)/ }).isChecked(), false);
  await tabTo(/^button: Preview migration/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Preview for/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('smart-access-preview').shadowRoot.activeElement?.id === 'preview-title');
  // Row buttons are named by user; Enter opens that user's access.
  await tabTo(/^button: Access of Carl/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Access of Carl' }).waitFor();
  // A visible focus indicator on buttons.
  await tabTo(/^button: /);
  const outline = await page.evaluate(() => {
    const active = document.querySelector('smart-access-preview').shadowRoot.activeElement;
    return getComputedStyle(active).outlineStyle;
  });
  assert.equal(outline, 'solid');
});

test('a phone (390 px), 320 px and 200% zoom: no sideways page scroll, axe clean, screenshots', async () => {
  for (const [viewport, label] of [[PHONE, '390'], [{ width: 320, height: 640 }, '320'], [{ width: 640, height: 400 }, '640 (1280 at 200%)']]) {
    const { page, problems } = await open(viewport);
    await loadExample(page, 'Example C');
    await noSidewaysScroll(page, `${label}, loaded`);
    await choose(page, fixture('example-c', 'request.json'));
    await previewNow(page);
    await page.getByRole('button', { name: 'Access of Carl' }).click();
    await page.getByRole('heading', { name: 'Access of Carl' }).waitFor();
    await noSidewaysScroll(page, `${label}, previewed`);
    await page.getByRole('button', { name: 'Review and submit…' }).click();
    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    await noSidewaysScroll(page, `${label}, submission`);
    if (viewport === PHONE) {
      await axe(page, 'phone, previewed');
      await page.screenshot({ path: join(shots, 'example-c-preview-390.png'), fullPage: true });
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the large example: a preview whose choices change while it is planned is set aside (the main thread\'s tasks are measured by make bench)', async () => {
  const { page, problems } = await open();
  await page.getByRole('button', { name: /Large example/ }).click();
  await page.getByRole('heading', { name: 'Migration choices' }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Select every contract that can migrate' }).click();
  // Pressed twice: planned once.
  await page.getByRole('button', { name: 'Preview migration' }).dblclick();
  // While the engine plans License User, the person switches to Full User.
  await page.getByRole('group', { name: /Step 3\.1/ }).getByRole('radio', { name: /SA Full User/ }).check();
  await announced(page, /set aside/);
  assert.equal(await page.getByRole('heading', { name: /^Preview for/ }).count(), 0, 'no preview of the old choices is shown');
  await page.getByRole('button', { name: 'Preview migration' }).click();
  await page.getByRole('heading', { name: /^Preview for/ }).waitFor({ timeout: 120_000 });
  await page.locator('table.users tbody tr').first().waitFor();
  const preview = await page.evaluate(() => window.events.filter((e) => e.type === 'preview').map((e) => e.detail.request.smartAccessRole));
  assert.deepEqual(preview, ['fullUser'], 'the one preview shown is of the choices on screen');
  await page.screenshot({ path: join(shots, 'large-preview-1280.png') });
  assert.deepEqual(problems, []);
});

test('the element takes an Account handle, a snapshot or JSON text; its on and actor attributes are choices; reset() starts again', async () => {
  const { page, problems } = await open();
  const text = readFileSync(join(root, 'tests/fixtures/example-b/account.json'), 'utf8');
  // A handle of the page's own engine (the element copies its snapshot into its worker).
  await page.evaluate(async (json) => {
    const { default: init, Account } = await import('/pkg/index.js');
    await init();
    document.querySelector('smart-access-preview').account = Account.fromJson(json);
  }, text);
  await page.getByRole('heading', { level: 2, name: 'Example B Corp' }).waitFor();
  // A snapshot object.
  await page.evaluate((json) => {
    const snapshot = JSON.parse(json);
    snapshot.name = 'Example B, as an object';
    document.querySelector('smart-access-preview').account = snapshot;
  }, text);
  await page.getByRole('heading', { level: 2, name: 'Example B, as an object' }).waitFor();
  // The attributes set the choices; a change after a preview marks it out of date.
  await page.evaluate(() => {
    const element = document.querySelector('smart-access-preview');
    element.setAttribute('on', '2026-11-23');
  });
  assert.equal(await page.getByLabel('Migration date').inputValue(), '2026-11-23');
  await previewNow(page);
  assert.match(await page.getByRole('heading', { name: /^Preview for/ }).innerText(), /November 23, 2026/);
  await page.evaluate(() => { document.querySelector('smart-access-preview').on = '2026-12-01'; });
  await page.getByText('Out of date.').waitFor();
  await page.waitForFunction(() => document.querySelector('smart-access-preview').shadowRoot
    .querySelector('input[type=date]').value === '2026-12-01');
  // reset(): the first screen of the same account.
  await page.evaluate(() => document.querySelector('smart-access-preview').reset());
  assert.equal(await page.getByRole('heading', { name: /^Preview for/ }).count(), 0);
  await page.getByRole('heading', { name: 'Migration choices' }).waitFor();
  // null: nothing shown.
  await page.evaluate(() => { document.querySelector('smart-access-preview').account = null; });
  await page.getByText('No account is open yet.').waitFor();
  assert.deepEqual(problems, []);
});
