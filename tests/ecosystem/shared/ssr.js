// A server entry (Vite SSR, esbuild --platform=node): the preview as JSON text.
import { previewExampleC } from './preview.js';

export async function render() {
  return JSON.stringify(await previewExampleC());
}
