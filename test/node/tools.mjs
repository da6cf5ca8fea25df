// Programs from Debian that a few tests need (php, msgunfmt). A developer without one still runs
// the rest: the test says what is missing and skips. Under CI (CI=true), where .ci/run installs
// each, a missing one fails the test instead, so that no check there passes by not running.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const onCi = !!process.env.CI && process.env.CI !== 'false';

/** True when `command` runs; else skips the test `t` with why (locally), or fails it (CI). */
export function hasTool(t, command, debianPackage) {
  if (!spawnSync(command, ['--version']).error) return true;
  const why = `${command} is not installed (apt-get install ${debianPackage})`;
  if (onCi) assert.fail(`${why}, and CI must run this test`);
  t.skip(why);
  return false;
}
