// npm run bench: every figure of the benchmark in one run, side by side, as one table. Writes it
// also to docs/bench.md with the date and the machine. Absolute times on a shared machine are
// noisy; the ratios, measured in the same run, are what to compare.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { browserBench } from './browser.mjs';
import { httpBench } from './http.mjs';
import { phoneBench, SLOW_PHONE } from './phone.mjs';
import { postgresBench } from './postgres.mjs';
import { sizes } from './sizes.mjs';
import { int, ms, ratio } from './stats.mjs';

const quick = process.argv.includes('--quick');
// Other work on the machine moves the times: the load average at the start and the end says how much.
const loadAtStart = os.loadavg()[0];
const step = (what) => process.stderr.write(`  … ${what}\n`);

step('bundle sizes');
const files = await sizes();
// What bundling the municipality list would cost every page view, for comparison with fetching it.
const places = JSON.parse(await readFile(new URL('../server/data/kommuner-2024.json', import.meta.url), 'utf8'));
const compact = [...places.municipalities, ...places.counties]
  .map((p) => p.code + p.name + (p.officialName !== p.name ? `|${p.officialName}` : ''))
  .join(';');
const bundle = await readFile(new URL('../dist/ks-valgloftet.js', import.meta.url), 'utf8');
const listInBundle =
  gzipSync(`${bundle}const PLACES=\`${compact}\`;`, { level: 9 }).length - gzipSync(bundle, { level: 9 }).length;

step(`render cost and layout shift in Chromium (${quick ? 3 : 9} runs each)`);
const browser = await browserBench({ runs: quick ? 3 : 9 });
step(`the slow phone: Slow-4G, CPU 4×, cold cache (${quick ? 3 : 5} runs of each page)`);
const phone = await phoneBench({ runs: quick ? 3 : 5 });
step(`the service under autocannon (${quick ? 1 : 3} × ${quick ? 3 : 5} s per count server, then signing)`);
const http = await httpBench({ runs: quick ? 1 : 3, seconds: quick ? 3 : 5 });
step('two instances on one PostgreSQL, under autocannon (count, then signing)');
const pg = await postgresBench({ runs: quick ? 1 : 3, seconds: quick ? 3 : 5 });

