// The element's look: one constructable stylesheet (no style attributes, no <style> text,
// so it works under `style-src 'self'`). Portals theme it through the custom properties
// below, set on the element, and the parts `section`, `button`, `primary`, `timeline`,
// `flow` and `body`.
export const STYLES = `
:host {
  --sap-font: system-ui, sans-serif;
  --sap-text: #1d2733;
  --sap-muted: #4b5866;
  --sap-background: #ffffff;
  --sap-surface: #f6f8fa;
  --sap-border: #c9d1d9;
  --sap-accent: #0b5cad;
  --sap-on-accent: #ffffff;
  --sap-focus: #c0580b;
  --sap-good: #1a6b34;
  --sap-bad: #9b2c15;
  --sap-warning: #6b4500;
  --sap-added: #dcf5e3;
  --sap-removed: #fbe3e3;
  --sap-radius: 6px;
  display: block;
  font-family: var(--sap-font);
  color: var(--sap-text);
  line-height: 1.45;
  min-width: 0;
  container-type: inline-size;
}
[hidden] { display: none !important; }
* { box-sizing: border-box; }
.body { display: grid; gap: 1rem; min-width: 0; }
.card, .scroll, .flow { position: relative; }
.card { background: var(--sap-background); border: 1px solid var(--sap-border); border-radius: var(--sap-radius); padding: 1rem; min-width: 0; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 0.5rem 0; }
h2:focus, h3:focus, [tabindex="-1"]:focus { outline: none; }
h2:focus-visible, h3:focus-visible, [tabindex="-1"]:focus-visible { outline: 3px solid var(--sap-focus); outline-offset: 2px; }
.row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.6rem 0; }
.row > * { min-width: 0; max-width: 100%; }
.field { display: inline-flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; }
.hint, .note, .id { color: var(--sap-muted); }
.id { font-size: 0.9em; }
fieldset { border: 1px solid var(--sap-border); border-radius: var(--sap-radius); margin: 0.75rem 0; padding: 0.5rem 0.75rem; min-width: 0; }
legend { font-weight: 600; padding: 0 0.25rem; }
.radio, .user-choice, .contract-choice { display: block; margin: 0.3rem 0; }
input, select, button { font: inherit; max-width: 100%; }
input, select { border: 1px solid var(--sap-muted); border-radius: 4px; padding: 0.3rem 0.4rem; background: var(--sap-background); color: var(--sap-text); }
input[type=checkbox], input[type=radio] { width: 1.1rem; height: 1.1rem; vertical-align: -0.15rem; }
button { padding: 0.4rem 0.85rem; border-radius: 5px; border: 1px solid var(--sap-accent); background: var(--sap-background); color: var(--sap-accent); cursor: pointer; min-height: 2.25rem; }
button.primary { background: var(--sap-accent); color: var(--sap-on-accent); }
button:disabled { border-color: var(--sap-border); background: var(--sap-surface); color: var(--sap-muted); cursor: not-allowed; }
:focus-visible { outline: 3px solid var(--sap-focus); outline-offset: 2px; }
.busy { color: var(--sap-accent); font-weight: 600; }
.error { border: 1px solid var(--sap-bad); background: #fdf0ee; color: var(--sap-bad); border-radius: var(--sap-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.error p { margin: 0.2rem 0; }
.error details { color: var(--sap-text); font-size: 0.9em; }
.inline-errors { flex-basis: 100%; }
.notice { border: 2px solid var(--sap-warning); background: #fff6e0; color: var(--sap-text); border-radius: var(--sap-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.notice p { margin: 0 0 0.4rem; }
#preview.stale { border: 3px dashed var(--sap-warning); }
.facts { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.contracts { list-style: none; margin: 0.5rem 0; padding: 0; display: grid; gap: 0.5rem; }
.contract { border: 1px solid var(--sap-border); border-radius: var(--sap-radius); padding: 0.5rem 0.75rem; }
.contract-choice { font-weight: 600; }
.contract-facts { margin: 0.2rem 0; }
.contract-users summary { cursor: pointer; }
.ok { color: var(--sap-good); font-weight: 600; }
.no { color: var(--sap-bad); }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.summary { padding-left: 1.2rem; }
.timeline-figure { margin: 0; }
.timeline { width: 100%; max-width: 26rem; height: auto; display: block; }
.timeline .bar-traditional { fill: #7a5a00; }
.timeline .bar-before { fill: #6b7785; }
.timeline .bar-after { fill: var(--sap-accent); }
.timeline .grace { fill: #f2b134; fill-opacity: 0.25; }
.timeline .marker { stroke: var(--sap-text); stroke-width: 1.5; }
.timeline .lane-text { fill: #ffffff; font-size: 12px; font-weight: 600; }
.timeline .marker-text { fill: var(--sap-text); font-size: 12px; }
.dates { margin: 0.4rem 0 0; padding-left: 1.2rem; }
.flow-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; max-width: 40rem; }
.flow { width: 100%; text-align: left; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0.1rem 0.75rem; color: var(--sap-text); border-color: var(--sap-border); }
.flow[aria-pressed="true"] { border: 2px solid var(--sap-accent); background: #e8f1fb; }
.flow-bar { grid-column: 1 / -1; width: 100%; height: 0.5rem; }
.flow-bar .bar-change { fill: var(--sap-accent); }
.flow-bar .bar-same { fill: #8894a0; }
.arrow { color: var(--sap-muted); }
.warnings li { color: var(--sap-warning); }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0; }
.scroll:focus-visible { outline: 3px solid var(--sap-focus); }
table { border-collapse: collapse; margin: 0; font-size: 0.93rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { overflow-wrap: normal; text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--sap-border); vertical-align: top; }
thead th { background: var(--sap-surface); }
tbody th { font-weight: 600; }
table.users { min-width: 52rem; }
table.users tbody th { min-width: 7rem; }
table.users td.why { min-width: 16rem; }
td.why p { margin: 0 0 0.25rem; }
td.losses ul, .changes { margin: 0; padding-left: 1.1rem; }
.grant { display: inline-block; white-space: nowrap; padding: 0 0.35rem; margin: 0.1rem; border-radius: 4px; background: var(--sap-surface); }
.grant.added { background: var(--sap-added); outline: 1px solid var(--sap-good); font-weight: 600; }
.grant.removed { background: var(--sap-removed); text-decoration: line-through; }
.none { color: var(--sap-muted); }
td.yes { color: var(--sap-good); font-weight: 700; }
td.no-access { color: var(--sap-muted); }
.matrices { display: grid; gap: 0.5rem; }
.matrices > *, .detail { min-width: 0; }
.detail { border-top: 2px solid var(--sap-accent); margin-top: 1rem; padding-top: 0.5rem; }
.answer-title { font-weight: 600; }
.done { font-weight: 600; color: var(--sap-good); }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@container (max-width: 32rem) {
  .facts { grid-template-columns: minmax(0, 1fr); }
  .facts dd { margin-bottom: 0.4rem; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
