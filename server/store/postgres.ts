import pg from 'pg';
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
  type RateLimitHit,
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

/** Schema versions (migrations.ts); schema_migrations holds those applied. */
const MIGRATIONS = loadMigrations('postgres');

/** Which signers are shown by name: confirmed, consented to, and approved by KS. */
const SHOWN = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NOT NULL';
/** Which names wait for KS: confirmed and consented to, not yet approved. */
const WAITING = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL';

/** The advisory lock the instances take to migrate, one at a time ("valgløftet" as a number). */
const MIGRATION_LOCK = 2023_0531;

/** The channel on which every instance hears that the count changed (its memo is stale). */
const COUNT_CHANNEL = 'valgloftet_count';

/**
 * How values come back: times as ISO 8601 strings (as SQLite keeps them), dates as written,
 * bigints (ids, counts) as numbers; far below 2^53 here.
 */
const { TIMESTAMPTZ, DATE, INT8 } = pg.types.builtins;
const parseTime = pg.types.getTypeParser(TIMESTAMPTZ) as (value: string) => Date;
const types = new pg.TypeOverrides();
types.setTypeParser(TIMESTAMPTZ, (value) => parseTime(value).toISOString());
types.setTypeParser(DATE, (value) => value);
types.setTypeParser(INT8, (value) => Number(value));

type Client = pg.PoolClient;

/** An address without its password, for messages. */
const shown = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
};

/**
 * The shared store for several instances: PostgreSQL through a pool (node-postgres). Every method
 * is one transaction; `version` follows changes made by every instance, through LISTEN/NOTIFY.
 */
export class PostgresStore implements Store {
  readonly engine = 'postgres';
  version = 0;
  /** The migrations this instance applied when it opened the store (none if another had). */
  readonly migrated: readonly number[];
  readonly #pool: pg.Pool;
  readonly #url: string;
  #listener: pg.Client | undefined;
  #closed = false;
  #readOnly = false;
  #pruner: NodeJS.Timeout | undefined;
  readonly #forgetListeners: ((mailboxes: string[]) => void)[] = [];

  private constructor(pool: pg.Pool, url: string, migrated: number[]) {
    this.#pool = pool;
    this.#url = url;
    this.migrated = migrated;
    // An idle client whose server went away must not take the process down; the next query fails.
    pool.on('error', () => undefined);
  }

