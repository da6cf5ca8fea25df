// A council's own figures on the count (issue 14): GET /api/count?municipality=CODE, against the real
// service. The names in it are shown by consent only, and leave at once when it is withdrawn.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CountWithLocal, LocalFigures } from '../../contract/local.js';
import { ADMIN_TOKEN, count, linkIn, post, pressButtonBehind, signer, startService, type Service } from './harness.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function local(url: string, code: string): Promise<LocalFigures | null> {
  const res = await fetch(`${url}/api/count?municipality=${code}`);
  assert.equal(res.status, 200, code);
  const body = (await res.json()) as CountWithLocal;
  assert.deepEqual(Object.keys(body), ['signatures', 'councils', 'updatedAt', 'local']);
  return body.local;
}

/** Signs and confirms through the mail's link, as a person does. */
async function signAndConfirm(s: Service, n: string, extra: Record<string, unknown> = {}): Promise<void> {
  await post(`${s.url}/api/signatures`, signer(n, extra));
  const done = await pressButtonBehind(linkIn(await s.mail.mailTo(`ola.${n}@example.no`), 'confirm'));
  assert.equal(done.status, 200);
}

/** max-age plus stale-while-revalidate: how long a cache may hand out an answer. */
const lifetime = (cacheControl: string | null): number => {
  const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl ?? '')?.[1] ?? NaN);
  return seconds('max-age') + seconds('stale-while-revalidate');
};

