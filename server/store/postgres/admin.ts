// KS's admin page on PostgreSQL: sign-in links, sessions, the audit log, and what the admin reads
// (the export, the statistics, the names that wait). Tokens arrive hashed (signing/tokens.ts).
import { sessionLapsed, signInLink } from '../../admin/sessions.js';
import { WAITING } from '../conditions.js';
import type { AuditEntry, SignatureRow, WaitingName } from '../store.js';
import type { Client, Pg } from './database.js';
import { SIGNATURE_ROW_SQL as ROW, WAITING_NAME_COLUMNS as NAME, type AdminMethods } from '../parts.js';

const audit = (c: Client, at: string, admin: string, action: string, object: string | null, campaign: string | null) =>
  c.query('INSERT INTO admin_audit (at, admin, action, object, campaign) VALUES ($1, $2, $3, $4, $5)', [
    at,
    admin,
    action,
    object,
    campaign,
  ]);

export function adminMethods({ tx, row, rows }: Pg): AdminMethods {
  return {
    /** The same work whether the address may sign in or not: expired links purged, one stored. */
    async adminLinkRequested(hash, email, expiresAt, now = new Date()) {
      const link = signInLink(email, expiresAt, now);
      await tx(async (c) => {
        await c.query('DELETE FROM admin_links WHERE expires_at <= $1', [now.toISOString()]);
        await c.query('INSERT INTO admin_links (hash, email, expires_at) VALUES ($1, $2, $3)', [
          hash,
          link.email,
          link.expires_at,
        ]);
      });
    },
    async adminLink(hash, now = new Date()) {
      const link = await row<{ email: string }>(
        "SELECT email FROM admin_links WHERE hash = $1 AND expires_at > $2 AND email <> ''",
        [hash, now.toISOString()],
      );
      return link?.email;
    },
    /** A link signs in once: spent, and a session opened, in one transaction. */
    adminSignIn(linkHash, sessionHash, now = new Date()) {
      return tx(async (c) => {
        const iso = now.toISOString();
        const link = (
          await c.query<{ email: string }>(
            "DELETE FROM admin_links WHERE hash = $1 AND expires_at > $2 AND email <> '' RETURNING email",
            [linkHash, iso],
          )
        ).rows.at(0);
        if (!link) return undefined;
        await c.query('INSERT INTO admin_sessions (hash, email, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
          sessionHash,
          link.email,
          iso,
        ]);
        await audit(c, iso, link.email, 'sign-in', null, null);
        return link.email;
      });
    },
    adminSession(hash, idleMs, maxMs, now = new Date()) {
      return tx(async (c) => {
        const session = (
          await c.query<{ email: string; created_at: string; last_seen_at: string }>(
            'SELECT email, created_at, last_seen_at FROM admin_sessions WHERE hash = $1 FOR UPDATE',
            [hash],
          )
        ).rows.at(0);
        if (!session) return undefined;
        if (sessionLapsed(session, idleMs, maxMs, now)) {
          await c.query('DELETE FROM admin_sessions WHERE hash = $1', [hash]);
          return undefined;
        }
        await c.query('UPDATE admin_sessions SET last_seen_at = $1 WHERE hash = $2', [now.toISOString(), hash]);
        return session.email;
      });
    },
    async adminSignOut(hash, now = new Date()) {
      await tx(async (c) => {
        const session = (
          await c.query<{ email: string }>('DELETE FROM admin_sessions WHERE hash = $1 RETURNING email', [hash])
        ).rows.at(0);
        if (session) await audit(c, now.toISOString(), session.email, 'sign-out', null, null);
      });
    },
    async audit(admin, action, object = null, campaign = null, now = new Date()) {
      await tx((c) => audit(c, now.toISOString(), admin, action, object, campaign));
    },
    auditLog(limit = 100, offset = 0) {
      return rows<AuditEntry>(
        'SELECT at, admin, action, object, campaign FROM admin_audit ORDER BY id DESC LIMIT $1 OFFSET $2',
        [limit, offset],
      );
    },
    async auditCount() {
      return (await row<{ n: number }>('SELECT count(*) AS n FROM admin_audit'))?.n ?? 0;
    },
    waitingNames(limit, codes) {
      return codes
        ? rows<WaitingName>(
            `SELECT ${NAME} FROM signatures WHERE ${WAITING} AND municipality IN ($1, $2)
             ORDER BY confirmed_at, id LIMIT $3`,
            [...codes, limit],
          )
        : rows<WaitingName>(`SELECT ${NAME} FROM signatures WHERE ${WAITING} ORDER BY confirmed_at, id LIMIT $1`, [
            limit,
          ]);
    },
    async waitingNameCount() {
      return (await row<{ n: number }>(`SELECT count(*) AS n FROM signatures WHERE ${WAITING}`))?.n ?? 0;
    },
    exportRows(campaign) {
      return rows<SignatureRow>(`SELECT ${ROW} FROM signatures WHERE campaign = $1 ORDER BY id`, [campaign]);
    },
    signaturesWhere(where) {
      return 'email' in where
        ? rows<SignatureRow>(`SELECT ${ROW} FROM signatures WHERE email = $1`, [where.email])
        : rows<SignatureRow>(`SELECT ${ROW} FROM signatures WHERE mailbox = $1`, [where.mailbox]);
    },
    signaturesByPlace(campaign) {
      return rows(
        `SELECT municipality, count(confirmed_at) AS confirmed, count(*) - count(confirmed_at) AS unconfirmed
         FROM signatures WHERE campaign = $1 GROUP BY municipality`,
        [campaign],
      );
    },
    signaturesByDay(campaign, since) {
      return rows(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(confirmed_at) AS confirmed,
         count(*) - count(confirmed_at) AS unconfirmed
         FROM signatures WHERE campaign = $1 AND created_at >= $2 GROUP BY day ORDER BY day DESC`,
        [campaign, since.toISOString()],
      );
    },
  };
}
