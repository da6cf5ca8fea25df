// Server-rendered markup, pixel for pixel: a host page on its own origin includes the body of
// GET /api/markup (the real service, the built renderer) under the strict CSP with the style hash
// the service gave, and the built module, which the host holds back. A screenshot while the script
// is held, and one once it has run and rendered: the same pixels, and no layout shift reported.
// (The element renders over the declarative shadow root in one task: test/ssr.test.ts checks text
// and boxes in three engines; this checks the picture in Chromium and Firefox.)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { engines, launchers } from './browsers.js';
import { hostCsp } from '../../contract/host-csp.js';
import { startService, type Service } from '../../server/test/harness.js';

interface Host {
  url: string;
  server: Server;
  /** Lets the held script (and, at the end, the held count) go. */
  release: () => void;
  releaseCount: () => void;
}

/** A promise that settles when `open` is called. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

async function startHost(service: Service, lang: 'nb' | 'nn'): Promise<Host> {
  const bundle = await readFile(new URL('../../dist/ks-valgloftet.js', import.meta.url), 'utf8');
  const script = gate();
  const count = gate();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path === '/ks-valgloftet.js') {
      void script.opened.then(() =>
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle),
      );
      return;
    }
    if (path === '/api/count') {
      void count.opened.then(() =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"signatures":2023,"councils":41,"updatedAt":null}'),
      );
      return;
    }
    if (path !== '/') return res.writeHead(404).end();
    const origin = `http://${req.headers.host ?? ''}`;
    void fetch(`${service.url}/api/markup?lang=${lang}&api=${encodeURIComponent(`${origin}/api`)}`).then(
      async (answer) => {
        const styleHashes = (answer.headers.get('ks-valgloftet-style-hash') ?? '').split(' ');
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': hostCsp({ styleHashes }),
        }).end(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Testkommune</title>
<script type="module" src="/ks-valgloftet.js"></script></head>
<body><main><h1>Testkommune</h1>
${await answer.text()}
<p id="below">Meir frå kommunen.</p></main></body></html>`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, server, release: script.open, releaseCount: count.open };
}

for (const engine of engines) {
  describe(`server-rendered markup in ${engine}`, { timeout: 60_000 }, () => {
    let service: Service;
    let browser: Browser;
    before(async () => {
      service = await startService();
      browser = await launchers[engine]();
    });
    after(async () => {
      await browser.close();
      await service.dispose();
    });

    for (const lang of ['nb', 'nn'] as const) {
      test(`${lang}: the same pixels just before and just after the script runs`, async () => {
        const host = await startHost(service, lang);
        const page = await browser.newPage();
        try {
          await page.setViewport({ width: 800, height: 2600 });
          const violations: string[] = [];
          page.on('console', (m) => {
            if (/Content[- ]Security|CSP/i.test(m.text())) violations.push(m.text());
          });
          const loading = page.goto(host.url, { waitUntil: 'load' });
          await page.waitForFunction(() => document.getElementById('below'), { timeout: 10_000 });
          const frames = () =>
            page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await frames();
          const state = () =>
            page.evaluate(() => {
              const widget = document.querySelector<HTMLElement & { hasUpdated?: boolean }>('ks-valgloftet');
              return {
                defined: Boolean(customElements.get('ks-valgloftet')),
                rendered: Boolean(widget?.hasUpdated),
                styled: widget ? getComputedStyle(widget).display : '',
              };
            });
          assert.deepEqual(await state(), { defined: false, rendered: false, styled: 'block' });
          const before = await page.screenshot({ type: 'png' });
          host.release();
          await page.waitForFunction(
            () => document.querySelector<HTMLElement & { hasUpdated?: boolean }>('ks-valgloftet')?.hasUpdated,
            { timeout: 10_000 },
          );
          await frames();
          assert.deepEqual(await state(), { defined: true, rendered: true, styled: 'block' });
          const afterRun = await page.screenshot({ type: 'png' });
          assert.ok(Buffer.from(before).equals(Buffer.from(afterRun)), 'the screenshots differ');
          if (engine === 'chromium') {
            const shift = await page.evaluate(
              () =>
                new Promise<number>((resolve) => {
                  new PerformanceObserver((list) => {
                    resolve(list.getEntries().reduce((sum, e) => sum + (e as unknown as { value: number }).value, 0));
                  }).observe({ type: 'layout-shift', buffered: true });
                  setTimeout(() => {
                    resolve(0);
                  }, 500);
                }),
            );
            assert.equal(shift, 0);
          }
          host.releaseCount();
          await loading;
          assert.deepEqual(violations, []);
        } finally {
          host.release();
          host.releaseCount();
          await page.close();
          host.server.closeAllConnections();
          await new Promise((resolve) => host.server.close(resolve));
        }
      });
    }
  });
}
