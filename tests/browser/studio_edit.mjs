// studio_edit.mjs EDIT_URL PLAYWRIGHT_CORE_DIR PICTURE
// Driven by tests/studio.rs, which runs `bantin studio`. Opens an item's edit page in headless
// Chromium on a 360 px screen and uses it with the keyboard as an editor would: types into the
// title and the text, waits for the preview frame to show both (nothing saved), then presses
// Save and waits for the saved notice; then adds the PNG file PICTURE with its description into
// the text and waits for the preview to show it. Prints one JSON line.
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [url, pwDir, picture] = process.argv.slice(2);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const watchdog = setTimeout(() => { console.error('studio_edit.mjs: timed out'); process.exit(3); }, 60000);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const result = { outside: [] };
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  // No request may leave this computer.
  page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1|about:|data:)/.test(r.url())) result.outside.push(r.url()); });
  await page.goto(url);
  const frame = () => page.frameLocator('#bantin-preview');
  await frame().locator('h1').first().waitFor();
  result.before = await frame().locator('h1').first().innerText();

  await page.locator('input[name="f.title"]').fill('');
  await page.locator('input[name="f.title"]').pressSequentially('Tiêu đề gõ trong studio');
  await page.locator('textarea[name="body"]').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nMột đoạn vừa gõ.\n');
  const started = Date.now();
  await page.waitForFunction(() => {
    const doc = document.getElementById('bantin-preview').contentDocument;
    return doc && doc.body && doc.body.innerText.includes('Một đoạn vừa gõ.') &&
      doc.querySelector('h1').innerText.includes('Tiêu đề gõ trong studio');
  }, null, { timeout: 10000, polling: 20 });
  result.typedToPreviewMs = Date.now() - started;

  // A mistake while typing: the build's message beside its field, gone once it is mended.
  await page.locator('input[name="f.title"]').fill('');
  await page.locator('input[name="f.title"]').dispatchEvent('input');
  await page.waitForFunction(() => document.getElementById('bantin-problem-title').innerText.includes('title'), null, { timeout: 10000 });
  result.titleProblem = await page.locator('#bantin-problem-title').innerText();
  result.titleInvalid = await page.locator('input[name="f.title"]').getAttribute('aria-invalid');
  await page.locator('input[name="f.title"]').fill('Tiêu đề gõ trong studio');
  await page.locator('input[name="f.title"]').dispatchEvent('input');
  await page.waitForFunction(() => document.getElementById('bantin-problem-title').innerText === '', null, { timeout: 10000 });

  // The toolbar: a link to another item picked by its title, written relative to this file.
  await page.locator('textarea[name="body"]').focus();
  await page.keyboard.press('Control+End');
  await page.locator('#bantin-toolbar input[data-tool="link"]').fill('articles/ban-tin-khac.md');
  await page.locator('#bantin-toolbar input[data-tool="link"]').dispatchEvent('change');
  await page.locator('#bantin-toolbar button[data-tool="bold"]').click();
  result.bodyAfterToolbar = await page.locator('textarea[name="body"]').inputValue();

  await page.locator('form.fields button.save').click();
  await page.locator('.saved').waitFor({ timeout: 10000 });
  result.saved = await page.locator('.saved').innerText();

  // A picture: chosen, described, put in the text; the item becomes a bundle.
  await page.locator('#bantin-picture-file').setInputFiles(picture);
  await page.locator('#bantin-picture-alt').fill('Người dân làm đường');
  await page.locator('#bantin-picture button[data-use="text"]').click();
  await page.waitForFunction(() => document.getElementById('bantin-picture-status').innerText.length > 0, null, { timeout: 10000 });
  result.pictureStatus = await page.locator('#bantin-picture-status').innerText();
  result.pathAfterPicture = await page.locator('form.fields input[name="path"]').inputValue();
  await page.waitForFunction(() => {
    const doc = document.getElementById('bantin-preview').contentDocument;
    const img = doc && doc.querySelector('img[alt="Người dân làm đường"]');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 15000, polling: 50 });
  await page.locator('form.fields button.save').click();
  await page.locator('.saved').waitFor({ timeout: 10000 });
  result.scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await browser.close();
}
