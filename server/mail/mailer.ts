import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { mailboxOf } from './mailbox.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Rejects when the mail was not accepted; the queue then tries again later. */
  send(mail: Mail): Promise<void>;
  /** Deletes any copy this mailer keeps of mail to these mailboxes (erasure). */
  forget?(mailboxes: string[]): void;
  close(): void;
}

/** Real mail through SMTP (nodemailer), with timeouts short enough for a queue that tries again. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => {
      transport.close();
    },
  };
}

const SEPARATOR = `${'-'.repeat(72)}\n`;

/**
 * No SMTP server configured, for local use: every mail is appended to DATA_DIR/outbox.txt (mode
 * 0600), links and all, so the whole flow works offline. Nothing of a mail reaches the console or
 * the log. Erasing a person removes their mails from the file.
 */
export function outboxMailer(dataDir: string): Mailer & { file: string } {
  const file = join(dataDir, 'outbox.txt');
  const ensure = () => {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  return {
    file,
    send(mail) {
      ensure();
      const entry = `To: ${mail.to}\nSubject: ${mail.subject}\nDate: ${new Date().toISOString()}\n\n${mail.text}\n\n${SEPARATOR}`;
      appendFileSync(file, entry, 'utf8');
      return Promise.resolve();
    },
    forget(mailboxes) {
      if (!existsSync(file)) return;
      const gone = new Set(mailboxes);
      const entries = readFileSync(file, 'utf8').split(SEPARATOR);
      const kept = entries.filter((entry) => {
        const to = /^To: (.*)$/m.exec(entry)?.[1];
        return !to || !gone.has(mailboxOf(to));
      });
      if (kept.length !== entries.length) writeFileSync(file, kept.join(SEPARATOR), { mode: 0o600 });
    },
    close: () => undefined, // nothing held open
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The outbox is for a developer's machine. A service that signers can reach from elsewhere
 * (PUBLIC_URL not on this machine) and has no SMTP_URL would never send a mail: refuse to start.
 */
export function checkMailSetup(config: Pick<Config, 'publicUrl' | 'smtpUrl'>): void {
  if (config.smtpUrl) return;
  const host = new URL(config.publicUrl).hostname;
  if (!LOCAL_HOSTS.has(host) && !host.endsWith('.localhost') && !host.startsWith('127.')) {
    throw new Error(
      `PUBLIC_URL is ${config.publicUrl}, but SMTP_URL is not set: no confirmation mail would ever be sent. ` +
        'Set SMTP_URL (smtp://user:pass@host:587), or leave PUBLIC_URL on localhost to try the service with the local outbox.',
    );
  }
}

/**
 * Whether a failed send will fail the same way every time: the server refused the recipient at
 * RCPT TO with a 5xx (RFC 5321: a permanent negative reply, "550 no such user"). A 4xx there, a
 * refusal of the sender or the message, and every connection error are worth another try.
 */
export function refusedForGood(err: unknown): boolean {
  const e = (err ?? {}) as { responseCode?: unknown; command?: unknown };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.command === 'RCPT TO';
}

/** What an error from a send may say in the log: its codes, never its message (it can name the recipient). */
export function mailErrorCode(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' && /^[A-Z_]{1,32}$/.test(e.code) ? e.code : 'ERROR';
  return typeof e.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}
