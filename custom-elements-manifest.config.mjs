// The custom-elements manifest (dist/custom-elements.json) that CMS plugins, IDEs and Storybook
// read. It describes what the npm package (packages/ks-valgloftet/) ships: one file,
// dist/ks-valgloftet.js, that defines <ks-valgloftet>. The source's other modules are inside that
// bundle, not importable, so they are left out, and so are private members (#fields).
// test/node/manifest.test.mjs checks the result against the custom-elements-manifest schema.
const SHIPPED = 'dist/ks-valgloftet.js';

/** Keeps the element's class, re-homed in the shipped file, and nothing private. */
function shipWhatThePackageShips() {
  return {
    name: 'ks-valgloftet-shipped-module',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const element = manifest.modules
        .flatMap((module) => module.declarations ?? [])
        .find((declaration) => declaration.customElement && declaration.tagName === 'ks-valgloftet');
      if (!element) throw new Error('custom-elements manifest: the <ks-valgloftet> class was not found');
      element.members = (element.members ?? []).filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
      const declaration = { name: element.name, module: SHIPPED };
      manifest.modules = [
        {
          kind: 'javascript-module',
          path: SHIPPED,
          declarations: [element],
          exports: [
            { kind: 'js', name: element.name, declaration },
            { kind: 'custom-element-definition', name: element.tagName, declaration },
          ],
        },
      ];
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/generated/**'],
  outdir: 'dist',
  litelement: true,
  // packages/ks-valgloftet/package.json names the manifest; the root is the service's app.
  packagejson: false,
  plugins: [shipWhatThePackageShips()],
};
