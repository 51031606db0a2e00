// The demo's static server (also used by the browser tests): 127.0.0.1 only, .wasm served
// as application/wasm, and the page's strict Content-Security-Policy on every response.
//   node www/serve.mjs [port]     serves www/ at /, pkg/ at /pkg/, the worked examples at /examples/,
//                                 and the generated large example at /examples/large.json
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAccount, LARGE } from './generate.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_MOUNTS = { '/pkg/': join(root, 'pkg'), '/examples/': join(root, 'tests/fixtures'), '/': join(root, 'www') };
/** Files the demo makes rather than reads: the large example, generated once when first asked for. */
let large = null;
export const DEMO_GENERATED = { '/examples/large.json': () => (large ??= JSON.stringify(generateAccount(LARGE))) };

/**
 * Serves `mounts` (URL prefix → folder, longest prefix first) and `generated` (path → a
 * function giving the JSON text) on 127.0.0.1:`port` (0: any).
 */
export function serve(mounts, { port = 0, headers = {}, generated = {} } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (Object.hasOwn(generated, path)) {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store', ...headers });
      res.end(generated[path]());
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    const base = mounts[prefix];
    const rest = normalize(path.slice(prefix.length) || 'index.html');
    const file = join(base, rest.endsWith(sep) ? join(rest, 'index.html') : rest);
    if (rest.startsWith('..') || !file.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  serve(DEMO_MOUNTS, { port, headers: { 'content-security-policy': CSP }, generated: DEMO_GENERATED }).then(
    ({ url }) => console.log(`smart-access preview page: open ${url}/ (Ctrl-C to stop)`),
    (e) => {
      console.error(`cannot serve on 127.0.0.1:${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
