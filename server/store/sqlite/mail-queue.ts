/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// The mail queue on SQLite. One process owns the file, and the mail queue takes one batch at a
// time, so nothing else can take these mails while they are sent: no lock is needed.
import type Database from 'better-sqlite3';
import type { MailRequest } from '../../mail/mails.js';
import { mailOutcome } from '../../signing/rules.js';
import type { MailQueueState, QueuedMail, Store } from '../store.js';
import type { Apply } from './writes.js';

/** The mails whose time has come, oldest first, taking none. */
export function dueMails(db: Database.Database): (limit: number, now?: Date) => QueuedMail[] {
  const due = db.prepare<[string, number], Omit<QueuedMail, 'request'> & { request: string }>(
    'SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
  );
  return (limit, now = new Date()) =>
    due.all(now.toISOString(), limit).map((row) => ({ ...row, request: JSON.parse(row.request) as MailRequest }));
}

export function mailQueueMethods(db: Database.Database, apply: Apply): Pick<Store, 'sendDueMails' | 'mailQueue'> {
  const due = dueMails(db);
  const state = db.prepare<[], MailQueueState>(
    `SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing,
     min(created_at) AS oldest, min(due_at) AS next,
     coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'mail_dropped'), 0) AS dropped FROM mail_queue`,
  );
  return {
    /** Each mail's outcome is written as soon as its sending ends. */
    async sendDueMails(limit, send, now = new Date()) {
      const mails = due(limit, now);
      await Promise.all(
        mails.map(async (mail) => {
          const writes = mailOutcome(mail.id, await send(mail));
          if (writes.length) db.transaction(apply)(writes);
        }),
      );
      return mails.length;
    },
    async mailQueue() {
      return state.get() ?? { waiting: 0, failing: 0, oldest: null, next: null, dropped: 0 };
    },
  };
}
