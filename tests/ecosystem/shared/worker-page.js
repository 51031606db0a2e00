import { render } from './render.js';

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
render(
  new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data.preview));
    worker.onerror = (event) => reject(new Error(event.message));
  }),
);
