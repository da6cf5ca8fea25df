// Every message in the source has a nynorsk translation, and locales/nn.xlf is what
// `npm run localize:extract` would write from the source today.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readMessages } from './xliff.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('locales/nn.xlf is up to date with the source', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-xliff-'));
  try {
    await cp(join(root, 'locales'), join(dir, 'locales'), { recursive: true });
    const config = JSON.parse(await readFile(join(root, 'lit-localize.json'), 'utf8'));
    config.tsConfig = join(root, 'tsconfig.json');
    config.inputFiles = config.inputFiles.map((glob) => join(root, glob));
    config.interchange.xliffDir = join(dir, 'locales');
    config.output.outputDir = join(dir, 'out');
    await writeFile(join(dir, 'lit-localize.json'), JSON.stringify(config));
    await promisify(execFile)(process.execPath, [
      join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js'),
      'extract',
      '--config',
      join(dir, 'lit-localize.json'),
    ]);
    const fresh = await readFile(join(dir, 'locales/nn.xlf'), 'utf8');
    const committed = await readFile(join(root, 'locales/nn.xlf'), 'utf8');
    assert.equal(fresh, committed, 'run `npm run localize:extract` and translate the new messages');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every message has a nynorsk translation', async () => {
  const messages = await readMessages();
  assert.ok(messages.length >= 20, `only ${messages.length} messages found`);
  const missing = messages.filter((m) => !m.target?.trim()).map((m) => m.id);
  assert.deepEqual(missing, [], 'messages without <target> in locales/nn.xlf');
});

test('every message has an explicit id, not a generated hash', async () => {
  const generated = (await readMessages()).filter((m) => /^[sh][0-9a-f]{16}$/.test(m.id)).map((m) => m.source);
  assert.deepEqual(generated, [], 'give these msg() calls an { id }');
});
