// search.mjs SITE_DIR BASE_PATH PLAYWRIGHT_CORE_DIR STEPS_JSON
// Serves SITE_DIR under BASE_PATH (e.g. /sub/) on 127.0.0.1 and runs STEPS in headless
// Chromium; prints one JSON line: a result per step (with the scripts it fetched), and the
// JavaScript errors and failed requests seen.
// A step is one of:
//   {"type": "...", "page": "search/"}                   types into the search page's box
//   {"type": "...", "page": "search/", "kind": "model"}  the same, with the kind filter set
//   {"type": "...", "page": "", "header": true}          opens the menu, types into the header box, presses Enter
//   {"open": "search/?q=..."}                            opens the page as a link would
//   {"nojs": "search/"}                                  JavaScript off: the page's text and links
//   {"file": "search/index.html", "type": "..."}         the built file opened from disk
//   {"queries": ["...", ...], "page": "search/"}         one page, each query put in the box
//                                                        in turn: the titles found for each
// `page` and `open` are relative to BASE_PATH; `file` to SITE_DIR.
import { join } from 'node:path';
import { serve } from './static_server.mjs';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [site, basePath, pwDir, stepsJson] = process.argv.slice(2);
const steps = JSON.parse(stepsJson);
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const server = await serve(site, basePath);
const origin = server.origin;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const errors = [];
const results = [];

// The results once the status line names the query (or says nothing was found).
async function read(page, query) {
  await page.waitForFunction((q) => {
    const s = document.getElementById('search-status');
    return s && s.textContent.includes(q.trim());
  }, query, { timeout: 10000 });
  return page.evaluate(() => ({
    url: location.href,
    status: document.getElementById('search-status').textContent,
    results: [...document.querySelectorAll('#search-results > li')].map((li) => ({
      title: li.querySelector('.card-title').textContent,
      href: li.querySelector('.card-title a').getAttribute('href'),
      kind: li.querySelector('.kind').textContent,
      date: li.querySelector('.meta')?.textContent ?? null,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      untranslated: li.querySelector('.untranslated')?.textContent ?? null,
    })),
  }));
}

try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  for (const step of steps) {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    // Files that failed, but for the browser's own favicon request and, from disk, the site's
    // root-relative URLs (stylesheet...), which only a later `--portable` build will make relative.
    const expected = (url) => url.endsWith('/favicon.ico') || (step.file && !url.includes('/search'));
    page.on('requestfailed', (r) => { if (!expected(r.url())) errors.push(`${r.url()}: ${r.failure()?.errorText}`); });
    const fetched = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !expected(r.url())) errors.push(`${r.url()}: ${r.status()}`);
      else if (r.url().endsWith('.js')) fetched.push(new URL(r.url()).pathname);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${page.url()}: ${m.text()}`);
    });
    let out;
    if (step.nojs !== undefined) {
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const p = await plain.newPage();
      await p.goto(origin + basePath + step.nojs);
      out = {
        text: await p.evaluate(() => document.querySelector('main').innerText),
        links: await p.evaluate(() => [...document.querySelectorAll('.search-nojs a')].map((a) => a.getAttribute('href'))),
      };
      await plain.close();
    } else if (step.open !== undefined) {
      await page.goto(origin + basePath + step.open);
      out = await read(page, new URL(origin + basePath + step.open).searchParams.get('q'));
    } else if (step.file !== undefined) {
      await page.goto(pathToFileURL(join(site, step.file)).href);
      await page.locator('#search-q').pressSequentially(step.type, { delay: 20 });
      out = await read(page, step.type);
    } else if (step.queries) {
      await page.goto(origin + basePath + step.page);
      out = { found: [] };
      for (const q of step.queries) {
        // The previous answer is cleared first, so that it cannot pass for this one.
        await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
        await page.fill('#search-q', q);
        const r = await read(page, q);
        out.found.push(r.results.map((x) => x.title));
      }
    } else if (step.header) {
      await page.goto(origin + basePath + step.page);
      // How far down the page's own content starts, under the header and the language row.
      const mainTop = await page.evaluate(() => document.querySelector('main').getBoundingClientRect().top);
      // On a phone the header box is in the menu: one tap opens it (no JavaScript needed).
      await page.locator('.header-row a[href="#bantin-menu"]').click();
      await page.locator('.site-search input[name=q]').fill(step.type);
      await Promise.all([page.waitForURL(/\/search\/\?/), page.locator('.site-search input[name=q]').press('Enter')]);
      out = await read(page, step.type);
      out.mainTop = mainTop;
    } else {
      await page.goto(origin + basePath + step.page);
      if (step.kind) await page.selectOption('#search-kind', step.kind);
      await page.locator('#search-q').pressSequentially(step.type, { delay: 20 });
      out = await read(page, step.type);
      out.overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    }
    results.push({ step, ...out, fetched });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({ results, errors }));
