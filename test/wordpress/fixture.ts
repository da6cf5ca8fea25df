// What every WordPress test starts from: the real signature service with its SMTP sink, a
// throwaway WordPress that trusts the service's origin, and Chromium. `stop()` ends them all, in
// the reverse order, including whatever had started when a step failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { launchers } from '../e2e/browsers.js';
import { campaignsDir, day } from '../../server/test/campaigns-dir.js';
import { MailCatcher, startService, until, type Service } from '../../server/test/harness.js';
import { startWordPress, type Locale, type Release, type WordPress } from './wordpress.js';

export interface PledgeSite {
  wp: WordPress;
  /** The service as it runs now: `restartService()` gives a new one at the same address. */
  service: Service;
  mail: MailCatcher;
  browser: Browser;
  /** Starts the service again, on its port and its data, after `service.stop()`. */
  restartService(): Promise<Service>;
  /** Signs the browser in as user `id`, with WordPress's own cookies; the editors' welcome guides already seen. */
  signIn(id: number): Promise<void>;
  /** Forgets every cookie: the browser is a reader again. */
  signOut(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPledgeSite(
  name: string,
  { release, locale }: { release?: Release; locale?: Locale } = {},
): Promise<PledgeSite> {
  const cleanups: (() => unknown)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const dataDir = await mkdtemp(join(tmpdir(), `ks-valgloftet-${name}-`));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mail = await new MailCatcher().start();
    cleanups.push(() => mail.close());
    // Valgløftet 2023, current, and the fictional Testløftet, opening in a week: a campaign a
    // shortcode, a block or an address names (issue 27).
    const campaigns = await campaignsDir({ opens: day(7), closes: day(60) });
    cleanups.push(() => rm(campaigns, { recursive: true, force: true }));
    const env = { RATE_LIMIT_WRITES: '1000', CAMPAIGNS_DIR: campaigns };
    /**
     * A service on the site's data, warmed: a new one renders its first markup slowly (the
     * renderer's modules load on first use), on a loaded machine slower than the plugin's one-second
     * bound, so a view meant to take fresh copies from a service that is up would count as a
     * failure. Warmed as a deploy's health check does, before a test relies on it answering in time.
     */
    const started = async (port?: number) => {
      const service = await startService(env, { dataDir, mail, port });
      for (const lang of ['nb', 'nn']) await (await fetch(`${service.url}/api/markup?lang=${lang}`)).text();
      return service;
    };
    const first = await started();
    const port = Number(new URL(first.url).port);
    const site = { service: first };
    // Whichever service runs at the end is stopped (stopping one that has stopped does nothing).
    cleanups.push(() => site.service.stop().catch(() => undefined));
    const launched = launchers.chromium();
    cleanups.push(async () => (await launched).close());
    const wp = await startWordPress({ trustedOrigins: [first.url], release, locale });
    cleanups.push(() => wp.stop());
    const browser = await launched;
    return {
      wp,
      mail,
      browser,
      get service() {
        return site.service;
      },
      restartService: async () => (site.service = await started(port)),
      signIn: async (id) => {
        const cookies = JSON.parse(
          await wp.php(`
            $id = ${id};
            $seen = array('welcomeGuide' => false, 'welcomeGuidePage' => false, 'welcomeGuideTemplate' => false);
            update_user_meta($id, $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array('core/edit-post' => $seen, 'core/edit-site' => $seen + array('welcomeGuideStyles' => false), 'core' => $seen, '_modified' => gmdate('c')));
            $expires = time() + 3600;
            echo wp_json_encode(array(
              array('name' => AUTH_COOKIE, 'value' => wp_generate_auth_cookie($id, $expires, 'auth')),
              array('name' => LOGGED_IN_COOKIE, 'value' => wp_generate_auth_cookie($id, $expires, 'logged_in')),
            ));
          `),
        ) as { name: string; value: string }[];
        await browser.setCookie(...cookies.map((c) => ({ ...c, domain: new URL(wp.url).hostname, path: '/' })));
      },
      signOut: async () => {
        await browser.deleteCookie(...(await browser.cookies()));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The first widget's count in `frame` once it shows one, else -1. */
export const signatures = (frame: Page | Frame): Promise<number> =>
  frame.evaluate(() => {
    const root = document.querySelector('ks-valgloftet')?.shadowRoot;
    return root?.querySelector('[part="counter"]')?.getAttribute('data-state') === 'ok'
      ? Number(root.querySelector('[part="count"]')?.textContent.replace(/\D/g, '') ?? NaN)
      : -1;
  });

/** Waits up to 20 s for the first widget in `frame` to show a count that is `ok`, and gives it. */
export const countShown = (frame: Page | Frame, ok: (n: number) => boolean = (n) => n >= 0): Promise<number> =>
  until(
    async () => {
      const n = await signatures(frame);
      return ok(n) && { n };
    },
    'the count in the page',
    20_000,
  ).then(({ n }) => n);
