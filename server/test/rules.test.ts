// The signing rules on their own (signing/rules.ts): given the rows a store read, what they decide
// to write. No database: store.test.ts holds both engines to the same rules through the store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sessionLapsed, signInLink } from '../admin/sessions.js';
import {
  MAIL_PAUSE_MS,
  decideConfirm,
  decideDelete,
  decideErase,
  decideHideName,
  decideNames,
  decidePurge,
  decideSign,
  mailOutcome,
  type SignedBefore,
  type TokenRow,
} from '../signing/rules.js';
import type { SignatureInput, WaitingName } from '../store/store.js';
import type { Write } from '../store/writes.js';

const t0 = new Date('2025-05-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const tokens = { confirm: { token: 'c', hash: 'hc' }, withdraw: { token: 'w', hash: 'hw' } };
const input = (extra: Partial<SignatureInput> = {}): SignatureInput => ({
  name: 'Kari Nordmann',
  email: 'Kari.Nordmann+valg@Example.no',
  role: 'elected',
  municipality: '4601',
  lang: 'nb',
  campaign: '2023',
  ...extra,
});
const stored = (extra: Partial<SignedBefore> = {}): SignedBefore => ({
  id: 7,
  email: 'kari.nordmann@example.no',
  name: 'Kari Nordmann',
  role: 'elected',
  municipality: '4601',
  lang: 'nn',
  confirmed_at: null,
  last_mail_at: t0.toISOString(),
  ...extra,
});
const token = (extra: Partial<TokenRow> = {}): TokenRow => ({
  signatureId: 7,
  campaign: '2023',
  mailbox: 'kari.nordmann@example.no',
  name: 'Kari Nordmann',
  role: 'elected',
  municipality: '4601',
  lang: 'nb',
  confirmed_at: null,
  name_public_at: null,
  amended_at: null,
  expires_at: at(3600_000).toISOString(),
  ...extra,
});
const kinds = (writes: Write[]) => writes.map((w) => w.write);
const set = (writes: Write[]) => {
  const [update] = writes;
  assert.equal(update.write, 'update-signature');
  return update.set;
};

describe('signing', () => {
  test('a new address: a row with the consent given now, two links, and the confirmation mail', () => {
    const { result, writes } = decideSign(undefined, input({ showName: true }), tokens, 72, t0);
    assert.equal(result, 'confirm');
    assert.deepEqual(kinds(writes), ['insert-signature', 'add-token', 'add-token', 'queue-mail']);
    assert.deepEqual(writes[0], {
      write: 'insert-signature',
      values: {
        campaign: '2023',
        name: 'Kari Nordmann',
        email: 'Kari.Nordmann+valg@Example.no',
        mailbox: 'kari.nordmann@example.no',
        role: 'elected',
        municipality: '4601',
        lang: 'nb',
        name_public_at: t0.toISOString(),
        created_at: t0.toISOString(),
        last_mail_at: t0.toISOString(),
        last_attempt_at: t0.toISOString(),
      },
    });
    assert.deepEqual(writes.slice(1), [
      {
        write: 'add-token',
        signature: 'inserted',
        hash: 'hc',
        purpose: 'confirm',
        expiresAt: at(72 * 3600_000).toISOString(),
      },
      { write: 'add-token', signature: 'inserted', hash: 'hw', purpose: 'withdraw', expiresAt: null },
      {
        write: 'queue-mail',
        signature: 'inserted',
        recipient: 'Kari.Nordmann+valg@Example.no',
        request: {
          kind: 'confirm',
          lang: 'nb',
          confirmToken: 'c',
          withdrawToken: 'w',
          namePublic: true,
          campaign: '2023',
        },
        at: t0.toISOString(),
      },
    ]);
    const withoutConsent = decideSign(undefined, input({ showName: false }), tokens, 72, t0).writes[0];
    assert.ok(withoutConsent.write === 'insert-signature' && withoutConsent.values.name_public_at === null);
  });

  test('within the pause an unconfirmed signature is amended, with no mail; a consent can be taken back, never given', () => {
    const soon = at(MAIL_PAUSE_MS - 1);
    const same = decideSign(stored(), input({ showName: true, lang: 'nb' }), tokens, 72, soon);
    assert.equal(same.result, 'none');
    assert.deepEqual(set(same.writes), {
      name: 'Kari Nordmann',
      role: 'elected',
      municipality: '4601',
      lang: 'nb',
      last_attempt_at: soon.toISOString(),
    });
    assert.equal(same.writes.length, 1, 'no mail, no links');
    assert.equal(set(decideSign(stored(), input({ showName: false }), tokens, 72, soon).writes).name_public_at, null);
    for (const change of [{ name: 'Kari N.' }, { role: 'candidate' as const }, { municipality: '0301' }]) {
      const amended = set(decideSign(stored(), input({ showName: true, ...change }), tokens, 72, soon).writes);
      assert.equal(amended.name_public_at, null, `a change of ${Object.keys(change)[0]} drops the consent`);
      assert.equal(amended.amended_at, soon.toISOString(), 'and is marked');
    }
  });

  test('within the pause a confirmed signature only notes the attempt', () => {
    const decision = decideSign(stored({ confirmed_at: t0.toISOString() }), input({ name: 'X' }), tokens, 72, at(1));
    assert.deepEqual(decision, {
      result: 'none',
      writes: [{ write: 'update-signature', id: 7, set: { last_attempt_at: at(1).toISOString() } }],
    });
  });

  test('after the pause a confirmed signer gets a new withdraw link, in the mail to the address and language stored', () => {
    const later = at(MAIL_PAUSE_MS);
    const { result, writes } = decideSign(stored({ confirmed_at: t0.toISOString() }), input(), tokens, 72, later);
    assert.equal(result, 'already-signed');
    assert.deepEqual(writes.slice(1), [
      { write: 'add-token', signature: 7, hash: 'hw', purpose: 'withdraw', expiresAt: null },
      {
        write: 'queue-mail',
        signature: 7,
        recipient: 'kari.nordmann@example.no',
        request: { kind: 'already-signed', lang: 'nn', withdrawToken: 'w', campaign: '2023' },
        at: later.toISOString(),
      },
    ]);
    assert.deepEqual(set(writes), { last_mail_at: later.toISOString(), last_attempt_at: later.toISOString() });
  });

  test('after the pause an unconfirmed signature is sent afresh: new details and consent, the old links and mails gone', () => {
    const later = at(MAIL_PAUSE_MS);
    const { result, writes } = decideSign(stored(), input({ name: 'Kari N.' }), tokens, 72, later);
    assert.equal(result, 'confirm');
    assert.deepEqual(kinds(writes), [
      'update-signature',
      'drop-tokens',
      'drop-mails',
      'add-token',
      'add-token',
      'queue-mail',
    ]);
    assert.deepEqual(set(writes), {
      name: 'Kari N.',
      email: 'Kari.Nordmann+valg@Example.no',
      role: 'elected',
      municipality: '4601',
      lang: 'nb',
      name_public_at: null,
      amended_at: null,
      last_mail_at: later.toISOString(),
      last_attempt_at: later.toISOString(),
    });
    assert.deepEqual(writes[1], { write: 'drop-tokens', signature: 7 }, 'both purposes');
  });

  test('nothing the request carries beyond its fields reaches a column', () => {
    const hostile = { ...input(), id: 1, confirmed_at: 'now' } as SignatureInput;
    for (const existing of [undefined, stored(), stored({ last_mail_at: null })]) {
      for (const w of decideSign(existing, hostile, tokens, 72, t0).writes) {
        const columns = w.write === 'insert-signature' ? w.values : w.write === 'update-signature' ? w.set : {};
        assert.ok(!('id' in columns) && !('confirmed_at' in columns), JSON.stringify(w));
      }
    }
  });
});

describe("the links' rules", () => {
  test('confirming: a live link confirms once, as the signer saw it; an expired one does nothing', () => {
    assert.deepEqual(decideConfirm(token(), at(3600_000)), { result: undefined, writes: [] }, 'expired');
    assert.deepEqual(decideConfirm(undefined, t0), { result: undefined, writes: [] });
    const changed = decideConfirm(token({ amended_at: t0.toISOString() }), t0, (info) => !info.amended);
    assert.equal(changed.result?.changed, true);
    assert.deepEqual(changed.writes, [], 'nothing confirmed unless it is as seen');
    const { result, writes } = decideConfirm(token(), t0, () => true);
    assert.equal(result?.name, 'Kari Nordmann');
    assert.deepEqual(writes, [
      { write: 'update-signature', id: 7, set: { confirmed_at: t0.toISOString() } },
      { write: 'drop-tokens', signature: 7, purpose: 'confirm' },
      { write: 'count-changed', at: t0.toISOString() },
    ]);
  });

  test('hiding a name: the consent goes; the public answers change only if the name could be shown', () => {
    const shown = decideHideName(token({ confirmed_at: t0.toISOString(), name_public_at: t0.toISOString() }), t0);
    assert.equal(shown.result?.namePublic, false);
    assert.deepEqual(kinds(shown.writes), ['update-signature', 'count-changed']);
    assert.deepEqual(kinds(decideHideName(token({ name_public_at: t0.toISOString() }), t0).writes), [
      'update-signature',
    ]);
  });

  test('withdrawing deletes any signature and forgets its mailbox; discarding only an unconfirmed one', () => {
    const confirmed = token({ confirmed_at: t0.toISOString() });
    assert.deepEqual(decideDelete(confirmed, t0, 'any'), {
      result: decideConfirm(confirmed, t0).result,
      writes: [
        { write: 'delete-signature', id: 7 },
        { write: 'count-changed', at: t0.toISOString() },
      ],
      forget: ['kari.nordmann@example.no'],
    });
    assert.deepEqual(decideDelete(confirmed, t0, 'pending'), { result: undefined, writes: [] });
    assert.deepEqual(kinds(decideDelete(token(), t0, 'pending').writes), ['delete-signature']);
  });
});

describe('erasure, the purge and the names', () => {
  test('erasing deletes what the mailbox has; the count changes only if one was confirmed', () => {
    const found = [{ id: 3, mailbox: 'a@b.no', confirmed_at: null }];
    assert.deepEqual(decideErase(found, t0), {
      result: 1,
      writes: [{ write: 'delete-signature', id: 3 }],
      forget: ['a@b.no'],
    });
    assert.deepEqual(decideErase([], t0), { result: 0, writes: [], forget: [] });
    assert.equal(decideErase([{ ...found[0], confirmed_at: 'x' }], t0).writes.at(-1)?.write, 'count-changed');
  });

  test('the purge deletes an unconfirmed signature only once every confirmation link has expired', () => {
    const pending = [
      { id: 1, mailbox: 'expired@x.no', confirmed_at: null, link_expires_at: t0.toISOString() },
      { id: 2, mailbox: 'live@x.no', confirmed_at: null, link_expires_at: at(1).toISOString() },
      { id: 3, mailbox: 'none@x.no', confirmed_at: null, link_expires_at: null },
      { id: 4, mailbox: 'confirmed@x.no', confirmed_at: t0.toISOString(), link_expires_at: null },
    ];
    assert.deepEqual(decidePurge(pending, t0), {
      result: 2,
      writes: [
        { write: 'delete-signature', id: 1 },
        { write: 'delete-signature', id: 3 },
      ],
      forget: ['expired@x.no', 'none@x.no'],
    });
  });

  test("KS's decision: only names as seen; approved from now on, rejected by dropping the consent", () => {
    const waiting: WaitingName[] = [1, 2].map((id) => ({
      id,
      name: `N ${id}`,
      role: 'elected',
      municipality: '4601',
      confirmed_at: t0.toISOString(),
    }));
    const approved = decideNames('approve', waiting, (n) => n.id === 2, t0);
    assert.equal(approved.result, 1);
    assert.deepEqual(approved.writes, [
      { write: 'update-signature', id: 2, set: { name_approved_at: t0.toISOString() } },
      { write: 'count-changed', at: t0.toISOString() },
    ]);
    assert.deepEqual(set(decideNames('reject', waiting, () => true, t0).writes), { name_public_at: null });
    assert.deepEqual(
      decideNames('approve', waiting, () => false, t0),
      { result: 0, writes: [] },
    );
  });

  test("the mail queue's outcomes: sent and dropped leave the queue, a failure is tried again, 'keep' is nothing", () => {
    assert.deepEqual(mailOutcome(5, 'sent'), [{ write: 'mail-done', id: 5 }]);
    assert.deepEqual(mailOutcome(5, 'dropped'), [{ write: 'mail-dropped', id: 5 }]);
    assert.deepEqual(mailOutcome(5, 'keep'), []);
    assert.deepEqual(mailOutcome(5, { retryAt: t0, error: 'ECONNREFUSED' }), [
      { write: 'mail-failed', id: 5, retryAt: t0.toISOString(), error: 'ECONNREFUSED' },
    ]);
  });
});

describe("the admin's sign-in", () => {
  test('a session lapses when idle too long or too old', () => {
    const session = { created_at: t0.toISOString(), last_seen_at: at(1000).toISOString() };
    assert.equal(sessionLapsed(session, 2000, 10_000, at(2999)), false);
    assert.equal(sessionLapsed(session, 2000, 10_000, at(3000)), true, 'idle');
    assert.equal(sessionLapsed({ ...session, last_seen_at: at(9999).toISOString() }, 2000, 10_000, at(10_000)), true);
  });

  test('an address that may not sign in gets a decoy: no address, expired at once', () => {
    assert.deepEqual(signInLink('kari@ks.no', at(900_000), t0), {
      email: 'kari@ks.no',
      expires_at: at(900_000).toISOString(),
    });
    assert.deepEqual(signInLink(undefined, at(900_000), t0), { email: '', expires_at: t0.toISOString() });
  });
});
