// Rollup: node-resolve for the package, and @rollup/plugin-url for the .wasm (Rollup does not
// follow `new URL(..., import.meta.url)`; the page imports the .wasm and hands its URL to init()).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import url from '@rollup/plugin-url';

export default {
  input: 'rollup-page.js',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), url({ include: ['**/*.wasm'], limit: 0, fileName: '[name][extname]' })],
};
