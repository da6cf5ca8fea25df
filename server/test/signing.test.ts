import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  count,
  linkIn,
  post,
  pressButtonBehind,
  request,
  signer,
  startService,
  until,
  type Service,
} from './harness.js';
import { testHooks } from '../store/testing.js';
import { detailsOf, readPage } from './page.js';

/** In process (app.inject): none of these tests concerns the connection. */
const inject = { transport: 'inject' } as const;

describe('signing, confirming, withdrawing', () => {
  let s: Service;
  before(async () => (s = await startService({}, inject)));
  after(() => s.dispose());

  test('sign → mail → confirm with the button → the count rises', async () => {
    const before = await count(s.url);
    const res = await post(`${s.url}/api/signatures`, signer('a'));
    assert.equal(res.status, 202);
    assert.deepEqual(await res.json(), { status: 'accepted' });

    const mail = await s.mail.mailTo('ola.a@example.no');
    assert.equal(mail.subject, 'Bekreft at du slutter deg til Valgløftet 2023');
    // Nothing the sender typed goes into a mail sent in KS's name: the address may not be theirs.
    assert.match(mail.text, /^Hei!\n/);
    assert.doesNotMatch(mail.text + mail.html, /Ola Nordmann/);
    assert.match(mail.html, /<a href="http:\/\/127\.0\.0\.1:\d+\/confirm\?token=/);
    assert.equal((await count(s.url)).signatures, before.signatures, 'not counted before confirming');

    // Opening the link (as a mail scanner does) changes nothing.
    const page = await request(linkIn(mail, 'confirm'));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    readPage(await page.text()).screen.getByRole('button', { name: 'Bekreft' });
    assert.equal((await count(s.url)).signatures, before.signatures);

    const done = await pressButtonBehind(linkIn(mail, 'confirm'));
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Du har sluttet deg til Valgløftet 2023/);
    const after = await count(s.url);
    assert.equal(after.signatures, before.signatures + 1);
    assert.ok(
      after.updatedAt && (before.updatedAt === null || Date.parse(after.updatedAt) > Date.parse(before.updatedAt)),
    );

    // The link is spent.
    const again = await request(linkIn(mail, 'confirm'));
    assert.equal(again.status, 404);
    assert.match(await again.text(), /Lenken virker ikke/);
  });

  test('in nynorsk, the mail and the pages are in nynorsk', async () => {
    await post(`${s.url}/api/signatures`, signer('nn', { lang: 'nn' }));
    const mail = await s.mail.mailTo('ola.nn@example.no');
    assert.equal(mail.subject, 'Stadfest at du sluttar deg til Valgløftet 2023');
    const page = readPage(await (await request(linkIn(mail, 'confirm'))).text());
    assert.equal(page.lang, 'nn');
    page.screen.getByRole('button', { name: 'Stadfest' });
    const done = await (await pressButtonBehind(linkIn(mail, 'confirm'))).text();
    assert.match(done, /Du har slutta deg til Valgløftet 2023/);
  });

  test('a known e-mail gets the same answer and is not counted twice', async () => {
    const first = await post(`${s.url}/api/signatures`, signer('dup'));
    const mail = await s.mail.mailTo('ola.dup@example.no');
    await pressButtonBehind(linkIn(mail, 'confirm'));
    const counted = (await count(s.url)).signatures;
    const second = await post(`${s.url}/api/signatures`, signer('dup', { email: '  OLA.DUP@Example.NO ' }));
    assert.equal(second.status, first.status);
    assert.deepEqual(await second.json(), { status: 'accepted' });
    assert.equal((await count(s.url)).signatures, counted);
    assert.equal((await s.store.signaturesWhere({ email: 'ola.dup@example.no' })).length, 1);
  });

  test('a known address gets one mail, not one per request (no mailbox flooding)', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(`${s.url}/api/signatures`, signer('flood'))).status, 202);
    await s.mail.mailTo('ola.flood@example.no');
    // The other requests queued nothing: once the queue is empty, every mail there will be is sent.
    await until(async () => (await s.store.mailQueue()).waiting === 0, 'the mail queue to empty');
    assert.equal(s.mail.mails.filter((m) => m.to === 'ola.flood@example.no').length, 1);
  });

  test('withdraw through the link in the mail → the count falls and the data is gone', async () => {
    await post(`${s.url}/api/signatures`, signer('w', { lang: 'nn' }));
    const mail = await s.mail.mailTo('ola.w@example.no');
    await pressButtonBehind(linkIn(mail, 'confirm'));
    const before = (await count(s.url)).signatures;

    const page = await (await request(linkIn(mail, 'withdraw'))).text();
    assert.match(page, /Trekk underskrifta di/);
    const done = await pressButtonBehind(linkIn(mail, 'withdraw'));
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Du har trekt deg/);
    assert.equal((await count(s.url)).signatures, before - 1);
    assert.equal((await s.store.signaturesWhere({ email: 'ola.w@example.no' })).length, 0);
    assert.equal((await request(linkIn(mail, 'withdraw'))).status, 404, 'the withdraw link is spent too');
  });

  test('unknown, reused and expired tokens get the same calm page and change nothing', async () => {
    await post(`${s.url}/api/signatures`, signer('exp'));
    const mail = await s.mail.mailTo('ola.exp@example.no');
    await testHooks(s.store).expireConfirmLinks();
    const before = (await count(s.url)).signatures;
    for (const link of [
      linkIn(mail, 'confirm'),
      `${s.url}/confirm?token=not-a-token`,
      `${s.url}/confirm`,
      `${s.url}/confirm?token=${'x'.repeat(5000)}`,
      `${s.url}/withdraw?token=nope&lang=nn`,
    ]) {
      const res = await request(link);
      assert.equal(res.status, 404, link.slice(0, 60));
      assert.match(await res.text(), /Lenk(en virker ikke|a verkar ikkje)/);
    }
    const posted = await request(`${s.url}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(new URL(linkIn(mail, 'confirm')).searchParams.get('token')!)}`,
    });
    assert.equal(posted.status, 404);
    assert.equal((await count(s.url)).signatures, before);
    // Expired and unconfirmed: deleted by the purge (with any other pending signature of this suite).
    assert.ok((await s.store.purgeUnconfirmed()) >= 1);
    assert.equal((await s.store.signaturesWhere({ email: 'ola.exp@example.no' })).length, 0);
  });

  test('tokens are stored hashed', async () => {
    await post(`${s.url}/api/signatures`, signer('hash'));
    const mail = await s.mail.mailTo('ola.hash@example.no');
    const token = new URL(linkIn(mail, 'confirm')).searchParams.get('token')!;
    // The token as sent is no stored hash, for either purpose.
    assert.equal(await s.store.lookupToken(token, 'confirm'), undefined);
    assert.equal(await s.store.lookupToken(token, 'withdraw'), undefined);
  });

  test('a name with markup is escaped on the pages', async () => {
    await post(`${s.url}/api/signatures`, signer('xss', { name: '<img src=x onerror=alert(1)>' }));
    const mail = await s.mail.mailTo('ola.xss@example.no');
    const page = readPage(await (await request(linkIn(mail, 'confirm'))).text());
    assert.equal(page.document.querySelector('img'), null, 'no element made of it');
    assert.equal(detailsOf(page).Navn, '<img src=x onerror=alert(1)>', 'shown as text');
    assert.doesNotMatch(mail.html, /<img/);
  });

  test('200 concurrent signatures with distinct e-mails, all confirmed → exactly 200 more', async () => {
    const before = (await count(s.url)).signatures;
    const already = s.mail.mails.length;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(`${s.url}/api/signatures`, signer(`bulk${i}`))),
    );
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [202]);
    const mails = (await s.mail.waitFor(already + 200, 30_000)).slice(already);
    // Twenty at a time: each press reads its page into a document (jsdom), which takes the test's
    // own event loop; two hundred at once kept it from the service's answers until their sockets closed.
    for (let i = 0; i < mails.length; i += 20) {
      await Promise.all(mails.slice(i, i + 20).map((m) => pressButtonBehind(linkIn(m, 'confirm'))));
    }
    assert.equal((await count(s.url)).signatures, before + 200);
  });
});

