// A throwaway PostgreSQL for the tests: Debian's own server binaries (apt install postgresql), a
// fresh cluster in a temp dir, listening on 127.0.0.1 only, on a free port. Nothing is downloaded.
//
//   const { url, stop } = await startPostgres();   // postgres://valgloftet@127.0.0.1:PORT/postgres
//   const db = await createDatabase(url);           // a new, empty database for one test
//   ...
//   await dropDatabase(db);
//   await stop();                                   // kills the server, removes the temp dir
//
// PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to the `postgres` system user
// (which Debian's package creates) and initdb and postgres run as that user via setpriv.
//
// fsync stays on (the default; set explicitly): the tests SIGKILL the app and count what survived.
//
// Cleaning up: the postmaster runs in its own process group, and stop() runs on process 'exit' and, unless
// { cleanupOnSignal: false }, on SIGINT/SIGTERM/SIGHUP. A SIGKILL of the starting Node process runs none of
// that, so a small watchdog process (Node, detached) holds a pipe from it: when the pipe closes, however the
// starter died, the watchdog SIGKILLs the server's process group and removes the temp dir. Limit: if the
// watchdog itself is SIGKILLed too (e.g. `kill -9 -- -PGID` of a group that somehow holds both; they are in
// different groups by design) the server is left running until the machine restarts or someone kills it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const USER = 'valgloftet';
const INSTALL_HINT =
  "PostgreSQL's server is not installed: the tests need initdb and postgres. On Debian: apt install postgresql";

/** The newest /usr/lib/postgresql/NN/bin with initdb and postgres in it, else `pg_config --bindir`'s. */
export function findBinDir() {
  const root = '/usr/lib/postgresql';
  const candidates = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((name) => join(root, name, 'bin'))
    : [];
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (address === null || typeof address === 'string') throw new Error('no port from listen(0)');
  return address.port;
}

