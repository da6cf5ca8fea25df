// WordPress 7.1, the current release, for the WordPress tests: Debian unstable's packages, fetched
// with apt-get through a private apt configuration into a cache folder and unpacked there, not
// installed (shared/TESTING.md). Nothing outside the cache folder is written, so it runs beside
// Debian 12's WordPress 6.1 and needs no root. Idempotent: a finished set-up is found again and
// used as it is; a set-up is made in a folder of its own and moved into place when whole, so two
// test files that ask at once cannot see half of one.
//
//   node scripts/wordpress-7.mjs     sets it up (if needed) and prints where it is
//
// .ci/run runs it before the tests; test/wordpress/wordpress.ts calls wordpress7(). Another cache
// folder: KS_VALGLOFTET_WORDPRESS_CACHE. Another Debian mirror: KS_VALGLOFTET_DEBIAN_MIRROR (else
// the one in /etc/apt/sources.list.d/debian.sources, else deb.debian.org).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readlink, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The release the tests are written for: the plugin's "Tested up to". */
export const WORDPRESS_7 = '7.1';

/**
 * What is unpacked: WordPress, its default theme, and the libraries its package links to (its
 * relative symlinks point into them); the Norwegian files from wordpress-l10n apart.
 */
const PACKAGES = [
  'wordpress',
  'wordpress-theme-twentytwentyfive',
  'php-getid3',
  'libphp-phpmailer',
  'libjs-jquery-ui',
  'libjs-lodash',
  'libjs-underscore',
  'libjs-cropper',
];
const L10N = 'wordpress-l10n';
/** The Norwegian translations Debian has: core in bokmål, the city names in both. */
const LANGUAGE_FILE = /^(continents-cities-)?n[bn]_NO\.mo$/;

const root = resolve(import.meta.dirname, '..');
const CACHE = process.env.KS_VALGLOFTET_WORDPRESS_CACHE || join(root, 'node_modules/.cache/ks-valgloftet-wordpress');

/** The Debian mirror this machine uses, for the suite `sid`. */
function mirror() {
  if (process.env.KS_VALGLOFTET_DEBIAN_MIRROR) return process.env.KS_VALGLOFTET_DEBIAN_MIRROR;
  try {
    const sources = readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8');
    const uri = /^URIs:\s*(\S+)/m.exec(sources)?.[1];
    if (uri && !/security/.test(uri)) return uri;
  } catch {
    // No deb822 sources: the default mirror.
  }
  return 'http://deb.debian.org/debian';
}

/**
 * @typedef {object} WordPress7
 * @property {string} wordpress the folder to copy a site from (the package's /usr/share/wordpress)
 * @property {string} languages the Norwegian .mo files (nb_NO.mo, continents-cities-n[bn]_NO.mo)
 * @property {string} version WordPress's own $wp_version, e.g. 7.1.4
 * @property {Record<string, string>} packages each package's Debian version
 */

/**
 * The set-up in `dir`, when it is whole; else undefined.
 * @param {string} dir
 */