const rows = [
  ['**Bundle**', '', ''],
  ...files.map((f) => [
    f.file,
    `${int(f.raw)} B raw · ${int(f.gzip)} B gzip · ${int(f.brotli)} B brotli`,
    `budget ${int(f.budget)} B gzip`,
  ]),
  [
    'Municipality list',
    `fetched on opening the form: ${int(http.listBytes)} B brotli, ${ms(http.listMs)} to fetch and parse`,
    `bundled it would add ${int(listInBundle)} B gzip to every page`,
  ],
  ['**Render (Chromium, cold cache, median of ' + browser.runs + ')**', '', ''],
  [
    'Pledge text painted (LCP), widget',
    ms(browser.widget.lcp),
    `static HTML: ${ms(browser.static.lcp)} · **${ratio(browser.widget.lcp, browser.static.lcp)}**`,
  ],
  [
    'the same, count endpoint never answering',
    ms(browser.hung.lcp),
    `healthy: ${ms(browser.widget.lcp)} · **${ratio(browser.hung.lcp, browser.widget.lcp)}**`,
  ],
  ['Main-thread script time, widget page', ms(browser.widget.script), `static HTML: ${ms(browser.static.script)}`],
  ['Layout shift when the count arrives 1.5 s late', `CLS ${browser.cls.toFixed(3)}`, 'goal 0 (worst of 3)'],
  [
    `**Slow phone (Slow-4G: ${SLOW_PHONE.network.latency} ms round trip, ${(SLOW_PHONE.network.download * 8) / 1e6} Mbit/s down, ` +
      `${(SLOW_PHONE.network.upload * 8) / 1e3} kbit/s up; CPU ${SLOW_PHONE.cpu}× slower; ` +
      `${SLOW_PHONE.viewport.width} × ${SLOW_PHONE.viewport.height}; cold cache; median of ${phone.runs})**`,
    '',
    '',
  ],
  [
    'Pledge text painted (LCP), script embed (host page and service on two origins)',
    ms(phone.embed.lcp),
    `static HTML: ${ms(phone.static.lcp)} · **${ratio(phone.embed.lcp, phone.static.lcp)}** · goal ≤ 1.5×`,
  ],
  phone.ssr
    ? [
        'Pledge text painted (LCP), server-rendered markup (`GET /api/markup`)',
        ms(phone.ssr.lcp),
        `static HTML: ${ms(phone.static.lcp)} · **${ratio(phone.ssr.lcp, phone.static.lcp)}** · goal ≤ 1.1× · ` +
          `CLS ${phone.ssr.cls.toFixed(3)} as it hydrates`,
      ]
    : [
        'Pledge text painted (LCP), server-rendered markup',
        'n/a (needs /api/markup)',
        `static HTML: ${ms(phone.static.lcp)} · goal ≤ 1.1×`,
      ],
  phone.frame
    ? [
        'Pledge text painted (LCP), the embed page (`GET /embed`, as its frame loads it)',
        ms(phone.frame.lcp),
        `static HTML alone: ${ms(phone.frame.static)} · **${ratio(phone.frame.lcp, phone.frame.static)}** · ` +
          `CLS ${phone.frame.cls.toFixed(3)} as it hydrates`,
      ]
    : ['Pledge text painted (LCP), the embed page', 'n/a (needs /embed)', ''],
  [
    'Bytes transferred for a first view of the script embed',
    `${int(phone.embed.bytes)} B (` +
      Object.entries(phone.embed.files)
        .map(([path, bytes]) => `\`${path}\` ${int(bytes)}`)
        .join(' · ') +
      ')',
    `goal ≤ 15 KB (${int(15 * 1024)} B) · every request to the service, headers included`,
  ],
  [
    'Intent to a usable form (pointer enters "Slutt deg til løftet", presses at once)',
    ms(phone.embed.intent),
    'until the name field is there and takes focus',
  ],
  [
    'Layout shift from navigation, content below the widget, with the reserve rule',
    `CLS ${phone.embed.cls.toFixed(3)}`,
    `without it: CLS ${phone.bare.cls.toFixed(3)} · goal 0.00, never above 0.02 (worst of ${phone.runs})`,
  ],
  [
    'Blocking time the widget adds (long tasks beyond 50 ms)',
    `${phone.embed.tbt - phone.static.tbt >= 0 ? '+' : '−'}${ms(Math.abs(phone.embed.tbt - phone.static.tbt))}`,
    `script embed ${ms(phone.embed.tbt)} − static HTML ${ms(phone.static.tbt)}; longest task ${ms(phone.embed.longest)}`,
  ],
  ['**Count endpoint (50 connections, median of ' + http.runs + ' × ' + http.seconds + ' s)**', '', ''],
  [
    '`GET /api/count`, the service',
    `${int(http.count.service.rps)} req/s · p99 ${ms(http.count.service.p99)}`,
    `errors ${http.count.service.errors} · through Fastify's route and hooks, like every answer`,
  ],
  [
    'the same bytes from bare `node:http`',
    `${int(http.count.bare.rps)} req/s · p99 ${ms(http.count.bare.p99)}`,
    `service/bare **${ratio(http.count.service.rps, http.count.bare.rps)}**: what Fastify's routing, ` +
      'hooks and headers cost. The goal is to stay well above any real load (thousands a second ' +
      'here), not to match the bare server',
  ],
  [
    "`GET /api/count?municipality=4601`, a council's widget",
    `${int(http.council.local.rps)} req/s · p99 ${ms(http.council.local.p99)}`,
    `errors ${http.council.local.errors} · through Fastify's route, one prepared answer per council`,
  ],
  [
    '`GET /kommunar`, the councils page (brotli)',
    `${int(http.council.page.rps)} req/s · p99 ${ms(http.council.page.p99)}`,
    `errors ${http.council.page.errors} · 372 rows, prepared once per change`,
  ],
  ['**Signing (20 connections, ' + http.seconds + ' s)**', '', ''],
  [
    '`POST /api/signatures`, distinct e-mails',
    `${int(http.signing.rps)} signatures/s · p99 ${ms(http.signing.p99)}`,
    `${int(http.signing.total)} accepted, errors ${http.signing.errors}`,
  ],
  [
    'then `POST /confirm` for each mailed link',
    `${int(http.confirming.rps)} confirmations/s · p99 ${ms(http.confirming.p99)}`,
    `count after: ${int(http.confirming.counted)}, errors ${http.confirming.errors}`,
  ],
  ['**Store: SQLite, one instance (the figures above) beside PostgreSQL, two instances on one database**', '', ''],
  pg
    ? [
        `\`GET /api/count\`, both instances (2 × 25 connections, median of ${pg.runs} × ${pg.seconds} s)`,
        `${int(pg.count.rps)} req/s · p99 ${ms(pg.count.p99)}`,
        `SQLite, one instance: ${int(http.count.service.rps)} req/s · errors ${pg.count.errors}`,
      ]
    : ['`GET /api/count`, two instances on PostgreSQL', 'n/a (needs `apt install postgresql`)', ''],
  pg
    ? [
        `\`POST /api/signatures\`, both instances (2 × 10 connections, ${pg.seconds} s)`,
        `${int(pg.signing.rps)} signatures/s · p99 ${ms(pg.signing.p99)}`,
        `SQLite, one instance: ${int(http.signing.rps)} signatures/s · ${int(pg.signing.total)} accepted, errors ${pg.signing.errors}`,
      ]
    : ['`POST /api/signatures`, two instances on PostgreSQL', 'n/a', ''],
  ['Peak memory of the service (VmHWM)', `${(http.peakMemory / 2 ** 20).toFixed(0)} MiB`, 'after all of the above'],
];

