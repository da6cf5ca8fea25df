// The built files: the two first scripts (self-contained but for the form module they import on
// intent, both languages of the pledge inside) and the form module (no imports at all: it takes the
// first script's Lit), each within its size budget.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BUDGETS } from '../../scripts/budgets.mjs';

const read = (file) => readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

for (const [file, budget] of Object.entries(BUDGETS)) {
  test(`${file} fits the size budget of ${budget / 1024} KB gzip`, async () => {
    const code = await readFile(new URL(`../../dist/${file}`, import.meta.url)); // bytes, not characters
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`${file}: ${code.length} bytes, ${gzip} bytes gzip, budget ${budget} bytes gzip`);
    assert.ok(gzip <= budget, `${file} is ${gzip} bytes gzip, over its budget of ${budget}`);
  });
}

for (const file of ['ks-valgloftet.js', 'ks-valgloftet.iife.js']) {
  test(`${file} carries the pledge in both languages and imports only the form module`, async () => {
    const code = await read(file);
    assert.doesNotMatch(code, /(^|[;}\s])import\s*[\w{*'"`]/, 'no static import');
    assert.equal(code.match(/\bimport\s*\(/g)?.length, 1, 'one dynamic import: the form module');
    assert.match(code, /(["'`])(\.\/)?ks-valgloftet-form\.js(\?no-inline)?\1/);
    if (file === 'ks-valgloftet.js') {
      // The pattern a site's bundler recognises and copies beside its build (test/e2e/package.test.ts).
      for (const later of ['ks-valgloftet-form.js', 'ks-valgloftet-local.js']) {
        assert.ok(code.includes(`new URL("./${later}?no-inline",import.meta.url)`), `${later} named for bundlers`);
      }
    }
    assert.match(code, /Hør podkast om Valgløftet 2023/);
    assert.match(code, /Høyr podkast om Valgløftet 2023/);
    assert.match(code, /createPolicy\(["'`]ks-valgloftet/, "Lit's Trusted Types policy is renamed");
    assert.doesNotMatch(code, /Skriv e-postadressen din|autocomplete/, 'the form is not in the first script');
  });
}

test('ks-valgloftet-form.js is the form alone: no imports, no Lit, no pledge, its nynorsk inside', async () => {
  const code = await read('ks-valgloftet-form.js');
  assert.doesNotMatch(code, /(^|[;}\s])import\s*[\w{*'"`]|\bimport\s*\(/, 'no static or dynamic import');
  assert.doesNotMatch(code, /createPolicy|lit\$\d|_\$litType\$/, 'no second copy of Lit');
  assert.doesNotMatch(code, /Hør podkast/, 'the pledge stays in the first script');
  assert.match(code, /Skriv e-postadressen din/);
  assert.match(code, /Skriv e-postadressa di/);
});
