// Migrations: a database made by the first version of the service (schema v1, one row per address
// as typed) is upgraded on start to one row per mailbox, as migration 2 says: the row confirmed
// first, else the newest, stays.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dropDatabase } from '../../scripts/postgres.mjs';
import { mailboxOf } from '../mail/mailbox.js';
import { DataDirError, openStore, type Store } from '../store/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { testDatabase } from './harness.js';
import { testHooks } from '../store/testing.js';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

interface V1Row {
  email: string;
  created_at: string;
  confirmed_at: string | null;
}

/** A v1 database file, as the first version left it, with these signatures and a withdraw token each. */
async function v1File(rows: V1Row[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'valgloftet.sqlite');
  const db = new Database(file);
  db.exec(await readFile(new URL('../store/migrations/sqlite/001-schema.sql', import.meta.url), 'utf8'));
  db.pragma('user_version = 1');
  const insert = db.prepare(
    `INSERT INTO signatures (email, name, role, municipality, lang, created_at, confirmed_at)
     VALUES (?, 'Kari Nordmann', 'elected', '1804', 'nb', ?, ?)`,
  );
  const token = db.prepare("INSERT INTO tokens (hash, signature_id, purpose) VALUES (?, ?, 'withdraw')");
  for (const row of rows) {
    const id = insert.run(row.email, row.created_at, row.confirmed_at).lastInsertRowid;
    token.run(`hash-${row.email}`, id);
  }
  db.close();
  return file;
}

/** What the JavaScript migration 2 kept, for comparison: the first of each mailbox in this order. */
function keptByRule(rows: V1Row[]): string[] {
  const ordered = rows
    .map((row, i) => ({ ...row, id: i + 1 }))
    .sort(
      (a, b) =>
        Number(a.confirmed_at === null) - Number(b.confirmed_at === null) ||
        (a.confirmed_at ?? '').localeCompare(b.confirmed_at ?? '') ||
        b.created_at.localeCompare(a.created_at) ||
        b.id - a.id,
    );
  const seen = new Set<string>();
  return ordered
    .filter((row) => !seen.has(mailboxOf(row.email)) && seen.add(mailboxOf(row.email)))
    .map((row) => row.email)
    .sort();
}

test('a v1 database keeps one signature per mailbox: the one confirmed first, else the newest', async () => {
  const rows: V1Row[] = [
    { email: 'kari.n@gmail.com', created_at: '2023-01-01T00:00:00Z', confirmed_at: null },
    { email: 'karin@gmail.com', created_at: '2023-01-02T00:00:00Z', confirmed_at: '2023-02-01T00:00:00Z' },
    { email: 'Kari.N+valg@googlemail.com', created_at: '2023-01-03T00:00:00Z', confirmed_at: '2023-01-15T00:00:00Z' },
    { email: 'ola@example.no', created_at: '2023-01-01T00:00:00Z', confirmed_at: null },
    { email: 'Ola@Example.no', created_at: '2023-01-05T00:00:00Z', confirmed_at: null },
    { email: 'per@example.no', created_at: '2023-01-01T00:00:00Z', confirmed_at: '2023-01-02T00:00:00Z' },
  ];
  const store = openSqliteStore(await v1File(rows));
  try {
    const kept = Array.from(await store.exportRows('2023'), (row) => row.email).sort();
    assert.deepEqual(kept, ['Kari.N+valg@googlemail.com', 'Ola@Example.no', 'per@example.no']);
    assert.deepEqual(kept, keptByRule(rows));
    // The rows that went took their tokens with them; the kept rows' tokens still work.
    assert.equal(await store.lookupToken('hash-karin@gmail.com', 'withdraw'), undefined);
    assert.equal(await store.lookupToken('hash-ola@example.no', 'withdraw'), undefined);
    assert.ok(await store.lookupToken('hash-Ola@Example.no', 'withdraw'));
    assert.equal((await store.count('2023')).signatures, 2);
    // One mailbox, one row, from now on: signing again with another spelling finds the same signer.
    assert.equal(
      await store.sign(
        { name: 'Per', email: 'PER+x@example.no', role: 'elected', municipality: '1804', lang: 'nb', campaign: '2023' },
        () => ({ token: 't', hash: `h${Math.random()}` }),
        72,
      ),
      'already-signed',
    );
    assert.equal(Array.from(await store.exportRows('2023')).length, 3);
  } finally {
    await store.close();
  }
});

