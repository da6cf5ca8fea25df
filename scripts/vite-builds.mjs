// `npm run build`'s Vite builds, in one process through Vite's JavaScript API: the first script as
// an ES module and as a classic script, the form module, a council's lines, a campaign's words, and
// the server's renderer (vite.config.ts says what each mode builds). Six `vite build` commands would
// start Node and Vite six times for the same work. The files are the same, byte for byte.
//
//   node scripts/vite-builds.mjs            all six
//   node scripts/vite-builds.mjs ssr        one or more modes by name
import { build } from 'vite';

const MODES = ['production', 'iife', 'form', 'council', 'campaign', 'ssr'];

const asked = process.argv.slice(2);
const unknown = asked.filter((mode) => !MODES.includes(mode));
if (unknown.length) {
  process.stderr.write(`unknown mode ${unknown.join(', ')}: the modes are ${MODES.join(', ')}\n`);
  process.exit(2);
}
// One after another: each build already uses both cores (Rolldown's threads), and the order of
// what they print stays the order of the files.
for (const mode of asked.length ? asked : MODES) await build({ mode });
