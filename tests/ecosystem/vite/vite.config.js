import { version } from 'vite';

const major = Number(version.split('.')[0]);

export default {
  build: {
    rollupOptions: { input: { main: 'index.html', worker: 'worker.html' } },
  },
  worker: { format: 'es' },
  // The one line Vite 5, 6 and 7 need (their dev server pre-bundles dependencies into
  // node_modules/.vite/deps, where the glue's URL of smart_access_bg.wasm finds nothing).
  optimizeDeps: major < 8 ? { exclude: ['smart-access'] } : {},
  // Server bundles that carry the package inside (serverless, edge-style builds).
  ssr: { noExternal: ['smart-access'] },
};
