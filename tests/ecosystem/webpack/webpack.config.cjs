// webpack 5 with no rule for the package: it follows the glue's
// `new URL('smart_access_bg.wasm', import.meta.url)` as an asset, for the page and the worker.
const path = require('node:path');
const HtmlPage = require('./html-page.cjs');

module.exports = {
  mode: 'production',
  entry: { page: './shared/page.js', 'worker-page': './shared/worker-page.js' },
  output: { path: path.resolve(__dirname, 'dist'), clean: true },
  plugins: [new HtmlPage()],
};
