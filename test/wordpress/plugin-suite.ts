// The WordPress plugin (integrations/wordpress/ks-valgloftet, zipped by npm run build:wordpress) in a
// real WordPress (set up by wordpress.ts) with the real service on loopback: installed from the zip
// as WordPress's own installer unpacks it (PclZip; PHP's zip extension is absent), activated,
// pointed at the service, and used by an Author through the shortcode and the block, by a reader,
// and in the editor. Run by plugin.test.ts on WordPress 7.1 in nynorsk (the current release, the
// editor's canvas an iframe) and by plugin-6.1.test.ts on 6.1 (the oldest the plugin declares) in
// bokmål. 6.1 proves what differs between releases: that the plugin installs, renders, registers
// its scripts (a deferred loader without 6.3's loading strategies), previews its block and speaks
// the admin's APIs there. What is the same PHP and script on every release (options, signing, a
// service away, hanging and back) and what only the current release has (the iframed canvas, the
// Site Editor, the contrast check) run on 7.1; the settings page and the privacy text, the
// Settings and Privacy APIs alike on both, run on 6.1, whose admin loads in half the time.
//
// KS_VALGLOFTET_WP_ZIP names another zip (e.g. one built from a plugin core not yet committed).
// WORDPRESS_BLOCK_SCREENSHOT=docs/screenshot-wordpress-block-editor.png writes the block in 7.1's editor.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { DEFAULT_PLEDGE_URL } from '../../contract/links.js';
import { linkIn, type MailCatcher } from '../../server/test/harness.js';
import { countShown, startPledgeSite, type PledgeSite } from './fixture.js';
import { WORDPRESS_6, type Locale, type Release, type WordPress, type WordPressUser } from './wordpress.js';

const ZIP = resolve(process.env.KS_VALGLOFTET_WP_ZIP ?? 'dist/ks-valgloftet-wordpress.zip');
const PLUGIN = 'ks-valgloftet/ks-valgloftet.php';

/** The zip of the sources as they are (a few milliseconds), unless another was named. */
async function zipReady(): Promise<void> {
  if (!process.env.KS_VALGLOFTET_WP_ZIP) await promisify(execFile)('node', ['scripts/build-wordpress.mjs']);
  if (!existsSync(ZIP)) throw new Error(`${ZIP} is missing`);
}

interface Post {
  id: number;
  link: string;
}

/** The sidebar's labels in each language the plugin speaks (the block's JSON translations). */
const SIDEBAR: Record<Locale, string[]> = {
  nn_NO: [
    'Språk',
    'Vis teljaren',
    'Vis skjemaet for å slutte seg til',
    'frå KS, med teljaren',
    'Kommune eller fylkeskommune',
    'I skjemaet er kommunen alt vald.',
  ],
  nb_NO: [
    'Språk',
    'Vis telleren',
    'Vis skjemaet for å slutte seg til',
    'fra KS, med telleren',
    'Kommune eller fylkeskommune',
    'I skjemaet er den allerede valgt.',
  ],
};

/** What a reader is told when the service does not answer, in the widget's two languages. */
const UNREACHABLE = {
  nb: 'Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt.',
  nn: 'Vi fekk ikkje kontakt med tenesta. Prøv igjen om litt.',
};

/**
 * A socket that accepts and never answers, where the service was: what a hung service looks like.
 * It notes the path of each request it is sent.
 */
async function hangingService(port: number) {
  const sockets = new Set<Socket>();
  const paths: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => paths.push(/^[A-Z]+ (\S+)/.exec(String(chunk))?.[1] ?? '?'));
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return {
    paths,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          done();
        });
      }),
  };
}

