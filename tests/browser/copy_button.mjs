// copy_button.mjs SITE_DIR PAGE_PATH PLAYWRIGHT_CORE_DIR [BLOCK]
// Serves SITE_DIR on 127.0.0.1, opens PAGE_PATH in headless Chromium, clicks the copy button of
// share block number BLOCK (1 by default) and prints a JSON line: the text area's value, the clipboard after the click,
// what pasting it into a new text area gives, the confirmation shown, and (JavaScript disabled) the text area's value and the button state.
import { join } from 'node:path';
import { serve } from './static_server.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const [site, path, pwDir, block = '1'] = process.argv.slice(2);
const nth = Number(block) - 1;
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const server = await serve(site);
const url = `${server.origin}${path}`;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const result = {};
try {
  const ctx = await browser.newContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await ctx.newPage();
  await page.goto(url);
  const share = page.locator('.share').nth(nth);
  result.textarea = await share.locator('textarea').inputValue();
  result.buttonVisible = await share.locator('.copy').isVisible();
  await share.locator('.copy').click();
  await page.waitForFunction((k) => document.querySelectorAll('.share .copied')[k].textContent !== '', nth);
  result.confirmation = await share.locator('.copied').textContent();
  result.otherConfirmations = await page.evaluate((k) => [...document.querySelectorAll('.share .copied')].filter((_, i) => i !== k).map((s) => s.textContent).join(''), nth);
  result.clipboard = await page.evaluate(() => navigator.clipboard.readText());
  // Pasted as an admin pastes into Facebook's or Zalo's post box: Ctrl+V into a text area.
  await page.evaluate(() => { const t = document.createElement('textarea'); t.id = 'paste-here'; document.body.append(t); });
  await page.locator('#paste-here').focus();
  await page.keyboard.press('Control+V');
  result.pasted = await page.locator('#paste-here').inputValue();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url);
  const plainShare = plain.locator('.share').nth(nth);
  result.noJsTextarea = await plainShare.locator('textarea').inputValue();
  result.noJsButtonVisible = await plainShare.locator('.copy').isVisible();
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
