// SQLite's SQL for each write a rule may decide on (../writes.ts). Synchronous, as better-sqlite3
// is: the caller runs it inside the transaction in which it read the rows the rule decided on.
import type Database from 'better-sqlite3';
import { columnsOf, signatureRefs, type Write } from '../writes.js';

export type Apply = (writes: readonly Write[]) => void;

export function sqliteWrites(db: Database.Database): Apply {
  const s = {
    delete: db.prepare('DELETE FROM signatures WHERE id = ?'),
    addToken: db.prepare('INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES (?, ?, ?, ?)'),
    dropTokens: db.prepare('DELETE FROM tokens WHERE signature_id = ?'),
    dropTokensOf: db.prepare('DELETE FROM tokens WHERE signature_id = ? AND purpose = ?'),
    dropMails: db.prepare('DELETE FROM mail_queue WHERE signature_id = ?'),
    queueMail: db.prepare(
      'INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    mailDone: db.prepare('DELETE FROM mail_queue WHERE id = ?'),
    countDropped: db.prepare(
      `INSERT INTO meta (key, value) VALUES ('mail_dropped', '1')
       ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    ),
    mailFailed: db.prepare('UPDATE mail_queue SET attempts = attempts + 1, due_at = ?, last_error = ? WHERE id = ?'),
    countChanged: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('count_changed_at', ?)"),
    addTally: db.prepare(
      `INSERT INTO campaign_tallies (campaign, municipality, role, signatures) VALUES (?, ?, ?, ?)
       ON CONFLICT (campaign, municipality, role) DO UPDATE SET signatures = signatures + excluded.signatures`,
    ),
    campaignDeleted: db.prepare('INSERT INTO campaign_deletions (campaign, deleted_at, signatures) VALUES (?, ?, ?)'),
  };
  // One statement for each set of columns a rule inserts or changes, made once.
  const made = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let prepared = made.get(sql);
    if (!prepared) made.set(sql, (prepared = db.prepare(sql)));
    return prepared;
  };

  return (writes) => {
    const refs = signatureRefs();
    for (const w of writes) {
      switch (w.write) {
        case 'insert-signature': {
          const { columns, values } = columnsOf(w.values);
          const sql = `INSERT INTO signatures (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
          refs.inserted(Number(statement(sql).run(...values).lastInsertRowid));
          break;
        }
        case 'update-signature': {
          const { columns, values } = columnsOf(w.set);
          statement(`UPDATE signatures SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
            ...values,
            w.id,
          );
          break;
        }
        case 'delete-signature':
          s.delete.run(w.id);
          break;
        case 'add-token':
          s.addToken.run(w.hash, refs.idOf(w.signature), w.purpose, w.expiresAt);
          break;
        case 'drop-tokens':
          if (w.purpose) s.dropTokensOf.run(w.signature, w.purpose);
          else s.dropTokens.run(w.signature);
          break;
        case 'drop-mails':
          s.dropMails.run(w.signature);
          break;
        case 'queue-mail':
          s.queueMail.run(refs.idOf(w.signature), w.recipient, JSON.stringify(w.request), w.at, w.at);
          break;
        case 'mail-done':
          s.mailDone.run(w.id);
          break;
        case 'mail-dropped':
          // Counted only if it was still there: an erasure may have taken it while it was sent.
          if (s.mailDone.run(w.id).changes) s.countDropped.run();
          break;
        case 'mail-failed':
          s.mailFailed.run(w.retryAt, w.error, w.id);
          break;
        case 'count-changed':
          s.countChanged.run(w.at);
          break;
        case 'add-tally':
          s.addTally.run(w.campaign, w.municipality, w.role, w.signatures);
          break;
        case 'campaign-deleted':
          s.campaignDeleted.run(w.campaign, w.at, w.signatures);
          break;
      }
    }
  };
}
