// The engine's Web Worker: it holds the loaded account and the last preview as engine
// handles (SPEC §9), so neither is ever copied into JS whole; the page's main thread
// receives small pieces (a summary, one page of rows, one user) and the exports.
import init, { Account } from '/pkg/index.js';
import { generateAccount, LARGE } from './generate.js';

const ready = init();
let account = null;
let names = new Map(); // user id -> name, for display beside the engine's user entries
let preview = null; // the last Preview handle: the plan stays in the engine
let previewed = ''; // the request it was planned for, as JSON

const EXAMPLES = { a: 'example-a', b: 'example-b', c: 'example-c' };

function remember(next) {
  account?.free();
  preview?.free();
  account = next;
  preview = null;
  previewed = '';
  // Only ids and names cross, a page of the engine's users at a time.
  names = new Map();
  for (let offset = 0; ; offset += 1000) {
    const page = account.users({ offset, limit: 1000 });
    for (const u of page.items) names.set(u.id, u.name);
    if (offset + 1000 >= page.total) break;
  }
}

const key = (g) => `${g.role}@${g.va ?? ''}`;

// What one row of the user table shows.
function row(user) {
  const before = new Set(user.before.map(key));
  const after = new Set(user.after.map(key));
  return {
    id: user.id,
    name: names.get(user.id) ?? user.id,
    before: user.before.map((g) => ({ ...g, removed: !after.has(key(g)) })),
    after: user.after.map((g) => ({ ...g, added: !before.has(key(g)) })),
    why: user.resolution.map((r) => r.text),
    loses: user.losesAtGraceEnd.length,
  };
}

const ops = {
  async load({ example, text, generate }, progress) {
    if (example) {
      progress(`Fetching example ${example.toUpperCase()}…`);
      const res = await fetch(`/examples/${EXAMPLES[example]}/account.json`);
      if (!res.ok) throw new Error(`example ${example} could not be fetched (${res.status})`);
      text = await res.text();
    } else if (generate) {
      progress(`Generating ${LARGE.users.toLocaleString('en')} users and ${(LARGE.contracts * LARGE.linesPerContract).toLocaleString('en')} contract lines…`);
      text = JSON.stringify(generateAccount(LARGE));
    }
    progress('Validating the account…');
    remember(Account.fromJson(text));
    return account.overview(null);
  },
  overview({ actor }) {
    return account.overview(actor);
  },
  preview({ request }, progress) {
    progress('Computing the preview…');
    const next = account.preview(request);
    preview?.free();
    preview = next;
    previewed = JSON.stringify(request);
    return preview.summary;
  },
  rows({ filter, search, offset, limit }) {
    const page = preview.users({ filter, search: search.trim(), offset, limit });
    return { total: page.total, rows: page.items.map(row) };
  },
  user({ id }) {
    return { ...preview.user(id), name: names.get(id) ?? id };
  },
  access({ user, on }) {
    return { access: account.access(user, on || null), name: names.get(user) ?? user };
  },
  explain({ user, action, resource, on }) {
    return account.explain(user, action, resource, on || null);
  },
  whoCan({ action, resource, on }) {
    const who = account.whoCan(action, resource, on || null);
    // The first 200 are shown, with their names; the count is of all.
    return { total: who.length, users: who.slice(0, 200).map((w) => ({ ...w, name: names.get(w.user) ?? w.user })) };
  },
  compare({ request }, progress) {
    progress('Planning every choice…');
    const SHOWN = 20;
    return account.compare(request).map((c) => ({
      request: c.request,
      counts: c.summary.counts,
      migrated: c.summary.contracts.filter((x) => x.status === 'migrated').length,
      rejected: c.summary.contracts.filter((x) => x.status === 'rejected').length,
      warnings: c.summary.warnings.map((w) => w.message),
      collapsed: { total: c.collapsed.length, names: c.collapsed.slice(0, SHOWN).map((id) => names.get(id) ?? id) },
      losing: {
        total: c.losing.length,
        users: c.losing.slice(0, SHOWN).map((l) => ({
          name: names.get(l.user) ?? l.user,
          contracts: [...new Set(l.losses.map((x) => x.contract))],
        })),
      },
    }));
  },
  csv() {
    return preview.csv();
  },
  submission() {
    const submission = preview.submission();
    // The page lists the first 200 changes; the download is the whole submission.
    return {
      transactionId: submission.transactionId,
      changes: submission.changes.length,
      contracts: submission.contracts.length,
      shown: submission.changes.slice(0, 200),
      json: JSON.stringify(submission, null, 2),
    };
  },
  apply({ request }, progress) {
    progress('Applying the migration…');
    const planned = previewed === JSON.stringify(request) ? preview : account.preview(request);
    const applied = planned.apply();
    if (planned !== preview) planned.free();
    remember(applied.account);
    return { events: applied.events.length, transactionId: applied.transactionId, overview: account.overview(request.actor) };
  },
};

onmessage = async ({ data: { id, op, args } }) => {
  const progress = (stage) => postMessage({ id, type: 'progress', stage });
  try {
    await ready;
    if (op !== 'load' && !account) throw new Error('load an account first');
    postMessage({ id, type: 'done', result: await ops[op](args ?? {}, progress) });
  } catch (e) {
    postMessage({ id, type: 'error', error: { code: e?.code ?? 'ERROR', path: e?.path ?? '', message: e?.message ?? String(e) } });
  }
};
