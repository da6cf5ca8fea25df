// A throwaway WordPress on loopback for the end-to-end tests, set up by the test itself: WordPress
// 7.1 from Debian unstable, unpacked by scripts/wordpress-7.mjs (the current release), or Debian 12's
// own 6.1 (/usr/share/wordpress, the oldest the plugin declares), copied into a temporary folder with
// its own wp-config.php, Debian's default theme and the site's language (nb_NO or nn_NO), a private
// MariaDB on a Unix socket in the same folder, WordPress's installer run from PHP, and PHP's
// built-in server. Nothing outside the temporary folder is written, nothing is left running:
// `stop()` ends both servers and removes the folder, and a test process that dies on the way still
// kills them (see `children`).
//
// Needs the Debian packages mariadb-server, php-cli and php-mysql; for 6.1 wordpress and
// wordpress-theme-twentytwentythree; for 7.1 apt-get and Debian's mirror (.ci/run).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORDPRESS_7, wordpress7 } from '../../scripts/wordpress-7.mjs';

const run = promisify(execFile);

/** Debian 12's WordPress: the oldest release the plugin declares ("Requires at least"). */
export const WORDPRESS_6 = { version: '6.1', dir: '/usr/share/wordpress', theme: 'twentytwentythree' } as const;
/** The releases the tests run on: the current one (7.1, the plugin's "Tested up to") and the oldest. */
export type Release = typeof WORDPRESS_7 | typeof WORDPRESS_6.version;
export type Locale = 'nb_NO' | 'nn_NO';
/** The address the site listens on: loopback, but another host than the service's 127.0.0.1. */
const HOST = '127.0.0.2';

export interface WordPressUser {
  id: number;
  login: string;
  /** An application password, for the REST API's Basic authentication. */
  password: string;
}

export interface WordPress {
  /** The site's home, e.g. http://127.0.0.2:41234 (plain permalinks: posts are `/?p=ID`). */
  url: string;
  release: Release;
  /** The site's language (the WPLANG option). */
  locale: Locale;
  versions: { wordpress: string; php: string; mariadb: string };
  theme: string;
  users: { author: WordPressUser; editor: WordPressUser };
  /** A call to the REST API (`/wp/v2/…`) as `user`. */
  rest(user: WordPressUser, route: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** What WordPress wrote to its debug log (WP_DEBUG_LOG): notices, warnings, deprecations. */
  debugLog(): Promise<string>;
  /** Runs PHP `code` with WordPress loaded (as the administrator) and returns what it printed. */
  php(code: string): Promise<string>;
  stop(): Promise<void>;
}

/** Prints a step and how long it took, so that a slow CI run says where its time went. */
async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await fn();
  console.log(`# wordpress: ${what} (${Math.round(performance.now() - start)} ms)`);
  return value;
}

