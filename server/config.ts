import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCampaignId } from '../contract/campaign.js';

/**
 * Fastify's `trustProxy`: how many proxy hops in front of the service to trust (their
 * `X-Forwarded-For` entries, counted from the right), or which proxy addresses; `false` trusts none.
 */
export type TrustProxy = false | number | string[];

/** Everything the service can be told, from the environment (see README, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and the offline outbox live. */
  dataDir: string;
  /** `postgres://…`: the shared PostgreSQL store for several instances; unset: SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** The service's address as signers reach it, for the links in mails. */
  publicUrl: string;
  /** `smtp://user:pass@host:port` (or smtps://); unset: mails go to the outbox file and the console. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Bearer token for the admin API; unset: the admin API answers 401 to everyone. */
  adminToken: string | undefined;
  /** Who may sign in to the admin page (/admin), lower-case; empty: nobody. */
  adminEmails: string[];
  /** The admin page's sign-in link lives this long; a session ends after this long idle, or this long in all. */
  adminLinkMinutes: number;
  adminIdleMinutes: number;
  adminSessionHours: number;
  /** Who stores the data, for the privacy notice and the mails (GDPR art. 13). */
  controllerName: string;
  privacyUrl: string;
  /** Hours a confirmation link stays valid; unconfirmed signatures are deleted after that. */
  confirmHours: number;
  /** Signature and confirmation requests per IP address per minute. */
  writesPerMinute: number;
  /** The mail queue's first retry waits this long (then twice as long each time, up to an hour). */
  mailRetrySeconds: number;
  /** /readyz fails when a mail has waited longer than this: mail is not going out. */
  mailStallMinutes: number;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Who may tell the service a client's address (X-Forwarded-For); see `trustProxyFrom`. */
  trustProxy: TrustProxy;
  /** Milliseconds a client has to send a whole request, and its headers. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** The campaigns' folders (campaigns/<id>/), and the one that is current; unset: the newest open. */
  campaignsDir: string;
  campaign: string | undefined;
  /** Serve the demo page at / (npm start). */
  demo: boolean;
  logLevel: string;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, not "${raw}"`);
  return value;
}

/** A variable's text, or `fallback` when it is unset or empty. */
const text = (env: NodeJS.ProcessEnv, name: string, fallback: string): string => {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
};

// proxy-addr's names for address ranges, which Fastify accepts in the list too.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isAddressOrRange = (entry: string): boolean => {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', ...after] = entry.split('/');
  const prefix = after.at(0);
  const family = isIP(address);
  if (!family || after.length > 1) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * `TRUST_PROXY`: unset, `0` or `false`: no proxy, the socket's address counts. A whole number n:
 * n proxies in front (1 for one nginx); the client is the nth address from the right of
 * `X-Forwarded-For`, so whatever a client writes further left changes nothing. A comma-separated
 * list of addresses or CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`): the proxies that
 * may speak; the client is the rightmost address that is none of them. `true` (every hop) is
 * refused: with it, a client chooses its own address and escapes every per-address limit.
 */
export function trustProxyFrom(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY must be a number of proxy hops from 0 to 10, not "${raw}"`);
    return hops;
  }
  if (value.toLowerCase() === 'true') {
    throw new Error(
      'TRUST_PROXY=true would trust every X-Forwarded-For hop, so a client could choose its own address; ' +
        'give the number of proxies in front (1 for one nginx) or their addresses (e.g. 10.0.0.5,10.0.1.0/24)',
    );
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length) {
    throw new Error(
      `TRUST_PROXY must be a number of proxy hops (1 for one nginx) or a comma-separated list of proxy ` +
        `addresses or CIDR ranges; not an address: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    );
  }
  return entries;
}

/**
 * `ADMIN_TOKEN`: at least 32 characters, and only those a bearer token may carry (RFC 6750's
 * b64token: letters, digits, `-._~+/`, trailing `=`), so it can always be sent in the header.
 */
function adminTokenFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < 32)
    throw new Error(`ADMIN_TOKEN must be at least 32 characters (it has ${raw.length}); e.g. openssl rand -base64 32`);
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(raw)) {
    throw new Error(
      'ADMIN_TOKEN may hold only letters, digits and - . _ ~ + / (and = at the end): no spaces or other characters',
    );
  }
  return raw;
}

/**
 * `ADMIN_EMAILS`: the addresses that may sign in to the admin page, comma-separated; compared
 * without regard to case. Each must look like an address (one @, no spaces), so that a typo does
 * not silently lock someone out.
 */
export function adminEmailsFrom(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const bad = entries.filter((entry) => !/^[^@\s,<>]+@[^@\s,<>]+\.[^@\s,<>]+$/.test(entry));
  if (bad.length) {
    throw new Error(
      `ADMIN_EMAILS must be e-mail addresses separated by commas; not an address: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    );
  }
  return [...new Set(entries)];
}

/** DATABASE_URL: empty or unset for SQLite; else a PostgreSQL connection string, never echoed (it may hold a password). */
function databaseUrlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !(url.hostname || url.searchParams.get('host'))) {
    throw new Error('DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:5432/database');
  }
  return raw.trim();
}

/** `CAMPAIGN`: the id of the current campaign (its folder's name); unset: the newest open one. */
function campaignFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!isCampaignId(raw.trim())) {
    throw new Error(`CAMPAIGN must be a campaign's folder name (lower-case letters, digits, hyphens), not "${raw}"`);
  }
  return raw.trim();
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = number(env, 'PORT', 8787);
  const adminToken = adminTokenFrom(env.ADMIN_TOKEN);
  const requestTimeoutMs = number(env, 'REQUEST_TIMEOUT', 30, 1) * 1000;
  return {
    port,
    host: text(env, 'HOST', '127.0.0.1'),
    dataDir: resolve(text(env, 'DATA_DIR', './data')),
    databaseUrl: databaseUrlFrom(env.DATABASE_URL),
    publicUrl: text(env, 'PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL === '' ? undefined : env.SMTP_URL,
    mailFrom: text(env, 'MAIL_FROM', 'Valgløftet 2023 <valgloftet@localhost>'),
    adminToken,
    adminEmails: adminEmailsFrom(env.ADMIN_EMAILS),
    adminLinkMinutes: number(env, 'ADMIN_LINK_MINUTES', 15, 1),
    adminIdleMinutes: number(env, 'ADMIN_IDLE_MINUTES', 30, 0.001),
    adminSessionHours: number(env, 'ADMIN_SESSION_HOURS', 8, 0.001),
    controllerName: text(env, 'CONTROLLER_NAME', 'KS – Kommunesektorens organisasjon'),
    privacyUrl: text(env, 'PRIVACY_URL', 'https://www.ks.no/om-ks/personvern/'),
    confirmHours: number(env, 'CONFIRM_HOURS', 72, 1),
    writesPerMinute: number(env, 'RATE_LIMIT_WRITES', 10, 1),
    mailRetrySeconds: number(env, 'MAIL_RETRY_SECONDS', 30, 0.05),
    mailStallMinutes: number(env, 'MAIL_STALL_MINUTES', 15, 0.01),
    bodyLimit: number(env, 'BODY_LIMIT', 4096, 256),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    requestTimeoutMs,
    // The headers come first, so they get at most the request's time, and no more than 20 s.
    headersTimeoutMs: Math.min(requestTimeoutMs, 20_000),
    campaignsDir: env.CAMPAIGNS_DIR
      ? resolve(env.CAMPAIGNS_DIR)
      : fileURLToPath(new URL('../campaigns', import.meta.url)),
    campaign: campaignFrom(env.CAMPAIGN),
    demo: env.DEMO !== '0',
    logLevel: text(env, 'LOG_LEVEL', 'info'),
  };
}
