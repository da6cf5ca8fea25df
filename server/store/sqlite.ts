/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mailboxOf } from '../mail/mailbox.js';
import type { MailRequest } from '../mail/mails.js';
import type { Lang, Role } from '../../contract/signature.js';
import {
  DataDirError,
  type Adoption,
  type AuditAction,
  type AuditEntry,
  type Count,
  type LocalRows,
  type MailOutcome,
  type MailQueueState,
  type PublicSigner,
  type QueuedMail,
  type SignatureInput,
  type SignatureRow,
  type SignOutcome,
  type Store,
  type TokenInfo,
  type NameDecision,
  type WaitingName,
} from './store.js';
import { MAIL_PAUSE_MS, amendment, liveToken, type TokenRow } from '../signing/rules.js';
import { loadMigrations, newerSchema } from './migrations.js';

/** Schema versions (migrations.ts); PRAGMA user_version holds the last applied. */
const MIGRATIONS = loadMigrations('sqlite');

/** Which signers are shown by name: confirmed, consented to, and approved by KS. */
const SHOWN = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NOT NULL';
/** Which names wait for KS: confirmed and consented to, not yet approved. */
const WAITING = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL';

/**
 * Refuses a data folder that shows earlier use but whose database has no schema (a file emptied by
 * a failed copy or a full disk): starting on it would look like a fresh service and lose nothing
 * visibly, while every earlier signature is gone.
 */
function checkDataDir(file: string): void {
  const existed = existsSync(file);
  const traces = [`${file}-wal`, join(dirname(file), 'outbox.txt')].filter((f) => existsSync(f));
  if (existed && statSync(file).size === 0) {
    throw new DataDirError(
      `${file} is empty (0 bytes). The service will not start on it, so that no earlier signature is silently lost: ` +
        'restore the file from a backup, or delete it if you mean to start afresh.',
    );
  }
  if (!existed && traces.length) {
    throw new DataDirError(
      `${dirname(file)} was used before (${traces.join(', ')}) but has no database file. ` +
        'Restore valgloftet.sqlite from a backup, or empty the folder if you mean to start afresh.',
    );
  }
}

