// The signing rules (signing/rules.ts) on PostgreSQL: each method reads, FOR UPDATE, the rows a
// rule needs, and the rule's writes are applied in the same transaction (`decided`, database.ts).
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
import type { Client, Pg } from './database.js';
import type { SignatureMethods } from '../parts.js';

const code = (err: unknown) => (err as { code?: string }).code;

/** The signature behind a token, locked when read in a transaction that will write. */
async function tokenRow(c: Client | Pg['pool'], hash: string, purpose: 'confirm' | 'withdraw', lock = true) {
  const { rows } = await c.query<TokenRow>(
    `SELECT s.id AS "signatureId", s.campaign, s.mailbox, s.name, s.role, s.municipality, s.lang, s.confirmed_at,
     s.name_public_at, s.amended_at, t.expires_at FROM tokens t JOIN signatures s ON s.id = t.signature_id
     WHERE t.hash = $1 AND t.purpose = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [hash, purpose],
  );
  return rows.at(0);
}

export function signatureMethods({ pool, decided, row, rows }: Pg): SignatureMethods {
  return {
    async sign(input, tokens, confirmHours, now = new Date()) {
      // Made before the transaction, on every path alike.
      const withdraw = tokens();
      const confirm = tokens();
      const attempt = () =>
        decided(
          async (c) =>
            (
              await c.query<SignedBefore>(
                `SELECT id, email, name, role, municipality, lang, confirmed_at, last_mail_at FROM signatures
                 WHERE campaign = $1 AND mailbox = $2 FOR UPDATE`,
                [input.campaign, mailboxOf(input.email)],
              )
            ).rows.at(0),
          (existing) => decideSign(existing, input, { confirm, withdraw }, confirmHours, now),
        );
      try {
        return await attempt();
      } catch (err) {
        // Two instances signing the same new mailbox at once: one insert wins, the other runs again
        // and finds its row (as SQLite's one writer at a time would have).
        if (code(err) !== '23505') throw err;
        return attempt();
      }
    },
    async lookupToken(hash, purpose, now = new Date()) {
      return liveToken(await tokenRow(pool, hash, purpose, false), now);
    },
    confirm(hash, now = new Date(), asSeen) {
      return decided(
        (c) => tokenRow(c, hash, 'confirm'),
        (found) => decideConfirm(found, now, asSeen),
      );
    },
    hideName(withdrawHash, now = new Date()) {
      return decided(
        (c) => tokenRow(c, withdrawHash, 'withdraw'),
        (found) => decideHideName(found, now),
      );
    },
    withdraw(hash, now = new Date()) {
      return decided(
        (c) => tokenRow(c, hash, 'withdraw'),
        (found) => decideDelete(found, now, 'any'),
      );
    },
    discardPending(confirmHash, now = new Date()) {
      return decided(
        (c) => tokenRow(c, confirmHash, 'confirm'),
        (found) => decideDelete(found, now, 'pending'),
      );
    },
    erase(email, now = new Date()) {
      return decided(
        async (c) =>
          (
            await c.query<StoredSignature>(
              'SELECT id, mailbox, confirmed_at FROM signatures WHERE mailbox = $1 FOR UPDATE',
              [mailboxOf(email)],
            )
          ).rows,
        (found) => decideErase(found, now),
      );
    },
    async erasable(email) {
      return (
        (await row<{ n: number }>('SELECT count(*) AS n FROM signatures WHERE mailbox = $1', [mailboxOf(email)]))?.n ??
        0
      );
    },
    /**
     * In one snapshot: a signature signed again while this runs (a new confirmation link, on any
     * instance) makes it fail rather than delete that signature; the next hourly run does the rest.
     */
    async purgeUnconfirmed(now = new Date()) {
      try {
        return await decided(
          async (c) =>
            (
              await c.query<StoredSignature & { link_expires_at: string | null }>(
                `SELECT id, mailbox, confirmed_at, (SELECT max(expires_at) FROM tokens t
                 WHERE t.signature_id = s.id AND t.purpose = 'confirm') AS link_expires_at
                 FROM signatures s WHERE confirmed_at IS NULL`,
              )
            ).rows,
          (pending) => decidePurge(pending, now),
          true,
        );
      } catch (err) {
        if (code(err) === '40001') return 0;
        throw err;
      }
    },
    /**
     * The campaign's rows are locked while they go; two instances deleting at once: the second
     * finds the deletion recorded (its insert fails on the key), and nothing is done twice.
     */
    async deleteCampaignData(campaign, now = new Date()) {
      let deleted: number | undefined;
      try {
        deleted = await decided(
          async (c) => ({
            rows: (
              await c.query<RetiredSignature>(
                'SELECT id, mailbox, municipality, role, confirmed_at FROM signatures WHERE campaign = $1 FOR UPDATE',
                [campaign],
              )
            ).rows,
            done:
              ((await c.query('SELECT 1 FROM campaign_deletions WHERE campaign = $1', [campaign])).rowCount ?? 0) > 0,
          }),
          ({ rows: found, done }) => decideCampaignDeletion(campaign, found, done, now),
        );
      } catch (err) {
        if (code(err) === '23505') return undefined;
        throw err;
      }
      // A plain VACUUM only marks the deleted rows' space free, their bytes still in the table's
      // files; VACUUM FULL writes each table anew without them. It locks the table while it runs:
      // once per campaign, on tables of a few thousand rows, a moment.
      if (deleted) await pool.query('VACUUM FULL signatures, tokens, mail_queue');
      return deleted;
    },
    campaignDeletions() {
      return rows<CampaignDeletion>(
        'SELECT campaign, deleted_at, signatures FROM campaign_deletions ORDER BY deleted_at',
      );
    },
    /**
     * The waiting rows are locked while they are decided, so a withdrawal or an erasure on another
     * instance waits for the decision, or the decision finds the row gone.
     */
    async decideNames(decision, ids, asSeen, now = new Date()) {
      if (!ids.length) return 0;
      return decided(
        async (c) =>
          (
            await c.query<WaitingName>(
              `SELECT id, name, role, municipality, confirmed_at FROM signatures
               WHERE id = ANY($1::bigint[]) AND ${WAITING} ORDER BY id FOR UPDATE`,
              [[...new Set(ids)]],
            )
          ).rows,
        (waiting) => decideNames(decision, waiting, asSeen, now),
      );
    },
  };
}