test('the SQL migration keeps what the JavaScript one kept, on many mixed rows', async () => {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  const spellings = (local: string) => [
    `${local}@gmail.com`,
    `${local.toUpperCase()}@GMAIL.com`,
    `${local[0]}.${local.slice(1)}+a@googlemail.com`,
    `${local}@example.no`,
    `${local}+b@example.no`,
  ];
  const rows: V1Row[] = [];
  const used = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const email = spellings(`person${random(25)}`)[random(5)];
    if (used.has(email)) continue;
    used.add(email);
    const day = (n: number) => `2023-0${1 + random(8)}-${String(10 + random(18))}T00:00:0${n}Z`;
    rows.push({ email, created_at: day(random(3)), confirmed_at: random(3) ? null : day(random(3)) });
  }
  const store = openSqliteStore(await v1File(rows));
  try {
    assert.deepEqual(Array.from(await store.exportRows('2023'), (row) => row.email).sort(), keptByRule(rows));
  } finally {
    await store.close();
  }
});

test('a mail queued as "already-joined" before the rename is sent as "already-signed"', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'valgloftet.sqlite');
  const db = new Database(file);
  db.function('mailbox_of', (email: unknown) => mailboxOf(String(email)));
  for (const name of ['001-schema.sql', '002-mailbox-and-mail-queue.sql'])
    db.exec(await readFile(new URL(`../store/migrations/sqlite/${name}`, import.meta.url), 'utf8'));
  db.pragma('user_version = 2');
  const id = db
    .prepare(
      `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, created_at, confirmed_at)
       VALUES ('kari@example.no', 'kari@example.no', 'Kari', 'elected', '1804', 'nn', ?, ?)`,
    )
    .run(new Date().toISOString(), new Date().toISOString()).lastInsertRowid;
  const request = { kind: 'already-joined', lang: 'nn', withdrawToken: 'w' };
  db.prepare(
    'INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(id, 'kari@example.no', JSON.stringify(request), '2000-01-01T00:00:00.000Z', new Date().toISOString());
  db.close();
  const store = openSqliteStore(file);
  try {
    assert.deepEqual(
      (await testHooks(store).dueMails(10)).map((mail) => mail.request),
      [{ ...request, kind: 'already-signed' }],
    );
  } finally {
    await store.close();
  }
});

/** A confirmed signature whose signer consented to be shown, as the schema before KS's approval kept it. */
const SHOWN_BEFORE = {
  email: 'jens@example.no',
  name: 'Jens Stoltenberg',
  confirmed_at: '2023-05-02T10:00:00.000Z',
  name_public_at: '2023-05-02T09:55:00.000Z',
};

test('names shown before KS approved names wait for approval after the upgrade, hidden until then (SQLite)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'valgloftet.sqlite');
  const db = new Database(file);
  db.function('mailbox_of', (email: unknown) => mailboxOf(String(email)));
  const folder = new URL('../store/migrations/sqlite/', import.meta.url);
  for (const name of (await readdir(folder)).filter((n) => /^00[1-5]-/.test(n)).sort())
    db.exec(await readFile(new URL(name, folder), 'utf8'));
  db.pragma('user_version = 5');
  db.prepare(
    `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, created_at, confirmed_at, name_public_at)
     VALUES (@email, @email, @name, 'elected', '0301', 'nb', @confirmed_at, @confirmed_at, @name_public_at)`,
  ).run(SHOWN_BEFORE);
  db.close();
  const store = openSqliteStore(file);
  try {
    assert.deepEqual(await store.publicSigners('2023'), [], 'hidden from every public list');
    assert.deepEqual(
      (await store.waitingNames(10)).map((n) => [n.name, n.confirmed_at]),
      [[SHOWN_BEFORE.name, SHOWN_BEFORE.confirmed_at]],
    );
    assert.equal((await store.count('2023')).signatures, 1, 'the signature still counts');
  } finally {
    await store.close();
  }
});

