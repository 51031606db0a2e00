// The element's engine handles: the loaded account and the latest preview as engine handles
// (SPEC §9), so neither crosses to the page whole. It runs in the element's module worker
// (worker.js) or, where no worker can start, on the page itself; either way the element
// calls it with plain data and gets plain data back.
import { Account } from '../index.js';

/** A thrown error as plain data for the element (it crosses postMessage): the engine's
 * code and path where it has them. */
export const asData = (e, code = 'ERROR') => ({ code: e?.code ?? code, path: e?.path ?? '', message: e?.message ?? String(e) });

/** Rows per page of the users list. */
const PAGE = 50;
/** Changes listed on screen in the submission step (the `submit` event carries them all). */
const SHOWN_CHANGES = 200;
/** Users listed by one "who can" answer (the count is of all of them). */
const SHOWN_WHO = 200;

export class Handles {
  account = null;
  /** user id -> name, for the rows, the access tables and the submission in words. */
  names = new Map();
  /** The latest preview: { key, request, handle, applied (the migrated account, once asked) }. */
  latest = null;

  /** Replaces the account; the old one and its preview are freed. */
  load({ text }) {
    const next = Account.fromJson(text);
    this.forget();
    this.account?.free();
    this.account = next;
    this.names = new Map();
    for (let offset = 0; ; offset += 1000) {
      const page = next.users({ offset, limit: 1000 });
      for (const u of page.items) this.names.set(u.id, u.name);
      if (offset + 1000 >= page.total) break;
    }
    return { overview: next.overview(null, null), catalog: Account.catalog() };
  }

  overview({ actor, on }) {
    return this.loaded().overview(actor, on);
  }

  /** Plans the request under `key` (the element's revision of its choices). */
  preview({ key, request }) {
    const handle = this.loaded().preview(request);
    this.forget();
    this.latest = { key, request, handle, applied: null };
    return handle.summary;
  }

  rows({ key, filter, search, flow, page }) {
    const result = this.planned(key).users({ filter, search, flow, offset: page * PAGE, limit: PAGE });
    return { total: result.total, page, pageSize: PAGE, rows: result.items.map((u) => this.named(u)) };
  }

  user({ key, id }) {
    return this.named(this.planned(key).user(id));
  }

  /** One user's access on a day, in the account as it is or as this migration leaves it. */
  access({ key, after, user, on }) {
    return { access: this.target(key, after).access(user, on), name: this.name(user) };
  }

  explain({ key, after, user, action, resource, on }) {
    return this.target(key, after).explain(user, action, resource, on);
  }

  whoCan({ key, after, action, resource, on }) {
    const who = this.target(key, after).whoCan(action, resource, on);
    return { total: who.length, users: who.slice(0, SHOWN_WHO).map((w) => ({ ...w, name: this.name(w.user) })) };
  }

  /** The first 1,000 users, for the "user" suggestions of a small account. */
  usersList() {
    return this.loaded().users({ limit: 1000 }).items;
  }

  /** The user a person typed: their id, or their name (ignoring case); false when none. */
  findUser({ text }) {
    const needle = text.toLowerCase();
    const { items } = this.loaded().users({ search: text, limit: 1000 });
    const exact = items.find((u) => u.id === text) ?? items.find((u) => u.id.toLowerCase() === needle || u.name.toLowerCase() === needle);
    return exact ?? (items.length === 1 ? items[0] : false);
  }

  compare({ request }) {
    return this.loaded().compare(request);
  }

  submission({ key }) {
    const submission = this.planned(key).submission();
    const withNames = (c) => ({ ...c, name: this.name(c.user) });
    return {
      submission,
      shown: submission.changes.slice(0, SHOWN_CHANGES).map(withNames),
    };
  }

  csv({ key }) {
    return this.planned(key).csv();
  }

  // --- helpers

  loaded() {
    if (!this.account) throw Object.assign(new Error('no account is loaded'), { code: 'NO_ACCOUNT', path: '' });
    return this.account;
  }

  /** The preview planned under `key`; an older key means the element has moved on. */
  planned(key) {
    if (!this.latest || this.latest.key !== key) {
      throw Object.assign(new Error('this preview was replaced by a newer one'), { code: 'STALE', path: '' });
    }
    return this.latest.handle;
  }

  /** The account a question is asked of: as it is, or as the latest preview leaves it. */
  target(key, after) {
    if (!after) return this.loaded();
    const latest = this.latest;
    this.planned(key);
    latest.applied ??= latest.handle.apply().account;
    return latest.applied;
  }

  forget() {
    this.latest?.handle.free();
    this.latest?.applied?.free();
    this.latest = null;
  }

  name(id) {
    return this.names.get(id) ?? id;
  }

  named(entry) {
    return { ...entry, name: this.name(entry.id) };
  }
}
