// video_card.mjs SITE_DIR PAGE_PATH TOOLS_NODE_MODULES
// Serves SITE_DIR on 127.0.0.1 and opens PAGE_PATH in headless Chromium at 360 px, with every
// request that leaves the computer aborted and counted. Prints one JSON line: the requests
// and `src` attributes pointing away from 127.0.0.1 before any tap, the cards, axe-core's
// violations, what a tap on the first card made (the player's address, its title, the
// requests it started), and, with JavaScript off, where the tap leads.
import { join } from 'node:path';
import { serve } from './static_server.mjs';
import { createRequire } from 'node:module';

const [site, path, modules] = process.argv.slice(2);
const { chromium } = createRequire(join(modules, 'playwright-core', 'package.json'))('playwright-core');
const axe = join(modules, 'axe-core', 'axe.min.js');
const server = await serve(site);
const url = `${server.origin}${path}`;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const result = {};
const away = [];
const block = async (ctx) => ctx.route('**/*', (route) => {
  const host = new URL(route.request().url()).hostname;
  if (host === '127.0.0.1') return route.continue();
  away.push(route.request().url());
  return route.abort();
});
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await block(ctx);
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  result.awayBeforeTap = [...away];
  result.awaySources = await page.evaluate(() => [...document.querySelectorAll('[src],[srcset],[data],[poster]')]
    .flatMap((e) => ['src', 'srcset', 'data', 'poster'].map((a) => e.getAttribute(a)).filter(Boolean))
    .filter((v) => /^(https?:)?\/\//.test(v) && !v.includes('127.0.0.1')));
  result.iframesBeforeTap = await page.locator('iframe').count();
  result.cards = await page.evaluate(() => [...document.querySelectorAll('.video-card')].map((c) => ({
    title: c.querySelector('.video-card-title').textContent,
    href: c.querySelector('a').getAttribute('href'),
    width: Math.round(c.getBoundingClientRect().width),
    height: Math.round(c.querySelector('a').getBoundingClientRect().height),
  })));
  result.pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.addScriptTag({ path: axe });
  result.axe = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  await page.locator('.video-card-link').first().tap();
  const frame = page.locator('.video-card iframe').first();
  await frame.waitFor({ state: 'attached', timeout: 5000 });
  result.player = await frame.getAttribute('src');
  result.playerTitle = await frame.getAttribute('title');
  result.focused = await page.evaluate(() => document.activeElement && document.activeElement.tagName);
  await page.waitForTimeout(300);
  result.awayAfterTap = away.slice(result.awayBeforeTap.length);
  result.url = page.url();
  // Without JavaScript the card is a plain link to the video.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const before = away.length;
  await block(plain);
  const noJs = await plain.newPage();
  await noJs.goto(url, { waitUntil: 'load' });
  result.noJsAwayBeforeTap = away.length - before;
  const [request] = await Promise.all([
    noJs.waitForEvent('request', (r) => !r.url().includes('127.0.0.1')),
    noJs.locator('.video-card-link').first().click(),
  ]);
  result.noJsFollows = request.url();
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
