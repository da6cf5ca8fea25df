// The ways in for pages that take no script: the embed page (GET /embed), the host helper
// (GET /embed.js), the pledge pages that name the oEmbed endpoint, the oEmbed answer, the link
// forwarder for WordPress frames, and the API as a sandboxed frame (origin `null`) calls it.
// From the real service and the built renderer (`npm run build` first).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { EMBED_HEIGHT, embedUrl, pledgePageUrl } from '../../contract/embed.js';
import { DEFAULT_PODCAST_URL } from '../../contract/links.js';
import { campaignsDir, day } from './campaigns-dir.js';
import { ADMIN_TOKEN, post, startService, type Service } from './harness.js';
import { within } from '@testing-library/dom';
import { readPage } from './page.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
/** The texts of the page's inline elements `tag` (`script` without src, or `style`). */
const inline = (body: string, tag: 'script' | 'style') =>
  [...body.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
/**
 * The oEmbed answer's frame as a reader's browser reads its `html`: the blockquote's link, named by
 * its text, and the frame, named by its title.
 */
const frameOf = (html: string) => {
  const { screen } = readPage(html);
  return {
    link: screen.getByRole('link').getAttribute('href'),
    src: screen.getByTitle('Valgløftet 2023 – KS').getAttribute('src'),
  };
};
const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? '';

describe('the embed page, GET /embed', () => {
  let s: Service;
  before(async () => {
    s = await startService();
  });
  after(() => s.dispose());

  test('is a whole page with the pledge already in its HTML, framable by any site, under a strict CSP with hashes', async () => {
    const res = await fetch(`${s.url}/embed?lang=nn`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8$/);
    assert.equal(res.headers.get('x-frame-options'), null);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.equal(directive(csp, 'frame-ancestors'), 'frame-ancestors *');
    assert.equal(directive(csp, 'default-src'), "default-src 'none'");
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types ks-valgloftet/);
    // No COOP: any site may frame the page and hold its window, and opened on its own the header
    // only delayed its first paint (issue 26, item 8).
    assert.equal(res.headers.get('cross-origin-opener-policy'), null);
    const body = await res.text();
    assert.match(body, /^<!doctype html>\n<html lang="nn">/);
    assert.match(
      body,
      new RegExp(
        `<ks-valgloftet data-frame lang="nn" api="${s.url}/api"><template shadowroot="open" shadowrootmode="open">`,
      ),
    );
    assert.match(body, /Folkevalde som sluttar seg til Valgløftet 2023/);
    assert.match(body, new RegExp(`<script src="${s.url}/ks-valgloftet-loader.js" defer></script>`));
    // Its links open outside the frame, not in it.
    assert.match(body.slice(0, body.indexOf('</head>')), /<base target="_blank">/);
    // Every inline script and style is allowed by its hash, and nothing else inline is.
    const scripts = inline(body, 'script');
    assert.equal(scripts.length, 1);
    assert.equal(directive(csp, 'script-src'), `script-src ${s.url} ${sha256(scripts[0])}`);
    const styles = [...new Set(inline(body, 'style'))];
    assert.deepEqual(directive(csp, 'style-src').split(' ').slice(2).sort(), styles.map(sha256).sort());
    assert.match(directive(csp, 'connect-src'), new RegExp(`^connect-src ${s.url}$`));
  });

  test("puts the pledge's text behind a closed disclosure in the card's body slot, once, so that the card fits WordPress's frame (issue 26, item 8)", async () => {
    for (const [lang, summary, text] of [
      ['nb', 'Les mer om løftet', 'Demokratiet skal være for alle'],
      ['nn', 'Les meir om løftet', 'Demokratiet skal vere for alle'],
    ] as const) {
      const body = await (await fetch(`${s.url}/embed?lang=${lang}`)).text();
      const element = /<ks-valgloftet\b[\s\S]*<\/ks-valgloftet>/.exec(body)?.[0] ?? '';
      const shadow = /<template shadowroot[\s\S]*<\/template>/.exec(element)?.[0] ?? '';
      const light = element.replace(shadow, '');
      // The slot shows the disclosure, which is the element's own child, after its shadow root.
      assert.match(shadow, /<slot name="body"><\/slot>/, lang);
      assert.match(light, new RegExp(`<details class="pledge" slot="body"><summary>${summary}</summary><p>`), lang);
      assert.doesNotMatch(light, /<details[^>]* open/, `${lang}: closed`);
      assert.equal(body.split(`<h3>${text}</h3>`).length - 1, 1, `${lang}: the text once`);
      assert.match(light, new RegExp(`<h3>${text}</h3>`), `${lang}: in the disclosure`);
      assert.doesNotMatch(light, /<!--/, `${lang}: none of the renderer's markers`);
    }
    // The pledge pages keep the text in the card, open.
    const page = await (await fetch(`${s.url}/valgloftet`)).text();
    assert.doesNotMatch(page, /<details|data-frame/);
    assert.match(page, /<slot name="body"><!--[^>]*--><p>/);
  });

  test('has its one h1 and the widget in a main landmark, as the pledge pages do (issue 24, item 8)', async () => {
    for (const [path, lang] of [
      ['/embed', 'nb'],
      ['/embed?lang=nn', 'nn'],
      ['/valgloftet', 'nb'],
      ['/valgloftet/nn', 'nn'],
    ] as const) {
      const body = await (await fetch(`${s.url}${path}`)).text();
      const { screen, heading } = readPage(body);
      const name = lang === 'nn' ? 'Valgløftet 2023 frå KS' : 'Valgløftet 2023 fra KS';
      assert.equal(heading, name, path);
      assert.equal(screen.getAllByRole('main').length, 1, path);
      const main = screen.getByRole('main');
      // The heading first in main, then the card.
      assert.equal(main.firstElementChild, within(main).getByRole('heading', { level: 1, name }), path);
      assert.equal(main.firstElementChild.nextElementSibling?.localName, 'ks-valgloftet', path);
      // Heard, not seen: the card's own heading is what the eye reads. The embed page's own rule
      // keeps the frame the card's size; the pledge pages take Designsystemet's, on the one look.
      if (path.startsWith('/embed')) {
        assert.equal(main.firstElementChild.className, 'vh', path);
        assert.match(inline(body, 'style')[0], /\.vh\{position:absolute;width:1px;height:1px;overflow:hidden;/);
      } else {
        assert.equal(main.firstElementChild.className, 'ds-sr-only', path);
        const look = readPage(body).document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
        assert.match(look, /^\/look-[\w-]{12}\.css$/, path);
        assert.match(await (await fetch(`${s.url}${look}`)).text(), /\.ds-sr-only\{[^}]*position:absolute/, path);
      }
    }
  });

  test('takes the options: no counter, no form, colours', async () => {
    const plain = await (await fetch(`${s.url}/embed`)).text();
    assert.match(plain, /<html lang="nb">/);
    assert.match(plain, /part="counter"/);
    assert.match(plain, /part="join"/);
    const body = await (
      await fetch(`${s.url}/embed?lang=nb&no-counter&no-form&accent=%23AA0000&color=%23101010`)
    ).text();
    assert.doesNotMatch(body, /part="counter"/);
    assert.doesNotMatch(body, /part="join"/);
    assert.match(
      body,
      /<style>[^<]*ks-valgloftet\{--ks-valgloftet-accent:#aa0000;--ks-valgloftet-color:#101010\}<\/style>/,
    );
  });

  test('gives the element the council it is asked for (municipality), its inline script and styles still allowed by their hashes', async () => {
    for (const [query, code] of [
      ['lang=nn&municipality=4601', '4601'],
      ['lang=nn&municipality=4601', '4601'], // again: the kept page
      ['lang=nb&no-form&municipality=46', '46'], // a county
      ['lang=nb&municipality=9999', '9999'], // well formed, not in the list: passed on for the widget to ignore
      ['lang=nb&municipality=4601&accent=%23aa0000', '4601'], // put together at the request
    ] as const) {
      const res = await fetch(`${s.url}/embed?${query}`);
      assert.equal(res.status, 200, query);
      const body = await res.text();
      const tags = body.match(/<ks-valgloftet\b[^>]*>/g) ?? [];
      assert.equal(tags.length, 1, query);
      assert.match(
        tags[0],
        new RegExp(`^<ks-valgloftet data-frame lang="n[bn]" api="${s.url}/api"( no-form)? municipality="${code}">$`),
      );
      assert.match(body, new RegExp(`municipality="${code}"><template shadowroot="open" shadowrootmode="open">`));
      assert.match(body, new RegExp(`<link rel="canonical" href="[^"]*municipality=${code}[^"]*">`));
      const csp = res.headers.get('content-security-policy') ?? '';
      const scripts = inline(body, 'script');
      assert.equal(scripts.length, 1);
      assert.equal(directive(csp, 'script-src'), `script-src ${s.url} ${sha256(scripts[0])}`, query);
      const styles = [...new Set(inline(body, 'style'))];
      assert.deepEqual(directive(csp, 'style-src').split(' ').slice(2).sort(), styles.map(sha256).sort(), query);
    }
    // Without one, no attribute: the council's page is not the national one.
    assert.doesNotMatch(await (await fetch(`${s.url}/embed?lang=nn`)).text(), /municipality=/);
  });

  test('refuses a malformed council with a 400 that names the option and echoes nothing', async () => {
    for (const value of [
      '',
      '460',
      '46011',
      'Bergen',
      '4601x',
      '%20%204601',
      '%22%3E%3Cscript%3Ealert(1)%3C/script%3E',
    ]) {
      for (const path of ['/embed', '/valgloftet', '/valgloftet/nn']) {
        const res = await fetch(`${s.url}${path}?municipality=${value}`);
        assert.equal(res.status, 400, `${path} ${value}`);
        const body = await res.text();
        assert.ok(readPage(body).screen.getByText('municipality', { selector: 'code' }), value);
        assert.doesNotMatch(body, /<script|alert|Bergen|460(?!1)|4601x/, value);
      }
    }
  });

  test('refuses a bad option on the pledge page with a page no site may frame', async () => {
    const res = await fetch(`${s.url}/valgloftet?lang=de`);
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });

  test('refuses a bad option with a page that names it and echoes nothing', async () => {
    for (const query of ['lang=de', 'accent=red', 'no-form=no', 'accent=%22%3E%3Cscript%3Ealert(1)%3C/script%3E']) {
      const res = await fetch(`${s.url}/embed?${query}`);
      assert.equal(res.status, 400, query);
      const body = await res.text();
      assert.doesNotMatch(body, /<script|alert/, query);
      assert.ok(readPage(body).screen.getByText(/^(lang|accent|no-form)$/, { selector: 'code' }), query);
    }
  });

  test('answers 304 to its ETag', async () => {
    const first = await fetch(`${s.url}/embed?lang=nn`);
    const etag = first.headers.get('etag') ?? '';
    assert.ok(etag);
    const again = await fetch(`${s.url}/embed?lang=nn`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  test('keeps the common pages compressed, and sends a coloured or unknown council page as it is', async () => {
    const encoding = async (url: string) =>
      (await s.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })).headers['content-encoding'];
    // The common pages and a council of the list: rendered and compressed once, kept.
    assert.equal(await encoding('/embed?lang=nb&no-form'), 'br');
    assert.equal(await encoding('/embed?lang=nb&municipality=4601'), 'br');
    // One of millions: put together from the kept markup, never compressed on a request's say.
    assert.equal(await encoding('/embed?lang=nb&accent=%23123456'), undefined);
    assert.equal(await encoding('/embed?lang=nb&municipality=9999'), undefined);
  });

  test('serves the host helper, /embed.js, to every origin', async () => {
    const res = await fetch(`${s.url}/embed.js`, { headers: { origin: 'null' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(await res.text(), await readFile(new URL('../../embed/embed.js', import.meta.url), 'utf8'));
  });

  test("forwards a link clicked in a WordPress frame to the widget's own links, and nowhere else", async () => {
    const go = (to: string) => fetch(`${s.url}/embed/go?to=${encodeURIComponent(to)}`, { redirect: 'manual' });
    const ok = await go(DEFAULT_PODCAST_URL);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), DEFAULT_PODCAST_URL);
    // Forwarded as the address it matched, not as sent.
    assert.equal((await go(` ${DEFAULT_PODCAST_URL}\t`)).headers.get('location'), DEFAULT_PODCAST_URL);
    assert.equal((await go(`${s.url}/valgloftet/nn`)).status, 303);
    for (const to of ['https://evil.example/', 'javascript:alert(1)', `${DEFAULT_PODCAST_URL}.evil.example`, '']) {
      assert.equal((await go(to)).status, 404, to);
    }
  });

  test('forwards the councils page in both languages and exactly the decisions recorded, as they stand now', async () => {
    const go = (to: string) => fetch(`${s.url}/embed/go?to=${encodeURIComponent(to)}`, { redirect: 'manual' });
    for (const to of [`${s.url}/kommunar`, `${s.url}/kommunar?lang=nn`]) {
      const res = await go(to);
      assert.equal(res.status, 303, to);
      assert.equal(res.headers.get('location'), to);
    }
    assert.equal((await go(`${s.url}/kommunar?lang=nn&q=x`)).status, 404, 'the councils page as the widget links it');
    const decision = 'https://www.bergen.kommune.no/politikk/vedtak?sak=2023/1&x="quoted"';
    const asLinked = new URL(decision).href; // as the browser's link gives it: the quotes escaped
    assert.equal((await go(asLinked)).status, 404, 'not before it is recorded');
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const record = (link: string) =>
      post(`${s.url}/api/admin/adoptions`, { municipality: '4601', date: '2023-06-01', link }, admin);
    assert.ok((await record(decision)).ok);
    const res = await go(asLinked);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), asLinked);
    assert.equal((await go('https://www.bergen.kommune.no/politikk/vedtak')).status, 404, 'that link only');
    // Replaced: the old link goes at once, the new one comes.
    assert.ok((await record('https://www.bergen.kommune.no/vedtak/2')).ok);
    assert.equal((await go(asLinked)).status, 404);
    assert.equal((await go('https://www.bergen.kommune.no/vedtak/2')).status, 303);
    await fetch(`${s.url}/api/admin/adoptions/4601`, { method: 'DELETE', headers: admin });
    assert.equal((await go('https://www.bergen.kommune.no/vedtak/2')).status, 404, 'removed');
  });
});

describe('the pledge pages and oEmbed', () => {
  let s: Service;
  before(async () => {
    s = await startService();
  });
  after(() => s.dispose());

  const oembed = (query: Record<string, string>) => fetch(`${s.url}/oembed?${new URLSearchParams(query).toString()}`);

  for (const lang of ['nb', 'nn'] as const) {
    test(`/valgloftet${lang === 'nn' ? '/nn' : ''} names the oEmbed endpoint in its head, and is not framable`, async () => {
      const page = pledgePageUrl(s.url, { lang });
      const res = await fetch(page);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      const body = await res.text();
      const { document, lang: pageLang } = readPage(body);
      const link = document.head.querySelector('link[rel="alternate"][type="application/json+oembed"]');
      assert.ok(link, 'no discovery link in the head');
      const href = link.getAttribute('href') ?? '';
      assert.equal(href, `${s.url}/oembed?${new URLSearchParams({ url: page, format: 'json' }).toString()}`);
      // `&amp;` in the bytes: WordPress decodes the address with htmlspecialchars_decode, which leaves `&#38;`.
      const tag = /<link [^>]*type="application\/json\+oembed"[^>]*>/.exec(body)?.[0] ?? '';
      assert.ok(tag.includes(`href="${href.replace(/&/g, '&amp;')}"`), tag);
      assert.doesNotMatch(tag, /&#/);
      assert.equal(pageLang, lang);
      assert.match(body, new RegExp(`<ks-valgloftet lang="${lang}"`));
      const answer = await fetch(href);
      assert.equal(answer.status, 200);
    });
  }

  test('answers the oEmbed fields for a pledge page, with the embed page in the frame', async () => {
    const res = await oembed({ url: `${s.url}/valgloftet/nn`, format: 'json' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'cache_age',
      'height',
      'html',
      'provider_name',
      'provider_url',
      'title',
      'type',
      'version',
      'width',
    ]);
    assert.equal(body.version, '1.0');
    assert.equal(body.type, 'rich');
    assert.equal(body.provider_name, 'KS');
    assert.equal(body.provider_url, `${s.url}/`);
    assert.equal(body.title, 'Valgløftet 2023 – KS');
    assert.equal(body.height, EMBED_HEIGHT);
    assert.equal(typeof body.width, 'number');
    const html = String(body.html);
    // WordPress's embed shape: the blockquote with a plain link, then the frame.
    assert.match(
      html,
      /^<blockquote class="wp-embedded-content"><a href="[^"]+">Valgløftet 2023 hjå KS<\/a><\/blockquote><iframe /,
    );
    const src = frameOf(html).src;
    assert.equal(src, embedUrl(s.url, { lang: 'nn' }));
    // The frame fills its column; the answer's width says the most it needs.
    assert.match(html, new RegExp(`width="100%" height="${EMBED_HEIGHT}"`));
  });

  test('honours maxwidth and maxheight', async () => {
    const body = (await (await oembed({ url: `${s.url}/valgloftet`, maxwidth: '420', maxheight: '300' })).json()) as {
      width: number;
      height: number;
      html: string;
    };
    assert.equal(body.width, 420);
    assert.equal(body.height, 300);
    assert.match(body.html, /width="100%" height="300"/);
    const wide = (await (await oembed({ url: `${s.url}/valgloftet`, maxwidth: '5000' })).json()) as { width: number };
    assert.equal(wide.width, 640, 'no wider than the frame needs');
    const none = (await (await oembed({ url: `${s.url}/valgloftet`, maxwidth: '0', maxheight: '0' })).json()) as {
      width: number;
      height: number;
    };
    assert.deepEqual([none.width, none.height], [640, EMBED_HEIGHT], '0 is no limit');
  });

  test("carries a page address's options into the frame, and echoes nothing else of the address", async () => {
    const url = `${s.url}/valgloftet?no-counter&accent=%23aa0000&x=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E`;
    const body = (await (await oembed({ url })).json()) as { html: string };
    assert.doesNotMatch(body.html, /<script|alert|x=/);
    const src = frameOf(body.html).src;
    assert.equal(src, embedUrl(s.url, { lang: 'nb', noCounter: true, accent: '#aa0000' }));
  });

  test('an option it does not know is ignored everywhere, as the README says (issue 24, item 10)', async () => {
    // WordPress may store a pasted address's "&" as "&amp;": "?no-form&amp;municipality=4601" is read
    // as "?no-form&municipality=4601" (issue 26, item 7); "colour", which no way in takes, is ignored.
    const readme = (await readFile(new URL('../../docs/embedding.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');
    assert.match(readme, /an option it does not know is ignored/);
    assert.doesNotMatch(readme, /has an option it does not know\)/);
    const mangled = `${s.url}/valgloftet?no-form&amp;municipality=4601&colour=red`;
    const page = await fetch(mangled);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<ks-valgloftet lang="nb" api="[^"]+" no-form municipality="4601">/);
    const answer = await oembed({ url: mangled });
    assert.equal(answer.status, 200);
    const src = frameOf(((await answer.json()) as { html: string }).html).src;
    assert.equal(src, embedUrl(s.url, { lang: 'nb', noForm: true, municipality: '4601' }));
    assert.equal((await fetch(`${s.url}/embed?lang=nn&amp;no-counter&colour=red`)).status, 200);
    // A value it does not take is still refused: that is a mistake worth saying.
    assert.equal((await oembed({ url: `${s.url}/valgloftet?municipality=Bergen` })).status, 404);
  });

  test('the pledge page for a council gives its element the attribute, and oEmbed carries the council into the frame', async () => {
    const page = `${s.url}/valgloftet/nn?municipality=4601`;
    const body = await (await fetch(page)).text();
    assert.match(body, /<ks-valgloftet lang="nn" api="[^"]+" municipality="4601">/);
    assert.match(body, new RegExp(`<link rel="canonical" href="${page.replace(/[?]/g, '\\?')}">`));
    const answer = (await (await oembed({ url: page })).json()) as { html: string };
    const src = frameOf(answer.html).src;
    assert.equal(src, `${s.url}/embed?lang=nn&municipality=4601`);
    assert.equal(src, embedUrl(s.url, { lang: 'nn', municipality: '4601' }));
    const link = frameOf(answer.html).link;
    assert.equal(link, page);
    // With the other options too, in the canonical order.
    const both = (await (
      await oembed({ url: `${s.url}/valgloftet?accent=%23aa0000&municipality=46&no-form` })
    ).json()) as {
      html: string;
    };
    assert.equal(frameOf(both.html).src, `${s.url}/embed?lang=nb&no-form&municipality=46&accent=%23aa0000`);
    // A malformed council is not a page this service serves.
    for (const bad of ['460', 'x', '%22%3E%3Cscript%3E']) {
      assert.equal((await oembed({ url: `${s.url}/valgloftet?municipality=${bad}` })).status, 404, bad);
    }
  });

  test("takes an address whose & WordPress stored as &amp; (an Author's Embed block) with every option, in oEmbed, the pledge page and the embed page", async () => {
    const clean = embedUrl(s.url, { lang: 'nn', noForm: true, municipality: '4601', accent: '#aa0000' });
    for (const amp of ['&amp;', '&AMP;']) {
      const page = `${s.url}/valgloftet/nn?no-form${amp}municipality=4601${amp}accent=%23aa0000`;
      const answer = (await (await oembed({ url: page })).json()) as { html: string };
      const src = frameOf(answer.html).src;
      assert.equal(src, clean, amp);
      const body = await (await fetch(page)).text();
      assert.match(body, /<ks-valgloftet lang="nn" api="[^"]+" no-form municipality="4601">/, amp);
      assert.doesNotMatch(body, /part="join"/, `${amp}: no form`);
      const framed = await fetch(`${s.url}/embed?lang=nn${amp}no-form${amp}municipality=4601${amp}accent=%23aa0000`);
      assert.equal(framed.status, 200, amp);
      const frame = await framed.text();
      assert.match(frame, /<ks-valgloftet data-frame lang="nn" api="[^"]+" no-form municipality="4601">/, amp);
      assert.doesNotMatch(frame, /part="join"/, `${amp}: no form`);
      assert.match(frame, /ks-valgloftet\{--ks-valgloftet-accent:#aa0000\}/, amp);
    }
  });

  test('404 for an address it does not serve, 501 for a format it does not offer, 400 without an address', async () => {
    for (const url of [
      'https://evil.example/valgloftet',
      `${s.url}/valgloftet/de`,
      `${s.url}/embed?lang=nb`,
      `${s.url}/valgloftet?accent=red`,
      `${s.url}/valgloftet/nn?lang=nb`,
      `${s.url}/valgloftet/`,
      'not a url',
    ]) {
      const res = await oembed({ url });
      assert.equal(res.status, 404, url);
    }
    assert.equal((await oembed({ url: `${s.url}/valgloftet`, format: 'xml' })).status, 501);
    assert.equal((await fetch(`${s.url}/oembed`)).status, 400);
    assert.equal((await oembed({ url: `${s.url}/valgloftet`, maxwidth: '-1' })).status, 400);
  });
});

describe('every way in carries the campaign (issue 27)', () => {
  // Testløftet, closed two days ago: newer than Valgløftet 2023, yet 2023 is current (the open one),
  // so Testløftet is an archived campaign, reached only by naming it.
  let s: Service;
  let dir: string;
  before(async () => {
    dir = await campaignsDir({ opens: day(-30), closes: day(-2) });
    s = await startService({ CAMPAIGNS_DIR: dir });
  });
  after(async () => {
    await s.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const oembed = (url: string) => fetch(`${s.url}/oembed?${new URLSearchParams({ url }).toString()}`);
  /** The element's start tag in a page. */
  const startTag = (body: string) => /<ks-valgloftet\b[^>]*>/.exec(body)?.[0] ?? '';

  test("the embed page takes ?campaign=, gives the element the attribute, and is in that campaign's words", async () => {
    for (const [lang, lead, more, title] of [
      ['nb', 'Testløftet er et oppdiktet løfte', 'Les mer om løftet', 'Testløftet fra KS'],
      ['nn', 'Testløftet er eit oppdikta løfte', 'Les meir om løftet', 'Testløftet frå KS'],
    ] as const) {
      const res = await fetch(`${s.url}/embed?lang=${lang}&campaign=testloftet&no-form`);
      assert.equal(res.status, 200, lang);
      const body = await res.text();
      assert.equal(
        startTag(body),
        `<ks-valgloftet data-frame lang="${lang}" api="${s.url}/api" no-form pledge-url="https://testloftet.example.no/loftet" podcast-url="https://testloftet.example.no/podkast" case-url="https://testloftet.example.no/saksframlegg" campaign="testloftet">`,
      );
      const { title: pageTitle, heading } = readPage(body);
      assert.equal(pageTitle, 'Testløftet – KS', lang);
      assert.equal(heading, title, lang);
      // Its title, lead and text, in the card and behind the frame's disclosure: none of 2023's.
      assert.match(body, /<h2 id="title" part="title"><!--lit-part-->Testløftet<!--\/lit-part--><\/h2>/);
      assert.match(body, new RegExp(lead));
      assert.match(body, new RegExp(`<details class="pledge" slot="body"><summary>${more}</summary><p>`), lang);
      assert.match(body, /<h3>(Hva|Kva) Testløftet lov[ae]r<\/h3>/, lang);
      const element = /<ks-valgloftet\b[\s\S]*<\/ks-valgloftet>/.exec(body)?.[0] ?? '';
      assert.doesNotMatch(element, /2023|Helgesen/, lang);
      // Its inline script and styles are still allowed by their hashes.
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.equal(directive(csp, 'script-src'), `script-src ${s.url} ${sha256(inline(body, 'script')[0])}`);
    }
    // The current campaign named: the attribute, 2023's words as ever.
    const named = await (await fetch(`${s.url}/embed?campaign=2023`)).text();
    assert.equal(startTag(named), `<ks-valgloftet data-frame lang="nb" api="${s.url}/api" campaign="2023">`);
    assert.match(named, /Folkevalgte som slutter seg til Valgløftet 2023/);
    // Not named: today's page, byte for byte the element it was.
    assert.equal(
      startTag(await (await fetch(`${s.url}/embed`)).text()),
      `<ks-valgloftet data-frame lang="nb" api="${s.url}/api">`,
    );
  });

  test('a campaign the service does not serve, or no id at all, is a bad option: a 400 that names it and echoes nothing', async () => {
    for (const value of ['2027', 'nope', 'Testloftet', '', '%22%3E%3Cscript%3Ealert(1)%3C/script%3E', 'a'.repeat(33)]) {
      const res = await fetch(`${s.url}/embed?campaign=${value}`);
      assert.equal(res.status, 400, value);
      const body = await res.text();
      assert.ok(readPage(body).screen.getByText('campaign', { selector: 'code' }), value);
      assert.doesNotMatch(body, /<script|alert|2027|nope|Testloftet|aaaa/, value);
    }
  });

  test("each campaign has its pledge pages, /valgloftet/<id> and /valgloftet/<id>/nn, with its title; a closed one's stays readable", async () => {
    for (const [lang, path, other, heading] of [
      ['nb', '/valgloftet/testloftet', '/valgloftet/testloftet/nn', 'Testløftet fra KS'],
      ['nn', '/valgloftet/testloftet/nn', '/valgloftet/testloftet', 'Testløftet frå KS'],
    ] as const) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      const body = await res.text();
      const page = readPage(body);
      assert.equal(page.lang, lang);
      assert.equal(page.title, 'Testløftet – KS', path);
      assert.equal(page.heading, heading, path);
      assert.match(
        startTag(body),
        new RegExp(`^<ks-valgloftet lang="${lang}" api="[^"]+" .* campaign="testloftet">$`),
        path,
      );
      assert.doesNotMatch(body, /Valgløftet 2023|Helgesen/, path);
      // Its own text in the card, open, as the current pages have theirs.
      assert.match(body, /<slot name="body"><p>Dette løftet er laga?/, path);
      const { head } = page.document;
      assert.equal(head.querySelector('link[rel="canonical"]')?.getAttribute('href'), `${s.url}${path}`);
      // The header's other language is this campaign's other page.
      assert.equal(
        page.screen
          .getByRole('link', { name: lang === 'nb' ? 'Les på nynorsk' : 'Les på bokmål' })
          .getAttribute('href'),
        `${s.url}${other}`,
      );
      // Its discovery link names its own address, which oEmbed answers.
      const discovery = head.querySelector('link[type="application/json+oembed"]')?.getAttribute('href') ?? '';
      assert.equal(
        discovery,
        `${s.url}/oembed?${new URLSearchParams({ url: `${s.url}${path}`, format: 'json' }).toString()}`,
      );
      assert.equal((await fetch(discovery)).status, 200);
      // No link preview: its image is Valgløftet 2023's card.
      assert.equal(head.querySelector('meta[property="og:image"]'), null);
      // The builder opens on this campaign.
      assert.equal(
        page.screen
          .getByRole('link', { name: /^Vis Valgløftet på (nettstedet ditt|nettstaden din)$/ })
          .getAttribute('href'),
        `${s.url}/embed/builder?${lang === 'nn' ? 'lang=nn&' : ''}campaign=testloftet`,
      );
    }
    // Valgløftet 2023 has its own address too, pinned to it; the current pages stay as they were.
    const pinned = await (await fetch(`${s.url}/valgloftet/2023/nn`)).text();
    assert.equal(readPage(pinned).title, 'Valgløftet 2023 – KS');
    assert.match(startTag(pinned), /^<ks-valgloftet lang="nn" api="[^"]+" campaign="2023">$/);
    const current = await (await fetch(`${s.url}/valgloftet`)).text();
    assert.equal(readPage(current).title, 'Valgløftet 2023 – KS');
    assert.equal(startTag(current), `<ks-valgloftet lang="nb" api="${s.url}/api">`);
  });

  test('an id the service does not serve has no page; the query of a pledge page may not name a campaign', async () => {
    for (const path of [
      '/valgloftet/2027',
      '/valgloftet/nope/nn',
      '/valgloftet/Testloftet',
      '/valgloftet/testloftet/de',
    ]) {
      assert.equal((await fetch(`${s.url}${path}`)).status, 404, path);
    }
    for (const path of [
      '/valgloftet?campaign=testloftet',
      '/valgloftet/testloftet?campaign=2023',
      '/valgloftet/2023/nn?lang=nb',
    ]) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 400, path);
      const { screen } = readPage(await res.text());
      assert.ok(screen.getByText(/^(campaign|lang)$/, { selector: 'code' }), path);
    }
  });

  test("oEmbed answers for a campaign's page, with the campaign in the frame's address and its title", async () => {
    const res = await oembed(`${s.url}/valgloftet/testloftet/nn?no-counter`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { title: string; html: string };
    assert.equal(body.title, 'Testløftet – KS');
    const { screen } = readPage(body.html);
    assert.equal(
      screen.getByRole('link', { name: 'Testløftet hjå KS' }).getAttribute('href'),
      `${s.url}/valgloftet/testloftet/nn?no-counter`,
    );
    assert.equal(
      screen.getByTitle('Testløftet – KS').getAttribute('src'),
      `${s.url}/embed?lang=nn&campaign=testloftet&no-counter`,
    );
    assert.equal(
      screen.getByTitle('Testløftet – KS').getAttribute('src'),
      embedUrl(s.url, { lang: 'nn', campaign: 'testloftet', noCounter: true }),
    );
    // Valgløftet 2023 by its own address: pinned in the frame too.
    const pinned = (await (await oembed(`${s.url}/valgloftet/2023`)).json()) as { html: string };
    assert.equal(frameOf(pinned.html).src, `${s.url}/embed?lang=nb&campaign=2023`);
    // The current pages' frames name none, as before.
    const current = (await (await oembed(`${s.url}/valgloftet`)).json()) as { html: string };
    assert.equal(frameOf(current.html).src, `${s.url}/embed?lang=nb`);
    // Unknown ids, and a campaign in the query, are addresses it does not serve.
    for (const url of [
      `${s.url}/valgloftet/2027`,
      `${s.url}/valgloftet/nope/nn`,
      `${s.url}/valgloftet/testloftet/de`,
      `${s.url}/valgloftet/testloftet/nn/x`,
      `${s.url}/valgloftet?campaign=testloftet`,
      `${s.url}/valgloftet/testloftet?campaign=2023`,
      `https://evil.example/valgloftet/testloftet`,
    ]) {
      assert.equal((await oembed(url)).status, 404, url);
    }
  });

  test("a WordPress frame's links go to any campaign's own links and pages, and the service's front page is still none of them", async () => {
    const go = (to: string) => fetch(`${s.url}/embed/go?to=${encodeURIComponent(to)}`, { redirect: 'manual' });
    for (const to of [
      'https://testloftet.example.no/loftet',
      'https://testloftet.example.no/podkast',
      'https://testloftet.example.no/saksframlegg',
      `${s.url}/valgloftet/testloftet`,
      `${s.url}/valgloftet/testloftet/nn`,
    ]) {
      assert.equal((await go(to)).status, 303, to);
    }
    for (const to of [`${s.url}/`, 'https://testloftet.example.no/', `${s.url}/valgloftet/2027`]) {
      assert.equal((await go(to)).status, 404, to);
    }
  });
});

describe('the API from a sandboxed frame (origin null)', () => {
  let s: Service;
  before(async () => {
    s = await startService();
  });
  after(() => s.dispose());

  test('answers the preflight, the municipalities, the privacy facts and a signature to origin null', async () => {
    const preflight = await fetch(`${s.url}/api/signatures`, {
      method: 'OPTIONS',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    for (const path of ['/api/count', '/api/municipalities', '/api/privacy']) {
      const res = await fetch(`${s.url}${path}`, { headers: { origin: 'null' } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
    }
    const signed = await fetch(`${s.url}/api/signatures`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Kari Nordmann',
        email: 'kari.ramme@kommune.example.no',
        role: 'elected',
        municipality: '1804',
        lang: 'nn',
      }),
    });
    assert.equal(signed.status, 202);
    assert.equal(signed.headers.get('access-control-allow-origin'), '*');
  });
});

test('the embed room takes its addresses by schema: an over-long value is answered as a bad one, and never reaches the store', async () => {
  const s = await startService({ LOG_LEVEL: 'debug' });
  try {
    const adoptions = s.store.adoptions.bind(s.store);
    let read = 0;
    s.store.adoptions = (campaign) => (read++, adoptions(campaign));
    // /embed/go: an address longer than any of the pledge's links goes nowhere, as an unknown one does.
    const unknown = await fetch(`${s.url}/embed/go?to=${encodeURIComponent('https://example.no/')}`, {
      redirect: 'manual',
    });
    assert.equal(unknown.status, 404);
    assert.equal(read, 1, 'an unknown address is looked for among the decisions');
    const long = `https://example.no/${'a'.repeat(2000)}`;
    const res = await fetch(`${s.url}/embed/go?to=${encodeURIComponent(long)}`, { redirect: 'manual' });
    assert.equal(res.status, 404);
    assert.equal(await res.text(), await unknown.text());
    assert.equal(read, 1, 'the over-long address never reached the store');
    // The embed page: a colour longer than any is named as a bad one is, and nothing of it echoed.
    const page = await fetch(`${s.url}/embed?accent=${encodeURIComponent('#abcdef00')}`);
    assert.equal(page.status, 400);
    const body = await page.text();
    assert.ok(readPage(body).screen.getByText('accent', { selector: 'code' }));
    assert.doesNotMatch(body, /abcdef/);
    const logs = s.logs.join('');
    assert.match(logs, /"refused":\["to"\].*page input refused by its schema/);
    assert.match(logs, /"refused":\["accent"\].*page input refused by its schema/);
  } finally {
    await s.dispose();
  }
});
