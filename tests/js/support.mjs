// Shared by the browser tests: a static server on 127.0.0.1 that serves .wasm as
// application/wasm, and Debian's Chromium launched headless through playwright-core (which
// gives it a fresh, temporary profile each launch).
import { serve } from '../../www/serve.mjs';
import { chromium } from 'playwright-core';

/** A folder served on 127.0.0.1, as the demo serves its page. */
export function serveStatic(dir, headers = {}) {
  return serve({ '/': dir }, { headers });
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}
