// The WordPress plugin's translations: the committed .mo files are what scripts/wordpress-mo.mjs
// makes of the .po files now, every string the plugin's PHP and its block's script translate is
// translated, and hunspell knows every word of the translations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { compileMo, parsePo, poFiles } from '../../scripts/wordpress-mo.mjs';
import { hasTool } from './tools.mjs';
import { allowedWords, unknownWords } from './hunspell.mjs';

const PLUGIN = new URL('../../integrations/wordpress/ks-valgloftet/', import.meta.url);

/** The single-quoted strings given to __(), esc_html__(), esc_html_e() … with the plugin's text domain. */
async function sourceStrings() {
  const files = (await readdir(PLUGIN, { recursive: true })).filter((name) => name.endsWith('.php'));
  const strings = new Set();
  for (const name of files) {
    const php = await readFile(new URL(name, PLUGIN), 'utf8');
    for (const m of php.matchAll(
      /\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)',\s*'ks-valgloftet'\s*\)/g,
    )) {
      strings.add(m[1].replace(/\\(['\\])/g, '$1'));
    }
  }
  return strings;
}

test('the committed .mo files equal a fresh compile of the .po files', async () => {
  const pos = await poFiles();
  assert.deepEqual(
    pos.map((url) => url.pathname.split('/').at(-1)),
    ['ks-valgloftet-nb_NO.po', 'ks-valgloftet-nn_NO.po'],
  );
  for (const po of pos) {
    const committed = await readFile(new URL(po.href.replace(/\.po$/, '.mo')));
    assert.ok(
      compileMo(await readFile(po, 'utf8')).equals(committed),
      `${po.pathname} and its .mo differ: run node scripts/wordpress-mo.mjs`,
    );
  }
});

test('every string the plugin translates is translated in nb_NO and nn_NO', async () => {
  const wanted = await sourceStrings();
  assert.ok(wanted.size >= 5, `found only ${wanted.size} strings in the PHP`);
  for (const po of await poFiles()) {
    const translated = new Map(parsePo(await readFile(po, 'utf8')).map((e) => [e.id, e.strings[0]]));
    for (const id of wanted) assert.ok(translated.get(id), `${po.pathname.split('/').at(-1)} lacks: ${id}`);
    // Placeholders survive translation.
    for (const [id, str] of translated) {
      if (id) assert.equal((str.match(/%s/g) ?? []).length, (id.match(/%s/g) ?? []).length, `placeholders in ${str}`);
    }
  }
});

test('GNU gettext reads the .mo files back as the .po files say, when msgunfmt is installed', async (t) => {
  if (!hasTool(t, 'msgunfmt', 'gettext')) return;
  for (const po of await poFiles()) {
    const run = spawnSync('msgunfmt', [new URL(po.href.replace(/\.po$/, '.mo')).pathname], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const back = new Map(parsePo(run.stdout).map((e) => [e.id, e.strings[0]]));
    for (const e of parsePo(await readFile(po, 'utf8'))) assert.equal(back.get(e.id), e.strings[0]);
  }
});

/** The block script's messages: the strings it gives to __() with the plugin's text domain. */
async function blockStrings() {
  const js = await readFile(new URL('block/index.js', PLUGIN), 'utf8');
  return new Set(
    [...js.matchAll(/\b__\(\s*'((?:[^'\\]|\\.)*)',\s*'ks-valgloftet',?\s*\)/g)].map((m) => m[1].replace(/\\'/g, "'")),
  );
}

/** A language's JSON for the block's script (WordPress's wp_set_script_translations()). */
const scriptJson = async (locale) =>
  JSON.parse(
    await readFile(new URL(`languages/ks-valgloftet-${locale}-ks-valgloftet-editor-script.json`, PLUGIN), 'utf8'),
  ).locale_data.messages;

test("every string the block's sidebar translates is translated in nb_NO's and nn_NO's JSON", async () => {
  const wanted = await blockStrings();
  assert.ok(wanted.size >= 20, `found only ${wanted.size} strings in block/index.js`);
  for (const locale of ['nb_NO', 'nn_NO']) {
    const messages = await scriptJson(locale);
    for (const id of wanted) assert.ok(messages[id]?.[0], `${locale}'s JSON lacks: ${id}`);
  }
});

/** Words of the plugin's own that the dictionaries lack, each right. */
const PLUGIN_WORDS = [
  'SSB', // Statistics Norway, whose codes name the councils
  'WCAG', // the accessibility standard, and its level
  'AA',
  'localhost', // an address, in the settings' refusal
  'IP', // as in "IP-adressen", the privacy policy's text
  'informasjonskapsler', // "cookies", as Datatilsynet and Språkrådet write it (Bokmålsordboka)
  'informasjonskapslar', // the same in nynorsk (Nynorskordboka)
  'Uthevingsfarge', // the builder's words for the accent colour (test/node/builder-spelling.test.mjs)
  'Framhevingsfarge',
];

test("the plugin's translations are spelled right: bokmål with nb_NO, nynorsk with nn_NO", async () => {
  for (const [locale, lang] of [
    ['nb_NO', 'nb'],
    ['nn_NO', 'nn'],
  ]) {
    const po = parsePo(await readFile(new URL(`languages/ks-valgloftet-${locale}.po`, PLUGIN), 'utf8'));
    const texts = [
      ...po.filter((e) => e.id).map((e) => e.strings[0]),
      ...Object.entries(await scriptJson(locale))
        .filter(([id]) => id)
        .map(([, [text]]) => text),
    ]
      // Code and placeholders are not words: a shortcode, an address, a colour, %s.
      .map((text) => text.replace(/\[[^\]]*\]|https?:\/\/\S+|\/api\/\S+|#rrggbb|%(\d\$)?s/g, ' '));
    const ok = await allowedWords(lang, PLUGIN_WORDS);
    assert.deepEqual(
      unknownWords(locale, texts.join('\n')).filter((word) => !ok.has(word)),
      [],
      locale,
    );
  }
});
