// The preview page (the preview element) in headless Chromium with the large generated
// example (www/generate.js, LARGE): how long from pressing "Preview migration" to the first
// rows of the user table,
// and the longest main-thread task in between (PerformanceObserver, 'longtask': only tasks
// over 50 ms are reported). Prints one JSON line; benches/node.mjs runs it for BENCHMARKS.md.
import { serve, DEMO_MOUNTS, DEMO_GENERATED, CSP } from '../www/serve.mjs';
import { launchChromium } from '../tests/js/support.mjs';

const RUNS = 3;
const server = await serve(DEMO_MOUNTS, { headers: { 'content-security-policy': CSP }, generated: DEMO_GENERATED });
const browser = await launchChromium();
const samples = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: /Large example/ }).click();
    await page.getByRole('heading', { name: 'Migration choices' }).waitFor({ timeout: 300_000 });
    await page.getByRole('button', { name: 'Select every contract that can migrate' }).click();
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const t of list.getEntries()) window.__longTasks.push(t.duration);
      }).observe({ type: 'longtask' });
      window.__pressed = performance.now();
    });
    await page.getByRole('button', { name: 'Preview migration' }).click();
    await page.locator('table.users tbody tr').first().waitFor({ timeout: 300_000 });
    samples.push(await page.evaluate(() => ({
      firstRows: performance.now() - window.__pressed,
      longestTask: Math.max(0, ...window.__longTasks),
      longTasks: window.__longTasks.length,
    })));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
samples.sort((a, b) => a.firstRows - b.firstRows);
process.stdout.write(JSON.stringify({ ...samples[Math.floor(samples.length / 2)], runs: RUNS }));
