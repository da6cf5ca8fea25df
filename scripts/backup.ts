// npm run backup [destination]: a consistent copy of the live database, taken while the service
// runs, through SQLite's online backup API. See README, "Backups".
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CliError,
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

/** The default backup's name in `$DATA_DIR/backups/`: the moment it was taken, in UTC. */
export const BACKUP_NAME = /^valgloftet-\d{8}T\d{6}Z\.sqlite$/;

/** Pages copied per step: each step is a short read, so the service's writes never wait long. */
const STEP_PAGES = 1000;
/** Progress is shown for databases from this size on. */
const PROGRESS_BYTES = 16 * 1024 * 1024;

export interface BackupResult extends Inspection {
  file: string;
}

/**
 * Copies `db` to `dest` (default: `$DATA_DIR/backups/valgloftet-<UTC time>.sqlite`). The copy is
 * written under a temporary name in the same folder (mode 0600) and takes its name only once it
 * is complete, on disk, and checked: a half-written file never looks like a backup.
 */
export async function backup(
  db: string,
  dest: string,
  progress: (percent: number) => void = () => undefined,
  stepPages = STEP_PAGES,
): Promise<BackupResult> {
  if (!existsSync(db)) {
    throw new CliError(`no database at ${db}: check DATA_DIR (it is ${dirname(db)})`);
  }
  const folder = dirname(dest);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(`cannot create the folder ${folder}: ${reason(err)}`);
  }
  if (existsSync(dest)) throw new CliError(`${dest} exists: a backup is never overwritten; choose another name`);
  const tmp = join(folder, `.${basename(dest)}.partial-${process.pid}`);
  const temporary = ['', '-journal', '-wal', '-shm'].map((suffix) => tmp + suffix);
  const stopWatching = removeOnSignal(temporary);
  try {
    // Created here, empty and readable by its owner only; SQLite keeps the mode when it writes into it.
    try {
      await (await open(tmp, 'wx', 0o600)).close();
    } catch (err) {
      throw new CliError(`cannot write to ${folder}: ${reason(err)}`);
    }
    const sourceVersion = await copy(db, tmp, progress, stepPages);
    // The copy keeps the source's WAL flag; as a single self-contained file it is easier to keep.
    const copyDb = new Database(tmp, { fileMustExist: true });
    try {
      copyDb.pragma('journal_mode = DELETE');
    } finally {
      copyDb.close();
    }
    const checked = inspect(tmp);
    if (checked.userVersion !== sourceVersion) {
      throw new CliError(
        `the copy has schema version ${checked.userVersion}, the database ${sourceVersion}: ` +
          'was the service migrating? Run the backup again',
      );
    }
    await fsyncPath(tmp);
    await placeWithoutOverwrite(tmp, dest);
    await fsyncPath(folder);
    return { file: dest, ...checked };
  } finally {
    stopWatching();
    await Promise.all(temporary.map((path) => rm(path, { force: true })));
  }
}

/** The online backup itself; gives the source's schema version. */
async function copy(db: string, tmp: string, progress: (percent: number) => void, stepPages: number): Promise<number> {
  let source: Database.Database;
  try {
    source = new Database(db, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CliError(`cannot open ${db}: ${(err as Error).message}`);
  }
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    const pageSize = source.pragma('page_size', { simple: true }) as number;
    let remainingBefore = Infinity;
    let restarted = false;
    let shown = -1;
    await source.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        // A write by the service between two steps starts the copy over. Under steady writes it
        // would never end, so after a restart the rest is copied in one step, in one read
        // transaction: a consistent snapshot that the service's writes do not wait for (WAL).
        if (remainingPages > remainingBefore) restarted = true;
        remainingBefore = remainingPages;
        if (totalPages * pageSize >= PROGRESS_BYTES) {
          const percent = Math.floor(((totalPages - remainingPages) / totalPages) * 100);
          if (percent !== shown) progress(percent);
          shown = percent;
        }
        return restarted ? 0x7fffffff : stepPages;
      },
    });
    if (shown >= 0 && shown < 100) progress(100);
    return version;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`the backup failed: ${reason(err)}`);
  } finally {
    source.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith('-')) {
    throw new CliError('usage: npm run backup [-- <destination file>]');
  }
  const { dataDir, db } = dataFiles();
  const dest = args[0] ? resolve(args[0]) : join(dataDir, 'backups', `valgloftet-${timestamp()}.sqlite`);
  const tty = process.stderr.isTTY;
  let lastLine = -10;
  const show = (percent: number) => {
    if (tty) process.stderr.write(`\rcopying ${db}: ${percent}%${percent === 100 ? '\n' : ''}`);
    else if (percent >= lastLine + 10 || percent === 100) {
      process.stderr.write(`copying ${db}: ${percent}%\n`);
      lastLine = percent;
    }
  };
  // BACKUP_STEP_PAGES: for the tests, which copy a small database a page at a time under load.
  const result = await backup(db, dest, show, Number(process.env.BACKUP_STEP_PAGES) || STEP_PAGES);
  process.stdout.write(
    `${result.file}\n${result.signatures} signatures, ${result.confirmed} confirmed (schema version ${result.userVersion})\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runCli(main);
