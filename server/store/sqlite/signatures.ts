/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// The signing rules (signing/rules.ts) on SQLite: each method reads the rows a rule needs, and the
// rule's writes are applied in the same transaction (`decided`, index.ts).
import type Database from 'better-sqlite3';
import { mailboxOf } from '../../mail/mailbox.js';
import {
  decideCampaignDeletion,
  decideConfirm,
  decideDelete,
  decideErase,
  decideHideName,
  decideNames,
  decidePurge,
  decideSign,
  liveToken,
  type RetiredSignature,
  type SignedBefore,
  type StoredSignature,
  type TokenRow,
} from '../../signing/rules.js';
import { WAITING } from '../conditions.js';
import type { CampaignDeletion, WaitingName } from '../store.js';
import type { Decision } from '../writes.js';
import type { SignatureMethods } from '../parts.js';

/** Runs a rule in one transaction: reads, decides, writes, commits; then tells what changed. */
export type Decided = <T, R>(read: () => T, decide: (rows: T) => Decision<R>) => R;

export function signatureMethods(db: Database.Database, decided: Decided): SignatureMethods {
  const byMailbox = db.prepare<[string, string], SignedBefore>(
    `SELECT id, email, name, role, municipality, lang, confirmed_at, last_mail_at FROM signatures
     WHERE campaign = ? AND mailbox = ?`,
  );
  const token = db.prepare<[string, 'confirm' | 'withdraw'], TokenRow>(
    `SELECT s.id AS signatureId, s.campaign, s.mailbox, s.name, s.role, s.municipality, s.lang, s.confirmed_at, s.name_public_at,
     s.amended_at, t.expires_at FROM tokens t JOIN signatures s ON s.id = t.signature_id
     WHERE t.hash = ? AND t.purpose = ?`,
  );
  const stored = db.prepare<[string], StoredSignature>(
    'SELECT id, mailbox, confirmed_at FROM signatures WHERE mailbox = ?',
  );
  const pending = db.prepare<[], StoredSignature & { link_expires_at: string | null }>(
    `SELECT id, mailbox, confirmed_at, (SELECT max(expires_at) FROM tokens t
     WHERE t.signature_id = s.id AND t.purpose = 'confirm') AS link_expires_at
     FROM signatures s WHERE confirmed_at IS NULL`,
  );
  const waiting = db.prepare<[string], WaitingName>(
    `SELECT id, name, role, municipality, confirmed_at FROM signatures
     WHERE id IN (SELECT value FROM json_each(?)) AND ${WAITING} ORDER BY id`,
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM signatures WHERE mailbox = ?');
  const ofCampaign = db.prepare<[string], RetiredSignature>(
    'SELECT id, mailbox, municipality, role, confirmed_at FROM signatures WHERE campaign = ?',
  );
  const deletedBefore = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM campaign_deletions WHERE campaign = ?',
  );
  const deletions = db.prepare<[], CampaignDeletion>(
    'SELECT campaign, deleted_at, signatures FROM campaign_deletions ORDER BY deleted_at',
  );

  return {
    async sign(input, tokens, confirmHours, now = new Date()) {
      // Made before the transaction, on every path alike.
      const withdraw = tokens();
      const confirm = tokens();
      return decided(
        () => byMailbox.get(input.campaign, mailboxOf(input.email)),
        (existing) => decideSign(existing, input, { confirm, withdraw }, confirmHours, now),
      );
    },
    async lookupToken(hash, purpose, now = new Date()) {
      return liveToken(token.get(hash, purpose), now);
    },
    async confirm(hash, now = new Date(), asSeen) {
      return decided(
        () => token.get(hash, 'confirm'),
        (row) => decideConfirm(row, now, asSeen),
      );
    },
    async hideName(withdrawHash, now = new Date()) {
      return decided(
        () => token.get(withdrawHash, 'withdraw'),
        (row) => decideHideName(row, now),
      );
    },
    async withdraw(hash, now = new Date()) {
      return decided(
        () => token.get(hash, 'withdraw'),
        (row) => decideDelete(row, now, 'any'),
      );
    },
    async discardPending(confirmHash, now = new Date()) {
      return decided(
        () => token.get(confirmHash, 'confirm'),
        (row) => decideDelete(row, now, 'pending'),
      );
    },
    async erase(email, now = new Date()) {
      return decided(
        () => stored.all(mailboxOf(email)),
        (found) => decideErase(found, now),
      );
    },
    async erasable(email) {
      return count.get(mailboxOf(email))?.n ?? 0;
    },
    async purgeUnconfirmed(now = new Date()) {
      return decided(
        () => pending.all(),
        (rows) => decidePurge(rows, now),
      );
    },
    async deleteCampaignData(campaign, now = new Date()) {
      const deleted = decided(
        () => ({ rows: ofCampaign.all(campaign), done: (deletedBefore.get(campaign)?.n ?? 0) > 0 }),
        ({ rows, done }) => decideCampaignDeletion(campaign, rows, done, now),
      );
      // secure_delete has zeroed the rows and `decided` emptied the WAL into the file; VACUUM then
      // writes the file anew, so not even a freed page keeps a name.
      if (deleted) db.exec('VACUUM');
      return deleted;
    },
    async campaignDeletions() {
      return deletions.all();
    },
    async decideNames(decision, ids, asSeen, now = new Date()) {
      return decided(
        () => waiting.all(JSON.stringify([...new Set(ids)])),
        (rows) => decideNames(decision, rows, asSeen, now),
      );
    },
  };
}
