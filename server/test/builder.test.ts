// GET /embed/builder against the real service: the page in both languages under the strict CSP,
// the code for the defaults rendered on the server from PUBLIC_URL (the page without script), and
// its files served as plain files with their types.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { snippets } from '../../contract/embed-snippets.js';
import { within } from '@testing-library/dom';
import { builderTexts } from '../builder/texts.js';
import { LOOK_PATH } from '../pages/look.js';
import { rm } from 'node:fs/promises';
import { campaignsDir, day } from './campaigns-dir.js';
import { startService, type Service } from './harness.js';
import { readPage, type ReadPage } from './page.js';

/** A code box's text as the browser reads it (the way shown, or one of the other ways). */
const textarea = (html: string, kind: string) => {
  const area = readPage(html).document.getElementById(`code-${kind}`);
  assert.equal(area?.tagName, 'TEXTAREA', `a textarea for ${kind}`);
  return area.textContent;
};

/** The header's link to the same page in the other language: where it goes, in which language. */
const otherLanguage = (page: ReadPage, name: string) => {
  const link = page.screen.getByRole('link', { name });
  return [link.id, link.getAttribute('href'), link.getAttribute('hreflang'), link.getAttribute('lang')];
};

/** The data block the page script reads. */
const scriptData = (page: ReadPage) =>
  JSON.parse(page.document.getElementById('builder-texts')?.textContent ?? '{}') as { service?: string };

