/* eslint-disable @typescript-eslint/require-await -- async for the Store interface; better-sqlite3 itself is synchronous, so each method runs to its end (one transaction) before it yields. */
// The embedded store (one process): SQLite through better-sqlite3. This file opens the file and
// puts the store together; the SQL is in the files beside it, by concern, and the rules it applies
// are signing/rules.ts's.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mailboxOf } from '../../mail/mailbox.js';
import { Changes } from '../changes.js';
import { loadMigrations, newerSchema } from '../migrations.js';
import { DataDirError, type Store } from '../store.js';
import { TEST_HOOKS, type Testable } from '../testing.js';
import { adminMethods } from './admin.js';
import { councilMethods } from './councils.js';
import { mailQueueMethods } from './mail-queue.js';
import { signatureMethods, type Decided } from './signatures.js';
import { sqliteTestHooks } from './test-hooks.js';
import { sqliteWrites } from './writes.js';

/** Schema versions (migrations.ts); PRAGMA user_version holds the last applied. */
const MIGRATIONS = loadMigrations('sqlite');

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
 * Opens the file, readable by the service's user only, and brings its schema up to date. WAL with
 * synchronous=FULL: a transaction that has returned is on disk, so a signature acknowledged to a
 * client survives a crash or kill -9. secure_delete: what is deleted is overwritten, so an erased
 * signer cannot be read from the file. Returns the versions applied.
 */
function openDatabase(file: string): { db: Database.Database; migrated: number[] } {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  checkDataDir(file);
  const existed = existsSync(file);
  // SQLite gives its -wal and -shm files the same mode.
  const umask = process.umask(0o077);
  let db: Database.Database;
  try {
    db = new Database(file);
  } finally {
    process.umask(umask);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (existed && version === 0) {
    db.close();
    throw new DataDirError(
      `${file} is not a Valgløftet database (it has no schema). The service will not start on it, so that no ` +
        'earlier signature is silently lost: restore the file from a backup, or delete it to start afresh.',
    );
  }
  if (version > MIGRATIONS.length) {
    // As PostgreSQL's store refuses it: a later version made this file, and this code would
    // misread it, or write over what it does not know.
    db.close();
    throw new DataDirError(
      `${file} could not be opened (${newerSchema(version, MIGRATIONS.length)}). ` +
        'Run the version of the service that made it, or restore a backup this version can read.',
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // For migration 2 and every later one that needs it: the same key as signing uses.
  db.function('mailbox_of', { deterministic: true }, (email: unknown) => mailboxOf(String(email)));
  const migrated: number[] = [];
  for (let v = version; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v];
    // A migration that makes a table anew runs as SQLite's documents it: with foreign keys off
    // (only outside a transaction), and every reference checked before it commits.
    db.pragma(`foreign_keys = ${sql.startsWith('-- with foreign keys off') ? 'OFF' : 'ON'}`);
    db.transaction(() => {
      db.exec(sql);
      const broken = (db.pragma('foreign_key_check') as unknown[]).length;
      if (broken) throw new Error(`migration ${v + 1} left ${broken} rows referring to rows that are gone`);
      db.pragma(`user_version = ${v + 1}`);
    })();
    migrated.push(v + 1);
  }
  db.pragma('foreign_keys = ON');
  return { db, migrated };
}

/** The embedded store in this file (made if missing), for one process. */
export function openSqliteStore(file: string): Store & Testable {
  const { db, migrated } = openDatabase(file);
  const changes = new Changes();
  const apply = sqliteWrites(db);
  const decided: Decided = (read, decide) => {
    const decision = db.transaction(() => {
      const made = decide(read());
      apply(made.writes);
      return made;
    })();
    changes.committed(decision);
    if (decision.forget?.length) {
      // The WAL is written into the main file (where secure_delete has zeroed the rows) and emptied.
      db.pragma('wal_checkpoint(TRUNCATE)');
      changes.forgotten(decision.forget);
    }
    return decision.result;
  };
  const countChanged = (now: Date) => {
    apply([{ write: 'count-changed', at: now.toISOString() }]);
    changes.version++;
  };
  const probe = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('ready_probe', ?)");

  return {
    engine: 'sqlite',
    get version() {
      return changes.version;
    },
    migrated,
    onForget: (listener) => {
      changes.onForget(listener);
    },
    ...signatureMethods(db, decided),
    ...councilMethods(db, countChanged),
    ...adminMethods(db),
    ...mailQueueMethods(db, apply),
    /** Proves the write path: one committed write, as a signature makes. Throws when it fails. */
    async probeWrite(now = new Date()) {
      probe.run(now.toISOString());
    },
    /** SQLite's own checks of the file and of its references: 'ok', or what is wrong. */
    async integrity() {
      const result = String(db.pragma('integrity_check', { simple: true }));
      if (result !== 'ok') return result;
      const orphans = (db.pragma('foreign_key_check') as unknown[]).length;
      return orphans ? `${orphans} rows refer to rows that are gone` : 'ok';
    },
    async close() {
      db.close();
    },
    [TEST_HOOKS]: sqliteTestHooks(db),
  };
}
