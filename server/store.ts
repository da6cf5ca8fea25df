import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Role = 'elected' | 'candidate';
export type Lang = 'nb' | 'nn';

export interface SignatureInput {
  name: string;
  /** Normalised: trimmed, lower-case. */
  email: string;
  role: Role;
  municipality: string;
  lang: Lang;
}

export interface Count {
  signatures: number;
  councils: number;
  updatedAt: string;
}

/** What signing led to, so the service knows which mail to send (the client learns none of it). */
export type SignOutcome =
  | { mail: 'confirm'; lang: Lang; confirmToken: string; withdrawToken: string }
  | { mail: 'already-joined'; lang: Lang; withdrawToken: string }
  | { mail: 'none' };

export interface TokenInfo {
  signatureId: number;
  name: string;
  role: Role;
  /** SSB code of the municipality or county. */
  municipality: string;
  lang: Lang;
  confirmed: boolean;
}

export interface SignatureRow {
  name: string;
  email: string;
  role: Role;
  municipality: string;
  lang: Lang;
  created_at: string;
  confirmed_at: string | null;
}

/** Schema versions, applied in order on start (PRAGMA user_version). */
const MIGRATIONS = [
  `
  CREATE TABLE signatures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('elected', 'candidate')),
    municipality TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('nb', 'nn')),
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    last_mail_at TEXT
  );
  CREATE INDEX signatures_confirmed ON signatures (confirmed_at) WHERE confirmed_at IS NOT NULL;
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    signature_id INTEGER NOT NULL REFERENCES signatures (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'withdraw')),
    expires_at TEXT
  );
  CREATE INDEX tokens_signature ON tokens (signature_id);
  CREATE TABLE adoptions (
    council TEXT PRIMARY KEY,
    adopted_on TEXT NOT NULL,
    link TEXT,
    recorded_at TEXT NOT NULL
  );
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
];

/** Resending a confirmation to the same address waits this long, so nobody can flood a mailbox. */
const MAIL_PAUSE_MS = 10 * 60 * 1000;

/**
 * The only module that speaks SQL. SQLite in WAL mode with synchronous=FULL: a transaction that
 * has returned is on disk, so a signature acknowledged to a client survives a crash or kill -9.
 */
export class Store {
  readonly db: Database.Database;
  /** Goes up with every change to the count made through this store. */
  version = 0;
  #stmts;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.#migrate();
    const db = this.db;
    this.#stmts = {
      byEmail: db.prepare<
        [string],
        { id: number; name: string; lang: Lang; confirmed_at: string | null; last_mail_at: string | null }
      >('SELECT id, name, lang, confirmed_at, last_mail_at FROM signatures WHERE email = ?'),
      insert: db.prepare(
        `INSERT INTO signatures (email, name, role, municipality, lang, created_at, last_mail_at)
         VALUES (@email, @name, @role, @municipality, @lang, @now, @now)`,
      ),
      updatePending: db.prepare(
        `UPDATE signatures SET name = @name, role = @role, municipality = @municipality, lang = @lang,
         last_mail_at = @now WHERE id = @id`,
      ),
      touchMail: db.prepare('UPDATE signatures SET last_mail_at = ? WHERE id = ?'),
      addToken: db.prepare('INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES (?, ?, ?, ?)'),
      dropTokens: db.prepare('DELETE FROM tokens WHERE signature_id = ? AND purpose = ?'),
      token: db.prepare<[string, string], TokenInfo & { expires_at: string | null; confirmed_at: string | null }>(
        `SELECT s.id AS signatureId, s.name, s.role, s.municipality, s.lang, s.confirmed_at, t.expires_at FROM tokens t
         JOIN signatures s ON s.id = t.signature_id WHERE t.hash = ? AND t.purpose = ?`,
      ),
      confirm: db.prepare('UPDATE signatures SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL'),
      deleteSignature: db.prepare<[number], { confirmed_at: string | null }>(
        'DELETE FROM signatures WHERE id = ? RETURNING confirmed_at',
      ),
      deleteByEmail: db.prepare<[string], { confirmed_at: string | null }>(
        'DELETE FROM signatures WHERE email = ? RETURNING confirmed_at',
      ),
      purge: db.prepare(
        `DELETE FROM signatures WHERE confirmed_at IS NULL AND id NOT IN
         (SELECT signature_id FROM tokens WHERE purpose = 'confirm' AND expires_at > ?)`,
      ),
      countSignatures: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM signatures WHERE confirmed_at IS NOT NULL'),
      countCouncils: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM adoptions'),
      changedAt: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'count_changed_at'"),
      setChangedAt: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('count_changed_at', ?)"),
      adoption: db.prepare<[string], { council: string }>('SELECT council FROM adoptions WHERE council = ?'),
      upsertAdoption: db.prepare(
        `INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES (@council, @date, @link, @now)
         ON CONFLICT (council) DO UPDATE SET adopted_on = @date, link = @link, recorded_at = @now`,
      ),
      deleteAdoption: db.prepare('DELETE FROM adoptions WHERE council = ?'),
      adoptions: db.prepare('SELECT council, adopted_on, link FROM adoptions ORDER BY council'),
      exportRows: db.prepare<[], SignatureRow>(
        'SELECT name, email, role, municipality, lang, created_at, confirmed_at FROM signatures ORDER BY id',
      ),
    };
  }

  #migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  #countChanged(now: Date): void {
    this.#stmts.setChangedAt.run(now.toISOString());
    this.version++;
  }

  /**
   * Records a signature, or refreshes a pending one, in one transaction. `tokens` makes the random
   * tokens (the caller's, so this module stays free of crypto).
   */
  sign(
    input: SignatureInput,
    tokens: () => { token: string; hash: string },
    confirmHours: number,
    now = new Date(),
  ): SignOutcome {
    return this.db.transaction((): SignOutcome => {
      const s = this.#stmts;
      const iso = now.toISOString();
      const existing = s.byEmail.get(input.email);
      if (existing && existing.last_mail_at && now.getTime() - Date.parse(existing.last_mail_at) < MAIL_PAUSE_MS) {
        return { mail: 'none' };
      }
      const withdraw = tokens();
      if (existing?.confirmed_at) {
        s.touchMail.run(iso, existing.id);
        s.dropTokens.run(existing.id, 'withdraw');
        s.addToken.run(withdraw.hash, existing.id, 'withdraw', null);
        return { mail: 'already-joined', lang: existing.lang, withdrawToken: withdraw.token };
      }
      let id: number;
      if (existing) {
        id = existing.id;
        s.updatePending.run({ ...input, now: iso, id });
        s.dropTokens.run(id, 'confirm');
        s.dropTokens.run(id, 'withdraw');
      } else {
        id = Number(s.insert.run({ ...input, now: iso }).lastInsertRowid);
      }
      const confirm = tokens();
      const expires = new Date(now.getTime() + confirmHours * 3600_000).toISOString();
      s.addToken.run(confirm.hash, id, 'confirm', expires);
      s.addToken.run(withdraw.hash, id, 'withdraw', null);
      return { mail: 'confirm', lang: input.lang, confirmToken: confirm.token, withdrawToken: withdraw.token };
    })();
  }

  /** The signature behind a live token, or undefined for an unknown, used or expired one. */
  lookupToken(hash: string, purpose: 'confirm' | 'withdraw', now = new Date()): TokenInfo | undefined {
    const row = this.#stmts.token.get(hash, purpose);
    if (!row || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
    const { signatureId, name, role, municipality, lang } = row;
    return { signatureId, name, role, municipality, lang, confirmed: !!row.confirmed_at };
  }

  /** Confirms a signature; the token is spent. Returns undefined when the token is not live. */
  confirm(hash: string, now = new Date()): TokenInfo | undefined {
    return this.db.transaction(() => {
      const info = this.lookupToken(hash, 'confirm', now);
      if (!info) return undefined;
      this.#stmts.confirm.run(now.toISOString(), info.signatureId);
      this.#stmts.dropTokens.run(info.signatureId, 'confirm');
      this.#countChanged(now);
      return info;
    })();
  }

  /** Withdraws a signature: the row and its tokens are deleted, so nothing personal is kept. */
  withdraw(hash: string, now = new Date()): TokenInfo | undefined {
    return this.db.transaction(() => {
      const info = this.lookupToken(hash, 'withdraw', now);
      if (!info) return undefined;
      const deleted = this.#stmts.deleteSignature.get(info.signatureId);
      if (deleted?.confirmed_at) this.#countChanged(now);
      return info;
    })();
  }

  /** Erases everything about one e-mail address (admin). Returns how many signatures went. */
  erase(email: string, now = new Date()): number {
    return this.db.transaction(() => {
      const deleted = this.#stmts.deleteByEmail.all(email);
      if (deleted.some((d) => d.confirmed_at)) this.#countChanged(now);
      return deleted.length;
    })();
  }

  /** Deletes signatures whose confirmation link has expired unused. */
  purgeUnconfirmed(now = new Date()): number {
    return this.#stmts.purge.run(now.toISOString()).changes;
  }

  /** Records a council's adoption; a second record for the same council replaces the first. */
  recordAdoption(council: string, date: string, link: string | null, now = new Date()): 'created' | 'updated' {
    return this.db.transaction(() => {
      const existed = !!this.#stmts.adoption.get(council);
      this.#stmts.upsertAdoption.run({ council, date, link, now: now.toISOString() });
      this.#countChanged(now);
      return existed ? 'updated' : 'created';
    })();
  }

  deleteAdoption(council: string, now = new Date()): boolean {
    return this.db.transaction(() => {
      const gone = this.#stmts.deleteAdoption.run(council).changes > 0;
      if (gone) this.#countChanged(now);
      return gone;
    })();
  }

  adoptions(): { council: string; adopted_on: string; link: string | null }[] {
    return this.#stmts.adoptions.all() as { council: string; adopted_on: string; link: string | null }[];
  }

  /** The count, computed from the rows every time (no counter kept by hand). */
  count(): Count {
    return this.db.transaction(() => ({
      signatures: this.#stmts.countSignatures.get()!.n,
      councils: this.#stmts.countCouncils.get()!.n,
      updatedAt: this.#stmts.changedAt.get()?.value ?? new Date(0).toISOString(),
    }))();
  }

  exportRows(): IterableIterator<SignatureRow> {
    return this.#stmts.exportRows.iterate();
  }

  close(): void {
    this.db.close();
  }

  /**
   * Deletes an unconfirmed signature through its confirmation token ("that is not right"), so a
   * signer who sees details they did not give can remove them. A confirmed one is left alone.
   */
  discardPending(confirmHash: string, now = new Date()): TokenInfo | undefined {
    return this.db.transaction(() => {
      const info = this.lookupToken(confirmHash, 'confirm', now);
      if (!info || info.confirmed) return undefined;
      this.#stmts.deleteSignature.get(info.signatureId);
      return info;
    })();
  }
}