function readSetUp(dir) {
  try {
    const ready = /** @type {WordPress7} */ (JSON.parse(readFileSync(join(dir, 'ready.json'), 'utf8')));
    return existsSync(join(ready.wordpress, 'wp-includes/version.php')) ? ready : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs apt-get with the private configuration; its own output only in an error.
 * @param {string[]} config
 * @param {string[]} args
 * @param {string} [cwd]
 */
async function apt(config, args, cwd) {
  try {
    const { stdout, stderr } = await run('apt-get', [...config, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    // apt-get update ends well when an index could not be fetched, with a warning: not here.
    const failed = /^(Err:.*|W: Failed to fetch.*|E: .*)$/m.exec(`${stdout}\n${stderr}`);
    if (failed) throw Object.assign(new Error(failed[0]), { stderr: `${stdout}\n${stderr}` });
    return stdout;
  } catch (error) {
    const {
      stderr = '',
      stdout = '',
      code,
    } = /** @type {{ stderr?: string, stdout?: string, code?: unknown }} */ (error);
    const why = code === 'ENOENT' ? 'apt-get is missing' : (stderr || stdout).trim().slice(-1500);
    throw new Error(`apt-get ${args.join(' ')} failed: ${why}`, { cause: error });
  }
}

/**
 * Every symlink under `dir` whose target does not exist.
 * @param {string} dir
 */
async function danglingLinks(dir) {
  const dangling = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    try {
      await stat(path);
    } catch {
      dangling.push(`${relative(dir, path)} -> ${await readlink(path).catch(() => '?')}`);
    }
  }
  return dangling;
}

/**
 * Downloads and unpacks into `work`; returns what it set up.
 * @param {string} work
 * @returns {Promise<WordPress7>}
 */
async function setUp(work) {
  const etc = join(work, 'apt');
  await Promise.all(
    ['lists/partial', 'cache/archives/partial', 'debs'].map((dir) => mkdir(join(etc, dir), { recursive: true })),
  );
  const sourcesList = join(etc, 'sources.list');
  await writeFile(sourcesList, `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror()} sid main\n`);
  await writeFile(join(etc, 'status'), '');
  const config = [
    '-q',
    '-o', `Dir::Etc::sourcelist=${sourcesList}`,
    '-o', 'Dir::Etc::sourceparts=/dev/null',
    '-o', `Dir::State::Lists=${join(etc, 'lists')}`,
    '-o', `Dir::State::status=${join(etc, 'status')}`,
    '-o', `Dir::Cache=${join(etc, 'cache')}`,
    '-o', 'Dir::Etc::preferences=/dev/null',
    '-o', 'Dir::Etc::preferencesparts=/dev/null',
    // Downloads go into a folder of this user's: no sandbox user to hand them to.
    '-o', 'APT::Sandbox::User=root',
  ]; // prettier-ignore
  await apt(config, ['update']);
  await apt(config, ['download', ...PACKAGES, L10N], join(etc, 'debs'));

  const debs = await readdir(join(etc, 'debs'));
  /** @type {Record<string, string>} */
  const packages = {};
  const unpacked = join(work, 'root');
  const l10n = join(work, 'l10n');
  for (const name of [...PACKAGES, L10N]) {
    const deb = debs.find((file) => file.startsWith(`${name}_`) && file.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download brought no ${name} from Debian unstable`);
    packages[name] = decodeURIComponent(deb.split('_')[1]);
    await run('dpkg-deb', ['-x', join(etc, 'debs', deb), name === L10N ? l10n : unpacked]);
  }

  const wordpress = join(unpacked, 'usr/share/wordpress');
  const version = /\$wp_version\s*=\s*'([^']+)'/.exec(
    readFileSync(join(wordpress, 'wp-includes/version.php'), 'utf8'),
  )?.[1];
  if (!version?.startsWith(`${WORDPRESS_7}.`) && version !== WORDPRESS_7) {
    throw new Error(
      `Debian unstable has WordPress ${version ?? '(unknown)'} now, not ${WORDPRESS_7}: move the tests and the ` +
        `plugin's "Tested up to" to it (WORDPRESS_7 in scripts/wordpress-7.mjs)`,
    );
  }
  // The package's three absolute links: Apache's .htaccess (PHP's built-in server has no use for
  // it), and the CA bundle, which points at the system's own (an empty file where there is none:
  // the test sites fetch over plain http on loopback only).
  await unlink(join(wordpress, '.htaccess')).catch(() => undefined);
  const bundle = join(wordpress, 'wp-includes/certificates/ca-bundle.crt');
  if (!existsSync(bundle)) {
    await unlink(bundle).catch(() => undefined);
    await writeFile(bundle, '');
  }
  const dangling = await danglingLinks(wordpress);
  if (dangling.length) {
    throw new Error(
      `WordPress ${version} links to files no unpacked package has (a new dependency? PACKAGES in ` +
        `scripts/wordpress-7.mjs): ${dangling.slice(0, 10).join(', ')}`,
    );
  }

  const languageDir = join(l10n, 'usr/share/wordpress/wp-content/languages');
  const languages = join(work, 'languages');
  await mkdir(languages);
  for (const file of (await readdir(languageDir)).filter((file) => LANGUAGE_FILE.test(file))) {
    await rename(join(languageDir, file), join(languages, file));
  }
  await rm(l10n, { recursive: true, force: true });
  await rm(etc, { recursive: true, force: true });
  return { wordpress, languages, version, packages };
}

/**
 * WordPress 7.1 from Debian unstable, set up once in the cache folder. Throws with the reason when
 * it cannot be had (no apt-get, no network, a newer release in unstable).
 * @returns {Promise<WordPress7>}
 */
export async function wordpress7() {
  const target = join(CACHE, WORDPRESS_7);
  const ready = readSetUp(target);
  if (ready) return ready;
  await mkdir(CACHE, { recursive: true });
  const work = await mkdtemp(join(CACHE, `${WORDPRESS_7}.setting-up-`));
  try {
    const made = await setUp(work);
    // The paths as they will be once the folder has its name.
    const moved = {
      ...made,
      wordpress: join(target, relative(work, made.wordpress)),
      languages: join(target, relative(work, made.languages)),
    };
    await writeFile(join(work, 'ready.json'), `${JSON.stringify(moved, null, 2)}\n`);
    // Another process may have finished first: then its set-up is used, and this one goes.
    const theirs = readSetUp(target);
    if (theirs) return theirs;
    await rm(target, { recursive: true, force: true }); // what a set-up that died midway left
    await rename(work, target);
    return moved;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const start = Date.now();
  try {
    const setUpNow = await wordpress7();
    console.log(
      `WordPress ${setUpNow.version} (Debian ${setUpNow.packages.wordpress}) at ${setUpNow.wordpress}, ` +
        `Norwegian files at ${setUpNow.languages} (${Date.now() - start} ms)`,
    );
  } catch (error) {
    console.error(`scripts/wordpress-7.mjs: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
}
