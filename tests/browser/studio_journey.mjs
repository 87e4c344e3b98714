// studio_journey.mjs STUDIO_URL PLAYWRIGHT_CORE_DIR PICTURE SITE_DIR PDF
// Driven by tests/studio.rs. A new editor's whole task in the studio on a 360 px screen, with
// no terminal: writes an article with a Vietnamese title from the "New item" form, picks its
// locality by typing "ha nam", adds topics, types the text and watches the preview, adds a
// photo, publishes the draft; translates it into English (the original shown beside the
// translation); composes a bulletin of three items, reorders them with the buttons, and prints
// its print edition to the PDF file PDF; meets a conflict when the file changes on disk while
// its form is open; builds and publishes. Prints one JSON line of what it saw.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [studioUrl, pwDir, picture, siteDir, pdf] = process.argv.slice(2);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const watchdog = setTimeout(() => { console.error('studio_journey.mjs: timed out'); process.exit(3); }, 120000);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const result = { outside: [] };
const previewHas = (page, text) => page.waitForFunction((text) => {
  const doc = document.getElementById('bantin-preview').contentDocument;
  return doc && doc.body && doc.body.innerText.includes(text);
}, text, { timeout: 15000, polling: 50 });
async function create(page, title, kind) {
  await page.goto(studioUrl);
  await page.locator('details.new summary').click();
  await page.locator('details.new input[name="title"]').fill(title);
  await page.locator('details.new select[name="kind"]').selectOption(kind);
  await page.locator('details.new button').click();
  await page.locator('form.fields').waitFor();
  return page.locator('form.fields input[name="path"]').inputValue();
}
async function save(page) {
  await page.locator('form.fields button.save').click();
  await page.locator('.saved').waitFor({ timeout: 10000 });
}
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  ctx.setDefaultTimeout(10000);
  const page = await ctx.newPage();
  page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1|about:|data:)/.test(r.url())) result.outside.push(r.url()); });

  // 1. A new article.
  result.article = await create(page, 'Hội nghị dân vận khéo ở Hà Nam', 'article');
  // The locality: the suggestions match "ha nam" typed without tone marks.
  const locality = page.locator('input[name="f.locality"]');
  await locality.pressSequentially('ha nam');
  result.localityChoices = await page.evaluate(() => Array.from(document.querySelectorAll('#bantin-localities option'))
    .filter((o) => (o.label || '').includes('ha nam')).map((o) => o.value + ' = ' + o.label));
  await locality.fill(result.localityChoices.length ? result.localityChoices[0].split(' = ')[0] : '');
  await page.locator('textarea[name="f.topics"]').fill('dân vận khéo\nnông thôn mới');
  await page.locator('[name="f.summary"]').fill('Xã tổ chức hội nghị.');
  const body = page.locator('textarea[name="body"]');
  await body.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Hội nghị bàn cách làm đường liên thôn.\n');
  await previewHas(page, 'Hội nghị bàn cách làm đường liên thôn.');
  await page.locator('#bantin-picture-file').setInputFiles(picture);
  await page.locator('#bantin-picture-alt').fill('Hội nghị ở nhà văn hoá');
  await page.locator('#bantin-picture button[data-use="text"]').click();
  await page.waitForFunction(() => document.getElementById('bantin-picture-status').innerText.length > 0, null, { timeout: 10000 });
  result.article = await page.locator('form.fields input[name="path"]').inputValue();
  // Published from its form: saved without the draft mark.
  await page.locator('form.fields button[name="publish"]').click();
  await page.locator('.saved').waitFor({ timeout: 10000 });
  result.publishButtonAfter = await page.locator('form.fields button[name="publish"]').count();

  // 2. Its English translation, with the original beside it.
  await page.locator('div.translate button').first().click();
  await page.locator('details.original').waitFor();
  result.translation = await page.locator('form.fields input[name="path"]').inputValue();
  result.originalShown = await page.locator('details.original').innerText();
  await page.locator('input[name="f.title"]').fill('A skilled mobilization meeting in Ha Nam');
  await save(page);

  // 3. A bulletin of three items, reordered with the buttons, then printed.
  result.bulletin = await create(page, 'Bản tin tháng Mười hai', 'bulletin');
  const adder = page.locator('input[data-adds]');
  for (const ref of ['articles/hoi-nghi-dan-van-kheo-o-ha-nam', 'articles/mot', 'articles/hai']) {
    await adder.fill(ref);
    await adder.dispatchEvent('change');
  }
  // The last one moved to the top with the keyboard.
  await page.locator('ol.order li').nth(2).locator('button[data-move="up"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  result.focusAfterMoves = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  result.items = await page.locator('textarea[name="f.items"]').inputValue();
  result.orderShown = await page.locator('ol.order li span').allInnerTexts();
  await page.locator('form.fields button[name="publish"]').click();
  await page.locator('.saved').waitFor({ timeout: 10000 });
  const printUrl = await page.locator('a[href$="/print/"]').first().getAttribute('href');
  const print = await ctx.newPage();
  await print.goto(new URL(printUrl, studioUrl).href);
  result.printTitles = await print.locator('article h2, article h1').allInnerTexts();
  await print.pdf({ path: pdf, format: 'A4' });
  await print.close();

  // 4. The file changes on disk while its form is open: a conflict, nothing overwritten.
  await page.goto(studioUrl + 'edit?path=' + encodeURIComponent(result.article));
  const file = join(siteDir, result.article);
  writeFileSync(file, readFileSync(file, 'utf8').replace('Xã tổ chức hội nghị.', 'Sửa bằng tay trên đĩa.'));
  await page.locator('[name="f.author"]').fill('Hà An');
  await page.locator('form.fields button.save').click();
  await page.locator('.conflict').waitFor({ timeout: 10000 });
  result.conflict = await page.locator('main').innerText();

  // 5. Build and publish (this site names no server: "Build the site").
  await page.goto(studioUrl);
  await page.locator('form.publish button').click();
  await page.locator('main [role="status"]').waitFor({ timeout: 30000 });
  result.built = await page.locator('main').innerText();
  result.scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await browser.close();
}