describe('durability', () => {
  test('a restart keeps every signature and adoption', async () => {
    const s = await startService({}, inject);
    try {
      await post(`${s.url}/api/signatures`, signer('r1'));
      await pressButtonBehind(linkIn(await s.mail.mailTo('ola.r1@example.no'), 'confirm'));
      await post(`${s.url}/api/signatures`, signer('r2'));
      await s.mail.mailTo('ola.r2@example.no');
      await post(
        `${s.url}/api/admin/adoptions`,
        { municipality: '4601', date: '2023-06-15' },
        { authorization: `Bearer ${s.config.adminToken}` },
      );
      const before = await count(s.url);
      await s.stop();
      const again = await startService({}, { dataDir: s.dataDir, mail: s.mail, ...inject });
      try {
        assert.deepEqual(await count(again.url), before);
        // The pending one can still be confirmed after the restart.
        const mail = await again.mail.mailTo('ola.r2@example.no');
        const link = linkIn(mail, 'confirm').replace(/^http:\/\/127\.0\.0\.1:\d+/, again.url);
        assert.equal((await pressButtonBehind(link)).status, 200);
        assert.equal((await count(again.url)).signatures, before.signatures + 1);
      } finally {
        await again.stop();
      }
    } finally {
      await s.dispose();
    }
  });
});

