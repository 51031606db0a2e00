// The last step: exactly what will be submitted, in words, with its transaction id; the
// person's confirmation fires the element's "submit" event and nothing else.
import { download, el, setChildren } from '../dom.js';
import { count, CONTRACTS, dateText, listOf, USERS } from '../words.js';

/** The submission step of the preview on screen, once asked for ("Review and submit…"). */
export async function reviewSubmission(host) {
  const shown = host.shown;
  if (!shown || shown.stale || shown.submitted) return;
  const result = await host.call('submission', { key: shown.key }, { place: 'preview' });
  if (!result || host.shown !== shown || shown.stale) return;
  renderSubmission(host, { review: result });
  host.shadowRoot.getElementById('submission-title').focus();
}

/** What a change does, in words: "Chris: SA User → SA Full User". */
function changeText(names, change) {
  const add = change.add.map((g) => names.grant(g));
  const remove = change.remove.map((g) => names.grant(g));
  if (add.length && remove.length) return `${change.name}: ${listOf(remove)} → ${listOf(add)}`;
  if (add.length) return `${change.name}: gets ${listOf(add)}`;
  return `${change.name}: no longer holds ${listOf(remove)} (covered by another role)`;
}

export function renderSubmission(host, { review = null, sent = null } = {}) {
  const section = host.shadowRoot.getElementById('submission');
  if (!section) return;
  if (!review && !sent) {
    section.hidden = true;
    setChildren(section);
    return;
  }
  section.hidden = false;
  if (sent) {
    setChildren(section,
      el('h2', { id: 'submission-title', tabindex: '-1' }, 'Submitted'),
      el('p', { class: 'done' }, `Transaction ${sent.transactionId} was handed to the portal to send. `
        + 'The preview above describes the account before it; open the migrated account to go on.'));
    return;
  }
  const { submission, shown } = review;
  const { names } = host.loaded;
  const request = host.shown.request;
  const contracts = submission.contracts.map((c) => c.id);
  setChildren(section,
    el('h2', { id: 'submission-title', tabindex: '-1' }, 'Review and submit'),
    el('p', {}, `Transaction ${submission.transactionId}, on ${dateText(request.on)}:`),
    el('ul', {},
      submission.smartAccessMigratedOn ? el('li', {}, 'Step 3.1 is done for the whole Smart Account.') : null,
      el('li', {}, contracts.length ? `${listOf(contracts)} ${contracts.length === 1 ? 'moves' : 'move'} to Smart Access.` : `No contract moves (${count(0, CONTRACTS)}).`),
      el('li', {}, `${count(submission.changes.length, USERS)} ${submission.changes.length === 1 ? 'changes roles' : 'change roles'}:`)),
    el('ul', { class: 'changes' }, shown.map((c) => el('li', { data: { user: c.user } }, changeText(names, c)))),
    submission.changes.length > shown.length ? el('p', {}, `…and ${submission.changes.length - shown.length} more, all of them in the submission.`) : null,
    el('div', { class: 'row actions' },
      el('button', {
        type: 'button', part: 'button',
        onclick: () => download(host.shadowRoot, `migration-submission-${host.loaded.overview.id}.json`,
          'application/json', JSON.stringify(submission, null, 2)),
      }, 'Download the submission (JSON)'),
      el('button', { type: 'button', class: 'primary submit-step', part: 'button primary', onclick: () => host.submit() }, 'Submit the migration')),
    el('div', { 'data-errors': 'submission' }));
}
