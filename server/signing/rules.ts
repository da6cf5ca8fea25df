// The rules of signing, written once for both stores.
import type { SignatureInput, TokenInfo } from '../store/store.js';

/** Resending a confirmation to the same mailbox waits this long, so nobody can flood a mailbox. */
export const MAIL_PAUSE_MS = 10 * 60 * 1000;

/** A token's row as both stores read it: the signature's details, its state, and the token's expiry. */
export type TokenRow = Omit<TokenInfo, 'confirmed' | 'namePublic' | 'amended'> & {
  confirmed_at: string | null;
  name_public_at: string | null;
  amended_at: string | null;
  expires_at: string | null;
};

/** The signature behind a token's row, or undefined when there is none or the token has expired. */
export function liveToken(row: TokenRow | undefined, now: Date): TokenInfo | undefined {
  if (!row || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  const { signatureId, name, role, municipality, lang } = row;
  return {
    signatureId,
    name,
    role,
    municipality,
    lang,
    confirmed: !!row.confirmed_at,
    namePublic: !!row.name_public_at,
    amended: !!row.amended_at,
  };
}

/**
 * What sending the form again within the mail pause does to an unconfirmed signature, whose one
 * mail then confirms whatever the row holds. Anyone who knows the address can do it, so it may take
 * a consent back but never give one; and a change of name, role or council drops the consent
 * (the owner consented to show other details) and is marked `changed`, so the confirmation page
 * says that the details were changed after the form was first sent.
 */
export function amendment(
  stored: Pick<SignatureInput, 'name' | 'role' | 'municipality'>,
  sent: SignatureInput,
): { changed: boolean; keepsConsent: boolean } {
  const changed = stored.name !== sent.name || stored.role !== sent.role || stored.municipality !== sent.municipality;
  return { changed, keepsConsent: sent.showName === true && !changed };
}
