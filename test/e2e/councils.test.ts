// The councils page (/kommunar) end to end, in real Chromium and Firefox against the real service,
// as a reader without script uses it: the page carries no script at all and is driven with
// JavaScript turned off where the driver can (Chromium; Firefox's WebDriver BiDi cannot, and the
// page has nothing to run there either). axe finds nothing in bokmål and nynorsk; a header link
// sorts; typing a Sámi name and pressing Enter searches; all of it by keyboard; at 320 px only the
// tables scroll, in their own focusable regions, never the page.
// SCREENSHOTS=1 also writes docs/screenshot-councils.png (Chromium).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { axeViolations, engines, launchers } from './browsers.js';
import {
  ADMIN_TOKEN,
  approveNames,
  linkIn,
  post,
  pressButtonBehind,
  signer,
  startService,
  type Service,
} from '../../server/test/harness.js';

/** The table's rows as a reader sees them: council, and the number who joined. */
const tableRows = (page: Page) =>
  page.$$eval('table.councils tbody tr', (rows) =>
    rows.map((row) => [
      row.querySelector('th')?.textContent.trim() ?? '',
      Number(row.querySelector('td.num')?.textContent.replace(/\s/g, '') ?? NaN),
    ]),
  );

/** Where a reader is after a page loads: the focused element's id, and the page's title. */
const landing = (page: Page) =>
  page.evaluate(() => ({ focus: document.activeElement?.id ?? '', title: document.title }));

