// Shared by the browser tests: a static server on 127.0.0.1 that serves .wasm as
// application/wasm, and Debian's Chromium launched headless through playwright-core (which
// gives it a fresh, temporary profile each launch).
import { serve } from '../../www/serve.mjs';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

/** The package README (js/README.md, shipped as the package's README.md). */
export const readme = readFileSync(new URL('../../js/README.md', import.meta.url), 'utf8');

/** The code block that follows `<!-- snippet: NAME -->` in the package README. */
export function snippet(name) {
  const match = readme.match(new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  assert.ok(match, `README has no snippet "${name}"`);
  return match[1];
}

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
