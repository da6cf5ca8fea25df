// The admin API's door (the token, read exactly; guessing throttled) and what it accepts and gives
// out (adoption dates and links; the CSV export), against the real service.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { configFromEnv } from '../config.js';
import { ADMIN_FAILURES, defuseCell } from '../admin/api.js';
import {
  ADMIN_TOKEN,
  adminExport,
  approveNames,
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  type Service,
} from './harness.js';

/** The API's answers, in process (app.inject): none of these tests concerns the connection. */
const inject = { transport: 'inject' } as const;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the admin token', () => {
  let s: Service;
  // Behind one proxy hop, so each test speaks from its own client address (X-Forwarded-For).
  before(async () => (s = await startService({ TRUST_PROXY: '1' }, inject)));
  after(() => s.dispose());

  const csv = (authorization: string | undefined, from: string) =>
    request(`${s.url}/api/admin/signatures.csv`, {
      headers: { 'x-forwarded-for': from, ...(authorization === undefined ? {} : { authorization }) },
    });

  test('must be 32 characters or more, of the characters a bearer token may carry', () => {
    assert.throws(() => configFromEnv({ ADMIN_TOKEN: 'a'.repeat(31) }), /ADMIN_TOKEN must be at least 32 characters/);
    assert.throws(
      () => configFromEnv({ ADMIN_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` }),
      /ADMIN_TOKEN may hold only/,
    );
    assert.throws(() => configFromEnv({ ADMIN_TOKEN: `${'a'.repeat(32)}ø` }), /ADMIN_TOKEN may hold only/);
    assert.equal(configFromEnv({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken, 'a'.repeat(32));
    // What `openssl rand -base64 32` gives is accepted as it is.
    const base64 = 'q1w+2e/3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLlZz0=';
    assert.equal(configFromEnv({ ADMIN_TOKEN: base64 }).adminToken, base64);
  });

  test('is read from the header exactly: "Bearer", one space, the token, nothing more', async () => {
    assert.equal((await csv(`Bearer ${ADMIN_TOKEN}`, '198.51.100.1')).status, 200);
    assert.equal(
      (await csv(`bearer ${ADMIN_TOKEN}`, '198.51.100.1')).status,
      200,
      'the scheme is case-insensitive (RFC 9110)',
    );
    for (const header of [
      `Bearer ${ADMIN_TOKEN} x`,
      `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}`,
      `Bearer  ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Basic ${ADMIN_TOKEN}`,
      `x Bearer ${ADMIN_TOKEN}`,
      `Bearer\t${ADMIN_TOKEN}`,
      'Bearer',
    ]) {
      const res = await csv(header, '198.51.100.2');
      assert.equal(res.status, 401, header);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      assert.deepEqual(await res.json(), { error: 'unauthorized' });
    }
  });

  test(`after ${ADMIN_FAILURES} failures an address gets 429, the right token included; others are unaffected`, async () => {
    const guesser = '203.0.113.66';
    for (let i = 0; i < ADMIN_FAILURES; i++) {
      const res = await csv(`Bearer guess-${i}-${'x'.repeat(32)}`, guesser);
      assert.equal(res.status, 401, `guess ${i}`);
    }
    const limited = await csv(`Bearer guess-last-${'x'.repeat(32)}`, guesser);
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), { error: 'rate_limited' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 60 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    // Guessing right now tells nothing: the answer is the same 429.
    assert.equal((await csv(`Bearer ${ADMIN_TOKEN}`, guesser)).status, 429);
    assert.equal(
      (
        await post(
          `${s.url}/api/admin/adoptions`,
          { municipality: '4601', date: '2023-06-01' },
          { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-forwarded-for': guesser },
        )
      ).status,
      429,
    );
    // A missing header is a failure too, and is throttled in the same way.
    assert.equal((await csv(undefined, guesser)).status, 429);
    assert.equal((await csv(`Bearer ${ADMIN_TOKEN}`, '203.0.113.67')).status, 200);
  });
});

describe('adoptions: dates and links', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const adopt = async (body: Record<string, unknown>) => {
    const res = await post(`${s.url}/api/admin/adoptions`, body, admin);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  test('a date from 2019-01-01 to tomorrow is accepted; one outside is refused with out_of_range', async () => {
    for (const date of ['2019-01-01', '2023-05-11', day(0), day(1)]) {
      assert.ok([200, 201].includes((await adopt({ municipality: '4601', date })).status), date);
    }
    for (const date of ['2018-12-31', '1900-01-01', day(2), '2999-01-01']) {
      assert.deepEqual(
        await adopt({ municipality: '4601', date }),
        { status: 422, body: { error: 'invalid_fields', fields: { date: 'out_of_range' } } },
        date,
      );
    }
  });

  test('the decision link must be https; every faulty field is named at once', async () => {
    assert.equal(
      (await adopt({ municipality: '46', date: '2023-06-01', link: 'https://www.vestlandfylke.no/vedtak/1' })).status,
      201,
    );
    for (const link of [
      'http://www.vestlandfylke.no/vedtak/1',
      'javascript:alert(1)',
      'ftp://x.no/a',
      'https://',
      'https://user:pw@x.no/a',
      'HTTP://x.no',
    ]) {
      const { status, body } = await adopt({ municipality: '46', date: '2023-06-01', link });
      assert.equal(status, 422, link);
      assert.deepEqual(body, { error: 'invalid_fields', fields: { link: 'invalid' } }, link);
    }
    assert.deepEqual(await adopt({ municipality: '9999', date: '2018-01-01', link: 'https://user:pw@x.no/' }), {
      status: 422,
      body: { error: 'invalid_fields', fields: { municipality: 'unknown', date: 'out_of_range', link: 'invalid' } },
    });
    const stored = (await (await request(`${s.url}/api/admin/adoptions`, { headers: admin })).json()) as {
      link: string | null;
    }[];
    assert.ok(
      stored.every((a) => a.link === null || a.link.startsWith('https://')),
      JSON.stringify(stored),
    );
  });
});

describe('the CSV export', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());

  const NAMES = [
    '=HYPERLINK("x")',
    "Kari;=cmd|' /C calc'!A0",
    'Ola, +1+1',
    '＝HYPERLINK("x")',
    '＋SUM(1)',
    '－2+3',
    '＠SUM(1)',
    '-2+3',
    '@SUM(1)',
    ' =1+1',
    'Anne-Lise Ås',
  ];

  test('quotes every cell, defuses every formula opening (also after ; and full-width), and starts with a BOM', async () => {
    for (const [i, name] of NAMES.entries()) {
      assert.equal((await post(`${s.url}/api/signatures`, signer(`csv${i}`, { name }))).status, 202, name);
    }
    const res = await request(`${s.url}/api/admin/signatures.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    assert.ok(text.endsWith('\r\n'));
    const lines = text.slice(0, -2).split('\r\n');
    assert.equal(
      lines[0],
      '"name","email","role","municipality","lang","created_at","confirmed_at","name_public","name_approved"',
    );
    assert.equal(lines.length, NAMES.length + 1);
    for (const line of lines) assert.match(line, /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/, `every cell quoted: ${line}`);
    const names = lines.slice(1).map((line) => /^"((?:[^"]|"")*)"/.exec(line)![1].replace(/""/g, '"'));
    assert.deepEqual(names, [
      '\'=HYPERLINK("x")',
      "Kari;'=cmd|' /C calc'!A0",
      "Ola,' +1+1",
      '\'＝HYPERLINK("x")',
      "'＋SUM(1)",
      "'－2+3",
      "'＠SUM(1)",
      "'-2+3",
      "'@SUM(1)",
      "'=1+1", // the service trims names before it stores them
      'Anne-Lise Ås',
    ]);
    assert.match(
      lines[1],
      /^"'=HYPERLINK\(""x""\)","ola\.csv0@example\.no","elected","4601","nb","\d{4}-[^"]+","","",""$/,
    );
    // No cell, split on ; or , or tab as a spreadsheet might, begins a formula.
    for (const piece of text.split(/[,;\t\r\n]/)) {
      assert.doesNotMatch(piece.replace(/^"/, ''), /^\s*[=+\-@＝＋－＠]/, piece);
    }
  });

  test('name_public: when the signer consented to show their name, empty without consent', async () => {
    const csv = async () => {
      const rows = await adminExport(s.url);
      const cell = (email: string) => rows.find((row) => row.email === email)?.name_public;
      return { shown: cell('ola.public@example.no'), quiet: cell('ola.private@example.no') };
    };
    await post(`${s.url}/api/signatures`, signer('public', { showName: true }));
    await post(`${s.url}/api/signatures`, signer('private', { showName: false }));
    const { shown, quiet } = await csv();
    assert.match(shown ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(quiet, '');
    // Withdrawn through the withdraw link's second button: no consent any longer.
    const withdraw = linkIn(await s.mail.mailTo('ola.public@example.no'), 'withdraw');
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.public@example.no'), 'confirm'));
    assert.equal((await pressButtonBehind(withdraw, '/hide-name')).status, 200);
    assert.equal((await csv()).shown, '');
  });

  test('name_approved: when KS approved the name, empty until then', async () => {
    await post(`${s.url}/api/signatures`, signer('approved', { showName: true }));
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.approved@example.no'), 'confirm'));
    const approved = async () => (await adminExport(s.url)).find((r) => r.email === 'ola.approved@example.no');
    assert.equal((await approved())?.name_approved, '');
    assert.equal(await approveNames(s.url, (n) => n.name === 'Ola Nordmann approved'), 1);
    assert.match((await approved())?.name_approved ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('tab and CR open a formula too, and are defused', () => {
    assert.equal(defuseCell('\t=1+1'), "'\t=1+1");
    assert.equal(defuseCell('\r=1+1'), "'\r=1+1");
    assert.equal(defuseCell('a\t=1+1'), "a\t'=1+1");
    assert.equal(defuseCell('﹦1+1'), "'﹦1+1");
    assert.equal(defuseCell(' \u00a0=1+1'), "' \u00a0=1+1");
    assert.equal(defuseCell('Kari; Nordmann'), 'Kari; Nordmann');
    assert.equal(defuseCell(' \u00a0=1+1'), "' \u00a0=1+1");
    assert.equal(defuseCell('Kari; Nordmann'), 'Kari; Nordmann');
    assert.equal(defuseCell(null), '');
  });
});

describe('names waiting for KS (the bearer-token API)', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  interface Listed {
    waiting: number;
    names: { id: string; name: string; role: string; municipality: string; confirmedAt: string }[];
  }
  const list = async (query = '') =>
    (await (await request(`${s.url}/api/admin/names${query}`, { headers: admin })).json()) as Listed;
  const sign = async (n: string, extra: Record<string, unknown>) => {
    assert.equal((await post(`${s.url}/api/signatures`, signer(n, extra))).status, 202);
    assert.ok((await pressButtonBehind(linkIn(await s.mail.mailTo(`ola.${n}@example.no`), 'confirm'))).ok);
  };

  test('lists the waiting names, oldest first, by council if asked, with no address; only with the token', async () => {
    await sign('wait1', { showName: true, name: 'Kari Venter' });
    await sign('wait2', { showName: true, name: 'Jens Oslo', municipality: '0301', role: 'candidate' });
    await sign('wait3', { name: 'Uten Samtykke' });
    const all = await list();
    assert.equal(all.waiting, 2);
    assert.deepEqual(
      all.names.map((n) => [n.name, n.role, n.municipality]),
      [
        ['Kari Venter', 'elected', '4601'],
        ['Jens Oslo', 'candidate', '0301'],
      ],
    );
    assert.match(all.names[0].confirmedAt, /^\d{4}-\d\d-\d\dT/);
    assert.doesNotMatch(JSON.stringify(all), /@|example\.no/);
    // Oslo is one council under both its codes.
    assert.deepEqual(
      (await list('?council=03')).names.map((n) => n.name),
      ['Jens Oslo'],
    );
    assert.deepEqual((await list('?council=1804')).names, []);
    assert.equal((await request(`${s.url}/api/admin/names`)).status, 401);
    assert.equal((await post(`${s.url}/api/admin/names/approvals`, { ids: [all.names[0].id] })).status, 401);
    assert.equal((await list()).waiting, 2, 'nothing decided without the token');
  });

  test('approves and rejects exactly the names asked for, as listed; logs how many, never whose', async () => {
    const before = await list();
    const kari = before.names.find((n) => n.name === 'Kari Venter')!;
    const jens = before.names.find((n) => n.name === 'Jens Oslo')!;
    // An id whose digest does not match what is stored (a name that changed, or a guess) is left.
    const forged = `${kari.id.split('-')[0]}-${'A'.repeat(16)}`;
    let res = await post(`${s.url}/api/admin/names/approvals`, { ids: [forged] }, admin);
    assert.deepEqual(await res.json(), { approved: 0 });
    res = await post(`${s.url}/api/admin/names/approvals`, { ids: [kari.id, kari.id] }, admin);
    assert.deepEqual(await res.json(), { approved: 1 });
    res = await post(`${s.url}/api/admin/names/rejections`, { ids: [jens.id, kari.id] }, admin);
    assert.deepEqual(await res.json(), { rejected: 1 }, 'an approved name is no longer waiting');
    assert.deepEqual(await list(), { waiting: 0, names: [] });
    const councils = JSON.stringify(await (await request(`${s.url}/api/councils`)).json());
    assert.match(councils, /Kari Venter/);
    assert.doesNotMatch(councils, /Jens Oslo/);
    const log = await s.store.auditLog(10);
    assert.deepEqual(
      log.slice(0, 3).map((e) => [e.admin, e.action, e.object]),
      [
        ['API (ADMIN_TOKEN)', 'names-rejected', '1'],
        ['API (ADMIN_TOKEN)', 'names-approved', '1'],
        ['API (ADMIN_TOKEN)', 'names-approved', '0'],
      ],
    );
    for (const body of [{ ids: [] }, { ids: ['1'] }, { ids: ['x-AAAAAAAAAAAAAAAA'] }, { ids: 'all' }, {}]) {
      res = await post(`${s.url}/api/admin/names/rejections`, body, admin);
      assert.equal(res.status, 422, JSON.stringify(body));
    }
  });
});

describe('control characters (a NUL among them) in any field', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  /** C0 (tab and newline too: no field takes more than a line), DEL and C1. */
  const CONTROLS = ['\u0000', '\u0001', '\u0008', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f'];

  test('are refused with a field code, and nothing is stored, on either store', async () => {
    for (const c of CONTROLS) {
      const shown = JSON.stringify(c);
      const signings: [string, Record<string, unknown>][] = [
        ['name', { name: `Kari${c}Nordmann` }],
        ['email', { email: `kari${c}@example.no` }],
        ['email', { email: `kari@example${c}.no` }],
        ['municipality', { municipality: `46${c}01` }],
      ];
      for (const [field, extra] of signings) {
        const res = await post(`${s.url}/api/signatures`, signer('ctl', extra));
        assert.equal(res.status, 422, `${field} ${shown}`);
        assert.equal(((await res.json()) as { fields: Record<string, string> }).fields[field], 'invalid', shown);
      }
      let res = await post(
        `${s.url}/api/admin/adoptions`,
        { municipality: '4601', date: '2023-06-01', link: `https://www.bergen.kommune.no/vedtak${c}1` },
        admin,
      );
      assert.equal(res.status, 422, `link ${shown}`);
      assert.deepEqual(await res.json(), { error: 'invalid_fields', fields: { link: 'invalid' } }, shown);
      res = await post(`${s.url}/api/admin/erasures`, { email: `ola${c}@example.no` }, admin);
      assert.equal(res.status, 422, `erasure ${shown}`);
      assert.deepEqual(await res.json(), { error: 'invalid_fields', fields: { email: 'invalid' } }, shown);
    }
    assert.deepEqual(await s.store.exportRows('2023'), []);
    assert.deepEqual(await s.store.adoptions('2023'), []);
  });
});
