// scripts/postgres.mjs and scripts/with-postgres.mjs: a throwaway PostgreSQL from Debian's packages on
// 127.0.0.1, with fsync on, a database per test, and nothing left behind once stopped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, dropDatabase, startPostgres } from '../../scripts/postgres.mjs';

const WITH_POSTGRES = fileURLToPath(new URL('../../scripts/with-postgres.mjs', import.meta.url));

/** Resolves to the connect error's code, or 'connected'. */
function tryConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error) => resolve(/** @type {NodeJS.ErrnoException} */ (error).code));
  });
}

test('startPostgres: a server on 127.0.0.1 with fsync on, a database in it, and nothing left after stop', async () => {
  const server = await startPostgres();
  try {
    assert.match(server.url, /^postgres:\/\/valgloftet@127\.0\.0\.1:\d+\/postgres$/);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      assert.equal((await admin.query('SHOW fsync')).rows[0].fsync, 'on');
      assert.equal((await admin.query('SHOW listen_addresses')).rows[0].listen_addresses, '127.0.0.1');
    } finally {
      await admin.end();
    }

    const url = await createDatabase(server.url);
    assert.match(url, /\/t_[0-9a-f]+$/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL)');
      await client.query('INSERT INTO t VALUES ($1, $2)', [1, 'Bodø']);
      assert.deepEqual((await client.query('SELECT id, name FROM t')).rows, [{ id: 1, name: 'Bodø' }]);
    } finally {
      await client.end();
    }
    await dropDatabase(url);
    const check = new pg.Client({ connectionString: server.url });
    await check.connect();
    const { rowCount } = await check.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    await check.end();
    assert.equal(rowCount, 0);
  } finally {
    await server.stop();
  }
  assert.equal(await tryConnect(server.port), 'ECONNREFUSED');
  assert.equal(existsSync(server.dir), false, `${server.dir} is still there`);
});

test('with-postgres.mjs runs the command with TEST_DATABASE_URL set and exits with its code', () => {
  const env = { ...process.env };
  delete env.TEST_DATABASE_URL;
  const run = spawnSync(
    process.execPath,
    [WITH_POSTGRES, process.execPath, '-e', 'process.exit(process.env.TEST_DATABASE_URL ? 3 : 4)'],
    { env, encoding: 'utf8' },
  );
  assert.equal(run.status, 3, run.stderr);
  assert.match(run.stderr, /PostgreSQL 1\d\.\d+.* on 127\.0\.0\.1:\d+ \(throwaway, /);
});
