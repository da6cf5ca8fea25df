// The rules of signing, written once for both stores: given the rows a store has read (and locked)
// in its transaction, each function decides what to write and which mail to queue, and the store
// applies that in the same transaction (store/writes.ts). Pure and synchronous: no clock but `now`,
// no randomness but the tokens handed in, no I/O, so better-sqlite3's synchronous transactions can
// run them and the tests can call them without a database.
import { mailboxOf } from '../mail/mailbox.js';
import type { MailRequest } from '../mail/mails.js';
import type { Lang, Role } from '../../contract/signature.js';
import type { MailOutcome, NameDecision, SignatureInput, SignOutcome, TokenInfo, WaitingName } from '../store/store.js';
import type { Decision, SignatureChange, SignatureRef, Write } from '../store/writes.js';

/** Resending a confirmation to the same mailbox waits this long, so nobody can flood a mailbox. */
export const MAIL_PAUSE_MS = 10 * 60 * 1000;

/** The signature signing finds under the mailbox of the address given (read FOR UPDATE). */
export interface SignedBefore {
  id: number;
  email: string;
  name: string;
  role: Role;
  municipality: string;
  lang: Lang;
  confirmed_at: string | null;
  last_mail_at: string | null;
}

/** A fresh token: the raw one goes into the mail, its hash into the store. */
export interface Token {
  token: string;
  hash: string;
}

/** A token's row as both stores read it: the signature's details, its state, and the token's expiry. */
export type TokenRow = Omit<TokenInfo, 'confirmed' | 'namePublic' | 'amended'> & {
  mailbox: string;
  confirmed_at: string | null;
  name_public_at: string | null;
  amended_at: string | null;
  expires_at: string | null;
};

const update = (id: number, set: SignatureChange): Write => ({ write: 'update-signature', id, set });
const countChanged = (now: Date): Write => ({ write: 'count-changed', at: now.toISOString() });