/** The `postgres` system user's uid and gid, from /etc/passwd (Debian's postgresql package creates it). */
function postgresUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error(`PostgreSQL refuses to run as root and there is no postgres user. ${INSTALL_HINT}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** @typedef {{ uid: number; gid: number }} Owner */

/**
 * A temp dir whose every ancestor the postgres user can pass through (o+x, or its own).
 * @param {Owner | undefined} owner
 */
async function makeTempDir(owner) {
  /** @param {string} dir */
  const traversable = (dir) => {
    for (let at = dir; ; at = dirname(at)) {
      const st = statSync(at);
      if (!(st.mode & 0o001) && !(owner && st.uid === owner.uid)) return false;
      if (dirname(at) === at) return true;
    }
  };
  let parent = tmpdir();
  if (owner && !traversable(parent)) {
    if (!traversable('/tmp'))
      throw new Error(`neither ${parent} nor /tmp can be entered by the postgres user (o+x needed on every part)`);
    parent = '/tmp';
  }
  const dir = await mkdtemp(join(parent, 'ks-valgloftet-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

/**
 * argv for running `bin` as the postgres user when we are root, as ourselves otherwise.
 * @param {Owner | undefined} owner
 * @param {string} bin
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function asOwner(owner, bin, args) {
  if (!owner) return [bin, args];
  return [
    'setpriv',
    [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--reset-env', '--', bin, ...args],
  ];
}

const WATCHDOG = `
const [pid, dir] = process.argv.slice(1);
const clean = () => {
  try { process.kill(-Number(pid), 'SIGKILL'); } catch {}
  try { require('node:fs').rmSync(dir, { recursive: true, force: true, maxRetries: 5 }); } catch {}
  process.exit(0);
};
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('data', () => {});
process.stdin.on('end', clean);
process.stdin.on('error', clean);
process.stdin.on('close', clean);
`;

/**
 * @typedef {object} Postgres
 * @property {string} url postgres://valgloftet@127.0.0.1:PORT/postgres
 * @property {number} port
 * @property {string} dir The temp dir: the cluster (data/), the socket and postgres.log. Gone after stop().
 * @property {string} version server_version, e.g. "15.18 (Debian 15.18-0+deb12u1)"
 * @property {() => Promise<void>} stop
 */

/**
 * Starts a throwaway PostgreSQL on 127.0.0.1.
 * @param {{ log?: (line: string) => void, cleanupOnSignal?: boolean }} [options]
 * @returns {Promise<Postgres>}
 */
export async function startPostgres({ log, cleanupOnSignal = true } = {}) {
  const bin = findBinDir();
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const dir = await makeTempDir(owner);
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const say = log ?? (() => undefined);

  /** @param {string} message */
  const fail = (message) => {
    rmSync(dir, { recursive: true, force: true });
    return new Error(message);
  };

  const [initCmd, initArgs] = asOwner(owner, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    USER,
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
    '--no-instructions',
  ]);
  const init = spawnSync(initCmd, initArgs, { cwd: dir, encoding: 'utf8' });
  if (init.error) throw fail(`could not run ${initCmd}: ${init.error.message}`);
  if (init.status !== 0) throw fail(`initdb failed (${init.status}):\n${init.stdout}${init.stderr}`);
  say(`initdb: ${data}`);

  const port = await freePort();
  const [pgCmd, pgArgs] = asOwner(owner, join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'fsync=on',
  ]);
  const out = openSync(logFile, 'a');
  // detached: its own session and process group (pgid = pid), so a Ctrl-C to the terminal's group reaches
  // only us, and stop() and the watchdog can kill the postmaster with all its backends at once.
  const server = spawn(pgCmd, pgArgs, { cwd: dir, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = server.pid;
  if (pid === undefined) throw fail(`could not start ${pgCmd}`);
  let exited = false;
  const exitedPromise = new Promise((resolve) => server.once('exit', () => resolve((exited = true))));
  server.unref();

  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(pid), dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  /** @type {import('node:net').Socket} */ (watchdog.stdin).unref();

  const killNow = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  const onExit = () => killNow();
  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    killNow();
    unhook();
    // Nobody else listens: do what the signal would have done.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  /** @type {NodeJS.Signals[]} */
  const signals = cleanupOnSignal ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : [];
  const unhook = () => {
    process.off('exit', onExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
  process.on('exit', onExit);
  for (const signal of signals) process.on(signal, onSignal);

  /** @type {Promise<void> | undefined} */
  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      unhook();
      // Immediate shutdown (pg_ctl stop -m immediate sends the same SIGQUIT), then SIGKILL for the group.
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      await Promise.race([exitedPromise, sleep(5000)]);
      killNow();
      watchdog.kill('SIGTERM');
    })());

  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query('SHOW server_version');
      await client.end();
      const version = String(rows[0]?.server_version);
      say(`PostgreSQL ${version} on 127.0.0.1:${port}`);
      return { url, port, dir, version, stop };
    } catch (error) {
      await client.end().catch(() => undefined);
      const logText = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (exited || Date.now() > deadline) {
        await stop();
        const why = exited ? 'postgres exited' : `postgres did not accept connections in 30 s (${String(error)})`;
        throw new Error(`${why}; its log:\n${logText}`, { cause: error });
      }
      await sleep(50);
    }
  }
}

/**
 * The database name in a postgres:// URL.
 * @param {string} url
 */
function databaseOf(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * @param {string} url
 * @param {string} name
 */
function withDatabase(url, name) {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(name)}`;
  return next.toString();
}

/** @param {string} name */
const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates a new, empty database (default name t_<random hex>) on adminUrl's server; returns its URL.
 * @param {string} adminUrl
 * @param {string} [name]
 */
export async function createDatabase(adminUrl, name = `t_${randomBytes(8).toString('hex')}`) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quote(name)}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * Drops the database that url names, ending any sessions still in it (PostgreSQL 13+).
 * @param {string} url
 */
export async function dropDatabase(url) {
  const name = databaseOf(url);
  const client = new pg.Client({ connectionString: withDatabase(url, name === 'postgres' ? 'template1' : 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
