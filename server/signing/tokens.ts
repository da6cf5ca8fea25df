import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token for a link, and the hash under which it is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Tokens are stored as SHA-256: a copy of the database confirms or withdraws nothing. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Compares secrets in constant time (the admin token). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
