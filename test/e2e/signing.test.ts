// End to end, as a person signs: the built dist/ks-valgloftet.iife.js on a host page served with a
// strict CSP and Trusted Types, in real Chromium and Firefox; the real service on loopback with a
// real SQLite file and a real SMTP server. Fill the form by keyboard, send, read the mail the SMTP
// server received, open its link, press the button, and watch the widget's count rise. Once in
// bokmål with the script from the service, once in nynorsk, once with the service stopped.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { engines, launchers } from './browsers.js';
import { hostCsp } from '../../contract/host-csp.js';
import { linkIn, MailCatcher, startService, type Service } from '../../server/test/harness.js';

interface Host {
  url: string;
  server: Server;
}

/**
 * A municipal web page on its own origin. `/from-service?lang=…&service=…` loads the script the
 * service serves (the README's one-line embed, no `api`); `/own-copy?api=…` serves its own copy of
 * the built file and points the widget at the service, so the page works while the service is down.
 */
async function startHost(): Promise<Host> {
  // The host's own copy: the script and, beside it, the form module it imports on intent.
  const copies = new Map(
    await Promise.all(
      ['ks-valgloftet.iife.js', 'ks-valgloftet-form.js'].map(
        async (file) => [`/${file}`, await readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8')] as const,
      ),
    ),
  );
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const service = url.searchParams.get('service') ?? new URL(url.searchParams.get('api') ?? 'http://x').origin;
    const copy = copies.get(url.pathname as `/${string}`);
    if (copy) return res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(copy);
    if (url.pathname === '/report.js') {
      // The page's own script: it writes down every CSP violation for the test to read.
      return res
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(
          "window.violations=[];document.addEventListener('securitypolicyviolation',e=>window.violations.push(e.violatedDirective+' '+e.blockedURI));",
        );
    }
    const lang = url.searchParams.get('lang') === 'nn' ? 'nn' : 'nb';
    const [script, attrs] =
      url.pathname === '/own-copy'
        ? ['/ks-valgloftet.iife.js', ` api="${url.searchParams.get('api')}"`]
        : [`${service}/ks-valgloftet.iife.js`, ''];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostCsp({ service }) })
      .end(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Testkommune</title>
<script src="/report.js"></script>
<script src="${script}" defer></script></head>
<body><main><h1>Testkommune</h1>
<ks-valgloftet refresh-interval="2"${attrs}></ks-valgloftet>
</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** Runs `fn` in the page, on the widget's shadow root. */
async function inWidget<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T> {
  const root = await page.evaluateHandle(() => document.querySelector('ks-valgloftet')!.shadowRoot!);
  try {
    return await root.evaluate(fn);
  } finally {
    await root.dispose();
  }
}

/** What has focus inside the widget: `#id`, or the element's text. */
const focused = (page: Page) =>
  inWidget(page, (root) => {
    const el = root.activeElement as HTMLElement | null;
    return el ? (el.id ? `#${el.id}` : el.textContent.trim().replace(/\s+/g, ' ')) : '';
  });

const signatures = (page: Page) =>
  inWidget(page, (root) => {
    const counter = root.querySelector('[part="counter"]');
    return counter?.getAttribute('data-state') === 'ok'
      ? Number(root.querySelector('[part="count"]')?.textContent.replace(/\D/g, '') ?? NaN)
      : -1;
  });

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, message: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${message} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the form from the call to action and fills it in, key by key, as a keyboard user does. */
async function fillByKeyboard(page: Page, who: { name: string; email: string; place: string }): Promise<void> {
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Slutt deg til løftet', 'the first stop is the call to action');
  await page.keyboard.press('Enter');
  await until(() => inWidget(page, (root) => !!root.querySelector('form')), Boolean, 'the form did not open');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '#name');
  await page.keyboard.type(who.name);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '#email');
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.press(' '); // the first choice: elected
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '#place');
  await page.keyboard.type(who.place.slice(0, 3));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // chooses the first match; does not send
  assert.equal(await inWidget(page, (root) => root.querySelector<HTMLInputElement>('#place')?.value), who.place);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '#show-name', 'the consent to show the name is a stop of its own');
  await page.keyboard.press('Tab'); // left unticked; then the privacy statement
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Slutt meg til løftet');
}

