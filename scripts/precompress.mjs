// npm run build:compress (the last step of npm run build): every widget file in dist/ (each
// top-level dist/ks-valgloftet*.js) gets a brotli (.br, quality 11) and a gzip (.gz, level 9) copy
// beside it, and dist/manifest.json names each file's sizes and its Subresource Integrity hash,
// and one build hash over all of them: the service serves the build at /v/<build hash>/<file>.
// One hash per build, not per file: the first script loads the form module by a URL relative to
// its own, so both must sit under the same versioned path.
// The manifest's shape and the compression are the service's (server/widget/manifest.js,
// server/http/compression.js): it serves what this writes, and compresses its own pages alike.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressForms } from '../server/http/compression.js';
import { WIDGET_FILE, integrity } from '../server/widget/manifest.js';

/** @typedef {import('../server/widget/manifest.js').Manifest} Manifest */

/**
 * The widget files in a folder, sorted by name.
 * @param {string} dir
 */
export async function widgetFiles(dir) {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && WIDGET_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * A short hex hash over every file's name and bytes together: it changes when any file changes,
 * is added, removed or renamed, and not otherwise (the order the files are given in does not count).
 * @param {{ name: string; bytes: Uint8Array }[]} files
 */
export function buildHash(files) {
  const hash = createHash('sha256');
  for (const { name, bytes } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    // Length-prefixed, so that no two different sets of files hash the same bytes.
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Writes `<file>.br`, `<file>.gz` and `manifest.json` in `dir`, removes compressed copies whose
 * file is gone, and returns the manifest.
 * @param {string} dir
 * @returns {Promise<Manifest>}
 */
export async function precompress(dir) {
  const names = await widgetFiles(dir);
  if (names.length === 0) throw new Error(`No widget files (ks-valgloftet*.js) in ${dir}: run the build first`);
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
  const hash = buildHash(files);
  /** @type {Manifest} */
  const manifest = { buildHash: hash, files: {} };
  for (const { name, bytes } of files) {
    const { br, gzip: gz } = compressForms(bytes);
    await writeFile(join(dir, `${name}.br`), br);
    await writeFile(join(dir, `${name}.gz`), gz);
    manifest.files[name] = {
      bytes: bytes.length,
      gzip: gz.length,
      brotli: br.length,
      integrity: integrity(bytes),
      path: `/v/${hash}/${name}`,
    };
  }
  for (const entry of await readdir(dir)) {
    const source = /^(.*)\.(br|gz)$/.exec(entry)?.[1];
    if (source && WIDGET_FILE.test(source) && !names.includes(source)) await rm(join(dir, entry));
  }
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The table `npm run build` prints.
 * @param {Manifest} manifest
 */
export function table(manifest) {
  const rows = [
    ['file', 'bytes', 'gzip', 'brotli', 'versioned path', 'integrity'],
    ...Object.entries(manifest.files).map(([name, f]) => [
      name,
      String(f.bytes),
      String(f.gzip),
      String(f.brotli),
      f.path,
      f.integrity,
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  /** @param {string[]} r */
  const line = (r) =>
    r.map((cell, i) => (i >= 1 && i <= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return [line(rows[0]), ...rows.slice(1).map(line)].join('\n').replace(/ +$/gm, '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await precompress(fileURLToPath(new URL('../dist/', import.meta.url)));
  console.log(`\nWidget files, build ${manifest.buildHash} (dist/manifest.json):\n\n${table(manifest)}\n`);
}
