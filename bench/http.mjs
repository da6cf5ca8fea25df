// 4. The count endpoint against a bare node:http server that returns the same bytes, and
// 5. signing (and confirming) throughput and the service's peak memory. The service runs as it
// does in production: server/main.ts in its own process, SQLite in WAL mode with synchronous=FULL,
// mails to the outbox file (no SMTP_URL). autocannon runs in this process.
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServiceProcess } from '../test/support/service-process.mjs';
import { median } from './stats.mjs';

const fire = (options) =>
  new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));

/** A server that does nothing but answer with the service's own count response, in its own process. */
async function bareServer(body, headers) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bare-server.mjs', import.meta.url))], {
    env: { ...process.env, BARE_BODY: body, BARE_HEADERS: JSON.stringify(headers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [port] = await once(child.stdout, 'data');
  return { url: `http://127.0.0.1:${String(port).trim()}`, close: () => child.kill() };
}

let signers = 0;
/** autocannon's `requests` for signing: one POST, each with an address of its own (across runs too). */
export const signingRequests = () => [
  {
    method: 'POST',
    path: '/api/signatures',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({
      ...req,
      body: JSON.stringify({
        name: `Benk Nordmann ${++signers}`,
        email: `benk.${signers}@bench.example.no`,
        role: 'elected',
        municipality: '4601',
        lang: 'nb',
      }),
    }),
  },
];

/** Peak resident memory of a process (Linux: VmHWM), in bytes. */
async function peakMemory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

export async function httpBench({ runs = 3, seconds = 5 } = {}) {
  // At `npm start`'s log level (info), so what logging costs per request is in the figures.
  const service = await startServiceProcess({ RATE_LIMIT_WRITES: '100000000', LOG_LEVEL: 'info' });
  try {
    // The municipality list, as a browser that accepts brotli gets it when the form opens.
    // Its size on the wire, and the time to fetch and parse it (median of 30, loopback).
    const list = await fetch(`${service.api}/municipalities`, { headers: { 'accept-encoding': 'br' } });
    const listBytes = Number(list.headers.get('content-length'));
    await list.arrayBuffer();
    const listTimes = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      await (await fetch(`${service.api}/municipalities`, { headers: { 'accept-encoding': 'br' } })).json();
      listTimes.push(performance.now() - start);
    }

    const sample = await fetch(`${service.api}/count`);
    const headers = Object.fromEntries(
      ['content-type', 'cache-control', 'etag', 'vary', 'access-control-allow-origin'].map((h) => [
        h,
        sample.headers.get(h),
      ]),
    );
    const bare = await bareServer(await sample.text(), headers);
    const count = { service: [], bare: [] };
    try {
      for (let i = 0; i < runs; i++) {
        for (const [name, url] of [
          ['service', `${service.api}/count`],
          ['bare', bare.url],
        ]) {
          const r = await fire({ url, connections: 50, duration: seconds });
          count[name].push({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx });
        }
      }
    } finally {
      bare.close();
    }
    // A council's widget (the count with its local figures, through Fastify's route) and the
    // councils page as a browser asks for it (brotli), once each per run.
    const council = { local: [], page: [] };
    for (let i = 0; i < runs; i++) {
      for (const [name, url, headers] of [
        ['local', `${service.api}/count?municipality=4601`, {}],
        ['page', `${service.url}/kommunar`, { 'accept-encoding': 'br' }],
      ]) {
        const r = await fire({ url, headers, connections: 50, duration: seconds });
        council[name].push({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx });
      }
    }

    // Signing: distinct addresses, as many as the service takes in `seconds`.
    const signed = await fire({ url: service.url, connections: 20, duration: seconds, requests: signingRequests() });

    // Confirming: the button's POST for each link the outbox received, as fast as they are taken.
    // The mail queue sends after the 202s: wait until it has written every accepted signature's mail.
    let tokens = [];
    for (let waited = 0; waited < 60_000; waited += 250) {
      const outbox = await readFile(join(service.dataDir, 'outbox.txt'), 'utf8').catch(() => '');
      tokens = [...outbox.matchAll(/\/confirm\?token=([\w-]+)/g)].map((m) => m[1]);
      if (tokens.length >= signed['2xx']) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let t = 0;
    const confirmed = await fire({
      url: service.url,
      connections: 20,
      amount: tokens.length,
      requests: [
        {
          method: 'POST',
          path: '/confirm',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => ({ ...req, body: `token=${tokens[t++ % tokens.length]}` }),
        },
      ],
    });
    const counted = (await (await fetch(`${service.api}/count`)).json()).signatures;

    const summary = (list) => ({
      rps: median(list.map((r) => r.rps)),
      p99: median(list.map((r) => r.p99)),
      errors: list.reduce((a, r) => a + r.errors, 0),
    });
    return {
      count: { service: summary(count.service), bare: summary(count.bare) },
      council: { local: summary(council.local), page: summary(council.page) },
      signing: {
        rps: signed.requests.average,
        p99: signed.latency.p99,
        total: signed.requests.total,
        errors: signed.errors + signed.non2xx,
      },
      confirming: {
        rps: confirmed.requests.total / (confirmed.duration || 1),
        p99: confirmed.latency.p99,
        total: confirmed.requests.total,
        // The button answers 303 to the thank-you page (POST–redirect–GET): that is success.
        errors: confirmed.errors + confirmed.non2xx - confirmed['3xx'],
        counted,
      },
      peakMemory: await peakMemory(service.pid),
      listBytes,
      listMs: median(listTimes),
      seconds,
      runs,
    };
  } finally {
    await service.stop();
  }
}
