// How the element reaches the engine: a module worker beside this file where the page and
// its bundler allow one, else the same handles on the page itself (the worker's script not
// found, workers forbidden by the page's policy, an engine that cannot start there).
// Calls are answered in the order they were made.
import { asData, Handles } from './handles.js';

/** Starts the module worker; resolves with a caller over it, or null where it cannot run. */
function startWorker() {
  let worker;
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const pending = new Map();
    let nextId = 1;
    worker.onerror = (e) => {
      e.preventDefault?.();
      worker.terminate();
      resolve(null);
    };
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        resolve((op, args) => new Promise((done, fail) => {
          const id = nextId++;
          pending.set(id, { done, fail });
          worker.postMessage({ id, op, args });
        }));
        return;
      }
      if (data.type === 'failed') {
        worker.terminate();
        resolve(null);
        return;
      }
      const call = pending.get(data.id);
      pending.delete(data.id);
      if (data.type === 'done') call?.done(data.result);
      else call?.fail(data.error);
    };
  });
}

/** The same handles on the page: the engine initialised here (once for the page). */
async function onPage() {
  const { default: init } = await import('../index.js');
  await init();
  const handles = new Handles();
  return async (op, args) => {
    try {
      return handles[op](args);
    } catch (e) {
      throw asData(e);
    }
  };
}

/** A caller of the engine: `call(op, args)` resolves with the result or rejects with `{ code, path, message }`. */
export async function connect() {
  const viaWorker = typeof Worker === 'function' ? await startWorker() : null;
  return { call: viaWorker ?? (await onPage()), offThread: viaWorker !== null };
}