describe('GET /embed/builder', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  test('in bokmål by default, under the strict CSP, never framed, revalidated on each visit', async () => {
    const res = await fetch(`${s.url}/embed/builder`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const page = readPage(await res.text());
    assert.equal(page.lang, 'nb');
    assert.equal(page.heading, 'Vis Valgløftet på nettstedet ditt');
    assert.deepEqual(otherLanguage(page, 'Denne sida på nynorsk'), [
      'other-language',
      '/embed/builder?lang=nn',
      'nn',
      'nn',
    ]);
    // No inline script or style for the CSP to refuse: scripts by src, the one data block excepted.
    for (const script of page.document.querySelectorAll('script')) {
      assert.ok(
        (script.getAttribute('src')?.startsWith('/') ?? false) || script.type === 'application/json',
        script.outerHTML,
      );
    }
    assert.equal(page.document.querySelectorAll('style, [style]').length, 0);
    // The one look of the service's pages.
    const sheets = [...page.document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'));
    assert.deepEqual(sheets, [LOOK_PATH]);
  });

  test('a description in each language, and an absolute link to the other language (issue 24, item 8)', async () => {
    for (const [lang, other, description] of [
      ['nb', 'nn', 'Vis Valgløftet 2023 fra KS på nettstedet ditt: velg språk, innhold og farger'],
      ['nn', 'nb', 'Vis Valgløftet 2023 frå KS på nettstaden din: vel språk, innhald og fargar'],
    ]) {
      const { document } = readPage(await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text());
      const content = document.head.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
      assert.ok(content.startsWith(description) && content.length > description.length, content);
      const link = document.head.querySelector(`link[rel="alternate"][hreflang="${other}"]`);
      assert.equal(link?.getAttribute('href'), `${s.url}/embed/builder?lang=${other}`);
    }
  });

  test('in nynorsk with ?lang=nn, and the way back to bokmål', async () => {
    const html = await (await fetch(`${s.url}/embed/builder?lang=nn`)).text();
    const page = readPage(html);
    assert.equal(page.lang, 'nn');
    assert.equal(page.heading, 'Vis Valgløftet på nettstaden din');
    assert.deepEqual(otherLanguage(page, 'Denne siden på bokmål'), [
      'other-language',
      '/embed/builder?lang=nb',
      'nb',
      'nb',
    ]);
    // The settings are hidden until the page script shows them; the radio is read where it is.
    const nynorsk = page.document.getElementById('lang-nn') as HTMLInputElement;
    assert.deepEqual([nynorsk.type, nynorsk.name, nynorsk.value, nynorsk.checked], ['radio', 'lang', 'nn', true]);
    assert.equal((page.document.getElementById('lang-nb') as HTMLInputElement).checked, false);
    assert.match(
      textarea(html, 'module'),
      /<ks-valgloftet lang="nn"><a href="[^"]+\/valgloftet\/nn">Les om Valgløftet 2023 hjå KS<\/a>/,
    );
  });

  test('without script the page holds the code for its defaults, made from PUBLIC_URL', async () => {
    for (const lang of ['nb', 'nn'] as const) {
      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text();
      const expected = snippets(s.config.publicUrl, { lang });
      for (const kind of ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const) {
        assert.equal(textarea(html, kind), expected[kind], `${lang} ${kind}`);
      }
      assert.equal(scriptData(readPage(html)).service, s.config.publicUrl);
    }
  });

  test("the shortcode's section links the WordPress plugin, which the service serves", async () => {
    for (const [lang, text] of [
      ['nb', 'Last ned utvidelsen for WordPress'],
      ['nn', 'Last ned utvidinga for WordPress'],
    ] as const) {
      const page = readPage(await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text());
      const section = page.screen.getByRole('region', { name: builderTexts[lang].kinds.shortcode.title, hidden: true });
      const link = within(section).getByRole('link', { name: text, hidden: true });
      const href = link.getAttribute('href') ?? '';
      assert.ok(link.hasAttribute('download'));
      assert.equal(href, '/wordpress/ks-valgloftet.zip', lang);
      const zip = await fetch(new URL(href, s.url));
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
    }
  });

  test('a labelled list of every council from the service\'s list, "none" first and chosen, in bokmål and nynorsk', async () => {
    const list = (await (await fetch(`${s.url}/api/municipalities`)).json()) as { code: string; name: string }[];
    for (const [lang, none, legend] of [
      ['nb', 'Ingen (bare nasjonale tall)', 'Lokale tall'],
      ['nn', 'Ingen (berre nasjonale tal)', 'Lokale tal'],
    ] as const) {
      const page = readPage(await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text());
      // The settings are hidden until the page script shows them: read them with hidden ones too.
      const group = page.screen.getByRole('group', { name: legend, hidden: true });
      const select = within(group).getByRole<HTMLSelectElement>('combobox', {
        name: 'Kommune eller fylkeskommune',
        hidden: true,
      });
      assert.equal(select.name, 'municipality');
      assert.match(select.getAttribute('aria-describedby') ?? '', /municipality-hint/);
      assert.match(page.document.getElementById('municipality-hint')?.textContent ?? '', /^Under de/);
      const options = [...select.options].map((o) => ({
        value: o.value,
        selected: o.hasAttribute('selected'),
        text: o.textContent,
      }));
      assert.deepEqual(options[0], { value: '', selected: true, text: none });
      assert.equal(options.filter((o) => o.selected).length, 1);
      // Every council of the list, Oslo once (0301: the municipality and the county are one council);
      // a council whose Sámi or Kven name does not begin its option has one under that name too.
      assert.deepEqual(
        [...new Set(options.slice(1).map((o) => o.value))].sort(),
        list
          .map((m) => m.code)
          .filter((code) => code !== '03')
          .sort(),
      );
      const texts = (code: string) => options.filter((o) => o.value === code).map((o) => o.text);
      assert.deepEqual(texts('4601'), ['Bergen']);
      assert.deepEqual(texts('0301'), ['Oslo']);
      assert.deepEqual(texts('46'), ['Vestland fylkeskommune']);
      assert.deepEqual(texts('1853'), ['Evenášši (Evenes – Evenášši)', 'Evenes – Evenášši']);
      assert.deepEqual(texts('5612'), ['Guovdageaidnu – Kautokeino', 'Kautokeino (Guovdageaidnu – Kautokeino)']);
      assert.deepEqual(texts('5610'), ['Kárášjohka – Karasjok', 'Karasjok (Kárášjohka – Karasjok)']);
    }
  });

  test('?have= shows its one way first, the rest under a closed "Andre måter"; none until asked (issue 26, item 10)', async () => {
    for (const [lang, legend, summary] of [
      ['nb', 'Hva har du\\?', 'Andre måter'],
      ['nn', 'Kva har du\\?', 'Andre måtar'],
    ] as const) {
      const asked = readPage(await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text());
      const question = asked.screen.getByRole('group', { name: new RegExp(`^${legend}$`) });
      assert.equal(question.getAttribute('aria-describedby'), 'ask-hint');
      const ask = question.closest('form');
      assert.deepEqual(
        ['id', 'action', 'method'].map((a) => ask?.getAttribute(a)),
        ['ask', '/embed/builder', 'get'],
      );
      const radios = within(question).getAllByRole<HTMLInputElement>('radio');
      assert.equal(radios.length, 6);
      assert.equal(radios.filter((r) => r.checked).length, 0);
      const way = (page: ReadPage) => page.document.getElementById('way');
      assert.deepEqual([way(asked)?.dataset.answer, way(asked)?.hidden], ['', true]);
      assert.equal(asked.document.getElementById('no-answer')?.hidden, false);
      const snippets_ = (page: ReadPage) => [...page.document.querySelectorAll<HTMLElement>('section.snippet')];
      assert.equal(snippets_(asked).filter((section) => section.hidden).length, 0);

      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}&have=wp-author`)).text();
      const page = readPage(html);
      const chosen = page.screen.getAllByRole<HTMLInputElement>('radio').filter((r) => r.name === 'have' && r.checked);
      assert.deepEqual(
        chosen.map((r) => [r.id, r.value]),
        [['have-wp-author', 'wp-author']],
      );
      assert.deepEqual([way(page)?.dataset.answer, way(page)?.hidden], ['wp-author', false]);
      assert.equal(page.document.getElementById('no-answer')?.hidden, true);
      assert.equal(textarea(html, 'way'), snippets(s.config.publicUrl, { lang }).url);
      // That way once: hidden under "Andre måter", which is closed; the other five there.
      const details = page.document.getElementById('other-ways') as HTMLDetailsElement;
      assert.equal(details.tagName, 'DETAILS');
      assert.equal(details.open, false);
      assert.equal(details.querySelector('summary')?.textContent, summary);
      assert.deepEqual(
        snippets_(page)
          .filter((section) => section.hidden)
          .map((section) => section.getAttribute('aria-labelledby')),
        ['title-url'],
      );
      assert.equal(snippets_(page).filter((section) => details.contains(section)).length, 6);
      // The link to the other language keeps the answer.
      assert.match(
        page.document.getElementById('other-language')?.getAttribute('href') ?? '',
        /^\/embed\/builder\?lang=n[bn]&have=wp-author$/,
      );
      // The administrator's way links the plugin's zip.
      const admin = await (await fetch(`${s.url}/embed/builder?lang=${lang}&have=wp-admin`)).text();
      const download = readPage(admin).document.getElementById('way-download');
      assert.equal(download?.hidden, false);
      assert.equal(download.querySelector('a[download]')?.getAttribute('href'), '/wordpress/ks-valgloftet.zip');
      assert.equal(textarea(admin, 'way'), snippets(s.config.publicUrl, { lang }).shortcode);
    }
  });

  test('a hostile ?have= gets the question unanswered and is never echoed', async () => {
    for (const have of ['"><script>alert(1)</script>', 'WP-AUTHOR', 'wp-author ', 'constructor', 'toString']) {
      const res = await fetch(`${s.url}/embed/builder?have=${encodeURIComponent(have)}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      const way = readPage(html).document.getElementById('way');
      assert.deepEqual([way?.dataset.answer, way?.hidden], ['', true], have);
      assert.doesNotMatch(html, /alert\(1\)|WP-AUTHOR|have=|name="have" value="[^"]+" checked/, have);
    }
  });

  test('a hostile ?lang= gets the bokmål page and is never echoed', async () => {
    for (const lang of ['"><script>alert(1)</script>', 'nn"><b>bold</b>', 'NN', 'nn-NO', 'en']) {
      const res = await fetch(`${s.url}/embed/builder?lang=${encodeURIComponent(lang)}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.equal(readPage(html).lang, 'nb', lang);
      assert.doesNotMatch(html, /alert\(1\)|<b>bold|NN|nn-NO|lang="en"/, lang);
    }
  });

  test('a hostile PUBLIC_URL is refused before it reaches a page', async () => {
    const hostile = await startService({ PUBLIC_URL: 'https://valgloftet.example.no/"><script>alert(1)</script>' });
    try {
      // The harness sets the public URL to its own address after listening; put the hostile one back.
      hostile.config.publicUrl = 'https://valgloftet.example.no/"><script>alert(1)</script>';
      const res = await fetch(`${hostile.url}/embed/builder`);
      assert.equal(res.status, 500);
      assert.doesNotMatch(await res.text(), /<script>alert/);
    } finally {
      await hostile.dispose();
    }
  });

  test('its files: the page script and the contract modules, with their types; its rules are in the one look', async () => {
    const files = {
      '/embed/builder.js': 'text/javascript',
      '/embed/contrast.js': 'text/javascript',
      '/embed/contract/embed.js': 'text/javascript',
      '/embed/contract/embed-snippets.js': 'text/javascript',
    };
    for (const [path, type] of Object.entries(files)) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`, path);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=300', path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    }
    // Its old stylesheet is gone: its rules are in the one look, under its page's class.
    assert.equal((await fetch(`${s.url}/embed/builder.css`)).status, 404);
    assert.match(await (await fetch(`${s.url}${LOOK_PATH}`)).text(), /\.builder \.workbench/);
    // The modules the page script imports resolve to files the service serves.
    const script = await (await fetch(`${s.url}/embed/builder.js`)).text();
    for (const [, spec] of script.matchAll(/from '(\.[^']+)'/g)) {
      const res = await fetch(new URL(spec, `${s.url}/embed/builder.js`));
      assert.equal(res.status, 200, spec);
    }
  });
});

