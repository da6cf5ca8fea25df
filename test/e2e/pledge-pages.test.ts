// The pledge pages (/valgloftet, /valgloftet/nn), the address an editor shares, in real Chromium and
// Firefox against the real service, on the service's one look: the site's header with the other
// language, the card in main, the builder's link in the footer. axe finds nothing in either
// language, with or without a colour asked for, and nothing scrolls sideways at 320 px, with or
// without a reader's text spacing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { axeViolations, byRole, engines, launchers, reflowAt320 } from './browsers.js';
import { startService, type Service } from '../../server/test/harness.js';

const PAGES = [
  { path: '/valgloftet', lang: 'nb', other: 'Les på nynorsk', builder: 'Vis Valgløftet på nettstedet ditt' },
  { path: '/valgloftet/nn', lang: 'nn', other: 'Les på bokmål', builder: 'Vis Valgløftet på nettstaden din' },
  {
    path: '/valgloftet?accent=%23aa0000',
    lang: 'nb',
    other: 'Les på nynorsk',
    builder: 'Vis Valgløftet på nettstedet ditt',
  },
] as const;

for (const engine of engines) {
  describe(`the pledge pages in ${engine}`, { timeout: 120_000 }, () => {
    let browser: Browser;
    let service: Service;
    before(async () => {
      [browser, service] = await Promise.all([launchers[engine](), startService()]);
    });
    after(async () => {
      await browser.close();
      await service.dispose();
    });

    for (const { path, lang, other, builder } of PAGES) {
      test(`${path}: header, card and footer on the one look; axe finds nothing; nothing scrolls sideways at 320 px`, async () => {
        const page = await browser.newPage();
        try {
          await page.setViewport({ width: 1280, height: 900 });
          await page.goto(`${service.url}${path}`, { waitUntil: 'networkidle0' });
          assert.equal(await page.$eval('html', (h) => h.lang), lang);
          // The one stylesheet, and the card painted from its own markup.
          assert.match(
            await page.$eval('link[rel="stylesheet"]', (l) => l.getAttribute('href') ?? ''),
            /^\/look-[\w-]{12}\.css$/,
          );
          const banner = await byRole(page, 'banner');
          const link = await byRole(page, 'link', other, banner);
          assert.equal(await link.evaluate((a) => a.getAttribute('hreflang')), lang === 'nn' ? 'nb' : 'nn');
          await byRole(page, 'main');
          await byRole(page, 'link', builder, await byRole(page, 'contentinfo'));
          assert.ok(
            await page.$eval('ks-valgloftet', (el) => el.shadowRoot?.querySelector('h2')?.textContent),
            'the card has its heading',
          );
          assert.deepEqual(await axeViolations(page), [], path);
          for (const r of await reflowAt320(page)) {
            assert.ok(r.page <= r.window, `${path}${r.spacing ? ' (text spacing)' : ''}: ${r.page} px in ${r.window}`);
          }
        } finally {
          await page.close();
        }
      });
    }
  });
}
