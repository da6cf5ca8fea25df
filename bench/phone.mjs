// 6. The widget as a reader on a slow phone meets it: Chromium with Slow-4G network conditions
// (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up: CDP Network.emulateNetworkConditions) and a
// 4× slower CPU (Emulation.setCPUThrottlingRate), a phone's window, a cold cache each visit.
//
// Two origins, as on a real site: the host's article page on one loopback port, the signature
// service (the real one, in its own process, as `npm start` runs it: the script, the reserve
// stylesheet, the count, the form's list) on another. The pages, each with the same article and
// the same content below the widget:
// - static: the widget's rendered shadow DOM and styles as plain HTML (the text's best case);
// - embed: the README's embed, the reserve stylesheet, the script and the element;
// - embed without the reserve: the script and the element alone (for the layout shift);
// - server-rendered: the output of the service's GET /api/markup and the loader that brings the
//   script after the first paint (when the service has that endpoint; otherwise the row says so);
// - the embed page (GET /embed) as its frame loads it, against its own static twin (the card as the
//   embed page shows it, the text behind its disclosure) on a page of its own.
// Per visit: when the pledge text painted (Largest Contentful Paint), the layout shift from
// navigation (content below the widget), the blocking time (long tasks beyond 50 ms), the bytes of
// every request to the service's origin (CDP Network.loadingFinished encodedDataLength: on the
// wire, headers included), and, on the embed, the time from intent (the pointer entering "Slutt
// deg til løftet") to the form being usable (its name field there and taking focus).
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../scripts/chromium.mjs';
import { startServiceProcess } from '../test/support/service-process.mjs';
import { staticTwin } from './static-twin.mjs';
import { median } from './stats.mjs';

export const SLOW_PHONE = {
  network: { download: 1_600_000 / 8, upload: 750_000 / 8, latency: 150 },
  cpu: 4,
  viewport: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: false },
};

const BELOW = Array.from(
  { length: 6 },
  (_, i) =>
    `<h2>Sak ${i + 1} fra kommunestyret</h2><p>Kommunestyret behandlet saken i sitt møte og vedtok innstillingen. ` +
    'Saksdokumentene ligger i innsynsløsningen, og opptak av møtet kan ses i etterkant.</p>',
).join('\n');

const hostPage = (widget, head = '') => `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Valgløftet 2023 – Eksempel kommune</title>
<style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5}main{max-width:48rem;margin:0 auto;padding:1rem}</style>
${head}</head>
<body><header><p>Eksempel kommune</p></header><main><h1>Valgløftet 2023</h1>
${widget}
${BELOW}
</main></body></html>`;

/**
 * The server-rendered markup of the widget, from the service's GET /api/markup (or from the URL in
 * BENCH_MARKUP_URL, say another branch's service: `…/api/markup?lang=nb`); null while there is no
 * such endpoint, and the row says so.
 */
export async function serverMarkup(service, lang = 'nb') {
  try {
    const answer = await fetch(process.env.BENCH_MARKUP_URL ?? `${service.url}/api/markup?lang=${lang}`);
    if (!answer.ok) return null;
    const markup = await answer.text();
    return markup.includes('ks-valgloftet') ? markup : null;
  } catch {
    return null;
  }
}

async function startHost(pages) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (pages.has(path)) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(path));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

