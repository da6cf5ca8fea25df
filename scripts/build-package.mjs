// Fills the npm package a site installs (packages/ks-valgloftet/, whose package.json and README are
// committed) from dist/: the two first scripts, the modules they load on intent, the manifest, the
// reserve stylesheet, the type declarations the entry reaches, and the LICENSE. Nothing of the
// service. `npm run build` runs it, and `npm pack` in the package again (prepack). It fails when a
// file is missing, when the package's version is not the root's, or when a declaration imports a
// package: the script carries its own Lit, so the package has no dependencies, and its types must
// need none either (src/public-types.ts).
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = new URL('../', import.meta.url);
const pkg = new URL('packages/ks-valgloftet/', root);
/** @param {URL} url */
const path = (url) => fileURLToPath(url);

/** What a site needs, from dist/ (or from elsewhere in the repository), to the package's dist/. */
const FILES = {
  'ks-valgloftet.js': 'dist/ks-valgloftet.js',
  'ks-valgloftet.iife.js': 'dist/ks-valgloftet.iife.js',
  'ks-valgloftet-form.js': 'dist/ks-valgloftet-form.js',
  'ks-valgloftet-local.js': 'dist/ks-valgloftet-local.js',
  'ks-valgloftet-campaign.js': 'dist/ks-valgloftet-campaign.js',
  'custom-elements.json': 'dist/custom-elements.json',
  'ks-valgloftet-reserve.css': 'embed/ks-valgloftet-reserve.css',
};
const TYPES_ENTRY = 'src/ks-valgloftet.d.ts';

/** @param {URL} dir @returns {Promise<string>} */
const version = async (dir) => JSON.parse(await readFile(new URL('package.json', dir), 'utf8')).version;
const [ours, theirs] = await Promise.all([version(root), version(pkg)]);
if (ours !== theirs) {
  throw new Error(`packages/ks-valgloftet/package.json says ${theirs}, the root ${ours}: give both the same version`);
}

/** The declarations the entry reaches through relative imports; a package import is an error. */
async function declarations() {
  /** @type {Set<string>} */
  const found = new Set();
  /** @param {string} file */
  const visit = async (file) => {
    if (found.has(file)) return;
    found.add(file);
    const text = await readFile(new URL(`dist/types/${file}`, root), 'utf8');
    for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!spec.startsWith('.')) {
        throw new Error(`dist/types/${file} imports ${spec}: the package's types must need no other package`);
      }
      const target = new URL(spec.replace(/\.js$/, '.d.ts'), new URL(file, 'file:///'));
      await visit(target.pathname.slice(1));
    }
  };
  await visit(TYPES_ENTRY);
  return [...found];
}

/** @param {URL} from @param {URL} to */
const copy = async (from, to) => {
  await mkdir(dirname(path(to)), { recursive: true });
  await copyFile(path(from), path(to)).catch((error) => {
    throw new Error(`${path(from)} is missing: run npm run build first (${error.code})`);
  });
};

await rm(new URL('dist/', pkg), { recursive: true, force: true });
const types = await declarations();
await Promise.all([
  ...Object.entries(FILES).map(([name, from]) => copy(new URL(from, root), new URL(`dist/${name}`, pkg))),
  ...types.map((file) => copy(new URL(`dist/types/${file}`, root), new URL(`dist/types/${file}`, pkg))),
  copy(new URL('LICENSE', root), new URL('LICENSE', pkg)),
]);
console.log(
  `packages/ks-valgloftet/: ${Object.keys(FILES).length} files and ${types.length} declarations, version ${ours}`,
);
