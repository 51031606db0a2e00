// esbuild: a browser bundle, and server bundles (ES module and CommonJS) for Node.
import { build } from 'esbuild';

// esbuild does not follow `new URL(..., import.meta.url)`: the page imports the .wasm
// (smart-access/smart_access_bg.wasm) with the `file` loader and hands its URL to init().
await build({
  entryPoints: ['esbuild-page.js', 'readme-snippet.js'],
  bundle: true,
  format: 'esm',
  outdir: 'dist',
  loader: { '.wasm': 'file' },
});
await build({ entryPoints: ['shared/ssr.js'], bundle: true, platform: 'node', format: 'esm', outfile: 'server/ssr.mjs' });
await build({ entryPoints: ['shared/ssr.js'], bundle: true, platform: 'node', format: 'cjs', outfile: 'server/ssr.cjs' });