// In the page from its first moment: paints, shifts and long tasks, buffered.
const OBSERVE = () => {
  window.__perf = { fcp: 0, lcp: 0, lcpSize: 0, cls: 0, tbt: 0, longest: 0, defined: 0 };
  customElements.whenDefined('ks-valgloftet').then(() => (window.__perf.defined = performance.now()));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__perf.lcp = e.startTime;
      window.__perf.lcpSize = e.size;
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    // Every shift: the bench gives no input before it reads them (Chromium here marks a page's
    // first shifts as after input when the previous context had a click).
    for (const e of list.getEntries()) window.__perf.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__perf.tbt += Math.max(0, e.duration - 50);
      window.__perf.longest = Math.max(window.__perf.longest, e.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
};

/** The first element in the document or any open shadow root inside it that matches. */
const DEEP_FIND = `(function find(root, test) {
  for (const el of root.querySelectorAll('*')) {
    if (test(el)) return el;
    if (el.shadowRoot) {
      const inner = find(el.shadowRoot, test);
      if (inner) return inner;
    }
  }
  return null;
})`;

const settled = (tab, counter = true) =>
  tab.waitForFunction(
    (counter) => {
      const root = document.querySelector('ks-valgloftet')?.shadowRoot;
      if (!root) return false;
      return !counter || root.querySelector('[part="counter"]')?.getAttribute('data-state') === 'ok';
    },
    { timeout: 60_000, polling: 100 },
    counter,
  );
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One cold visit on the slow phone. `origin` is the service's: its requests' bytes are summed. */
async function visit(browser, url, origin, { widget = true, intent = false } = {}) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setViewport(SLOW_PHONE.viewport);
    await tab.emulateNetworkConditions(SLOW_PHONE.network); // CDP Network.emulateNetworkConditions
    await tab.emulateCPUThrottling(SLOW_PHONE.cpu); // CDP Emulation.setCPUThrottlingRate
    const cdp = await tab.createCDPSession();
    const urls = new Map();
    const bytes = new Map();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => {
      const u = urls.get(e.requestId);
      if (u?.startsWith(origin)) bytes.set(u, (bytes.get(u) ?? 0) + e.encodedDataLength);
    });
    await cdp.send('Network.enable');
    await tab.evaluateOnNewDocument(OBSERVE);
    await tab.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (widget) await settled(tab);
    await pause(1000); // a late shift or long task still lands in the figures
    const perf = await tab.evaluate(() => window.__perf);
    const result = { ...perf, bytes: Object.fromEntries(bytes) };
    if (process.env.BENCH_DEBUG) console.error(url, JSON.stringify(result));
    if (intent) result.intent = await intentToForm(tab);
    return result;
  } finally {
    await context.close();
  }
}

/**
 * The pointer enters the call to action and presses it at once (no head start from lingering);
 * the clock runs from the pointer's entry to the name field being in the form and taking focus.
 */
