// `npm test`'s runner (scripts/run-steps.mjs): steps one after another, a group joined by `+` at the
// same time with each one's output whole, a stop at the first failure, and the table of times.
// Run against a package of its own whose scripts are small Node programs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('../../scripts/run-steps.mjs', import.meta.url));

/** A script that prints `name` three times, `wait` ms apart, and ends with `code`. */
const script = (name, wait, code = 0) =>
  `node -e "let n=0;const t=setInterval(()=>{console.log('${name} '+(++n));if(n===3){clearInterval(t);process.exitCode=${code}}},${wait})"`;

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-run-steps-'));
  const scripts = {
    first: script('first', 1),
    slow: script('slow', 200),
    quick: script('quick', 20),
    fails: script('fails', 1, 3),
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'steps', private: true, scripts }));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Runs the runner in the package with these steps: its exit code and output. */
function steps(...args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('close', (code) => done({ code, out }));
  });
}

test('runs a group at the same time, prints each one whole, and times the group as one row', async () => {
  const { code, out } = await steps('first', 'slow+quick');
  assert.equal(code, 0, out);
  // Each one's lines together, under its heading, never interleaved with the other's.
  const quick = out.indexOf('== quick (ran');
  const slow = out.indexOf('== slow (ran');
  assert.ok(quick > 0 && slow > 0, out);
  // They ran at once: the quick one, named second, ended first and is printed first.
  assert.ok(quick < slow, out);
  for (const [name, at] of [
    ['quick', quick],
    ['slow', slow],
  ]) {
    const block = out.slice(at, out.indexOf('\n== ', at + 1) === -1 ? undefined : out.indexOf('\n== ', at + 1));
    assert.match(block, new RegExp(`${name} 1\\n${name} 2\\n${name} 3\\n`), block);
  }
  assert.ok(out.indexOf('first 3') < Math.min(quick, slow), 'the steps keep their order');
  assert.match(out, /\n {2}slow \+ quick +\d+ s/);
  assert.match(out, /\n {2}all +\d+ s/);
});

test('stops at the first step that fails, names it and what was not run', async () => {
  const { code, out } = await steps('first', 'quick+fails', 'slow');
  assert.equal(code, 1, out);
  assert.match(out, /npm test: fails failed; not run: slow/);
  assert.doesNotMatch(out, /slow 1/);
  assert.match(out, /quick \+ fails +\d+ s +\d+ s +\d+ s +failed \(3\)/);
});
