// The engine's Web Worker: it owns the loaded account and the last preview, so the page's
// main thread only ever receives small pieces (a summary, one page of rows, one user).
import init, { Account } from '/pkg/smart_access.js';
import { generateAccount, LARGE } from './generate.js';

const ready = init();
let account = null;
let names = new Map(); // user id -> name, for display
let firstLines = new Map(); // contract id -> its first line id, to explain contract access
let preview = null;
let rows = []; // one small summary per user of the last preview

const EXAMPLES = { a: 'example-a', b: 'example-b', c: 'example-c' };

function remember(next) {
  account?.free();
  account = next;
  preview = null;
  rows = [];
  const snapshot = account.toJSON();
  names = new Map(snapshot.users.map((u) => [u.id, u.name ?? u.id]));
  firstLines = new Map(snapshot.contracts.filter((c) => c.lines.length > 0).map((c) => [c.id, c.lines[0].id]));
}

const key = (g) => `${g.role}@${g.va ?? ''}`;

function summarise(user) {
  const before = new Set(user.before.map(key));
  const after = new Set(user.after.map(key));
  return {
    id: user.id,
    name: names.get(user.id) ?? user.id,
    before: user.before.map((g) => ({ ...g, removed: !after.has(key(g)) })),
    after: user.after.map((g) => ({ ...g, added: !before.has(key(g)) })),
    changed: before.size !== after.size || [...after].some((k) => !before.has(k)),
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
    preview = account.previewMigration(request);
    progress('Preparing the user list…');
    rows = preview.users.map(summarise);
    const { users, ...rest } = preview;
    return {
      ...rest,
      counts: { users: rows.length, changed: rows.filter((r) => r.changed).length, loses: rows.filter((r) => r.loses > 0).length },
      submission: { transactionId: preview.submission.transactionId, changes: preview.submission.changes.length },
    };
  },
  rows({ filter, search, offset, limit }) {
    const needle = search.trim().toLowerCase();
    const matching = rows.filter(
      (r) =>
        (filter === 'all' || (filter === 'changed' && r.changed) || (filter === 'loses' && r.loses > 0)) &&
        (!needle || r.id.toLowerCase().includes(needle) || r.name.toLowerCase().includes(needle)),
    );
    return { total: matching.length, rows: matching.slice(offset, offset + limit) };
  },
  user({ id }) {
    const user = preview.users.find((u) => u.id === id);
    return { ...user, name: names.get(id) ?? id };
  },
  access({ user, on }) {
    return { access: account.access(user, on || null), firstLines: Object.fromEntries(firstLines), name: names.get(user) ?? user };
  },
  explain({ user, action, resource, on }) {
    return account.explain(user, action, resource, on || null);
  },
  csv() {
    const cell = (v) => {
      const s = String(v);
      // Quote every cell; a leading =, +, -, @, tab or carriage return would be read as (or
      // lead into) a formula by spreadsheets (OWASP's list), so such a cell starts with '.
      return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
    };
    const grants = (list) => list.map((g) => `${g.role}@${g.va ?? 'SA'}`).join(' ');
    const lines = [['user', 'name', 'before', 'after', 'changed', 'resolution', 'loses at grace end'].map(cell).join(',')];
    preview.users.forEach((user, i) => {
      const losses = user.losesAtGraceEnd.map((l) => `${l.contract}@${l.va ?? 'unassigned'}: ${l.actions.join(' ')}`);
      lines.push(
        [user.id, names.get(user.id) ?? user.id, grants(user.before), grants(user.after),
          rows[i]?.changed ? 'yes' : 'no', user.resolution.map((r) => r.text).join(' | '),
          losses.join(' | ')].map(cell).join(','),
      );
    });
    return `${lines.join('\r\n')}\r\n`;
  },
  submission() {
    return { submission: preview.submission, json: JSON.stringify(preview.submission, null, 2) };
  },
  apply({ request }, progress) {
    progress('Applying the migration…');
    const applied = account.applyMigration(request);
    remember(Account.fromJson(JSON.stringify(applied.account)));
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
