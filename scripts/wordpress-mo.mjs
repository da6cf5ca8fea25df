// Compiles the WordPress plugin's translations, integrations/wordpress/ks-valgloftet/languages/*.po,
// into the .mo files WordPress loads (GNU gettext's binary format) with gettext-parser, so no
// gettext tools are needed: `node scripts/wordpress-mo.mjs`. The .mo files are committed;
// test/node/wordpress-mo.test.mjs checks that they are what this script makes of the .po files.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { mo, po } from 'gettext-parser';

export const LANGUAGES = new URL('../integrations/wordpress/ks-valgloftet/languages/', import.meta.url);

/**
 * A .po file as gettext-parser reads it, with its fuzzy messages left out, as msgfmt leaves them out.
 * @param {string} text
 */
function readPo(text) {
  const table = po.parse(text);
  const fuzzy = (/** @type {import('gettext-parser').GetTextTranslation} */ message) =>
    /\bfuzzy\b/.test(message.comments?.flag ?? '');
  for (const [name, context] of Object.entries(table.translations)) {
    table.translations[name] = Object.fromEntries(Object.entries(context).filter(([, message]) => !fuzzy(message)));
  }
  return table;
}

/**
 * @typedef {object} Message
 * @property {string} [context]
 * @property {string} id
 * @property {string} [plural]
 * @property {string[]} strings
 */

/**
 * The messages of a .po file, the header (id '') first, fuzzy ones left out.
 * @param {string} text
 * @returns {Message[]}
 */
export function parsePo(text) {
  return Object.values(readPo(text).translations).flatMap((context) =>
    Object.values(context).map((message) => ({
      ...(message.msgctxt === undefined ? {} : { context: message.msgctxt }),
      id: message.msgid,
      ...(message.msgid_plural === undefined ? {} : { plural: message.msgid_plural }),
      strings: message.msgstr,
    })),
  );
}

/**
 * A .mo file's bytes for a .po file's text; untranslated messages are left out.
 * @param {string} text
 */
export const compileMo = (text) => mo.compile(readPo(text));

/** The .po files in the plugin's languages folder, as URLs. */
export async function poFiles() {
  return (await readdir(LANGUAGES))
    .filter((name) => name.endsWith('.po'))
    .sort()
    .map((name) => new URL(name, LANGUAGES));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const po of await poFiles()) {
    const mo = new URL(po.href.replace(/\.po$/, '.mo'));
    await writeFile(mo, compileMo(await readFile(po, 'utf8')));
    console.log(`wrote ${fileURLToPath(mo)}`);
  }
}