describe('logs', () => {
  test('carry no personal data: no names, e-mail addresses, tokens or bodies', async () => {
    const s = await startService({ LOG_LEVEL: 'info' }, inject);
    try {
      await post(`${s.url}/api/signatures`, signer('log', { name: 'Synnøve Loggfri' }));
      const mail = await s.mail.mailTo('ola.log@example.no');
      await pressButtonBehind(linkIn(mail, 'confirm'));
      await post(`${s.url}/api/signatures`, signer('log2', { email: 'not-an-address' }));
      const token = new URL(linkIn(mail, 'withdraw')).searchParams.get('token')!;
      const text = s.logs.join('');
      assert.match(text, /"url":"\/confirm"/, 'requests are logged');
      for (const secret of ['Synnøve', 'ola.log@example.no', 'not-an-address', token, 'token=']) {
        assert.ok(!text.includes(secret), `the logs contain ${secret}`);
      }
    } finally {
      await s.dispose();
    }
  });
});

describe('the pages behind the links take their input by schema', () => {
  test('an over-long token gets the page an unknown one gets, is refused by the schema, and never reaches the store', async () => {
    const s = await startService({ LOG_LEVEL: 'debug' }, inject);
    try {
      const lookupToken = s.store.lookupToken.bind(s.store);
      const looked: string[] = [];
      s.store.lookupToken = (hash, purpose) => (looked.push(hash), lookupToken(hash, purpose));
      const unknown = await request(`${s.url}/confirm?token=unknown&lang=nn`);
      const unknownPage = readPage(await unknown.text());
      assert.equal(looked.length, 1, 'an unknown token is looked up');
      const long = await request(`${s.url}/confirm?token=${'a'.repeat(101)}&lang=nn`);
      const longPage = readPage(await long.text());
      assert.equal(long.status, unknown.status);
      assert.equal(longPage.lang, 'nn', 'the language the link carries is kept');
      assert.equal(longPage.heading, unknownPage.heading);
      assert.equal(longPage.heading, 'Lenka verkar ikkje');
      assert.equal(looked.length, 1, 'the over-long token never reached the store');
      assert.match(s.logs.join(''), /"refused":\["token"\].*page input refused by its schema/);
    } finally {
      await s.dispose();
    }
  });
});
