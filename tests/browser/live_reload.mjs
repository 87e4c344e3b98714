// live_reload.mjs URL PLAYWRIGHT_CORE_DIR
// Driven by tests/serve.rs, which runs the bantin server and changes its live state. Opens URL
// in headless Chromium on a 360 px wide screen and prints one JSON line per step:
//   {"step":"loaded"}; then, after reading "failed" on stdin, {"step":"overlay"} with the
//   overlay's text and width; {"step":"opened-while-failing"} for a second page opened then
//   (and closed with its button); after reading "reloaded", {"step":"reloaded"} once the
//   first page has reloaded, with the overlays left.
// Set BANTIN_OVERLAY_SCREENSHOT=file.png to keep a screenshot of the overlay.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const [url, pwDir] = process.argv.slice(2);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const watchdog = setTimeout(() => { console.error('live_reload.mjs: timed out'); process.exit(3); }, 90000);
const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const expect = async (word) => {
  const { value } = await input.next();
  if (value !== word) throw new Error(`expected "${word}" on stdin, got ${value}`);
};
const say = (object) => console.log(JSON.stringify(object));

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.goto(url);
  // Whether the event stream is open yet or not, it sends the current state on connect.
  await page.evaluate(() => { window.bantinMarker = 1; });
  say({ step: 'loaded' });

  await expect('failed');
  const pre = page.locator('#bantin-live-overlay pre');
  await pre.waitFor();
  const panel = await page.locator('#bantin-live-overlay .panel').boundingBox();
  if (process.env.BANTIN_OVERLAY_SCREENSHOT) await page.screenshot({ path: process.env.BANTIN_OVERLAY_SCREENSHOT });
  say({
    step: 'overlay',
    text: await pre.textContent(),
    width: panel ? panel.x + panel.width : null,
    pageStillThere: (await page.locator('p', { hasText: 'Bài A' }).count()) > 0,
  });

  const second = await ctx.newPage();
  await second.goto(url);
  const secondPre = second.locator('#bantin-live-overlay pre');
  await secondPre.waitFor();
  const text = await secondPre.textContent();
  await second.locator('#bantin-live-overlay button').click();
  const closed = (await second.locator('#bantin-live-overlay').count()) === 0;
  await second.close();
  say({ step: 'opened-while-failing', text, closed });

  await expect('reloaded');
  const until = Date.now() + 30000;
  while (loads < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await page.waitForLoadState('load');
  say({
    step: 'reloaded',
    loads,
    markerGone: await page.evaluate(() => window.bantinMarker === undefined),
    overlays: await page.locator('#bantin-live-overlay').count(),
    text: await page.locator('body').innerText(),
  });
} finally {
  await browser.close();
  clearTimeout(watchdog);
}