/**
 * The embedded store (one process). SQLite in WAL mode with synchronous=FULL: a transaction that
 * has returned is on disk, so a signature acknowledged to a client survives a crash or kill -9.
 * secure_delete: what is deleted is overwritten, so an erased signer cannot be read from the file.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  // Private: every query is a method here, so SQL stays in the store's modules (tests included).
  private readonly db: Database.Database;
  /** Goes up with every change to the count made through this store. */
  version = 0;
  #stmts;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    checkDataDir(file);
    const existed = existsSync(file);
    // Readable by the service's user only; SQLite gives its -wal and -shm files the same mode.
    const umask = process.umask(0o077);
    try {
      this.db = new Database(file);
    } finally {
      process.umask(umask);
    }
    if (existed && this.db.pragma('user_version', { simple: true }) === 0) {
      this.db.close();
      throw new DataDirError(
        `${file} is not a Valgløftet database (it has no schema). The service will not start on it, so that no ` +
          'earlier signature is silently lost: restore the file from a backup, or delete it to start afresh.',
      );
    }
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      // As PostgreSQL's store refuses it: a later version made this file, and this code would
      // misread it, or write over what it does not know.
      this.db.close();
      throw new DataDirError(
        `${file} could not be opened (${newerSchema(version, MIGRATIONS.length)}). ` +
          'Run the version of the service that made it, or restore a backup this version can read.',
      );
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    // For migration 2 and every later one that needs it: the same key as `sign` uses.
    this.db.function('mailbox_of', { deterministic: true }, (email: unknown) => mailboxOf(String(email)));
    this.#migrate();
    const db = this.db;
    this.#stmts = {
      byMailbox: db.prepare<
        [string],
        {
          id: number;
          email: string;
          name: string;
          role: Role;
          municipality: string;
          lang: Lang;
          confirmed_at: string | null;
          last_mail_at: string | null;
        }
      >(
        'SELECT id, email, name, role, municipality, lang, confirmed_at, last_mail_at FROM signatures WHERE mailbox = ?',
      ),
      insert: db.prepare(
        `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, name_public_at, created_at, last_mail_at,
         last_attempt_at) VALUES (@email, @mailbox, @name, @role, @municipality, @lang, @public, @now, @now, @now)`,
      ),
      updatePending: db.prepare(
        `UPDATE signatures SET email = @email, name = @name, role = @role, municipality = @municipality, lang = @lang,
         name_public_at = @public, amended_at = NULL, last_mail_at = @now, last_attempt_at = @now WHERE id = @id`,
      ),
      touchMail: db.prepare('UPDATE signatures SET last_mail_at = ?, last_attempt_at = ? WHERE id = ?'),
      touchAttempt: db.prepare('UPDATE signatures SET last_attempt_at = ? WHERE id = ?'),
      // An amendment (signing/rules.ts, amendment) may take a consent back, never give one.
      amendPending: db.prepare(
        `UPDATE signatures SET name = @name, role = @role, municipality = @municipality, lang = @lang,
         name_public_at = CASE WHEN @keepsConsent THEN name_public_at ELSE NULL END,
         amended_at = CASE WHEN @changed THEN @now ELSE amended_at END,
         last_attempt_at = @now WHERE id = @id AND confirmed_at IS NULL`,
      ),
      addToken: db.prepare('INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES (?, ?, ?, ?)'),
      dropTokens: db.prepare('DELETE FROM tokens WHERE signature_id = ? AND purpose = ?'),
      token: db.prepare<[string, string], TokenRow>(
        `SELECT s.id AS signatureId, s.name, s.role, s.municipality, s.lang, s.confirmed_at, s.name_public_at,
         s.amended_at, t.expires_at FROM tokens t JOIN signatures s ON s.id = t.signature_id
         WHERE t.hash = ? AND t.purpose = ?`,
      ),
      hideName: db.prepare('UPDATE signatures SET name_public_at = NULL WHERE id = ?'),
      signersByCouncil: db.prepare<[], { municipality: string; n: number }>(
        `SELECT municipality, count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL GROUP BY municipality`,
      ),
      localSigners: db.prepare<[string, string], { n: number }>(
        'SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL AND municipality IN (?, ?)',
      ),
      // Shown: confirmed, consented to, and approved by KS (SHOWN, the one rule).
      publicSigners: db.prepare<[], PublicSigner>(
        `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} ORDER BY municipality, name, id`,
      ),
      localPublicSigners: db.prepare<[string, string], PublicSigner>(
        `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} AND municipality IN (?, ?) ORDER BY name, id`,
      ),
      adoptionOf: db.prepare<[string], { adopted_on: string; link: string | null }>(
        'SELECT adopted_on, link FROM adoptions WHERE council = ?',
      ),
      confirm: db.prepare('UPDATE signatures SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL'),
      deleteSignature: db.prepare<[number], { confirmed_at: string | null; mailbox: string }>(
        'DELETE FROM signatures WHERE id = ? RETURNING confirmed_at, mailbox',
      ),
      deleteByMailbox: db.prepare<[string], { confirmed_at: string | null; mailbox: string }>(
        'DELETE FROM signatures WHERE mailbox = ? RETURNING confirmed_at, mailbox',
      ),
      purge: db.prepare<[string], { mailbox: string }>(
        `DELETE FROM signatures WHERE confirmed_at IS NULL AND id NOT IN
         (SELECT signature_id FROM tokens WHERE purpose = 'confirm' AND expires_at > ?) RETURNING mailbox`,
      ),
      countSignatures: db.prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL',
      ),
      countCouncils: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM adoptions'),
      changedAt: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'count_changed_at'"),
      setChangedAt: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('count_changed_at', ?)"),
      probe: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('ready_probe', ?)"),
      adoption: db.prepare<[string], { council: string }>('SELECT council FROM adoptions WHERE council = ?'),
      upsertAdoption: db.prepare(
        `INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES (@council, @date, @link, @now)
         ON CONFLICT (council) DO UPDATE SET adopted_on = @date, link = @link, recorded_at = @now`,
      ),
      deleteAdoption: db.prepare('DELETE FROM adoptions WHERE council = ?'),
      adoptions: db.prepare('SELECT council, adopted_on, link FROM adoptions ORDER BY council'),
      exportRows: db.prepare<[], SignatureRow>(
        `SELECT name, email, role, municipality, lang, created_at, confirmed_at, name_public_at, name_approved_at
         FROM signatures ORDER BY id`,
      ),
      enqueue: db.prepare(
        `INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      dropQueued: db.prepare('DELETE FROM mail_queue WHERE signature_id = ?'),
      dueMails: db.prepare<[string, number], Omit<QueuedMail, 'request'> & { request: string }>(
        'SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
      ),
      mailSent: db.prepare('DELETE FROM mail_queue WHERE id = ?'),
      countDropped: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('mail_dropped', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
      ),
      mailFailed: db.prepare('UPDATE mail_queue SET attempts = attempts + 1, due_at = ?, last_error = ? WHERE id = ?'),
      queueState: db.prepare<[], MailQueueState>(
        `SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing,
         min(created_at) AS oldest, min(due_at) AS next,
         coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'mail_dropped'), 0) AS dropped FROM mail_queue`,
      ),
    };
  }

  readonly migrated: number[] = [];

  #migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
      this.migrated.push(v + 1);
    }
  }

  #countChanged(now: Date): void {
    this.#stmts.setChangedAt.run(now.toISOString());
    this.version++;
  }

  readonly #forgetListeners: ((mailboxes: string[]) => void)[] = [];

  /** Called with the mailboxes of people whose data was just deleted, so copies elsewhere go too. */
  onForget(listener: (mailboxes: string[]) => void): void {
    this.#forgetListeners.push(listener);
  }

  /**
   * After a deletion: the WAL is written into the main file (where secure_delete has zeroed the
   * rows) and emptied, and the listeners purge their copies.
   */
  #forget(mailboxes: string[]): void {
    if (!mailboxes.length) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const listener of this.#forgetListeners) listener(mailboxes);
  }

  #enqueue(signatureId: number, recipient: string, request: MailRequest, now: string): void {
    this.#stmts.enqueue.run(signatureId, recipient, JSON.stringify(request), now, now);
  }

  /**
   * Records a signature, or refreshes a pending one, and queues its mail, all in one transaction:
   * a signature acknowledged to a client always has its mail on the way. `tokens` makes the random
   * tokens (the caller's, so this module stays free of crypto).
   *
   * Every path makes the same tokens and commits one write, so the time an answer takes does not
   * tell whether the address was known.
   */
  async sign(
    input: SignatureInput,
    tokens: () => { token: string; hash: string },
    confirmHours: number,
    now = new Date(),
  ): Promise<SignOutcome> {
    const withdraw = tokens();
    const confirm = tokens();
    const mailbox = mailboxOf(input.email);
    const { showName, ...details } = input;
    return this.db.transaction((): SignOutcome => {
      const s = this.#stmts;
      const iso = now.toISOString();
      // Consent is given in this request, or not at all: an earlier tick does not carry over.
      const row = { ...details, public: showName === true ? iso : null, now: iso };
      const existing = s.byMailbox.get(mailbox);
      if (existing?.last_mail_at && now.getTime() - Date.parse(existing.last_mail_at) < MAIL_PAUSE_MS) {
        // No second mail so soon. A signer who went back to the form to mend a detail is not lost:
        // an unconfirmed signature takes the new details, and the link already mailed confirms
        // them (its page shows them first).
        if (existing.confirmed_at) s.touchAttempt.run(iso, existing.id);
        else {
          const { changed, keepsConsent } = amendment(existing, input);
          s.amendPending.run({ ...row, id: existing.id, changed: Number(changed), keepsConsent: Number(keepsConsent) });
        }
        return 'none';
      }
      if (existing?.confirmed_at) {
        // A new withdraw link beside the old ones: the links in earlier mails keep working.
        s.touchMail.run(iso, iso, existing.id);
        s.addToken.run(withdraw.hash, existing.id, 'withdraw', null);
        this.#enqueue(
          existing.id,
          existing.email,
          { kind: 'already-signed', lang: existing.lang, withdrawToken: withdraw.token },
          iso,
        );
        return 'already-signed';
      }
      let id: number;
      if (existing) {
        id = existing.id;
        s.updatePending.run({ ...row, id });
        s.dropTokens.run(id, 'confirm');
        s.dropTokens.run(id, 'withdraw');
        s.dropQueued.run(id);
      } else {
        id = Number(s.insert.run({ ...row, mailbox }).lastInsertRowid);
      }
      const expires = new Date(now.getTime() + confirmHours * 3600_000).toISOString();
      s.addToken.run(confirm.hash, id, 'confirm', expires);
      s.addToken.run(withdraw.hash, id, 'withdraw', null);
      this.#enqueue(
        id,
        input.email,
        {
          kind: 'confirm',
          lang: input.lang,
          confirmToken: confirm.token,
          withdrawToken: withdraw.token,
          // The mail tells what the consent means and how to withdraw it alone.
          namePublic: row.public !== null,
        },
        iso,
      );
      return 'confirm';
    })();
  }

  /** The signature behind a live token, or undefined for an unknown, used or expired one. */
  async lookupToken(hash: string, purpose: 'confirm' | 'withdraw', now = new Date()): Promise<TokenInfo | undefined> {
    return this.#lookupToken(hash, purpose, now);
  }

  #lookupToken(hash: string, purpose: 'confirm' | 'withdraw', now: Date): TokenInfo | undefined {
    const row = this.#stmts.token.get(hash, purpose);
    return liveToken(row, now);
  }

  /** Confirms a signature; the token is spent. Returns undefined when the token is not live. */
  async confirm(
    hash: string,
    now = new Date(),
    /** What the signer saw when they pressed the button: unless it still holds, nothing is confirmed. */
    asSeen?: (info: TokenInfo) => boolean,
  ): Promise<(TokenInfo & { changed?: true }) | undefined> {
    return this.db.transaction(() => {
      const info = this.#lookupToken(hash, 'confirm', now);
      if (!info) return undefined;
      if (asSeen && !asSeen(info)) return { ...info, changed: true as const };
      this.#stmts.confirm.run(now.toISOString(), info.signatureId);
      this.#stmts.dropTokens.run(info.signatureId, 'confirm');
      this.#countChanged(now);
      return info;
    })();
  }

  /**
   * Withdraws the consent to show the name (the withdraw link's second button): the signature stays
   * and counts, the name leaves every public list. Returns undefined when the token is not live.
   */
  async hideName(withdrawHash: string, now = new Date()): Promise<TokenInfo | undefined> {
    return this.db.transaction(() => {
      const info = this.#lookupToken(withdrawHash, 'withdraw', now);
      if (!info) return undefined;
      this.#stmts.hideName.run(info.signatureId);
      // Public lists are memoised with the count: they must be computed again.
      if (info.confirmed && info.namePublic) this.#countChanged(now);
      return { ...info, namePublic: false };
    })();
  }

  /** Withdraws a signature: the row and its tokens are deleted, so nothing personal is kept. */
  async withdraw(hash: string, now = new Date()): Promise<TokenInfo | undefined> {
    const result = this.db.transaction(() => {
      const info = this.#lookupToken(hash, 'withdraw', now);
      if (!info) return undefined;
      const deleted = this.#stmts.deleteSignature.get(info.signatureId);
      if (deleted?.confirmed_at) this.#countChanged(now);
      return deleted && { ...info, mailbox: deleted.mailbox };
    })();
    if (result) this.#forget([result.mailbox]);
    return result;
  }

  /**
   * Erases everything about one person (admin), found by the mailbox of the address given: the
   * signature, its tokens and any mail still queued. Returns how many signatures went.
   */
  async erase(email: string, now = new Date()): Promise<number> {
    const deleted = this.db.transaction(() => {
      const rows = this.#stmts.deleteByMailbox.all(mailboxOf(email));
      if (rows.some((d) => d.confirmed_at)) this.#countChanged(now);
      return rows;
    })();
    this.#forget(deleted.map((d) => d.mailbox));
    return deleted.length;
  }

  /** Deletes signatures whose confirmation link has expired unused. */
  async purgeUnconfirmed(now = new Date()): Promise<number> {
    const purged = this.#stmts.purge.all(now.toISOString());
    this.#forget(purged.map((p) => p.mailbox));
    return purged.length;
  }

  /** Records a council's adoption; a second record for the same council replaces the first. */
  async recordAdoption(
    council: string,
    date: string,
    link: string | null,
    now = new Date(),
  ): Promise<'created' | 'updated'> {
    return this.db.transaction(() => {
      const existed = !!this.#stmts.adoption.get(council);
      this.#stmts.upsertAdoption.run({ council, date, link, now: now.toISOString() });
      this.#countChanged(now);
      return existed ? 'updated' : 'created';
    })();
  }

  async deleteAdoption(council: string, now = new Date()): Promise<boolean> {
    return this.db.transaction(() => {
      const gone = this.#stmts.deleteAdoption.run(council).changes > 0;
      if (gone) this.#countChanged(now);
      return gone;
    })();
  }

  async adoptions(): Promise<Adoption[]> {
    return this.#stmts.adoptions.all() as Adoption[];
  }

  /** The count, computed from the rows every time (no counter kept by hand). */
  async count(): Promise<Count> {
    return this.db.transaction(() => ({
      signatures: this.#stmts.countSignatures.get()?.n ?? 0,
      councils: this.#stmts.countCouncils.get()?.n ?? 0,
      updatedAt: this.#stmts.changedAt.get()?.value ?? null,
    }))();
  }

  /**
   * One council's figures: its confirmed signers, its adoption, and every one who consented to be
   * shown (in no particular order: Norwegian order is the caller's). `codes` are the SSB codes that
   * mean this council (Oslo is both 0301 and 03); `council` is the code its adoption is recorded under.
   */
  async local(codes: readonly [string, string], council: string): Promise<LocalRows> {
    return this.db.transaction(() => {
      const adoption = this.#stmts.adoptionOf.get(council);
      return {
        signatures: this.#stmts.localSigners.get(...codes)?.n ?? 0,
        adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null,
        names: this.#stmts.localPublicSigners.all(...codes),
      };
    })();
  }

  /** Confirmed signatures per SSB code as signed (municipality or county); codes with none are left out. */
  async signersByCouncil(): Promise<Map<string, number>> {
    return new Map(this.#stmts.signersByCouncil.all().map((r) => [r.municipality, r.n]));
  }

  /** Every confirmed signer who consented to be shown, by municipality and name. Never an address. */
  async publicSigners(): Promise<PublicSigner[]> {
    return this.#stmts.publicSigners.all();
  }

  async exportRows(): Promise<SignatureRow[]> {
    return this.#stmts.exportRows.all();
  }

  // KS's admin page (admin/screens.ts): sign-in links, sessions, the audit log, statistics.
  // Tokens arrive hashed (tokens.ts); this module stays free of crypto.

  /**
   * A sign-in request, the same work whether the address may sign in or not (`email` undefined),
   * so both take the same time: spent and expired links are purged, and a link is stored. For an
   * address that may not sign in it is a decoy: no address, already expired, purged by the next
   * request, never mailed.
   */
  async adminLinkRequested(hash: string, email: string | undefined, expiresAt: Date, now = new Date()): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM admin_links WHERE expires_at <= ?').run(now.toISOString());
      this.db
        .prepare('INSERT INTO admin_links (hash, email, expires_at) VALUES (?, ?, ?)')
        .run(hash, email ?? '', (email === undefined ? now : expiresAt).toISOString());
    })();
  }

  /** The address behind a live sign-in link, which stays live (its page shows the button). */
  async adminLink(hash: string, now = new Date()): Promise<string | undefined> {
    return this.db
      .prepare<[string, string], { email: string }>(
        "SELECT email FROM admin_links WHERE hash = ? AND expires_at > ? AND email <> ''",
      )
      .get(hash, now.toISOString())?.email;
  }

  /**
   * Spends a sign-in link and opens a session for its address, in one transaction: a link signs in
   * once. Returns the address, or undefined for an unknown, spent or expired link.
   */
  async adminSignIn(linkHash: string, sessionHash: string, now = new Date()): Promise<string | undefined> {
    return this.db.transaction(() => {
      const iso = now.toISOString();
      const row = this.db
        .prepare<[string, string], { email: string }>(
          "DELETE FROM admin_links WHERE hash = ? AND expires_at > ? AND email <> '' RETURNING email",
        )
        .get(linkHash, iso);
      if (!row) return undefined;
      this.db
        .prepare('INSERT INTO admin_sessions (hash, email, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
        .run(sessionHash, row.email, iso, iso);
      this.#audit(row.email, 'sign-in', null, iso);
      return row.email;
    })();
  }

  /**
   * The admin behind a session, and the session's idle time starts again (sliding). A session idle
   * for `idleMs`, or older than `maxMs`, is deleted and gives undefined.
   */
  async adminSession(hash: string, idleMs: number, maxMs: number, now = new Date()): Promise<string | undefined> {
    return this.db.transaction(() => {
      const row = this.db
        .prepare<[string], { email: string; created_at: string; last_seen_at: string }>(
          'SELECT email, created_at, last_seen_at FROM admin_sessions WHERE hash = ?',
        )
        .get(hash);
      if (!row) return undefined;
      const t = now.getTime();
      if (t - Date.parse(row.last_seen_at) >= idleMs || t - Date.parse(row.created_at) >= maxMs) {
        this.db.prepare('DELETE FROM admin_sessions WHERE hash = ?').run(hash);
        return undefined;
      }
      this.db.prepare('UPDATE admin_sessions SET last_seen_at = ? WHERE hash = ?').run(now.toISOString(), hash);
      return row.email;
    })();
  }

  /** Ends a session on the server (signing out); logged. */
  async adminSignOut(hash: string, now = new Date()): Promise<void> {
    this.db.transaction(() => {
      const row = this.db
        .prepare<[string], { email: string }>('DELETE FROM admin_sessions WHERE hash = ? RETURNING email')
        .get(hash);
      if (row) this.#audit(row.email, 'sign-out', null, now.toISOString());
    })();
  }

  #audit(admin: string, action: AuditAction, object: string | null, iso: string): void {
    this.db
      .prepare('INSERT INTO admin_audit (at, admin, action, object) VALUES (?, ?, ?, ?)')
      .run(iso, admin, action, object);
  }

  /** Logs an admin's action: who, what (an action and at most a council's code or a count), when. */
  async audit(admin: string, action: AuditAction, object: string | null = null, now = new Date()): Promise<void> {
    this.#audit(admin, action, object, now.toISOString());
  }

  /** The audit log, newest first. */
  async auditLog(limit = 100, offset = 0): Promise<AuditEntry[]> {
    return this.db
      .prepare<[number, number], AuditEntry>(
        'SELECT at, admin, action, object FROM admin_audit ORDER BY id DESC LIMIT ? OFFSET ?',
      )
      .all(limit, offset);
  }

  async auditCount(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM admin_audit').get()?.n ?? 0;
  }

  /** Names waiting for KS's approval, the oldest confirmation first; of these codes only when given. */
  async waitingNames(limit: number, codes?: readonly [string, string]): Promise<WaitingName[]> {
    const columns = 'id, name, role, municipality, confirmed_at';
    return codes
      ? this.db
          .prepare<[string, string, number], WaitingName>(
            `SELECT ${columns} FROM signatures WHERE ${WAITING} AND municipality IN (?, ?) ORDER BY confirmed_at, id LIMIT ?`,
          )
          .all(...codes, limit)
      : this.db
          .prepare<[number], WaitingName>(
            `SELECT ${columns} FROM signatures WHERE ${WAITING} ORDER BY confirmed_at, id LIMIT ?`,
          )
          .all(limit);
  }

  async waitingNameCount(): Promise<number> {
    return this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM signatures WHERE ${WAITING}`).get()?.n ?? 0;
  }

  /**
   * Approves or rejects waiting names, in one transaction: each still waiting, as the admin saw it
   * (`asSeen`). Public lists are memoised with the count, so a decision moves the version.
   */
  async decideNames(
    decision: NameDecision,
    ids: readonly number[],
    asSeen: (name: WaitingName) => boolean,
    now = new Date(),
  ): Promise<number> {
    const find = this.db.prepare<[number], WaitingName>(
      `SELECT id, name, role, municipality, confirmed_at FROM signatures WHERE id = ? AND ${WAITING}`,
    );
    // Approved: shown from now on. Rejected: the consent goes, so the name is never shown.
    const decide = this.db.prepare<[{ id: number; now: string }]>(
      decision === 'approve'
        ? 'UPDATE signatures SET name_approved_at = @now WHERE id = @id'
        : 'UPDATE signatures SET name_public_at = NULL WHERE id = @id',
    );
    return this.db.transaction(() => {
      let decided = 0;
      for (const id of new Set(ids)) {
        const waiting = find.get(id);
        if (!waiting || !asSeen(waiting)) continue;
        decide.run({ id, now: now.toISOString() });
        decided++;
      }
      if (decided) this.#countChanged(now);
      return decided;
    })();
  }

  /** The recorded adoptions, the most recently recorded first (the admin page's list). */
  async adoptionsNewestFirst(): Promise<(Adoption & { recorded_at: string })[]> {
    return this.db
      .prepare<[], Adoption & { recorded_at: string }>(
        'SELECT council, adopted_on, link, recorded_at FROM adoptions ORDER BY recorded_at DESC, council',
      )
      .all();
  }

  /** Signatures per SSB code as signed, confirmed and not yet confirmed. No names, no addresses. */
  async signaturesByPlace(): Promise<{ municipality: string; confirmed: number; unconfirmed: number }[]> {
    return this.db
      .prepare<[], { municipality: string; confirmed: number; unconfirmed: number }>(
        `SELECT municipality, count(confirmed_at) AS confirmed, count(*) - count(confirmed_at) AS unconfirmed
         FROM signatures GROUP BY municipality`,
      )
      .all();
  }

  /** Signatures made per day (UTC) since `since`, and how many of them are confirmed. */
  async signaturesByDay(since: Date): Promise<{ day: string; confirmed: number; unconfirmed: number }[]> {
    return this.db
      .prepare<[string], { day: string; confirmed: number; unconfirmed: number }>(
        `SELECT substr(created_at, 1, 10) AS day, count(confirmed_at) AS confirmed,
         count(*) - count(confirmed_at) AS unconfirmed
         FROM signatures WHERE created_at >= ? GROUP BY day ORDER BY day DESC`,
      )
      .all(since.toISOString());
  }

  /** How many signatures an erasure by this address would delete (0 or 1); nothing else about them. */
  async erasable(email: string): Promise<number> {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM signatures WHERE mailbox = ?')
        .get(mailboxOf(email))?.n ?? 0
    );
  }

  /** Moves every admin session's last request and start `idleMs` and `ageMs` into the past (tests). */
  async ageAdminSessions(idleMs: number, ageMs = idleMs): Promise<void> {
    const back = (column: string, ms: number) =>
      this.db
        .prepare(`UPDATE admin_sessions SET ${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, ?)`)
        .run(`-${ms / 1000} seconds`);
    back('last_seen_at', idleMs);
    back('created_at', ageMs);
  }

  /** Makes every admin sign-in link expired as of `now` (tests). */
  async expireAdminLinks(now = new Date()): Promise<void> {
    this.db.prepare('UPDATE admin_links SET expires_at = ?').run(now.toISOString());
  }

  /** Mails whose time has come, oldest first. */
  async dueMails(limit: number, now = new Date()): Promise<QueuedMail[]> {
    return this.#stmts.dueMails
      .all(now.toISOString(), limit)
      .map((row) => ({ ...row, request: JSON.parse(row.request) as MailRequest }));
  }

  /**
   * One process owns this file, and the mail queue takes one batch at a time, so nothing else can
   * take these mails while they are sent: no lock is needed.
   */
  async sendDueMails(
    limit: number,
    send: (mail: QueuedMail) => Promise<MailOutcome>,
    now = new Date(),
  ): Promise<number> {
    const due = await this.dueMails(limit, now);
    await Promise.all(
      due.map(async (mail) => {
        const outcome = await send(mail);
        if (outcome === 'sent') this.#stmts.mailSent.run(mail.id);
        else if (outcome === 'dropped') {
          this.db.transaction(() => {
            if (this.#stmts.mailSent.run(mail.id).changes) this.#stmts.countDropped.run();
          })();
        } else if (outcome !== 'keep')
          this.#stmts.mailFailed.run(outcome.retryAt.toISOString(), outcome.error, mail.id);
      }),
    );
    return due.length;
  }

  /** How the queue stands, for readiness and the logs. */
  async mailQueue(): Promise<MailQueueState> {
    return this.#stmts.queueState.get() ?? { waiting: 0, failing: 0, oldest: null, next: null, dropped: 0 };
  }

  /** Proves the write path: one committed write, as a signature makes. Throws when it fails. */
  async probeWrite(now = new Date()): Promise<void> {
    this.#stmts.probe.run(now.toISOString());
  }

  /**
   * The stored signatures, pending ones too, with this address as typed or this mailbox (0 or 1 of
   * them: both are unique). For tests and support questions ("is this address in?").
   */
  async signaturesWhere(where: { email: string } | { mailbox: string }): Promise<SignatureRow[]> {
    const [column, value] = 'email' in where ? ['email', where.email] : ['mailbox', where.mailbox];
    return this.db
      .prepare<[string], SignatureRow>(
        `SELECT name, email, role, municipality, lang, created_at, confirmed_at, name_public_at, name_approved_at
         FROM signatures WHERE ${column} = ?`,
      )
      .all(value);
  }

  /** Makes every confirmation link expired as of `now`, as if its hours had passed (tests). */
  async expireConfirmLinks(now = new Date()): Promise<void> {
    this.db.prepare("UPDATE tokens SET expires_at = ? WHERE purpose = 'confirm'").run(now.toISOString());
  }

  /** Lifts the pause between two mails to this address's mailbox, as if it had passed (tests). */
  async endMailPause(email: string): Promise<void> {
    this.db.prepare('UPDATE signatures SET last_mail_at = NULL WHERE mailbox = ?').run(mailboxOf(email));
  }

  /** Makes every write fail (`true`), as a full disk would, or work again (`false`) (tests). */
  async refuseWrites(refuse: boolean): Promise<void> {
    this.db.pragma(`query_only = ${refuse ? 'ON' : 'OFF'}`);
  }

  /** SQLite's own checks of the file and of its references: 'ok', or what is wrong. */
  async integrity(): Promise<string> {
    const result = String(this.db.pragma('integrity_check', { simple: true }));
    if (result !== 'ok') return result;
    const orphans = (this.db.pragma('foreign_key_check') as unknown[]).length;
    return orphans ? `${orphans} rows refer to rows that are gone` : 'ok';
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /**
   * Deletes an unconfirmed signature through its confirmation token ("that is not right"), so a
   * signer who sees details they did not give can remove them. A confirmed one is left alone.
   */
  async discardPending(confirmHash: string, now = new Date()): Promise<TokenInfo | undefined> {
    const result = this.db.transaction(() => {
      const info = this.#lookupToken(confirmHash, 'confirm', now);
      if (!info || info.confirmed) return undefined;
      const deleted = this.#stmts.deleteSignature.get(info.signatureId);
      return deleted && { ...info, mailbox: deleted.mailbox };
    })();
    if (result) this.#forget([result.mailbox]);
    return result;
  }
}
