// 2. Render cost and 3. layout stability, in headless Chromium (Debian's), cold cache each time.
//
// The same article page twice: once with the widget (the README's embed: the ES module and one
// element), once with the very same content as static HTML: the widget's rendered shadow DOM and
// its styles, copied out of a rendered widget. "Pledge text painted" is Largest Contentful Paint,
// whose element on both pages is a paragraph of the pledge. Script time is Chromium's own
// ScriptDuration for the page. CLS sums every layout shift while the count arrives 1.5 s late. A
// third page points the widget at a count endpoint that never answers: the pledge must paint as
// soon as with a healthy one.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../scripts/chromium.mjs';
import { staticTwin } from './static-twin.mjs';
import { median } from './stats.mjs';

const COUNT = JSON.stringify({ signatures: 12345, councils: 56, updatedAt: '2026-11-26T12:00:00.000Z' });

const page = (body, head = '') => `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Valgløftet 2023 – Eksempel kommune</title>
<style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5}main{max-width:48rem;margin:0 auto;padding:1rem}</style>
${head}</head>
<body><header><p>Eksempel kommune</p></header><main><h1>Kommunestyret har sluttet seg til Valgløftet 2023</h1>
<p>Her kan du lese løftet og se hvor mange folkevalgte og kandidater som har sluttet seg til.</p>
${body}
</main></body></html>`;

async function startPages() {
  const bundle = await readFile(new URL('../dist/ks-valgloftet.js', import.meta.url));
  const pages = new Map([
    [
      '/widget.html',
      page('<ks-valgloftet api="/api"></ks-valgloftet>', '<script type="module" src="/ks-valgloftet.js"></script>'),
    ],
    [
      '/late-count.html',
      page(
        '<ks-valgloftet api="/slow-api"></ks-valgloftet>',
        '<script type="module" src="/ks-valgloftet.js"></script>',
      ),
    ],
    [
      '/hung-count.html',
      page(
        '<ks-valgloftet api="/hung-api"></ks-valgloftet>',
        '<script type="module" src="/ks-valgloftet.js"></script>',
      ),
    ],
  ]);
  const hung = new Set();
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/ks-valgloftet.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (path === '/api/count') return res.writeHead(200, { 'content-type': 'application/json' }).end(COUNT);
    if (path === '/slow-api/count') {
      return setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(COUNT), 1500);
    }
    if (path === '/hung-api/count') return hung.add(res); // takes the request and never answers
    if (pages.has(path)) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(path));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    pages,
    close: () => (hung.forEach((res) => res.destroy()), server.close()),
  };
}

// Collected in the page from its first moment: paints and layout shifts, buffered.
const OBSERVE = () => {
  window.__perf = { lcp: 0, lcpTag: '', cls: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__perf.lcp = e.startTime;
      window.__perf.lcpTag = `${e.element?.tagName ?? '(in a shadow root)'} ${e.size}`;
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__perf.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

async function visit(browser, url, settle) {
  const context = await browser.createBrowserContext(); // cold cache, as a first visit
  try {
    const tab = await context.newPage();
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.evaluateOnNewDocument(OBSERVE);
    await tab.goto(url, { waitUntil: 'load' });
    await settle(tab);
    const perf = await tab.evaluate(() => window.__perf);
    const metrics = await tab.metrics();
    return { ...perf, script: metrics.ScriptDuration * 1000 };
  } finally {
    await context.close();
  }
}

const countShown = (tab) =>
  tab.waitForFunction(() => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('[data-state="ok"]'), {
    timeout: 10_000,
  });
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function browserBench({ runs = 9 } = {}) {
  const executablePath = chromiumPath();
  const server = await startPages();
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  try {
    // The static twin: the same text and styles without the script.
    const context = await browser.createBrowserContext();
    const tab = await context.newPage();
    await tab.goto(`${server.url}/widget.html`);
    await countShown(tab);
    const twin = await staticTwin(tab);
    await context.close();
    server.pages.set('/static.html', page(twin.body, twin.head));

    const widget = [];
    const hungCount = [];
    const staticHtml = [];
    const cls = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a slow moment of the machine falls on both alike.
      widget.push(
        await visit(browser, `${server.url}/widget.html`, async (t) => (await countShown(t), await pause(300))),
      );
      staticHtml.push(await visit(browser, `${server.url}/static.html`, () => pause(300)));
      hungCount.push(await visit(browser, `${server.url}/hung-count.html`, () => pause(500)));
      if (i < 3)
        cls.push(
          (await visit(browser, `${server.url}/late-count.html`, async (t) => (await countShown(t), await pause(500))))
            .cls,
        );
    }
    return {
      runs,
      widget: {
        lcp: median(widget.map((r) => r.lcp)),
        script: median(widget.map((r) => r.script)),
        lcpTag: widget[0].lcpTag,
      },
      hung: { lcp: median(hungCount.map((r) => r.lcp)) },
      static: {
        lcp: median(staticHtml.map((r) => r.lcp)),
        script: median(staticHtml.map((r) => r.script)),
        lcpTag: staticHtml[0].lcpTag,
      },
      cls: Math.max(...cls),
      version: await browser.version(),
    };
  } finally {
    await browser.close();
    server.close();
  }
}
