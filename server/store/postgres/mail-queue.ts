// The mail queue and the rate limits on PostgreSQL, shared by every instance.
import { mailOutcome } from '../../signing/rules.js';
import type { MailQueueState, QueuedMail, RateLimitHit, Store } from '../store.js';
import type { Pg } from './database.js';
import { applyWrites } from './writes.js';

/** The mails whose time has come, oldest first, taking none. */
export const dueMails = ({ rows }: Pg, limit: number, now = new Date()): Promise<QueuedMail[]> =>
  rows<QueuedMail>(
    'SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2',
    [now.toISOString(), limit],
  );

export function mailQueueMethods({
  pool,
  tx,
  row,
}: Pg): Required<Pick<Store, 'sendDueMails' | 'mailQueue' | 'rateLimitHit' | 'rateLimitPeek'>> {
  return {
    /**
     * The batch stays locked (FOR UPDATE SKIP LOCKED) in one transaction while it is sent, so every
     * other instance passes over it; if this one dies, its connection goes, the locks with it, and
     * the mails are another's to send at once. Each outcome is written before the commit.
     */
    sendDueMails(limit, send, now = new Date()) {
      return tx(async (c) => {
        const { rows } = await c.query<QueuedMail>(
          `SELECT id, recipient, request, attempts, created_at FROM mail_queue WHERE due_at <= $1
           ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now.toISOString(), limit],
        );
        const outcomes = await Promise.all(rows.map(send));
        for (const [i, outcome] of outcomes.entries()) await applyWrites(c, mailOutcome(rows[i].id, outcome));
        return rows.length;
      });
    },
    async mailQueue() {
      const state = await row<MailQueueState>(
        `SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing,
         min(created_at) AS oldest, min(due_at) AS next,
         coalesce((SELECT value::integer FROM meta WHERE key = 'mail_dropped'), 0) AS dropped FROM mail_queue`,
      );
      return state ?? { waiting: 0, failing: 0, oldest: null, next: null, dropped: 0 };
    },
    /**
     * One more request in the window `key` names; a window that has run out starts again. One
     * statement, no transaction around it: a flood costs one short query per request. Windows that
     * ran out are pruned by a timer (index.ts).
     */
    async rateLimitHit(key, windowMs, now = new Date()): Promise<RateLimitHit> {
      const ends = new Date(now.getTime() + windowMs).toISOString();
      const { hits, window_ends } = (
        await pool.query<{ hits: number; window_ends: string }>(
          `INSERT INTO rate_limits AS r (key, hits, window_ends) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET
               hits = CASE WHEN r.window_ends <= $3 THEN 1 ELSE r.hits + 1 END,
               window_ends = CASE WHEN r.window_ends <= $3 THEN excluded.window_ends ELSE r.window_ends END
             RETURNING hits, window_ends`,
          [key, ends, now.toISOString()],
        )
      ).rows[0];
      return { current: hits, ttl: Math.max(0, Date.parse(window_ends) - now.getTime()) };
    },
    async rateLimitPeek(key, now = new Date()) {
      const window = await row<{ hits: number; window_ends: string }>(
        'SELECT hits, window_ends FROM rate_limits WHERE key = $1 AND window_ends > $2',
        [key, now.toISOString()],
      );
      return window && { current: window.hits, ttl: Math.max(0, Date.parse(window.window_ends) - now.getTime()) };
    },
  };
}
