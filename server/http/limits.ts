// Limits the service keeps on its own, beside the routes' rate limits (@fastify/rate-limit): failed
// admin calls per address, sign-in mails per admin address. Counted in the shared store where
// there is one (PostgreSQL), so that several instances count against one limit as the routes'
// limits do; else in this process's memory (SQLite: one process owns the data).
import { createHash } from 'node:crypto';
import type { RateLimitHit, Store } from '../store/index.js';

/**
 * A key of bounded length: as it is when short, else its SHA-256. A client's address is at most 45
 * characters, but behind a wrong TRUST_PROXY it is whatever X-Forwarded-For says, and PostgreSQL
 * refuses an index entry over about 2.7 KB (a 500 on every limited route).
 */
export const boundedKey = (key: string): string =>
  key.length <= 100 ? key : `sha256:${createHash('sha256').update(key).digest('base64url')}`;

/** Windows remembered at most in memory; the oldest are forgotten first. */
const MEMORY_KEYS = 50_000;

export class Limits {
  readonly #store: Store;
  readonly #memory = new Map<string, { count: number; resetAt: number }>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** One more in `key`'s window (a new window when none runs): how many in it now, and ms until it ends. */
  hit(key: string, windowMs: number, now = new Date()): Promise<RateLimitHit> {
    const bounded = boundedKey(key);
    if (this.#store.rateLimitHit) return this.#store.rateLimitHit(bounded, windowMs, now);
    const t = now.getTime();
    let entry = this.#live(bounded, t);
    if (!entry) {
      const oldest = this.#memory.keys().next();
      if (this.#memory.size >= MEMORY_KEYS && !oldest.done) this.#memory.delete(oldest.value);
      entry = { count: 0, resetAt: t + windowMs };
      this.#memory.set(bounded, entry);
    }
    entry.count++;
    return Promise.resolve({ current: entry.count, ttl: entry.resetAt - t });
  }

  /** `key`'s running window, without counting: how many in it, and ms until it ends; undefined for none. */
  peek(key: string, now = new Date()): Promise<RateLimitHit | undefined> {
    const bounded = boundedKey(key);
    if (this.#store.rateLimitPeek) return this.#store.rateLimitPeek(bounded, now);
    const t = now.getTime();
    const entry = this.#live(bounded, t);
    return Promise.resolve(entry && { current: entry.count, ttl: entry.resetAt - t });
  }

  /** The memory's window for `key` while it runs; one that has ended is forgotten. */
  #live(key: string, t: number) {
    const entry = this.#memory.get(key);
    if (entry && entry.resetAt <= t) this.#memory.delete(key);
    return entry && entry.resetAt > t ? entry : undefined;
  }
}
