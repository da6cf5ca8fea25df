// Every link of a council's embed, clicked in a frame as WordPress makes it (issue 23, item 3). A
// WordPress post frames a pasted pledge address with `sandbox="allow-scripts"`, where a link can
// neither open a tab nor leave the frame: the embed page hands the link to wp-embed, which opens it
// in the reader's window only on the frame's own host, so every link goes by the service's
// /embed/go. Here a host page on another origin carries the oEmbed answer as WordPress 6.1's
// wp_filter_oembed_result leaves it (wp-includes/embed.php: the secret, the sandbox, the clipped
// frame) and WordPress's own wp-embed.js from Debian's package; no WordPress runs (see
// test/wordpress/ for the real one). Chromium: the pages on other hosts are answered by the test,
// as nothing here reaches the internet.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { pledgePageUrl } from '../../contract/embed.js';
import { ADMIN_TOKEN, post, startService, until, type Service } from '../../server/test/harness.js';
import { launchers } from './browsers.js';

/** WordPress's embed script, as Debian's wordpress package installs it (.ci/run installs it). */
const WP_EMBED = '/usr/share/wordpress/wp-includes/js/wp-embed.js';
const DECISION = 'https://www.bergen.kommune.no/politikk/vedtak?sak=2023/1&x="<b>"';

/** The oEmbed answer's HTML as WordPress 6.1 stores and prints it for a provider it does not know. */
function asWordPressLeavesIt(html: string, secret: string): string {
  const attribute = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(html)?.[1] ?? '';
  const link = /<blockquote[^>]*>(<a href="[^"]*">[^<]*<\/a>)<\/blockquote>/.exec(html)?.[1] ?? '';
  const kept = ['width', 'height', 'title', 'frameborder', 'marginwidth', 'marginheight']
    .map((name) => ` ${name}="${attribute(name)}"`)
    .join('');
  return (
    `<blockquote class="wp-embedded-content" data-secret="${secret}">${link}</blockquote>` +
    `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" ` +
    `style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" src="${attribute('src')}#?secret=${secret}" ` +
    `data-secret="${secret}"${kept}></iframe>`
  );
}

