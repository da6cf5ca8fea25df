// GET /api/markup: the widget's server-rendered markup, from the real service and the built
// renderer (dist/ssr/markup.js; `npm run build` first), against the texts of locales/nn.xlf.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { campaignsDir, day } from './campaigns-dir.js';
import { request, startService, type Service } from './harness.js';

/** The bokmål source and the nynorsk target of a message, as the translators wrote them. */
async function message(id: string): Promise<{ nb: string; nn: string }> {
  const xliff = await readFile(new URL('../../locales/nn.xlf', import.meta.url), 'utf8');
  const unit = new RegExp(
    `<trans-unit id="${id.replace(/\./g, '\\.')}">\\s*<source>([^<]*)</source>\\s*<target>([^<]*)</target>`,
  ).exec(xliff);
  if (!unit) throw new Error(`no message ${id}`);
  return { nb: unit[1], nn: unit[2] };
}

/** The text of every `<style>` element in the body, found without the service's own code. */
const styleTexts = (body: string) =>
  body
    .split('<style>')
    .slice(1)
    .map((part) => part.slice(0, part.indexOf('</style>')));

describe('GET /api/markup', () => {
  let s: Service;
  before(async () => {
    // In process (app.inject): the markup and its headers are the subject, not the connection.
    s = await startService({}, { transport: 'inject' });
  });
  after(() => s.dispose());

  const get = (query: string, headers: Record<string, string> = {}) =>
    request(`${s.url}/api/markup${query}`, { headers });

  for (const lang of ['nb', 'nn'] as const) {
    test(`renders the pledge in ${lang} as declarative shadow DOM, from the widget's messages`, async () => {
      const res = await get(`?lang=${lang}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
      const body = await res.text();
      assert.match(
        body,
        new RegExp(
          `^<ks-valgloftet lang="${lang}" api="${s.url}/api"><template shadowroot="open" shadowrootmode="open"><style>`,
        ),
      );
      assert.ok(body.endsWith('</template></ks-valgloftet>'));
      for (const id of [
        'title',
        'lead',
        'democracy.heading',
        'democracy.participation',
        'call.adopted',
        'join.button',
      ]) {
        const text = (await message(id))[lang];
        assert.ok(body.includes(text), `${id}: ${text}`);
      }
      if (lang === 'nn') {
        // A nynorsk sentence, spelled out, and no bokmål beside it.
        assert.ok(body.includes('Før valet i 2023 vedtok ei rekkje kommunestyre valløftet.'));
        assert.ok(!body.includes('Demokratiet skal være for alle'));
      }
      // The first state only: the counter's space, its figures hidden, the form closed.
      assert.match(body, /<div class="counter" part="counter" data-state="loading">/);
      assert.match(body, /aria-expanded="false"/);
      assert.ok(!body.includes('<form'));
    });
  }

  test('the options change the markup', async () => {
    const plain = await (await get('?lang=nb')).text();
    const noCounter = await (await get('?lang=nb&no-counter')).text();
    assert.match(noCounter, /^<ks-valgloftet lang="nb" api="[^"]+" no-counter>/);
    assert.ok(plain.includes('part="counter"'));
    assert.ok(!noCounter.includes('part="counter"'));
    assert.ok(noCounter.includes('part="join"'));
    const noForm = await (await get('?lang=nb&no-form=true')).text();
    assert.ok(!noForm.includes('part="join"'));
    assert.ok(noForm.includes('part="counter"'));
    const links = await (
      await get(
        '?lang=nn&case-url=https%3A%2F%2Fks.example%2Fsak&pledge-url=https%3A%2F%2Fks.example%2Fl%C3%B8fte&refresh-interval=0&api=https%3A%2F%2Fvalgloftet.example.no%2Fapi',
      )
    ).text();
    assert.match(links, /case-url="https:\/\/ks\.example\/sak"/);
    assert.match(links, /refresh-interval="0"/);
    assert.match(links, /api="https:\/\/valgloftet\.example\.no\/api"/);
    assert.ok(links.includes(`<a href="https://ks.example/sak" part="link">`));
    assert.ok(links.includes(`<a href="https://ks.example/l%C3%B8fte" part="link">`));
    assert.ok(links.includes((await message('call.caseText')).nn));
    // Without a language: bokmål, as the element's own default.
    assert.equal(await (await get('')).text(), plain);
  });

  test('bad input is a 400 with a code per parameter, and nothing is rendered', async () => {
    const cases: [string, Record<string, string>][] = [
      ['?lang=se', { lang: 'unknown_value' }],
      ['?lang=nb&no-form=yes', { 'no-form': 'unknown_value' }],
      ['?lang=nb&pledge-url=javascript%3Aalert(1)', { 'pledge-url': 'invalid' }],
      ['?lang=nb&case-url=%2Frelative', { 'case-url': 'invalid' }],
      ['?lang=nb&podcast-url=https%3A%2F%2F%5B', { 'podcast-url': 'invalid' }],
      [`?lang=nb&podcast-url=https%3A%2F%2Fks.example%2F${'x'.repeat(2000)}`, { 'podcast-url': 'too_long' }],
      ['?lang=nb&api=ftp%3A%2F%2Fexample.no%2Fapi', { api: 'invalid' }],
      ['?lang=nb&refresh-interval=-1', { 'refresh-interval': 'invalid' }],
      ['?lang=nb&lang=nn', { lang: 'wrong_type' }],
      ['?lang=nb&colour=red', { colour: 'not_allowed' }],
      ['?lang=nb&%3Cb%3E=1', { '(unknown field)': 'not_allowed' }],
    ];
    for (const [query, fields] of cases) {
      const res = await get(query);
      assert.equal(res.status, 400, query);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), { error: 'invalid_query', fields }, query);
    }
  });

  test('is cacheable: ETag, 304 on If-None-Match, a short max-age, and one ETag per variant', async () => {
    const first = await get('?lang=nn');
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{16}"$/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=300, stale-while-revalidate=86400');
    const again = await get('?lang=nn', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const other = await get('?lang=nb', { 'if-none-match': etag });
    assert.equal(other.status, 200);
    assert.notEqual(other.headers.get('etag'), etag);
    await other.arrayBuffer();
  });

  test("the style-hash header is the sha256 of each <style> element's text, ready for style-src", async () => {
    for (const query of ['?lang=nb', '?lang=nn&no-form&no-counter']) {
      const res = await get(query);
      const body = await res.text();
      const texts = styleTexts(body);
      assert.equal(texts.length, 1);
      assert.ok(texts[0].includes(':host{'), 'the element’s styles');
      const expected = [...new Set(texts)].map((t) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`);
      assert.equal(res.headers.get('ks-valgloftet-style-hash'), expected.join(' '));
      // A browser on another origin may read it, and the ETag.
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /ks-valgloftet-style-hash/);
    }
  });
});

