// The element's module worker: the engine off the page's main thread. Each message is one
// call of the session ({ id, op, args }), answered with its result or the engine's error
// as plain data; "ready" says the engine started, so the element knows it need not fall
// back to running the engine on the page.
import init from '../index.js';
import { Session } from './session.js';

const session = new Session();

init().then(
  () => postMessage({ type: 'ready' }),
  (e) => postMessage({ type: 'failed', error: { code: e?.code ?? 'ENGINE', path: '', message: e?.message ?? String(e) } }),
);

onmessage = ({ data: { id, op, args } }) => {
  try {
    postMessage({ id, type: 'done', result: session[op](args) });
  } catch (e) {
    postMessage({ id, type: 'error', error: { code: e?.code ?? 'ERROR', path: e?.path ?? '', message: e?.message ?? String(e) } });
  }
};
