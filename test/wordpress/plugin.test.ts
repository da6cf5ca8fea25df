// The WordPress plugin (integrations/wordpress/ks-valgloftet, zipped by npm run build:wordpress) in a
// real WordPress (Debian's 6.1, the oldest it declares, set up by wordpress.ts) with the real service on loopback: installed
// from the zip as WordPress's own installer unpacks it (PclZip; PHP's zip extension is absent),
// activated, pointed at the service, and used by an Author through the shortcode and the block.
//
// KS_VALGLOFTET_WP_ZIP names another zip (e.g. one built from a plugin core not yet committed).
// WORDPRESS_BLOCK_SCREENSHOT=docs/screenshot-wordpress-block.png writes the block in the editor.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { linkIn, until, type MailCatcher, type Service } from '../../server/test/harness.js';
import { startPledgeSite, type PledgeSite } from './fixture.js';
import type { WordPress, WordPressUser } from './wordpress.js';

const ZIP = resolve(process.env.KS_VALGLOFTET_WP_ZIP ?? 'dist/ks-valgloftet-wordpress.zip');
const PLUGIN = 'ks-valgloftet/ks-valgloftet.php';

/** The zip's file names (PHP's PclZip, as WordPress reads it). */
async function zipHasCore(): Promise<boolean> {
  // The zip of the sources as they are (a few milliseconds), unless another was named.
  if (!process.env.KS_VALGLOFTET_WP_ZIP) await promisify(execFile)('node', ['scripts/build-wordpress.mjs']);
  if (!existsSync(ZIP)) throw new Error(`${ZIP} is missing`);
  const { stdout } = await promisify(execFile)('php', [
    '-r',
    `define('ABSPATH', '/usr/share/wordpress/'); require '/usr/share/wordpress/wp-admin/includes/class-pclzip.php';
     $z = new PclZip(${JSON.stringify(ZIP)}); foreach ($z->listContent() ?: array() as $f) echo $f['filename'], "\\n";`,
  ]);
  return stdout.split('\n').includes(PLUGIN);
}

interface Post {
  id: number;
  link: string;
}

