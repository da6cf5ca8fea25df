import { resolve } from 'node:path';

/** Everything the service can be told, from the environment (see README, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and the offline outbox live. */
  dataDir: string;
  /** The service's address as signers reach it, for the links in mails. */
  publicUrl: string;
  /** `smtp://user:pass@host:port` (or smtps://); unset: mails go to the outbox file and the console. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Bearer token for the admin API; unset: the admin API answers 401 to everyone. */
  adminToken: string | undefined;
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

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = number(env, 'PORT', 8787);
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken && adminToken.length < 16) throw new Error('ADMIN_TOKEN must be at least 16 characters');
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Valgløftet 2023 <valgloftet@localhost>',
    adminToken,
    controllerName: env.CONTROLLER_NAME || 'KS – Kommunesektorens organisasjon',
    privacyUrl: env.PRIVACY_URL || 'https://www.ks.no/om-ks/personvern/',
    confirmHours: number(env, 'CONFIRM_HOURS', 72, 1),
    writesPerMinute: number(env, 'RATE_LIMIT_WRITES', 10, 1),
    mailRetrySeconds: number(env, 'MAIL_RETRY_SECONDS', 30, 0.05),
    mailStallMinutes: number(env, 'MAIL_STALL_MINUTES', 15, 0.01),
    bodyLimit: number(env, 'BODY_LIMIT', 4096, 256),
    demo: env.DEMO !== '0',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