describe('GET /api/markup?campaign= (issue 27)', () => {
  let s: Service;
  let dir: string;
  before(async () => {
    dir = await campaignsDir({ opens: day(-30), closes: day(-2) });
    s = await startService({ CAMPAIGNS_DIR: dir }, { transport: 'inject' });
  });
  after(async () => {
    await s.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const get = (query: string) => request(`${s.url}/api/markup${query}`);
  const startTag = (body: string) => /^<ks-valgloftet\b[^>]*>/.exec(body)?.[0] ?? '';

  test("a campaign named: the element carries it, in that campaign's words and with its links", async () => {
    const res = await get('?lang=nn&campaign=testloftet&no-form');
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.equal(
      startTag(body),
      `<ks-valgloftet lang="nn" api="${s.url}/api" no-form pledge-url="https://testloftet.example.no/loftet" podcast-url="https://testloftet.example.no/podkast" case-url="https://testloftet.example.no/saksframlegg" campaign="testloftet">`,
    );
    assert.match(body, /part="title"><!--lit-part-->Testløftet<!--\/lit-part-->/);
    assert.match(body, /Testløftet er eit oppdikta løfte som berre finst i testane\./);
    assert.match(
      body,
      /<a href="https:\/\/testloftet\.example\.no\/loftet" part="link"><!--lit-part-->Les heile Testløftet</,
    );
    assert.match(body, /part="credit"><!--lit-part-->Testløftet er oppdikta og blir berre brukt i testane\./);
    assert.doesNotMatch(body, /2023|Helgesen/);
    // Valgløftet 2023 named: its words as ever, and the attribute; not named: no attribute.
    const pinned = await (await get('?campaign=2023')).text();
    assert.equal(startTag(pinned), `<ks-valgloftet lang="nb" api="${s.url}/api" campaign="2023">`);
    assert.match(pinned, /part="title"><!--lit-part-->Valgløftet 2023</);
    assert.equal(startTag(await (await get('?lang=nb')).text()), `<ks-valgloftet lang="nb" api="${s.url}/api">`);
    // One ETag per campaign.
    const tags = await Promise.all(
      ['', '&campaign=2023', '&campaign=testloftet'].map(async (q) => (await get(`?lang=nb${q}`)).headers.get('etag')),
    );
    assert.equal(new Set(tags).size, 3);
  });

  test('a campaign the service does not serve, or no id, is a 400 naming it', async () => {
    for (const [query, code] of [
      ['?campaign=2027', 'unknown_value'],
      ['?campaign=Testloftet', 'invalid'],
      ['?campaign=%22%3E%3Cscript%3E', 'invalid'],
    ] as const) {
      const res = await get(query);
      assert.equal(res.status, 400, query);
      assert.deepEqual(await res.json(), { error: 'invalid_query', fields: { campaign: code } }, query);
    }
  });
});
