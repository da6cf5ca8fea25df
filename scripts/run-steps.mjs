// `npm test`: runs the npm scripts it is given, one after another, stops at the first that fails,
// and ends with how long each took, in wall time and in CPU time (user and system, of the step's
// processes: what a busy machine does not inflate), so that a slow step shows in every CI log.
//
//   node scripts/run-steps.mjs build lint+test:browsers test:node …
//
// Scripts joined by `+` run at the same time: one that mostly waits (a browser's page, a test's
// timer) beside one that computes, so that two cores are both at work. Each one's output is kept
// and printed whole when it ends, so that the log reads as if they had run one after the other; the
// group's row gives its wall time and the CPU time of both.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const steps = process.argv.slice(2);
if (!steps.length) {
  process.stderr.write('usage: node scripts/run-steps.mjs <npm script>[+<npm script>…]…\n');
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

/**
 * Runs one npm script; its exit code. Alone, its output goes straight through; in a group it is
 * kept and printed whole, after a heading, when the script ends.
 * @param {string} script
 * @param {boolean} alone
 * @returns {Promise<number>}
 */
function run(script, alone) {
  return new Promise((done) => {
    const child = spawn(npm, ['run', script], { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const kept = [];
    child.stdout?.on('data', (chunk) => kept.push(chunk));
    child.stderr?.on('data', (chunk) => kept.push(chunk));
    child.once('error', () => done(127));
    child.once('close', (exitCode, signal) => {
      const code = exitCode ?? (signal ? 1 : 0);
      if (!alone) process.stdout.write(`\n== ${script} (ran beside the others of its group)\n${Buffer.concat(kept)}`);
      done(code);
    });
  });
}

const rows = [];
let failed;
const started = performance.now();
for (const step of steps) {
  const scripts = step.split('+');
  if (scripts.length > 1)
    console.log(`\n== ${scripts.join(' and ')}, at the same time: each one's output when it ends`);
  const wall = performance.now();
  const cpu = childrenCpu();
  const codes = await Promise.all(scripts.map((script) => run(script, scripts.length === 1)));
  const code = codes.find((c) => c !== 0) ?? 0;
  const after = childrenCpu();
  rows.push({
    step: scripts.join(' + '),
    wall: (performance.now() - wall) / 1000,
    user: cpu && after ? after.user - cpu.user : undefined,
    system: cpu && after ? after.system - cpu.system : undefined,
    code,
  });
  if (code !== 0) {
    failed = scripts.filter((_, i) => codes[i] !== 0).join(', ');
    break;
  }
}

/** @type {(seconds: number | undefined) => string} */
const s = (seconds) => (seconds === undefined ? '' : `${Math.round(seconds)} s`);
const width = Math.max(...rows.map((row) => row.step.length), 'all'.length);
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
