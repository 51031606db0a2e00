// Role checks answered in JavaScript from the engine's plain data (the browser entry gets
// this file wrapped as an ES module by `make pkg`). The engine resolves the rules —
// account.ability(user, on) says which actions the user's grants give at SA scope and at
// each VA, which contracts still give them traditional access that day, which orders are
// shared with them and whether they see administrator contacts — and account.abilityIndex()
// says where each item sits. What is left here is a join: a table of a portal's rows is
// answered with no WebAssembly call, no JSON and no copying per question.
'use strict';

/** An error as the engine makes them (`instanceof SmartAccessError` recognises it). */
const error = (code, path, message) => Object.assign(new Error(message), { name: 'SmartAccessError', code, path });

const KINDS = ['account', 'va', 'contract', 'license', 'device', 'order'];
const FIELDS = new Set([...KINDS, 'line']);

const invalid = (path, message) => error('INVALID_VALUE', path, message);
const unknown = (path, what, id) =>
  error('UNKNOWN_REFERENCE', path, `${what} ${JSON.stringify(id)} is not in the account`);

/**
 * Where an item sits, made once per item so that a check allocates nothing: the actions that
 * can be asked about there, its VA (the scope of grants that reach it), the contract whose
 * users have traditional access to it, and its order and line (for order shares).
 */
const place = (applicable, va, contract = null, order = null, line = null) => ({ applicable, va, contract, order, line });

/** Whether `object` is an object whose fields `keys` are arrays. */
const arrays = (object, keys) => object !== null && typeof object === 'object' && keys.every((key) => Array.isArray(object[key]));
/** Whether a value has the shape of account.abilityIndex()'s result (it may have crossed
 * JSON from a server), checked once so that a wrong argument is named rather than failing
 * deep inside with "Cannot read properties of undefined". */
const isIndex = (index) => arrays(index, ['traditional', 'orderShare', 'vas', 'contracts', 'licenses', 'devices', 'orders'])
  && typeof index.account === 'string' && arrays(index.applicable, ['account', 'va', 'item']);
/** The same for account.ability(user, on)'s result. */
const isAbility = (ability) => arrays(ability, ['sa', 'vas', 'contracts', 'shares'])
  && typeof ability.user === 'string' && typeof ability.on === 'string' && typeof ability.adminContacts === 'boolean';

class Abilities {
  constructor(index) {
    if (!isIndex(index)) {
      throw invalid('', 'new Abilities(index) takes what account.abilityIndex() returns (or that value after a JSON round trip)');
    }
    this.bits = new Map(index.applicable.account.map((action, i) => [action, 1 << i]));
    const mask = (actions) => actions.reduce((m, a) => {
      const bit = this.bits.get(a);
      if (bit === undefined) throw invalid('', `${JSON.stringify(a)} is not an action of this index; the index and the ability come from different versions of the engine`);
      return m | bit;
    }, 0);
    this.mask = mask;
    const account = mask(index.applicable.account);
    const va = mask(index.applicable.va);
    const item = mask(index.applicable.item);
    this.traditional = mask(index.traditional);
    this.orderShare = mask(index.orderShare);
    this.contacts = this.bits.get('viewAdminContacts');
    this.id = index.account;
    // Maps, not objects: an id such as "__proto__" or "constructor" is an id like any other.
    this.account = new Map([[index.account, place(account, null)]]);
    this.vas = new Map(index.vas.map((id) => [id, place(va, id)]));
    this.contracts = new Map(index.contracts.map(([id, lines]) => [id, new Map(lines.map(([line, at]) => [line, place(item, at, id)]))]));
    this.licenses = new Map(index.licenses.map(([id, at]) => [id, place(item, at)]));
    // No one replaces a device no contract covers.
    const uncovered = item & ~this.bits.get('performRma');
    this.devices = new Map(index.devices.map(([id, at, contract]) => [id, place(contract === null ? uncovered : item, at, contract)]));
    this.orders = new Map(index.orders.map(([id, at, lines]) => [id, {
      whole: place(item, at, null, id),
      lines: new Map(lines.map(([line, lineVa]) => [line, place(item, lineVa, null, id, line)])),
    }]));
  }

