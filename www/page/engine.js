// The engine runs in a module worker (worker.js), so a large account never blocks the page:
// each call is a message, answered with its result or the engine's error.

import { $, showError, showStatus } from './dom.js';

const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
worker.onmessage = ({ data }) => {
  const call = pending.get(data.id);
  if (!call) return;
  if (data.type === 'progress') return showStatus(data.stage);
  pending.delete(data.id);
  if (data.type === 'done') call.resolve(data.result);
  else call.reject(data.error);
};
worker.onerror = (e) => showError({ code: 'WORKER', path: '', message: e.message || 'the engine could not start' });

export function call(op, args) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

let busy = 0;
/** Runs one engine call with the status line shown and the action buttons disabled. */
export async function run(op, args, label) {
  busy += 1;
  document.body.classList.add('busy');
  document.querySelectorAll('button.primary').forEach((b) => { b.disabled = true; });
  showStatus(label);
  try {
    return await call(op, args);
  } catch (e) {
    showError(e);
    return null;
  } finally {
    busy -= 1;
    if (busy === 0) {
      $('status').hidden = true;
      document.body.classList.remove('busy');
      document.querySelectorAll('button.primary').forEach((b) => { b.disabled = false; });
    }
  }
}
