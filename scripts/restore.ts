// npm run restore -- <backup file> [--force]: puts a backup back as the service's database, with
// the service stopped. See README, "Backups".
import Database from 'better-sqlite3';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import {
  CliError,
  DB_FILE,
  SCHEMA_VERSION,
  dataFiles,
  fsyncPath,
  inspect,
  placeWithoutOverwrite,
  reason,
  removeOnSignal,
  runCli,
  timestamp,
  type Inspection,
} from './sqlite-file.js';

/** What a replaced database is renamed to, in DATA_DIR: `valgloftet.sqlite.replaced-<UTC time>`. */
export const REPLACED_NAME = /^valgloftet\.sqlite\.replaced-\d{8}T\d{6}Z$/;

export interface RestoreResult extends Inspection {
  /** Where the database that was there before now is; undefined when there was none. */
  replaced: string | undefined;
}

/**
 * Fails unless no process has `db` open. Leaving WAL mode needs the only connection to the file:
 * while the service has it open, SQLite answers SQLITE_BUSY. The file is left in rollback-journal
 * mode, its WAL written into it, so that it is complete on its own when it is set aside.
 */
function ensureClosed(db: string): void {
  let live: Database.Database | undefined;
  try {
    live = new Database(db, { fileMustExist: true, timeout: 0 });
    const mode = live.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') throw Object.assign(new Error(`journal_mode stayed ${mode}`), { code: 'SQLITE_BUSY' });
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    // Not a database at all: nothing can be using it as one, and it is kept as it is.
    if (code === 'SQLITE_NOTADB') return;
    if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) {
      throw new CliError(`${db} is in use: stop the service first, then run the restore again`);
    }
    throw new CliError(
      `cannot make sure that nothing uses ${db} (${message}): stop the service, move the file away yourself, ` +
        'and run the restore again',
    );
  } finally {
    live?.close();
  }
}

/**
 * Restores `backupFile` as `db`. The backup is checked first (a sound SQLite file with a schema no
 * newer than this code's); an existing database is replaced only with `force`, and only when no
 * process has it open, and is kept as `valgloftet.sqlite.replaced-<time>`. The copy is written to a
 * temporary file in the same folder, synced, and renamed into place.
 */
export async function restore(backupFile: string, db: string, force: boolean): Promise<RestoreResult> {
  if (!existsSync(backupFile)) throw new CliError(`no such file: ${backupFile}`);
  const checked = inspect(backupFile);
  if (checked.userVersion > SCHEMA_VERSION) {
    throw new CliError(
      `${backupFile} has schema version ${checked.userVersion}, newer than this code's ${SCHEMA_VERSION}: ` +
        'restore it with the version of the service that wrote it',
    );
  }
  const dataDir = resolve(db, '..');
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(`cannot create the data folder ${dataDir}: ${reason(err)}`);
  }
  const existed = existsSync(db);
  if (existed && !force) {
    throw new CliError(
      `${db} exists. To replace it, stop the service and run the restore with --force; ` +
        `the database there now is then kept as ${DB_FILE}.replaced-<time>`,
    );
  }
  if (existed) ensureClosed(db);

  const tmp = join(dataDir, `.${DB_FILE}.restoring-${process.pid}`);
  const stopWatching = removeOnSignal([tmp]);
  try {
    try {
      const handle = await open(tmp, 'wx', 0o600);
      await pipeline(createReadStream(backupFile), handle.createWriteStream());
    } catch (err) {
      throw new CliError(`cannot write to ${dataDir}: ${reason(err)}`);
    }
    await fsyncPath(tmp);
    if ((await stat(tmp)).size !== (await stat(backupFile)).size) {
      throw new CliError(`the copy of ${backupFile} came out a different size: nothing was changed`);
    }

    // The old database, its WAL and rollback journal are set aside together (SQLite finds a WAL by
    // the database's name plus -wal); the -shm is only an index of that WAL and goes. A WAL or
    // journal left from another file must never meet the restored one: SQLite would replay it.
    const replacedBase = join(dataDir, `${DB_FILE}.replaced-${timestamp()}`);
    let replaced: string | undefined;
    if (existed) {
      await rename(db, replacedBase);
      replaced = replacedBase;
    }
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(db + suffix)) {
        await rename(db + suffix, replacedBase + suffix);
        replaced ??= replacedBase + suffix;
      }
    }
    await rm(`${db}-shm`, { force: true });
    await placeWithoutOverwrite(tmp, db);
    await fsyncPath(dataDir);
    return { ...checked, replaced };
  } finally {
    stopWatching();
    await rm(tmp, { force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  if (files.length !== 1 || files[0]?.startsWith('-')) {
    throw new CliError('usage: npm run restore -- <backup file> [--force]');
  }
  const { db } = dataFiles();
  const backupFile = resolve(files[0] ?? '');
  const result = await restore(backupFile, db, force);
  const migrate =
    result.userVersion < SCHEMA_VERSION ? `; the service migrates it to ${SCHEMA_VERSION} when it starts` : '';
  process.stdout.write(
    `restored ${backupFile} to ${db}\n` +
      `${result.signatures} signatures, ${result.confirmed} confirmed (schema version ${result.userVersion}${migrate})\n` +
      (result.replaced ? `the database that was there is kept as ${result.replaced}\n` : ''),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runCli(main);
