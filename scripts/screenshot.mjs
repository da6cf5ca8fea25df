// Takes the README's screenshots of the running demo in headless Chromium (Debian's).
// Usage: npm start (in another shell), then: node scripts/screenshot.mjs [url]
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const url = process.argv[2] ?? 'http://localhost:8787/';
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: CHROMIUM_FLAGS,
});
try {
  for (const [name, width, height, scheme] of /** @type {const} */ ([
    ['docs/screenshot.png', 1280, 1500, 'light'],
    ['docs/screenshot-phone-nn.png', 360, 1400, 'dark'],
  ])) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    if (width < 600) await page.evaluate(() => document.querySelector('#nn')?.scrollIntoView());
    await page.screenshot({ path: name });
    console.log(`${name}${problems.length ? `  problems: ${problems.join(' | ')}` : ''}`);
    await page.close();
  }

  // The form, sent empty once with a half-typed municipality: the error summary and the list.
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1200, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'networkidle0' });
  const widget = await page.$('#nb');
  if (!widget) throw new Error('no #nb on the demo page');
  // In the page: the widget's shadow root is open, and what is looked for there is there.
  await widget.evaluate(async (el) => {
    const root = /** @type {ShadowRoot} */ (el.shadowRoot);
    /** @type {HTMLElement} */ (root.querySelector('.join > button')).click();
    while (!root.querySelector('form')) await new Promise((r) => setTimeout(r, 50));
    /** @type {HTMLElement} */ (root.querySelector('form [type="submit"]')).click();
    await /** @type {Element & { updateComplete?: Promise<unknown> }} */ (el).updateComplete;
    const name = /** @type {HTMLInputElement} */ (root.querySelector('#name'));
    name.value = 'Kari Nordmann';
    name.dispatchEvent(new InputEvent('input'));
  });
  await page.focus('#nb');
  await widget.evaluate((el) =>
    /** @type {HTMLElement} */ (/** @type {ShadowRoot} */ (el.shadowRoot).querySelector('#place')).focus(),
  );
  await page.keyboard.type('kar');
  await page.keyboard.press('ArrowDown');
  await widget.evaluate((el) => el.shadowRoot?.querySelector('.join')?.scrollIntoView());
  const box = await widget.evaluate((el) => {
    const r = /** @type {Element} */ (
      /** @type {ShadowRoot} */ (el.shadowRoot).querySelector('.join')
    ).getBoundingClientRect();
    return { x: r.x - 24, y: r.y + window.scrollY - 16, width: r.width + 48, height: r.height + 32 };
  });
  await page.screenshot({ path: 'docs/screenshot-form.png', clip: box, captureBeyondViewport: true });
  console.log('docs/screenshot-form.png');
  await page.close();
} finally {
  await browser.close();
}
