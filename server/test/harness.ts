// A real service on a loopback port, with a real SQLite file in a temporary folder and a real
// SMTP server (smtp-server) on loopback that keeps what it receives. A test that does not concern
// sockets asks for `transport: 'inject'`, and the helpers below answer its requests in process.
import { postFormsOf, type PostForm } from './page.js';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { FastifyInstance } from 'fastify';
import { buildApp, type App } from '../app.js';
import { configFromEnv, type Config } from '../config.js';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailCatcher {
  mails: ReceivedMail[] = [];
  /** Recipients matching this are refused at RCPT TO with a 550 that names them, as real servers do. */
  refuse: RegExp | undefined;
  /** Recipients matching this are put off at RCPT TO with a 450 (a full mailbox, greylisting). */
  defer: RegExp | undefined;
  #server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (this.refuse?.test(address.address)) {
        const err = Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        });
        callback(err);
        return;
      }
      if (this.defer?.test(address.address)) {
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 450 }));
        return;
      }
      callback();
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          this.mails.push({
            to: to ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  port = 0;

  async start(port = 0): Promise<this> {
    // A sender killed in the middle of a mail (the kill -9 tests) cuts its connection: smtp-server
    // reports that as an error, which is no failure of the test. The sender sends again, or another does.
    this.#server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as { port: number }).port;
    return this;
  }

  /** Waits until `n` mails (in all) have arrived, or fails after `ms`. */
  async waitFor(n: number, ms = 10_000): Promise<ReceivedMail[]> {
    await until(() => this.mails.length >= n, `${n} mails (got ${this.mails.length} so far)`, ms);
    return this.mails;
  }

  /** The latest mail to an address. */
  async mailTo(address: string, ms = 10_000): Promise<ReceivedMail> {
    return until(
      () => this.mails.findLast((m) => m.to.toLowerCase() === address.toLowerCase()),
      `a mail to ${address}`,
      ms,
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}

/**
 * Waits until `fn` gives a truthy value, and returns it; fails after `ms`, saying what it waited
 * for. Tests wait on what they need to see, never for a fixed time: a slow machine only waits
 * longer, a fast one not at all.
 */
export async function until<T>(
  fn: () => T | Promise<T>,
  what: string,
  ms = 10_000,
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Which engine the harness's services use: `npm run test:postgres` sets TEST_DATABASE_URL. */
export const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

const testDatabases = new Map<string, string>();

/** With TEST_DATABASE_URL, the PostgreSQL database that belongs to a data folder (made once). */
export async function testDatabase(dataDir: string): Promise<string | undefined> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return undefined;
  let db = testDatabases.get(dataDir);
  if (!db) testDatabases.set(dataDir, (db = await createDatabase(server)));
  return db;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefgh';

export interface Service extends App {
  url: string;
  config: Config;
  mail: MailCatcher;
  dataDir: string;
  /** Every log line the service wrote (LOG_LEVEL=silent unless the test sets it). */
  logs: string[];
  /** Stops this instance; the data folder stays (for restart tests) until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  /** A data folder and mail server another service used (a restart): they outlive this one's `dispose`. */
  dataDir?: string;
  mail?: MailCatcher;
  /** The port to listen on (a restart may take the one it had). */
  port?: number;
  /**
   * 'inject': `request` and the helpers that use it (`post`, `count`, the mails' buttons, the admin
   * API's) answer this service's requests in this process, through Fastify's `app.inject`: every
   * hook, route and serialiser, without a socket. For tests that do not concern sockets. The service
   * still listens, so its links carry its address, and `fetch` still reaches it over loopback for a
   * test that concerns the connection. 'socket' (the default): every request over loopback.
   */
  transport?: 'socket' | 'inject';
}

/** The apps of the services started with `transport: 'inject'`, by the origin of their address. */
const injected = new Map<string, FastifyInstance>();

export async function startService(
  env: Record<string, string> = {},
  { transport = 'socket', ...shared }: ServiceOptions = {},
): Promise<Service> {
  const mail = shared.mail ?? (await new MailCatcher().start());
  const dataDir = shared.dataDir ?? (await mkdtemp(join(tmpdir(), 'ks-valgloftet-service-')));
  // The test set-up's PostgreSQL (TEST_DATABASE_URL): a database of its own per data folder, so a
  // restart on the same folder finds its data. A test that names DATABASE_URL (empty: SQLite) chooses.
  const database = 'DATABASE_URL' in env ? env.DATABASE_URL : await testDatabase(dataDir);
  const config = configFromEnv({
    DATA_DIR: dataDir,
    DATABASE_URL: database ?? '',
    PORT: '0',
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_WRITES: '10000',
    ...env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const built = await buildApp(config, { logStream });
  // A restart may take the port it had before, so a page that knows the old address finds it again.
  await built.app.listen({ port: shared.port ?? 0, host: '127.0.0.1' });
  const { port } = built.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  config.publicUrl = url;
  if (transport === 'inject') injected.set(url, built.app);
  // Like a process that ends: open connections go too. (A browser's speculative, still silent
  // connection would otherwise hold the close for Node's 60 s headers timeout.)
  const stop = async () => {
    injected.delete(url);
    const closing = built.app.close();
    built.app.server.closeAllConnections();
    await closing;
  };
  return {
    ...built,
    url,
    config,
    mail,
    dataDir,
    logs,
    stop,
    dispose: async () => {
      await stop();
      if (!shared.mail) await mail.close();
      if (!shared.dataDir) {
        await rm(dataDir, { recursive: true, force: true });
        const db = testDatabases.get(dataDir);
        testDatabases.delete(dataDir);
        if (db) await dropDatabase(db);
      }
    },
  };
}

export const signer = (n: number | string, extra: Record<string, unknown> = {}) => ({
  name: `Ola Nordmann ${n}`,
  email: `ola.${n}@example.no`,
  role: 'elected',
  municipality: '4601',
  lang: 'nb',
  ...extra,
});

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * `fetch`, but a request to a service started with `transport: 'inject'` is answered through its
 * `app.inject` (light-my-request), in this process. The answer is a WHATWG Response, as fetch's,
 * and redirects are followed as fetch follows them (unless `redirect: 'manual'`). Unlike fetch it
 * asks for no compression and decodes none: a test of the encodings on the wire uses fetch.
 */
export async function request(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const app = injected.get(target.origin);
  if (!app) return fetch(target, init);
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  let payload: string | Buffer | undefined;
  if (typeof init.body === 'string') payload = init.body;
  else if (init.body instanceof URLSearchParams) {
    payload = init.body.toString();
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
  } else if (init.body instanceof Uint8Array) payload = Buffer.from(init.body);
  else if (init.body !== undefined && init.body !== null)
    throw new TypeError('request() sends a string, URLSearchParams or bytes');
  headers.set('host', target.host);
  const res = await app.inject({
    method: method as 'GET',
    url: `${target.pathname}${target.search}`,
    headers: Object.fromEntries(headers),
    ...(payload === undefined ? {} : { payload }),
  });
  const location = res.headers.location;
  if (REDIRECTS.has(res.statusCode) && typeof location === 'string' && init.redirect !== 'manual') {
    if (init.redirect === 'error') throw new TypeError(`request() to ${target.href} was redirected`);
    const next = new URL(location, target);
    if (res.statusCode === 307 || res.statusCode === 308) return request(next, init);
    // As fetch: the others become a GET without a body (a HEAD stays a HEAD).
    headers.delete('content-type');
    return request(next, { ...init, headers, method: method === 'HEAD' ? 'HEAD' : 'GET', body: null });
  }
  const answer = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) answer.append(name, v);
    else if (value !== undefined) answer.set(name, String(value));
  }
  const empty = method === 'HEAD' || [204, 205, 304].includes(res.statusCode);
  const response = new Response(empty ? null : new Uint8Array(res.rawPayload), {
    status: res.statusCode,
    statusText: res.statusMessage,
    headers: answer,
  });
  Object.defineProperty(response, 'url', { value: target.href });
  return response;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * Follows the mail's link as a person does: opens the page, then presses its button. The first
 * form's button by default: the page's own action (confirm, withdraw fully, delete), which comes
 * before any lesser way out (its aside: "that is not right", "remove only my name"). `action`
 * presses the button of the form that posts there instead, e.g. '/hide-name'.
 */
export async function pressButtonBehind(link: string, action?: string): Promise<Response> {
  const page = await request(link);
  const form = formOn(await page.text(), action);
  if (!form) throw new Error(`no ${action ?? ''} button behind ${link} (${page.status})`);
  return request(new URL(form.action, link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form.fields).toString(),
  });
}

/**
 * A POST form on a signer's page, with every hidden field it sends (token, lang, and what the page
 * showed): the first one, or the one that posts to `action`.
 */
export function formOn(html: string, action?: string): PostForm | undefined {
  const forms = postFormsOf(html);
  return action === undefined ? forms[0] : forms.find((f) => f.action === action);
}

export const linkIn = (mail: ReceivedMail, kind: 'confirm' | 'withdraw'): string => {
  const link = new RegExp(`https?://\\S+/${kind}\\?token=[\\w-]+`).exec(mail.text)?.[0];
  if (!link) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return link;
};

interface CountBody {
  signatures: number;
  councils: number;
  updatedAt: string | null;
}
export async function count(url: string): Promise<CountBody> {
  return (await request(`${url}/api/count`)).json() as Promise<CountBody>;
}

/**
 * Approves every name waiting for KS (or only those `which` picks), through the bearer-token API as
 * KS's staff would after checking each. Returns how many were approved.
 */
export async function approveNames(
  url: string,
  which: (name: { name: string }) => boolean = () => true,
): Promise<number> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const list = (await (await request(`${url}/api/admin/names`, { headers })).json()) as {
    names: { id: string; name: string }[];
  };
  const ids = list.names.filter(which).map((n) => n.id);
  if (!ids.length) return 0;
  const res = await post(`${url}/api/admin/names/approvals`, { ids }, headers);
  if (res.status !== 200) throw new Error(`approving names answered ${res.status}`);
  return ((await res.json()) as { approved: number }).approved;
}

/** The admin export (`GET /api/admin/signatures.csv`), as rows keyed by column. */
export async function adminExport(url: string): Promise<Record<string, string>[]> {
  const res = await request(`${url}/api/admin/signatures.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (res.status !== 200) throw new Error(`the export answered ${res.status}`);
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replaceAll('""', '"'));
  const [header, ...rows] = lines.map(cells);
  return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i] ?? ''])));
}

/**
 * Asserts that two kinds of request take alike time (the medians within 20 %), so their timing
 * tells nothing: a round is 200 interleaved pairs, `a(round, i)` then `b(round, i)`, each giving its
 * time in ms. A burst of load from elsewhere on a shared machine can skew one round, so up to three
 * are taken; a real difference fails all three. Prints the medians.
 */
export async function assertAlikeTiming(
  [nameA, a]: [string, (round: number, i: number) => Promise<number>],
  [nameB, b]: [string, (round: number, i: number) => Promise<number>],
): Promise<void> {
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
  const rounds: string[] = [];
  let alike = false;
  for (let round = 0; round < 3 && !alike; round++) {
    const first: number[] = [];
    const second: number[] = [];
    for (let i = 0; i < 200; i++) {
      first.push(await a(round, i));
      second.push(await b(round, i));
    }
    const [x, y] = [median(first), median(second)];
    rounds.push(`${nameA} ${x.toFixed(2)} ms, ${nameB} ${y.toFixed(2)} ms (${(y / x).toFixed(2)})`);
    alike = Math.abs(y - x) / Math.max(x, y) < 0.2;
  }
  console.log(`# medians: ${rounds.join('; ')}`);
  assert.ok(alike, `the medians differ by 20 % or more in every round: ${rounds.join('; ')}`);
}
