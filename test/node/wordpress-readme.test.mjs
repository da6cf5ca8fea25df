// The WordPress plugin's readme.txt and header say what is true and what WordPress's plugin
// directory asks (its readme parser and Plugin Check read the same fields): the name and the
// versions agree with the plugin's header, "Tested up to" is the release the tests run on (7.1),
// "Requires at least" the oldest they run on (6.1), and "External services" says what goes where,
// with KS's privacy statement and its page about the pledge.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { DEFAULT_PLEDGE_URL } from '../../contract/links.ts';
import { WORDPRESS_7 } from '../../scripts/wordpress-7.mjs';

const PLUGIN = new URL('../../integrations/wordpress/ks-valgloftet/', import.meta.url);
const readme = await readFile(new URL('readme.txt', PLUGIN), 'utf8');
const main = await readFile(new URL('ks-valgloftet.php', PLUGIN), 'utf8');
const { WORDPRESS_6 } = await import('../wordpress/wordpress.ts');
const { configFromEnv } = await import('../../server/config.ts');

/** The readme's header fields (`Name: value` lines before the first section). */
const fields = Object.fromEntries(
  [...readme.split('\n== ')[0].matchAll(/^([A-Za-z ]+):\s*(.+)$/gm)].map((m) => [m[1].trim(), m[2].trim()]),
);
/** The plugin file's header (` * Name: value`). */
const header = Object.fromEntries(
  [...main.matchAll(/^ \* ([A-Za-z ]+):\s*(.+)$/gm)].map((m) => [m[1].trim(), m[2].trim()]),
);
/** A section's text, by its title. */
const section = (title) => readme.split(`\n== ${title} ==\n`)[1]?.split('\n== ')[0] ?? '';

test('the readme and the plugin header agree: name, versions, licence', () => {
  assert.equal(/^=== (.+) ===$/m.exec(readme)?.[1], header['Plugin Name']);
  assert.equal(fields['Stable tag'], header.Version);
  assert.match(main, new RegExp(`define\\( 'KS_VALGLOFTET_VERSION', '${header.Version.replace(/\./g, '\\.')}' \\);`));
  assert.equal(fields['Requires at least'], header['Requires at least']);
  assert.equal(fields['Requires PHP'], header['Requires PHP']);
  assert.equal(fields.License, header.License);
  assert.equal(fields['License URI'], header['License URI']);
  assert.equal(header['Text Domain'], 'ks-valgloftet');
});

test('"Tested up to" is the release the tests run on, "Requires at least" the oldest they run on', () => {
  assert.equal(fields['Tested up to'], WORDPRESS_7);
  assert.equal(fields['Requires at least'], WORDPRESS_6.version);
});

test('the short description and the tags are within what the directory shows', () => {
  const short = readme.split('\n\n')[1]?.trim() ?? '';
  assert.ok(short.length > 0 && short.length <= 150, `${short.length} characters: ${short}`);
  assert.ok(fields.Tags.split(',').length <= 5, fields.Tags);
});

test('"External services" names the service, what is sent when, and KS\'s privacy and pledge pages', () => {
  const services = section('External services');
  assert.ok(services, 'the section is there');
  for (const path of ['/api/count', '/api/markup', '/api/municipalities', '/api/privacy', '/api/signatures']) {
    assert.ok(services.includes(`\`${path}\``), `${path} is named`);
  }
  assert.ok(services.includes(configFromEnv({}).privacyUrl), "KS's privacy statement, as the form links it");
  assert.ok(services.includes(DEFAULT_PLEDGE_URL), "KS's page about the pledge");
});