export function pluginTests({ release, locale }: { release: Release; locale: Locale }): void {
  const current = release !== WORDPRESS_6.version;
  const siteLang = locale === 'nn_NO' ? 'nn' : 'nb';

  describe(`WordPress ${release} in ${locale}: the plugin from its zip`, { timeout: 420_000 }, () => {
    let wp: WordPress;
    let mail: MailCatcher;
    let browser: Browser;
    let site: PledgeSite;
    /** What `after` stops: undefined when the set-up failed before the site was whole. */
    let started: PledgeSite | undefined;
    /** The service's address: the same through a restart. */
    let serviceUrl: string;

    before(async () => {
      await zipReady();
      site = started = await startPledgeSite(`wp-plugin-${release}`, { release, locale });
      ({ wp, mail, browser } = site);
      serviceUrl = site.service.url;
    });
    after(async () => {
      await started?.stop();
    });

    async function publish(as: WordPressUser, title: string, content: string, type = 'posts'): Promise<Post> {
      const created = await wp.rest(as, `/wp/v2/${type}`, {
        method: 'POST',
        body: { title, content, status: 'publish' },
      });
      assert.equal(created.status, 201, await created.clone().text());
      return (await created.json()) as Post;
    }

    async function open(link: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico'))
          problems.push(`${m.text()} (${m.location().url ?? ''})`);
      });
      page.on('pageerror', (e) => problems.push((e as Error).message));
      await page.setViewport({ width, height: 900 });
      await page.goto(link, { waitUntil: 'load' });
      return { page, problems };
    }

    /**
     * PHP errors of the plugin's, and any fatal one: WordPress's own code logs deprecations on PHP
     * 8.2 (6.1's Requests_Cookie_Jar and others), which are none of the plugin's.
     */
    const phpErrors = async () =>
      (await wp.debugLog())
        .split('\n')
        .filter(
          (line) =>
            /PHP (Fatal|Parse)/.test(line) || (/PHP \w+/.test(line) && line.includes('/plugins/ks-valgloftet/')),
        );

    const signIn = (id: number) => site.signIn(id);

    /** The document the editor draws blocks in: the canvas's frame (always on 7.1), else the page. */
    async function canvas(page: Page): Promise<Page | Frame> {
      if (!current) return page;
      const iframe = await page.waitForSelector('iframe[name="editor-canvas"]', { timeout: 30_000 });
      const frame = await iframe?.contentFrame();
      assert.ok(frame, "the editor's canvas has a document");
      return frame;
    }

    /** The preview's widget shows the count, in the canvas; what it shows else, for a failure. */
    async function previewCounts(page: Page, where: Page | Frame): Promise<void> {
      try {
        await where.waitForFunction(
          () =>
            document
              .querySelector('[data-type="ks/valgloftet"] ks-valgloftet')
              ?.shadowRoot?.querySelector('[part="counter"]')
              ?.getAttribute('data-state') === 'ok',
          { timeout: 30_000 },
        );
      } catch (error) {
        const state = await where.evaluate(() => ({
          preview: document.querySelector('[data-type="ks/valgloftet"]')?.innerHTML.slice(0, 600),
          height: document.querySelector('[data-type="ks/valgloftet"]')?.getBoundingClientRect().height,
          defined: Boolean(customElements.get('ks-valgloftet')),
        }));
        await page.screenshot({ path: join(tmpdir(), 'ks-valgloftet-block-editor.png') });
        throw new Error(`no count in the preview: ${JSON.stringify(state)}`, { cause: error });
      }
    }

    /**
     * Selects the pledge's block in the editor. The editor draws the block again when its preview
     * settles, which can leave a handle detached under the click: ask for the block as it is now, and
     * again if it was drawn anew.
     */
    async function selectBlock(where: Page | Frame): Promise<void> {
      for (let tries = 0; ; tries++) {
        try {
          const current = await where.waitForSelector('[data-type="ks/valgloftet"]', { visible: true });
          await current?.click();
          return;
        } catch (error) {
          if (tries >= 4) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    }

    /** The site's language, written as the installer does (wordpress.ts: Debian has no core nn_NO). */
    const setSiteLocale = (value: Locale) =>
      wp.php(
        `$GLOBALS['wpdb']->update($GLOBALS['wpdb']->options, array('option_value' => '${value}'), array('option_name' => 'WPLANG')); wp_cache_flush();`,
      );

    /** The plugin's kept markups, as [name, age in seconds] (the failure marker apart). */
    const PLUGIN_TRANSIENTS = `$GLOBALS['wpdb']->get_col("SELECT option_name FROM {$GLOBALS['wpdb']->options} WHERE option_name LIKE '\\\\_transient\\\\_ks\\\\_valgloftet\\\\_markup\\\\_%'")`;
    /** Makes every kept markup `seconds` old (older than 300: stale, to be asked for again). */
    const ageCopies = (seconds: number) =>
      wp.php(`
        foreach (${PLUGIN_TRANSIENTS} as $name) {
          $key = substr($name, strlen('_transient_'));
          $copy = get_transient($key);
          if (is_array($copy)) { $copy['fetched'] = time() - ${seconds}; set_transient($key, $copy, WEEK_IN_SECONDS); }
        }`);
    /** Forgets that the service did not answer, as a minute passing does. */
    const forgetFailure = () =>
      wp.php(`
        foreach (${PLUGIN_TRANSIENTS} as $name) {
          if (str_contains($name, '_markup_down_')) delete_transient(substr($name, strlen('_transient_')));
        }`);
    /** Forgets every kept markup and the failure. */
    const forgetAll = () =>
      wp.php(`foreach (${PLUGIN_TRANSIENTS} as $name) delete_transient(substr($name, strlen('_transient_')));`);

    const posts: Record<string, Post> = {};

    test('installs from the zip with WordPress’s unzip_file and activates; the scripts are in it', async () => {
      const out = await wp.php(`
        require_once ABSPATH . 'wp-admin/includes/file.php';
        require_once ABSPATH . 'wp-admin/includes/plugin.php';
        WP_Filesystem();
        $r = unzip_file(${JSON.stringify(ZIP)}, WP_PLUGIN_DIR);
        if (is_wp_error($r)) { echo 'unzip: ', $r->get_error_message(); exit; }
        $a = activate_plugin(${JSON.stringify(PLUGIN)});
        echo is_wp_error($a) ? 'activate: ' . $a->get_error_message() : 'active:' . (int) is_plugin_active(${JSON.stringify(PLUGIN)});
        update_option('ks_valgloftet_service', ${JSON.stringify(serviceUrl)});
      `);
      assert.equal(out.trim(), 'active:1');
      // A new request runs init with the plugin loaded: the block is registered from block.json,
      // and the widget's scripts are the plugin's own, at the site's address.
      const registered = JSON.parse(
        await wp.php(`
          do_action('wp_enqueue_scripts');
          echo wp_json_encode(array(
            'block' => WP_Block_Type_Registry::get_instance()->get_registered('ks/valgloftet')?->api_version,
            'loader' => wp_scripts()->registered['ks-valgloftet-loader']->src ?? null,
            'widget' => wp_scripts()->registered['ks-valgloftet-widget']->src ?? null,
          ));`),
      ) as { block: number; loader: string; widget: string };
      assert.equal(registered.block, 3, 'block.json apiVersion 3');
      // The plugin directory derives the slug from the name as WordPress's sanitize_title() does:
      // it must be the text domain.
      const named = JSON.parse(
        await wp.php(`
          require_once ABSPATH . 'wp-admin/includes/plugin.php';
          $d = get_plugin_data(WP_PLUGIN_DIR . '/' . ${JSON.stringify(PLUGIN)}, false, false);
          echo wp_json_encode(array('slug' => sanitize_title($d['Name']), 'domain' => $d['TextDomain']));`),
      ) as { slug: string; domain: string };
      assert.deepEqual(named, { slug: 'ks-valgloftet', domain: 'ks-valgloftet' });
      // The block's contrast check and its number formats are the builder's, as they are: one source.
      for (const [zipped, source] of [
        ['block/contrast.js', 'server/builder/contrast.js'],
        ['block/number-format.js', 'contract/number-format.js'],
      ]) {
        const served = await fetch(`${wp.url}/wp-content/plugins/ks-valgloftet/${zipped}`);
        assert.equal(await served.text(), await readFile(source, 'utf8'), zipped);
      }
      for (const src of [registered.loader, registered.widget]) {
        assert.match(src, new RegExp(`^${wp.url}/wp-content/plugins/ks-valgloftet/assets/[0-9a-f]{12}/ks-valgloftet`));
        const served = await fetch(src);
        // Read to the end: PHP's server closes the connection after the answer, and a body left
        // unread under a closed socket is an uncaught error in fetch (undici), not a test failure.
        await served.arrayBuffer();
        assert.equal(served.status, 200, src);
        assert.match(served.headers.get('content-type') ?? '', /javascript/);
      }
      assert.deepEqual(await phpErrors(), []);
    });

    test(`an Author publishes the shortcode and the block; the pledge is in the HTML as served, the block in the site's language (${siteLang})`, async () => {
      posts.shortcode = await publish(wp.users.author, 'Valgløftet på nynorsk', '[valgloftet lang="nn"]');
      posts.block = await publish(
        wp.users.author,
        'Valgløftet på bokmål',
        '<!-- wp:ks/valgloftet {"lang":"nb","accent":"#005a9c"} /-->',
      );
      // No language of its own, wide, with an additional class: the block's supports on the page.
      posts.site = await publish(
        wp.users.author,
        'Valgløftet i språket til nettstaden',
        '<!-- wp:ks/valgloftet {"align":"wide","className":"kommunen-sin"} /-->',
      );
      for (const [post, lang] of [
        [posts.shortcode, 'nn'],
        [posts.block, 'nb'],
        [posts.site, siteLang],
      ] as const) {
        const html = await (await fetch(post.link)).text();
        const element = /<ks-valgloftet\b[^>]*>/.exec(html)?.[0] ?? '';
        assert.match(element, new RegExp(`lang="${lang}"`), `${post.link}: ${html.slice(0, 400)}`);
        assert.match(html, /<template\b[^>]*\bshadowrootmode="open"/, 'the declarative shadow root');
        assert.match(html, /part="lead"[^>]*>\s*\S/, 'the lead, with text');
        assert.match(html, /Valgløftet/);
      }
      // The block's wrapper carries its alignment and class (get_block_wrapper_attributes()).
      const html = await (await fetch(posts.site.link)).text();
      const wrapper = /<div class="([^"]*\bwp-block-ks-valgloftet\b[^"]*)">\s*<ks-valgloftet\b/.exec(html)?.[1];
      assert.deepEqual(wrapper?.split(/\s+/).sort(), ['alignwide', 'kommunen-sin', 'wp-block-ks-valgloftet']);
      assert.deepEqual(await phpErrors(), []);
    });

    if (current) {
      test('the block follows the site when its language changes: nb_NO speaks bokmål, nn_NO nynorsk', async () => {
        const other: Locale = locale === 'nn_NO' ? 'nb_NO' : 'nn_NO';
        const langOf = async () =>
          /<ks-valgloftet\b[^>]*\blang="(n[bn])"/.exec(await (await fetch(posts.site.link)).text())?.[1];
        try {
          await setSiteLocale(other);
          assert.equal(await langOf(), other === 'nn_NO' ? 'nn' : 'nb');
        } finally {
          await setSiteLocale(locale);
        }
        assert.equal(await langOf(), siteLang);
      });
    }

    // The shortcode's, the block's and the address's options, and a reader who signs: the same
    // PHP and the same script on every release, tested on the current one.
    if (current) {
      test('the council: the shortcode, the block and a pasted address put municipality on the element; a malformed one is dropped', async () => {
        const post = await publish(
          wp.users.author,
          'Valgløftet i Bergen',
          [
            '[valgloftet lang="nb" municipality="4601"]',
            '[valgloftet lang="nn" counter="no" municipality="46"]',
            '<!-- wp:ks/valgloftet {"lang":"nn","form":false,"municipality":"4601","accent":"#005a9c"} /-->',
            `${serviceUrl}/valgloftet/nn?no-form&municipality=4601`,
            '[valgloftet lang="nb" municipality="460"]',
            '[valgloftet lang="nb" municipality="Bergen"]',
            `[valgloftet lang="nb" municipality='4601" onmouseover="alert(1)']`,
            '<!-- wp:ks/valgloftet {"lang":"nb","municipality":"4601\\u0022 onmouseover=\\u0022alert(1)"} /-->',
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
      });

      test("the campaign: the shortcode, the block and a campaign's pasted address put campaign on the element, in its words; a malformed one is dropped; an unknown one keeps the service up (issue 27)", async () => {
        const post = await publish(
          wp.users.author,
          'Testløftet',
          [
            // First: the service answers 400 for an id it does not serve, and the widgets after it still get markup.
            '[valgloftet lang="nb" campaign="nope"]',
            '[valgloftet lang="nb" campaign="testloftet"]',
            '<!-- wp:ks/valgloftet {"lang":"nn","campaign":"testloftet","form":false} /-->',
            `${serviceUrl}/valgloftet/testloftet/nn?no-counter`,
            '[valgloftet lang="nb" campaign="Testloftet"]',
            `[valgloftet lang="nb" campaign='testloftet" onmouseover="alert(1)']`,
            '<!-- wp:ks/valgloftet {"lang":"nb","campaign":"testloftet\\u0022 onmouseover=\\u0022alert(1)"} /-->',
          ].join('\n\n'),
        );
        const html = await (await fetch(post.link)).text();
        const elements = html.match(/<ks-valgloftet\b[\s\S]*?<\/ks-valgloftet>/g) ?? [];
        const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
        const starts = elements.map((element) => /^<ks-valgloftet\b[^>]*>/.exec(element)?.[0] ?? '');
        assert.deepEqual(
          starts.map((tag) => [attribute(tag, 'lang'), attribute(tag, 'campaign')]),
          [
            ['nb', 'nope'],
            ['nb', 'testloftet'],
            ['nn', 'testloftet'],
            ['nn', 'testloftet'],
            ['nb', null],
            ['nb', null],
            ['nb', null],
          ],
          starts.join('\n'),
        );
        for (const tag of starts) assert.doesNotMatch(tag, /onmouseover|alert/, tag);
        // The unknown one: the element and its link, no markup; every other one the service's markup,
        // Testløftet's in its words and with its switches.
        const [unknown = '', named = '', block = '', , dropped = ''] = elements;
        assert.doesNotMatch(unknown, /<template\b/);
        for (const element of elements.slice(1)) assert.match(element, /<template\b[^>]*\bshadowrootmode="open"/);
        assert.match(named, /part="title"><!--lit-part-->Testløftet</);
        assert.match(named, /Testløftet er et oppdiktet løfte/);
        assert.match(block, /Testløftet er eit oppdikta løfte/);
        assert.match(
          starts.join('\n'),
          /campaign="testloftet"[^\n]*\n<ks-valgloftet [^\n]*no-form[^\n]*\n<ks-valgloftet [^\n]*no-counter/,
        );
        assert.match(dropped, /part="title"><!--lit-part-->Valgløftet 2023</);
        assert.deepEqual(await phpErrors(), []);
      });

      test('the widget renders in its language and counts, its scripts from the site itself; a reader signs, confirms, and the count rises', async () => {
        const { page: nn, problems: nnProblems } = await open(posts.shortcode.link);
        await countShown(nn);
        assert.equal(await nn.$eval('ks-valgloftet', (el) => el.getAttribute('lang')), 'nn');
        await nn.close();
        assert.deepEqual(nnProblems, []);

        const page = await browser.newPage();
        // Every script the page loads, and everything it asks the service for.
        const scripts: string[] = [];
        const asked: string[] = [];
        page.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.push(request.url());
          if (request.url().startsWith(serviceUrl)) asked.push(`${request.resourceType()} ${request.url()}`);
        });
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push((e as Error).message));
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(posts.block.link, { waitUntil: 'load' });
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
        // The loader, the widget and the form's module came from the site, and nothing else of ours.
        const ours = scripts.filter((url) => url.includes('ks-valgloftet'));
        assert.ok(
          ['ks-valgloftet-loader.js', 'ks-valgloftet.js', 'ks-valgloftet-form.js'].every((file) =>
            ours.some((url) => url.includes(`/wp-content/plugins/ks-valgloftet/assets/`) && url.includes(`/${file}`)),
          ),
          ours.join('\n'),
        );
        assert.ok(
          ours.every((url) => url.startsWith(`${wp.url}/`)),
          ours.join('\n'),
        );
        // The service is asked for data only: the count, the form's lists, the signature.
        assert.deepEqual(
          asked.filter((line) => !/^(fetch|preflight|other) \S+\/api\//.test(line)),
          [],
        );
      });
    }

    test('a page with two shortcodes and a block loads the loader once, from the site', async () => {
      const post = await publish(
        wp.users.author,
        'Tre gonger',
        '[valgloftet]\n\n[valgloftet lang="nn" counter="no"]\n\n<!-- wp:ks/valgloftet {"lang":"nn","form":false} /-->',
      );
      posts.three = post;
      const html = await (await fetch(post.link)).text();
      assert.equal(html.match(/<ks-valgloftet\b/g)?.length, 3);
      const loaders = html.match(/<script\b[^>]*ks-valgloftet-loader\.js[^>]*>/g) ?? [];
      assert.equal(loaders.length, 1, 'one loader script');
      assert.match(loaders[0], new RegExp(`src=["']${wp.url}/wp-content/plugins/ks-valgloftet/assets/`));
      assert.match(loaders[0], /\sdefer\b/);
    });

    test(`the block in the ${current ? 'iframed ' : ''}post editor: the options in the sidebar and a live preview of the widget${current ? ', with the contrast check' : ''}`, async () => {
      await signIn(wp.users.author.id);
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push((e as Error).message));
      page.on('dialog', (dialog) => void dialog.accept());
      await page.setViewport({ width: 1280, height: 1000 });
      const edit = `${wp.url}/wp-admin/post.php?post=${posts.block.id}&action=edit`;
      await page.goto(edit, { waitUntil: 'load' });
      let where = await canvas(page);
      // The preview is the PHP output, upgraded by the widget's script in the canvas: the count comes.
      await previewCounts(page, where);
      const height = await where.$eval(
        '[data-type="ks/valgloftet"] ks-valgloftet',
        (el) => el.getBoundingClientRect().height,
      );
      assert.ok(height > 300, `the preview is the pledge, ${height} px tall`);
      await selectBlock(where);
      const sidebar = await page.waitForSelector('.block-editor-block-inspector', { timeout: 10_000 });
      const labels = await sidebar?.evaluate((el) => el.textContent);
      // The editor speaks the user's language, which is the site's until the user picks one.
      for (const label of SIDEBAR[locale]) assert.ok(labels?.includes(label), `${label} in: ${labels}`);
      // The council from the service's list: the preview's element takes it.
      const council = await page.waitForSelector('.block-editor-block-inspector select:has(option[value="4601"])', {
        timeout: 10_000,
      });
      assert.equal(
        await council?.evaluate((el) => el.querySelector('option')?.textContent),
        locale === 'nn_NO' ? 'Ingen (berre nasjonale tal)' : 'Ingen (bare nasjonale tall)',
      );
      await council?.select('4601');
      await where.waitForFunction(
        () =>
          document.querySelector('[data-type="ks/valgloftet"] ks-valgloftet')?.getAttribute('municipality') === '4601',
        { timeout: 20_000 },
      );

      if (current) {
        // The colours get the builder's contrast check: a pale accent on the light background fails,
        // named with its ratio; a dark one passes, and the warning goes.
        const colours = await page.waitForSelector(
          `xpath///button[contains(@class,"components-panel__body-toggle")][contains(., "${locale === 'nn_NO' ? 'Fargar' : 'Farger'}")]`,
        );
        await colours?.click();
        const accent = await page.waitForSelector(
          `xpath///label[normalize-space()="${locale === 'nn_NO' ? 'Framhevingsfarge' : 'Uthevingsfarge'}"]/following::input[1]`,
        );
        // The block has an accent already: replace it, as an editor does.
        await accent?.evaluate((el) => {
          (el as HTMLInputElement).select();
        });
        await accent?.type('#ffd700');
        const warning = await page.waitForSelector('.ks-valgloftet-contrast', { timeout: 10_000 });
        const said = await warning?.evaluate((el) => el.textContent);
        assert.match(said ?? '', locale === 'nn_NO' ? /For låg kontrast/ : /For lav kontrast/);
        assert.match(
          said ?? '',
          // The decimal comma in both: Debian's Chromium has no nynorsk number format, and the
          // builder's number formats fall back to bokmål's, which are the same.
          locale === 'nn_NO' ? /Overskrifter, lenker og knappar på bakgrunnen: 1,\d : 1/ : /på bakgrunnen: 1,\d : 1/,
        );
        assert.deepEqual(
          await page.$$eval('.ks-valgloftet-contrast li', (items) => items.map((li) => li.getAttribute('data-pair'))),
          ['accent', 'counter'],
        );
        await accent?.evaluate((el) => {
          (el as HTMLInputElement).select();
        });
        await accent?.type('#0b3d5c');
        await page.waitForFunction(() => !document.querySelector('.ks-valgloftet-contrast'), { timeout: 10_000 });
        // The preview takes the colour.
        await where.waitForFunction(
          () =>
            document
              .querySelector('[data-type="ks/valgloftet"] ks-valgloftet')
              ?.getAttribute('style')
              ?.includes('--ks-valgloftet-accent:#0b3d5c'),
          { timeout: 20_000 },
        );
        if (process.env.WORDPRESS_BLOCK_SCREENSHOT) {
          await previewCounts(page, where);
          await where.waitForFunction(() => document.getAnimations().length === 0);
          await page.screenshot({ path: process.env.WORDPRESS_BLOCK_SCREENSHOT });
        }

        // The same sidebar for an editor who works in another language than the site's.
        for (const userLocale of [locale === 'nn_NO' ? 'nb_NO' : 'nn_NO'] as const) {
          await wp.php(`update_user_meta(${wp.users.author.id}, 'locale', '${userLocale}');`);
          try {
            await page.goto(edit, { waitUntil: 'load' });
            where = await canvas(page);
            await selectBlock(where);
            const inspector = await page.waitForSelector('.block-editor-block-inspector', { timeout: 10_000 });
            const text = await inspector?.evaluate((el) => el.textContent);
            for (const label of SIDEBAR[userLocale])
              assert.ok(text?.includes(label), `${userLocale}: ${label} in: ${text}`);
          } finally {
            await wp.php(`delete_user_meta(${wp.users.author.id}, 'locale');`);
          }
        }
      }
      await page.close();
      assert.deepEqual(problems, []);
    });

    if (current) {
      test('the block in the Site Editor: a page with the block shows the live widget in its canvas', async () => {
        // A page of the administrator's, who may edit the site.
        const pageId = Number(
          await wp.php(
            `echo wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_author' => 1, 'post_title' => 'Valgløftet', 'post_content' => '<!-- wp:ks/valgloftet /-->'));`,
          ),
        );
        await signIn(1);
        const editor = await browser.newPage();
        const problems: string[] = [];
        editor.on('pageerror', (e) => problems.push((e as Error).message));
        await editor.setViewport({ width: 1280, height: 1000 });
        await editor.goto(`${wp.url}/wp-admin/site-editor.php?p=${encodeURIComponent(`/page/${pageId}`)}&canvas=edit`, {
          waitUntil: 'load',
        });
        const where = await canvas(editor);
        await where.waitForSelector('[data-type="ks/valgloftet"]', { timeout: 30_000 });
        await previewCounts(editor, where);
        assert.equal(
          await where.$eval('[data-type="ks/valgloftet"] ks-valgloftet', (el) => el.getAttribute('lang')),
          siteLang,
        );
        await editor.close();
        assert.deepEqual(problems, []);
      });
    }

    if (!current) {
      // The Settings API's page, alike on every release: tested once, where the admin is lighter.
      test('Settings → Valgløftet refuses an unreachable address and http to a public host, saves a good one; an Author cannot reach it', async () => {
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
          assert.equal(await option(), serviceUrl, `${bad} was not saved`);
        }
        await wp.php(`update_option('ks_valgloftet_service', '');`);
        const notices = await save(serviceUrl);
        assert.ok(!notices.some((n) => n.includes('notice-error')), JSON.stringify(notices));
        assert.equal(await option(), serviceUrl);
        await page.close();

        await signIn(wp.users.author.id);
        const author = await browser.newPage();
        const response = await author.goto(settings, { waitUntil: 'load' });
        assert.equal(response?.status(), 403);
        assert.equal(await author.$('#ks-valgloftet-service'), null);
        await author.close();
      });

      test("the plugin's text for the site's privacy policy is in WordPress's Policy Guide, in the site's language", async () => {
        await signIn(1);
        const page = await browser.newPage();
        await page.goto(`${wp.url}/wp-admin/options-privacy.php?tab=policyguide`, { waitUntil: 'domcontentloaded' });
        const text = await page.$eval('body', (body) => body.textContent.replace(/\s+/g, ' '));
        await page.close();
        assert.ok(text.includes('KS Valgløftet'), 'the plugin names its section');
        for (const said of [
          `Dette nettstedet viser valgløftet til KS, Valgløftet 2023, fra Valgløftet-tjenesten på ${serviceUrl}.`,
          'Dette nettstedet tar ikke vare på noe av dette.',
        ]) {
          assert.ok(text.includes(said), `${said} in: ${text.slice(0, 2000)}`);
        }
      });
    }

    /** What one reader's view of a post took, and what it showed. */
    interface View {
      /** The served HTML. */
      html: string;
      /** From the request to the first byte of the answer: WordPress building the page. */
      buildMs: number;
      /** From the start of the navigation to the end of DOMContentLoaded's handlers. */
      domContentLoadedMs: number;
      page: Page;
      problems: string[];
    }
    /** Figures for the closing note: every view of the service-away test. */
    const figures: string[] = [];

    /**
     * A reader's view, as a reader who has not been here: a browser context of its own, so nothing
     * the service answered before (the form's lists are cacheable) is at hand. `page.close()` ends it.
     */
    async function view(link: string, what: string): Promise<View> {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.once('close', () => void context.close());
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push((e as Error).message));
      const response = await page.goto(link, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      assert.ok(response);
      const html = await response.text();
      const timing = await page.evaluate(() => {
        const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return { build: entry.responseStart - entry.requestStart, dcl: entry.domContentLoadedEventEnd };
      });
      const figure = `${what}: page built in ${Math.round(timing.build)} ms, DOMContentLoaded at ${Math.round(timing.dcl)} ms`;
      figures.push(figure);
      console.log(`# ${release} ${figure}`);
      return { html, buildMs: timing.build, domContentLoadedMs: timing.dcl, page, problems };
    }

    /**
     * The three widgets of the post `three`, each the kept markup (a declarative shadow root): no
     * stray value in a widget's place, such as the "0" WordPress hands back for a cached failure.
     */
    function assertCopies(html: string, what: string): void {
      const widgets = html.match(/<ks-valgloftet\b[\s\S]*?<\/ks-valgloftet>/g) ?? [];
      assert.equal(widgets.length, 3, `${what}: three widgets`);
      for (const widget of widgets) assert.match(widget, /<template\b[^>]*\bshadowrootmode="open"/, what);
    }

    // A page while the service is away: WordPress's HTTP and transients APIs, alike on every
    // release, tested on the current one.
    if (current) {
      test('with the service stopped the page shows the last good copy, then the pledge linking to KS; the join button says the service is away; no page waits', async () => {
        // Fresh copies of the three widgets, as the service gave them.
        for (const v of [await view(posts.three.link, 'service up')]) {
          assertCopies(v.html, 'service up');
          await v.page.close();
        }
        await site.service.stop();
        await ageCopies(301);
        for (const n of [1, 2, 3]) {
          const v = await view(posts.three.link, `service stopped, copies stale, view ${n}`);
          assertCopies(v.html, `stopped, view ${n}`);
          assert.ok(v.buildMs < 3000, `view ${n} waited ${v.buildMs} ms (the bound is 2 s)`);
          await v.page.close();
        }
        assert.deepEqual(await phpErrors(), []);

        // No copy at all: the pledge's fallback, the element with a link to KS, which the widget's
        // script (from the site) fills with the pledge; pressing the call to action says why no form.
        await forgetAll();
        for (const n of [1, 2]) {
          const v = await view(posts.shortcode.link, `service stopped, no copy, view ${n}`);
          const widget = /<ks-valgloftet\b[\s\S]*?<\/ks-valgloftet>/.exec(v.html)?.[0] ?? '';
          assert.match(widget, /^<ks-valgloftet\b[^>]*\blang="nn"[^>]*\bapi="[^"]+\/api"/, widget);
          assert.ok(widget.includes(`<a href="${DEFAULT_PLEDGE_URL}">`), `the fallback links to KS: ${widget}`);
          assert.doesNotMatch(widget, new RegExp(`href="${serviceUrl}`), 'no link to the stopped service');
          if (n === 2) {
            const { page } = v;
            await page.waitForFunction(
              () => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('h2')?.textContent,
              { timeout: 10_000 },
            );
            const button = await page.waitForFunction(() =>
              document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('[part="join"] button'),
            );
            await (button.asElement() as unknown as { click(): Promise<void> }).click();
            try {
              await page.waitForFunction(
                (text) =>
                  document
                    .querySelector('ks-valgloftet')
                    ?.shadowRoot?.querySelector('[part="join"]')
                    ?.textContent.includes(text),
                { timeout: 20_000 },
                UNREACHABLE.nn,
              );
            } catch (error) {
              const said = await page.evaluate(
                () => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('[part="join"]')?.outerHTML,
              );
              await page.screenshot({ path: join(tmpdir(), 'ks-valgloftet-join-away.png') });
              throw new Error(`the call to action says: ${said}`, { cause: error });
            }
            assert.deepEqual(v.problems, []);
          }
          await v.page.close();
        }
        assert.deepEqual(await phpErrors(), []);
      });

      test('with the service hanging (it accepts and never answers) a view waits once, for 1 s at most, and none after it; DOMContentLoaded does not wait for the service', async () => {
        // Copies again, from the service, then stale.
        await forgetFailure();
        await site.restartService();
        await (await view(posts.three.link, 'service up again')).page.close();
        await site.service.stop();
        await ageCopies(301);
        const hanging = await hangingService(Number(new URL(serviceUrl).port));
        try {
          for (const n of [1, 2, 3]) {
            const asked = hanging.paths.filter((path) => path.startsWith('/api/markup')).length;
            const v = await view(posts.three.link, `service hanging, copies stale, view ${n}`);
            assertCopies(v.html, `hanging, view ${n}`);
            const askedNow = hanging.paths.filter((path) => path.startsWith('/api/markup')).length - asked;
            // The first view asks once (not once per widget) and gives up after 1 s; the next ask none.
            assert.equal(askedNow, n === 1 ? 1 : 0, `view ${n} asked the hanging service ${askedNow} times`);
            assert.ok(v.buildMs < (n === 1 ? 3000 : 2000), `view ${n} waited ${v.buildMs} ms`);
            assert.ok(v.domContentLoadedMs < 5000, `view ${n}: DOMContentLoaded at ${v.domContentLoadedMs} ms`);
            await v.page.close();
          }
        } finally {
          await hanging.close();
        }
        assert.deepEqual(await phpErrors(), []);
      });

      test('with the service back, the next view after the failure is forgotten has fresh markup and the count', async () => {
        await forgetFailure();
        await site.restartService();
        await ageCopies(301);
        const v = await view(posts.three.link, 'service back');
        assertCopies(v.html, 'back');
        await countShown(v.page);
        await v.page.close();
        // Fresh: the copies were fetched again just now.
        const ages = JSON.parse(
          await wp.php(`
          $ages = array();
          foreach (${PLUGIN_TRANSIENTS} as $name) {
            $copy = get_transient(substr($name, strlen('_transient_')));
            if (is_array($copy)) $ages[] = time() - $copy['fetched'];
          }
          echo wp_json_encode($ages);`),
        ) as number[];
        // (The post's three, fetched just now; copies of other posts' widgets may be older.)
        assert.ok(ages.filter((age) => age < 60).length >= 3, JSON.stringify(ages));
        console.log(`# ${release} figures:\n${figures.map((f) => `#   ${f}`).join('\n')}`);
        assert.deepEqual(await phpErrors(), []);
      });
    }

    test('deleting the plugin through WordPress removes its option and transients', async () => {
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
}
