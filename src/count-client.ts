import { fetchJson } from './fetch-json.js';

/** What the signature service reports at `GET {api}/count`. */
export interface Count {
  /** Confirmed signatures from elected officials and candidates. */
  signatures: number;
  /** Municipal and county councils that have adopted the pledge. */
  councils: number;
  /** When the figures last changed; null while nothing has happened yet. */
  updatedAt: Date | null;
  /** A council's own figures, as sent (untrusted): the local module validates them. */
  local?: unknown;
  /** The campaign counted, its state and signing period, as sent (untrusted): the campaign module validates it. */
  campaign?: unknown;
}

/** More councils than this cannot exist: 357 municipalities and 15 counties (2024). */
const MAX_COUNCILS = 372;
/** Far above every elected official and candidate in Norway; anything beyond is a broken answer. */
const MAX_SIGNATURES = 1_000_000;
/** The national answer is under 100 bytes; a council's, with its names, under 30 KB; a larger body is not read. */
const MAX_BODY = 65536;
const COUNT_TIMEOUT_MS = 10_000;

const isCount = (value: unknown, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max;

/**
 * Validates untrusted JSON from the network. Returns undefined for anything that is not exactly a
 * plausible count: the widget would rather show no number than a wrong one.
 */
function parseCount(data: unknown): Count | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { signatures, councils, updatedAt, local, campaign } = data as Record<string, unknown>;
  const date = typeof updatedAt === 'string' ? new Date(updatedAt) : updatedAt === null ? null : undefined;
  if (!isCount(signatures, MAX_SIGNATURES) || !isCount(councils, MAX_COUNCILS)) return undefined;
  if (date === undefined || date?.getTime() !== date?.getTime()) return undefined;
  return { signatures, councils, updatedAt: date, local, campaign };
}

/**
 * Fetches and validates the count. Never rejects: every failure (network, timeout, HTTP error,
 * wrong content type, bad JSON, implausible figures) resolves to undefined.
 *
 * No cookies are sent, and no request header beyond the CORS-safelisted ones, so the browser needs
 * no preflight. `cache: 'no-cache'`: the browser asks the service each time, with the ETag of its
 * copy (`If-None-Match`), and a 304 keeps that copy.
 */
export async function fetchCount(url: string, signal: AbortSignal): Promise<Count | undefined> {
  const answer = await fetchJson(
    url,
    { headers: { accept: 'application/json' }, signal, cache: 'no-cache' },
    MAX_BODY,
    COUNT_TIMEOUT_MS,
  );
  return answer?.status === 200 ? parseCount(answer.data) : undefined;
}
