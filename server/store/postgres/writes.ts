// PostgreSQL's SQL for each write a rule may decide on (../writes.ts), applied on the client of the
// transaction that read (FOR UPDATE) the rows the rule decided on.
import type pg from 'pg';
import { columnsOf, signatureRefs, type Write } from '../writes.js';

/** The channel on which every instance hears that the count changed (its memo is stale). */
export const COUNT_CHANNEL = 'valgloftet_count';

export async function applyWrites(c: pg.ClientBase, writes: readonly Write[]): Promise<void> {
  const refs = signatureRefs();
  for (const w of writes) {
    switch (w.write) {
      case 'insert-signature': {
        const { columns, values } = columnsOf(w.values);
        const { rows } = await c.query<{ id: number }>(
          `INSERT INTO signatures (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
           RETURNING id`,
          values,
        );
        refs.inserted(rows[0].id);
        break;
      }
      case 'update-signature': {
        const { columns, values } = columnsOf(w.set);
        await c.query(
          `UPDATE signatures SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
          [w.id, ...values],
        );
        break;
      }
      case 'delete-signature':
        await c.query('DELETE FROM signatures WHERE id = $1', [w.id]);
        break;
      case 'add-token':
        await c.query('INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES ($1, $2, $3, $4)', [
          w.hash,
          refs.idOf(w.signature),
          w.purpose,
          w.expiresAt,
        ]);
        break;
      case 'drop-tokens':
        if (w.purpose) {
          await c.query('DELETE FROM tokens WHERE signature_id = $1 AND purpose = $2', [w.signature, w.purpose]);
        } else await c.query('DELETE FROM tokens WHERE signature_id = $1', [w.signature]);
        break;
      case 'drop-mails':
        await c.query('DELETE FROM mail_queue WHERE signature_id = $1', [w.signature]);
        break;
      case 'queue-mail':
        await c.query(
          'INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at) VALUES ($1, $2, $3, $4, $4)',
          [refs.idOf(w.signature), w.recipient, JSON.stringify(w.request), w.at],
        );
        break;
      case 'mail-done':
        await c.query('DELETE FROM mail_queue WHERE id = $1', [w.id]);
        break;
      case 'mail-dropped':
        // Counted only if it was still there, as on SQLite (here the batch's lock keeps it there).
        if ((await c.query('DELETE FROM mail_queue WHERE id = $1', [w.id])).rowCount) {
          await c.query(
            `INSERT INTO meta (key, value) VALUES ('mail_dropped', '1')
             ON CONFLICT (key) DO UPDATE SET value = (meta.value::integer + 1)::text`,
          );
        }
        break;
      case 'mail-failed':
        await c.query('UPDATE mail_queue SET attempts = attempts + 1, due_at = $1, last_error = $2 WHERE id = $3', [
          w.retryAt,
          w.error,
          w.id,
        ]);
        break;
      case 'count-changed':
        // Its time, and a notice to every instance, sent when the transaction commits.
        await c.query(
          `INSERT INTO meta (key, value) VALUES ('count_changed_at', $1)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [w.at],
        );
        await c.query(`NOTIFY ${COUNT_CHANNEL}`);
        break;
      case 'add-tally':
        await c.query(
          `INSERT INTO campaign_tallies (campaign, municipality, role, signatures) VALUES ($1, $2, $3, $4)
           ON CONFLICT (campaign, municipality, role)
           DO UPDATE SET signatures = campaign_tallies.signatures + excluded.signatures`,
          [w.campaign, w.municipality, w.role, w.signatures],
        );
        break;
      case 'campaign-deleted':
        await c.query('INSERT INTO campaign_deletions (campaign, deleted_at, signatures) VALUES ($1, $2, $3)', [
          w.campaign,
          w.at,
          w.signatures,
        ]);
        break;
    }
  }
}
