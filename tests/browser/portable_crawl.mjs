// portable_crawl.mjs START_FILE PLAYWRIGHT_CORE_DIR [MAX_PAGES]
// Opens START_FILE (an index.html of a portable build) from disk (file://) in headless
// Chromium and follows the site's own links breadth first, up to MAX_PAGES pages. For each
// page: did it load, and did every stylesheet it links load? Prints
// one JSON line: {pages: [{path, ok, styled}], broken: [...]}.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [start, pwDir, max = '120'] = process.argv.slice(2);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const root = pathToFileURL(start).href.replace(/index\.html$/, '');
const result = { pages: [], broken: [] };
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
  const queue = [pathToFileURL(start).href];
  const seen = new Set(queue);
  while (queue.length && result.pages.length < Number(max)) {
    const url = queue.shift();
    let ok = false;
    try {
      const response = await page.goto(url, { waitUntil: 'load' });
      ok = response === null || response.ok();
    } catch (e) {
      result.broken.push({ url, error: String(e) });
      continue;
    }
    // Every stylesheet link loaded (a sheet that failed to load has no .sheet).
    const styled = await page.evaluate(() => {
      const links = [...document.querySelectorAll('link[rel=stylesheet]')];
      return links.length > 0 && links.every((l) => l.sheet !== null);
    });
    result.pages.push({ path: url.slice(root.length), ok, styled, title: await page.title() });
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const link of links) {
      const clean = link.split('#')[0];
      if (clean.startsWith(root) && clean.endsWith('.html') && !seen.has(clean)) {
        seen.add(clean);
        queue.push(clean);
      }
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