/** A free TCP port on `host`. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function until(fn: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Signals a server and everything it forked: each runs in its own process group (PHP's built-in
 * server forks its workers, which outlive a master that alone is signalled).
 */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * The servers this process started and not yet stopped, and the folders not yet removed: killed and
 * removed if the process ends first, by an uncaught error or by a signal (Ctrl-C, or the test
 * runner's timeout). The servers run in their own process groups, so no signal reaches them else.
 */
const children = new Set<ChildProcess>();
const folders = new Set<string>();
function abandon(): void {
  for (const child of children) signal(child, 'SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}
process.once('exit', abandon);
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(name, () => {
    abandon();
    process.kill(process.pid, name);
  });
}

function start(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (code && !signal) console.log(`# wordpress: ${command} ended with ${code}: ${stderr}`);
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => {
    signal(child, 'SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
  // The workers may outlast their master by a moment.
  signal(child, 'SIGKILL');
}

/**
 * The site's language files from Debian's: core's and the city names' for `locale` (Debian has
 * no admin translations in Norwegian, so the admin and the editor stay mostly English). Debian 12's
 * WordPress carries every language it has; only the locale's are kept, as a site that installed it.
 */
async function copyLanguages(from: string, site: string, locale: Locale): Promise<void> {
  const target = join(site, 'wp-content', 'languages');
  await rm(target, { recursive: true, force: true });
  await mkdir(target);
  for (const name of [`${locale}.mo`, `continents-cities-${locale}.mo`]) {
    if (existsSync(join(from, name))) await copyFile(join(from, name), join(target, name));
  }
}

function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Sets up and starts the site. `trustedOrigins` are the service origins (http://127.0.0.1:PORT) that
 * the test-only mu-plugin lets WordPress fetch oEmbed from. `release` 7.1 (the default) comes from
 * Debian unstable by scripts/wordpress-7.mjs, 6.1 from Debian 12's package; `locale` is the site's
 * language (default nb_NO), with Debian's translations for it where it has them.
 */
export async function startWordPress({
  trustedOrigins,
  release = WORDPRESS_7,
  locale = 'nb_NO',
}: {
  trustedOrigins: string[];
  release?: Release;
  locale?: Locale;
}): Promise<WordPress> {
  let source: string;
  let languages: string;
  if (release === WORDPRESS_6.version) {
    source = WORDPRESS_6.dir;
    languages = join(source, 'wp-content/languages');
    for (const needed of [source, `${source}/wp-content/themes/${WORDPRESS_6.theme}`]) {
      if (!existsSync(needed)) {
        throw new Error(`${needed} is missing: apt-get install wordpress wordpress-theme-${WORDPRESS_6.theme}`);
      }
    }
  } else {
    ({ wordpress: source, languages } = await step(`WordPress ${WORDPRESS_7} from Debian unstable`, wordpress7));
  }
  for (const needed of ['/usr/sbin/mariadbd']) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: apt-get install mariadb-server php-cli php-mysql`);
  }
  const root = await mkdtemp(join(tmpdir(), 'ks-valgloftet-wp-'));
  folders.add(root);
  const site = join(root, 'site');
  const data = join(root, 'mariadb');
  const socket = join(root, 'mariadb.sock');
  const debugLog = join(root, 'debug.log');
  const started: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopChild));
    await rm(root, { recursive: true, force: true });
    folders.delete(root);
  };

  try {
    const port = await freePort(HOST);
    const url = `http://${HOST}:${port}`;
    const user = userInfo().username;

    await step('copied WordPress and made a MariaDB data folder', () =>
      Promise.all([
        // -L: Debian's relative symlinks (underscore.js, ID3, the CA bundle) would point nowhere from here.
        run('cp', ['-aL', `${source}/.`, site]).then(() => copyLanguages(languages, site, locale)),
        run('mariadb-install-db', [
          '--no-defaults',
          `--datadir=${data}`,
          `--user=${user}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          '--skip-name-resolve',
        ]),
      ]),
    );

    const mariadb = start(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--socket=${socket}`,
        '--skip-networking',
        `--user=${user}`,
        `--pid-file=${join(root, 'mariadb.pid')}`,
        `--log-error=${join(root, 'mariadb.log')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        // A throwaway database: no need to wait for the disk on each commit.
        '--innodb-flush-log-at-trx-commit=0',
      ],
      {},
    );
    started.push(mariadb);

    const salts = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
      .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
      .map((name) => `define('${name}', '${randomBytes(32).toString('hex')}');`)
      .join('\n');
    await Promise.all([
      // The site's own wp-config.php in place of Debian's, which reads /etc/wordpress/config-<host>.php.
      writeFile(
        join(site, 'wp-config.php'),
        `<?php
// Written by test/wordpress/wordpress.ts for a throwaway test site.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${phpString(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
// Application passwords need HTTPS or a 'local' environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', ${phpString(debugLog)});
define('WP_DEBUG_DISPLAY', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
// No calls to wordpress.org (there is no network in CI); loopback services only.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1');
define('KS_VALGLOFTET_TEST_ORIGINS', ${phpString(JSON.stringify(trustedOrigins))});
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
      ),
      mkdir(join(site, 'wp-content', 'mu-plugins')).then(() =>
        copyFile(
          new URL('mu-plugin.php', import.meta.url),
          join(site, 'wp-content', 'mu-plugins', 'ks-valgloftet-test.php'),
        ),
      ),
      copyFile(new URL('install.php', import.meta.url), join(site, 'ks-valgloftet-install.php')),
    ]);

    await step('started MariaDB', () =>
      until(
        () => {
          if (mariadb.exitCode !== null) throw new Error(`mariadbd ended with ${mariadb.exitCode}`);
          return Promise.resolve(existsSync(socket));
        },
        'MariaDB',
        30_000,
      ),
    );
    await step('created the database', () =>
      run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress']),
    );

    const installed = await step(
      'installed WordPress, an Author and an Editor with application passwords',
      async () => {
        const { stdout } = await run('php', ['ks-valgloftet-install.php', locale], { cwd: site });
        await rm(join(site, 'ks-valgloftet-install.php'));
        const { locale: set, ...rest } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Pick<
          WordPress,
          'versions' | 'theme' | 'users' | 'locale'
        >;
        if (set !== locale) throw new Error(`the site's language is ${set}, not ${locale}`);
        return rest;
      },
    );

    const php = start('php', ['-S', `${HOST}:${port}`, '-t', site], {
      cwd: site,
      // Several workers, so a page and the REST calls beside it do not queue behind one another.
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    });
    started.push(php);
    await step(`started PHP's built-in server at ${url}`, () =>
      until(
        async () => {
          if (php.exitCode !== null) throw new Error(`php -S ended with ${php.exitCode}`);
          return fetch(`${url}/?rest_route=/`).then(
            (res) => res.ok,
            () => false,
          );
        },
        'WordPress to answer',
        30_000,
      ),
    );
    console.log(
      `# wordpress: WordPress ${installed.versions.wordpress} in ${locale}, PHP ${installed.versions.php}, MariaDB ${installed.versions.mariadb}, theme ${installed.theme}`,
    );

    return {
      ...installed,
      url,
      release,
      locale,
      rest: (as, route, init = {}) => {
        // Plain permalinks: the route travels as ?rest_route=, its own query after it.
        const [path, query] = route.split('?');
        return fetch(`${url}/?rest_route=${path}${query ? `&${query}` : ''}`, {
          method: init.method ?? 'GET',
          headers: {
            authorization: `Basic ${Buffer.from(`${as.login}:${as.password}`).toString('base64')}`,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
      },
      debugLog: () => readFile(debugLog, 'utf8').catch(() => ''),
      php: async (code) => {
        const script = `require ${phpString(join(site, 'wp-load.php'))}; wp_set_current_user(1);\n${code}`;
        const { stdout } = await run('php', ['-r', script], { cwd: site });
        return stdout;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
