// Test-only ways into a store: moving its time, making its writes fail, reading its queue without
// taking from it. Not part of `Store`: only tests import this module (eslint.config.mjs), through
// `testHooks(store)`; each engine implements the hooks beside itself (sqlite/ and postgres/test-hooks.ts).
import type { QueuedMail, Store } from './store.js';

export interface TestHooks {
  /** Makes every confirmation link expired as of `now`, as if its hours had passed. */
  expireConfirmLinks(now?: Date): Promise<void>;
  /** Makes every admin sign-in link expired as of `now`. */
  expireAdminLinks(now?: Date): Promise<void>;
  /** Moves every admin session's last request `idleMs`, and its start `ageMs`, into the past. */
  ageAdminSessions(idleMs: number, ageMs?: number): Promise<void>;
  /** Lifts the pause between two mails to this address's mailbox, as if it had passed. */
  endMailPause(email: string): Promise<void>;
  /** Makes every write fail (`true`), as a full disk would, or work again (`false`). */
  refuseWrites(refuse: boolean): Promise<void>;
  /** The mails whose time has come, oldest first, taking none. */
  dueMails(limit: number, now?: Date): Promise<QueuedMail[]>;
}

/** Where an engine keeps its hooks: a symbol, so that no caller of `Store` meets them by name. */
export const TEST_HOOKS = Symbol('test hooks');

/** A store as an engine makes it: with its test hooks under `TEST_HOOKS`. */
export interface Testable {
  readonly [TEST_HOOKS]: TestHooks;
}

/** The test hooks of a store that an engine opened. */
export function testHooks(store: Store): TestHooks {
  const hooks = (store as Store & Partial<Testable>)[TEST_HOOKS];
  if (!hooks) throw new Error(`this ${store.engine} store has no test hooks`);
  return hooks;
}
