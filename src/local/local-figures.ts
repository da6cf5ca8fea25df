import type { LocalFigures, PublicName } from '../../contract/local.js';
import { LOCAL_NAMES_MAX } from '../../contract/local.js';
import { NAME_MAX, ROLES } from '../../contract/signature.js';
import { safeHref } from '../pledge-content.js';

export type { LocalFigures, PublicName };

/** Far above any council's elected officials and candidates; anything beyond is a broken answer. */
const MAX_SIGNATURES = 100_000;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function parseName(value: unknown): PublicName | undefined {
  const { name, role } = (value ?? {}) as Record<string, unknown>;
  return isText(name, NAME_MAX) && ROLES.includes(role as PublicName['role'])
    ? { name, role: role as PublicName['role'] }
    : undefined;
}

/**
 * Validates the `local` part of the count answer (untrusted JSON from the network) for the code
 * the element asked for. Undefined for anything that is not exactly a plausible answer; the link to
 * a decision becomes http(s) only, or none.
 */
export function parseLocal(data: unknown, code: string): LocalFigures | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { code: answered, name, signatures, adopted, names } = data as Record<string, unknown>;
  if (answered !== code || !isText(name, 200)) return undefined;
  if (!Number.isSafeInteger(signatures) || (signatures as number) < 0 || (signatures as number) > MAX_SIGNATURES) {
    return undefined;
  }
  let adoption: LocalFigures['adopted'] = null;
  if (adopted !== null) {
    const { on, link } = (adopted ?? {}) as Record<string, unknown>;
    // A date as the service writes them, and a real one: 2024-13-45 is a broken answer.
    const date = typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on) ? new Date(on) : undefined;
    if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== on) return undefined;
    adoption = { on, link: typeof link === 'string' ? safeHref(link, '') || null : null };
  }
  if (!Array.isArray(names) || names.length > LOCAL_NAMES_MAX) return undefined;
  const list = names.map(parseName);
  if (list.some((n) => !n)) return undefined;
  return { code, name, signatures: signatures as number, adopted: adoption, names: list as PublicName[] };
}