test(
  'names shown before KS approved names wait for approval after the upgrade, hidden until then (PostgreSQL)',
  { skip: !process.env.TEST_DATABASE_URL && 'runs under npm run test:postgres' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
    dirs.push(dir);
    const url = (await testDatabase(dir))!;
    const client = new pg.Client(url);
    await client.connect();
    try {
      // The database as schema version 1 left it, with one name shown by consent.
      await client.query(
        await readFile(new URL('../store/migrations/postgres/001-schema.sql', import.meta.url), 'utf8'),
      );
      await client.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      await client.query('INSERT INTO schema_migrations (version) VALUES (1)');
      await client.query(
        `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, created_at, confirmed_at, name_public_at)
         VALUES ($1, $1, $2, 'elected', '0301', 'nb', $3, $3, $4)`,
        [SHOWN_BEFORE.email, SHOWN_BEFORE.name, SHOWN_BEFORE.confirmed_at, SHOWN_BEFORE.name_public_at],
      );
    } finally {
      await client.end();
    }
    const store = await openStore({ dataDir: dir, databaseUrl: url });
    try {
      assert.ok(store.migrated.includes(2));
      assert.deepEqual(await store.publicSigners('2023'), [], 'hidden from every public list');
      assert.deepEqual(
        (await store.waitingNames(10)).map((n) => [n.name, n.confirmed_at]),
        [[SHOWN_BEFORE.name, SHOWN_BEFORE.confirmed_at]],
      );
      assert.equal((await store.count('2023')).signatures, 1, 'the signature still counts');
    } finally {
      await store.close();
      await dropDatabase(url);
    }
  },
);

/**
 * A database as the last version before campaigns left it (SQLite's migrations 1–7, PostgreSQL's
 * 1–3), with a confirmed signature, its live withdraw token, a queued mail and an adoption; the
 * store opened on it, migrated.
 */