describe('GET /embed/builder with two campaigns (issue 27)', () => {
  // Testløftet opens in a week: Valgløftet 2023 stays current.
  let s: Service;
  let dir: string;
  before(async () => {
    dir = await campaignsDir({ opens: day(7), closes: day(60) });
    s = await startService({ CAMPAIGNS_DIR: dir });
  });
  after(async () => {
    await s.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const page = async (query: string) => readPage(await (await fetch(`${s.url}/embed/builder${query}`)).text());
  const choice = (p: ReadPage) => p.screen.getByRole<HTMLSelectElement>('combobox', { name: 'Kampanje', hidden: true });

  test("offers every campaign the service serves, by its title and state in the page's language, the current one chosen", async () => {
    for (const [lang, open, upcoming, hint] of [
      ['nb', 'Valgløftet 2023 (åpen)', 'Testløftet (ikke åpnet ennå)', /^Den gjeldende kampanjen er valgt/],
      ['nn', 'Valgløftet 2023 (open)', 'Testløftet (ikkje opna enno)', /^Den gjeldande kampanjen er vald/],
    ] as const) {
      const p = await page(`?lang=${lang}`);
      const select = choice(p);
      assert.equal(select.name, 'campaign');
      assert.equal(select.dataset.current, '2023');
      assert.match(p.document.getElementById('campaign-hint')?.textContent ?? '', hint);
      // Newest election first, as the service lists them.
      assert.deepEqual(
        [...select.options].map((o) => [o.value, o.textContent, o.hasAttribute('selected')]),
        [
          ['testloftet', upcoming, false],
          ['2023', open, true],
        ],
        lang,
      );
      // The current one chosen: the code is today's, byte for byte, and the preview names none.
      const expected = snippets(s.config.publicUrl, { lang });
      for (const kind of ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const) {
        assert.equal(textarea(p.document.documentElement.outerHTML, kind), expected[kind], `${lang} ${kind}`);
      }
      assert.equal(p.document.getElementById('preview')?.hasAttribute('campaign'), false);
      // The page script gets each campaign's titles, for the code it makes.
      const data = JSON.parse(p.document.getElementById('builder-texts')?.textContent ?? '{}') as {
        campaigns: Record<string, { nb: string; nn: string }>;
      };
      assert.deepEqual(data.campaigns, {
        testloftet: { nb: 'Testløftet', nn: 'Testløftet' },
        '2023': { nb: 'Valgløftet 2023', nn: 'Valgløftet 2023' },
      });
    }
    // A closed campaign says so.
    const closedDir = await campaignsDir({ opens: day(-30), closes: day(-2) });
    const closed = await startService({ CAMPAIGNS_DIR: closedDir });
    try {
      const p = readPage(await (await fetch(`${closed.url}/embed/builder?lang=nn`)).text());
      assert.equal(choice(p).options[0].textContent, 'Testløftet (avslutta)');
    } finally {
      await closed.dispose();
      await rm(closedDir, { recursive: true, force: true });
    }
  });

  test('?campaign= chooses another, and every snippet, the preview and the other language carry it', async () => {
    const p = await page('?lang=nn&have=wp-plugin&campaign=testloftet');
    const select = choice(p);
    assert.equal(select.selectedOptions[0].value, 'testloftet');
    const html = p.document.documentElement.outerHTML;
    const expected = snippets(s.config.publicUrl, { lang: 'nn', campaign: 'testloftet' }, 'Testløftet');
    for (const kind of ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const) {
      assert.equal(textarea(html, kind), expected[kind], kind);
      assert.match(expected[kind], /campaign="testloftet"|campaign=testloftet|\/valgloftet\/testloftet\/nn/, kind);
    }
    assert.equal(textarea(html, 'way'), '[valgloftet lang="nn" campaign="testloftet"]');
    assert.equal(p.document.getElementById('preview')?.getAttribute('campaign'), 'testloftet');
    assert.equal(
      p.screen.getByRole('link', { name: 'Denne siden på bokmål' }).getAttribute('href'),
      '/embed/builder?lang=nb&have=wp-plugin&campaign=testloftet',
    );
  });

  test('a service of one campaign offers no choice, and its code names none', async () => {
    const one = await startService();
    try {
      const p = readPage(await (await fetch(`${one.url}/embed/builder?campaign=2023`)).text());
      assert.equal(p.screen.queryByRole('combobox', { name: 'Kampanje', hidden: true }), null);
      assert.equal(
        p.document.getElementById('code-module')?.textContent,
        snippets(one.config.publicUrl, { lang: 'nb' }).module,
      );
    } finally {
      await one.dispose();
    }
  });

  test('an unknown or hostile ?campaign= gets the current one chosen, and is never echoed', async () => {
    for (const campaign of ['2027', 'Testloftet', '"><script>alert(1)</script>', 'testloftet ', 'a'.repeat(101)]) {
      const res = await fetch(`${s.url}/embed/builder?campaign=${encodeURIComponent(campaign)}`);
      assert.equal(res.status, 200, campaign);
      const html = await res.text();
      const p = readPage(html);
      assert.equal(choice(p).selectedOptions[0].value, '2023', campaign);
      assert.equal(textarea(html, 'url'), snippets(s.config.publicUrl, { lang: 'nb' }).url, campaign);
      assert.doesNotMatch(html, /alert\(1\)|2027|Testloftet|aaaa|campaign=/, campaign);
    }
  });
});
