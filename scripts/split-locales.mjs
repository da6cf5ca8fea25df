// Splits lit-localize's nynorsk table in four, after `lit-localize build`: the messages the first
// script shows stay in src/generated/locales/nn.ts; those only the signing form shows (every use of
// the id is under src/signing/) move to nn-form.ts, which travels with the lazily loaded form
// module, those only a council's own lines show (under src/local/) to nn-local.ts, with theirs, and
// those only a campaign's module shows (under src/campaign/) to nn-campaign.ts.
// An id used in more than one place stays in the first script's table, so a nynorsk reader never
// sees bokmål for want of a module. Fails when locales/nn.xlf has an id no source file uses.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TABLE = join(root, 'src/generated/locales/nn.ts');
const FORM_TABLE = join(root, 'src/generated/locales/nn-form.ts');
const LOCAL_TABLE = join(root, 'src/generated/locales/nn-local.ts');
const CAMPAIGN_TABLE = join(root, 'src/generated/locales/nn-campaign.ts');

/**
 * Every .ts file under src/, except the generated ones.
 * @returns {string[]}
 */
function sources(dir = join(root, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Message id → the files (relative to src/) that use it.
 * @param {string[]} files
 */
function usesOf(files) {
  /** @type {Map<string, string[]>} */
  const uses = new Map();
  for (const file of files) {
    const where = relative(join(root, 'src'), file).split(sep).join('/');
    for (const [, , id] of readFileSync(file, 'utf8').matchAll(/\bid:\s*(['"`])([\w.-]+)\1/g)) {
      uses.set(id, [...(uses.get(id) ?? []), where]);
    }
  }
  return uses;
}

/**
 * Whether an id belongs to one lazily loaded module alone (its folder under src/).
 * @param {string} folder
 * @returns {(files: string[]) => boolean}
 */
const only = (folder) => (files) => files.length > 0 && files.every((file) => file.startsWith(`${folder}/`));
const formOnly = only('signing');
const localOnly = only('local');
const campaignOnly = only('campaign');

/**
 * The entries of a generated table, in order: [id, the whole line(s) of the entry].
 * @param {string} table
 */
function entries(table) {
  const start = table.indexOf('export const templates = {');
  const end = table.lastIndexOf('};');
  if (start < 0 || end < start) throw new Error('nn.ts: not the table lit-localize writes');
  const body = table.slice(start + 'export const templates = {'.length, end);
  const list = [...body.matchAll(/^\s*'([\w.-]+)':\s*(`(?:[^`\\]|\\.)*`),?\s*$/gm)].map(
    (m) => /** @type {[string, string]} */ ([m[1], m[2]]),
  );
  return { head: table.slice(0, start), list };
}

/** @param {string} head @param {string} name @param {[string, string][]} list */
const write = (head, name, list) =>
  `${head}export const ${name} = {\n${list.map(([id, text]) => `  '${id}': ${text},`).join('\n')}\n};\n`;

const uses = usesOf(sources());
const xliff = [...readFileSync(join(root, 'locales/nn.xlf'), 'utf8').matchAll(/<trans-unit id="([^"]+)"/g)];
const stale = xliff.map((m) => m[1]).filter((id) => !uses.has(id));
if (stale.length) {
  console.error(`locales/nn.xlf has ids no file in src/ uses (run npm run localize:extract):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
const table = readFileSync(TABLE, 'utf8');
if (table.includes('nn-form.ts')) process.exit(0); // split already
const { head, list } = entries(table);
if (list.length !== xliff.length) {
  console.error(`nn.ts: read ${list.length} messages, locales/nn.xlf has ${xliff.length}`);
  process.exit(1);
}
const form = list.filter(([id]) => formOnly(uses.get(id) ?? []));
const local = list.filter(([id]) => localOnly(uses.get(id) ?? []));
const campaign = list.filter(([id]) => campaignOnly(uses.get(id) ?? []));
const page = list.filter(([id]) => ![formOnly, localOnly, campaignOnly].some((only) => only(uses.get(id) ?? [])));
/** @param {string} what */
const note = (what) => `// Split by scripts/split-locales.mjs: ${what}.\n`;
writeFileSync(
  TABLE,
  note("the form's own messages are in nn-form.ts, a council's lines' in nn-local.ts, a campaign's in nn-campaign.ts") +
    write(head, 'templates', page),
);
writeFileSync(FORM_TABLE, note("the form's own messages here; the rest in nn.ts") + write(head, 'templates', form));
writeFileSync(
  LOCAL_TABLE,
  note("the messages of a council's own lines here; the rest in nn.ts") + write(head, 'templates', local),
);
writeFileSync(
  CAMPAIGN_TABLE,
  note("the messages of a campaign's own module here; the rest in nn.ts") + write(head, 'templates', campaign),
);
console.log(
  `nynorsk messages: ${page.length} in the first script, ${form.length} with the form, ${local.length} with a council's lines, ${campaign.length} with a campaign's module`,
);