/** The signature behind a token's row, or undefined when there is none or the token has expired. */
export function liveToken(row: TokenRow | undefined, now: Date): TokenInfo | undefined {
  if (!row || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  const { signatureId, name, role, municipality, lang, campaign } = row;
  return {
    signatureId,
    campaign,
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

/**
 * Signing: records a signature, or refreshes a pending one, and queues its mail, all in the
 * store's one transaction, so a signature acknowledged to a client always has its mail on the way.
 * `existing` is the signature under the same mailbox, if any. Every path is handed the same two
 * tokens and writes in one transaction, so the time an answer takes does not tell whether the
 * address was known.
 */
export function decideSign(
  existing: SignedBefore | undefined,
  input: SignatureInput,
  tokens: { confirm: Token; withdraw: Token },
  confirmHours: number,
  now: Date,
): Decision<SignOutcome> {
  const iso = now.toISOString();
  // Named one by one: nothing else the request may carry reaches a column.
  const { name, email, role, municipality, lang, showName, campaign } = input;
  if (existing?.last_mail_at && now.getTime() - Date.parse(existing.last_mail_at) < MAIL_PAUSE_MS) {
    // No second mail so soon. A signer who went back to the form to mend a detail is not lost: an
    // unconfirmed signature takes the new details, and the link already mailed confirms them (its
    // page shows them first). An amendment may take a consent back, never give one.
    if (existing.confirmed_at) return { result: 'none', writes: [update(existing.id, { last_attempt_at: iso })] };
    const { changed, keepsConsent } = amendment(existing, input);
    return {
      result: 'none',
      writes: [
        update(existing.id, {
          name,
          role,
          municipality,
          lang,
          ...(keepsConsent ? {} : { name_public_at: null }),
          ...(changed ? { amended_at: iso } : {}),
          last_attempt_at: iso,
        }),
      ],
    };
  }
  const { confirm, withdraw } = tokens;
  if (existing?.confirmed_at) {
    // A new withdraw link beside the old ones: the links in earlier mails keep working.
    const request: MailRequest = {
      kind: 'already-signed',
      lang: existing.lang,
      withdrawToken: withdraw.token,
      campaign,
    };
    return {
      result: 'already-signed',
      writes: [
        update(existing.id, { last_mail_at: iso, last_attempt_at: iso }),
        { write: 'add-token', signature: existing.id, hash: withdraw.hash, purpose: 'withdraw', expiresAt: null },
        { write: 'queue-mail', signature: existing.id, recipient: existing.email, request, at: iso },
      ],
    };
  }
  // Consent is given in this request, or not at all: an earlier tick does not carry over.
  const namePublic = showName === true ? iso : null;
  const sent = {
    name,
    email,
    role,
    municipality,
    lang,
    name_public_at: namePublic,
    last_mail_at: iso,
    last_attempt_at: iso,
  };
  const writes: Write[] = existing
    ? [
        // Signed again after the pause, still unconfirmed: sent afresh, with new links only.
        update(existing.id, { ...sent, amended_at: null }),
        { write: 'drop-tokens', signature: existing.id },
        { write: 'drop-mails', signature: existing.id },
      ]
    : [{ write: 'insert-signature', values: { ...sent, campaign, mailbox: mailboxOf(email), created_at: iso } }];
  const id: SignatureRef = existing?.id ?? 'inserted';
  const expires = new Date(now.getTime() + confirmHours * 3600_000).toISOString();
  // The mail tells what the consent means and how to withdraw it alone.
  const request: MailRequest = {
    kind: 'confirm',
    lang,
    confirmToken: confirm.token,
    withdrawToken: withdraw.token,
    namePublic: namePublic !== null,
    campaign,
  };
  writes.push(
    { write: 'add-token', signature: id, hash: confirm.hash, purpose: 'confirm', expiresAt: expires },
    { write: 'add-token', signature: id, hash: withdraw.hash, purpose: 'withdraw', expiresAt: null },
    { write: 'queue-mail', signature: id, recipient: email, request, at: iso },
  );
  return { result: 'confirm', writes };
}

/**
 * Confirming through a live confirmation link: the signature counts from now, and the link is
 * spent. `asSeen` is what the signer saw when they pressed the button: unless it still holds,
 * nothing is confirmed and the answer says `changed`.
 */
export function decideConfirm(
  row: TokenRow | undefined,
  now: Date,
  asSeen?: (info: TokenInfo) => boolean,
): Decision<(TokenInfo & { changed?: true }) | undefined> {
  const info = liveToken(row, now);
  if (!info) return { result: undefined, writes: [] };
  if (asSeen && !asSeen(info)) return { result: { ...info, changed: true }, writes: [] };
  return {
    result: info,
    writes: [
      ...(info.confirmed ? [] : [update(info.signatureId, { confirmed_at: now.toISOString() })]),
      { write: 'drop-tokens', signature: info.signatureId, purpose: 'confirm' },
      countChanged(now),
    ],
  };
}

/**
 * Withdrawing the consent to show the name (the withdraw link's second button): the signature
 * stays and counts, the name leaves every public list, which are memoised with the count.
 */
export function decideHideName(row: TokenRow | undefined, now: Date): Decision<TokenInfo | undefined> {
  const info = liveToken(row, now);
  if (!info) return { result: undefined, writes: [] };
  return {
    result: { ...info, namePublic: false },
    writes: [
      update(info.signatureId, { name_public_at: null }),
      ...(info.confirmed && info.namePublic ? [countChanged(now)] : []),
    ],
  };
}

/**
 * Deleting the signature behind a live link: withdrawing (the withdraw link), or discarding an
 * unconfirmed one (the confirmation link's "that is not right"; a confirmed one is left alone).
 * The row goes with its tokens and mails, so nothing personal is kept.
 */
export function decideDelete(
  row: TokenRow | undefined,
  now: Date,
  only: 'any' | 'pending',
): Decision<TokenInfo | undefined> {
  const info = liveToken(row, now);
  if (!row || !info || (only === 'pending' && info.confirmed)) return { result: undefined, writes: [] };
  return {
    result: info,
    writes: [{ write: 'delete-signature', id: info.signatureId }, ...(info.confirmed ? [countChanged(now)] : [])],
    forget: [row.mailbox],
  };
}

/** A stored signature as erasure and the purge read it. */
export interface StoredSignature {
  id: number;
  mailbox: string;
  confirmed_at: string | null;
}

/** Erasing a person (KS's admin): every signature under the mailbox, with its tokens and mails. */
export function decideErase(found: readonly StoredSignature[], now: Date): Decision<number> {
  return {
    result: found.length,
    writes: [
      ...found.map((s): Write => ({ write: 'delete-signature', id: s.id })),
      ...(found.some((s) => s.confirmed_at) ? [countChanged(now)] : []),
    ],
    forget: found.map((s) => s.mailbox),
  };
}

/**
 * The hourly purge: an unconfirmed signature whose confirmation link has expired unused is deleted.
 * `pending` are the unconfirmed signatures, each with the latest expiry of its confirmation links
 * (null for none).
 */
export function decidePurge(
  pending: readonly (StoredSignature & { link_expires_at: string | null })[],
  now: Date,
): Decision<number> {
  const iso = now.toISOString();
  const expired = pending.filter((s) => !s.confirmed_at && !(s.link_expires_at && s.link_expires_at > iso));
  return {
    result: expired.length,
    writes: expired.map((s): Write => ({ write: 'delete-signature', id: s.id })),
    forget: expired.map((s) => s.mailbox),
  };
}

/**
 * KS's decision on waiting names (`waiting`: those of the ids given that still wait, read FOR
 * UPDATE). Only a name as the admin saw it (`asSeen`) is decided. Approved: shown from now on.
 * Rejected: the consent goes, so the name is never shown; the signature stays and counts.
 */
export function decideNames(
  decision: NameDecision,
  waiting: readonly WaitingName[],
  asSeen: (name: WaitingName) => boolean,
  now: Date,
): Decision<number> {
  const seen = waiting.filter(asSeen);
  const iso = now.toISOString();
  return {
    result: seen.length,
    writes: [
      ...seen.map((n) => update(n.id, decision === 'approve' ? { name_approved_at: iso } : { name_public_at: null })),
      ...(seen.length ? [countChanged(now)] : []),
    ],
  };
}

/**
 * What the mail queue records for a mail it handed out: sent (or given up), gone from the queue;
 * refused for good, gone and counted; failed, tried again at its time; 'keep', nothing.
 */
export function mailOutcome(id: number, outcome: MailOutcome): Write[] {
  if (outcome === 'sent') return [{ write: 'mail-done', id }];
  if (outcome === 'dropped') return [{ write: 'mail-dropped', id }];
  if (outcome === 'keep') return [];
  return [{ write: 'mail-failed', id, retryAt: outcome.retryAt.toISOString(), error: outcome.error }];
}

/** A signature as deleting a campaign's data reads it: its council and role, and whether it counts. */
export interface RetiredSignature {
  id: number;
  mailbox: string;
  municipality: string;
  role: Role;
  confirmed_at: string | null;
}

/**
 * A campaign's retention has ended: every signature of it goes (names, addresses, tokens and
 * queued mails with them), and what is kept is the count of the confirmed ones per council and
 * role, added to what an earlier deletion kept. `done`: this campaign's data were deleted before
 * (nothing is written; undefined).
 */
export function decideCampaignDeletion(
  campaign: string,
  rows: readonly RetiredSignature[],
  done: boolean,
  now: Date,
): Decision<number | undefined> {
  if (done) return { result: undefined, writes: [] };
  const tallies = new Map<string, { municipality: string; role: Role; signatures: number }>();
  for (const row of rows) {
    if (!row.confirmed_at) continue;
    const key = `${row.municipality}/${row.role}`;
    const tally = tallies.get(key) ?? { municipality: row.municipality, role: row.role, signatures: 0 };
    tally.signatures++;
    tallies.set(key, tally);
  }
  const at = now.toISOString();
  return {
    result: rows.length,
    writes: [
      ...[...tallies.values()].map((tally): Write => ({ write: 'add-tally', campaign, ...tally })),
      ...rows.map((row): Write => ({ write: 'delete-signature', id: row.id })),
      { write: 'campaign-deleted', campaign, at, signatures: rows.length },
      countChanged(now),
    ],
    forget: [...new Set(rows.map((row) => row.mailbox))],
  };
}
