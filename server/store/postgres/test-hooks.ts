// PostgreSQL's test hooks (../testing.ts): tests move time, or make writes fail as a full disk would.
import { mailboxOf } from '../../mail/mailbox.js';
import type { TestHooks } from '../testing.js';
import type { Pg } from './database.js';
import { dueMails } from './mail-queue.js';

/** `refuseWrites`: makes every transaction of this instance READ ONLY, so PostgreSQL refuses its writes. */
export function postgresTestHooks(pg: Pg, refuseWrites: (refuse: boolean) => void): TestHooks {
  const { tx } = pg;
  return {
    async expireConfirmLinks(now = new Date()) {
      await tx((c) => c.query("UPDATE tokens SET expires_at = $1 WHERE purpose = 'confirm'", [now.toISOString()]));
    },
    async expireAdminLinks(now = new Date()) {
      await tx((c) => c.query('UPDATE admin_links SET expires_at = $1', [now.toISOString()]));
    },
    async ageAdminSessions(idleMs, ageMs = idleMs) {
      await tx((c) =>
        c.query(
          `UPDATE admin_sessions SET last_seen_at = last_seen_at - make_interval(secs => $1),
           created_at = created_at - make_interval(secs => $2)`,
          [idleMs / 1000, ageMs / 1000],
        ),
      );
    },
    async endMailPause(email) {
      await tx((c) => c.query('UPDATE signatures SET last_mail_at = NULL WHERE mailbox = $1', [mailboxOf(email)]));
    },
    refuseWrites(refuse) {
      refuseWrites(refuse);
      return Promise.resolve();
    },
    dueMails(limit, now) {
      return dueMails(pg, limit, now);
    },
  };
}