const table = ['| what | figure | beside it |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
// better-sqlite3 is a shim that picks a driver per runtime (scripts/better-sqlite3): name the one in use.
const driver = Number(process.versions.napi) >= 10 ? 'better-sqlite3-13' : 'better-sqlite3-12';
const sqlite = JSON.parse(
  await readFile(new URL(`../node_modules/${driver}/package.json`, import.meta.url), 'utf8'),
).version;
const machine =
  `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `${os.type()} ${os.release()}; Node ${process.version}; ${browser.version}; better-sqlite3 ${sqlite}; ` +
  (pg ? `PostgreSQL ${pg.version.split(' ')[0]} (fsync on, same machine); ` : '') +
  `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

console.log(`\n${table}\n\n${date} UTC · ${machine}`);
if (!quick) {
  await writeFile(
    new URL('../docs/bench.md', import.meta.url),
    `# Benchmark\n\nMeasured by \`npm run bench\` on ${date} UTC.\n\nMachine: ${machine}.\n\n${table}\n\n` +
      'How each figure is taken: `bench/` (one file per part). Render figures come from fresh browser\n' +
      'contexts (cold cache), interleaved between the two pages; LCP lands on the same pledge paragraph\n' +
      `on both (${browser.widget.lcpTag.split(' ').pop()} px² of text). The service runs as \`npm start\` runs it, in its own process,\n` +
      'with SQLite in WAL mode and `synchronous=FULL` and mails to the outbox; the bare server is a\n' +
      'separate process too. The slow phone (`bench/phone.mjs`) loads the host page from one loopback\n' +
      'port and the script, the reserve stylesheet and the count from the service on another, under\n' +
      "Chromium's own network and CPU throttling (CDP), each page in a fresh context, interleaved; its LCP\n" +
      `${
        phone.static.lcpSize === phone.embed.lcpSize
          ? `lands on the same pledge text on both pages (${int(phone.embed.lcpSize)} px² on screen)`
          : `is NOT the same element on both pages (static ${int(phone.static.lcpSize)} px², embed ${int(phone.embed.lcpSize)} px²)`
      }. Absolute figures move with the machine; compare the ratios.\n`,
  );
  console.log('\nWritten to docs/bench.md');
}
