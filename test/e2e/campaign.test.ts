// A second campaign in real browsers against the real service (issue 27): a host page shows the
// fictional Testløftet by its `campaign` attribute, its own words fetched from the service, and
// its count; once KS closes it (the folder changed, the service restarted), the same page shows
// the final figures and the day signing ended, with no call to action, in bokmål and nynorsk;
// and when its retention has ended, the figures stay while the names go.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { axeViolations, engines, launchers } from './browsers.js';
import { hostCsp } from '../../contract/host-csp.js';
import { formatDate } from '../../contract/dates.js';
import { hourly } from '../../server/campaigns/retention.js';
import { campaignsDir, day } from '../../server/test/campaigns-dir.js';
import { linkIn, post, pressButtonBehind, signer, startService, type Service } from '../../server/test/harness.js';

/** A municipal page on its own origin, under its strict CSP, with the service's script and a widget. */
async function startHost(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const service = url.searchParams.get('service') ?? '';
    const lang = url.searchParams.get('lang') === 'nn' ? 'nn' : 'nb';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostCsp({ service }) })
      .end(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Testkommune</title>
<script src="${service}/ks-valgloftet.iife.js" defer></script></head>
<body><main><h1>Testkommune</h1>
<ks-valgloftet campaign="testloftet"></ks-valgloftet>
</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** What the widget shows: its heading, the count, the line under it, whether it offers to join. */
const shown = (page: Page) =>
  page.$eval('ks-valgloftet', (el) => {
    // No function declared in here: the test's compiler would name it with a helper the page lacks.
    const root = el.shadowRoot;
    const [title, count, when] = ['h2', '[part="count"]', '.when'].map(
      (selector) => root?.querySelector(selector)?.textContent.replace(/\s+/g, ' ').trim() ?? '',
    );
    return {
      title,
      count,
      when,
      join: [...(root?.querySelectorAll('button') ?? [])].some((b) => b.textContent.includes('Slutt deg til')),
      page: root?.textContent ?? '',
    };
  });

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, message: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${message} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const engine of engines) {
  describe(`a second campaign in ${engine}`, { timeout: 180_000 }, () => {
    let browser: Browser;
    let host: { url: string; server: Server };
    let dir: string;
    let service: Service;
    /** The first service: its mail server and data folder outlive its restarts, and go last. */
    let first: Service;
    before(async () => {
      dir = await campaignsDir({ opens: day(-10), closes: day(30), retentionDays: 2 });
      [browser, host, service] = await Promise.all([
        launchers[engine](),
        startHost(),
        startService({ CAMPAIGNS_DIR: dir }),
      ]);
      first = service;
    });
    after(async () => {
      await browser.close();
      host.server.closeAllConnections();
      host.server.close();
      if (service !== first) await service.dispose();
      await first.dispose().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });

    const open = async (lang: 'nb' | 'nn') => {
      const page = await browser.newPage();
      await page.goto(`${host.url}/?lang=${lang}&service=${encodeURIComponent(service.url)}`);
      return page;
    };

    test("open: the campaign's own words and count; closed: the final figures and the day it ended; then its names go", async () => {
      // Two confirmed signatures in Testløftet, one in Valgløftet 2023.
      for (const [n, campaign] of [
        ['a', 'testloftet'],
        ['b', 'testloftet'],
        ['c', '2023'],
      ] as const) {
        assert.equal((await post(`${service.url}/api/signatures`, signer(n, { campaign }))).status, 202);
        await pressButtonBehind(linkIn(await service.mail.mailTo(`ola.${n}@example.no`), 'confirm'));
      }
      let page = await open('nb');
      let now = await until(
        () => shown(page),
        (s) => s.title === 'Testløftet' && s.count === '2',
        "Testløftet's words and count",
      );
      assert.ok(now.join, 'open: the call to action');
      assert.doesNotMatch(now.page, /Valgløftet 2023/);
      await page.close();

      // KS closes it: yesterday was its last day.
      const file = join(dir, 'testloftet', 'campaign.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as object;
      await writeFile(file, JSON.stringify({ ...data, closes: day(-1) }));
      await service.stop();
      const dataDir = service.dataDir;
      service = await startService({ CAMPAIGNS_DIR: dir }, { dataDir, mail: service.mail });
      for (const [lang, line] of [
        ['nb', 'Underskrivingen ble avsluttet'],
        ['nn', 'Underskrivinga vart avslutta'],
      ] as const) {
        page = await open(lang);
        now = await until(
          () => shown(page),
          (s) => s.title === 'Testløftet' && s.when !== '',
          `closed (${lang})`,
        );
        assert.equal(now.count, '2', 'the final figures');
        assert.equal(now.when.replace(/\u00a0/g, ' '), `${line} ${formatDate(day(-1)).replace(/\u00a0/g, ' ')}.`);
        assert.ok(!now.join, 'no call to action');
        assert.deepEqual(await axeViolations(page), [], lang);
        await page.close();
      }

      // Its retention ends (it closed a week ago, kept two days): names and addresses go, the figures stay.
      await writeFile(file, JSON.stringify({ ...data, closes: day(-7) }));
      await service.stop();
      service = await startService({ CAMPAIGNS_DIR: dir }, { dataDir, mail: service.mail });
      assert.deepEqual((await hourly(service.store, service.app.campaigns, service.app.log)).deleted, {
        testloftet: 2,
      });
      page = await open('nb');
      now = await until(
        () => shown(page),
        (s) => s.title === 'Testløftet' && s.when !== '',
        'closed after the deletion',
      );
      assert.equal(now.count, '2', 'the figures stay after the names and addresses went');
      await page.close();
    });
  });
}
