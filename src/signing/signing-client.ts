import { fetchJson } from '../fetch-json.js';
import { safeHref } from '../pledge-content.js';
import { placeOptions, type PlaceOption } from './places.js';
import type { SignatureRequest } from '../../contract/signature.js';
import { CAMPAIGN_CLOSED } from '../../contract/campaign.js';

/** Who keeps a signature and for how long, from the service's configuration (`GET {api}/privacy`). */
export interface Privacy {
  controller: string;
  privacyUrl: string;
  confirmHours: number;
}

/** What is sent: the contract's request, with the campaign signed when it is not the service's current one. */
export type Signature = SignatureRequest & { campaign?: string };

export type SendOutcome =
  | { kind: 'accepted' }
  /** The service's field error codes (`{"email": "invalid"}`), as sent: untrusted. */
  | { kind: 'invalid'; fields: Record<string, unknown> }
  | { kind: 'rate-limited' }
  /** The campaign's signing is not open: before it opens, or after it closed (409 `campaign_closed`). */
  | { kind: 'closed' }
  /** No answer, or one the widget cannot use: the service is down, or something in between is. */
  | { kind: 'unreachable' };

// `api` is the element's API base, without a trailing slash.

/** The list is 25 KB as JSON; an answer far beyond that is not the list. */
const MAX_LIST_BYTES = 128 * 1024;
const MAX_SMALL_BYTES = 4096;

function parsePrivacy(data: unknown): Privacy | undefined {
  const { controller, privacyUrl, confirmHours } = (data ?? {}) as Privacy;
  // The address becomes a link: http(s) only, so no javascript: URL can reach it.
  const url = safeHref(privacyUrl, '');
  return typeof controller === 'string' && controller.length < 200 && url && confirmHours > 0
    ? { controller, privacyUrl: url, confirmHours }
    : undefined;
}

/**
 * What the form needs before it can be filled in: the municipalities and counties to choose from,
 * and the privacy facts. Both are plain cacheable GETs, fetched in parallel.
 */
export async function loadForm(
  api: string,
  signal: AbortSignal,
): Promise<{ places: PlaceOption[]; privacy: Privacy } | undefined> {
  const get = (path: string, max: number) => fetchJson(`${api}/${path}`, { signal }, max);
  const [list, facts] = await Promise.all([get('municipalities', MAX_LIST_BYTES), get('privacy', MAX_SMALL_BYTES)]);
  const places = list?.status === 200 ? placeOptions(list.data) : undefined;
  const privacy = facts?.status === 200 ? parsePrivacy(facts.data) : undefined;
  return places && privacy ? { places, privacy } : undefined;
}

/** Sends a signature. Never rejects; every way it can end is a `SendOutcome`. */
export async function sendSignature(api: string, signature: Signature, signal: AbortSignal): Promise<SendOutcome> {
  const answer = await fetchJson(
    `${api}/signatures`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signature),
      signal,
    },
    MAX_SMALL_BYTES,
  );
  if (answer?.status === 202) return { kind: 'accepted' };
  if (answer?.status === 429) return { kind: 'rate-limited' };
  const { fields, error } = (answer?.data ?? {}) as { fields?: unknown; error?: unknown };
  if (answer?.status === 409 && error === CAMPAIGN_CLOSED) return { kind: 'closed' };
  if (answer?.status === 422 && typeof fields === 'object' && fields) {
    return { kind: 'invalid', fields: fields as Record<string, unknown> };
  }
  return { kind: 'unreachable' };
}
