// <smart-access-preview>: the migration preview of SPEC §10 as a custom element. It holds
// the person's choices and shows what the engine (in a module worker, see engine.js) says
// of them; the preview on screen is always the one for the choices on screen, or it says
// it is out of date and cannot be submitted. It sends nothing anywhere: "submit" is an
// event for the portal.
import { connect } from './engine.js';
import { el, errorBox, setChildren } from './dom.js';
import { dateText, errorText, isIsoDate, Names, today } from './words.js';
import { STYLES } from './styles.js';
import { renderAccount } from './sections/account.js';
import { renderChoices, buildRequest } from './sections/choices.js';
import { renderPreview, markStale } from './sections/preview.js';
import { renderCompare } from './sections/compare.js';
import { renderAccess } from './sections/access.js';
import { renderSubmission, reviewSubmission } from './sections/submission.js';

const TAG = 'smart-access-preview';
// Defined in Node too (server rendering imports the element): an empty base there.
const Base = globalThis.HTMLElement ?? class {};

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

export class SmartAccessPreviewElement extends Base {
  static observedAttributes = ['actor', 'on'];

  #account = null;
  #engine = null;
  #loading = null;
  /** The revision being planned, if any. */
  #previewing = null;
  /** Bumped by every change of the account or the choices: a preview is of one revision. */
  revision = 0;
  /** What the engine said of the loaded account: { overview, catalog, names }. */
  loaded = null;
  choices = null;
  /** The preview on screen: { key, request, summary, stale, submitted }. */
  shown = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    this.live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.body = el('div', { class: 'body', part: 'body' });
    root.append(this.live, this.body);
    this.renderEmpty();
  }

  // --- the properties and attributes of SPEC §10

  get account() {
    return this.#account;
  }

  set account(value) {
    this.#account = value ?? null;
    this.load();
  }

  get actor() {
    return this.getAttribute('actor');
  }

  set actor(value) {
    if (value === null || value === undefined) this.removeAttribute('actor');
    else this.setAttribute('actor', value);
  }

  get on() {
    return this.getAttribute('on');
  }

  set on(value) {
    if (value === null || value === undefined) this.removeAttribute('on');
    else this.setAttribute('on', value);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.choices) return;
    if (name === 'actor' && value && value !== this.choices.actor) this.choose({ actor: value });
    if (name === 'on' && value && value !== this.choices.on) this.choose({ on: value });
  }

  /** Back to the account's first screen: the choices as they start, nothing previewed. */
  async reset() {
    if (!this.loaded) return;
    this.startChoices();
    await this.eligibility();
    this.render();
  }

  /** Each contract's status for the submitter and the date chosen (who may migrate it). */
  async eligibility() {
    const overview = await this.call('overview', { actor: this.choices.actor, on: this.choices.on }, { place: 'choices' });
    if (overview) this.contracts = overview.contracts;
  }

  // --- the engine

  async engine() {
    if (!this.#engine) {
      this.#engine = connect();
      // Where the engine runs, for tools and tests: "worker", or "page" where no worker could start.
      this.#engine.then(({ offThread }) => { this.body.dataset.engine = offThread ? 'worker' : 'page'; });
    }
    return (await this.#engine).call;
  }

  /** One engine call; its error is shown where `place` says and fired as an "error" event. */
  async call(op, args, { place = 'account', context = '' } = {}) {
    try {
      const call = await this.engine();
      return await call(op, args);
    } catch (error) {
      if (error?.code === 'STALE') return null;
      this.showError(place, error, context);
      return null;
    }
  }

  /** Shows an error beside its control; the engine's errors (those with a code) are also
   * fired as "error" events — a field left empty is the person's to fix, not the portal's. */
  showError(place, error, context = '') {
    const text = errorText(error, context);
    const slot = this.shadowRoot.querySelector(`[data-errors="${place}"]`) ?? this.shadowRoot.querySelector('[data-errors="account"]');
    slot?.replaceChildren(errorBox(`${place}-error`, text, error));
    if (error?.code) this.dispatchEvent(new CustomEvent('error', { detail: asError(error), bubbles: true, composed: true }));
  }

  clearError(place) {
    this.shadowRoot.querySelector(`[data-errors="${place}"]`)?.replaceChildren();
  }

  announce(text) {
    // Cleared first, so the same words said again are announced again.
    this.live.textContent = '';
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  /** Loads `this.account` into the engine; a failure keeps what was shown before, and says so. */
  async load() {
    const value = this.#account;
    // The latest account set is the one to show: an older one still loading is dropped.
    const token = {};
    this.#loading = token;
    if (value === null) {
      this.loaded = null;
      this.renderEmpty();
      return;
    }
    let text;
    try {
      text = typeof value === 'string' ? value : typeof value.toJsonText === 'function' ? value.toJsonText() : JSON.stringify(value);
    } catch (error) {
      this.showError('account', error, 'This account cannot be read');
      return;
    }
    this.setBusy('account', 'Opening the account…');
    const result = await this.call('load', { text }, { context: 'This account could not be opened' });
    this.setBusy('account', null);
    if (this.#loading !== token) return;
    if (!result) {
      if (this.loaded) {
        const kept = this.loaded.overview.name ?? this.loaded.overview.id;
        this.shadowRoot.querySelector('[data-errors="account"] .error')?.append(el('p', {}, `Still shown: ${kept}, as before.`));
      }
      return;
    }
    this.loaded = { ...result, names: new Names(result.catalog, result.overview) };
    this.startChoices();
    await this.eligibility();
    if (this.#loading !== token) return;
    this.render();
    this.announce(`${this.loaded.overview.name ?? this.loaded.overview.id} is open.`);
    this.dispatchEvent(new CustomEvent('opened', { detail: { overview: result.overview }, bubbles: true, composed: true }));
  }

  startChoices() {
    const { overview } = this.loaded;
    const admins = overview.saAdministrators.map((a) => a.id);
    const actor = admins.includes(this.actor) ? this.actor : admins[0] ?? null;
    const on = isIsoDate(this.on ?? '') ? this.on : today();
    this.choices = {
      actor, on, role31: 'licenseUser', role32: 'serviceUser',
      selected: new Set(), excluded: new Map(), contractSearch: '', contractPage: 0,
    };
    this.contracts = overview.contracts;
    this.revision += 1;
    this.shown = null;
    this.view = { filter: 'all', search: '', flow: null, page: 0 };
  }

  /**
   * Changes the choices: the preview on screen, if any, is out of date from this moment
   * (marked, announced, Submit disabled), and a preview still being planned is dropped.
   */
  async choose(changes) {
    Object.assign(this.choices, changes);
    this.revision += 1;
    // A comparison is of the choices it was made for.
    const compared = this.shadowRoot.getElementById('compare');
    if (compared) compared.hidden = true;
    if (this.shown && !this.shown.stale && !this.shown.submitted) {
      this.shown.stale = true;
      markStale(this);
      renderAccess(this);
      this.announce('The preview is out of date: the choices changed. Preview again to see their effect.');
    }
    if ('actor' in changes || 'on' in changes) {
      if ('actor' in changes && changes.actor) this.setAttribute('actor', changes.actor);
      if ('on' in changes && changes.on) this.setAttribute('on', changes.on);
      // The controls show the new values at once; the contracts' eligibility follows.
      const shown = this.shadowRoot.getElementById('choices');
      const date = shown?.querySelector('[data-focus-key="on"]');
      if (date && date.value !== this.choices.on) date.value = this.choices.on;
      const actor = shown?.querySelector('[data-focus-key="actor"]');
      if (actor && this.choices.actor && actor.value !== this.choices.actor) actor.value = this.choices.actor;
      await this.eligibility();
      renderChoices(this, { keepFocus: true });
    }
  }

  request() {
    return buildRequest(this);
  }

  /** Plans the choices on screen; the result is shown only if they have not changed meanwhile. */
  async preview() {
    const revision = this.revision;
    // Pressed again while the same choices are being planned: one plan is enough.
    if (this.#previewing === revision) return;
    this.#previewing = revision;
    const request = this.request();
    this.clearError('choices');
    this.setBusy('choices', 'Planning the migration…');
    const summary = await this.call('preview', { key: revision, request }, { place: 'choices', context: 'The preview could not be made' });
    this.setBusy('choices', null);
    if (this.#previewing === revision) this.#previewing = null;
    if (!summary) return;
    if (revision !== this.revision) {
      this.announce('The choices changed while the preview was being made; that preview was set aside. Preview again.');
      return;
    }
    this.shown = { key: revision, request, summary, stale: false, submitted: false };
    this.view = { filter: 'all', search: '', flow: null, page: 0 };
    await renderPreview(this);
    renderAccess(this);
    renderSubmission(this);
    this.shadowRoot.querySelector('#preview-title')?.focus();
    const c = summary.counts;
    const changed = `${c.changed} of ${c.users} ${c.users === 1 ? 'user changes' : 'users change'}`;
    const losing = summary.graceEndsOn && c.losingAtGraceEnd
      ? `; ${c.losingAtGraceEnd} ${c.losingAtGraceEnd === 1 ? 'loses' : 'lose'} access on ${dateText(summary.graceEndsOn)}`
      : '';
    this.announce(`Preview ready: ${changed}${losing}.`);
    this.dispatchEvent(new CustomEvent('preview', { detail: { request, summary }, bubbles: true, composed: true }));
  }

  /** Every combination of the two steps' roles, side by side. */
  compare() {
    return renderCompare(this);
  }

  /** The submission step for the preview on screen. */
  review() {
    return reviewSubmission(this);
  }

  /** The person confirmed: the submission goes out as an event, and everything before it retires. */
  async submit() {
    const shown = this.shown;
    if (!shown || shown.stale || shown.submitted || shown.submitting) return;
    // Taken at once, before the engine answers: a second press finds it taken.
    shown.submitting = true;
    for (const b of this.shadowRoot.querySelectorAll('.submit-step')) b.disabled = true;
    const result = await this.call('submission', { key: shown.key }, { place: 'submission' });
    shown.submitting = false;
    if (!result || this.shown !== shown || shown.stale) return;
    shown.submitted = true;
    this.revision += 1;
    this.shadowRoot.getElementById('compare').hidden = true;
    renderPreview(this, { retired: true });
    renderAccess(this);
    renderSubmission(this, { sent: result.submission });
    this.announce(`Submitted: transaction ${result.submission.transactionId}.`);
    this.dispatchEvent(new CustomEvent('submit', {
      detail: { request: shown.request, submission: result.submission }, bubbles: true, composed: true,
    }));
  }

  // --- rendering

  setBusy(place, text) {
    const slot = this.shadowRoot.querySelector(`[data-busy="${place}"]`);
    if (!slot) return;
    slot.hidden = !text;
    slot.textContent = text ?? '';
    if (text) this.announce(text);
  }

  renderEmpty() {
    setChildren(this.body,
      el('section', { class: 'card', 'aria-labelledby': 'account-title', part: 'section' },
        el('h2', { id: 'account-title' }, 'Account'),
        el('p', { class: 'busy', 'data-busy': 'account', hidden: true }),
        el('div', { 'data-errors': 'account' }),
        el('p', {}, 'No account is open yet.')));
  }

  render() {
    setChildren(this.body,
      renderAccount(this),
      el('section', { id: 'choices', class: 'card', 'aria-labelledby': 'choices-title', part: 'section' }),
      el('section', { id: 'preview', class: 'card', 'aria-labelledby': 'preview-title', part: 'section', hidden: true }),
      el('section', { id: 'compare', class: 'card', 'aria-labelledby': 'compare-title', part: 'section', hidden: true }),
      el('section', { id: 'access', class: 'card', 'aria-labelledby': 'access-title', part: 'section' }),
      el('section', { id: 'submission', class: 'card', 'aria-labelledby': 'submission-title', part: 'section', hidden: true }),
    );
    renderChoices(this);
    renderAccess(this);
  }
}

/** An engine error as a SmartAccessError-like Error for the "error" event. */
function asError(error) {
  const e = new Error(error?.message ?? String(error));
  e.name = 'SmartAccessError';
  e.code = error?.code ?? 'ERROR';
  e.path = error?.path ?? '';
  return e;
}

if (globalThis.customElements && !customElements.get(TAG)) customElements.define(TAG, SmartAccessPreviewElement);