describe("every link of a council's embed, in a frame as WordPress makes it", { timeout: 180_000 }, () => {
  let browser: Browser;
  let service: Service;
  let host: Server;
  let hostUrl: string;

  before(async () => {
    if (!existsSync(WP_EMBED)) {
      throw new Error(`${WP_EMBED} is missing: apt-get install wordpress (Debian's package holds WordPress's scripts)`);
    }
    [browser, service] = await Promise.all([launchers.chromium(), startService()]);
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const recorded = await post(
      `${service.url}/api/admin/adoptions`,
      { municipality: '4601', date: '2024-03-12', link: DECISION },
      admin,
    );
    assert.equal(recorded.status, 201);
    const oembed = async (lang: 'nb' | 'nn') => {
      const url = pledgePageUrl(service.url, { lang, municipality: '4601' });
      const res = await fetch(`${service.url}/oembed?${new URLSearchParams({ url, format: 'json' }).toString()}`);
      return ((await res.json()) as { html: string }).html;
    };
    const posts = { nb: await oembed('nb'), nn: await oembed('nn') };
    host = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://host');
      if (url.pathname === '/wp-embed.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(WP_EMBED));
        return;
      }
      const lang = url.searchParams.get('lang') === 'nn' ? 'nn' : 'nb';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Bergen kommune</title></head>
<body><main><h1>Bergen kommune</h1>
${asWordPressLeavesIt(posts[lang], 'Xy12Ab34Cd')}
</main><script src="/wp-embed.js"></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  });
  after(async () => {
    await browser.close();
    host.close();
    await service.dispose();
  });

  /** The post in a fresh page, once wp-embed has shown the frame and the council's lines are in it. */
  async function openPost(lang: 'nb' | 'nn'): Promise<{ page: Page; frame: Frame }> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 1000 });
    // Pages elsewhere (KS, the podcast, the council, the privacy statement) are answered here.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (new URL(request.url()).hostname === '127.0.0.1') void request.continue();
      else void request.respond({ status: 200, contentType: 'text/html', body: '<title>Elsewhere</title>' });
    });
    await page.evaluateOnNewDocument(() => {
      const heard: string[] = [];
      Object.assign(window, { heard });
      addEventListener('message', (e) => heard.push(JSON.stringify(e.data)));
    });
    await page.goto(`${hostUrl}/?lang=${lang}`);
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('blockquote.wp-embedded-content')?.style.display === 'none',
    );
    const frame = await (await page.$('iframe.wp-embedded-content'))?.contentFrame();
    assert.ok(frame);
    await frame.waitForFunction(() =>
      document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('a[href*="/kommunar"]'),
    );
    return { page, frame };
  }

  /** Opens the form in the frame (its privacy statement is a link too). */
  async function openForm(page: Page, frame: Frame) {
    await click(page, frame, 'button[aria-expanded]');
    await frame.waitForFunction(() =>
      document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('form a[href]'),
    );
  }

  /** Clicks an element in the widget as a reader does: pointer over it (the frame sees it), then the click. */
  async function click(page: Page, frame: Frame, selector: string) {
    const element = await frame.waitForFunction(
      (s) => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector(s),
      {},
      selector,
    );
    const handle = element.asElement();
    assert.ok(handle, selector);
    await handle.evaluate((el) => {
      (el as HTMLElement).scrollIntoView({ block: 'center' });
    });
    // A point on the element itself (a link that wraps has two boxes, and their middle is not on it),
    // taken again when the frame did not see the pointer come: wp-embed may still be sizing the
    // frame, and the point can move from under the pointer (the test then waited for ever).
    for (let tries = 1; ; tries++) {
      const { x, y } = await handle.clickablePoint();
      const seen = frame.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            addEventListener(
              'pointermove',
              () => {
                resolve(true);
              },
              { once: true },
            );
            setTimeout(() => {
              resolve(false);
            }, 5000);
          }),
      );
      await page.mouse.move(x, y);
      if (await seen) {
        await page.mouse.click(x, y);
        return;
      }
      assert.ok(tries < 3, `the frame never saw the pointer at ${selector}`);
      await page.mouse.move(0, 0);
    }
  }

  /** Every link in the widget, by its address, with its words. */
  const linksOf = (frame: Frame) =>
    frame.evaluate(() =>
      [...(document.querySelector('ks-valgloftet')?.shadowRoot?.querySelectorAll('a[href]') ?? [])].map((a) => ({
        href: (a as HTMLAnchorElement).href,
        text: a.textContent.replace(/\s+/g, ' ').trim(),
      })),
    );

  for (const lang of ['nb', 'nn'] as const) {
    test(`${lang}: each link opens in the reader's window, by way of /embed/go`, async () => {
      const first = await openPost(lang);
      await openForm(first.page, first.frame);
      const links = await linksOf(first.frame);
      await first.page.close();
      const hrefs = links.map((l) => l.href);
      console.log(`# ${lang}: ${links.map((l) => `${l.text} <${l.href}>`).join('; ')}`);
      // The council's own lines: the decision and all councils, in the embed's language.
      assert.ok(hrefs.includes(new URL(DECISION).href), `the decision: ${hrefs.join(' ')}`);
      assert.ok(hrefs.includes(`${service.url}/kommunar${lang === 'nn' ? '?lang=nn' : ''}`), hrefs.join(' '));
      assert.ok(links.length >= 5, 'the pledge, the podcast, the decision, all councils, the privacy statement');
      for (const link of links) {
        const { page, frame } = await openPost(lang);
        const inForm = !(await linksOf(frame)).some((l) => l.href === link.href);
        if (inForm) await openForm(page, frame);
        const navigated = page.waitForNavigation();
        await click(page, frame, `a[href="${link.href.replaceAll('"', '\\"')}"]`);
        const response = await navigated;
        await until(() => page.url() === link.href, `the window at ${link.href} (at ${page.url()})`, 5000);
        const chain = response?.request().redirectChain() ?? [];
        assert.match(chain[0]?.url() ?? '', new RegExp(`^${service.url}/embed/go\\?to=`), link.text);
        assert.equal(response?.status(), 200, `${link.text}: ${link.href}`);
        await page.close();
      }
    });
  }
});
