// Compiles the WordPress plugin's translations, integrations/wordpress/ks-valgloftet/languages/*.po,
// into the .mo files WordPress loads (GNU gettext's binary format), without gettext's tools:
// `node scripts/wordpress-mo.mjs`. The .mo files are committed; test/node/wordpress-mo.test.mjs
// checks that they are what this script makes of the .po files.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const LANGUAGES = new URL('../integrations/wordpress/ks-valgloftet/languages/', import.meta.url);

/** A PO string literal's value: "…" with C escapes. */
function unquote(literal, where) {
  if (!/^".*"$/.test(literal)) throw new Error(`${where}: expected a quoted string, got ${literal}`);
  return literal
    .slice(1, -1)
    .replace(
      /\\(["\\ntr]|[0-7]{1,3})/g,
      (_, c) => ({ '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' })[c] ?? String.fromCharCode(parseInt(c, 8)),
    );
}

/**
 * The messages of a .po file, in the order of the file: { context?, id, plural?, strings[] }.
 * Fuzzy entries are left out, as msgfmt leaves them out.
 * @param {string} text
 */
export function parsePo(text) {
  const entries = [];
  let entry;
  let field;
  let fuzzy = false;
  const finish = () => {
    if (entry && !entry.fuzzy) {
      delete entry.fuzzy;
      entries.push(entry);
    }
    entry = undefined;
    field = undefined;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `line ${index + 1}`;
    if (line === '') return finish();
    if (line.startsWith('#')) {
      if (entry && field) finish();
      if (line.startsWith('#,') && /\bfuzzy\b/.test(line)) fuzzy = true;
      return;
    }
    const match = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/.exec(line);
    if (match) {
      const [, keyword, n, literal] = match;
      if (keyword === 'msgctxt' || (keyword === 'msgid' && (!entry || field !== 'context'))) {
        if (entry && field !== 'context') finish();
        entry ??= { strings: [], fuzzy };
        fuzzy = false;
      }
      if (!entry) throw new Error(`${where}: ${keyword} without msgid`);
      const value = unquote(literal, where);
      if (keyword === 'msgctxt') field = 'context';
      else if (keyword === 'msgid') field = 'id';
      else if (keyword === 'msgid_plural') field = 'plural';
      else field = `s${n ?? 0}`;
      if (field.startsWith('s')) entry.strings[Number(field.slice(1))] = value;
      else entry[field] = value;
      return;
    }
    if (line.startsWith('"') && entry && field) {
      const value = unquote(line, where);
      if (field.startsWith('s')) entry.strings[Number(field.slice(1))] += value;
      else entry[field] += value;
      return;
    }
    throw new Error(`${where}: cannot read ${line}`);
  });
  finish();
  return entries;
}

/**
 * A .mo file's bytes (little-endian, no hash table) for a .po file's text. Untranslated messages
 * are left out; the header (msgid "") is kept.
 * @param {string} text
 */
export function compileMo(text) {
  const pairs = parsePo(text)
    .filter((e) => e.strings.length > 0 && e.strings.every((s) => s !== undefined && (s !== '' || e.id === '')))
    .map((e) => ({
      key: Buffer.from(
        (e.context === undefined ? '' : `${e.context}\u0004`) + e.id + (e.plural === undefined ? '' : `\0${e.plural}`),
      ),
      value: Buffer.from(e.strings.join('\0')),
    }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const count = pairs.length;
  const headerSize = 28;
  const originals = headerSize;
  const translations = originals + count * 8;
  let offset = translations + count * 8;
  const table = Buffer.alloc(offset);
  table.writeUInt32LE(0x950412de, 0);
  table.writeUInt32LE(0, 4);
  table.writeUInt32LE(count, 8);
  table.writeUInt32LE(originals, 12);
  table.writeUInt32LE(translations, 16);
  table.writeUInt32LE(0, 20);
  table.writeUInt32LE(offset, 24);
  const data = [];
  for (const [column, pick] of [
    [originals, (p) => p.key],
    [translations, (p) => p.value],
  ]) {
    pairs.forEach((pair, i) => {
      const bytes = pick(pair);
      table.writeUInt32LE(bytes.length, column + i * 8);
      table.writeUInt32LE(offset, column + i * 8 + 4);
      data.push(bytes, Buffer.alloc(1));
      offset += bytes.length + 1;
    });
  }
  return Buffer.concat([table, ...data]);
}

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
