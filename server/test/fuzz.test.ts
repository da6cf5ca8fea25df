// Fuzzing the service: a bounded, seeded run of malformed and hostile requests on every route,
// against server/main.ts in its own process. Zero 5xx, the process stays up, the database passes
// PRAGMA integrity_check, and the count is what it was. FUZZ_SEED=n and FUZZ_REQUESTS=n change the
// run; a failure prints the seed and the request, so it can be replayed.
import { LOOK_PATH } from '../pages/look.js';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServiceProcess, type ServiceProcess } from '../../test/support/service-process.mjs';
import { openSqliteStore } from '../store/sqlite/index.js';
import { ADMIN_TOKEN, count, until } from './harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 2023);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);

/** mulberry32: a small, fast, seeded generator; the same seed gives the same run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}

const ROUTES = [
  '/api/count',
  '/api/signatures',
  '/api/municipalities',
  '/api/privacy',
  '/api/openapi.json',
  '/healthz',
  '/confirm',
  '/withdraw',
  LOOK_PATH,
  '/pages.js',
  '/',
  '/ks-valgloftet.js',
  '/ks-valgloftet.iife.js',
  '/demo.css',
  '/api/admin/adoptions',
  '/api/admin/adoptions/0301',
  '/api/admin/adoptions/99',
  '/api/admin/signatures.csv',
  '/api/admin/erasures',
];
const JUNK_PATHS = [
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/api/%00',
  '/api/count/%ff',
  '//api//count',
  '/api/ø/å',
  '/api/admin/adoptions/%27%20OR%201=1--',
  '/api/admin/adoptions/' + 'x'.repeat(3000),
  '/confirm/../withdraw',
  '/api/signatures.json',
  '/API/COUNT',
  '/api/count;jsessionid=1',
  '/%F0%9F%92%A9',
  '/api/admin/../count',
];
const STRINGS = [
  '',
  ' ',
  'a',
  'Ola Nordmann',
  '\u0000',
  '\u202e\u202dRTL',
  '💩'.repeat(40),
  'x'.repeat(5000),
  "'; DROP TABLE signatures;--",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  'kari@kommune.no',
  'KARI@KOMMUNE.NO ',
  'a@b',
  '@',
  '0301',
  '03',
  '9999',
  'elected',
  'candidate',
  'nb',
  'nn',
  'en',
  'null',
  'true',
  '-1',
  '1e309',
  '\ud800',
  "=cmd|' /C calc'!A0",
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  '',
  'application/xml',
  'application/json;;;',
  'APPLICATION/JSON',
  'application/merge-patch+json',
];
const METHODS = ['GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

type Rng = ReturnType<typeof generator>;

/** Percent-encodes any string, lone surrogates too (as U+FFFD; raw bad escapes are in JUNK_PATHS). */
const enc = (text: unknown) => encodeURIComponent(String(text).replace(/[\ud800-\udfff]/g, '\ufffd'));

function value(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 8)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, NaN]);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return rng.pick(STRINGS) + rng.pick(STRINGS);
    case 4:
      return `${rng.int(1e6)}`;
    case 5:
      return Array.from({ length: rng.int(4) }, () => value(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [
          rng.pick([
            'name',
            'email',
            'role',
            'municipality',
            'lang',
            'token',
            'date',
            'link',
            '__proto__',
            'constructor',
            'x',
          ]),
          value(rng, depth + 1),
        ]),
      );
  }
}