describe('WordPress: the plugin from its zip', { timeout: 300_000 }, async () => {
  const core = await zipHasCore();
  const skip = core ? false : `${ZIP} has no ${PLUGIN}: the PHP core (branch plugin) is not merged`;
  let wp: WordPress;
  let service: Service;
  let mail: MailCatcher;
  let browser: Browser;
  let site: PledgeSite | undefined;

  before(async () => {
    if (skip) return;
    site = await startPledgeSite('wp-plugin', { release: '6.1' });
    ({ wp, service, mail, browser } = site);
  });
  after(async () => {
    await site?.stop();
  });

  async function publish(as: WordPressUser, title: string, content: string): Promise<Post> {
    const created = await wp.rest(as, '/wp/v2/posts', { method: 'POST', body: { title, content, status: 'publish' } });
    assert.equal(created.status, 201, await created.clone().text());
    return (await created.json()) as Post;
  }

  async function open(link: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico'))
        problems.push(`${m.text()} (${m.location().url ?? ''})`);
    });
    page.on('pageerror', (e) => problems.push((e as Error).message));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(link, { waitUntil: 'load' });
    return { page, problems };
  }

  /** The first widget's count once it shows one, else -1. */
  const signatures = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('ks-valgloftet')?.shadowRoot;
      return root?.querySelector('[part="counter"]')?.getAttribute('data-state') === 'ok'
        ? Number(root.querySelector('[part="count"]')?.textContent.replace(/\D/g, '') ?? NaN)
        : -1;
    });
  const countShown = (page: Page, ok: (n: number) => boolean = (n) => n >= 0) =>
    until(
      async () => {
        const n = await signatures(page);
        return ok(n) && { n };
      },
      'the count in the page',
      20_000,
    ).then(({ n }) => n);

  /**
   * PHP errors of the plugin's, and any fatal one: WordPress 6.1's own code logs deprecations on PHP
   * 8.2 (Requests_Cookie_Jar and others), which are none of the plugin's.
   */
  const phpErrors = async () =>
    (await wp.debugLog())
      .split('\n')
      .filter(
        (line) => /PHP (Fatal|Parse)/.test(line) || (/PHP \w+/.test(line) && line.includes('/plugins/ks-valgloftet/')),
      );

  /** Signs the browser in as user `id`, with WordPress's own cookies; the welcome guide already seen. */
  async function signIn(id: number): Promise<void> {
    const cookies = JSON.parse(
      await wp.php(`
        $id = ${id};
        update_user_meta($id, $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array('core/edit-post' => array('welcomeGuide' => false), '_modified' => gmdate('c')));
        $expires = time() + 3600;
        echo wp_json_encode(array(
          array('name' => AUTH_COOKIE, 'value' => wp_generate_auth_cookie($id, $expires, 'auth')),
          array('name' => LOGGED_IN_COOKIE, 'value' => wp_generate_auth_cookie($id, $expires, 'logged_in')),
        ));
      `),
    ) as { name: string; value: string }[];
    await browser.setCookie(...cookies.map((c) => ({ ...c, domain: new URL(wp.url).hostname, path: '/' })));
  }

  const posts: Record<string, Post> = {};

  test('installs from the zip with WordPress’s unzip_file and activates', { skip }, async () => {
    const out = await wp.php(`
      require_once ABSPATH . 'wp-admin/includes/file.php';
      require_once ABSPATH . 'wp-admin/includes/plugin.php';
      WP_Filesystem();
      $r = unzip_file(${JSON.stringify(ZIP)}, WP_PLUGIN_DIR);
      if (is_wp_error($r)) { echo 'unzip: ', $r->get_error_message(); exit; }
      $a = activate_plugin(${JSON.stringify(PLUGIN)});
      echo is_wp_error($a) ? 'activate: ' . $a->get_error_message() : 'active:' . (int) is_plugin_active(${JSON.stringify(PLUGIN)});
      update_option('ks_valgloftet_service', ${JSON.stringify(service.url)});
    `);
    assert.equal(out.trim(), 'active:1');
    // A new request runs init with the plugin loaded: the block is registered from block.json.
    assert.equal(
      (await wp.php(`echo (int) WP_Block_Type_Registry::get_instance()->is_registered('ks/valgloftet');`)).trim(),
      '1',
    );
    assert.deepEqual(await phpErrors(), []);
  });

  test('an Author publishes the shortcode and the block; the pledge is in the HTML as served', { skip }, async () => {
    posts.shortcode = await publish(wp.users.author, 'Valgløftet på nynorsk', '[valgloftet lang="nn"]');
    posts.block = await publish(
      wp.users.author,
      'Valgløftet på bokmål',
      '<!-- wp:ks/valgloftet {"lang":"nb","accent":"#005a9c"} /-->',
    );
    for (const [post, lang] of [
      [posts.shortcode, 'nn'],
      [posts.block, 'nb'],
    ] as const) {
      const html = await (await fetch(post.link)).text();
      const element = /<ks-valgloftet\b[^>]*>/.exec(html)?.[0] ?? '';
      assert.match(element, new RegExp(`lang="${lang}"`), `${post.link}: ${html.slice(0, 400)}`);
      assert.match(html, /<template\b[^>]*\bshadowrootmode="open"/, 'the declarative shadow root');
      assert.match(html, /part="lead"[^>]*>\s*\S/, 'the lead, with text');
      assert.match(html, /Valgløftet/);
    }
    assert.deepEqual(await phpErrors(), []);
  });

  test(
    'the council: the shortcode, the block and a pasted address put municipality on the element; a malformed one is dropped',
    { skip },
    async () => {
      const post = await publish(
        wp.users.author,
        'Valgløftet i Bergen',
        [
          '[valgloftet municipality="4601"]',
          '[valgloftet lang="nn" counter="no" municipality="46"]',
          '<!-- wp:ks/valgloftet {"lang":"nn","form":false,"municipality":"4601","accent":"#005a9c"} /-->',
          `${service.url}/valgloftet/nn?no-form&municipality=4601`,
          '[valgloftet municipality="460"]',
          '[valgloftet municipality="Bergen"]',
          `[valgloftet municipality='4601" onmouseover="alert(1)']`,
          '<!-- wp:ks/valgloftet {"municipality":"4601\\u0022 onmouseover=\\u0022alert(1)"} /-->',
        ].join('\n\n'),
      );
      const html = await (await fetch(post.link)).text();
      const tags = html.match(/<ks-valgloftet\b[^>]*>/g) ?? [];
      const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
      assert.deepEqual(
        tags.map((tag) => [attribute(tag, 'lang'), attribute(tag, 'municipality')]),
        [
          ['nb', '4601'],
          ['nn', '46'],
          ['nn', '4601'],
          ['nn', '4601'],
          ['nb', null],
          ['nb', null],
          ['nb', null],
          ['nb', null],
        ],
        tags.join('\n'),
      );
      for (const tag of tags) assert.doesNotMatch(tag, /onmouseover|alert/, tag);
      // Each still has the pledge's server-rendered markup, fetched once per language and switches.
      assert.equal(html.match(/<template\b[^>]*\bshadowrootmode="open"/g)?.length, 8);
      assert.match(tags[2], /style="--ks-valgloftet-accent:#005a9c;"/);
      assert.deepEqual(await phpErrors(), []);

      // In the browser the element keeps the attribute once the widget has upgraded it.
      const { page, problems } = await open(post.link);
      await countShown(page);
      assert.equal(await page.$eval('ks-valgloftet', (el) => el.getAttribute('municipality')), '4601');
      await page.close();
      assert.deepEqual(
        problems.filter((p) => !/municipality/i.test(p)),
        [],
      );
    },
  );

  test(
    'the widget renders in its language and counts; a reader signs, confirms, and the count rises',
    { skip },
    async () => {
      const { page: nn, problems: nnProblems } = await open(posts.shortcode.link);
      await countShown(nn);
      assert.equal(await nn.$eval('ks-valgloftet', (el) => el.getAttribute('lang')), 'nn');
      await nn.close();
      assert.deepEqual(nnProblems, []);

      const { page, problems } = await open(posts.block.link);
      const before = await countShown(page);
      const inside = (selector: string) =>
        page.waitForFunction(
          (s) => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector(s),
          { timeout: 10_000 },
          selector,
        );
      // The call to action opens the form when the form is behind a button.
      const join = await page.evaluateHandle(() =>
        document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('[part="join"] button'),
      );
      if (join.asElement()) await (join.asElement() as unknown as { click(): Promise<void> }).click();
      await (await inside('#name')).asElement()?.type('Kari Nordmann');
      await (await inside('#email')).asElement()?.type('kari@kommune.example.no');
      await (await inside('#place')).asElement()?.type('Bergen');
      await inside('[role="listbox"] [role="option"]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const role = await page.evaluateHandle(() =>
        document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('input[name="role"]'),
      );
      if (role.asElement()) await (role.asElement() as unknown as { click(): Promise<void> }).click();
      const submit = await inside('form button[type="submit"]');
      await (submit.asElement() as unknown as { click(): Promise<void> }).click();
      await inside('#sent');
      const received = (await mail.waitFor(1)).at(-1);
      assert.ok(received);
      const confirmPage = await browser.newPage();
      await confirmPage.goto(linkIn(received, 'confirm'));
      await Promise.all([confirmPage.waitForNavigation(), confirmPage.click('form button')]);
      await confirmPage.close();
      await page.reload({ waitUntil: 'load' });
      await countShown(page, (n) => n === before + 1);
      await page.close();
      assert.deepEqual(problems, []);
    },
  );

  test('a page with two shortcodes and a block loads the script once', { skip }, async () => {
    const post = await publish(
      wp.users.author,
      'Tre gonger',
      '[valgloftet]\n\n[valgloftet lang="nn" counter="no"]\n\n<!-- wp:ks/valgloftet {"lang":"nn","form":false} /-->',
    );
    const html = await (await fetch(post.link)).text();
    assert.equal(html.match(/<ks-valgloftet\b/g)?.length, 3);
    assert.equal(html.match(/<script\b[^>]*ks-valgloftet-loader\.js/g)?.length, 1, 'one loader script');
  });

  /**
   * Selects the pledge's block in the editor. The editor draws the block again when its preview
   * settles, which can leave a handle detached under the click: ask for the block as it is now, and
   * again if it was drawn anew.
   */
  async function selectBlock(page: Page): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        const current = await page.waitForSelector('[data-type="ks/valgloftet"]', { visible: true });
        await current?.click();
        return;
      } catch (error) {
        if (tries >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  test('the block in the editor: the options in the sidebar and a live preview of the widget', { skip }, async () => {
    await signIn(wp.users.author.id);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push((e as Error).message));
    await page.setViewport({ width: 1280, height: 1000 });
    await page.goto(`${wp.url}/wp-admin/post.php?post=${posts.block.id}&action=edit`, { waitUntil: 'load' });
    const block = await page.waitForSelector('[data-type="ks/valgloftet"]', { timeout: 30_000 });
    assert.ok(block);
    // The preview is the PHP output, upgraded by the widget's script: the count comes.
    try {
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-type="ks/valgloftet"] ks-valgloftet')
            ?.shadowRoot?.querySelector('[part="counter"]')
            ?.getAttribute('data-state') === 'ok',
        { timeout: 20_000 },
      );
    } catch (error) {
      const state = await page.evaluate(() => ({
        preview: document.querySelector('[data-type="ks/valgloftet"]')?.innerHTML.slice(0, 600),
        defined: Boolean(customElements.get('ks-valgloftet')),
        script: document.querySelector('#ks-valgloftet-editor-widget')?.outerHTML,
      }));
      await page.screenshot({ path: join(tmpdir(), 'ks-valgloftet-block-editor.png') });
      throw new Error(`no count in the preview: ${JSON.stringify({ state, problems })}`, { cause: error });
    }
    await selectBlock(page);
    const sidebar = await page.waitForSelector('.block-editor-block-inspector', { timeout: 10_000 });
    const labels = await sidebar?.evaluate((el) => el.textContent);
    for (const label of ['Language', 'Show the signature counter', 'Show the form to sign', 'Municipality or county']) {
      assert.ok(labels?.includes(label), `${label} in: ${labels}`);
    }
    // The council from the service's list: the preview's element takes it.
    const council = await page.waitForSelector('.block-editor-block-inspector select:has(option[value="4601"])', {
      timeout: 10_000,
    });
    assert.equal(
      await council?.evaluate((el) => el.querySelector('option')?.textContent),
      'None (national figures only)',
    );
    await council?.select('4601');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-type="ks/valgloftet"] ks-valgloftet')?.getAttribute('municipality') === '4601',
      { timeout: 20_000 },
    );
    page.on('dialog', (dialog) => void dialog.accept());
    // The same sidebar for an editor who works in nynorsk, then in bokmål.
    for (const [locale, expected] of [
      [
        'nn_NO',
        [
          'Språk',
          'Vis teljaren',
          'Vis skjemaet for å slutte seg til',
          'frå KS, med teljaren',
          'Kommune eller fylkeskommune',
          'I skjemaet er han alt vald.',
        ],
      ],
      [
        'nb_NO',
        [
          'Språk',
          'Vis telleren',
          'Vis skjemaet for å slutte seg til',
          'fra KS, med telleren',
          'Kommune eller fylkeskommune',
          'I skjemaet er den allerede valgt.',
        ],
      ],
    ] as const) {
      await wp.php(`update_user_meta(${wp.users.author.id}, 'locale', '${locale}');`);
      try {
        await page.goto(`${wp.url}/wp-admin/post.php?post=${posts.block.id}&action=edit`, { waitUntil: 'load' });
        await page.waitForSelector('[data-type="ks/valgloftet"]', { timeout: 30_000 });
        await selectBlock(page);
        const inspector = await page.waitForSelector('.block-editor-block-inspector', { timeout: 10_000 });
        const text = await inspector?.evaluate((el) => el.textContent);
        for (const label of expected) assert.ok(text?.includes(label), `${locale}: ${label} in: ${text}`);
      } finally {
        await wp.php(`delete_user_meta(${wp.users.author.id}, 'locale');`);
      }
    }
    if (process.env.WORDPRESS_BLOCK_SCREENSHOT) {
      await new Promise((r) => setTimeout(r, 1000));
      await page.screenshot({ path: process.env.WORDPRESS_BLOCK_SCREENSHOT });
    }
    await page.close();
    assert.deepEqual(problems, []);
  });

  test(
    'Settings → Valgløftet refuses an unreachable address and http to a public host, saves a good one; an Author cannot reach it',
    { skip },
    async () => {
      const option = async () => (await wp.php(`echo get_option('ks_valgloftet_service');`)).trim();
      const settings = `${wp.url}/wp-admin/options-general.php?page=ks-valgloftet`;
      await signIn(1);
      const page = await browser.newPage();
      const save = async (address: string) => {
        await page.goto(settings, { waitUntil: 'load' });
        await page.$eval('#ks-valgloftet-service', (el) => {
          (el as HTMLInputElement).value = '';
        });
        await page.type('#ks-valgloftet-service', address);
        await Promise.all([page.waitForNavigation(), page.click('#submit')]);
        return page.$$eval('.notice, .settings-error', (els) =>
          els.map((el) => `${el.className}: ${el.textContent.trim()}`),
        );
      };
      for (const bad of ['http://127.0.0.1:9', 'http://valgloftet.example.no']) {
        const notices = await save(bad);
        assert.ok(
          notices.some((n) => n.includes('error')),
          `${bad}: ${JSON.stringify(notices)}`,
        );
        assert.equal(await option(), service.url, `${bad} was not saved`);
      }
      await wp.php(`update_option('ks_valgloftet_service', '');`);
      const notices = await save(service.url);
      assert.ok(!notices.some((n) => n.includes('notice-error')), JSON.stringify(notices));
      assert.equal(await option(), service.url);
      await page.close();

      await signIn(wp.users.author.id);
      const author = await browser.newPage();
      const response = await author.goto(settings, { waitUntil: 'load' });
      assert.equal(response?.status(), 403);
      assert.equal(await author.$('#ks-valgloftet-service'), null);
      await author.close();
    },
  );

  test(
    'with the service stopped the post still shows the pledge, then the fallback link, and no PHP error',
    { skip },
    async () => {
      await service.stop();
      const kept = await (await fetch(posts.block.link)).text();
      assert.match(kept, /<template\b[^>]*\bshadowrootmode="open"/, 'from the transient');
      await wp.php(
        `global $wpdb; $wpdb->query("DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\\\_transient\\\\_%ks\\\\_valgloftet%' OR option_name LIKE '\\\\_transient\\\\_timeout\\\\_%ks\\\\_valgloftet%'");`,
      );
      const start = performance.now();
      const fallback = await (await fetch(posts.block.link)).text();
      assert.ok(performance.now() - start < 10_000, 'the page does not wait long on the service');
      assert.match(fallback, /<ks-valgloftet\b[^>]*>\s*<a href="[^"]*\/valgloftet"/, 'the fallback link');
      assert.deepEqual(await phpErrors(), []);
    },
  );

  test('deleting the plugin through WordPress removes its option and transients', { skip }, async () => {
    const out = await wp.php(`
      require_once ABSPATH . 'wp-admin/includes/file.php';
      require_once ABSPATH . 'wp-admin/includes/plugin.php';
      deactivate_plugins(${JSON.stringify(PLUGIN)});
      $r = delete_plugins(array(${JSON.stringify(PLUGIN)}));
      echo is_wp_error($r) ? $r->get_error_message() : 'deleted';
      global $wpdb;
      echo ' left:', (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE '%ks\\\\_valgloftet%'");
      echo ' dir:', (int) is_dir(WP_PLUGIN_DIR . '/ks-valgloftet');
    `);
    assert.equal(out.trim(), 'deleted left:0 dir:0');
  });
});
