// npm run backup and npm run restore on the data folder of a real service: their code in this
// process (backup(), restore()), and the commands themselves as an operator runs them, as child
// processes, where the command is what a test is about (its default destination, what it prints,
// how it refuses). The service is used over HTTP only; the files are checked by the commands' own
// inspection (integrity_check, schema version, counts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { BACKUP_NAME, backup } from '../../scripts/backup.js';
import { REPLACED_NAME, restore } from '../../scripts/restore.js';
import { CliError, SCHEMA_VERSION, dataFiles, inspect } from '../../scripts/sqlite-file.js';
import {
  adminExport,
  MailCatcher,
  count,
  linkIn,
  post,
  pressButtonBehind,
  signer,
  startService,
  until,
  type Service,
} from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DB = 'valgloftet.sqlite';
/** These commands are for the SQLite store: its services use SQLite also when the suite runs on PostgreSQL. */
const SQLITE = { DATABASE_URL: '' };

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-backup-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run backup` / `npm run restore` as a child process, on the data folder `dataDir`. */
function run(command: 'backup' | 'restore', args: string[], dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${command}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** A failed command: exit code 1 and one line on stderr that says `what`, no stack. */
function assertRefused(result: Run, what: RegExp): void {
  assert.equal(result.code, 1, `exit code 1, got ${result.code}: ${result.stderr}`);
  assert.match(result.stderr, what);
  assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

/**
 * A refusal of backup() or restore(): a CliError that says `what` in one line, which is all the
 * command prints of it (sqlite-file.ts, runCli; the refusal through the command is tested below).
 */
async function assertRefusedIn(done: Promise<unknown>, what: RegExp): Promise<void> {
  await assert.rejects(done, (err) => {
    assert.ok(err instanceof CliError, `a CliError, not ${String(err)}`);
    assert.match(err.message, what);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

/** The database file in a data folder, where the commands find it (DATA_DIR). */
const dbIn = (dataDir: string) => dataFiles({ DATA_DIR: dataDir }).db;

/** Signs as `n` and confirms with the mailed link's button. */
async function signAndConfirm(s: Service, n: string): Promise<void> {
  assert.equal((await post(`${s.url}/api/signatures`, signer(n))).status, 202);
  const done = await pressButtonBehind(linkIn(await s.mail.mailTo(signer(n).email), 'confirm'));
  assert.equal(done.status, 200);
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

test(
  'a backup taken under signing load restores to a service with every signature acknowledged before it',
  {
    timeout: 180_000,
  },
  async () => {
    const s = await startService(SQLITE);
    cleanup.push(() => s.dispose());
    // The load: four signers post without pause; a fifth confirms every other acknowledged signature.
    const acknowledged: string[] = [];
    const confirmSent = new Set<string>();
    const confirmed = new Set<string>();
    let n = 0;
    let stop = false;
    const signing = async () => {
      while (!stop) {
        const email = signer(`load-${++n}`).email;
        const res = await post(`${s.url}/api/signatures`, signer(`load-${n}`));
        await res.arrayBuffer();
        assert.equal(res.status, 202);
        acknowledged.push(email);
      }
    };
    const confirming = async () => {
      for (let i = 0; !stop; i += 2) {
        const email = await until(() => stop || acknowledged[i], `signature ${i}`);
        if (email === true) return;
        const mail = await s.mail.mailTo(email);
        confirmSent.add(email);
        const res = await pressButtonBehind(linkIn(mail, 'confirm'));
        await res.arrayBuffer();
        assert.equal(res.status, 200);
        confirmed.add(email);
      }
    };
    const load = [signing(), signing(), signing(), signing(), confirming()];

    let before: { acknowledged: string[]; confirmed: Set<string> };
    let dest: string;
    let copied: Awaited<ReturnType<typeof backup>>;
    let during: { sent: Set<string>; posted: number };
    try {
      // Other test files share the cores (scripts/node-tests.mjs): the load may come slowly.
      await until(() => confirmed.size >= 30, '30 confirmed signatures', 120_000);
      before = { acknowledged: [...acknowledged], confirmed: new Set(confirmed) };
      dest = join(await tempDir(), 'copy.sqlite');
      // One page per step: the service's writes start the copy over again and again, as they would a
      // large database's; the backup must still finish, with a consistent copy.
      copied = await backup(dbIn(s.dataDir), dest, () => undefined, 1);
      during = { sent: new Set([...confirmSent]), posted: n };
      assert.ok(acknowledged.length > before.acknowledged.length, 'signatures were acknowledged while the backup ran');
    } finally {
      // Whatever failed above, the load ends, or its loops would keep the file from ever finishing.
      stop = true;
      await Promise.allSettled(load);
    }
    await Promise.all(load);

    assert.equal(copied.file, dest);
    assert.ok(copied.confirmed >= before.confirmed.size, `${copied.confirmed} confirmed in the copy`);
    assert.equal((await stat(dest)).mode & 0o777, 0o600);
    assert.deepEqual(
      (await readdir(join(dest, '..'))).filter((name) => name !== 'copy.sqlite'),
      [],
      'no temporary file left',
    );

    // Into a fresh, empty data folder.
    const dataDir = join(await tempDir(), 'data');
    const restored = await restore(dest, dbIn(dataDir), false);
    assert.equal(restored.replaced, undefined);
    assert.equal((await stat(join(dataDir, DB))).mode & 0o777, 0o600);
    const file = inspect(join(dataDir, DB)); // throws unless integrity_check says ok
    assert.equal(file.userVersion, SCHEMA_VERSION);

    const s2 = await startService(SQLITE, { dataDir, mail: s.mail });
    cleanup.push(() => s2.stop());
    const rows = await adminExport(s2.url);
    const emails = new Set(rows.map((row) => row.email));
    for (const email of before.acknowledged) assert.ok(emails.has(email), `${email}, acknowledged before the backup`);
    for (const email of before.confirmed) {
      assert.notEqual(rows.find((row) => row.email === email)?.confirmed_at, '', `${email} confirmed`);
    }
    // What the copy holds beyond that came while it was taken: nothing that was not sent by its end.
    const posted = new Set(Array.from({ length: during.posted }, (_, i) => signer(`load-${i + 1}`).email));
    for (const email of emails) assert.ok(posted.has(email), `${email} was posted before the backup ended`);
    const confirmedRows = rows.filter((row) => row.confirmed_at !== '');
    for (const row of confirmedRows)
      assert.ok(during.sent.has(row.email), `${row.email} confirmed by the backup's end`);

    const { signatures } = await count(s2.url);
    assert.equal(signatures, confirmedRows.length);
    assert.ok(signatures >= before.confirmed.size, `${signatures} ≥ ${before.confirmed.size} confirmed before`);
    assert.equal(file.confirmed, signatures);
    assert.deepEqual([copied.signatures, copied.confirmed], [file.signatures, file.confirmed]);
  },
);