const axeSource = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe's violations on the page. Its strict CSP forbids scripts, so Chromium is told to let axe in
 * (CDP's bypass); other engines skip this check and return [].
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.browser().version()).includes('Chrome')) return [];
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }).axe;
    return (await axe.run()).violations.map((v) => v.id);
  });
}

/** Opens a link from the mail (confirm or withdraw) and presses its page's button with the keyboard. */
async function confirmFromMail(
  browser: Browser,
  link: string,
  expect: { lang: string; title: string; details?: string[]; button: string; done: string },
) {
  const page = await browser.newPage();
  try {
    if ((await browser.version()).includes('Chrome')) await page.setBypassCSP(true);
    await page.goto(link);
    assert.deepEqual(await axeViolations(page), [], 'the confirmation page is accessible');
    assert.equal(await page.evaluate(() => document.documentElement.lang), expect.lang);
    assert.equal(await page.$eval('h1', (h) => h.textContent), expect.title);
    if (expect.details)
      assert.deepEqual(await page.$$eval('dd', (dds) => dds.map((dd) => dd.textContent)), expect.details);
    // Tab to the button (after the page's own links, if any) and press it.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.tagName)) !== 'BUTTON'; i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), expect.button);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.$eval('h1', (h) => h.textContent), expect.done);
    assert.deepEqual(await axeViolations(page), [], 'the thank-you page is accessible');
  } finally {
    await page.close();
  }
}

/**
 * The page once it has settled: its heading, its text and how many buttons it has. A page may
 * navigate on its own while this waits (one that Back brought back reloads itself).
 */
