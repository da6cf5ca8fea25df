// The README tells hosts which Content-Security-Policy to set. It must be the very policy the demo
// is served under and the tests load the built files under (contract/host-csp.js).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { hostCsp } from '../../contract/host-csp.js';

test("the README's CSP is the one the demo and the tests use", async () => {
  const readme = await readFile(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
  const block = /Content-Security-Policy: ([^`]+?)\n```/.exec(readme)?.[1];
  assert.ok(block, 'no CSP block in the README');
  assert.equal(block.replace(/\s+/g, ' ').trim(), hostCsp({ service: 'https://valgloftet.example.no' }));
});

test("the README's reserve rule is the one the service serves (embed/ks-valgloftet-reserve.css)", async () => {
  const readme = await readFile(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
  const served = await readFile(new URL('../../embed/ks-valgloftet-reserve.css', import.meta.url), 'utf8');
  const squeeze = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');
  const block = /```css\n\s*(@media \(scripting: enabled\)[\s\S]+?)```/.exec(readme)?.[1];
  assert.ok(block, 'no reserve rule in the README');
  assert.equal(squeeze(block), squeeze(served));
});
