// Link previews of the public pages (the pledge pages and the councils page, both languages), read
// by an independent scraper (open-graph-scraper) from the real service's HTML, as Facebook, Slack
// and Teams read them: every Open Graph and Twitter card tag, an image that answers as a 1200×630
// PNG, and addresses from the service's configured PUBLIC_URL, whatever Host a request names.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import ogs from 'open-graph-scraper';
import { linkPreviewTexts } from '../link-preview/texts.js';
import { councilsTextsFor } from '../councils/texts.js';
import { startService, type Service } from './harness.js';

const PAGES = [
  { path: '/valgloftet', lang: 'nb', title: linkPreviewTexts.nb.title },
  { path: '/valgloftet/nn', lang: 'nn', title: linkPreviewTexts.nn.title },
  { path: '/valgloftet?municipality=4601', lang: 'nb', title: linkPreviewTexts.nb.title },
  { path: '/kommunar', lang: 'nb', title: councilsTextsFor('nb', 'Valgløftet 2023').title },
  { path: '/kommunar?lang=nn', lang: 'nn', title: councilsTextsFor('nn', 'Valgløftet 2023').title },
] as const;

const LOCALE = { nb: 'nb_NO', nn: 'nn_NO' } as const;

/** A GET with headers fetch will not send as given (Host), read whole. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the scraper reads from a page's HTML: its own tags only, no fallback from <title> or <img>. */
async function scrape(html: string) {
  const { error, result } = await ogs({ html, onlyGetOpenGraphInfo: true });
  assert.equal(error, false);
  return result;
}

/** Width and height from a PNG's IHDR chunk (PNG spec, 11.2.2): right after the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('link previews', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  for (const page of PAGES) {
    test(`${page.path}: every Open Graph and Twitter card tag, in ${page.lang}`, async () => {
      const answer = await fetch(`${s.url}${page.path}`);
      assert.equal(answer.status, 200);
      const html = await answer.text();
      const og = await scrape(html);
      const texts = linkPreviewTexts[page.lang];
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1]?.replace(/&#38;/g, '&');
      const url = page.path.startsWith('/kommunar') ? `${s.url}${page.path}` : canonical;
      const description = /<meta name="description" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(description);

      assert.equal(og.ogTitle, page.title);
      assert.equal(og.ogDescription, description);
      assert.equal(og.ogUrl, url);
      assert.equal(og.ogType, 'website');
      assert.equal(og.ogLocale, LOCALE[page.lang]);
      assert.equal(og.ogLocaleAlternate, LOCALE[page.lang === 'nb' ? 'nn' : 'nb']);
      assert.equal(og.ogSiteName, 'KS – Kommunesektorens organisasjon');
      const [image] = og.ogImage ?? [];
      assert.ok(image, 'og:image');
      assert.equal(og.ogImage?.length, 1);
      assert.match(image.url, new RegExp(`^${s.url}/link-preview/valgloftet-${page.lang}\\.[\\w-]+\\.png$`));
      assert.equal(Number(image.width), 1200); // the scraper gives the text of the tag
      assert.equal(Number(image.height), 630);
      assert.equal(image.type, 'image/png');
      assert.equal(image.alt, texts.imageAlt);
      assert.equal(og.twitterCard, 'summary_large_image');
      assert.equal(og.twitterTitle, page.title);
      assert.equal(og.twitterDescription, description);
      assert.deepEqual(
        og.twitterImage?.map((i) => [i.url, i.alt]),
        [[image.url, texts.imageAlt]],
      );

      const png = await fetch(image.url);
      assert.equal(png.status, 200);
      assert.equal(png.headers.get('content-type'), 'image/png');
      assert.equal(png.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(png.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(pngSize(Buffer.from(await png.arrayBuffer())), { width: 1200, height: 630 });
      const again = await fetch(image.url, { headers: { 'if-none-match': png.headers.get('etag') ?? '' } });
      assert.equal(again.status, 304);
    });
  }

  test('a hostile Host or X-Forwarded-Host changes no address of a preview, nor of the pages kept', async () => {
    // A service of its own, so that the hostile request is each page's first: a page rendered from
    // the Host would then be kept and served to everyone (cache poisoning).
    const fresh = await startService();
    try {
      for (const page of PAGES) {
        const answer = await get(`${fresh.url}${page.path}`, {
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
        });
        assert.equal(answer.status, 200);
        assert.doesNotMatch(answer.body, /evil\.example/);
        const og = await scrape(answer.body);
        const honest = await scrape((await get(`${fresh.url}${page.path}`)).body);
        assert.ok(og.ogUrl?.startsWith(`${fresh.url}/`), og.ogUrl);
        assert.equal(og.ogUrl, honest.ogUrl);
        assert.ok(og.ogImage?.[0]?.url.startsWith(`${fresh.url}/link-preview/`), og.ogImage?.[0]?.url);
        assert.equal(og.ogImage?.[0]?.url, honest.ogImage?.[0]?.url);
        assert.equal(og.twitterImage?.[0]?.url, honest.ogImage?.[0]?.url);
      }
    } finally {
      await fresh.dispose();
    }
  });

  test('the addresses come from PUBLIC_URL, as a service behind its own domain names them', async () => {
    // A service of its own, named before its first page: pages are kept for a second (the councils
    // page's memo), so one the suite's service made just before would still carry its old address.
    const own = await startService();
    try {
      own.config.publicUrl = 'https://valgloftet.example.no';
      for (const page of PAGES) {
        const og = await scrape((await get(`${own.url}${page.path}`)).body);
        assert.ok(og.ogUrl?.startsWith('https://valgloftet.example.no/'), og.ogUrl);
        const image = og.ogImage?.[0]?.url ?? '';
        assert.match(image, /^https:\/\/valgloftet\.example\.no\/link-preview\//);
        // The same image on this service, at the same path.
        const png = await fetch(`${own.url}${new URL(image).pathname}`);
        assert.equal(png.status, 200);
      }
    } finally {
      await own.dispose();
    }
  });

  test('an image path with any other hash is not found', async () => {
    const answer = await fetch(`${s.url}/link-preview/valgloftet-nb.0000000000000000.png`);
    assert.equal(answer.status, 404);
  });
});
