// A module worker that computes the preview and posts it to the page.
import { previewExampleC } from './preview.js';

previewExampleC().then(
  (preview) => postMessage({ preview: JSON.stringify(preview) }),
  (error) => postMessage({ error: String(error?.stack ?? error) }),
);
