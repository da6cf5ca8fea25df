// Takes the screenshots of a widget whose campaign has closed (issue 27), in bokmål and nynorsk:
// docs/screenshot-closed-nb.png and docs/screenshot-closed-nn.png. Serves dist/ (npm run build
// first) and a count whose campaign, the compiled 2023, closed on 11 September 2023, from a server
// of its own on loopback, and photographs each widget in headless Chromium (Debian's).
// Usage: node scripts/screenshot-closed.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const COUNT = {
  signatures: 4321,
  councils: 87,
  updatedAt: '2023-09-11T21:59:00.000Z',
  campaign: { id: '2023', state: 'closed', opens: '2023-03-01', closes: '2023-09-11' },
};

/** @param {string} lang */
const page = (lang) => `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <title>Valgløftet 2023, avslutta</title>
    <style>body { margin: 0; padding: 24px; font-family: system-ui, sans-serif; background: #fff; }</style>
    <script type="module" src="/dist/ks-valgloftet.js"></script>
  </head>
  <body>
    <ks-valgloftet api="/api" refresh-interval="0"></ks-valgloftet>
  </body>
</html>`;

const server = createServer(async (req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://x');
  if (pathname === '/api/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(COUNT));
  }
  if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(searchParams.get('lang') === 'nn' ? 'nn' : 'nb'));
  }
  if (/^\/dist\/ks-valgloftet[\w.-]*\.js$/.test(pathname)) {
    try {
      const body = await readFile(new URL(`..${pathname}`, import.meta.url));
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(body);
    } catch {
      /* not built */
    }
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  for (const lang of ['nb', 'nn']) {
    const tab = await browser.newPage();
    /** @type {string[]} */
    const problems = [];
    tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    tab.on('pageerror', (e) => problems.push(String(e)));
    await tab.setViewport({ width: 720, height: 900, deviceScaleFactor: 1 });
    await tab.goto(`http://127.0.0.1:${port}/?lang=${lang}`, { waitUntil: 'networkidle0' });
    // The closing line comes with the campaign module; the figures fade in.
    await tab.waitForSelector('ks-valgloftet >>> .when');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const widget = await tab.$('ks-valgloftet');
    const name = `docs/screenshot-closed-${lang}.png`;
    await widget?.screenshot({ path: name });
    console.log(`${name}${problems.length ? `  problems: ${problems.join(' | ')}` : ''}`);
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}
