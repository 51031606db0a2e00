// Words for people: counts with their nouns (Intl.PluralRules), dates (Intl.DateTimeFormat,
// the calendar day as written, never shifted by a time zone), lists (Intl.ListFormat), and
// the engine's catalog for role and action names. Nothing here is markup.

const LOCALE = 'en';
const plural = new Intl.PluralRules(LOCALE);
const number = new Intl.NumberFormat(LOCALE);
const list = new Intl.ListFormat(LOCALE, { style: 'long', type: 'conjunction' });
const longDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "user" or "users" for `n`: `forms` is { one, other }. */
export const noun = (n, forms) => (plural.select(n) === 'one' ? forms.one : forms.other);

/** "1 user", "4 users". */
export const count = (n, forms) => `${number.format(n)} ${noun(n, forms)}`;

export const USERS = { one: 'user', other: 'users' };
export const CONTRACTS = { one: 'contract', other: 'contracts' };
export const LINES = { one: 'line', other: 'lines' };
export const DAYS = { one: 'day', other: 'days' };

export const listOf = (items) => list.format(items);
export const formatNumber = (n) => number.format(n);

/** A YYYY-MM-DD calendar day as a Date at midnight UTC. */
export const dayOf = (iso) => new Date(`${iso}T00:00:00Z`);
export const isoOf = (date) => date.toISOString().slice(0, 10);
export const addDays = (iso, days) => isoOf(new Date(dayOf(iso).getTime() + days * 86_400_000));
export const daysBetween = (from, to) => Math.round((dayOf(to) - dayOf(from)) / 86_400_000);
/** "January 7, 2027". */
export const dateText = (iso) => longDate.format(dayOf(iso));
/** "Jan 7". */
export const shortDateText = (iso) => shortDate.format(dayOf(iso));
/** Today's calendar day in UTC, as the engine takes it when none is given. */
export const today = () => isoOf(new Date());
export const isIsoDate = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && isoOf(dayOf(text)) === text;

/** Role and action names from the engine's catalog (`Account.catalog()`). */
export class Names {
  constructor(catalog, overview) {
    this.roles = new Map(catalog.roles.map((r) => [r.id, r]));
    this.actions = new Map(catalog.actions.map((a) => [a.id, a.name]));
    this.actionIds = catalog.actions.map((a) => a.id);
    this.vas = new Map(overview.virtualAccounts.map((v) => [v.id, v.name]));
  }

  role(id) {
    return this.roles.get(id)?.name ?? id;
  }

  /** "SA Full User" or "VA Full User". */
  roleAt(id, scope) {
    const role = this.roles.get(id);
    return (scope === 'sa' ? role?.sa : role?.va) ?? id;
  }

  action(id) {
    return this.actions.get(id) ?? id;
  }

  va(id) {
    return this.vas.get(id) ?? id;
  }

  /** "SA Full User" or "VA Full User (VA A)". */
  grant(g) {
    return g.va === undefined || g.va === null ? this.roleAt(g.role, 'sa') : `${this.roleAt(g.role, 'va')} (${this.va(g.va)})`;
  }

  grants(list) {
    return list.length === 0 ? 'no role' : listOf(list.map((g) => this.grant(g)));
  }

  /** "SA User + VA Viewer", or "No role". */
  roleMix(roles) {
    return roles.length === 0 ? 'No role' : roles.map((r) => this.roleAt(r.role, r.scope)).join(' + ');
  }

  /** One reason of an `explain` or `whoCan` answer, in words. */
  reason(r) {
    switch (r.source) {
      case 'grant':
        return `the role ${this.grant(r.grant)}`;
      case 'contract':
        return `traditional access to contract ${r.contract}${r.graceEndsOn ? ` (until its grace period ends on ${dateText(r.graceEndsOn)})` : ''}`;
      case 'orderShare':
        return `order ${r.order}${r.lines ? ` (${count(r.lines.length, LINES)})` : ''} shared with them by ${r.recipient === 'email' ? 'e-mail' : 'user id'}`;
      default:
        return `being part of ${r.org} with a role in this account`;
    }
  }

  /**
   * A user's losses at the grace end (`losesAtGraceEnd`: per VA the actions lost, and the
   * contracts whose traditional access ends), as sentences: "Loses Perform RMA on VA A on
   * December 23, 2026", one per VA, then which contracts' grace periods those are.
   */
  losses({ vas, contracts }) {
    if (vas.length === 0) return [];
    const days = [...new Set(contracts.map((c) => c.on))];
    const when = days.length === 1 ? ` on ${dateText(days[0])}` : ' when the grace periods below end';
    const lines = vas.map((l) => `Loses ${listOf(l.actions.map((a) => this.action(a)))} on ${l.va ? this.va(l.va) : 'lines in no virtual account'}${when}`);
    const ends = contracts.map((c) => (days.length === 1 ? c.contract : `${c.contract} (${dateText(c.on)})`));
    lines.push(`The end of the grace period of ${noun(contracts.length, CONTRACTS)} ${listOf(ends)}.`);
    return lines;
  }
}

/** What a rejected contract or an ineligible one needs, in words a person can act on. */
export function eligibilityText(code, message, actorName) {
  switch (code) {
    case 'NOT_FULLY_ASSIGNED':
      return `${message} — assign the rest to virtual accounts first`;
    case 'ALREADY_MIGRATED':
      return 'Already uses Smart Access';
    case 'NOT_CONTRACT_ADMIN':
      return `${actorName} does not administer this contract — choose another administrator to submit, or ask one of its administrators`;
    default:
      return message;
  }
}

/** An error of the engine as a sentence for the person, with what to do. */
export function errorText(error, context = '') {
  const what = context ? `${context}: ` : '';
  switch (error?.code) {
    case 'INVALID_JSON':
      return `${what}it is not valid JSON (${error.message.replace(/^not valid JSON: /, '')}). Check that it is an account exported as JSON.`;
    case 'TOO_LARGE':
      return `${what}this is too large to open here. ${error.message}`;
    case 'UNKNOWN_REFERENCE':
      return `${what}${error.message}. Check the spelling, or choose from the list.`;
    case 'INVALID_DATE':
      return `${what}the date is not a real calendar day. Choose a date in the calendar.`;
    case 'NOT_SA_ADMIN':
      return `${what}only a Smart Account administrator can submit a migration. Choose an administrator under "Submitted by".`;
    case 'EMPTY_REQUEST':
      return `${what}there is nothing to migrate. Choose a step 3.1 role or at least one contract.`;
    case 'SMART_ACCESS_ROLE_REQUIRED':
      return `${what}step 3.1 has not been done for this account yet, so choose its role too.`;
    case 'WORKER':
    case 'ENGINE':
      return `${what}the access engine could not start. ${error.message}`;
    default:
      return `${what}${error?.message ?? String(error)}`;
  }
}
