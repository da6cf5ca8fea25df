// The built single files: self-contained, both languages inside, within the size budget.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BUDGET_GZIP_BYTES } from '../../scripts/budgets.mjs';
const files = ['ks-valgloftet.js', 'ks-valgloftet.iife.js'];

for (const file of files) {
  const read = () => readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

  test(`${file} fits the size budget of ${BUDGET_GZIP_BYTES / 1024} KB gzip`, async () => {
    const code = await readFile(new URL(`../../dist/${file}`, import.meta.url)); // bytes, not characters
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`${file}: ${code.length} bytes, ${gzip} bytes gzip`);
    assert.ok(gzip <= BUDGET_GZIP_BYTES, `${file} is ${gzip} bytes gzip, over the budget`);
  });

  test(`${file} is self-contained and carries both languages`, async () => {
    const code = await read();
    assert.doesNotMatch(code, /(^|[;}\s])import\s*[\w{*'"`]|\bimport\s*\(/, 'no static or dynamic import');
    assert.match(code, /Hør podkast om Valgløftet 2023/);
    assert.match(code, /Høyr podkast om Valgløftet 2023/);
    assert.match(code, /createPolicy\(["'`]ks-valgloftet/, "Lit's Trusted Types policy is renamed");
  });
}
