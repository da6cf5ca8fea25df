// The store's contract, run against the engine the suite runs on: SQLite under `npm run test:node`,
// PostgreSQL under `npm run test:postgres` (TEST_DATABASE_URL, a real server on loopback). Every
// other server test reaches the store through the service; these call it directly.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dropDatabase } from '../../scripts/postgres.mjs';
import { openStore, type QueuedMail, type Store } from '../store/index.js';
import { hashToken, newToken } from '../signing/tokens.js';
import { ENGINE, testDatabase, until } from './harness.js';
import { testHooks } from '../store/testing.js';

const opened: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of opened.reverse()) await close();
});

/** A fresh store of the suite's engine; `sameAs` opens a second one on the same data (another instance). */
async function fresh(sameAs?: { dataDir: string }): Promise<{ store: Store; dataDir: string }> {
  const dataDir = sameAs?.dataDir ?? (await mkdtemp(join(tmpdir(), 'ks-valgloftet-store-')));
  const databaseUrl = await testDatabase(dataDir);
  const store = await openStore({ dataDir, databaseUrl });
  opened.push(async () => {
    await store.close().catch(() => undefined);
    if (!sameAs) {
      await rm(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropDatabase(databaseUrl);
    }
  });
  return { store, dataDir };
}

const input = (n: number | string, extra: Record<string, unknown> = {}) =>
  ({
    name: `Kari Nordmann ${n}`,
    email: `kari.${n}@example.no`,
    role: 'elected',
    municipality: '4601',
    lang: 'nb',
    campaign: '2023',
    ...extra,
  }) as const;

/** The confirmation mail's tokens, read from the queue as the mail queue would. */
async function queued(store: Store, email: string, now = new Date()): Promise<QueuedMail> {
  const mail = (await testHooks(store).dueMails(100, now)).findLast((m) => m.recipient === email);
  assert.ok(mail, `a queued mail to ${email}`);
  return mail;
}

/** Approves every waiting name, as KS would after checking each. */
async function approveAll(store: Store, now = new Date()): Promise<number> {
  const waiting = await store.waitingNames(1000);
  return store.decideNames(
    'approve',
    waiting.map((n) => n.id),
    () => true,
    now,
  );
}

describe(`the store's contract (${ENGINE})`, () => {
  test('a signature counts once confirmed, its link confirms once, and the count says when it changed', async () => {
    const { store } = await fresh();
    const t0 = new Date();
    assert.deepEqual(await store.count('2023'), { signatures: 0, councils: 0, updatedAt: null });
    assert.equal(await store.sign(input(1), newToken, 72, t0), 'confirm');
    assert.equal((await store.count('2023')).signatures, 0, 'not before it is confirmed');
    const mail = await queued(store, 'kari.1@example.no', t0);
    assert.equal(mail.request.kind, 'confirm');
    assert.equal(mail.attempts, 0);
    const version = store.version;
    const info = await store.confirm(hashToken(mail.request.confirmToken!), t0);
    assert.equal(info?.name, 'Kari Nordmann 1');
    assert.ok(store.version > version, 'a confirmation moves the version the memos compare');
    assert.equal(await store.confirm(hashToken(mail.request.confirmToken!), t0), undefined, 'spent');
    assert.deepEqual(await store.count('2023'), { signatures: 1, councils: 0, updatedAt: t0.toISOString() });
    const [row] = await store.signaturesWhere({ email: 'kari.1@example.no' });
    assert.equal(row.confirmed_at, t0.toISOString(), 'times come back as ISO 8601, to the millisecond');
  });

  test('one mailbox signs once: within the pause the details are amended, a consent can be taken back but not given', async () => {
    const { store } = await fresh();
    const t0 = new Date();
    await store.sign(input(2, { showName: true }), newToken, 72, t0);
    assert.equal(
      await store.sign(input(2, { email: 'Kari.2@Example.no', name: 'Kari N. 2', showName: false }), newToken, 72, t0),
      'none',
    );
    let [row] = await store.signaturesWhere({ email: 'kari.2@example.no' });
    assert.equal(row.name, 'Kari N. 2');
    assert.equal(row.name_public_at, null, 'taken back');
    const link = hashToken((await queued(store, 'kari.2@example.no', t0)).request.confirmToken!);
    assert.equal(
      (await store.lookupToken(link, 'confirm', t0))?.amended,
      true,
      'the name changed after the first send',
    );
    await store.sign(input(2, { showName: true }), newToken, 72, new Date(t0.getTime() + 1000));
    [row] = await store.signaturesWhere({ email: 'kari.2@example.no' });
    assert.equal(row.name_public_at, null, 'an amendment never gives a consent');
    assert.equal((await testHooks(store).dueMails(10, t0)).length, 1, 'one mail only');
    // After the pause: a fresh mail with fresh links; the first confirmation link is dead.
    const first = await queued(store, 'kari.2@example.no', t0);
    await testHooks(store).endMailPause('kari.2@example.no');
    assert.equal(await store.sign(input(2), newToken, 72, t0), 'confirm');
    assert.equal(await store.lookupToken(hashToken(first.request.confirmToken!), 'confirm', t0), undefined);
    const again = hashToken((await queued(store, 'kari.2@example.no', t0)).request.confirmToken!);
    assert.equal((await store.lookupToken(again, 'confirm', t0))?.amended, false, 'sent afresh');
    assert.equal((await store.exportRows('2023')).length, 1);
  });

  test('a confirmed signer who signs again gets a new withdraw link beside the old one', async () => {
    const { store } = await fresh();
    const t0 = new Date();
    await store.sign(input(3), newToken, 72, t0);
    const mail = await queued(store, 'kari.3@example.no', t0);
    await store.confirm(hashToken(mail.request.confirmToken!), t0);
    const later = new Date(t0.getTime() + 11 * 60_000);
    assert.equal(await store.sign(input(3, { name: 'Someone else' }), newToken, 72, later), 'already-signed');
    assert.equal((await queued(store, 'kari.3@example.no', later)).request.kind, 'already-signed');
    assert.ok(await store.lookupToken(hashToken(mail.request.withdrawToken), 'withdraw', later));
    assert.equal((await store.signaturesWhere({ email: 'kari.3@example.no' }))[0].name, 'Kari Nordmann 3');
  });

  test('withdrawing, discarding, erasing and purging delete the rows and tell the listeners', async () => {
    const { store } = await fresh();
    const forgotten: string[] = [];
    store.onForget((mailboxes) => forgotten.push(...mailboxes));
    const t0 = new Date();
    for (const n of [4, 5, 6, 7]) await store.sign(input(n), newToken, 72, t0);
    const confirmOf = async (n: number) => (await queued(store, `kari.${n}@example.no`, t0)).request;
    const four = await confirmOf(4);
    await store.confirm(hashToken(four.confirmToken!), t0);
    assert.equal((await store.withdraw(hashToken(four.withdrawToken), t0))?.confirmed, true);
    assert.equal((await store.count('2023')).signatures, 0);
    assert.ok(await store.discardPending(hashToken((await confirmOf(5)).confirmToken!), t0));
    assert.equal(await store.erasable('KARI.6@example.no'), 1);
    assert.equal(await store.erase('kari.6@example.no', t0), 1);
    await testHooks(store).expireConfirmLinks(t0);
    assert.equal(await store.purgeUnconfirmed(t0), 1, 'number 7, whose link expired');
    assert.deepEqual(forgotten.sort(), [
      'kari.4@example.no',
      'kari.5@example.no',
      'kari.6@example.no',
      'kari.7@example.no',
    ]);
    assert.deepEqual(await store.exportRows('2023'), []);
    assert.equal((await store.mailQueue()).waiting, 0, 'their mails went with them');
  });

  test("a council's figures: signers of its codes, its adoption, and only the names shown by consent", async () => {
    const { store } = await fresh();
    const t0 = new Date();
    await store.sign(input(8, { showName: true, municipality: '0301' }), newToken, 72, t0);
    await store.sign(input(9, { municipality: '03' }), newToken, 72, t0);
    await store.sign(input(10, { showName: true, municipality: '4601' }), newToken, 72, t0);
    for (const n of [8, 9, 10]) {
      await store.confirm(hashToken((await queued(store, `kari.${n}@example.no`, t0)).request.confirmToken!), t0);
    }
    assert.deepEqual(
      await store.local('2023', ['0301', '03'], '0301').then((l) => l.names),
      [],
      'not before KS approves',
    );
    await approveAll(store, t0);
    assert.equal(await store.recordAdoption('2023', '0301', '2024-03-12', 'https://example.no/vedtak', t0), 'created');
    assert.equal(await store.recordAdoption('2023', '0301', '2024-03-13', null, t0), 'updated');
    const oslo = await store.local('2023', ['0301', '03'], '0301');
    assert.deepEqual(oslo, {
      signatures: 2,
      adopted: { on: '2024-03-13', link: null },
      names: [{ municipality: '0301', name: 'Kari Nordmann 8', role: 'elected' }],
    });
    assert.deepEqual(Object.fromEntries(await store.signersByCouncil('2023')), { '0301': 1, '03': 1, '4601': 1 });
    assert.deepEqual(
      (await store.publicSigners('2023')).map((p) => p.name),
      ['Kari Nordmann 8', 'Kari Nordmann 10'],
    );
    const ten = await queued(store, 'kari.10@example.no', t0);
    assert.equal((await store.hideName(hashToken(ten.request.withdrawToken), t0))?.namePublic, false);
    assert.deepEqual(
      (await store.publicSigners('2023')).map((p) => p.name),
      ['Kari Nordmann 8'],
    );
    assert.equal((await store.count('2023')).councils, 1);
    assert.deepEqual(await store.adoptions('2023'), [{ council: '0301', adopted_on: '2024-03-13', link: null }]);
    assert.equal((await store.adoptionsNewestFirst('2023'))[0].recorded_at, t0.toISOString());
    assert.equal(await store.deleteAdoption('2023', '0301', t0), true);
    assert.equal(await store.deleteAdoption('2023', '0301', t0), false);
    const places = await store.signaturesByPlace('2023');
    assert.deepEqual(
      places.sort((a, b) => a.municipality.localeCompare(b.municipality)),
      [
        { municipality: '03', confirmed: 1, unconfirmed: 0 },
        { municipality: '0301', confirmed: 1, unconfirmed: 0 },
        { municipality: '4601', confirmed: 1, unconfirmed: 0 },
      ],
    );
    const [day] = await store.signaturesByDay('2023', new Date(t0.getTime() - 86_400_000));
    assert.deepEqual(day, { day: t0.toISOString().slice(0, 10), confirmed: 3, unconfirmed: 0 });
  });

  test('a name is shown once confirmed, consented to and approved by KS; a rejected one never, and its signature counts', async () => {
    const { store } = await fresh();
    const t0 = new Date();
    const t1 = new Date(t0.getTime() + 1000);
    // Confirmed in this order: 20 (Bergen), 21 (Oslo's county code), 22 (no consent), 23 (Bergen).
    for (const [n, extra] of [
      [20, { showName: true }],
      [21, { showName: true, municipality: '03' }],
      [22, {}],
      [23, { showName: true, role: 'candidate' }],
    ] as const) {
      await store.sign(input(n, extra), newToken, 72, t0);
      const mail = await queued(store, `kari.${n}@example.no`, t0);
      await store.confirm(hashToken(mail.request.confirmToken!), new Date(t0.getTime() + n));
    }
    await store.sign(input(24, { showName: true }), newToken, 72, t0);
    assert.deepEqual(await store.publicSigners('2023'), [], 'nothing shown before KS approves');
    assert.deepEqual((await store.local('2023', ['4601', '4601'], '4601')).names, []);
    assert.equal(await store.waitingNameCount(), 3, 'no consent and not confirmed do not wait');
    const waiting = await store.waitingNames(10);
    assert.deepEqual(
      waiting.map((n) => [n.name, n.role, n.municipality]),
      [
        ['Kari Nordmann 20', 'elected', '4601'],
        ['Kari Nordmann 21', 'elected', '03'],
        ['Kari Nordmann 23', 'candidate', '4601'],
      ],
      'oldest confirmation first',
    );
    assert.equal(waiting[0].confirmed_at, new Date(t0.getTime() + 20).toISOString());
    assert.deepEqual(
      (await store.waitingNames(10, ['0301', '03'])).map((n) => n.name),
      ['Kari Nordmann 21'],
      'by council',
    );
    assert.deepEqual((await store.waitingNames(1)).length, 1, 'at most the limit');

    // Only what is still as seen is decided.
    const version = store.version;
    assert.equal(
      await store.decideNames('approve', [waiting[0].id, waiting[1].id], (n) => n.id === waiting[0].id, t1),
      1,
    );
    assert.ok(store.version > version, 'the public answers are computed again');
    assert.deepEqual(await store.publicSigners('2023'), [
      { municipality: '4601', name: 'Kari Nordmann 20', role: 'elected' },
    ]);
    assert.deepEqual(
      (await store.local('2023', ['4601', '4601'], '4601')).names.map((n) => n.name),
      ['Kari Nordmann 20'],
    );
    assert.equal((await store.signaturesWhere({ email: 'kari.20@example.no' }))[0].name_approved_at, t1.toISOString());
    assert.equal(await store.decideNames('approve', [waiting[0].id], () => true, t1), 0, 'decided once');

    assert.equal(await store.decideNames('reject', [waiting[1].id, waiting[2].id], () => true, t1), 2);
    assert.equal(await store.waitingNameCount(), 0);
    assert.equal(
      await store.decideNames('approve', [waiting[2].id], () => true, t1),
      0,
      'a rejected name is never approved',
    );
    assert.deepEqual(
      (await store.publicSigners('2023')).map((n) => n.name),
      ['Kari Nordmann 20'],
    );
    const [rejected] = await store.signaturesWhere({ email: 'kari.23@example.no' });
    assert.equal(rejected.name_public_at, null, 'the consent is dropped');
    assert.ok(rejected.confirmed_at, 'the signature stays');
    assert.equal((await store.count('2023')).signatures, 4, 'and counts');
    assert.equal(await store.decideNames('approve', [], () => true, t1), 0);
  });

  test('the mail queue hands out due mails and records what became of each', async () => {
    const { store } = await fresh();
    const t0 = new Date();
    for (const n of [11, 12, 13, 15]) await store.sign(input(n), newToken, 72, t0);
    const later = new Date(t0.getTime() + 1000);
    const seen: string[] = [];
    const taken = await store.sendDueMails(
      10,
      async (mail) => {
        seen.push(mail.recipient);
        await new Promise((resolve) => setImmediate(resolve));
        if (mail.recipient === 'kari.11@example.no') return 'sent';
        if (mail.recipient === 'kari.12@example.no')
          return { retryAt: new Date(t0.getTime() + 60_000), error: 'ECONNREFUSED' };
        if (mail.recipient === 'kari.15@example.no') return 'dropped';
        return 'keep';
      },
      later,
    );
    assert.equal(taken, 4);
    assert.deepEqual(seen, ['kari.11@example.no', 'kari.12@example.no', 'kari.13@example.no', 'kari.15@example.no']);
    const state = await store.mailQueue();
    assert.equal(state.waiting, 2);
    assert.equal(state.failing, 1);
    assert.equal(state.dropped, 1, 'the dropped one left the queue and is counted');
    assert.equal(state.next, t0.toISOString(), 'the kept one is due still');
    assert.deepEqual(
      (await testHooks(store).dueMails(10, later)).map((m) => m.recipient),
      ['kari.13@example.no'],
      'the failed one waits for its retry',
    );
    const retried = await testHooks(store).dueMails(10, new Date(t0.getTime() + 61_000));
    assert.equal(retried.find((m) => m.recipient === 'kari.12@example.no')?.attempts, 1);
  });

  test("KS's admin sign-in: a link signs in once, a session runs out idle, and both are logged", async () => {
    const { store } = await fresh();
    const t0 = new Date();
    await store.adminLinkRequested('link-hash', 'admin@ks.no', new Date(t0.getTime() + 900_000), t0);
    await store.adminLinkRequested('decoy-hash', undefined, new Date(t0.getTime() + 900_000), t0);
    assert.equal(await store.adminLink('link-hash', t0), 'admin@ks.no');
    assert.equal(await store.adminLink('decoy-hash', t0), undefined);
    assert.equal(await store.adminSignIn('link-hash', 'session-hash', t0), 'admin@ks.no');
    assert.equal(await store.adminSignIn('link-hash', 'session-2', t0), undefined, 'once');
    assert.equal(await store.adminSession('session-hash', 60_000, 3600_000, t0), 'admin@ks.no');
    await testHooks(store).ageAdminSessions(61_000, 0);
    assert.equal(await store.adminSession('session-hash', 60_000, 3600_000, t0), undefined, 'idle too long');
    await store.audit('admin@ks.no', 'export', null, '2023', t0);
    await store.adminSignOut('nothing', t0);
    assert.deepEqual(
      (await store.auditLog(10)).map((e) => [e.admin, e.action, e.object]),
      [
        ['admin@ks.no', 'export', null],
        ['admin@ks.no', 'sign-in', null],
      ],
    );
    assert.equal((await store.auditLog(10))[0].at, t0.toISOString());
  });

  test('a store that refuses writes fails them and commits nothing; the write path is probed', async () => {
    const { store } = await fresh();
    await store.probeWrite();
    await testHooks(store).refuseWrites(true);
    await assert.rejects(store.sign(input(14), newToken, 72));
    await assert.rejects(store.probeWrite());
    await testHooks(store).refuseWrites(false);
    assert.deepEqual(await store.exportRows('2023'), []);
    assert.equal(await store.sign(input(14), newToken, 72), 'confirm');
    assert.equal(await store.integrity(), 'ok');
  });

  test('the test hooks are no part of the store the service holds, and each engine has them', async () => {
    const { store } = await fresh();
    const hooks = [
      'expireConfirmLinks',
      'expireAdminLinks',
      'ageAdminSessions',
      'endMailPause',
      'refuseWrites',
      'dueMails',
    ];
    for (const name of hooks) assert.ok(!(name in store), `store.${name}`);
    assert.deepEqual(Object.keys(testHooks(store)).sort(), hooks.sort());
  });
});

describe(
  'several instances on one PostgreSQL',
  { skip: ENGINE !== 'postgres' && 'runs under npm run test:postgres' },
  () => {
    test('a second instance opens the same database without migrating it again', async () => {
      const a = await fresh();
      const b = await fresh(a);
      assert.ok(a.store.migrated.length > 0);
      assert.deepEqual(b.store.migrated, []);
    });

    test("a change made by one instance moves the other's version (LISTEN/NOTIFY)", async () => {
      const a = await fresh();
      const b = await fresh(a);
      const before = b.store.version;
      await a.store.recordAdoption('2023', '4601', '2024-03-12', null);
      await until(() => b.store.version > before, "the other instance's version to move", 2000);
      assert.equal((await b.store.count('2023')).councils, 1);
    });

    test('two instances sending at once never take the same mail (FOR UPDATE SKIP LOCKED)', async () => {
      const a = await fresh();
      const b = await fresh(a);
      const t0 = new Date();
      for (let n = 0; n < 20; n++) await a.store.sign(input(`q${n}`), newToken, 72, t0);
      const sentBy = new Map<string, string>();
      const sender = (who: string) => async (mail: QueuedMail) => {
        assert.ok(!sentBy.has(mail.recipient), `${mail.recipient} handed out twice`);
        sentBy.set(mail.recipient, who);
        // A slow SMTP server: the batch stays locked meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'sent' as const;
      };
      const later = new Date(t0.getTime() + 1000);
      const [takenA, takenB] = await Promise.all([
        a.store.sendDueMails(10, sender('a'), later),
        b.store.sendDueMails(10, sender('b'), later),
      ]);
      assert.equal(takenA + takenB, 20);
      assert.ok(takenA > 0 && takenB > 0, `both took some (${takenA}, ${takenB})`);
      assert.equal((await a.store.mailQueue()).waiting, 0);
    });

    test('the same new address signed on two instances at once makes one signature', async () => {
      const a = await fresh();
      const b = await fresh(a);
      const outcomes = await Promise.all([
        a.store.sign(input('twice'), newToken, 72),
        b.store.sign(input('twice', { name: 'Kari Twice' }), newToken, 72),
      ]);
      assert.deepEqual(outcomes.sort(), ['confirm', 'none']);
      assert.equal((await a.store.exportRows('2023')).length, 1);
      assert.equal((await testHooks(a.store).dueMails(10)).length, 1, 'one mail');
    });

    test('rate-limit windows are counted in the database, and start again when they run out', async () => {
      const a = await fresh();
      const b = await fresh(a);
      const t0 = new Date();
      assert.deepEqual(await a.store.rateLimitHit?.('POST /api/signatures 10.0.0.1', 60_000, t0), {
        current: 1,
        ttl: 60_000,
      });
      assert.deepEqual(
        await b.store.rateLimitHit?.('POST /api/signatures 10.0.0.1', 60_000, new Date(t0.getTime() + 1000)),
        {
          current: 2,
          ttl: 59_000,
        },
      );
      assert.equal(
        (await a.store.rateLimitHit?.('POST /api/signatures 10.0.0.2', 60_000, t0))?.current,
        1,
        'per address',
      );
      assert.deepEqual(
        await b.store.rateLimitHit?.('POST /api/signatures 10.0.0.1', 60_000, new Date(t0.getTime() + 60_000)),
        {
          current: 1,
          ttl: 60_000,
        },
      );
      assert.deepEqual(
        await a.store.rateLimitPeek?.('POST /api/signatures 10.0.0.1', new Date(t0.getTime() + 61_000)),
        { current: 1, ttl: 59_000 },
        'read by another instance, counting nothing',
      );
      assert.equal(
        await a.store.rateLimitPeek?.('POST /api/signatures 10.0.0.1', new Date(t0.getTime() + 120_000)),
        undefined,
      );
      assert.equal(await a.store.rateLimitPeek?.('never', t0), undefined);
    });
  },
);
