// The element's module worker: the engine off the page's main thread. Each message is one
// call of the engine's handles ({ id, op, args }), answered with its result or the engine's error
// as plain data; "ready" says the engine started, so the element knows it need not fall
// back to running the engine on the page.
import init from '../index.js';
import { asData, Handles } from './handles.js';

const handles = new Handles();

init().then(
  () => postMessage({ type: 'ready' }),
  (e) => postMessage({ type: 'failed', error: asData(e, 'ENGINE') }),
);

onmessage = ({ data: { id, op, args } }) => {
  try {
    postMessage({ id, type: 'done', result: handles[op](args) });
  } catch (e) {
    postMessage({ id, type: 'error', error: asData(e) });
  }
};