/** The element that has focus: its tag, id or text, and whether a focus ring is drawn. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: el?.textContent.trim() ?? '',
      ring: !!style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });

/** Presses Tab (or Shift+Tab) until `ok` says the focus is where it should be; fails after `max` presses. */
async function tabTo(
  page: Page,
  ok: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  what: string,
  { back = false, max = 60 } = {},
) {
  for (let i = 0; i < max; i++) {
    if (back) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (back) await page.keyboard.up('Shift');
    const f = await focused(page);
    if (ok(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

for (const engine of engines) {
  describe(`the councils page in ${engine}`, { timeout: 120_000 }, () => {
    let browser: Browser;
    let service: Service;
    let scriptOff = false;

    before(async () => {
      [browser, service] = await Promise.all([launchers[engine](), startService()]);
      const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
      for (const adoption of [
        { municipality: '4601', date: '2024-03-12', link: 'https://www.bergen.kommune.no/politikk/vedtak' },
        { municipality: '5612', date: '2024-02-01', link: 'https://www.kautokeino.kommune.no/vedtak' },
        { municipality: '03', date: '2023-11-20' },
      ]) {
        assert.equal((await post(`${service.url}/api/admin/adoptions`, adoption, admin)).status, 201);
      }
      const people = [
        { name: 'Kari Nordmann', municipality: '4601', showName: true },
        { name: 'Per Hansen', municipality: '4601', role: 'candidate', showName: true },
        { name: 'Ola Vestli', municipality: '4601' },
        { name: 'Ánne Márjá Sara', municipality: '5612', showName: true },
        { name: 'Nils Somby', municipality: '5612' },
        { name: 'Ingrid Berg', municipality: '46', showName: true },
        { name: 'Jonas Lie', municipality: '0301' },
      ];
      for (const [i, person] of people.entries()) {
        assert.equal((await post(`${service.url}/api/signatures`, signer(`e2e${i}`, person))).status, 202);
        const mail = await service.mail.mailTo(`ola.e2e${i}@example.no`);
        assert.ok((await pressButtonBehind(linkIn(mail, 'confirm'))).ok);
      }
      // KS has checked the names, so the page shows them.
      assert.equal(await approveNames(service.url), 4);
    });
    after(async () => {
      await browser.close();
      await service.dispose();
    });

    /**
     * Opens the page with JavaScript off where the driver can turn it off; axe needs it on (it is
     * the driver's script, not the page's).
     */
    async function open(query = '', width = 1280, { axe = false } = {}) {
      const page = await browser.newPage();
      if (!axe) {
        try {
          await page.setJavaScriptEnabled(false);
          scriptOff = true;
        } catch {
          scriptOff = false;
        }
      }
      await page.setViewport({ width, height: 900 });
      const res = await page.goto(`${service.url}/kommunar${query}`);
      assert.equal(res?.status(), 200);
      // Nothing to run in any case.
      assert.equal(await page.$$eval('script', (s) => s.length), 0);
      return page;
    }

    test('axe finds nothing, in bokmål and in nynorsk, with a search and a names list open', async () => {
      for (const query of ['', '?lang=nn', '?q=Bergen', '?lang=nn&q=Atlantis']) {
        const page = await open(query, 1280, { axe: true });
        await page.$$eval('details', (all) => {
          all.forEach((d) => (d.open = true));
        });
        assert.deepEqual(await axeViolations(page), [], query || '(default)');
        await page.close();
      }
    });

    test('a header link sorts the table, and says so', async () => {
      const page = await open();
      assert.equal(await page.$eval('th[aria-sort]', (th) => th.textContent.trim()), 'Kommune▲');
      await Promise.all([page.waitForNavigation(), page.click('::-p-aria([name="Har sluttet seg til"][role="link"])')]);
      assert.match(page.url(), /\?sort=signers&order=desc#councils-table$/);
      // The reader lands on the table, whose caption says the order, as the title does.
      assert.deepEqual(await landing(page), {
        focus: 'councils-table',
        title:
          'Kommuner og fylkeskommuner i Valgløftet 2023, sortert etter hvor mange som har sluttet seg til, flest først',
      });
      assert.deepEqual(
        await page.$eval('th[aria-sort]', (th) => [th.textContent.trim(), th.getAttribute('aria-sort')]),
        ['Har sluttet seg til▼', 'descending'],
      );
      const rows = await tableRows(page);
      assert.deepEqual(rows.slice(0, 2), [
        ['Bergen', 3],
        ['Guovdageaidnu – Kautokeino', 2],
      ]);
      // Again: the other way round.
      await Promise.all([page.waitForNavigation(), page.click('th[aria-sort] a')]);
      assert.match(page.url(), /order=asc/);
      assert.equal((await tableRows(page)).at(-1)?.[0], 'Bergen');
      await page.close();
    });

    test('by keyboard only: type a Sámi name, press Enter, open the names, sort', async () => {
      const page = await open('?lang=nn');
      const search = await tabTo(page, (f) => f.id === 'q', 'the search field');
      assert.ok(search.ring, 'the search field shows its focus');
      await page.keyboard.type('Guovdageaidnu');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match(page.url(), /\?lang=nn&q=Guovdageaidnu#hits$/);
      assert.deepEqual(await landing(page), {
        focus: 'hits',
        title: '1 treff for «Guovdageaidnu» – Kommunar og fylkeskommunar i Valgløftet 2023',
      });
      assert.equal(await page.$eval('#hits', (p) => p.textContent.trim()), '1 treff for «Guovdageaidnu» Vis alle');
      assert.deepEqual(await tableRows(page), [['Guovdageaidnu – Kautokeino', 2]]);
      // The names: Tab to the summary, Enter opens it.
      const summary = await tabTo(page, (f) => f.tag === 'summary', 'the names');
      assert.ok(summary.ring, 'the summary shows its focus');
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('details', (d) => d.open), true);
      assert.equal(await page.$eval('details li', (li) => li.textContent), 'Ánne Márjá Sara, folkevald');
      // Back up to the "Har slutta seg til" header and sort by it, keeping the search and the language.
      const header = await tabTo(page, (f) => f.text.startsWith('Har slutta seg til'), 'the signers header', {
        back: true,
      });
      assert.ok(header.ring, `the header link shows its focus: ${JSON.stringify(header)}`);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match(page.url(), /\?lang=nn&sort=signers&order=desc&q=Guovdageaidnu#councils-table$/);
      assert.equal((await landing(page)).focus, 'councils-table');
      assert.equal(await page.$eval('th[aria-sort]', (th) => th.getAttribute('aria-sort')), 'descending');
      await page.close();
    });

    test('at 320 px the page does not scroll sideways; the tables scroll in their own regions', async () => {
      for (const query of ['', '?lang=nn']) {
        const page = await open(query, 320);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
          regions: [...document.querySelectorAll<HTMLElement>('.table-scroll')].map((r) => ({
            scrolls: r.scrollWidth > r.clientWidth,
            tabindex: r.getAttribute('tabindex'),
            role: r.getAttribute('role'),
            label: document.getElementById(r.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
          })),
        }));
        assert.ok(widths.page <= widths.view, `${query}: the page is ${widths.page} px wide in ${widths.view}`);
        assert.equal(widths.regions.length, 2);
        for (const region of widths.regions) {
          assert.equal(region.tabindex, '0');
          assert.equal(region.role, 'region');
          assert.ok(region.label, 'the region is named by its caption');
        }
        assert.ok(widths.regions[1].scrolls, 'the councils table scrolls in its region');
        await page.close();
      }
      console.log(
        `# ${engine}: JavaScript ${scriptOff ? 'turned off' : 'on (the driver cannot turn it off); the page has no script'}`,
      );
    });

    if (engine === 'chromium' && process.env.SCREENSHOTS === '1') {
      test('screenshot: docs/screenshot-councils.png', async () => {
        // Sorted by signers, so the councils with names come first; their names open (by keyboard
        // it is Enter on each; the driver opens them here with script, which the page never needs).
        const page = await open('?sort=signers&order=desc', 1280, { axe: true });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        await page.setViewport({ width: 1100, height: 1700, deviceScaleFactor: 1 });
        await page.$$eval('#k4601 details, #k5612 details', (all) => {
          all.forEach((d) => (d.open = true));
        });
        await page.screenshot({ path: 'docs/screenshot-councils.png' });
        await page.close();
      });
    }
  });
}