test('restore refuses to replace a database without --force, or while the service has it open', async () => {
  const s = await startService(SQLITE);
  cleanup.push(() => s.dispose());
  await signAndConfirm(s, 'kept-1');
  const dest = join(await tempDir(), 'one.sqlite');
  await backup(dbIn(s.dataDir), dest);
  await signAndConfirm(s, 'kept-2');
  const live = await adminExport(s.url);

  await assertRefusedIn(restore(dest, dbIn(s.dataDir), false), /exists.*--force/);
  await assertRefusedIn(restore(dest, dbIn(s.dataDir), true), /stop the service/);
  // The live database is as it was, and still the service's.
  assert.deepEqual(await adminExport(s.url), live);
  assert.equal((await count(s.url)).signatures, 2);
  assert.equal((await post(`${s.url}/api/signatures`, signer('after-refusal'))).status, 202);
  assert.deepEqual(
    (await readdir(s.dataDir)).filter((name) => name.includes('replaced') || name.includes('restoring')),
    [],
  );

  // A backup is never overwritten.
  const hash = await sha256(dest);
  await assertRefusedIn(backup(dbIn(s.dataDir), dest), /exists/);
  assert.equal(await sha256(dest), hash);
});

// The commands themselves, as an operator runs them: the default destination, what they print.
test('restore --force with the service stopped puts the backup back and keeps the replaced database', async () => {
  const mail = await new MailCatcher().start();
  cleanup.push(() => mail.close());
  const dataDir = await tempDir();
  let s = await startService(SQLITE, { dataDir, mail });
  await signAndConfirm(s, 'force-1');
  // The default destination: $DATA_DIR/backups/, readable by the owner only.
  const taken = await run('backup', [], dataDir);
  assert.equal(taken.code, 0, taken.stderr);
  const dest = taken.stdout.split('\n')[0];
  assert.equal(join(dest, '..'), join(dataDir, 'backups'));
  assert.match(dest.split('/').at(-1)!, BACKUP_NAME);
  assert.equal((await stat(join(dataDir, 'backups'))).mode & 0o777, 0o700);
  assert.equal((await stat(dest)).mode & 0o777, 0o600);
  assert.match(taken.stdout, /^1 signatures, 1 confirmed/m);
  await signAndConfirm(s, 'force-2');
  await s.stop();

  const restored = await run('restore', [dest, '--force'], dataDir);
  assert.equal(restored.code, 0, restored.stderr);
  const replaced = (await readdir(dataDir)).filter((name) => REPLACED_NAME.test(name));
  assert.equal(replaced.length, 1, `one replaced database in ${(await readdir(dataDir)).join(', ')}`);
  assert.match(restored.stdout, new RegExp(`kept as .*${replaced[0].replaceAll('.', '\\.')}`));
  assert.equal(inspect(join(dataDir, replaced[0])).confirmed, 2, 'the replaced database is whole');
  assert.ok(!existsSync(join(dataDir, `${DB}-wal`)) || (await stat(join(dataDir, `${DB}-wal`))).size === 0);

  s = await startService(SQLITE, { dataDir, mail });
  cleanup.push(() => s.stop());
  assert.equal((await count(s.url)).signatures, 1);
  assert.deepEqual(
    (await adminExport(s.url)).map((row) => row.email),
    [signer('force-1').email],
  );
});

