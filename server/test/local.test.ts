// A council's own figures on the count (issue 14): GET /api/count?municipality=CODE, against the real
// service. The names in it are shown by consent only, and leave at once when it is withdrawn.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CountWithLocal, LocalFigures } from '../../contract/local.js';
import { testHooks } from '../store/testing.js';
import {
  ADMIN_TOKEN,
  approveNames,
  count,
  formOn,
  linkIn,
  post,
  pressButtonBehind,
  signer,
  startService,
  until,
  type Service,
} from './harness.js';
import { detailsOf, paragraphsOf, readPage } from './page.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function local(url: string, code: string): Promise<LocalFigures | null> {
  const res = await fetch(`${url}/api/count?municipality=${code}`);
  assert.equal(res.status, 200, code);
  const body = (await res.json()) as CountWithLocal;
  assert.deepEqual(Object.keys(body), ['signatures', 'councils', 'updatedAt', 'campaign', 'local']);
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
    assert.deepEqual(Object.keys((await plain.json()) as object), ['signatures', 'councils', 'updatedAt', 'campaign']);
  });
});

describe('names, by consent only', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  const names = async (code = '4601') => (await local(s.url, code))?.names.map((n) => `${n.name} (${n.role})`);
  /** Whether Bergen's local figures show the test signer `n` (an elected official) by name. */
  const shown = async (n: string) => (await names())?.includes(`Ola Nordmann ${n} (elected)`) ?? false;

  /** Signs in Bergen (or `extra`'s municipality) and opens the confirmation mail. */
  async function sign(n: string, extra: Record<string, unknown> = {}) {
    const res = await post(`${s.url}/api/signatures`, signer(n, extra));
    assert.equal(res.status, 202);
    return s.mail.mailTo(`ola.${n}@example.no`);
  }

  test('without the tick, a confirmed name appears nowhere in the local figures', async () => {
    const mail = await sign('quiet');
    const page = await (await fetch(linkIn(mail, 'confirm'))).text();
    assert.equal(detailsOf(readPage(page))['Navnet ditt vises offentlig'], 'Nei');
    await pressButtonBehind(linkIn(mail, 'confirm'));
    assert.equal((await local(s.url, '4601'))?.signatures, 1, 'counted');
    assert.deepEqual(await names(), []);
    // showName: false is no consent either.
    await pressButtonBehind(linkIn(await sign('quiet2', { showName: false }), 'confirm'));
    assert.deepEqual(await names(), []);
    assert.doesNotMatch(JSON.stringify(await local(s.url, '46')), /Ola/, 'nor under the county');
  });

  test('with it: not shown before confirming nor before KS approves, shown (name and role) after, in its own council only', async () => {
    const mail = await sign('open', { showName: true, role: 'candidate' });
    assert.deepEqual(await names(), []);
    const page = await (await fetch(linkIn(mail, 'confirm'))).text();
    assert.equal(
      detailsOf(readPage(page))['Navnet ditt vises offentlig'],
      'Ja, når KS har sjekket det',
      'seen before pressing confirm',
    );
    assert.ok(
      paragraphsOf(readPage(page)).includes(
        'Navnet ditt vises først når KS har sjekket det. Vil du fjerne navnet senere, finner du en lenke for det i e-posten.',
      ),
    );
    assert.deepEqual(await names(), [], 'opening the page shows nothing');
    const signatures = (await local(s.url, '4601'))!.signatures;
    await pressButtonBehind(linkIn(mail, 'confirm'));
    assert.equal((await local(s.url, '4601'))?.signatures, signatures + 1, 'counted at once');
    assert.deepEqual(await names(), [], 'not before KS has approved the name');
    assert.equal(await approveNames(s.url), 1);
    assert.deepEqual(await names(), ['Ola Nordmann open (candidate)'], 'at once when approved');
    assert.deepEqual(await names('46'), [], 'Bergen’s signer is not the county council’s');
    const body = await (await fetch(`${s.url}/api/count?municipality=4601`)).text();
    assert.doesNotMatch(body, /@|example\.no/, 'never an address');
  });

  test('KS decides each name: approved, shown at once; rejected, never shown, its signature still counts', async () => {
    for (const n of ['yes', 'no', 'late'])
      await pressButtonBehind(linkIn(await sign(n, { showName: true }), 'confirm'));
    const listed = (await (await fetch(`${s.url}/api/admin/names`, { headers: admin })).json()) as {
      names: { id: string; name: string }[];
    };
    const id = (n: string) => listed.names.find((x) => x.name === `Ola Nordmann ${n}`)?.id ?? '';
    const signatures = (await local(s.url, '4601'))!.signatures;
    const rejected = await post(`${s.url}/api/admin/names/rejections`, { ids: [id('no')] }, admin);
    assert.deepEqual(await rejected.json(), { rejected: 1 });
    assert.equal(await shown('no'), false);
    assert.equal(
      (await s.store.signaturesWhere({ email: 'ola.no@example.no' }))[0]?.name_public_at,
      null,
      'consent dropped',
    );
    const approved = await post(`${s.url}/api/admin/names/approvals`, { ids: [id('yes'), id('no')] }, admin);
    assert.deepEqual(await approved.json(), { approved: 1 }, 'a rejected name cannot be approved');
    assert.equal(await shown('yes'), true, 'at once');
    assert.equal(await shown('no'), false);
    assert.equal((await local(s.url, '4601'))!.signatures, signatures, 'both still count');
    // Withdrawing the consent while the name waits takes it out of the queue.
    const late = await s.mail.mailTo('ola.late@example.no');
    assert.equal((await pressButtonBehind(linkIn(late, 'withdraw'), '/hide-name')).status, 200);
    assert.equal(await approveNames(s.url, (n) => n.name === 'Ola Nordmann late'), 0);
    assert.equal(await shown('late'), false);
  });

  test('names are sorted in Norwegian order', async () => {
    for (const [n, name] of [
      ['sort-aa', 'Åse Vik'],
      ['sort-ae', 'Ærlig Berg'],
      ['sort-a', 'Anne Aas'],
    ])
      await pressButtonBehind(linkIn(await sign(n, { showName: true, municipality: '1804', name }), 'confirm'));
    await approveNames(s.url);
    assert.deepEqual(
      (await local(s.url, '1804'))?.names.map((n) => n.name),
      ['Anne Aas', 'Ærlig Berg', 'Åse Vik'],
    );
  });

  test("the withdraw link's second button removes only the name: at once, and the signature still counts", async () => {
    const mail = await sign('hide', { showName: true, lang: 'nn' });
    const withdraw = linkIn(mail, 'withdraw');
    await pressButtonBehind(linkIn(mail, 'confirm'));
    await approveNames(s.url);
    assert.equal(await shown('hide'), true, 'shown');
    const signatures = (await local(s.url, '4601'))!.signatures;
    const national = (await count(s.url)).signatures;

    const page = await (await fetch(withdraw)).text();
    // Two buttons: the full withdrawal first (the link's promise), then the name alone.
    const actions = [...page.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(actions, ['/withdraw', '/hide-name']);
    assert.match(page, /Vil du berre fjerne namnet ditt\?/);
    readPage(page).screen.getByRole('button', { name: 'Fjern berre namnet mitt' });

    const done = await pressButtonBehind(withdraw, '/hide-name');
    assert.equal(done.status, 200);
    assert.match(done.url, /\/name-hidden\?lang=nn$/);
    const result = await done.text();
    assert.equal(readPage(result).lang, 'nn');
    assert.match(result, /Namnet ditt er fjerna/);
    assert.equal(await shown('hide'), false, 'gone at once');
    assert.equal((await local(s.url, '4601'))!.signatures, signatures, 'the signature still counts');
    assert.equal((await count(s.url)).signatures, national);
    assert.equal((await s.store.signaturesWhere({ email: 'ola.hide@example.no' }))[0]?.name_public_at, null);

    // The link still withdraws fully; its page no longer offers to hide what is hidden.
    const after = await (await fetch(withdraw)).text();
    assert.deepEqual(
      [...after.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]),
      ['/withdraw'],
    );
    await pressButtonBehind(withdraw);
    assert.equal((await local(s.url, '4601'))!.signatures, signatures - 1);
  });

  test('before confirming, the link offers what applies, in the words of the mail (issue 24, item 4)', async () => {
    const actionsOn = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
    // Without consent there is no name to take back: the page only deletes.
    const quiet = linkIn(await sign('pending-quiet'), 'withdraw');
    const quietPage = await (await fetch(quiet)).text();
    assert.deepEqual(actionsOn(quietPage), ['/withdraw']);
    assert.doesNotMatch(quietPage, /navnet/);

    // With it, the mail's «Fjern bare navnet mitt» leads to a button of that name, beside deleting.
    for (const [lang, button, says, title, result] of [
      [
        'nb',
        'Fjern bare navnet mitt',
        'Navnet ditt vises ikke før underskriften er bekreftet.',
        'Navnet ditt blir ikke vist',
        'men vi viser ikke navnet og rollen din offentlig',
      ],
      [
        'nn',
        'Fjern berre namnet mitt',
        'Namnet ditt blir ikkje vist før underskrifta er stadfesta.',
        'Namnet ditt blir ikkje vist',
        'men vi viser ikkje namnet og rolla di offentleg',
      ],
    ]) {
      const mail = await sign(`pending-${lang}`, { showName: true, lang });
      assert.match(mail.text, new RegExp(`trykk\\w+ på «${button}»`));
      const withdraw = linkIn(mail, 'withdraw');
      const page = await (await fetch(withdraw)).text();
      assert.deepEqual(actionsOn(page), ['/withdraw', '/hide-name']);
      readPage(page).screen.getByRole('button', { name: button });
      assert.ok(page.includes(says), page);

      const done = await pressButtonBehind(withdraw, '/hide-name');
      assert.equal(done.status, 200);
      assert.match(done.url, new RegExp(`/name-withheld\\?lang=${lang}$`));
      const answer = await done.text();
      assert.ok(answer.includes(title) && answer.includes(result), answer);
      // Still pending, now without consent: the confirm page says so, and confirming shows no name.
      const confirm = await (await fetch(linkIn(mail, 'confirm'))).text();
      assert.ok(Object.values(detailsOf(readPage(confirm))).includes('Nei'));
      await pressButtonBehind(linkIn(mail, 'confirm'));
      assert.equal(
        (await names())?.some((n) => n.includes(`pending-${lang}`)),
        false,
      );
      assert.deepEqual(actionsOn(await (await fetch(withdraw)).text()), ['/withdraw'], 'nothing left to hide');
    }
  });

  test('hiding takes a live withdraw token, and is rate limited like the other buttons', async () => {
    const res = await fetch(`${s.url}/hide-name`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=not-a-token&lang=nn',
    });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Lenka verkar ikkje/);
    const limited = await startService({ RATE_LIMIT_WRITES: '1' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await fetch(`${limited.url}/hide-name`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'token=x',
            })
          ).status,
        );
      assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
    } finally {
      await limited.dispose();
    }
  });

  test('a full withdrawal takes the name away at once', async () => {
    const mail = await sign('leave', { showName: true });
    await pressButtonBehind(linkIn(mail, 'confirm'));
    await approveNames(s.url);
    assert.equal(await shown('leave'), true, 'shown');
    const done = await pressButtonBehind(linkIn(mail, 'withdraw'));
    assert.match(done.url, /\/withdrawn\?lang=nb$/);
    assert.equal(await shown('leave'), false, 'gone at once');
  });

  test('an admin erasure takes the name away at once', async () => {
    await pressButtonBehind(linkIn(await sign('erased', { showName: true }), 'confirm'));
    await approveNames(s.url);
    assert.equal(await shown('erased'), true, 'shown');
    const res = await post(`${s.url}/api/admin/erasures`, { email: 'OLA.erased@example.no' }, admin);
    assert.deepEqual(await res.json(), { erased: 1 });
    assert.equal(await shown('erased'), false, 'gone at once');
  });

  test('signing again within the pause may take the consent back, never give it', async () => {
    await sign('amend');
    // Anyone who knows the address can send the form again before its owner confirms.
    await post(`${s.url}/api/signatures`, signer('amend', { showName: true, name: 'Noen Andre' }));
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.amend@example.no'), 'confirm'));
    assert.deepEqual(
      (await names())?.filter((n) => n.includes('Andre') || n.includes('amend')),
      [],
      'shown without the consent of the address owner',
    );
    // The owner who consented can take it back by sending the form again unticked.
    await sign('amend2', { showName: true });
    await post(`${s.url}/api/signatures`, signer('amend2'));
    await pressButtonBehind(linkIn(await s.mail.mailTo('ola.amend2@example.no'), 'confirm'));
    assert.equal(await shown('amend2'), false);
  });

  test('an amendment within the pause that changes name, role or council drops the consent, and the page says so', async () => {
    for (const [n, change, shows] of [
      ['redirect', { name: 'Jens Stoltenberg', municipality: '0301' }, 'Jens Stoltenberg'],
      ['role', { role: 'candidate' }, 'Kandidat ved valget'],
      ['council', { municipality: '1804' }, 'Bodø'],
    ] as const) {
      const mail = await sign(n, { showName: true });
      // Anyone who knows the address sends other details, ticked, before its owner has confirmed.
      assert.equal((await post(`${s.url}/api/signatures`, signer(n, { showName: true, ...change }))).status, 202);
      const page = await (await fetch(linkIn(mail, 'confirm'))).text();
      const read = readPage(page);
      assert.match(
        paragraphsOf(read).join('\n'),
        /^Opplysningene under ble endret etter at skjemaet først ble sendt med denne e-postadressen\. Det er disse som blir registrert hvis du bekrefter, og navnet ditt vises ikke offentlig\./m,
        n,
      );
      assert.ok(Object.values(detailsOf(read)).includes(shows), `${n}: what will be recorded`);
      assert.equal(detailsOf(read)['Navnet ditt vises offentlig'], 'Nei', n);
      await pressButtonBehind(linkIn(mail, 'confirm'));
      assert.equal(s.mail.mails.filter((m) => m.to === `ola.${n}@example.no`).length, 1, `${n}: one mail`);
      assert.equal(
        (await s.store.signaturesWhere({ email: `ola.${n}@example.no` }))[0]?.name_public_at,
        null,
        `${n}: no consent`,
      );
    }
    assert.equal(await approveNames(s.url, (w) => /redirect|role|council|Stoltenberg/.test(w.name)), 0);

    // The same details sent again (from a form in nynorsk): the consent stands, and nothing changed.
    const mail = await sign('again', { showName: true });
    await post(`${s.url}/api/signatures`, signer('again', { showName: true, lang: 'nn' }));
    const page = await (await fetch(linkIn(mail, 'confirm'))).text();
    assert.doesNotMatch(page, /vart endra etter at skjemaet|ble endret etter at skjemaet/);
    assert.ok(Object.values(detailsOf(readPage(page))).includes('Ja, når KS har sjekka det'));
    // Sent afresh after the pause, with a new mail and new links: no word about a change.
    await sign('reset', { showName: true });
    await post(`${s.url}/api/signatures`, signer('reset', { name: 'Noen Andre' }));
    await testHooks(s.store).endMailPause('ola.reset@example.no');
    await post(`${s.url}/api/signatures`, signer('reset', { showName: true }));
    const fresh = await until(
      () => s.mail.mails.filter((m) => m.to === 'ola.reset@example.no')[1],
      'the second mail to ola.reset',
    );
    const freshPage = await (await fetch(linkIn(fresh, 'confirm'))).text();
    assert.doesNotMatch(freshPage, /ble endret etter at skjemaet/);
    assert.ok(Object.values(detailsOf(readPage(freshPage))).includes('Ola Nordmann reset'));
  });

  test('the button confirms only what its page showed: a change in between shows the page again', async () => {
    const link = linkIn(await sign('seen', { showName: true }), 'confirm');
    const page = await (await fetch(link)).text();
    const form = formOn(page);
    assert.ok(form?.fields.seen, 'the page sends what it showed');
    // The name changes after the page was opened (within the pause, by anyone who knows the address).
    await post(`${s.url}/api/signatures`, signer('seen', { showName: true, name: 'Falskt Navn' }));
    const before = (await count(s.url)).signatures;
    const pressed = await fetch(new URL(form.action, link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
      redirect: 'manual',
    });
    assert.equal(pressed.status, 409);
    const again = await pressed.text();
    assert.match(again, /Opplysningene ble endret etter at du åpnet siden, så ingenting er bekreftet ennå\./);
    assert.ok(Object.values(detailsOf(readPage(again))).includes('Falskt Navn'));
    assert.equal((await count(s.url)).signatures, before, 'nothing confirmed');
    assert.equal(await shown('seen'), false);
    // Pressed again on the page that shows the new details, it confirms them.
    const now = formOn(again);
    const confirmed = await fetch(new URL(now!.action, link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(now!.fields).toString(),
      redirect: 'manual',
    });
    assert.equal(confirmed.status, 303);
    assert.equal((await count(s.url)).signatures, before + 1);
  });

  test('a tick does not carry over: signing again when confirmed without it shows nothing', async () => {
    await pressButtonBehind(linkIn(await sign('later'), 'confirm'));
    await testHooks(s.store).endMailPause('ola.later@example.no');
    await post(`${s.url}/api/signatures`, signer('later', { showName: true }));
    await until(() => s.mail.mails.filter((m) => m.to === 'ola.later@example.no').length === 2, 'the second mail');
    assert.equal(await shown('later'), false, 'not shown without a tick in the request');
  });
});