async function intentToForm(tab) {
  await tab.evaluate((deepFind) => {
    const find = eval(deepFind); // a string of this file's own code, evaluated in the bench's page
    const button = find(document, (el) => el.tagName === 'BUTTON' && el.textContent.includes('Slutt deg til løftet'));
    window.__intent = { start: 0, ready: 0 };
    button.addEventListener('pointerenter', (e) => (window.__intent.start ||= e.timeStamp), { once: true });
    const poll = () => {
      const field = find(document, (el) => el.tagName === 'INPUT' && el.getAttribute('autocomplete') === 'name');
      if (field) {
        field.focus();
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        if (active === field) {
          window.__intent.ready = performance.now();
          return;
        }
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, DEEP_FIND);
  const button = await tab.evaluateHandle(
    (deepFind) =>
      eval(deepFind)(document, (el) => el.tagName === 'BUTTON' && el.textContent.includes('Slutt deg til løftet')),
    DEEP_FIND,
  );
  await button.hover();
  await button.click();
  await tab.waitForFunction(() => window.__intent.ready > 0, { timeout: 60_000, polling: 100 });
  return tab.evaluate(() => window.__intent.ready - window.__intent.start);
}

/** The static twin of the embed, rendered on the phone's viewport: `{ head, body }` (`options`: staticTwin's). */
async function staticPage(browser, url, options) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setViewport(SLOW_PHONE.viewport);
    await tab.goto(url);
    await settled(tab);
    return await staticTwin(tab, options);
  } finally {
    await context.close();
  }
}

const sum = (record) => Object.values(record).reduce((a, b) => a + b, 0);

export async function phoneBench({ runs = 5 } = {}) {
  const service = await startServiceProcess();
  const script = `<script type="module" src="${service.url}/ks-valgloftet.js"></script>`;
  const reserve = `<link rel="stylesheet" href="${service.url}/ks-valgloftet.css">`;
  const element = '<ks-valgloftet lang="nb"></ks-valgloftet>';
  const pages = new Map([
    ['/embed.html', hostPage(element, `${reserve}\n${script}`)],
    ['/embed-no-reserve.html', hostPage(element, script)],
  ]);
  const markup = await serverMarkup(service, 'nb');
  // As the README tells a page with the markup: the loader, which starts the script once the page has painted.
  const loader = `<script src="${service.url}/ks-valgloftet-loader.js" defer></script>`;
  if (markup) pages.set('/server-rendered.html', hostPage(markup, loader));
  const host = await startHost(pages);
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const twin = await staticPage(browser, `${host.url}/embed.html`);
    pages.set('/static.html', hostPage(twin.body, twin.head));
    // The embed page (GET /embed) as its frame loads it, against its own twin (the card as the
    // embed page shows it, its text behind a disclosure) on a page of its own.
    const framePage = `${service.url}/embed?lang=nb`;
    const hasFramePage = (await fetch(framePage)).ok;
    const frameTwin = hasFramePage ? await staticPage(browser, framePage, { page: true }) : twin;
    pages.set(
      '/static-frame.html',
      `<!doctype html>\n<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>Valgløftet 2023 – KS</title><style>body{margin:0;font-family:system-ui,sans-serif}</style>${frameTwin.head}</head>` +
        `<body>${frameTwin.body}</body></html>`,
    );
    const seen = { static: [], embed: [], bare: [], ssr: [], frame: [], staticFrame: [] };
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a slow moment of the machine falls on every page alike.
      seen.static.push(await visit(browser, `${host.url}/static.html`, service.url, { widget: false }));
      seen.embed.push(await visit(browser, `${host.url}/embed.html`, service.url, { intent: true }));
      seen.bare.push(await visit(browser, `${host.url}/embed-no-reserve.html`, service.url));
      if (markup) seen.ssr.push(await visit(browser, `${host.url}/server-rendered.html`, service.url));
      if (hasFramePage) {
        seen.frame.push(await visit(browser, framePage, service.url));
        seen.staticFrame.push(await visit(browser, `${host.url}/static-frame.html`, service.url, { widget: false }));
      }
    }
    const med = (list, pick) => median(list.map(pick));
    const firstBytes = seen.embed[0].bytes;
    return {
      runs,
      static: {
        lcp: med(seen.static, (r) => r.lcp),
        tbt: med(seen.static, (r) => r.tbt),
        lcpSize: seen.static[0].lcpSize,
      },
      embed: {
        lcp: med(seen.embed, (r) => r.lcp),
        lcpSize: seen.embed[0].lcpSize,
        cls: Math.max(...seen.embed.map((r) => r.cls)),
        tbt: med(seen.embed, (r) => r.tbt),
        longest: Math.max(...seen.embed.map((r) => r.longest)),
        intent: med(seen.embed, (r) => r.intent),
        bytes: med(seen.embed, (r) => sum(r.bytes)),
        files: Object.fromEntries(Object.entries(firstBytes).map(([u, b]) => [new URL(u).pathname, b])),
      },
      bare: { cls: Math.max(...seen.bare.map((r) => r.cls)), clsMedian: med(seen.bare, (r) => r.cls) },
      frame: hasFramePage
        ? {
            lcp: med(seen.frame, (r) => r.lcp),
            static: med(seen.staticFrame, (r) => r.lcp),
            cls: Math.max(...seen.frame.map((r) => r.cls)),
          }
        : null,
      ssr: markup
        ? {
            lcp: med(seen.ssr, (r) => r.lcp),
            lcpSize: seen.ssr[0].lcpSize,
            cls: Math.max(...seen.ssr.map((r) => r.cls)),
          }
        : null,
    };
  } finally {
    await browser.close();
    host.close();
    await service.stop();
  }
}