test('restore into a used folder without a database (outbox and WAL left), which the service refuses', async () => {
  const s = await startService(SQLITE);
  cleanup.push(() => s.dispose());
  await signAndConfirm(s, 'used-1');
  const dest = join(await tempDir(), 'used.sqlite');
  await backup(dbIn(s.dataDir), dest);

  const dataDir = await tempDir();
  await writeFile(join(dataDir, 'outbox.txt'), 'old mail\n');
  await writeFile(join(dataDir, `${DB}-wal`), 'not this database’s WAL');
  await assert.rejects(startService(SQLITE, { dataDir, mail: s.mail }), /no database file/);
  await restore(dest, dbIn(dataDir), false);
  // The stray WAL is kept aside, never replayed into the restored file.
  assert.ok(!existsSync(join(dataDir, `${DB}-wal`)));
  assert.ok((await readdir(dataDir)).some((name) => /^valgloftet\.sqlite\.replaced-\d{8}T\d{6}Z-wal$/.test(name)));
  const s2 = await startService(SQLITE, { dataDir, mail: s.mail });
  cleanup.push(() => s2.stop());
  assert.equal((await count(s2.url)).signatures, 1);
});

test('restore refuses a file that is not a database, one without a schema, and one newer than the code', async () => {
  const dir = await tempDir();
  const dataDir = join(dir, 'data');
  const notSqlite = join(dir, 'notes.sqlite');
  await writeFile(notSqlite, 'These are not the signatures you are looking for.\n'.repeat(100));
  await assertRefusedIn(restore(notSqlite, dbIn(dataDir), false), /not a SQLite database/);
  const empty = join(dir, 'empty.sqlite');
  await writeFile(empty, '');
  await assertRefusedIn(restore(empty, dbIn(dataDir), false), /without the Valgløftet schema/);
  await assertRefusedIn(restore(join(dir, 'missing.sqlite'), dbIn(dataDir), false), /no such file/);

  // A backup from a newer version of the service: its schema version (user_version, the header's
  // 4 bytes at offset 60) is past this code's migrations.
  const s = await startService(SQLITE);
  cleanup.push(() => s.dispose());
  await signAndConfirm(s, 'newer-1');
  const newer = join(dir, 'newer.sqlite');
  await backup(dbIn(s.dataDir), newer);
  const handle = await open(newer, 'r+');
  const version = Buffer.alloc(4);
  version.writeUInt32BE(SCHEMA_VERSION + 1);
  await handle.write(version, 0, 4, 60);
  await handle.close();
  assert.equal(inspect(newer).userVersion, SCHEMA_VERSION + 1);
  await assertRefusedIn(restore(newer, dbIn(dataDir), false), /newer than this code/);
  assert.ok(!existsSync(join(dataDir, DB)), 'nothing restored');
});

test('backup refuses a missing database, an unwritable destination and PostgreSQL', async () => {
  const dir = await tempDir();
  const nothingHere = join(dir, 'nothing-here');
  await assertRefusedIn(backup(dbIn(nothingHere), join(dir, 'copy.sqlite')), /no database at .*nothing-here/);

  const s = await startService(SQLITE);
  cleanup.push(() => s.dispose());
  await writeFile(join(dir, 'a-file'), '');
  await assertRefusedIn(backup(dbIn(s.dataDir), join(dir, 'a-file', 'copy.sqlite')), /cannot create the folder/);
  await mkdir(join(dir, 'locked'), { mode: 0o500 });
  if (process.getuid?.() !== 0) {
    await assertRefusedIn(backup(dbIn(s.dataDir), join(dir, 'locked', 'copy.sqlite')), /cannot write.*permission/);
  }
  // The command itself: how it refuses (exit code 1, one line, no stack), before it makes anything.
  assertRefused(
    await run('backup', [], s.dataDir, { DATABASE_URL: 'postgres://valgloftet@localhost/valgloftet' }),
    /pg_dump/,
  );
  assert.ok(!existsSync(join(s.dataDir, 'backups')));
});