/** A signature with one or two fields made wrong, or a structure that is wrong as a whole. */
function body(rng: Rng): string | Uint8Array {
  const valid = {
    name: 'Fuzz Nordmann',
    email: `fuzz.${rng.int(1e9)}@example.no`,
    role: 'elected',
    municipality: '4601',
    lang: 'nb',
  };
  switch (rng.int(10)) {
    case 0:
      return JSON.stringify(valid); // a real signature now and then: it must not count unconfirmed
    case 1:
      return JSON.stringify({ ...valid, [rng.pick(Object.keys(valid))]: value(rng) });
    case 2:
      return JSON.stringify({
        ...valid,
        [rng.pick(Object.keys(valid))]: value(rng),
        [rng.pick(Object.keys(valid))]: value(rng),
      });
    case 3:
      return JSON.stringify(value(rng));
    case 4:
      return '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},' + JSON.stringify(valid).slice(1);
    case 5:
      return '['.repeat(2000) + ']'.repeat(2000);
    case 6:
      return JSON.stringify(valid).slice(0, rng.int(60)); // cut short
    case 7:
      return Uint8Array.from({ length: rng.int(600) }, () => rng.int(256)); // bytes
    case 8:
      return 'x'.repeat(rng.pick([4097, 20_000, 200_000])); // over the body limit
    default:
      return `token=${enc(rng.pick(STRINGS))}&lang=${rng.pick(['nb', 'nn', 'x'])}`;
  }
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function request(rng: Rng): Sent {
  // Most of the run goes where the input is parsed: the signature route, then the link pages; the
  // rest spreads over every route and method, and paths that are no route at all.
  const where = rng.next();
  const method = where < 0.45 ? 'POST' : where < 0.6 ? rng.pick(['GET', 'POST']) : rng.pick(METHODS);
  let path =
    where < 0.45
      ? '/api/signatures'
      : where < 0.6
        ? rng.pick(['/confirm', '/withdraw'])
        : rng.next() < 0.85
          ? rng.pick(ROUTES)
          : rng.pick(JUNK_PATHS);
  if (rng.next() < 0.3) path += `?token=${enc(rng.pick(STRINGS))}&lang=${rng.pick(['nb', 'nn', '', 'x'])}`;
  if (rng.next() < 0.05) path += '&token=a&token=b&__proto__[admin]=1';
  const headers: Record<string, string> = {};
  const type = where < 0.45 && rng.next() < 0.7 ? 'application/json' : rng.pick(CONTENT_TYPES);
  if (type) headers['content-type'] = type;
  if (rng.next() < 0.3)
    headers.authorization = rng.pick([
      'Bearer wrong-token-0123456789',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer ',
      `Bearer ${'x'.repeat(4000)}`,
      'bearer',
    ]);
  if (rng.next() < 0.2) headers.origin = rng.pick(['https://evil.example', 'null', 'http://127.0.0.1']);
  if (rng.next() < 0.1) headers['if-none-match'] = rng.pick(['*', '"x"', 'W/"abc"', '"' + 'a'.repeat(500) + '"']);
  if (rng.next() < 0.1) headers['x-forwarded-for'] = rng.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  const sent: Sent = { method, path, headers };
  if (method !== 'GET' && method !== 'HEAD' && rng.next() < 0.9) sent.body = body(rng);
  return sent;
}

/** Malformed HTTP that fetch cannot send: request lines, headers and framing a client should not. */
const RAW = [
  'GARBAGE\r\n\r\n',
  'GET /api/count HTTP/9.9\r\nHost: x\r\n\r\n',
  'POST /api/signatures HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
  'POST /api/signatures HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /api/signatures HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  `GET /api/count HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
  'GET /api/count HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n',
  'GET /api/count\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /api/signatures HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":',
];

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => {
      resolve(answer.split('\r\n')[0] ?? '');
    });
    socket.on('error', () => {
      resolve(answer.split('\r\n')[0] ?? '');
    });
    socket.end(text);
  });
}

describe(`fuzzing the service (seed ${SEED}, ${REQUESTS} requests)`, { timeout: 300_000 }, () => {
  let service: ServiceProcess;
  let before_: { signatures: number; councils: number };

  before(async () => {
    service = await startServiceProcess({ ADMIN_TOKEN, RATE_LIMIT_WRITES: '1000000' });
    // Something to protect: three confirmed signatures and one adoption.
    for (const n of [1, 2, 3]) {
      const email = `kjent.${n}@example.no`;
      const res = await fetch(`${service.api}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Kjent ${n}`, email, role: 'elected', municipality: '0301', lang: 'nb' }),
      });
      assert.equal(res.status, 202);
    }
    const tokens = await until(async () => {
      const found = [...(await service.outbox()).matchAll(/\/confirm\?token=([\w-]+)/g)].map((m) => m[1]);
      return found.length >= 3 && found;
    }, 'the three confirmation mails in the outbox');
    for (const token of tokens) {
      await fetch(`${service.url}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${token}`,
      });
    }
    await fetch(`${service.api}/admin/adoptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ municipality: '4601', date: '2023-06-15' }),
    });
    before_ = await count(service.url);
    assert.deepEqual({ signatures: before_.signatures, councils: before_.councils }, { signatures: 3, councils: 1 });
  });
  after(() => service.stop());

  test('no request gets a 5xx, and the process stays up', async () => {
    const rng = generator(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const sent = request(rng);
        let status: number;
        try {
          const res = await fetch(`${service.url}${sent.path}`, {
            method: sent.method,
            headers: sent.headers,
            // Node's fetch sends any Uint8Array; the DOM's types (which jsdom's bring in) ask for one
            // over an ArrayBuffer only.
            body: sent.body as BodyInit | undefined,
            redirect: 'manual',
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch (error) {
          failures.push(`#${i} ${sent.method} ${sent.path.slice(0, 80)}: ${(error as Error).message}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) {
          const shown = typeof sent.body === 'string' ? sent.body.slice(0, 120) : `${sent.body?.length ?? 0} bytes`;
          failures.push(
            `#${i} ${status} ${sent.method} ${sent.path.slice(0, 80)} ${JSON.stringify(sent.headers).slice(0, 120)} ${shown}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    for (const text of RAW) {
      const line = await raw(service.port, text);
      if (/^HTTP\/1\.[01] 5/.test(line)) failures.push(`raw ${JSON.stringify(text.slice(0, 60))}: ${line}`);
    }
    console.log(
      `# statuses (seed ${SEED}): ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
    );
    assert.deepEqual(failures, [], `seed ${SEED}`);
    assert.ok(
      [...statuses.keys()].some((s) => s === 202),
      'some signatures went through (the run reached the handlers)',
    );
    assert.ok(
      [...statuses.keys()].some((s) => s === 422),
      'some were refused field by field',
    );
    process.kill(service.pid, 0); // throws if the process is gone
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
  });

  test('the database passes integrity_check and the count is unchanged', async () => {
    const store = openSqliteStore(join(service.dataDir, 'valgloftet.sqlite'));
    try {
      assert.equal(await store.integrity(), 'ok');
    } finally {
      await store.close();
    }
    const now = await count(service.url);
    assert.deepEqual(
      { signatures: now.signatures, councils: now.councils },
      { signatures: before_.signatures, councils: before_.councils },
    );
  });
});
