import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Campaigns } from '../campaigns/campaigns.js';
import { mailErrorCode, refusedForGood, type Mailer } from './mailer.js';
import { composeMail } from './mails.js';
import type { MailOutcome, QueuedMail, Store } from '../store/index.js';

export interface MailQueueOptions {
  /** The first retry waits this long; each next one twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the queue looks for mail whose retry time has come. */
  pollMs: number;
}

/** How many mails are sent at once. */
const BATCH = 10;

/**
 * Sends the mails that signing queued in the same transaction as the signature, and tries again
 * with growing pauses when the SMTP server is away. A mail is deleted from the queue only once the
 * server has accepted it, so a crash between the two sends it twice, never not at all.
 */
export class MailQueue {
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly config: Config,
    /** Whose words each mail says: the campaign its signer signed. */
    private readonly campaigns: Campaigns,
    private readonly log: FastifyBaseLogger,
    private readonly options: MailQueueOptions,
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      this.kick();
    }, this.options.pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Sends what is due now; called after each signature and on a timer. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => (this.#running = undefined));
  }

  async #drain(): Promise<void> {
    for (;;) {
      this.#again = false;
      if (this.#stopped) return;
      let taken: number;
      try {
        taken = await this.store.sendDueMails(BATCH, (mail) => this.#send(mail));
      } catch (err) {
        this.log.error({ code: mailErrorCode(err) }, 'mail queue unreadable');
        return;
      }
      // kick() sets #again while the sends are awaited, which the type checker cannot see.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by kick() during the await
      if (taken < BATCH && !this.#again) return;
    }
  }

  async #send(mail: QueuedMail): Promise<MailOutcome> {
    const age = Date.now() - Date.parse(mail.created_at);
    if (mail.request.kind === 'confirm' && age > this.config.confirmHours * 3600_000) {
      // Its link has expired: the mail would only say something untrue.
      this.log.warn(
        { mail: mail.id, attempts: mail.attempts },
        'mail given up: its link expired before it could be sent',
      );
      return 'sent';
    }
    try {
      await this.mailer.send({ to: mail.recipient, ...composeMail(mail.request, this.config, this.campaigns) });
      if (mail.attempts) this.log.info({ mail: mail.id, attempts: mail.attempts + 1 }, 'mail sent after retrying');
      // Stopped meanwhile: the store may be closing; the mail stays queued and is sent again.
      return this.#stopped ? 'keep' : 'sent';
    } catch (err) {
      if (this.#stopped) return 'keep';
      const code = mailErrorCode(err);
      if (refusedForGood(err)) {
        // Another try gets the same answer: dropped and counted, so that one bad address neither
        // fills the queue nor makes every instance unready (/readyz).
        this.log.warn(
          { mail: mail.id, attempts: mail.attempts + 1, code },
          'mail dropped: the recipient was refused for good',
        );
        return 'dropped';
      }
      const { retryBaseMs, retryMaxMs } = this.options;
      const wait = Math.min(retryBaseMs * 2 ** mail.attempts, retryMaxMs);
      this.log.warn(
        { mail: mail.id, attempts: mail.attempts + 1, code, retryInSeconds: Math.round(wait / 1000) },
        'mail not sent; will try again',
      );
      return { retryAt: new Date(Date.now() + wait), error: code };
    }
  }

  /**
   * Stops taking new mail and waits a moment for the sends under way; one still hanging on a slow
   * server is left, and its mail stays queued for the next start.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.race([this.#running, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}
