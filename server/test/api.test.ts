import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../app.js';
import { configFromEnv } from '../config.js';
import {
  ADMIN_TOKEN,
  count,
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  type Service,
} from './harness.js';

// In process (app.inject), but for what concerns the connection: the count's plain GET over a
// socket, and the encodings on the wire, which fetch decodes.
const inject = { transport: 'inject' } as const;

const rows = async (s: Service) => (await s.store.exportRows('2023')).length;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('bad input', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());

  const cases: [string, unknown, Record<string, string>][] = [
    [
      'missing fields',
      { name: 'Kari' },
      { email: 'required', role: 'required', municipality: 'required', lang: 'required' },
    ],
    ['an extra field', signer(1, { admin: true }), { admin: 'not_allowed' }],
    ['wrong types', signer(1, { name: 42, role: ['elected'] }), { name: 'wrong_type', role: 'wrong_type' }],
    ['an empty name', signer(1, { name: '' }), { name: 'empty' }],
    ['a whitespace-only name', signer(1, { name: '   \t ' }), { name: 'invalid' }],
    ['an over-long name', signer(1, { name: 'x'.repeat(121) }), { name: 'too_long' }],
    ['control characters', signer(1, { name: 'Kari\u0000Nordmann' }), { name: 'invalid' }],
    ['a C1 control character', signer(1, { name: 'Kari\u0085' }), { name: 'invalid' }],
    // Nothing typed may become a link in a mail or on a page sent in KS's name.
    [
      'a name with an address in it',
      signer(1, { name: 'Se https://evil.example/bekreft?token=abc' }),
      { name: 'contains_link' },
    ],
    ['a name with www.', signer(1, { name: 'Kari www.evil.no' }), { name: 'contains_link' }],
    ['a name with a domain', signer(1, { name: 'Gå til bekreft.evil.com' }), { name: 'contains_link' }],
    ['a name with a .no domain', signer(1, { name: 'Kari på kari-valg.no' }), { name: 'contains_link' }],
    ['a name of zero-width characters', signer(1, { name: '\u200b\u200c\u2060' }), { name: 'empty' }],
    ['a name of Hangul fillers', signer(1, { name: '\u3164\u3164' }), { name: 'empty' }],
    ['a name with a bidi override', signer(1, { name: 'Kari \u202egninnam' }), { name: 'invalid' }],
    ['a name with a lone surrogate', signer(1, { name: 'Kari \ud800' }), { name: 'invalid' }],
    ['an invalid e-mail', signer(1, { email: 'kari@' }), { email: 'invalid' }],
    ['an over-long e-mail', signer(1, { email: `${'k'.repeat(250)}@ks.no` }), { email: 'too_long' }],
    ['an unknown municipality code', signer(1, { municipality: '9999' }), { municipality: 'unknown' }],
    ['a malformed municipality code', signer(1, { municipality: 'Oslo' }), { municipality: 'invalid' }],
    ['a retired municipality code (Viken, 30)', signer(1, { municipality: '30' }), { municipality: 'unknown' }],
    ['an unknown role', signer(1, { role: 'mayor' }), { role: 'unknown_value' }],
    ['an unknown language', signer(1, { lang: 'en' }), { lang: 'unknown_value' }],
  ];

  for (const [what, body, fields] of cases) {
    test(`${what} → 422 with per-field codes, nothing stored`, async () => {
      const res = await post(`${s.url}/api/signatures`, body);
      assert.equal(res.status, 422);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), { error: 'invalid_fields', fields });
      assert.equal(await rows(s), 0);
    });
  }

  const raw: [string, string, Record<string, string>, number, string][] = [
    ['non-JSON', '{"name": "Kari",', {}, 400, 'invalid_json'],
    ['an empty body', '', {}, 400, 'invalid_json'],
    ['JSON that is not an object', '[1,2,3]', {}, 400, 'invalid_json'],
    [
      'a wrong content type',
      'name=Kari',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    ['text/plain', JSON.stringify(signer(1)), { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['a body over the size limit', JSON.stringify(signer(1, { name: 'x'.repeat(10_000) })), {}, 413, 'body_too_large'],
  ];
  for (const [what, body, headers, status, error] of raw) {
    test(`${what} → ${status} ${error}`, async () => {
      const res = await post(`${s.url}/api/signatures`, body, headers);
      assert.equal(res.status, status);
      assert.deepEqual(await res.json(), { error });
      assert.equal(await rows(s), 0);
    });
  }

  test('errors never echo input, and carry no stack trace', async () => {
    const evil = '<script>alert(1)</script>';
    for (const body of [signer(1, { name: evil, email: evil }), `{"${evil}": 1`, signer(1, { [evil]: evil })]) {
      const res = await post(`${s.url}/api/signatures`, body);
      const text = await res.text();
      assert.ok(res.status >= 400 && res.status < 500);
      assert.doesNotMatch(text, /<script|alert|at \w+ \(/);
      assert.match(res.headers.get('content-type') ?? '', /json/);
    }
  });
});

describe('the count', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());

  test('is JSON with both figures, cacheable, open to every origin', async () => {
    const res = await fetch(`${s.url}/api/count`, { headers: { origin: 'https://www.example-kommune.no' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    assert.equal(res.headers.get('set-cookie'), null);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['signatures', 'councils', 'updatedAt', 'campaign']);
  });

  test('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
    const first = await fetch(`${s.url}/api/count`);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    const again = await fetch(`${s.url}/api/count`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    await post(`${s.url}/api/signatures`, signer('etag'));
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.etag@example.no'), 'confirm'));
    const changed = await fetch(`${s.url}/api/count`, { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  test('is read without a log line per request at info; other requests are still logged', async () => {
    const logged = await startService({ LOG_LEVEL: 'info' });
    try {
      for (let i = 0; i < 3; i++) await (await fetch(`${logged.url}/api/count`)).arrayBuffer();
      const etag = (await fetch(`${logged.url}/api/count`)).headers.get('etag')!;
      const unchanged = await fetch(`${logged.url}/api/count`, { headers: { 'if-none-match': etag } });
      assert.equal(unchanged.status, 304);
      assert.equal(unchanged.headers.get('access-control-allow-origin'), '*', 'the 304 keeps its CORS header');
      assert.equal(unchanged.headers.get('etag'), etag);
      await (await fetch(`${logged.url}/api/privacy`)).arrayBuffer();
      const urls = logged.logs.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url);
      assert.ok(urls.includes('/api/privacy'), 'requests are logged at info');
      assert.ok(!urls.includes('/api/count'), logged.logs.join(''));
    } finally {
      await logged.dispose();
    }
  });

  test('HEAD and a query string get the same answer; every answer carries nosniff and no Referer', async () => {
    const got = await fetch(`${s.url}/api/count`);
    const body = await got.text();
    const head = await fetch(`${s.url}/api/count`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(body)));
    // With a query string (ignored) the same answer.
    const routed = await fetch(`${s.url}/api/count?via=route`);
    assert.equal(await routed.text(), body);
    for (const name of ['cache-control', 'vary', 'access-control-allow-origin', 'content-length'])
      assert.equal(routed.headers.get(name), got.headers.get(name), name);
    for (const res of [got, head, routed]) {
      assert.equal(res.headers.get('etag'), got.headers.get('etag'));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    }
  });

  // Over a socket, not app.inject: the count was once answered by the server before Fastify saw
  // the request, which inject never passes through.
  test('goes through Fastify like every answer: a header a hook adds reaches GET, HEAD and the 304', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-count-'));
    // SQLite: what is tested is the request's path, not the store.
    const config = configFromEnv({ DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent', ADMIN_TOKEN });
    const { app } = await buildApp(config);
    try {
      // A header added later, as a plugin would add one.
      app.addHook('onSend', (_request, reply, _payload, done) => {
        reply.header('x-added-later', 'yes');
        done();
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const url = `http://127.0.0.1:${port}/api/count`;
      const got = await fetch(url);
      const head = await fetch(url, { method: 'HEAD' });
      const unchanged = await fetch(url, { headers: { 'if-none-match': got.headers.get('etag')! } });
      assert.deepEqual([got.status, head.status, unchanged.status], [200, 200, 304]);
      for (const res of [got, head, unchanged]) assert.equal(res.headers.get('x-added-later'), 'yes');
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('the widget may POST a signature from another origin (CORS preflight)', async () => {
    const res = await request(`${s.url}/api/signatures`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.example-kommune.no',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('council adoptions count once per council; Oslo is one council', async () => {
    const before = (await count(s.url)).councils;
    const created = await post(`${s.url}/api/admin/adoptions`, { municipality: '03', date: '2023-05-11' }, admin);
    assert.equal(created.status, 201);
    const again = await post(
      `${s.url}/api/admin/adoptions`,
      { municipality: '0301', date: '2023-05-12', link: 'https://www.oslo.kommune.no/vedtak' },
      admin,
    );
    assert.equal(again.status, 200);
    await post(`${s.url}/api/admin/adoptions`, { municipality: '46', date: '2023-06-01' }, admin);
    assert.equal((await count(s.url)).councils, before + 2);
    const removed = await request(`${s.url}/api/admin/adoptions/46`, { method: 'DELETE', headers: admin });
    assert.equal(removed.status, 204);
    assert.equal((await count(s.url)).councils, before + 1);
    const bad = await post(`${s.url}/api/admin/adoptions`, { municipality: '9999', date: '2023-13-45' }, admin);
    assert.equal(bad.status, 422);
    assert.deepEqual(await bad.json(), { error: 'invalid_fields', fields: { date: 'invalid' } });
  });

  test('the municipalities list has all 357 municipalities and 15 counties', async () => {
    const list = (await (await request(`${s.url}/api/municipalities`)).json()) as { code: string; kind: string }[];
    assert.equal(list.filter((m) => m.kind === 'municipality').length, 357);
    assert.equal(list.filter((m) => m.kind === 'county').length, 15);
    assert.equal(new Set(list.map((m) => m.code)).size, 372);
  });

  test('the municipalities list comes compressed when the client accepts it, and names the Sámi names', async () => {
    const plain = await (
      await fetch(`${s.url}/api/municipalities`, { headers: { 'accept-encoding': 'identity' } })
    ).text();
    for (const encoding of ['br', 'gzip']) {
      // undici decodes the body and keeps the header, so both the wire form and the content are seen.
      const res = await fetch(`${s.url}/api/municipalities`, { headers: { 'accept-encoding': encoding } });
      assert.equal(res.headers.get('content-encoding'), encoding);
      assert.ok(Number(res.headers.get('content-length')) < plain.length / 5, `${encoding} is not much smaller`);
      assert.equal(await res.text(), plain);
    }
    // The same rules as the widget's files: an encoding the client refuses (q=0) is never sent.
    const refused = await fetch(`${s.url}/api/municipalities`, { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    assert.equal(refused.headers.get('content-encoding'), 'gzip');
    await refused.arrayBuffer();
    const list = JSON.parse(plain) as { code: string; name: string; officialName?: string }[];
    assert.deepEqual(
      list.find((m) => m.code === '5610'),
      {
        code: '5610',
        name: 'Karasjok',
        kind: 'municipality',
        county: '56',
        officialName: 'Kárášjohka - Karasjok',
      },
    );
    assert.equal(list.find((m) => m.code === '1804')?.officialName, undefined, 'Bodø has one name');
    const etag = (await request(`${s.url}/api/municipalities`)).headers.get('etag') ?? '';
    assert.equal((await request(`${s.url}/api/municipalities`, { headers: { 'if-none-match': etag } })).status, 304);
  });

  test('the privacy facts for the form come from the configuration', async () => {
    const other = await startService(
      { CONTROLLER_NAME: 'Testkommune', PRIVACY_URL: 'https://test.example/personvern', CONFIRM_HOURS: '24' },
      inject,
    );
    try {
      const res = await request(`${other.url}/api/privacy`, { headers: { origin: 'https://kommune.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(await res.json(), {
        controller: 'Testkommune',
        privacyUrl: 'https://test.example/personvern',
        confirmHours: 24,
      });
    } finally {
      await other.dispose();
    }
  });

  test('the OpenAPI description names every public and admin route', async () => {
    const doc = (await (await request(`${s.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/count',
      '/api/signatures',
      '/api/municipalities',
      '/api/privacy',
      '/api/admin/adoptions',
      '/api/admin/signatures.csv',
      '/api/admin/erasures',
    ]) {
      assert.ok(path in doc.paths, path);
    }
  });

  test('healthz, and the widget files with CORS', async () => {
    assert.deepEqual(await (await request(`${s.url}/healthz`)).json(), { status: 'ok' });
    for (const file of ['/ks-valgloftet.js', '/ks-valgloftet.iife.js']) {
      const res = await request(`${s.url}${file}`);
      assert.equal(res.status, 200, file);
      assert.match(res.headers.get('content-type') ?? '', /javascript/);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    }
  });
});

describe('admin', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());

  test('refuses calls without the token, with a wrong one, or of another scheme', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Basic ${ADMIN_TOKEN}` },
      { authorization: 'Bearer' },
    ]) {
      const res = await request(`${s.url}/api/admin/signatures.csv`, { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'unauthorized' });
      const write = await post(`${s.url}/api/admin/adoptions`, { municipality: '4601', date: '2023-06-01' }, headers);
      assert.equal(write.status, 401);
    }
    assert.equal((await count(s.url)).councils, 0);
  });

  test('with no ADMIN_TOKEN configured, refuses everyone', async () => {
    const bare = await startService({ ADMIN_TOKEN: '' }, inject);
    try {
      const res = await request(`${bare.url}/api/admin/signatures.csv`, { headers: admin });
      assert.equal(res.status, 401);
    } finally {
      await bare.dispose();
    }
  });

  test('exports signatures as CSV, with formulas defused', async () => {
    await post(`${s.url}/api/signatures`, signer('csv', { name: '=HYPERLINK("x")' }));
    await s.mail.mailTo('ola.csv@example.no');
    const res = await request(`${s.url}/api/admin/signatures.csv`, { headers: admin });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.equal(
      lines[0],
      '"name","email","role","municipality","lang","created_at","confirmed_at","name_public","name_approved"',
    );
    assert.match(lines[1], /^"'=HYPERLINK\(""x""\)","ola\.csv@example\.no","elected","4601","nb","\d{4}-/);
  });

  test("erases one person's data by e-mail, and the count drops", async () => {
    await post(`${s.url}/api/signatures`, signer('erase'));
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.erase@example.no'), 'confirm'));
    const before = (await count(s.url)).signatures;
    const res = await post(`${s.url}/api/admin/erasures`, { email: ' OLA.ERASE@example.no' }, admin);
    assert.deepEqual(await res.json(), { erased: 1 });
    assert.equal((await count(s.url)).signatures, before - 1);
    const none = await post(`${s.url}/api/admin/erasures`, { email: 'ola.erase@example.no' }, admin);
    assert.deepEqual(await none.json(), { erased: 0 });
  });
});

describe('rate limits', () => {
  test('writes beyond the per-IP limit get 429, and nothing is stored', async () => {
    const s = await startService({ RATE_LIMIT_WRITES: '3' }, inject);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(`${s.url}/api/signatures`, signer(`rl${i}`))).status);
      assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
      const res = await post(`${s.url}/api/signatures`, signer('rl-last'));
      assert.equal(res.status, 429);
      assert.equal(((await res.json()) as { error: string }).error, 'rate_limited');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal(await rows(s), 3);
      // Reading the count is not limited.
      assert.equal((await request(`${s.url}/api/count`)).status, 200);
    } finally {
      await s.dispose();
    }
  });
});
