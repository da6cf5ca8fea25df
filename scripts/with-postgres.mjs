// node scripts/with-postgres.mjs <command> [args…]
//
// Runs the command with TEST_DATABASE_URL set to a throwaway PostgreSQL on 127.0.0.1 (scripts/postgres.mjs:
// Debian's server, a fresh cluster in a temp dir), then stops that server and exits with the command's exit
// code. If TEST_DATABASE_URL is already set (a developer's own PostgreSQL), that server is used as it is.
// SIGINT/SIGTERM/SIGHUP are passed on to the command; when it has exited, the server is stopped.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { startPostgres } from './postgres.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node scripts/with-postgres.mjs <command> [args…]\n');
  process.exit(2);
}

/** @type {Awaited<ReturnType<typeof startPostgres>> | undefined} */
let server;
let url = process.env.TEST_DATABASE_URL;
if (url) {
  const shown = new URL(url);
  shown.password = shown.password ? '***' : '';
  process.stderr.write(`PostgreSQL: using TEST_DATABASE_URL from the environment (${shown.toString()})\n`);
} else {
  const started = performance.now();
  try {
    server = await startPostgres({ cleanupOnSignal: false });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  url = server.url;
  const ms = Math.round(performance.now() - started);
  process.stderr.write(
    `PostgreSQL ${server.version} on 127.0.0.1:${server.port} (throwaway, ${server.dir}), started in ${ms} ms\n`,
  );
}

const child = spawn(command, args, { stdio: 'inherit', shell: false, env: { ...process.env, TEST_DATABASE_URL: url } });

/** @type {NodeJS.Signals | undefined} */
let caught;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    caught ??= signal;
    child.kill(signal);
  });
}

/** @type {[number | null, NodeJS.Signals | null]} */
const [code, signal] = await new Promise((resolve) => {
  child.once('error', (error) => {
    process.stderr.write(`could not run ${command}: ${error.message}\n`);
    resolve([127, null]);
  });
  child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
});
await server?.stop();

const killedBy = signal ?? (code === null ? caught : undefined);
process.exit(killedBy ? 128 + constants.signals[killedBy] : (code ?? 1));