describe('GET /api/count?municipality=', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  test('a municipality and a county: the national count and the council by the name the form uses', async () => {
    const national = await count(s.url);
    const res = await fetch(`${s.url}/api/count?municipality=4601`);
    const body = (await res.json()) as CountWithLocal;
    assert.deepEqual(body, {
      ...national,
      local: { code: '4601', name: 'Bergen', signatures: 0, adopted: null, names: [] },
    });
    assert.deepEqual(await local(s.url, '46'), {
      code: '46',
      name: 'Vestland fylkeskommune',
      signatures: 0,
      adopted: null,
      names: [],
    });
    assert.equal((await local(s.url, '5610'))?.name, 'Kárášjohka – Karasjok', 'all its names, as the form lists it');
  });

  test('a well-formed code not in the list → local null; the national figures as ever', async () => {
    for (const code of ['9999', '30', '0000']) assert.equal(await local(s.url, code), null, code);
  });

  test('a malformed, repeated or over-long code → 400 invalid_query, echoing nothing', async () => {
    for (const query of [
      'municipality=abc',
      'municipality=460',
      'municipality=46011',
      'municipality=',
      'municipality',
      'municipality=4601&municipality=4601',
      'municipality=46&municipality=4601',
      `municipality=${'4'.repeat(500)}`,
      'municipality=%3Cscript%3E',
      'municipality=46%00',
      'municipality=4601%0A',
    ]) {
      const res = await fetch(`${s.url}/api/count?${query}`);
      assert.equal(res.status, 400, query);
      const text = await res.text();
      const body = JSON.parse(text) as { error: string; fields?: Record<string, string> };
      assert.equal(body.error, 'invalid_query', query);
      assert.deepEqual(Object.keys(body.fields ?? {}), ['municipality'], query);
      assert.doesNotMatch(text, /script|4601|4444|abc/, query);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    }
  });

  test('any other query parameter is ignored, as before', async () => {
    const plain = await (await fetch(`${s.url}/api/count`)).text();
    assert.equal(await (await fetch(`${s.url}/api/count?lang=nn&v=2`)).text(), plain);
    assert.equal((await local(s.url, '4601&lang=nn'))?.code, '4601');
  });

  test('adopted, with its date and link, or without a link; not adopted → null; Oslo is one council', async () => {
    const bergen = await post(
      `${s.url}/api/admin/adoptions`,
      { municipality: '4601', date: '2023-06-15', link: 'https://www.bergen.kommune.no/vedtak/123' },
      admin,
    );
    assert.equal(bergen.status, 201);
    assert.deepEqual((await local(s.url, '4601'))?.adopted, {
      on: '2023-06-15',
      link: 'https://www.bergen.kommune.no/vedtak/123',
    });
    assert.equal((await local(s.url, '46'))?.adopted, null, 'the county council has not adopted it');
    await post(`${s.url}/api/admin/adoptions`, { municipality: '46', date: '2023-09-01' }, admin);
    assert.deepEqual((await local(s.url, '46'))?.adopted, { on: '2023-09-01', link: null });
    await post(`${s.url}/api/admin/adoptions`, { municipality: '03', date: '2023-05-11' }, admin);
    assert.deepEqual((await local(s.url, '0301'))?.adopted, { on: '2023-05-11', link: null });
    assert.deepEqual((await local(s.url, '03'))?.adopted, { on: '2023-05-11', link: null });
    // Removed: gone from the local line at once (the memo follows store.version).
    await fetch(`${s.url}/api/admin/adoptions/46`, { method: 'DELETE', headers: admin });
    assert.equal((await local(s.url, '46'))?.adopted, null);
  });

  test('the local count rises after a confirmation in that council, not after one elsewhere', async () => {
    const bergen = (await local(s.url, '4601'))!.signatures;
    const county = (await local(s.url, '46'))!.signatures;
    await post(`${s.url}/api/signatures`, signer('pending-bergen'));
    await s.mail.mailTo('ola.pending-bergen@example.no');
    assert.equal((await local(s.url, '4601'))!.signatures, bergen, 'not before confirming');

    await signAndConfirm(s, 'bergen1');
    assert.equal((await local(s.url, '4601'))!.signatures, bergen + 1);
    assert.equal((await local(s.url, '46'))!.signatures, county, 'the county council is a council of its own');

    const national = (await count(s.url)).signatures;
    await signAndConfirm(s, 'bodo1', { municipality: '1804' });
    assert.equal((await count(s.url)).signatures, national + 1);
    assert.equal((await local(s.url, '4601'))!.signatures, bergen + 1, 'a confirmation in Bodø is not Bergen’s');
    assert.equal((await local(s.url, '1804'))!.signatures, 1);

    await signAndConfirm(s, 'vestland1', { municipality: '46' });
    assert.equal((await local(s.url, '46'))!.signatures, county + 1);
    assert.equal((await local(s.url, '4601'))!.signatures, bergen + 1);

    // Oslo's bystyre is both 0301 and 03: a signer under either counts once for both.
    await signAndConfirm(s, 'oslo1', { municipality: '0301' });
    await signAndConfirm(s, 'oslo2', { municipality: '03' });
    assert.equal((await local(s.url, '0301'))!.signatures, 2);
    assert.equal((await local(s.url, '03'))!.signatures, 2);
  });

  test('ETag and 304, a new ETag after a change, and the headers of a cacheable, public answer', async () => {
    const first = await fetch(`${s.url}/api/count?municipality=4601`, {
      headers: { origin: 'https://www.bergen.kommune.no' },
    });
    const body = await first.text();
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    assert.notEqual(etag, (await fetch(`${s.url}/api/count`)).headers.get('etag'), 'not the plain count’s');
    assert.notEqual(etag, (await fetch(`${s.url}/api/count?municipality=46`)).headers.get('etag'));
    assert.equal(first.headers.get('access-control-allow-origin'), '*');
    assert.equal(first.headers.get('set-cookie'), null);
    assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(first.headers.get('content-length'), String(Buffer.byteLength(body)));
    assert.equal(first.headers.get('cache-control'), 'public, max-age=15, stale-while-revalidate=45');
    assert.ok(lifetime(first.headers.get('cache-control')) <= 60, 'a cache keeps a name 60 s at most');

    const unchanged = await fetch(`${s.url}/api/count?municipality=4601`, { headers: { 'if-none-match': etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(await unchanged.text(), '');
    assert.equal(unchanged.headers.get('etag'), etag);
    assert.equal(unchanged.headers.get('access-control-allow-origin'), '*');
    assert.equal(unchanged.headers.get('cache-control'), first.headers.get('cache-control'));

    const head = await fetch(`${s.url}/api/count?municipality=4601`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal(head.headers.get('etag'), etag);

    await signAndConfirm(s, 'etag-bergen');
    const changed = await fetch(`${s.url}/api/count?municipality=4601`, { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);

    // The plain count carries no name: its own, longer policy is unchanged.
    const plain = await fetch(`${s.url}/api/count`);
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=15, stale-while-revalidate=60');
    assert.deepEqual(Object.keys((await plain.json()) as object), ['signatures', 'councils', 'updatedAt']);
  });
});