async function beforeCampaigns(engine: 'sqlite' | 'postgres'): Promise<{ store: Store; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
  dirs.push(dir);
  const folder = new URL(`../store/migrations/${engine}/`, import.meta.url);
  const files = (await readdir(folder)).filter((n) => /^00\d-/.test(n)).sort();
  const old = files.slice(0, engine === 'sqlite' ? 7 : 3);
  const rows = [
    `INSERT INTO signatures (email, mailbox, name, role, municipality, lang, created_at, confirmed_at)
     VALUES ('jens@example.no', 'jens@example.no', 'Jens', 'elected', '4601', 'nb', '2023-05-02T10:00:00Z', '2023-05-02T10:00:00Z')`,
    "INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES ('withdraw-hash', 1, 'withdraw', NULL)",
    `INSERT INTO mail_queue (signature_id, recipient, request, due_at, created_at)
     VALUES (1, 'jens@example.no', '{"kind":"already-signed","lang":"nb","withdrawToken":"w"}', '2023-05-02T10:00:00Z', '2023-05-02T10:00:00Z')`,
    "INSERT INTO adoptions (council, adopted_on, link, recorded_at) VALUES ('4601', '2023-06-01', NULL, '2023-06-02T10:00:00Z')",
    "INSERT INTO admin_audit (at, admin, action, object) VALUES ('2023-06-02T10:00:00Z', 'kari@ks.no', 'adoption-recorded', '4601')",
  ];
  if (engine === 'sqlite') {
    const file = join(dir, 'valgloftet.sqlite');
    const db = new Database(file);
    db.function('mailbox_of', (email: unknown) => mailboxOf(String(email)));
    for (const name of old) db.exec(await readFile(new URL(name, folder), 'utf8'));
    db.pragma(`user_version = ${old.length}`);
    for (const sql of rows) db.exec(sql);
    db.close();
    return { store: openSqliteStore(file), done: () => Promise.resolve() };
  }
  const url = (await testDatabase(dir))!;
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const [i, name] of old.entries()) {
      await client.query(await readFile(new URL(name, folder), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
    }
    for (const sql of rows) await client.query(sql);
  } finally {
    await client.end();
  }
  return { store: await openStore({ dataDir: dir, databaseUrl: url }), done: () => dropDatabase(url) };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  test(
    `what was kept before campaigns is Valgløftet 2023's after the upgrade, every reference whole (${engine})`,
    { skip: engine === 'postgres' && !process.env.TEST_DATABASE_URL && 'runs under npm run test:postgres' },
    async () => {
      const { store, done } = await beforeCampaigns(engine);
      try {
        assert.ok(store.migrated.includes(engine === 'sqlite' ? 8 : 4));
        assert.equal(await store.integrity(), 'ok', 'no token or mail lost its signature');
        assert.equal((await store.count('2023')).signatures, 1);
        assert.equal((await store.count('2023')).councils, 1);
        assert.equal((await store.count('2027')).signatures, 0);
        assert.equal((await store.lookupToken('withdraw-hash', 'withdraw'))?.campaign, '2023', 'the token still works');
        assert.equal((await store.mailQueue()).waiting, 1, 'the queued mail is still there');
        assert.deepEqual(
          (await store.auditLog(10)).map((e) => [e.action, e.campaign]),
          [['adoption-recorded', '2023']],
        );
        // The same person may sign the next campaign: an address is unique within a campaign only.
        const input = {
          name: 'Jens',
          email: 'jens@example.no',
          role: 'elected',
          municipality: '4601',
          lang: 'nb',
        } as const;
        const made = () => ({ token: `t${Math.random()}`, hash: `h${Math.random()}` });
        assert.equal(await store.sign({ ...input, campaign: '2027' }, made, 72), 'confirm');
        assert.equal(await store.sign({ ...input, campaign: '2023' }, made, 72), 'already-signed');
      } finally {
        await store.close();
        await done();
      }
    },
  );
}

/** What both stores say of a database newer than the code (store/migrations.ts, newerSchema). */
const NEWER = (current: number, known: number) =>
  new RegExp(`the database is at schema version ${current}, newer than this code \\(${known}\\)`);

test('SQLite refuses a database newer than the code, as PostgreSQL does, and leaves the file as it was', async () => {
  const known = (await readdir(new URL('../store/migrations/sqlite/', import.meta.url))).filter((n) =>
    n.endsWith('.sql'),
  ).length;
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
  dirs.push(dir);
  const file = join(dir, 'valgloftet.sqlite');
  const made = openSqliteStore(file);
  await made.close();
  const db = new Database(file);
  db.pragma(`user_version = ${known + 1}`);
  db.close();
  const before = await readFile(file);
  assert.throws(
    () => openSqliteStore(file),
    (err: Error) =>
      err instanceof DataDirError && NEWER(known + 1, known).test(err.message) && err.message.includes(file),
  );
  assert.deepEqual(await readFile(file), before, 'not migrated, not written');
});

test(
  'PostgreSQL refuses a database newer than the code with the same words',
  { skip: !process.env.TEST_DATABASE_URL && 'runs under npm run test:postgres' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-migrate-'));
    dirs.push(dir);
    const url = (await testDatabase(dir))!;
    const made = await openStore({ dataDir: dir, databaseUrl: url });
    const known = Math.max(...made.migrated);
    await made.close();
    const client = new pg.Client(url);
    await client.connect();
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [known + 1]);
    await client.end();
    try {
      await assert.rejects(openStore({ dataDir: dir, databaseUrl: url }), (err: Error) =>
        NEWER(known + 1, known).test(err.message),
      );
    } finally {
      await dropDatabase(url);
    }
  },
);
