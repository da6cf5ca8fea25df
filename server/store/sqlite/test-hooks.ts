/* eslint-disable @typescript-eslint/require-await -- async for the TestHooks interface; better-sqlite3 is synchronous. */
// SQLite's test hooks (../testing.ts): tests move time, or make writes fail as a full disk would.
import type Database from 'better-sqlite3';
import { mailboxOf } from '../../mail/mailbox.js';
import type { TestHooks } from '../testing.js';
import { dueMails } from './mail-queue.js';

export function sqliteTestHooks(db: Database.Database): TestHooks {
  const due = dueMails(db);
  const back = (column: 'last_seen_at' | 'created_at', ms: number) =>
    db
      .prepare(`UPDATE admin_sessions SET ${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, ?)`)
      .run(`-${ms / 1000} seconds`);
  return {
    async expireConfirmLinks(now = new Date()) {
      db.prepare("UPDATE tokens SET expires_at = ? WHERE purpose = 'confirm'").run(now.toISOString());
    },
    async expireAdminLinks(now = new Date()) {
      db.prepare('UPDATE admin_links SET expires_at = ?').run(now.toISOString());
    },
    async ageAdminSessions(idleMs, ageMs = idleMs) {
      back('last_seen_at', idleMs);
      back('created_at', ageMs);
    },
    async endMailPause(email) {
      db.prepare('UPDATE signatures SET last_mail_at = NULL WHERE mailbox = ?').run(mailboxOf(email));
    },
    async refuseWrites(refuse) {
      db.pragma(`query_only = ${refuse ? 'ON' : 'OFF'}`);
    },
    async dueMails(limit, now) {
      return due(limit, now);
    },
  };
}
