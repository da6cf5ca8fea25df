// Every PHP file under integrations/ passes `php -l` (PHP's own syntax check), so a plugin that
// would not load is caught without a WordPress. Skipped, with a message, where php is missing, but
// failed under CI (tools.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasTool } from './tools.mjs';

const ROOT = fileURLToPath(new URL('../../integrations/', import.meta.url));

test('php -l passes on every PHP file under integrations/', async (t) => {
  if (!hasTool(t, 'php', 'php-cli')) return;
  const files = (await readdir(ROOT, { recursive: true })).filter((name) => name.endsWith('.php'));
  assert.ok(files.length > 0, `no PHP files under ${ROOT}`);
  for (const name of files) {
    const run = spawnSync('php', ['-l', '-d', 'display_errors=1', `${ROOT}${name}`], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${name}: ${run.stdout}${run.stderr}`);
  }
});
