// What external checkers look at (Lighthouse, the Nu HTML checker, OWASP's secure headers), the
// widget's scripts compressed, and a slow client that must not hold a socket: all against the
// real service on loopback, the last with a real socket that sends one byte at a time.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { configFromEnv } from '../config.js';
import { pickEncoding } from '../http/compressed.js';
import { linkIn, post, signer, startService, type Service } from './harness.js';

const root = new URL('../../', import.meta.url);

/** The raw bytes on the wire and the headers, without fetch's decoding. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const head = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers: head, body: all.subarray(split + 4) });
    });
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    // Written, not ended: the server closes after its answer (Connection: close).
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${extra}\r\n`);
  });
}

describe('the widget scripts, compressed', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  for (const file of ['ks-valgloftet.js', 'ks-valgloftet.iife.js']) {
    test(`/${file}: brotli or gzip as asked, Vary: Accept-Encoding, an ETag per form, 304`, async () => {
      const built = await readFile(new URL(`dist/${file}`, root));
      const plain = await rawGet(`${s.url}/${file}`);
      const br = await rawGet(`${s.url}/${file}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      const gzip = await rawGet(`${s.url}/${file}`, { 'accept-encoding': 'gzip, deflate' });
      console.log(`# /${file}: ${plain.body.length} B plain, ${br.body.length} B br, ${gzip.body.length} B gzip`);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.body, built);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.deepEqual(brotliDecompressSync(br.body), built);
      assert.ok(br.body.length < built.length / 2.5, `br ${br.body.length} of ${built.length}`);
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(gzip.body), built);
      assert.ok(gzip.body.length < built.length / 2, `gzip ${gzip.body.length} of ${built.length}`);
      for (const res of [plain, br, gzip]) {
        assert.equal(res.status, 200);
        assert.match(res.headers.vary, /accept-encoding/i);
        assert.match(res.headers['content-type'] ?? '', /^text\/javascript/);
        assert.equal(res.headers['access-control-allow-origin'], '*');
        assert.equal(Number(res.headers['content-length']), res.body.length);
      }
      assert.equal(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size, 3, 'each form its own ETag');
      const again = await rawGet(`${s.url}/${file}`, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      // The plain form's ETag does not validate the brotli form.
      assert.equal(
        (await rawGet(`${s.url}/${file}`, { 'accept-encoding': 'br', 'if-none-match': plain.headers.etag })).status,
        200,
      );
    });
  }

  test('Accept-Encoding is read with its q-values', () => {
    assert.equal(pickEncoding('gzip, deflate, br'), 'br');
    assert.equal(pickEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(pickEncoding('br;q=0.5, gzip;q=0.9'), 'gzip');
    assert.equal(pickEncoding('*'), 'br');
    assert.equal(pickEncoding('*;q=0, identity'), undefined);
    assert.equal(pickEncoding('identity'), undefined);
    assert.equal(pickEncoding(undefined), undefined);
    assert.equal(pickEncoding('BR'), 'br');
  });
});

describe('headers and small things', () => {
  let s: Service;
  before(async () => (s = await startService({ DEMO: '1' })));
  after(() => s.dispose());

  test('the demo page: not framed, a Permissions-Policy, COOP, its host CSP kept', async () => {
    const res = await fetch(`${s.url}/`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /; frame-ancestors 'none'$/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.match(res.headers.get('permissions-policy') ?? '', /(^|, )camera=\(\)/);
    assert.match(res.headers.get('permissions-policy') ?? '', /(^|, )geolocation=\(\)/);
    assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over plain http');
  });

  test('the confirmation page: the same, with its own frame-ancestors kept once', async () => {
    await post(`${s.url}/api/signatures`, signer('hdr'));
    const res = await fetch(linkIn(await s.mail.mailTo('ola.hdr@example.no'), 'confirm'));
    assert.equal(res.status, 200);
    assert.equal((res.headers.get('content-security-policy') ?? '').match(/frame-ancestors/g)?.length, 1);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.ok(res.headers.get('permissions-policy'));
    assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
    // The page for an unknown token, too.
    const unknown = await fetch(`${s.url}/withdraw?token=nothing`);
    assert.equal(unknown.headers.get('x-frame-options'), 'DENY');
    assert.ok(unknown.headers.get('permissions-policy'));
  });

  test('JSON answers carry no page headers', async () => {
    const res = await fetch(`${s.url}/api/count`);
    assert.equal(res.headers.get('permissions-policy'), null);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('the demo: a meta description, no trailing slashes on void elements, a cached stylesheet', async () => {
    const html = await (await fetch(`${s.url}/`)).text();
    assert.match(html, /<meta name="description" content="[^"]{50,160}">/);
    assert.doesNotMatch(html, /<(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b[^>]*\/>/);
    const css = await fetch(`${s.url}/demo/demo.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    const maxAge = Number(/max-age=(\d+)/.exec(css.headers.get('cache-control') ?? '')?.[1]);
    assert.ok(maxAge >= 86_400, `cache-control: ${css.headers.get('cache-control')}`);
    const etag = css.headers.get('etag')!;
    assert.equal((await fetch(`${s.url}/demo/demo.css`, { headers: { 'if-none-match': etag } })).status, 304);
  });

  test('/robots.txt keeps crawlers from the token pages and the admin API', async () => {
    const res = await fetch(`${s.url}/robots.txt`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^User-agent: \*$/m);
    for (const path of ['/confirm', '/withdraw', '/api/admin/'])
      assert.match(text, new RegExp(`^Disallow: ${path}$`, 'm'));
    assert.doesNotMatch(text, /^Disallow: \/$/m);
  });

  test('HSTS when PUBLIC_URL is https', async () => {
    const https = await startService({ PUBLIC_URL: 'https://valgloftet.example.no' });
    try {
      for (const path of ['/api/count', '/ks-valgloftet.js', '/withdraw?token=x']) {
        const res = await fetch(`${https.url}${path}`);
        assert.match(res.headers.get('strict-transport-security') ?? '', /^max-age=(\d{8,})$/, path);
      }
    } finally {
      await https.dispose();
    }
  });
});

describe('slow clients', () => {
  test('the defaults give a client tens of seconds, not minutes', async () => {
    const s = await startService();
    try {
      const server = s.app.server;
      assert.equal(server.requestTimeout, 30_000);
      assert.equal(server.headersTimeout, 20_000);
    } finally {
      await s.dispose();
    }
    assert.throws(() => configFromEnv({ REQUEST_TIMEOUT: '0' }), /REQUEST_TIMEOUT/);
  });

  /** Opens a socket, writes `first`, then one byte of `rest` every 300 ms; resolves when the server closes it. */
  const trickle = (url: string, first: string, rest: string) =>
    new Promise<{ ms: number; answer: string }>((resolve) => {
      const { port } = new URL(url);
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < rest.length && socket.writable) socket.write(rest[i++]);
      }, 300);
      socket.on('data', (c) => (answer += c.toString('latin1')));
      const done = () => {
        clearInterval(timer);
        resolve({ ms: Date.now() - started, answer });
      };
      socket.on('close', done);
      socket.on('error', () => socket.destroy());
      socket.write(first);
    });

  test('a body sent a byte at a time is cut off at the request timeout', { timeout: 30_000 }, async () => {
    const s = await startService({ REQUEST_TIMEOUT: '2' });
    try {
      const body = JSON.stringify(signer('slow'));
      const head = `POST /api/signatures HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      const { ms, answer } = await trickle(s.url, head, body);
      console.log(`# slow body: closed after ${ms} ms (${answer.split('\r\n')[0] || 'no answer'})`);
      assert.ok(ms >= 1900 && ms < 8000, `${ms} ms`);
      assert.match(answer, /^(HTTP\/1\.1 408|$)/);
      assert.equal(Array.from(await s.store.exportRows('2023')).length, 0);
    } finally {
      await s.dispose();
    }
  });

  test('headers sent a byte at a time, or none at all, are cut off too', { timeout: 30_000 }, async () => {
    const s = await startService({ REQUEST_TIMEOUT: '2' });
    try {
      const slow = await trickle(s.url, 'G', `ET /api/count HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`);
      assert.ok(slow.ms >= 1900 && slow.ms < 8000, `${slow.ms} ms`);
      const silent = await trickle(s.url, '', '');
      assert.ok(silent.ms < 8000, `${silent.ms} ms`);
    } finally {
      await s.dispose();
    }
  });
});
