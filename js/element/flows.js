// Who moves where, as a picture: one bar per path from the roles users hold now to the
// roles they will hold, its length the share of users on it. Each bar is a toggle button
// that filters the users list to that path.
import { el, svg } from './dom.js';
import { count, USERS } from './words.js';

/** Most paths shown; the rest are summed in one line. */
const SHOWN = 8;

/**
 * The flows of a preview summary; `selected` is the index of the path filtering the list
 * (or null); `choose(selection, pressed)` is called with the new selection (null: none) and
 * the index of the button pressed.
 */
export function flowsView(flows, names, selected, choose) {
  const most = Math.max(1, ...flows.map((f) => f.users));
  // The most taken first (a stable sort: ties keep the engine's order); each keeps its index
  // in the engine's list, which is what filters the users.
  const ranked = flows.map((flow, index) => ({ flow, index })).sort((a, b) => b.flow.users - a.flow.users);
  const shown = ranked.slice(0, SHOWN);
  const others = ranked.slice(SHOWN).reduce((n, r) => n + r.flow.users, 0);
  return el('div', { class: 'flows' },
    el('ul', { class: 'flow-list', role: 'list' }, shown.map(({ flow, index }) => {
      const from = names.roleMix(flow.from);
      const to = names.roleMix(flow.to);
      const same = from === to;
      return el('li', {},
        el('button', {
          type: 'button', class: 'flow', part: 'flow', 'aria-pressed': String(selected === index), data: { flow: String(index) },
          onclick: () => choose(selected === index ? null : index, index),
        },
        el('span', { class: 'flow-path' }, from, el('span', { 'aria-hidden': 'true', class: 'arrow' }, ' → '),
          el('span', { class: 'visually-hidden' }, ' to '), same ? `${to} (unchanged)` : to),
        el('span', { class: 'flow-count' }, count(flow.users, USERS)),
        svg('svg', { viewBox: '0 0 100 6', preserveAspectRatio: 'none', class: 'flow-bar', 'aria-hidden': 'true' },
          svg('rect', { x: 0, y: 0, width: (flow.users / most) * 100, height: 6, class: same ? 'bar-same' : 'bar-change' }))));
    })),
    others ? el('p', { class: 'note' }, `${count(others, USERS)} on ${count(flows.length - SHOWN, { one: 'other path', other: 'other paths' })}.`) : null);
}
