// What the service's limits count by.
import { createHash } from 'node:crypto';

/**
 * A key of bounded length: as it is when short, else its SHA-256. A client's address is at most 45
 * characters, but behind a wrong TRUST_PROXY it is whatever X-Forwarded-For says, and PostgreSQL
 * refuses an index entry over about 2.7 KB (a 500 on every limited route).
 */
export const boundedKey = (key: string): string =>
  key.length <= 100 ? key : `sha256:${createHash('sha256').update(key).digest('base64url')}`;
