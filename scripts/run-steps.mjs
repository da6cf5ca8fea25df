// `npm test`: runs the npm scripts it is given, one after another, stops at the first that fails,
// and ends with how long each took, in wall time and in CPU time (user and system, of the step's
// processes: what a busy machine does not inflate), so that a slow step shows in every CI log.
//
//   node scripts/run-steps.mjs lint build test:node …
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const steps = process.argv.slice(2);
if (!steps.length) {
  process.stderr.write('usage: node scripts/run-steps.mjs <npm script>…\n');
  process.exit(2);
}

/**
 * The CPU seconds of this process's children that have ended (Linux: /proc's cutime and cstime,
 * which include their own waited-for children); undefined where /proc is not.
 */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    const ticks = 100; // USER_HZ, 100 on every Linux that Node runs on
    return { user: Number(fields[13]) / ticks, system: Number(fields[14]) / ticks };
  } catch {
    return undefined;
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rows = [];
let failed;
const started = performance.now();
for (const step of steps) {
  const wall = performance.now();
  const cpu = childrenCpu();
  const code = await new Promise((done) => {
    const child = spawn(npm, ['run', step], { stdio: 'inherit' });
    child.once('error', () => done(127));
    child.once('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0)));
  });
  const after = childrenCpu();
  rows.push({
    step,
    wall: (performance.now() - wall) / 1000,
    user: cpu && after ? after.user - cpu.user : undefined,
    system: cpu && after ? after.system - cpu.system : undefined,
    code,
  });
  if (code !== 0) {
    failed = step;
    break;
  }
}

/** @type {(seconds: number | undefined) => string} */
const s = (seconds) => (seconds === undefined ? '' : `${Math.round(seconds)} s`);
const width = Math.max(...steps.map((step) => step.length));
console.log(`\n  ${'step'.padEnd(width)}   wall   CPU user   CPU sys`);
for (const row of rows) {
  const mark = row.code === 0 ? '' : `   failed (${row.code})`;
  console.log(
    `  ${row.step.padEnd(width)} ${s(row.wall).padStart(6)} ${s(row.user).padStart(10)} ${s(row.system).padStart(9)}${mark}`,
  );
}
const total = rows.reduce(
  (sum, row) => ({ user: sum.user + (row.user ?? 0), system: sum.system + (row.system ?? 0) }),
  {
    user: 0,
    system: 0,
  },
);
console.log(
  `  ${'all'.padEnd(width)} ${s((performance.now() - started) / 1000).padStart(6)} ${s(total.user).padStart(10)} ${s(total.system).padStart(9)}\n`,
);
if (failed) {
  console.error(
    `npm test: ${failed} failed${rows.length < steps.length ? `; not run: ${steps.slice(rows.length).join(', ')}` : ''}`,
  );
  process.exit(1);
}