  /** The checks of one user, on the day their ability was resolved for. */
  for(ability) {
    if (!isAbility(ability)) {
      throw invalid('', 'abilities.for(ability) takes what account.ability(user, on) returns (or that value after a JSON round trip)');
    }
    if (ability.account !== this.id) {
      throw invalid('/account', `this ability is of account ${JSON.stringify(ability.account)}, the index of account ${JSON.stringify(this.id)}; resolve both from the same account`);
    }
    return new AbilityCheck(this, ability);
  }

  /** Throws what the engine throws for a resource that is not an object of string fields it
   * knows (the error of the first offending field, as JSON.stringify lists them); returns
   * for one that is. */
  static refuse(resource) {
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      throw invalid('/resource', 'a resource is an object naming exactly one of: ' + KINDS.join(', '));
    }
    for (const [field, id] of Object.entries(resource)) {
      if (!FIELDS.has(field)) throw invalid(`/resource/${field}`, `unknown field ${JSON.stringify(field)}; expected one of ${[...FIELDS].join(', ')}`);
      if (id !== null && id !== undefined && typeof id !== 'string') {
        throw invalid(`/resource/${field}`, `${field} must be a string; got ${typeof id}`);
      }
    }
  }

  /**
   * The resource's fields as the engine reads them, which is what `JSON.stringify` writes of
   * it (own enumerable fields only, `toJSON` honoured, each getter read once), for a
   * resource that is not a plain literal: a class instance, a field inherited from a
   * prototype or a polluted `Object.prototype`, a value that is not a string, a `String`
   * object. It goes through `JSON.stringify` and `JSON.parse`, as the engine's own argument
   * does, and is refused as the engine refuses it.
   */
  static fields(resource) {
    let json;
    try {
      json = JSON.stringify(resource);
    } catch (e) {
      throw notPlain(e);
    }
    if (json === undefined) throw notPlain(null);
    const read = JSON.parse(json);
    Abilities.refuse(read);
    // Own fields only: a polluted Object.prototype must not lend one.
    const own = (field) => (Object.hasOwn(read, field) ? read[field] : undefined);
    return {
      account: own('account'), va: own('va'), contract: own('contract'), line: own('line'),
      license: own('license'), device: own('device'), order: own('order'),
    };
  }

  /** Where a resource sits (see `place`), from its fields as the engine reads them (absent:
   * undefined or null). No allocation on the way to an answer: checks come by the thousand.
   * Errors come in the engine's order. */
  locate(account, va, contract, line, license, device, order) {
    const named = (account != null) + (va != null) + (contract != null) + (license != null) + (device != null) + (order != null);
    if (named !== 1) throw invalid('/resource', 'a resource names exactly one of: ' + KINDS.join(', '));
    if (line !== undefined && contract == null && order == null) {
      const fields = { account, va, contract, license, device, order };
      const kind = KINDS.find((k) => fields[k] != null);
      if (fields[kind] === '') throw empty(kind);
      throw invalid('/resource/line', `"line" goes with a contract or an order, not a ${kind}`);
    }
    if (contract != null) {
      const lines = this.contracts.get(contract) ?? throwing(missing('contract', contract, 'contract'));
      if (line === undefined) throw invalid('/resource/line', 'a contract resource names one of its lines: {"contract", "line"}');
      return lines.get(line) ?? throwing(unknown('/resource/line', `line of contract ${contract}`, line));
    }
    if (order != null) {
      const { whole, lines } = this.orders.get(order) ?? throwing(missing('order', order, 'order'));
      if (line === undefined) return whole;
      return lines.get(line) ?? throwing(unknown('/resource/line', `line of order ${order}`, line));
    }
    if (license != null) return this.licenses.get(license) ?? throwing(missing('license', license, 'license'));
    if (device != null) return this.devices.get(device) ?? throwing(missing('device', device, 'device'));
    if (va != null) return this.vas.get(va) ?? throwing(missing('va', va, 'virtual account'));
    return this.account.get(account) ?? throwing(missing('account', account, 'account'));
  }
}

/** A string, or absent (null and undefined mean absent, as for the engine). */
const text = (value) => value == null || typeof value === 'string';