async function settled(page: Page, ok: (h1: string) => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  let last = { h1: '', text: '', buttons: -1 };
  for (;;) {
    try {
      last = await page
        .evaluate(() => ({
          ready: document.readyState === 'complete',
          h1: document.querySelector('h1')?.textContent ?? '',
          text: (document.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' '),
          buttons: document.querySelectorAll('button').length,
        }))
        .then(({ ready, ...rest }) => (ready ? rest : { ...rest, h1: '' }));
      if (ok(last.h1)) return last;
    } catch {
      // The page navigated while it was read; read it again.
    }
    if (Date.now() > deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const engine of engines) {
  describe(`signing end to end in ${engine}`, { timeout: 120_000 }, () => {
    let browser: Browser;
    let host: Host;
    let mail: MailCatcher;
    let service: Service;
    let dataDir: string;

    // What before() started, undone last first (the service before its data and its mail).
    const cleanups: (() => unknown)[] = [];
    before(async () => {
      [browser, host, mail, dataDir] = await Promise.all([
        launchers[engine](),
        startHost(),
        new MailCatcher().start(),
        mkdtemp(join(tmpdir(), 'ks-valgloftet-e2e-')),
      ]);
      cleanups.push(
        () => browser.close(),
        () => host.server.close(),
        () => mail.close(),
        () => rm(dataDir, { recursive: true, force: true }),
      );
      service = await startService({ RATE_LIMIT_WRITES: '1000' }, { dataDir, mail });
      cleanups.push(() => service.stop());
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    async function openHostPage(path: string): Promise<{ page: Page; problems: string[] }> {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push((e as Error).message));
      await page.goto(`${host.url}${path}`);
      await page.waitForFunction(() => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('h2'));
      return { page, problems };
    }

    test('in bokmål, with the script from the service: sign, read the mail, confirm, see the count rise', async () => {
      const { page, problems } = await openHostPage(`/from-service?lang=nb&service=${service.url}`);
      const before = await until(
        () => signatures(page),
        (n) => n >= 0,
        'no count from the service',
      );
      const email = `kari.${engine}@kommune.example.no`;
      await fillByKeyboard(page, { name: 'Kari Nordmann', email, place: 'Bodø' });
      await page.keyboard.press('Enter');
      await until(
        () => focused(page),
        (f) => f === '#sent',
        'focus did not move to "check your e-mail"',
      );
      assert.equal(
        await inWidget(page, (root) => root.querySelector('#sent')?.textContent.trim()),
        'Sjekk e-posten din',
      );

      const received = await mail.mailTo(email);
      assert.equal(received.subject, 'Bekreft at du slutter deg til Valgløftet 2023');
      assert.match(received.text, /^Hei!\n/);
      assert.doesNotMatch(received.text + received.html, /Kari Nordmann/, 'nothing typed goes into a mail');
      await confirmFromMail(browser, linkIn(received, 'confirm'), {
        lang: 'nb',
        title: 'Bekreft underskriften din',
        details: ['Kari Nordmann', 'Folkevalgt', 'Bodø', 'Nei'], // not ticked: the name is not shown
        button: 'Bekreft',
        done: 'Takk!',
      });
      // A page opened now shows the new figure at once, though the browser holds a copy of the
      // count that its cache would call fresh; the open page shows it on its next refresh (2 s here).
      const { page: reloaded } = await openHostPage(`/from-service?lang=nb&service=${service.url}`);
      assert.equal(
        await until(
          () => signatures(reloaded),
          (n) => n >= 0,
          'no count',
        ),
        before + 1,
        'the first figure shown',
      );
      await reloaded.close();
      await until(
        () => signatures(page),
        (n) => n === before + 1,
        'the count did not rise',
      );
      // The withdraw link in the same mail: its page, its button, and the count falls back.
      await confirmFromMail(browser, linkIn(received, 'withdraw'), {
        lang: 'nb',
        title: 'Trekk underskriften din',
        button: 'Trekk meg',
        done: 'Du har trukket deg',
      });
      await until(
        () => signatures(page),
        (n) => n === before,
        'the count did not fall after withdrawing',
      );
      assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('in nynorsk: the form, the mail and the confirmation page all speak nynorsk', async () => {
      const { page, problems } = await openHostPage(`/from-service?lang=nn&service=${service.url}`);
      const before = await until(
        () => signatures(page),
        (n) => n >= 0,
        'no count from the service',
      );
      assert.equal(
        await inWidget(page, (root) => root.querySelector('label[for="name"]')?.textContent ?? 'closed'),
        'closed',
      );
      const email = `nils.${engine}@kommune.example.no`;
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await until(() => inWidget(page, (root) => !!root.querySelector('form')), Boolean, 'the form did not open');
      assert.equal(await inWidget(page, (root) => root.querySelector('label[for="name"]')!.textContent), 'Namn');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Nils Nynorsk');
      await page.keyboard.press('Tab');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown'); // the second choice: candidate
      await page.keyboard.press('Tab');
      await page.keyboard.type('Guovdageaidnu'); // the Sámi name finds Kautokeino
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.equal(
        await inWidget(page, (root) => root.querySelector<HTMLInputElement>('#place')?.value),
        'Guovdageaidnu – Kautokeino',
      );
      await page.keyboard.press('Enter'); // sends the form from the field
      await until(
        () => focused(page),
        (f) => f === '#sent',
        'focus did not move to "check your e-mail"',
      );
      assert.match(
        await inWidget(page, (root) => root.querySelector('.sent p')?.textContent ?? ''),
        /Vi har sendt ein e-post til/,
      );

      const received = await mail.mailTo(email);
      assert.equal(received.subject, 'Stadfest at du sluttar deg til Valgløftet 2023');
      await confirmFromMail(browser, linkIn(received, 'confirm'), {
        lang: 'nn',
        title: 'Stadfest underskrifta di',
        details: ['Nils Nynorsk', 'Kandidat ved valet', 'Guovdageaidnu – Kautokeino', 'Nei'],
        button: 'Stadfest',
        done: 'Takk!',
      });
      await until(
        () => signatures(page),
        (n) => n === before + 1,
        'the count did not rise',
      );
      const { role, municipality, lang } = (await service.store.signaturesWhere({ email }))[0];
      assert.deepEqual({ role, municipality, lang }, { role: 'candidate', municipality: '5612', lang: 'nn' });
      assert.deepEqual(problems, []);
      await page.close();
    });

    test('after confirming, Back and reload tell the truth, in the language of the link', async () => {
      const email = `bak.${engine}@kommune.example.no`;
      const signed = await fetch(`${service.url}/api/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Brit Bak', email, role: 'elected', municipality: '1804', lang: 'nn' }),
      });
      assert.equal(signed.status, 202);
      const link = /https?:\/\/\S+\/confirm\?\S+/.exec((await mail.mailTo(email)).text)![0];
      assert.match(link, /&lang=nn$/);
      const page = await browser.newPage();
      try {
        await page.goto(link);
        assert.equal(await page.$eval('h1', (h) => h.textContent), 'Stadfest underskrifta di');
        await Promise.all([page.waitForNavigation(), page.click('form[action="/confirm"] button')]);
        assert.equal(await page.$eval('h1', (h) => h.textContent), 'Takk!');
        assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/confirmed?lang=nn');
        const counted = (await service.store.count('2023')).signatures;

        // Back: no live button from the back-forward cache, but what the link is worth now.
        await page.goBack();
        const back = await settled(page, (h1) => h1 !== 'Stadfest underskrifta di');
        assert.equal(back.h1, 'Lenka verkar ikkje', 'Back shows that the link is spent');
        assert.equal(back.buttons, 0, 'no button to press in vain');
        assert.match(back.text, /Har du stadfesta før, står underskrifta di framleis\./);

        // Forward and reload: the thank-you again, with the count; nothing posted twice.
        await page.goForward();
        assert.equal((await settled(page, (h1) => h1 === 'Takk!')).h1, 'Takk!');
        await page.reload();
        const reloaded = await settled(page, (h1) => h1 === 'Takk!');
        assert.equal(reloaded.h1, 'Takk!', 'reloading the thank-you shows the thank-you');
        assert.match(
          reloaded.text,
          new RegExp(`Talet på folkevalde og kandidatar som står bak løftet, er no ${counted}\\.`),
        );
        assert.equal((await service.store.count('2023')).signatures, counted);
      } finally {
        await page.close();
      }
    });

    test('with the service stopped: a calm message, nothing lost, and it sends once the service is back', async () => {
      const { page } = await openHostPage(`/own-copy?lang=nb&api=${service.url}/api`);
      const before = await until(
        () => signatures(page),
        (n) => n >= 0,
        'no count from the service',
      );
      const email = `per.${engine}@kommune.example.no`;
      await fillByKeyboard(page, { name: 'Per Hansen', email, place: 'Bodø' });

      const port = Number(new URL(service.url).port);
      await service.stop();
      await page.keyboard.press('Enter');
      await until(
        () => focused(page),
        (f) => f === '#send-problem',
        'no message when the service was down',
      );
      assert.equal(
        await inWidget(page, (root) => root.querySelector('#send-problem')?.textContent.trim().replace(/\s+/g, ' ')),
        'Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt. Det du har skrevet, er tatt vare på.',
      );
      assert.deepEqual(
        await inWidget(page, (root) =>
          ['#name', '#email', '#place'].map((s) => root.querySelector<HTMLInputElement>(s)?.value),
        ),
        ['Per Hansen', email, 'Bodø'],
      );
      // The pledge is still there, and the counter keeps its last figures.
      assert.equal(await signatures(page), before);

      service = await startService({ RATE_LIMIT_WRITES: '1000' }, { dataDir, mail, port });
      await page.keyboard.press('Tab'); // from the message to the button, now "Prøv igjen"
      assert.equal(await focused(page), 'Prøv igjen');
      await page.keyboard.press('Enter');
      await until(
        () => focused(page),
        (f) => f === '#sent',
        'the retry did not send',
      );
      await confirmFromMail(browser, linkIn(await mail.mailTo(email), 'confirm'), {
        lang: 'nb',
        title: 'Bekreft underskriften din',
        button: 'Bekreft',
        done: 'Takk!',
      });
      await until(
        () => signatures(page),
        (n) => n === before + 1,
        'the count did not rise after the restart',
      );
      await page.close();
    });
  });
}
