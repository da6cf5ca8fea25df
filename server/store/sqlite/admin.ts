/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// KS's admin page on SQLite: sign-in links, sessions, the audit log, and what the admin reads
// (the export, the statistics, the names that wait). Tokens arrive hashed (signing/tokens.ts).
import type Database from 'better-sqlite3';
import { sessionLapsed, signInLink } from '../../admin/sessions.js';
import { WAITING } from '../conditions.js';
import type { AuditAction, AuditEntry, SignatureRow, WaitingName } from '../store.js';
import { SIGNATURE_ROW_SQL as ROW, WAITING_NAME_COLUMNS as NAME, type AdminMethods } from '../parts.js';

export function adminMethods(db: Database.Database): AdminMethods {
  const s = {
    purgeLinks: db.prepare('DELETE FROM admin_links WHERE expires_at <= ?'),
    addLink: db.prepare('INSERT INTO admin_links (hash, email, expires_at) VALUES (@hash, @email, @expires_at)'),
    link: db.prepare<[string, string], { email: string }>(
      "SELECT email FROM admin_links WHERE hash = ? AND expires_at > ? AND email <> ''",
    ),
    spendLink: db.prepare<[string, string], { email: string }>(
      "DELETE FROM admin_links WHERE hash = ? AND expires_at > ? AND email <> '' RETURNING email",
    ),
    addSession: db.prepare('INSERT INTO admin_sessions (hash, email, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string], { email: string; created_at: string; last_seen_at: string }>(
      'SELECT email, created_at, last_seen_at FROM admin_sessions WHERE hash = ?',
    ),
    seen: db.prepare('UPDATE admin_sessions SET last_seen_at = ? WHERE hash = ?'),
    endSession: db.prepare<[string], { email: string }>('DELETE FROM admin_sessions WHERE hash = ? RETURNING email'),
    audit: db.prepare('INSERT INTO admin_audit (at, admin, action, object, campaign) VALUES (?, ?, ?, ?, ?)'),
    auditLog: db.prepare<[number, number], AuditEntry>(
      'SELECT at, admin, action, object, campaign FROM admin_audit ORDER BY id DESC LIMIT ? OFFSET ?',
    ),
    auditCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM admin_audit'),
    waiting: db.prepare<[number], WaitingName>(
      `SELECT ${NAME} FROM signatures WHERE ${WAITING} ORDER BY confirmed_at, id LIMIT ?`,
    ),
    waitingIn: db.prepare<[string, string, number], WaitingName>(
      `SELECT ${NAME} FROM signatures WHERE ${WAITING} AND municipality IN (?, ?) ORDER BY confirmed_at, id LIMIT ?`,
    ),
    waitingCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM signatures WHERE ${WAITING}`),
    exportRows: db.prepare<[string], SignatureRow>(`SELECT ${ROW} FROM signatures WHERE campaign = ? ORDER BY id`),
    byEmail: db.prepare<[string], SignatureRow>(`SELECT ${ROW} FROM signatures WHERE email = ?`),
    byMailbox: db.prepare<[string], SignatureRow>(`SELECT ${ROW} FROM signatures WHERE mailbox = ?`),
    byPlace: db.prepare<[string], { municipality: string; confirmed: number; unconfirmed: number }>(
      `SELECT municipality, count(confirmed_at) AS confirmed, count(*) - count(confirmed_at) AS unconfirmed
       FROM signatures WHERE campaign = ? GROUP BY municipality`,
    ),
    byDay: db.prepare<[string, string], { day: string; confirmed: number; unconfirmed: number }>(
      `SELECT substr(created_at, 1, 10) AS day, count(confirmed_at) AS confirmed,
       count(*) - count(confirmed_at) AS unconfirmed
       FROM signatures WHERE campaign = ? AND created_at >= ? GROUP BY day ORDER BY day DESC`,
    ),
  };
  const audit = (admin: string, action: AuditAction, object: string | null, iso: string, campaign: string | null) =>
    s.audit.run(iso, admin, action, object, campaign);

  return {
    /** The same work whether the address may sign in or not: expired links purged, one stored. */
    async adminLinkRequested(hash, email, expiresAt, now = new Date()) {
      db.transaction(() => {
        s.purgeLinks.run(now.toISOString());
        s.addLink.run({ hash, ...signInLink(email, expiresAt, now) });
      })();
    },
    async adminLink(hash, now = new Date()) {
      return s.link.get(hash, now.toISOString())?.email;
    },
    /** A link signs in once: spent, and a session opened, in one transaction. */
    async adminSignIn(linkHash, sessionHash, now = new Date()) {
      return db.transaction(() => {
        const iso = now.toISOString();
        const row = s.spendLink.get(linkHash, iso);
        if (!row) return undefined;
        s.addSession.run(sessionHash, row.email, iso, iso);
        audit(row.email, 'sign-in', null, iso, null);
        return row.email;
      })();
    },
    async adminSession(hash, idleMs, maxMs, now = new Date()) {
      return db.transaction(() => {
        const row = s.session.get(hash);
        if (!row) return undefined;
        if (sessionLapsed(row, idleMs, maxMs, now)) {
          s.endSession.get(hash);
          return undefined;
        }
        s.seen.run(now.toISOString(), hash);
        return row.email;
      })();
    },
    async adminSignOut(hash, now = new Date()) {
      db.transaction(() => {
        const row = s.endSession.get(hash);
        if (row) audit(row.email, 'sign-out', null, now.toISOString(), null);
      })();
    },
    async audit(admin, action, object = null, campaign = null, now = new Date()) {
      audit(admin, action, object, now.toISOString(), campaign);
    },
    async auditLog(limit = 100, offset = 0) {
      return s.auditLog.all(limit, offset);
    },
    async auditCount() {
      return s.auditCount.get()?.n ?? 0;
    },
    async waitingNames(limit, codes) {
      return codes ? s.waitingIn.all(...codes, limit) : s.waiting.all(limit);
    },
    async waitingNameCount() {
      return s.waitingCount.get()?.n ?? 0;
    },
    async exportRows(campaign) {
      return s.exportRows.all(campaign);
    },
    async signaturesWhere(where) {
      return 'email' in where ? s.byEmail.all(where.email) : s.byMailbox.all(where.mailbox);
    },
    async signaturesByPlace(campaign) {
      return s.byPlace.all(campaign);
    },
    async signaturesByDay(campaign, since) {
      return s.byDay.all(campaign, since.toISOString());
    },
  };
}
