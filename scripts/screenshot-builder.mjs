// Takes the embed builder's screenshot (docs/screenshot-builder.png): Chromium, 1280 wide, bokmål,
// an Author in WordPress as the answer, the whole page once the preview has its count.
// Usage: npm start (in another shell), then:
//   node scripts/screenshot-builder.mjs [service url] [file] [query, such as ?lang=nn&have=enonic]
/* global document -- in the page */
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const service = process.argv[2] ?? 'http://localhost:8787';
const path = process.argv[3] ?? 'docs/screenshot-builder.png';
const query = process.argv[4] ?? '?have=wp-author';
const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.goto(`${service}/embed/builder${query}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(
    () =>
      document.querySelector('#preview')?.shadowRoot?.querySelector('[part="counter"]')?.getAttribute('data-state') ===
      'ok',
  );
  await page.screenshot({ path, fullPage: true });
  console.log(`${path}${problems.length ? `  problems: ${problems.join(' | ')}` : ''}`);
} finally {
  await browser.close();
}
