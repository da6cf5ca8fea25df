// The custom-elements manifest that CMS plugins, IDEs and Storybook read (the npm package's
// "customElements", packages/ks-valgloftet/package.json): valid against the custom-elements-manifest
// schema, pointing at the file the package ships, and describing the whole public API and nothing
// private. `npm run build` writes it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const root = new URL('../../', import.meta.url);
const read = async (path) => JSON.parse(await readFile(new URL(path, root), 'utf8'));
const manifest = await read('dist/custom-elements.json');
const pkg = await read('packages/ks-valgloftet/package.json');
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ks-valgloftet');
const names = (list) => (list ?? []).map((item) => item.name);

test('is valid against the custom-elements-manifest schema', async () => {
  const schema = await read('node_modules/custom-elements-manifest/schema.json');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  assert.equal(pkg.customElements, 'dist/custom-elements.json');
});

test('points at the file the package ships, and only at it', () => {
  assert.deepEqual(
    manifest.modules.map((m) => m.path),
    ['dist/ks-valgloftet.js'],
  );
  assert.equal(pkg.exports['.'].default, './dist/ks-valgloftet.js');
  assert.ok(existsSync(fileURLToPath(new URL('dist/ks-valgloftet.js', root))));
  const exports = manifest.modules[0].exports.map((e) => `${e.kind} ${e.name} → ${e.declaration.module}`);
  assert.deepEqual(exports, [
    'js KsValgloftet → dist/ks-valgloftet.js',
    'custom-element-definition ks-valgloftet → dist/ks-valgloftet.js',
  ]);
});

test('describes the element: summary, description, slot, event', () => {
  assert.ok(element, 'no declaration for <ks-valgloftet>');
  assert.equal(element.name, 'KsValgloftet');
  assert.match(element.summary, /Valgløftet 2023/);
  assert.match(element.description, /bokmål or nynorsk/);
  assert.deepEqual(names(element.slots), ['body']);
  assert.deepEqual(names(element.events), ['ks-valgloftet-signed']);
  assert.match(element.events[0].description, /never a name or an address/);
});

test('lists the styling API the README documents', async () => {
  const readme = await readFile(new URL('docs/embedding.md', root), 'utf8');
  const readmeParts = [.../Parts for `::part\(\)`:([\s\S]*?)```/.exec(readme)[1].matchAll(/`([\w-]+)`/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(names(element.cssParts).sort(), readmeParts.sort());
  const readmeProperties = [...readme.matchAll(/^\| `(--ks-valgloftet-[\w-]+)`/gm)].map((m) => m[1]);
  assert.deepEqual(names(element.cssProperties), readmeProperties);
  for (const item of [...element.cssParts, ...element.cssProperties]) assert.ok(item.description, item.name);
});

test('documents every attribute, lang too, and every public member; nothing private', () => {
  assert.deepEqual(names(element.attributes), [
    'lang',
    'municipality',
    'campaign',
    'api',
    'no-counter',
    'no-form',
    'refresh-interval',
    'pledge-url',
    'podcast-url',
    'case-url',
  ]);
  for (const attribute of element.attributes) assert.ok(attribute.description, `attribute ${attribute.name}`);
  assert.deepEqual(names(element.members), [
    'api',
    'noCounter',
    'noForm',
    'refreshInterval',
    'pledgeUrl',
    'podcastUrl',
    'caseUrl',
    'municipality',
    'campaign',
    'resolvedLang',
    'refreshCount',
  ]);
  for (const member of element.members) {
    assert.ok(member.description, `member ${member.name}`);
    assert.notEqual(member.privacy, 'private', member.name);
  }
});
