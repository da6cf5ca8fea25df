// Takes the README's screenshots of the running demo in headless Chromium (Debian's).
// Usage: npm start (in another shell), then: node scripts/screenshot.mjs [url]
import puppeteer from 'puppeteer-core';

const url = process.argv[2] ?? 'http://localhost:8787/';
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [name, width, height, scheme] of [
    ['docs/screenshot.png', 1280, 1500, 'light'],
    ['docs/screenshot-phone-nn.png', 360, 1400, 'dark'],
  ]) {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    if (width < 600) await page.evaluate(() => document.querySelector('#nn')?.scrollIntoView());
    await page.screenshot({ path: name });
    console.log(`${name}${problems.length ? `  problems: ${problems.join(' | ')}` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
}
