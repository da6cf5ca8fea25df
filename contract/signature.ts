/**
 * The signature request, as the widget sends it and the service checks it: one JSON Schema, and the
 * TypeScript type derived from it (json-schema-to-ts, types only, so nothing here weighs on the
 * bundle unless the widget imports a value from it, which it does only for the small constants).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { CAMPAIGN_ID } from './campaign.js';

/** Who may sign: an elected member of a council, or a candidate at the election. */
export const ROLES = ['elected', 'candidate'] as const;
export type Role = (typeof ROLES)[number];

/** The languages of the mails and pages: bokmål and nynorsk. */
export const LANGS = ['nb', 'nn'] as const;
export type Lang = (typeof LANGS)[number];

export const NAME_MAX = 120;
/** RFC 5321's limit for a whole address. */
export const EMAIL_MAX = 254;

/** An SSB code: 4 digits for a municipality, 2 for a county (the codes in force from 2024-01-01). */
export const SSB_CODE = '^[0-9]{2}([0-9]{2})?$';

/**
 * Control characters (C0, DEL, C1), as a JSON Schema pattern's class: no field the service takes
 * allows one (none takes more than one line, so neither tab nor newline).
 */
export const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f';

// Printable text only: no control characters and not only white space.
const PRINTABLE = `^(?=[\\s\\S]*\\S)[^${CONTROLS}]*$`;

export const signatureRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'role', 'municipality', 'lang'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: NAME_MAX, pattern: PRINTABLE, description: 'Full name' },
    email: { type: 'string', minLength: 3, maxLength: EMAIL_MAX, format: 'email' },
    role: { type: 'string', enum: ROLES, description: 'Elected official or candidate' },
    municipality: {
      type: 'string',
      pattern: SSB_CODE,
      description: 'SSB code of the municipality (4 digits) or county (2 digits), as of 2024-01-01',
    },
    lang: { type: 'string', enum: LANGS, description: 'Language of the mail and pages' },
    campaign: {
      type: 'string',
      pattern: CAMPAIGN_ID,
      description: "The campaign signed (its id, as `/api/campaigns` lists them); absent: the service's current one",
    },
    showName: {
      type: 'boolean',
      description:
        'Explicit, separate consent to show the name and role publicly with the municipality, once confirmed ' +
        'and once KS has approved the name (GDPR art. 9). Absent means no.',
    },
  },
} as const;

/** `POST /signatures`'s body. */
export type SignatureRequest = FromSchema<typeof signatureRequestSchema>;

/** The field names a `422 invalid_fields` answer can use for a signature. */
export type SignatureField = keyof SignatureRequest;

/**
 * The per-field codes of a `422 invalid_fields` answer: what schema validation finds (`required`
 * to `not_allowed`), and what the service's own checks find after it.
 */
export type FieldErrorCode =
  | 'required'
  | 'wrong_type'
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'invalid'
  | 'unknown_value'
  | 'not_allowed'
  /** A name that reads as a web address (`nameProblem`). */
  | 'contains_link'
  /** A well-formed SSB code that is not in the list, or a date before the pledge existed. */
  | 'unknown'
  | 'out_of_range';

/** A `422` answer's body. */
export interface InvalidFields {
  error: 'invalid_fields';
  fields: Partial<Record<string, FieldErrorCode>>;
}
