// GET /embed/builder against the real service: the page in both languages under the strict CSP,
// the code for the defaults rendered on the server from PUBLIC_URL (the page without script), and
// its files served as plain files with their types.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { snippets } from '../../contract/embed-snippets.js';
import { startService, type Service } from './harness.js';

/** A textarea's text as the browser reads it: the markup's entities undone. */
const unescape = (html: string) =>
  html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

const textarea = (html: string, kind: string) => {
  const match = new RegExp(`<textarea id="code-${kind}"[^>]*>([^<]*)</textarea>`).exec(html);
  assert.ok(match, `a textarea for ${kind}`);
  return unescape(match[1]);
};

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
    const html = await res.text();
    assert.match(html, /<html lang="nb">/);
    assert.match(html, /<h1>Vis Valgløftet på nettstedet ditt<\/h1>/);
    assert.match(
      html,
      /<a id="other-language" href="\/embed\/builder\?lang=nn" hreflang="nn" lang="nn">Denne sida på nynorsk<\/a>/,
    );
    // No inline script or style for the CSP to refuse: scripts by src, the one data block excepted.
    for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) assert.match(tag, / src="\/|type="application\/json"/);
    assert.doesNotMatch(html, /<style|\sstyle="/);
  });

  test('a description in each language, and an absolute link to the other language (issue 24, item 8)', async () => {
    for (const [lang, other, description] of [
      ['nb', 'nn', 'Vis Valgløftet 2023 fra KS på nettstedet ditt: velg språk, innhold og farger'],
      ['nn', 'nb', 'Vis Valgløftet 2023 frå KS på nettstaden din: vel språk, innhald og fargar'],
    ]) {
      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      assert.match(head, new RegExp(`<meta name="description" content="${description}[^"]+">`));
      assert.match(
        head,
        new RegExp(`<link rel="alternate" hreflang="${other}" href="${s.url}/embed/builder\\?lang=${other}">`),
      );
    }
  });

  test('in nynorsk with ?lang=nn, and the way back to bokmål', async () => {
    const html = await (await fetch(`${s.url}/embed/builder?lang=nn`)).text();
    assert.match(html, /<html lang="nn">/);
    assert.match(html, /<h1>Vis Valgløftet på nettstaden din<\/h1>/);
    assert.match(
      html,
      /<a id="other-language" href="\/embed\/builder\?lang=nb" hreflang="nb" lang="nb">Denne siden på bokmål<\/a>/,
    );
    assert.match(html, /<input type="radio" id="lang-nn" name="lang" value="nn" checked>/);
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
      assert.match(html, new RegExp(`data-service="${s.config.publicUrl}"`));
    }
  });

  test("the shortcode's section links the WordPress plugin, which the service serves", async () => {
    for (const [lang, text] of [
      ['nb', 'Last ned utvidelsen for WordPress'],
      ['nn', 'Last ned utvidinga for WordPress'],
    ] as const) {
      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text();
      const section = /<section class="snippet" aria-labelledby="title-shortcode">[\s\S]*?<\/section>/.exec(html)?.[0];
      const href = new RegExp(`<a href="([^"]+)" download>${text}</a>`).exec(section ?? '')?.[1];
      assert.equal(href, '/wordpress/ks-valgloftet.zip', `${lang}: ${section}`);
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
      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text();
      assert.match(html, new RegExp(`<legend>${legend}</legend>`));
      assert.match(html, /<label for="municipality">Kommune eller fylkeskommune<\/label>/);
      assert.match(html, /<select id="municipality" name="municipality" aria-describedby="municipality-hint">/);
      assert.match(html, /<p class="hint" id="municipality-hint">Under de/);
      const select = /<select id="municipality"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
      const options = [...select.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((m) => ({
        value: m[1],
        selected: !!m[2],
        text: m[3],
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
      const asked = await (await fetch(`${s.url}/embed/builder?lang=${lang}`)).text();
      assert.match(asked, new RegExp(`<fieldset aria-describedby="ask-hint">\\n<legend>${legend}</legend>`));
      assert.match(asked, /<form id="ask" action="\/embed\/builder" method="get">/);
      assert.doesNotMatch(asked, /name="have" value="[^"]+" checked/);
      assert.match(asked, /<div class="shown" id="way" data-answer="" hidden>/);
      assert.match(asked, /<p class="no-answer" id="no-answer">/);
      assert.equal([...asked.matchAll(/<section class="snippet"[^>]*hidden>/g)].length, 0);

      const html = await (await fetch(`${s.url}/embed/builder?lang=${lang}&have=wp-author`)).text();
      assert.match(html, /<input type="radio" id="have-wp-author" name="have" value="wp-author" checked>/);
      assert.match(html, /<div class="shown" id="way" data-answer="wp-author">/);
      assert.match(html, /<p class="no-answer" id="no-answer" hidden>/);
      assert.equal(textarea(html, 'way'), snippets(s.config.publicUrl, { lang }).url);
      // That way once: hidden under "Andre måter", which is closed; the other five there.
      assert.match(html, new RegExp(`<details class="other-ways" id="other-ways">\\n<summary>${summary}</summary>`));
      assert.deepEqual(
        [...html.matchAll(/<section class="snippet" aria-labelledby="title-(\w+)"( hidden)?>/g)]
          .filter((m) => m[2])
          .map((m) => m[1]),
        ['url'],
      );
      // The link to the other language keeps the answer.
      assert.match(html, /<a id="other-language" href="\/embed\/builder\?lang=n[bn]&#38;have=wp-author"/);
      // The administrator's way links the plugin's zip.
      const admin = await (await fetch(`${s.url}/embed/builder?lang=${lang}&have=wp-admin`)).text();
      assert.match(admin, /<p id="way-download"><a href="\/wordpress\/ks-valgloftet.zip" download>/);
      assert.equal(textarea(admin, 'way'), snippets(s.config.publicUrl, { lang }).shortcode);
    }
  });

  test('a hostile ?have= gets the question unanswered and is never echoed', async () => {
    for (const have of ['"><script>alert(1)</script>', 'WP-AUTHOR', 'wp-author ', 'constructor', 'toString']) {
      const res = await fetch(`${s.url}/embed/builder?have=${encodeURIComponent(have)}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<div class="shown" id="way" data-answer="" hidden>/, have);
      assert.doesNotMatch(html, /alert\(1\)|WP-AUTHOR|have=|name="have" value="[^"]+" checked/, have);
    }
  });

  test('a hostile ?lang= gets the bokmål page and is never echoed', async () => {
    for (const lang of ['"><script>alert(1)</script>', 'nn"><b>bold</b>', 'NN', 'nn-NO', 'en']) {
      const res = await fetch(`${s.url}/embed/builder?lang=${encodeURIComponent(lang)}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<html lang="nb">/, lang);
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

  test('its files: the page script, its stylesheet and the contract modules, with their types', async () => {
    const files = {
      '/embed/builder.js': 'text/javascript',
      '/embed/builder.css': 'text/css',
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
    // The modules the page script imports resolve to files the service serves.
    const script = await (await fetch(`${s.url}/embed/builder.js`)).text();
    for (const [, spec] of script.matchAll(/from '(\.[^']+)'/g)) {
      const res = await fetch(new URL(spec, `${s.url}/embed/builder.js`));
      assert.equal(res.status, 200, spec);
    }
  });
});
