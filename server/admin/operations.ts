// What KS's staff can do, shared by the bearer-token API (admin/api.ts) and the admin page
// (admin/screens.ts), so both check an adoption and export the signatures the same way.
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { isKnownCode } from '../councils/municipalities.js';
import type { NameDecision, Store, WaitingName } from '../store/index.js';
import { CONTROLS, signatureRequestSchema, type FieldErrorCode } from '../../contract/signature.js';

/** The earliest adoption date accepted: the pledge's first version is from 2019. */
export const EARLIEST_ADOPTION = '2019-01-01';

// What a spreadsheet reads as the start of a formula: = + - @, their full-width (＝ ＋ － ＠) and
// small (﹦ ﹢ ﹣ ﹫) forms, tab and CR, after any white space.
const FORMULA_START = '[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B]';
// At the start of a cell, and after every character a spreadsheet may split cells on when it opens
// the file with another separator than ours (Norwegian Excel uses ;), a ' makes the rest text.
const FORMULA = new RegExp(`(^|[,;\\t\\r\\n])(?=\\s*${FORMULA_START})`, 'g');

/** A CSV cell's text with every place a spreadsheet could start a formula defused by a leading '. */
export const defuseCell = (value: string | null): string => (value ?? '').replace(FORMULA, "$1'");

/**
 * Whether text holds a control character (a NUL among them): no admin field takes one, and
 * PostgreSQL cannot store a NUL at all.
 */
export const hasControl = (text: string): boolean => new RegExp(`[${CONTROLS}]`).test(text);

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** Only an https address with a host is a decision's link. */
export const isHttpsLink = (link: string): boolean => {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

/** The longest decision link kept. */
export const LINK_MAX = 500;

/** What is wrong with an adoption, per field (none: it can be recorded). `date` is YYYY-MM-DD. */
export function adoptionErrors(
  municipality: string,
  date: string,
  link: string | undefined,
): Partial<Record<'municipality' | 'date' | 'link', FieldErrorCode>> {
  const fields: Partial<Record<'municipality' | 'date' | 'link', FieldErrorCode>> = {};
  if (!isKnownCode(municipality)) fields.municipality = 'unknown';
  if (date < EARLIEST_ADOPTION || date > tomorrow()) fields.date = 'out_of_range';
  if (link !== undefined && link.length > LINK_MAX) fields.link = 'too_long';
  else if (link !== undefined && (hasControl(link) || !isHttpsLink(link))) fields.link = 'invalid';
  return fields;
}

/** The export's columns: what the signer gave, when, the consent to show the name, and KS's approval. */
export const EXPORT_COLUMNS = [
  ...signatureRequestSchema.required,
  'created_at',
  'confirmed_at',
  'name_public',
  'name_approved',
] as const;

/**
 * Every signature as CSV: UTF-8 with a BOM (so that Excel reads æ, ø, å and the Sámi letters as
 * UTF-8), every cell quoted, CRLF, formulas defused.
 */
export async function signaturesCsv(store: Store, campaign: string): Promise<string> {
  const rows = (await store.exportRows(campaign)).map((row) => {
    const cells = { ...row, name_public: row.name_public_at, name_approved: row.name_approved_at };
    return Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, defuseCell(cells[column])]));
  });
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...EXPORT_COLUMNS],
    quoted: true,
    quoted_empty: true,
    record_delimiter: '\r\n',
  });
}

/** The export's file name, for Content-Disposition. */
export const EXPORT_FILE = 'valgloftet-signatures.csv';

/** The address an erasure looks for, as the API and the page both take it. */
const erasureAddress = (email: string): string => email.trim().toLowerCase();

/** How many signatures erasing this address would delete (0 or 1); shown before erasing. */
export const erasable = (store: Store, email: string): Promise<number> => store.erasable(erasureAddress(email));

/** Erases one person's data by e-mail address; returns how many signatures went (0 or 1). */
export const eraseSigner = (store: Store, email: string): Promise<number> => store.erase(erasureAddress(email));

/**
 * A waiting name as the admin page and the API name it: its id and a digest of what the admin sees
 * (name, role, council, when confirmed). Deciding by key acts on that name as it was seen, never on
 * another that took its id or changed in between.
 */
export function nameKey(name: WaitingName): string {
  const seen = JSON.stringify([name.id, name.name, name.role, name.municipality, name.confirmed_at]);
  return `${name.id}-${createHash('sha256').update(seen).digest('base64url').slice(0, 16)}`;
}

/** What a name's key looks like (`nameKey`). */
export const NAME_KEY = '^[0-9]{1,15}-[A-Za-z0-9_-]{16}$';

/** The most names one decision takes: a screen's worth, or an API call's. */
export const NAMES_PER_DECISION = 500;

/**
 * Approves or rejects exactly the names these keys name, each only while it waits as it was seen;
 * any other key is ignored. Returns how many were decided.
 */
export function decideNames(store: Store, decision: NameDecision, keys: readonly string[]): Promise<number> {
  const seen = new Map<number, string>();
  for (const key of keys.slice(0, NAMES_PER_DECISION)) {
    if (new RegExp(NAME_KEY).test(key)) seen.set(Number(key.split('-')[0]), key);
  }
  return store.decideNames(decision, [...seen.keys()], (name) => seen.get(name.id) === nameKey(name));
}
