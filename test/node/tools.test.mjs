// The tests that need php or msgunfmt skip where it is missing, but fail under CI (tools.mjs): run
// them with neither on the PATH, once as a developer would and once as CI does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const FILES = ['test/node/wordpress-php-lint.test.mjs', 'test/node/wordpress-mo.test.mjs'];

/**
 * Runs the two test files with a PATH of hunspell alone (the spelling of the plugin's translations
 * needs it; no php, no msgunfmt): exit status and output.
 */
function runWithoutTools(ci) {
  const empty = mkdtempSync(join(tmpdir(), 'ks-valgloftet-no-tools-'));
  const hunspell = spawnSync('sh', ['-c', 'command -v hunspell'], { encoding: 'utf8' }).stdout.trim();
  if (hunspell) symlinkSync(hunspell, join(empty, 'hunspell'));
  try {
    const env = { ...process.env, PATH: empty, CI: ci };
    delete env.NODE_TEST_CONTEXT; // run as a test run of its own, not as part of this one
    return spawnSync(process.execPath, ['--test', ...FILES], { env, encoding: 'utf8' });
  } finally {
    rmSync(empty, { recursive: true });
  }
}

test('a missing php or msgunfmt skips its test on a developer machine, with the package to install', () => {
  const run = runWithoutTools('');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /# SKIP php is not installed \(apt-get install php-cli\)/);
  assert.match(run.stdout, /# SKIP msgunfmt is not installed \(apt-get install gettext\)/);
});

test('under CI (CI=true) a missing php or msgunfmt fails its test', () => {
  const run = runWithoutTools('true');
  assert.notEqual(run.status, 0, run.stdout);
  assert.match(run.stdout, /php is not installed \(apt-get install php-cli\), and CI must run this test/);
  assert.match(run.stdout, /msgunfmt is not installed \(apt-get install gettext\), and CI must run this test/);
  assert.match(run.stdout, /# fail 2/);
});
