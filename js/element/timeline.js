// When things happen, as a picture: the migration date, the grace period with its last day
// of traditional access, and the day roles alone decide, drawn in SVG over two lanes
// (traditional contract access; roles), with the same dates as a list beside it — the
// picture's text alternative, visible to everyone.
import { el, svg, uid } from './dom.js';
import { addDays, count, dateText, DAYS, daysBetween, shortDateText } from './words.js';

const W = 340;
const LANE = { traditional: 34, roles: 62 };

/** The timeline of a preview migrating on `on`, its grace period ending on `graceEndsOn` (or null). */
export function timeline(on, graceEndsOn) {
  const captionId = uid('timeline');
  const lastTraditional = graceEndsOn ? addDays(graceEndsOn, -1) : null;
  const x = { start: 4, on: 96, end: graceEndsOn ? 262 : null, stop: W - 4 };
  const lane = (y, from, to, cls, label) => svg('g', {},
    svg('rect', { x: from, y: y - 8, width: Math.max(0, to - from), height: 16, rx: 3, class: cls }),
    label ? svg('text', { x: from + 6, y: y + 4, class: 'lane-text' }, label) : null);
  const marker = (at, label) => svg('g', {},
    svg('line', { x1: at, x2: at, y1: 16, y2: 76, class: 'marker' }),
    svg('text', { x: at, y: 12, 'text-anchor': 'middle', class: 'marker-text' }, label));

  const picture = svg('svg', { viewBox: `0 0 ${W} 84`, role: 'img', 'aria-labelledby': captionId, class: 'timeline', part: 'timeline' },
    svg('title', {}, 'Timeline of this migration'),
    // Traditional access: until the grace period ends, or on, unchanged, when no contract moves.
    lane(LANE.traditional, x.start, graceEndsOn ? x.end : x.stop, 'bar-traditional', 'Traditional'),
    lane(LANE.roles, x.start, x.on, 'bar-before', 'Roles now'),
    lane(LANE.roles, x.on, x.stop, 'bar-after', 'New roles'),
    graceEndsOn ? svg('rect', { x: x.on, y: 18, width: x.end - x.on, height: 58, class: 'grace' }) : null,
    graceEndsOn ? svg('text', { x: (x.on + x.end) / 2, y: 12, 'text-anchor': 'middle', class: 'marker-text' }, 'grace period') : null,
    marker(x.on, shortDateText(on)),
    graceEndsOn ? marker(x.end, shortDateText(graceEndsOn)) : null);

  const days = graceEndsOn ? daysBetween(on, graceEndsOn) : 0;
  const steps = [
    el('li', {}, el('strong', {}, dateText(on)), ' — the migration: the new roles take effect.'),
    graceEndsOn ? el('li', {}, el('strong', {}, dateText(lastTraditional)),
      ` — the last day of traditional contract access (the grace period lasts ${count(days, DAYS)}).`) : null,
    graceEndsOn ? el('li', {}, el('strong', {}, dateText(graceEndsOn)),
      ' — from this day on, roles alone decide who can do what; the migrated contracts become read-only.')
      : el('li', {}, 'No contract changes access mode, so traditional contract access carries on as it is.'),
  ];
  return el('figure', { class: 'timeline-figure' },
    picture,
    el('figcaption', { id: captionId },
      el('span', { class: 'visually-hidden' }, 'Timeline: '),
      el('ol', { class: 'dates' }, steps)));
}
