// serve_edit.mjs URL PLAYWRIGHT_CORE_DIR FILE
// Driven by tests/watch.rs, which runs `bantin serve`. Opens URL (a page made from the
// Markdown FILE) in headless Chromium on a 360 px screen, then edits FILE as an editor
// would, never touching the page: a save that must show up by itself, a mistake whose file
// and line must show in the page, and the fix that must clear it. Prints one JSON line.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [url, pwDir, file] = process.argv.slice(2);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const watchdog = setTimeout(() => { console.error('serve_edit.mjs: timed out'); process.exit(3); }, 90000);
const original = readFileSync(file, 'utf8');
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const result = {};
const bodyHas = (page, text) => page.waitForFunction((t) => document.body && document.body.innerText.includes(t), text, { timeout: 20000, polling: 20 });
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  await page.goto(url);
  // Give the live connection a moment to open (it also catches up with a missed build).
  await page.waitForTimeout(300);

  let started = Date.now();
  writeFileSync(file, original.replace('Câu hai.', 'Câu hai, vừa lưu.'));
  await bodyHas(page, 'vừa lưu');
  result.saveToVisibleMs = Date.now() - started;

  writeFileSync(file, original.replace('date: 2025-03-01', 'date: 2025-13-45'));
  const pre = page.locator('#bantin-live-overlay pre');
  await pre.waitFor({ timeout: 20000 });
  result.overlay = await pre.textContent();
  result.pageKept = await page.evaluate(() => document.body.innerText.includes('vừa lưu'));

  writeFileSync(file, original.replace('Câu hai.', 'Câu hai, đã sửa lỗi.'));
  await bodyHas(page, 'đã sửa lỗi');
  await page.waitForLoadState('load');
  result.overlaysAfterFix = await page.locator('#bantin-live-overlay').count();
} finally {
  writeFileSync(file, original);
  await browser.close();
  clearTimeout(watchdog);
}
console.log(JSON.stringify(result));
