// The values the admin's forms and addresses carry, read as text, and the dates and numbers its
// screens show.
import { CONTROLS } from '../../contract/signature.js';

/** A form field's text, or '' for anything else (a form never sends more than ~500 characters). */
export const formField = (value: unknown, max = 500): string =>
  typeof value === 'string' && value.length <= max ? value : '';

/** The lengths every admin form's own fields keep to: its language, the session's CSRF token. */
export const FORM_FIELDS = { lang: 20, csrf: 100 };

/** A value without its control characters, to show again what was typed. */
export const withoutControls = (value: string) => value.replace(new RegExp(`[${CONTROLS}]`, 'g'), '');

/**
 * What the browser's `type="email"` caught before the forms said `novalidate`: something, an @,
 * and a domain with a dot. The page's own words say what is wrong; whether an address is known is
 * never told here.
 */
const looksLikeAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** An e-mail field's problem, in the page's words: empty, or not an address; '' when neither. */
export const addressProblem = (value: string, empty: string, malformed: string): string =>
  value.trim() === '' ? empty : looksLikeAddress(value.trim()) ? '' : malformed;

/** "31.05.2023" or "2023-05-31" as YYYY-MM-DD; '' when it is not a real date. */
export function isoDate(input: string): string {
  const s = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? null;
  const n = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : n ? [n[3], n[2].padStart(2, '0'), n[1].padStart(2, '0')] : [];
  if (!y || !mo || !d) return '';
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : '';
}

/** YYYY-MM-DD as Norwegians write it: 31.05.2023. */
export const norwegianDate = (iso: string) => iso.split('-').reverse().join('.');

/** A moment as Norwegians write it, in Norway's time: 31.05.2023, 14:05. */
export const when = new Intl.DateTimeFormat('nb-NO', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Oslo',
});

/** A count as Norwegians write it: 1 234. */
export const number = new Intl.NumberFormat('nb-NO');
