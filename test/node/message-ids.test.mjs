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
  const plugin = shortMessageIds(xliff);
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
  assert.throws(() => build(TABLE), /count\.unavailable: not found in src/);
});

test('the build fails when one id is missing on one side', () => {
  const [id, code] = TABLE;
  assert.throws(
    () => build(SOURCE, [id, code.replace(/^"count.*$/m, '')]),
    /count\.unavailable: not found in the nynorsk table/,
  );
  const [sid, scode] = SOURCE;
  assert.throws(() => build([sid, scode.replace(/msg\('Ikke.*$/, '')], TABLE), /count\.unavailable: not found in src/);
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