/** Whether a field read by name (`value`) is absent, or a string or null that is the
 * object's own (not one lent by a prototype). */
const own = (object, field, value) => value === undefined
  || ((value === null || typeof value === 'string') && Object.hasOwn(object, field));

/** What the engine says of a resource `JSON.stringify` cannot write (a getter that throws, a
 * BigInt, a cycle) or writes as nothing (a function). */
const notPlain = (e) => invalid('', `the resource is not plain JSON data${e ? `: ${e.message}` : ''}`);

function throwing(error) {
  throw error;
}

const empty = (kind) => invalid(`/resource/${kind}`, 'an id must not be empty');

/** The error for an id the index lacks: an empty one, or one not in the account. */
const missing = (kind, id, what) => (id === '' ? empty(kind) : unknown(`/resource/${kind}`, what, id));

class AbilityCheck {
  constructor(abilities, ability) {
    this.abilities = abilities;
    this.user = ability.user;
    this.on = ability.on;
    this.sa = abilities.mask(ability.sa);
    this.vas = new Map(ability.vas.map(([va, actions]) => [va, abilities.mask(actions)]));
    this.contracts = new Set(ability.contracts);
    // Per order: null when shared whole, else the shared lines.
    this.shares = new Map(ability.shares.map(([order, lines]) => [order, lines === null ? null : new Set(lines)]));
    this.adminContacts = ability.adminContacts;
  }

  can(action, asked) {
    const { abilities } = this;
    // A plain literal (of Object.prototype or none, no toJSON) whose fields are all known,
    // own, enumerable and strings (or null) is read here by name, each field once, with no
    // allocation — every check in a loop is this; anything else as the engine reads it.
    let account; let va; let contract; let line; let license; let device; let order;
    let plain = asked !== null && typeof asked === 'object';
    if (plain) {
      const prototype = Object.getPrototypeOf(asked);
      plain = (prototype === Object.prototype || prototype === null) && !('toJSON' in asked);
    }
    if (plain) {
      try {
        ({ account, va, contract, line, license, device, order } = asked);
      } catch (e) {
        throw notPlain(e);
      }
      // Each field present must be a string or null and the object's own; and for-in, which
      // lists enumerable fields only, must list exactly those (a non-enumerable own field is
      // not written; an unknown one, own or inherited and enumerable, is not read here).
      let present = 0;
      plain = own(asked, 'va', va) && own(asked, 'contract', contract) && own(asked, 'line', line)
        && own(asked, 'order', order) && own(asked, 'license', license) && own(asked, 'device', device)
        && own(asked, 'account', account);
      if (plain) {
        present = (va !== undefined) + (contract !== undefined) + (line !== undefined) + (order !== undefined)
          + (license !== undefined) + (device !== undefined) + (account !== undefined);
      }
      for (const field in asked) {
        if (!plain) break;
        if (field !== 'va' && field !== 'contract' && field !== 'line' && field !== 'order' && field !== 'license'
          && field !== 'device' && field !== 'account') {
          plain = false;
        }
        present -= 1;
      }
      plain &&= present === 0;
    }
    if (!plain) ({ account, va, contract, line, license, device, order } = Abilities.fields(asked));
    const bit = abilities.bits.get(action);
    if (bit === undefined) {
      if (typeof action !== 'string') throw invalid('/action', `action must be a string; got ${action === null ? 'null' : typeof action}`);
      throw error('UNKNOWN_ACTION', '/action',
        `${JSON.stringify(action)} is not an action; actions are ${[...abilities.bits.keys()].join(', ')}`);
    }
    const at = abilities.locate(account, va, contract, line ?? undefined, license, device, order);
    if ((at.applicable & bit) === 0) return false;
    if (bit === abilities.contacts) return this.adminContacts;
    let held = this.sa;
    if (at.va !== null) held |= this.vas.get(at.va) ?? 0;
    if (at.contract !== null && this.contracts.has(at.contract)) held |= abilities.traditional;
    if (at.order !== null && this.shares.has(at.order)) {
      const lines = this.shares.get(at.order);
      if (lines === null || (at.line !== null && lines.has(at.line))) held |= abilities.orderShare;
    }
    return (held & bit) !== 0;
  }
}

module.exports = { Abilities };
