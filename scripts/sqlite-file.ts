// What `npm run backup` and `npm run restore` share: where the database lives, how a copy is
// checked, and how a command fails (one line on stderr, exit code 1, no stack).
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { link, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { configFromEnv } from '../server/config.js';

/** The database's name in DATA_DIR (server/main.ts opens the same file). */
export const DB_FILE = 'valgloftet.sqlite';

/** A failure the operator can act on: printed as one line, without a stack. */
export class CliError extends Error {}

/**
 * The schema version this code migrates to: the number of SQLite migrations, `NNN-what.sql` in
 * `server/store/migrations/sqlite/` (numbered 1, 2, 3… without gaps; the store checks that).
 */
export const SCHEMA_VERSION = (await readdir(new URL('../server/store/migrations/sqlite/', import.meta.url))).filter(
  (name) => /^\d{3}-[\w-]+\.sql$/.test(name),
).length;

/** The data folder and database file, from the same environment the service reads (DATA_DIR). */
export function dataFiles(env: NodeJS.ProcessEnv = process.env): { dataDir: string; db: string } {
  if (env.DATABASE_URL && /^postgres(ql)?:/i.test(env.DATABASE_URL)) {
    throw new CliError(
      'DATABASE_URL points to PostgreSQL: this command copies the SQLite file only. ' +
        'Use pg_dump and pg_restore instead (README, "Running several instances").',
    );
  }
  let dataDir: string;
  try {
    dataDir = configFromEnv(env).dataDir;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  return { dataDir, db: join(dataDir, DB_FILE) };
}

/** `20230904T101500Z`: a moment in UTC, safe in a file name, sorting as it reads. */
export const timestamp = (date = new Date()): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

export interface Inspection {
  userVersion: number;
  signatures: number;
  confirmed: number;
}

/**
 * Opens a database file read-only and checks it through: a SQLite file (not something else), every
 * page sound (`PRAGMA integrity_check`), and a Valgløftet schema (`user_version` ≥ 1). Throws a
 * CliError that names the file otherwise.
 */
export function inspect(file: string): Inspection {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      const problems = integrity.map((row) => row.integrity_check);
      throw new CliError(`${file} is damaged (integrity_check: ${problems.slice(0, 3).join('; ')})`);
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    if (userVersion < 1) throw new CliError(`${file} is a SQLite file without the Valgløftet schema (user_version 0)`);
    // The one query outside server/store.ts: a count for the operator, on a file the store never opens.
    const counts = db
      .prepare<[], Omit<Inspection, 'userVersion'>>(
        'SELECT count(*) AS signatures, count(confirmed_at) AS confirmed FROM signatures',
      )
      .get();
    if (!counts) throw new CliError(`${file} has no signatures table`);
    return { userVersion, ...counts };
  } catch (err) {
    if (err instanceof CliError) throw err;
    const { code, message } = err as { code?: string; message: string };
    if (code === 'SQLITE_NOTADB') throw new CliError(`${file} is not a SQLite database`);
    if (code === 'SQLITE_CORRUPT') throw new CliError(`${file} is damaged: ${message}`);
    if (code === 'SQLITE_CANTOPEN') throw new CliError(`cannot open ${file}: ${message}`);
    if (code === 'SQLITE_ERROR' && message.includes('no such table')) {
      throw new CliError(`${file} is not a Valgløftet database (${message})`);
    }
    throw new CliError(`${file}: ${message}`);
  } finally {
    db?.close();
  }
}

/** Writes a file's data, or a folder's entries (a rename), to the disk before going on. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What went wrong with a file operation, in words (the caller names the path). */
export function reason(err: unknown): string {
  const { code, message } = err as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'ENOENT') return 'no such file or folder';
  return message;
}

/**
 * Gives `tmp` the name `dest`, unless `dest` exists (a hard link fails then, where a rename would
 * replace it), and removes the temporary name.
 */
export async function placeWithoutOverwrite(tmp: string, dest: string): Promise<void> {
  try {
    await link(tmp, dest);
    await unlink(tmp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${dest} exists: it is not overwritten`);
    // A file system without hard links: check, then rename.
    if (existsSync(dest)) throw new CliError(`${dest} exists: it is not overwritten`);
    await rename(tmp, dest);
  }
}

/**
 * Removes `paths` if the command is interrupted (Ctrl-C, SIGTERM), then ends it as the signal
 * would have. Gives the function that stops watching.
 */
export function removeOnSignal(paths: string[]): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    for (const path of paths) rmSync(path, { force: true });
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stop;
}

/** Runs a command: a CliError or system error ends it with one line on stderr and exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const text = err instanceof CliError ? err.message : reason(err);
    process.stderr.write(`${text}\n`);
    process.exitCode = 1;
  });
}
