// The build's message-id shortening (vite.config.ts) fails the build whenever the two sides of a
// lookup would not meet; otherwise nynorsk readers would silently get bokmål with a green build.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { shortMessageIds } from '../../vite.config.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-message-ids-'));
const xliff = join(dir, 'nn.xlf');
writeFileSync(xliff, '<trans-unit id="call.heading"></trans-unit>\n<trans-unit id="count.unavailable"></trans-unit>\n');

const SOURCE = [
  '/app/src/element.ts',
  "msg('Oppfordring', { id: 'call.heading' }); msg('Ikke nå', { id: \"count.unavailable\" });",
];
const TABLE = [
  '/app/src/generated/locales/nn.ts',
  'export const templates = {\n  \'call.heading\': `Oppmoding`,\n"count.unavailable": `Ikkje no`,\n};',
];

/** Runs the plugin over the given modules, as a build would; returns what each became. */
function build(...modules) {
  return buildWith([], ...modules);
}

/** The same, for a build that can count on the ids in `alsoLoaded` (the form's, on the first script's table). */
function buildWith(alsoLoaded, ...modules) {
  const plugin = shortMessageIds(xliff, alsoLoaded);
  const context = {
    error(message) {
      throw new Error(message);
    },
  };
  plugin.buildStart.call(context);
  const out = modules.map(([id, code]) => plugin.transform.call(context, code, id)?.code ?? code);
  plugin.buildEnd.call(context);
  return out;
}

test('both sides get the same short token for each id', () => {
  const [source, table] = build(SOURCE, TABLE);
  assert.equal(source, "msg('Oppfordring', { id:'0' }); msg('Ikke nå', { id:'1' });");
  assert.match(table, /^ {2}'0': `Oppmoding`,$/m);
  assert.match(table, /^'1': `Ikkje no`,$/m);
});

test('the build fails when the nynorsk table was not shortened', () => {
  assert.throws(() => build(SOURCE), /call\.heading: not found in the nynorsk table/);
});

test('the build fails when the source was not shortened', () => {
  assert.throws(() => build(TABLE), /count\.unavailable: in the table, not found in src/);
});

test('the build fails when one id is missing on one side', () => {
  const [id, code] = TABLE;
  assert.throws(
    () => build(SOURCE, [id, code.replace(/^"count.*$/m, '')]),
    /count\.unavailable: not found in the nynorsk table/,
  );
  const [sid, scode] = SOURCE;
  assert.throws(
    () => build([sid, scode.replace(/msg\('Ikke.*$/, '')], TABLE),
    /count\.unavailable: in the table, not found in src/,
  );
});

test('the build fails on an id that locales/nn.xlf does not know, on either side', () => {
  const [sid, scode] = SOURCE;
  assert.throws(
    () => build([sid, `${scode} msg('Ny', { id: 'call.new' });`], TABLE),
    /unknown message id call\.new \(source/,
  );
  const [id, code] = TABLE;
  assert.throws(
    () => build(SOURCE, [id, code.replace('};', "'call.new': `Ny`,\n};")]),
    /unknown message id call\.new \(table/,
  );
});

test("the form's build may use the first script's ids, which its own table lacks, and no others", () => {
  const [id, code] = TABLE;
  const formTable = [id.replace('nn.ts', 'nn-form.ts'), code.replace(/^"count.*$/m, '')];
  const formSource = [
    '/app/src/signing/form.ts',
    "msg('Oppfordring', { id: 'call.heading' }); msg('Ikke nå', { id: 'count.unavailable' });",
  ];
  assert.doesNotThrow(() => buildWith(['count.unavailable'], formSource, formTable));
  assert.throws(() => buildWith([], formSource, formTable), /count\.unavailable: not found in the nynorsk table/);
});
