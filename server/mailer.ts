import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Real mail through SMTP (nodemailer). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}

/**
 * No SMTP server configured: every mail is printed to the console and appended to
 * DATA_DIR/outbox.txt, links and all, so the whole flow works offline.
 */
export function outboxMailer(dataDir: string, log: FastifyBaseLogger): Mailer {
  const file = join(dataDir, 'outbox.txt');
  return {
    async send(mail) {
      const entry = `To: ${mail.to}\nSubject: ${mail.subject}\nDate: ${new Date().toISOString()}\n\n${mail.text}\n\n${'-'.repeat(72)}\n`;
      await mkdir(dataDir, { recursive: true });
      await appendFile(file, entry, 'utf8');
      log.info({ outbox: file }, 'mail written to the outbox (set SMTP_URL to send it)');
      process.stdout.write(`\n${entry}`);
    },
    close: () => {},
  };
}
