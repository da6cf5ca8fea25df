// The real signature service (server/main.ts) as a child process on a free loopback port, with its
// own SQLite file in a temporary folder and its mails in the outbox there. The component tests of
// the signing form, the benchmark and the durability test talk to it; nothing about it is faked.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** @returns {Promise<number>} */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });

/**
 * @typedef {object} ServiceProcess
 * @property {string} url
 * @property {string} api
 * @property {number} port
 * @property {number} pid
 * @property {string} dataDir
 * @property {() => Promise<string>} outbox Everything the outbox holds: each mail with its links, as the service printed it.
 * @property {(signal?: NodeJS.Signals) => Promise<unknown>} kill Ends the process with `signal` (SIGKILL: as a crash does) and waits for it; data stays.
 * @property {() => Promise<void>} stop Ends the process and deletes its data.
 */

/**
 * Starts the service with `env` on top of a quiet, demo-free configuration. Pass `dataDir` (and
 * `port`) to start it again on the data a stopped or killed one left.
 * @param {Record<string, string>} [env]
 * @param {{ dataDir?: string; port?: number }} [reuse]
 * @returns {Promise<ServiceProcess>}
 */
export async function startServiceProcess(env = {}, { dataDir: reuse, port: samePort } = {}) {
  const dataDir = reuse ?? (await mkdtemp(join(tmpdir(), 'ks-valgloftet-service-')));
  const port = samePort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO: '0',
      LOG_LEVEL: 'silent',
      SMTP_URL: '',
      PUBLIC_URL: url,
      ...env,
    },
  });
  const { pid } = child;
  if (pid === undefined) throw new Error('The signature service could not be started');
  let exited = false;
  child.once('exit', () => (exited = true));
  process.once('exit', () => child.kill());
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`The signature service exited on start (${JSON.stringify(env)})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 150) throw new Error('The signature service did not start within 30 s');
    await sleep(200);
  }
  return {
    url,
    api: `${url}/api`,
    port,
    pid,
    dataDir,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (exited) return resolve(undefined);
        child.once('exit', resolve);
        child.kill(signal);
      }),
    outbox: () => readFile(join(dataDir, 'outbox.txt'), 'utf8').catch(() => ''),
    stop: async () => {
      if (!exited) await new Promise((resolve) => (child.once('exit', resolve), child.kill()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
