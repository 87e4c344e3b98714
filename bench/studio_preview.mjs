// studio_preview.mjs EDIT_URL PLAYWRIGHT_CORE_DIR [ROUNDS]
// The studio's live preview as an editor meets it: in headless Chromium at 360 px, types a
// word at the end of the text ROUNDS times (default 10) and measures, each time, from the
// last keystroke to the preview frame showing the word (this includes the studio's 250 ms
// typing pause), and the preview request's own time (the server: parse, render, answer).
// Prints one JSON line with the medians and all rounds.
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [url, pwDir, roundsArg] = process.argv.slice(2);
const rounds = +(roundsArg || 10);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  await page.goto(url);
  await page.frameLocator('#bantin-preview').locator('h1').first().waitFor({ timeout: 30000 });
  const shown = [], server = [];
  for (let i = 0; i < rounds; i++) {
    const word = `chukiemtra${i}x`;
    await page.locator('textarea[name="body"]').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${word}`);
    const started = Date.now();
    await page.waitForFunction((w) => {
      const doc = document.getElementById('bantin-preview').contentDocument;
      return doc && doc.body && doc.body.innerText.includes(w);
    }, word, { timeout: 20000, polling: 10 });
    shown.push(Date.now() - started);
    const timing = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/preview')).map((e) => e.responseEnd - e.requestStart).pop());
    server.push(Math.round(timing));
    await page.waitForTimeout(300);
  }
  console.log(JSON.stringify({ rounds, keystrokeToFrameMs: median(shown), previewRequestMs: median(server), shown, server }));
} finally {
  await browser.close();
}