  /** Connects, migrates under the advisory lock, and starts listening for count changes. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      types,
      max: 10,
      connectionTimeoutMillis: 10_000,
      // A transaction left open (a mail send that hangs past every timeout) ends after two minutes;
      // its mails are then another's to send.
      options: '-c timezone=UTC -c idle_in_transaction_session_timeout=120000',
      application_name: 'valgloftet',
    });
    let migrated: number[];
    try {
      migrated = await migrate(pool);
    } catch (err) {
      await pool.end();
      const code = (err as { code?: string }).code;
      throw new DataDirError(
        `PostgreSQL at ${shown(url)} could not be opened (${code ?? (err as Error).message}). ` +
          'Check DATABASE_URL, that the server runs, and that the role may create tables in the database.',
      );
    }
    const store = new PostgresStore(pool, url, migrated);
    await store.#listen();
    store.#pruner = setInterval(() => {
      void pool.query('DELETE FROM rate_limits WHERE window_ends < now()').catch(() => undefined);
    }, 600_000);
    store.#pruner.unref();
    return store;
  }

  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#url, types });
    client.on('notification', () => {
      this.version++;
    });
    const again = () => {
      if (this.#closed || this.#listener !== client) return;
      this.#listener = undefined;
      // Changes may have been missed while deaf: every memo is stale.
      this.version++;
      setTimeout(() => void this.#listen().catch(() => undefined), 1000).unref();
    };
    client.on('error', again);
    client.on('end', again);
    this.#listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${COUNT_CHANNEL}`);
    } catch {
      again();
    }
  }

  /**
   * One transaction on one client: committed when `work` resolves, rolled back when it throws (and
   * the client then closed rather than reused). `snapshot`: every statement reads the same moment
   * (REPEATABLE READ), and a row changed by another transaction meanwhile fails it (40001).
   */
  async #tx<T>(work: (c: Client) => Promise<T>, snapshot = false): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query(
        `BEGIN${snapshot ? ' ISOLATION LEVEL REPEATABLE READ' : ''}${this.#readOnly ? ' READ ONLY' : ''}`,
      );
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  }

  async #row<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R | undefined> {
    return (await this.#pool.query<R>(sql, values)).rows.at(0);
  }

  async #rows<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.#pool.query<R>(sql, values)).rows;
  }

  /** In the transaction that changed the count: its time, and a notice to every instance on commit. */
  async #countChanged(c: Client, now: Date): Promise<void> {
    await c.query(
      `INSERT INTO meta (key, value) VALUES ('count_changed_at', $1)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [now.toISOString()],
    );
    await c.query(`NOTIFY ${COUNT_CHANNEL}`);
  }

  /** After the commit: this instance's memos at once (the notice comes back a moment later). */
  #changed(): void {
    this.version++;
  }

  onForget(listener: (mailboxes: string[]) => void): void {
    this.#forgetListeners.push(listener);
  }

  #forget(mailboxes: string[]): void {
    if (!mailboxes.length) return;
    for (const listener of this.#forgetListeners) listener(mailboxes);
  }

  async #lookupToken(
    c: Client | pg.Pool,
    hash: string,
    purpose: 'confirm' | 'withdraw',
    now: Date,
    lock = false,
  ): Promise<TokenInfo | undefined> {
    const { rows } = await c.query<TokenRow>(
      `SELECT s.id AS "signatureId", s.name, s.role, s.municipality, s.lang, s.confirmed_at, s.name_public_at,
       s.amended_at, t.expires_at FROM tokens t JOIN signatures s ON s.id = t.signature_id
       WHERE t.hash = $1 AND t.purpose = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [hash, purpose],
    );
    const row = rows.at(0);
    return liveToken(row, now);
  }

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
    const iso = now.toISOString();
    // Consent is given in this request, or not at all: an earlier tick does not carry over.
    const isPublic = showName === true ? iso : null;
    const enqueue = (c: Client, id: number, recipient: string, request: MailRequest) =>
      c.query(
        'INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at) VALUES ($1, $2, $3, $4, $4)',
        [id, recipient, JSON.stringify(request), iso],
      );
    const attempt = () =>
      this.#tx(async (c): Promise<SignOutcome> => {
        const existing = (
          await c.query<{
            id: number;
            email: string;
            name: string;
            role: Role;
            municipality: string;
            lang: Lang;
            confirmed_at: string | null;
            last_mail_at: string | null;
          }>(
            `SELECT id, email, name, role, municipality, lang, confirmed_at, last_mail_at FROM signatures
             WHERE mailbox = $1 FOR UPDATE`,
            [mailbox],
          )
        ).rows.at(0);
        if (existing?.last_mail_at && now.getTime() - Date.parse(existing.last_mail_at) < MAIL_PAUSE_MS) {
          // No second mail so soon; an unconfirmed signature takes the new details (as in sqlite.ts),
          // and an amendment (signing/rules.ts, amendment) may take a consent back, never give one.
          if (existing.confirmed_at) {
            await c.query('UPDATE signatures SET last_attempt_at = $1 WHERE id = $2', [iso, existing.id]);
          } else {
            const { changed, keepsConsent } = amendment(existing, input);
            await c.query(
              `UPDATE signatures SET name = $1, role = $2, municipality = $3, lang = $4,
               name_public_at = CASE WHEN $5::boolean THEN name_public_at ELSE NULL END,
               amended_at = CASE WHEN $6::boolean THEN $7 ELSE amended_at END,
               last_attempt_at = $7 WHERE id = $8 AND confirmed_at IS NULL`,
              [details.name, details.role, details.municipality, details.lang, keepsConsent, changed, iso, existing.id],
            );
          }
          return 'none';
        }
        if (existing?.confirmed_at) {
          // A new withdraw link beside the old ones: the links in earlier mails keep working.
          await c.query('UPDATE signatures SET last_mail_at = $1, last_attempt_at = $1 WHERE id = $2', [
            iso,
            existing.id,
          ]);
          await c.query('INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES ($1, $2, $3, NULL)', [
            withdraw.hash,
            existing.id,
            'withdraw',
          ]);
          await enqueue(c, existing.id, existing.email, {
            kind: 'already-signed',
            lang: existing.lang,
            withdrawToken: withdraw.token,
          });
          return 'already-signed';
        }
        let id: number;
        if (existing) {
          id = existing.id;
          await c.query(
            `UPDATE signatures SET email = $1, name = $2, role = $3, municipality = $4, lang = $5,
             name_public_at = $6, amended_at = NULL, last_mail_at = $7, last_attempt_at = $7 WHERE id = $8`,
            [details.email, details.name, details.role, details.municipality, details.lang, isPublic, iso, id],
          );
          await c.query('DELETE FROM tokens WHERE signature_id = $1', [id]);
          await c.query('DELETE FROM mail_queue WHERE signature_id = $1', [id]);
        } else {
          const inserted = await c.query<{ id: number }>(
            `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, name_public_at, created_at,
             last_mail_at, last_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id`,
            [details.email, mailbox, details.name, details.role, details.municipality, details.lang, isPublic, iso],
          );
          id = inserted.rows[0].id;
        }
        const expires = new Date(now.getTime() + confirmHours * 3600_000).toISOString();
        await c.query(
          `INSERT INTO tokens (hash, signature_id, purpose, expires_at)
           VALUES ($1, $2, 'confirm', $3), ($4, $2, 'withdraw', NULL)`,
          [confirm.hash, id, expires, withdraw.hash],
        );
        await enqueue(c, id, input.email, {
          kind: 'confirm',
          lang: input.lang,
          confirmToken: confirm.token,
          withdrawToken: withdraw.token,
          namePublic: isPublic !== null,
        });
        return 'confirm';
      });
    try {
      return await attempt();
    } catch (err) {
      // Two instances signing the same new mailbox at once: one insert wins, the other runs again
      // and finds its row (as SQLite's one writer at a time would have).
      if ((err as { code?: string }).code !== '23505') throw err;
      return attempt();
    }
  }

  async lookupToken(hash: string, purpose: 'confirm' | 'withdraw', now = new Date()): Promise<TokenInfo | undefined> {
    return this.#lookupToken(this.#pool, hash, purpose, now);
  }

  async confirm(
    hash: string,
    now = new Date(),
    asSeen?: (info: TokenInfo) => boolean,
  ): Promise<(TokenInfo & { changed?: true }) | undefined> {
    const result = await this.#tx(async (c) => {
      const info = await this.#lookupToken(c, hash, 'confirm', now, true);
      if (!info) return undefined;
      if (asSeen && !asSeen(info)) return { ...info, changed: true as const };
      await c.query('UPDATE signatures SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL', [
        now.toISOString(),
        info.signatureId,
      ]);
      await c.query("DELETE FROM tokens WHERE signature_id = $1 AND purpose = 'confirm'", [info.signatureId]);
      await this.#countChanged(c, now);
      return info;
    });
    if (result && !('changed' in result)) this.#changed();
    return result;
  }

  async hideName(withdrawHash: string, now = new Date()): Promise<TokenInfo | undefined> {
    const result = await this.#tx(async (c) => {
      const info = await this.#lookupToken(c, withdrawHash, 'withdraw', now, true);
      if (!info) return undefined;
      await c.query('UPDATE signatures SET name_public_at = NULL WHERE id = $1', [info.signatureId]);
      // Public lists are memoised with the count: they must be computed again.
      if (info.confirmed && info.namePublic) await this.#countChanged(c, now);
      return { ...info, namePublic: false };
    });
    if (result) this.#changed();
    return result;
  }

  /** Deletes the signature behind a live token (withdraw, or discard an unconfirmed one). */
  async #deleteBehind(
    hash: string,
    purpose: 'confirm' | 'withdraw',
    now: Date,
    onlyPending: boolean,
  ): Promise<TokenInfo | undefined> {
    const result = await this.#tx(async (c) => {
      const info = await this.#lookupToken(c, hash, purpose, now, true);
      if (!info || (onlyPending && info.confirmed)) return undefined;
      const deleted = (
        await c.query<{ confirmed_at: string | null; mailbox: string }>(
          'DELETE FROM signatures WHERE id = $1 RETURNING confirmed_at, mailbox',
          [info.signatureId],
        )
      ).rows.at(0);
      if (deleted?.confirmed_at) await this.#countChanged(c, now);
      return deleted && { info, mailbox: deleted.mailbox, counted: !!deleted.confirmed_at };
    });
    if (!result) return undefined;
    if (result.counted) this.#changed();
    this.#forget([result.mailbox]);
    return result.info;
  }

  withdraw(hash: string, now = new Date()): Promise<TokenInfo | undefined> {
    return this.#deleteBehind(hash, 'withdraw', now, false);
  }

  discardPending(confirmHash: string, now = new Date()): Promise<TokenInfo | undefined> {
    return this.#deleteBehind(confirmHash, 'confirm', now, true);
  }

  async erase(email: string, now = new Date()): Promise<number> {
    const rows = await this.#tx(async (c) => {
      const deleted = (
        await c.query<{ confirmed_at: string | null; mailbox: string }>(
          'DELETE FROM signatures WHERE mailbox = $1 RETURNING confirmed_at, mailbox',
          [mailboxOf(email)],
        )
      ).rows;
      if (deleted.some((d) => d.confirmed_at)) await this.#countChanged(c, now);
      return deleted;
    });
    if (rows.some((d) => d.confirmed_at)) this.#changed();
    this.#forget(rows.map((d) => d.mailbox));
    return rows.length;
  }

  async erasable(email: string): Promise<number> {
    const row = await this.#row<{ n: number }>('SELECT count(*) AS n FROM signatures WHERE mailbox = $1', [
      mailboxOf(email),
    ]);
    return row?.n ?? 0;
  }

  /**
   * In one snapshot: a signature signed again while this runs (a new confirmation link, on any
   * instance) makes it fail rather than delete that signature; the next hourly run does the rest.
   */
  async purgeUnconfirmed(now = new Date()): Promise<number> {
    let purged: { mailbox: string }[];
    try {
      purged = await this.#tx(
        async (c) =>
          (
            await c.query<{ mailbox: string }>(
              `DELETE FROM signatures WHERE confirmed_at IS NULL AND id NOT IN
               (SELECT signature_id FROM tokens WHERE purpose = 'confirm' AND expires_at > $1) RETURNING mailbox`,
              [now.toISOString()],
            )
          ).rows,
        true,
      );
    } catch (err) {
      if ((err as { code?: string }).code === '40001') return 0;
      throw err;
    }
    this.#forget(purged.map((p) => p.mailbox));
    return purged.length;
  }

  async recordAdoption(
    council: string,
    date: string,
    link: string | null,
    now = new Date(),
  ): Promise<'created' | 'updated'> {
    const result = await this.#tx(async (c) => {
      const { rows } = await c.query<{ created: boolean }>(
        `INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (council) DO UPDATE SET adopted_on = excluded.adopted_on, link = excluded.link,
         recorded_at = excluded.recorded_at RETURNING (xmax = 0) AS created`,
        [council, date, link, now.toISOString()],
      );
      await this.#countChanged(c, now);
      return rows[0].created ? 'created' : 'updated';
    });
    this.#changed();
    return result;
  }

  async deleteAdoption(council: string, now = new Date()): Promise<boolean> {
    const gone = await this.#tx(async (c) => {
      const removed = ((await c.query('DELETE FROM adoptions WHERE council = $1', [council])).rowCount ?? 0) > 0;
      if (removed) await this.#countChanged(c, now);
      return removed;
    });
    if (gone) this.#changed();
    return gone;
  }

  adoptions(): Promise<Adoption[]> {
    return this.#rows<Adoption>('SELECT council, adopted_on, link FROM adoptions ORDER BY council');
  }

  adoptionsNewestFirst(): Promise<(Adoption & { recorded_at: string })[]> {
    return this.#rows(
      'SELECT council, adopted_on, link, recorded_at FROM adoptions ORDER BY recorded_at DESC, council',
    );
  }

  async count(): Promise<Count> {
    // One statement, one snapshot.
    const row = await this.#row<Count>(
      `SELECT (SELECT count(*) FROM signatures WHERE confirmed_at IS NOT NULL) AS signatures,
       (SELECT count(*) FROM adoptions) AS councils,
       (SELECT value FROM meta WHERE key = 'count_changed_at') AS "updatedAt"`,
    );
    return row ?? { signatures: 0, councils: 0, updatedAt: null };
  }

  async local(codes: readonly [string, string], council: string): Promise<LocalRows> {
    // One snapshot, so the count and the names agree.
    return this.#tx(async (c) => {
      const adoption = (
        await c.query<{ adopted_on: string; link: string | null }>(
          'SELECT adopted_on, link FROM adoptions WHERE council = $1',
          [council],
        )
      ).rows.at(0);
      const signatures = (
        await c.query<{ n: number }>(
          'SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL AND municipality IN ($1, $2)',
          [...codes],
        )
      ).rows[0].n;
      const names = (
        await c.query<PublicSigner>(
          `SELECT municipality, name, role FROM signatures WHERE ${SHOWN} AND municipality IN ($1, $2)
           ORDER BY name, id`,
          [...codes],
        )
      ).rows;
      return { signatures, adopted: adoption ? { on: adoption.adopted_on, link: adoption.link } : null, names };
    }, true);
  }

  async signersByCouncil(): Promise<Map<string, number>> {
    const rows = await this.#rows<{ municipality: string; n: number }>(
      'SELECT municipality, count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL GROUP BY municipality',
    );
    return new Map(rows.map((r) => [r.municipality, r.n]));
  }

  publicSigners(): Promise<PublicSigner[]> {
    return this.#rows(`SELECT municipality, name, role FROM signatures WHERE ${SHOWN} ORDER BY municipality, name, id`);
  }

  exportRows(): Promise<SignatureRow[]> {
    return this.#rows(
      `SELECT name, email, role, municipality, lang, created_at, confirmed_at, name_public_at, name_approved_at
       FROM signatures ORDER BY id`,
    );
  }

  signaturesWhere(where: { email: string } | { mailbox: string }): Promise<SignatureRow[]> {
    const [column, value] = 'email' in where ? ['email', where.email] : ['mailbox', where.mailbox];
    return this.#rows(
      `SELECT name, email, role, municipality, lang, created_at, confirmed_at, name_public_at, name_approved_at
       FROM signatures WHERE ${column} = $1`,
      [value],
    );
  }

  signaturesByPlace(): Promise<{ municipality: string; confirmed: number; unconfirmed: number }[]> {
    return this.#rows(
      `SELECT municipality, count(confirmed_at) AS confirmed, count(*) - count(confirmed_at) AS unconfirmed
       FROM signatures GROUP BY municipality`,
    );
  }

  signaturesByDay(since: Date): Promise<{ day: string; confirmed: number; unconfirmed: number }[]> {
    return this.#rows(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(confirmed_at) AS confirmed,
       count(*) - count(confirmed_at) AS unconfirmed
       FROM signatures WHERE created_at >= $1 GROUP BY day ORDER BY day DESC`,
      [since.toISOString()],
    );
  }

  async adminLinkRequested(hash: string, email: string | undefined, expiresAt: Date, now = new Date()): Promise<void> {
    await this.#tx(async (c) => {
      await c.query('DELETE FROM admin_links WHERE expires_at <= $1', [now.toISOString()]);
      await c.query('INSERT INTO admin_links (hash, email, expires_at) VALUES ($1, $2, $3)', [
        hash,
        email ?? '',
        (email === undefined ? now : expiresAt).toISOString(),
      ]);
    });
  }

  async adminLink(hash: string, now = new Date()): Promise<string | undefined> {
    const row = await this.#row<{ email: string }>(
      "SELECT email FROM admin_links WHERE hash = $1 AND expires_at > $2 AND email <> ''",
      [hash, now.toISOString()],
    );
    return row?.email;
  }

  adminSignIn(linkHash: string, sessionHash: string, now = new Date()): Promise<string | undefined> {
    return this.#tx(async (c) => {
      const iso = now.toISOString();
      const row = (
        await c.query<{ email: string }>(
          "DELETE FROM admin_links WHERE hash = $1 AND expires_at > $2 AND email <> '' RETURNING email",
          [linkHash, iso],
        )
      ).rows.at(0);
      if (!row) return undefined;
      await c.query('INSERT INTO admin_sessions (hash, email, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
        sessionHash,
        row.email,
        iso,
      ]);
      await c.query('INSERT INTO admin_audit (at, admin, action, object) VALUES ($1, $2, $3, NULL)', [
        iso,
        row.email,
        'sign-in',
      ]);
      return row.email;
    });
  }

  adminSession(hash: string, idleMs: number, maxMs: number, now = new Date()): Promise<string | undefined> {
    return this.#tx(async (c) => {
      const row = (
        await c.query<{ email: string; created_at: string; last_seen_at: string }>(
          'SELECT email, created_at, last_seen_at FROM admin_sessions WHERE hash = $1 FOR UPDATE',
          [hash],
        )
      ).rows.at(0);
      if (!row) return undefined;
      const t = now.getTime();
      if (t - Date.parse(row.last_seen_at) >= idleMs || t - Date.parse(row.created_at) >= maxMs) {
        await c.query('DELETE FROM admin_sessions WHERE hash = $1', [hash]);
        return undefined;
      }
      await c.query('UPDATE admin_sessions SET last_seen_at = $1 WHERE hash = $2', [now.toISOString(), hash]);
      return row.email;
    });
  }

  async adminSignOut(hash: string, now = new Date()): Promise<void> {
    await this.#tx(async (c) => {
      const row = (
        await c.query<{ email: string }>('DELETE FROM admin_sessions WHERE hash = $1 RETURNING email', [hash])
      ).rows.at(0);
      if (row) {
        await c.query('INSERT INTO admin_audit (at, admin, action, object) VALUES ($1, $2, $3, NULL)', [
          now.toISOString(),
          row.email,
          'sign-out',
        ]);
      }
    });
  }

  async audit(admin: string, action: AuditAction, object: string | null = null, now = new Date()): Promise<void> {
    await this.#tx((c) =>
      c.query('INSERT INTO admin_audit (at, admin, action, object) VALUES ($1, $2, $3, $4)', [
        now.toISOString(),
        admin,
        action,
        object,
      ]),
    );
  }

  auditLog(limit = 100, offset = 0): Promise<AuditEntry[]> {
    return this.#rows('SELECT at, admin, action, object FROM admin_audit ORDER BY id DESC LIMIT $1 OFFSET $2', [
      limit,
      offset,
    ]);
  }

  async auditCount(): Promise<number> {
    return (await this.#row<{ n: number }>('SELECT count(*) AS n FROM admin_audit'))?.n ?? 0;
  }

  waitingNames(limit: number, codes?: readonly [string, string]): Promise<WaitingName[]> {
    const columns = 'id, name, role, municipality, confirmed_at';
    return codes
      ? this.#rows(
          `SELECT ${columns} FROM signatures WHERE ${WAITING} AND municipality IN ($1, $2)
           ORDER BY confirmed_at, id LIMIT $3`,
          [...codes, limit],
        )
      : this.#rows(`SELECT ${columns} FROM signatures WHERE ${WAITING} ORDER BY confirmed_at, id LIMIT $1`, [limit]);
  }

  async waitingNameCount(): Promise<number> {
    return (await this.#row<{ n: number }>(`SELECT count(*) AS n FROM signatures WHERE ${WAITING}`))?.n ?? 0;
  }

  /**
   * The waiting rows are locked while they are decided, so a withdrawal or an erasure on another
   * instance waits for the decision, or the decision finds the row gone.
   */
  async decideNames(
    decision: NameDecision,
    ids: readonly number[],
    asSeen: (name: WaitingName) => boolean,
    now = new Date(),
  ): Promise<number> {
    if (!ids.length) return 0;
    const decided = await this.#tx(async (c) => {
      const { rows } = await c.query<WaitingName>(
        `SELECT id, name, role, municipality, confirmed_at FROM signatures WHERE id = ANY($1::bigint[]) AND ${WAITING}
         ORDER BY id FOR UPDATE`,
        [[...new Set(ids)]],
      );
      const seen = rows.filter(asSeen).map((row) => row.id);
      if (!seen.length) return 0;
      // Approved: shown from now on. Rejected: the consent goes, so the name is never shown.
      if (decision === 'approve') {
        await c.query('UPDATE signatures SET name_approved_at = $2 WHERE id = ANY($1::bigint[])', [
          seen,
          now.toISOString(),
        ]);
      } else {
        await c.query('UPDATE signatures SET name_public_at = NULL WHERE id = ANY($1::bigint[])', [seen]);
      }
      await this.#countChanged(c, now);
      return seen.length;
    });
    if (decided) this.#changed();
    return decided;
  }

  async dueMails(limit: number, now = new Date()): Promise<QueuedMail[]> {
    return this.#rows<QueuedMail>(
      'SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2',
      [now.toISOString(), limit],
    );
  }

  /**
   * The batch stays locked (FOR UPDATE SKIP LOCKED) in one transaction while it is sent, so every
   * other instance passes over it; if this one dies, its connection goes, the locks with it, and
   * the mails are another's to send at once. Each outcome is written before the commit.
   */
  async sendDueMails(
    limit: number,
    send: (mail: QueuedMail) => Promise<MailOutcome>,
    now = new Date(),
  ): Promise<number> {
    return this.#tx(async (c) => {
      const { rows } = await c.query<QueuedMail>(
        `SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= $1
         ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      const outcomes = await Promise.all(rows.map(send));
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome === 'sent') await c.query('DELETE FROM mail_queue WHERE id = $1', [rows[i].id]);
        else if (outcome === 'dropped') {
          await c.query('DELETE FROM mail_queue WHERE id = $1', [rows[i].id]);
          await c.query(
            `INSERT INTO meta (key, value) VALUES ('mail_dropped', '1')
             ON CONFLICT (key) DO UPDATE SET value = (meta.value::integer + 1)::text`,
          );
        } else if (outcome !== 'keep') {
          await c.query('UPDATE mail_queue SET attempts = attempts + 1, due_at = $1, last_error = $2 WHERE id = $3', [
            outcome.retryAt.toISOString(),
            outcome.error,
            rows[i].id,
          ]);
        }
      }
      return rows.length;
    });
  }

  async mailQueue(): Promise<MailQueueState> {
    const row = await this.#row<MailQueueState>(
      `SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing,
       min(created_at) AS oldest, min(due_at) AS next,
       coalesce((SELECT value::integer FROM meta WHERE key = 'mail_dropped'), 0) AS dropped FROM mail_queue`,
    );
    return row ?? { waiting: 0, failing: 0, oldest: null, next: null, dropped: 0 };
  }

  /**
   * One more request in the window `key` names; a window that has run out starts again. One
   * statement, no transaction around it: a flood costs one short query per request. Windows that
   * ran out are pruned by a timer (see open).
   */
  async rateLimitHit(key: string, windowMs: number, now = new Date()): Promise<RateLimitHit> {
    const ends = new Date(now.getTime() + windowMs).toISOString();
    const { hits, window_ends } = (
      await this.#pool.query<{ hits: number; window_ends: string }>(
        `INSERT INTO rate_limits AS r (key, hits, window_ends) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN r.window_ends <= $3 THEN 1 ELSE r.hits + 1 END,
             window_ends = CASE WHEN r.window_ends <= $3 THEN excluded.window_ends ELSE r.window_ends END
           RETURNING hits, window_ends`,
        [key, ends, now.toISOString()],
      )
    ).rows[0];
    return { current: hits, ttl: Math.max(0, Date.parse(window_ends) - now.getTime()) };
  }

  async rateLimitPeek(key: string, now = new Date()): Promise<RateLimitHit | undefined> {
    const row = await this.#row<{ hits: number; window_ends: string }>(
      'SELECT hits, window_ends FROM rate_limits WHERE key = $1 AND window_ends > $2',
      [key, now.toISOString()],
    );
    return row && { current: row.hits, ttl: Math.max(0, Date.parse(row.window_ends) - now.getTime()) };
  }

  async probeWrite(now = new Date()): Promise<void> {
    await this.#tx((c) =>
      c.query(
        `INSERT INTO meta (key, value) VALUES ('ready_probe', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [now.toISOString()],
      ),
    );
  }

  /** Foreign keys and checks are PostgreSQL's to keep; this checks the schema is this code's. */
  async integrity(): Promise<string> {
    const row = await this.#row<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    return row?.version === MIGRATIONS.length ? 'ok' : `schema version ${row?.version} (expected ${MIGRATIONS.length})`;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#pruner);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.#pool.end();
  }

  async expireConfirmLinks(now = new Date()): Promise<void> {
    await this.#tx((c) => c.query("UPDATE tokens SET expires_at = $1 WHERE purpose = 'confirm'", [now.toISOString()]));
  }

  async expireAdminLinks(now = new Date()): Promise<void> {
    await this.#tx((c) => c.query('UPDATE admin_links SET expires_at = $1', [now.toISOString()]));
  }

  async ageAdminSessions(idleMs: number, ageMs = idleMs): Promise<void> {
    await this.#tx((c) =>
      c.query(
        `UPDATE admin_sessions SET last_seen_at = last_seen_at - make_interval(secs => $1),
         created_at = created_at - make_interval(secs => $2)`,
        [idleMs / 1000, ageMs / 1000],
      ),
    );
  }

  async endMailPause(email: string): Promise<void> {
    await this.#tx((c) => c.query('UPDATE signatures SET last_mail_at = NULL WHERE mailbox = $1', [mailboxOf(email)]));
  }

  /** Every transaction of this instance becomes READ ONLY, so PostgreSQL refuses its writes (tests). */
  refuseWrites(refuse: boolean): Promise<void> {
    this.#readOnly = refuse;
    return Promise.resolve();
  }
}

/**
 * Applies the migrations this database lacks, each in its own transaction, holding an advisory
 * lock so that instances starting together migrate one after the other (the second finds nothing
 * to do). Returns the versions this call applied.
 */
async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(newerSchema(current, MIGRATIONS.length));
      }
      for (let v = current; v < MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[v]);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        applied.push(v + 1);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
