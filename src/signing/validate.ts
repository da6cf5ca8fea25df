import { LINK_LIKE } from '../../contract/names.js';
import { EMAIL_MAX, NAME_MAX, type FieldErrorCode, type Role } from '../../contract/signature.js';
import type { PlaceOption } from './places.js';

/** The form's fields, in the order they stand (and the error summary lists them). */
export const FIELDS = ['name', 'email', 'role', 'place'] as const;
export type Field = (typeof FIELDS)[number];

/** What can be wrong with a field; each has its own message, which repeats the field's label. */
export type Problem =
  | 'name-missing'
  | 'name-too-long'
  | 'name-link'
  | 'email-missing'
  | 'email-invalid'
  | 'role-missing'
  | 'place-missing'
  | 'place-unknown';

export type Problems = Partial<Record<Field, Problem>>;

/** What has been typed and chosen so far; kept through every state, so nothing is lost. */
export interface Draft {
  name: string;
  email: string;
  role: '' | Role;
  /** The municipality field's text. */
  placeText: string;
  /** The choice that text stands for, once one is made. */
  place: PlaceOption | undefined;
  /** The separate, optional consent to show the name and role publicly; never ticked in advance. */
  showName: boolean;
}

export const emptyDraft = (): Draft => ({
  name: '',
  email: '',
  role: '',
  placeText: '',
  place: undefined,
  showName: false,
});

// A local part, @, and a domain with a dot. The service's rule (ajv-formats' "email") is stricter
// in corners (two dots in a row, say); its answer lands on the same field with the same message.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The name as it is sent: inner runs of white space made one space, control characters gone. */
export const cleanName = (name: string): string =>
  name
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The same checks the service makes, so that a form that passes here is accepted there. */
export function check(draft: Draft): Problems {
  const problems: Problems = {};
  const name = cleanName(draft.name);
  const email = draft.email.trim();
  // Only white space and invisible format characters (zero-width spaces, say) is no name.
  if (!/[^\s\p{Cf}]/u.test(name)) problems.name = 'name-missing';
  else if (name.length > NAME_MAX) problems.name = 'name-too-long';
  // The service's rule for a name that reads as a web address (`contains_link`): checked here too, to
  // save a round trip.
  else if (LINK_LIKE.test(name)) problems.name = 'name-link';
  if (!email) problems.email = 'email-missing';
  else if (email.length > EMAIL_MAX || !EMAIL.test(email)) problems.email = 'email-invalid';
  if (!draft.role) problems.role = 'role-missing';
  if (!draft.place) problems.place = draft.placeText.trim() ? 'place-unknown' : 'place-missing';
  return problems;
}

/** The service's field error codes (`422`), on the same fields and messages as the form's own. */
export function problemsFromService(fields: Record<string, unknown>): Problems {
  const problems: Problems = {};
  if (fields.name) {
    problems.name =
      fields.name === ('too_long' satisfies FieldErrorCode)
        ? 'name-too-long'
        : fields.name === ('contains_link' satisfies FieldErrorCode)
          ? 'name-link'
          : 'name-missing';
  }
  if (fields.email) problems.email = 'email-invalid';
  if (fields.role) problems.role = 'role-missing';
  if (fields.municipality) problems.place = 'place-unknown';
  return problems;
}
