// Builds dist/ks-valgloftet-wordpress.zip from integrations/wordpress/ks-valgloftet/, the plugin's
// files under ks-valgloftet/ as WordPress's installer expects, with what the build made for it:
// - the widget's files from dist/ (every file dist/manifest.json names: the first script, the form's
//   and the council's modules, the classic script, the loader) in assets/<build hash>/, and
//   assets/build.php naming that folder: the site serves the scripts itself (no code from
//   elsewhere, as WordPress's plugin directory requires), at an address that changes with them;
// - block/contrast.js and block/number-format.js, the builder's contrast check and the way it writes
//   a ratio (server/builder/contrast.js, contract/number-format.js) as they are, for the block's
//   colour settings: one source for both.
// Run after the rest of npm run build. Node alone: a minimal zip writer
// (deflate and CRC-32 from node:zlib), since there is no zip library among the dependencies
// and Debian's `zip` may be missing where CI runs. Entries are sorted and dated 1980-01-01, so the
// same sources give the same zip.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

// Another folder and zip may be named, e.g. to try a plugin core that is not committed yet.
const [SOURCE = 'integrations/wordpress/ks-valgloftet', OUT = 'dist/ks-valgloftet-wordpress.zip'] =
  process.argv.slice(2);
const FOLDER = 'ks-valgloftet';

/**
 * Every file under `dir`, as paths relative to it with forward slashes, sorted.
 * @param {string} dir
 */
function files(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} path */
  const walk = (path) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

// MS-DOS date and time of 1980-01-01 00:00: the earliest a zip can say.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A zip of `entries`: stored when deflate does not help, deflated else.
 * @param {{ name: string; data: Buffer }[]} entries
 */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: the name is UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // Extra, comment, disk, internal attributes: 0. External: -rw-r--r-- for Unix.
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What the build adds to the plugin's own files: the widget's files, the contrast check and its number formats. */
function built() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
  } catch (error) {
    throw new Error('dist/manifest.json is missing: run npm run build first (build:wordpress is its last step)', {
      cause: error,
    });
  }
  const hash = manifest.buildHash;
  const names = Object.keys(manifest.files).sort();
  if (!/^[0-9a-f]{8,64}$/.test(hash) || !names.includes('ks-valgloftet-loader.js')) {
    throw new Error('dist/manifest.json has no build hash or no loader: run npm run build');
  }
  const php =
    `<?php\n// Written by scripts/build-wordpress.mjs: the folder of this build's widget files.\n` +
    `defined( 'ABSPATH' ) || exit;\n\nreturn array(\n\t'hash'  => '${hash}',\n\t'files' => array(\n` +
    names.map((name) => `\t\t'${name}',\n`).join('') +
    `\t),\n);\n`;
  return [
    ...names.map((name) => ({ name: `assets/${hash}/${name}`, data: readFileSync(join('dist', name)) })),
    { name: 'assets/build.php', data: Buffer.from(php) },
    { name: 'block/contrast.js', data: readFileSync('server/builder/contrast.js') },
    { name: 'block/number-format.js', data: readFileSync('contract/number-format.js') },
  ];
}

const entries = [...files(SOURCE).map((name) => ({ name, data: readFileSync(join(SOURCE, name)) })), ...built()]
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  .map(({ name, data }) => ({ name: `${FOLDER}/${name}`, data }));
mkdirSync(dirname(OUT), { recursive: true });
const archive = zip(entries);
writeFileSync(OUT, archive);
console.log(`${OUT}: ${entries.length} files, ${archive.length} bytes (${(archive.length / 1024).toFixed(1)} KiB)`);
