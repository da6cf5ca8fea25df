// The rules of KS's admin sign-in, written once for both stores (store/*/admin.ts apply them).

/** A session's times, as the store keeps them. */
export interface SessionTimes {
  created_at: string;
  last_seen_at: string;
}

/** A session idle for `idleMs`, or older than `maxMs`, has lapsed: it is deleted, and signs nobody in. */
export function sessionLapsed(session: SessionTimes, idleMs: number, maxMs: number, now: Date): boolean {
  const t = now.getTime();
  return t - Date.parse(session.last_seen_at) >= idleMs || t - Date.parse(session.created_at) >= maxMs;
}

/**
 * What a sign-in request stores: the link for an address that may sign in; for one that may not
 * (`email` undefined), a decoy that costs the same work, with no address and already expired, so it
 * signs nobody in, is purged by the next request, and is never mailed.
 */
export function signInLink(
  email: string | undefined,
  expiresAt: Date,
  now: Date,
): { email: string; expires_at: string } {
  return email === undefined
    ? { email: '', expires_at: now.toISOString() }
    : { email, expires_at: expiresAt.toISOString() };
}
