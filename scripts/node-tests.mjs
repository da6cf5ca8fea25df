// Which node:test files run in which pass, and running them: several files at once, except those
// that measure time, which run afterwards, one at a time, with the machine to themselves.
//
//   node scripts/node-tests.mjs sqlite     npm run test:node: test/node/ and the server's tests on SQLite
//   node scripts/node-tests.mjs postgres   npm run test:postgres (under with-postgres.mjs): the server's
//                                          tests that go through the store, on PostgreSQL
//   node scripts/node-tests.mjs node24     npm run test:node24 (node24.mjs runs it on Node 24): what
//                                          depends on the Node version, the SQLite driver
//
// Extra arguments go to node --test (e.g. --test-name-pattern=…). Every test file under
// server/test/ runs on both engines unless it is named below with its reason, so a new file is
// tested on PostgreSQL too until someone decides otherwise.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * Server test files whose subject is not the store: the same on either engine, they run once, on
 * SQLite (or with no store at all).
 */
export const NOT_THROUGH_THE_STORE = {
  'server/test/backup.test.ts': 'npm run backup and restore copy SQLite files; its services pin SQLite',
  'server/test/builder-contrast.test.ts': "the builder's contrast arithmetic; no service",
  'server/test/builder.test.ts': "the builder's page and files, made from the configuration and the council list",
  'server/test/durability.test.ts': 'kill -9 of a service process on its SQLite file, which the test reads',
  'server/test/embed-snippets.test.ts': "the builder's code snippets; no service",
  'server/test/fuzz.test.ts': 'a service process on SQLite, whose file the test checks (integrity_check)',
  'server/test/headers.test.ts': 'headers, compression and slow clients: the HTTP layer, whichever the store',
  'server/test/markup.test.ts': 'the server-rendered widget, which reads nothing stored',
  'server/test/widget-files.test.ts': "the widget's files from dist/, which are not stored",
};

/**
 * Files that assert that two answers take alike time (assertAlikeTiming): their medians must not
 * be skewed by other test files sharing the cores, so they run after the rest, one at a time.
 */
export const MEASURES_TIME = ['server/test/trust.test.ts', 'server/test/admin-page.test.ts'];

/**
 * On Node 24, beside the smoke test of `npm start` (scripts/node24.mjs): what differs between Node
 * versions in this service is the SQLite driver (better-sqlite3 13 on Node 24, 12 on Node 20;
 * scripts/better-sqlite3/): the store's contract, kill -9 and the restart, the migrations the start
 * runs, and the backup and restore that copy the file through it. The rest is the same JavaScript.
 */
export const ON_NODE24 = [
  'server/test/store.test.ts',
  'server/test/durability.test.ts',
  'server/test/migrations.test.ts',
  'server/test/backup.test.ts',
];

/** @type {(dir: string, suffix: string) => string[]} */
const list = (dir, suffix) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => `${dir}/${f}`);

/**
 * The files of a pass, in order.
 * @param {string} pass
 */
export function filesOf(pass) {
  const server = list('server/test', '.test.ts');
  for (const file of [...Object.keys(NOT_THROUGH_THE_STORE), ...MEASURES_TIME, ...ON_NODE24]) {
    if (!server.includes(file)) throw new Error(`scripts/node-tests.mjs names ${file}, which does not exist`);
  }
  // Every server file, also those that concern PostgreSQL alone (instances, pg-backup): without
  // TEST_DATABASE_URL they say that they skip, as they did when this pass ran server/test/*.test.ts.
  if (pass === 'sqlite') return [...list('test/node', '.test.mjs'), ...server];
  if (pass === 'postgres') return server.filter((f) => !(f in NOT_THROUGH_THE_STORE));
  if (pass === 'node24') return ON_NODE24;
  throw new Error(`no pass ${pass}: sqlite, postgres or node24`);
}

/**
 * How many files at once: more than the cores, since most of a server test is waiting (for a mail,
 * a socket, a child process). TEST_CONCURRENCY overrides it.
 */
const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;

/**
 * node --test over `files`, `at` at a time; its exit code.
 * @param {string[]} files
 * @param {number} at
 * @param {string[]} extra
 * @returns {Promise<number>}
 */
function nodeTest(files, at, extra) {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${at}`, ...extra, ...files],
      { cwd: root, stdio: 'inherit' },
    );
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] === import.meta.filename) {
  const [pass, ...extra] = process.argv.slice(2);
  const files = filesOf(pass);
  const timed = files.filter((f) => MEASURES_TIME.includes(f));
  const rest = files.filter((f) => !timed.includes(f));
  const started = Date.now();
  let failed = false;
  if (rest.length) failed = (await nodeTest(rest, concurrency, extra)) !== 0 || failed;
  if (timed.length) failed = (await nodeTest(timed, 1, extra)) !== 0 || failed;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n  ${pass}: ${rest.length} files ${concurrency} at a time, then ${timed.length} that measure time one at a time, in ${seconds} s${failed ? ': FAILED' : ''}\n`,
  );
  process.exitCode = failed ? 1 : 0;
}