describe('the confirmation mail says what the consent means, only when it was given', () => {
  let s: Service;
  before(async () => (s = await startService()));
  after(() => s.dispose());

  const mailOf = async (n: string, extra: Record<string, unknown>) => {
    await post(`${s.url}/api/signatures`, signer(n, extra));
    return s.mail.mailTo(`ola.${n}@example.no`);
  };

  test('bokmål, with consent: shown where and when, withdrawn alone by the withdraw link, gone within a minute', async () => {
    const mail = await mailOf('mail-nb', { showName: true });
    const withdraw = linkIn(mail, 'withdraw');
    const paragraphs = mail.text.split('\n\n');
    const at = paragraphs.findIndex((p) =>
      p.startsWith('Du har sagt ja til at vi viser navnet og rollen din offentlig'),
    );
    assert.notEqual(at, -1, mail.text);
    assert.notEqual(at, 0, mail.text);
    assert.match(paragraphs[at - 1], /\/confirm\?token=/, 'right after the confirm link');
    assert.equal(
      paragraphs[at],
      'Du har sagt ja til at vi viser navnet og rollen din offentlig sammen med kommunen din. Det skjer når du har ' +
        'bekreftet og KS har sjekket navnet: på sidene om Valgløftet 2023, også der andre viser løftet på nettsidene sine, og i åpne ' +
        'data. Når du trekker samtykket, trekker deg eller får opplysningene slettet, fjerner vi navnet fra alt ' +
        'dette. Det tar høyst ett minutt, og litt lenger på en side som allerede er åpen. Kopier som andre allerede har lastet ned, kan vi ikke slette.',
    );
    assert.equal(
      paragraphs[at + 1],
      'Vil du senere fjerne bare navnet og fortsatt stå bak løftet, åpner du denne lenken og trykker på «Fjern ' +
        `bare navnet mitt»:\n${withdraw}&lang=nb`,
    );
    assert.match(
      mail.html,
      /<a href="[^"]+\/withdraw\?token=[^"]+">Fjern bare navnet mitt fra de offentlige listene<\/a>/,
    );
    assert.doesNotMatch(mail.text + mail.html, /Ola Nordmann/, 'nothing typed goes into a mail');
    assert.doesNotMatch(mail.text, /\{\w+\}/);
  });

  test('nynorsk, with consent', async () => {
    const mail = await mailOf('mail-nn', { showName: true, lang: 'nn' });
    assert.match(
      mail.text,
      /\/confirm\?token=[\w-]+&lang=nn\n\nDu har sagt ja til at vi viser namnet og rolla di offentleg saman med kommunen din\. Det skjer når du har stadfesta og KS har sjekka namnet: .*i opne data\. Når du trekkjer samtykket, trekkjer deg eller får opplysningane sletta, fjernar vi namnet frå alt dette\. Det tek høgst eitt minutt, og litt lenger på ei side som alt står open\./,
    );
    assert.match(mail.text, /trykkjer på «Fjern berre namnet mitt»:\nhttp:\/\/\S+\/withdraw\?token=[\w-]+&lang=nn\n\n/);
    assert.match(mail.html, />Fjern berre namnet mitt frå dei offentlege listene<\/a>/);
  });

  test('without consent, in either language, the mail says nothing about showing a name', async () => {
    for (const [n, extra] of [
      ['none-nb', {}],
      ['none-nn', { lang: 'nn' }],
      ['false-nb', { showName: false }],
    ] as const) {
      const mail = await mailOf(n, extra);
      assert.doesNotMatch(mail.text + mail.html, /offentle?g|sagt ja|Fjern b|minutt/, n);
      assert.equal(mail.text.split('\n\n').length, 6, n);
    }
  });

  test('a mail queued before consent was recorded (no namePublic) is sent as one without it', async () => {
    const { composeMail } = await import('../mail/mails.js');
    const mail = composeMail(
      { kind: 'confirm', lang: 'nb', confirmToken: 'c', withdrawToken: 'w' },
      s.config,
      s.app.campaigns,
    );
    assert.doesNotMatch(mail.text, /offentlig/);
    const consented = composeMail(
      { kind: 'confirm', lang: 'nb', confirmToken: 'c', withdrawToken: 'w', namePublic: true },
      s.config,
      s.app.campaigns,
    );
    assert.match(consented.text, /offentlig/);
  });
});
