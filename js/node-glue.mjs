// Writes the package's Node glue: wasm-bindgen's CommonJS glue with the module's bytes taken
// from a JS file beside it (smart_access_wasm.cjs, base64) instead of read from
// `${__dirname}/smart_access_bg.wasm`. Bundlers that build for servers (Next.js, Vite SSR,
// esbuild --platform=node, serverless) then carry the engine like any other module: there is
// no file to find at run time and nothing depends on __dirname, which an ES module bundle
// lacks and a CommonJS one points elsewhere. It also gives the glue Node's TextEncoder and
// TextDecoder where the global scope has none (Jest's jsdom environment).
//
// Usage: node js/node-glue.mjs GLUE.js MODULE.wasm OUT_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [gluePath, wasmPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node js/node-glue.mjs GLUE.js MODULE.wasm OUT_DIR');
  process.exit(2);
}

const reading = [
  'const wasmPath = `${__dirname}/smart_access_bg.wasm`;',
  "const wasmBytes = require('fs').readFileSync(wasmPath);",
].join('\n');
const embedded = "const wasmBytes = require('./smart_access_wasm.cjs');";
const codecs =
  "const { TextDecoder, TextEncoder } = typeof globalThis.TextDecoder === 'function' ? globalThis : require('node:util');\n";

const glue = readFileSync(gluePath, 'utf8');
// The glue of another wasm-bindgen version may read its module differently: stop the build
// rather than ship a package that still looks for the file.
if (glue.split(reading).length !== 2) {
  console.error(`${gluePath}: wasm-bindgen's module reading is not the expected two lines; update js/node-glue.mjs`);
  process.exit(1);
}
const [selfTypes, ...rest] = glue.split('\n');
writeFileSync(join(outDir, 'smart_access_node.cjs'), [selfTypes, codecs + rest.join('\n').replace(reading, embedded)].join('\n'));

const base64 = readFileSync(wasmPath).toString('base64');
writeFileSync(
  join(outDir, 'smart_access_wasm.cjs'),
  [
    '// The engine\'s WebAssembly module (smart_access_bg.wasm), base64, for the Node glue.',
    "'use strict';",
    `const base64 = '${base64}';`,
    "module.exports = typeof Buffer === 'function'",
    "  ? Buffer.from(base64, 'base64')",
    '  : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));',
    '',
  ].join('\n'),
);
