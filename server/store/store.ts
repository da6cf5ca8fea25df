// What a store is: the interface every engine implements, and the shapes it speaks in. The engines
// (sqlite/, postgres/) speak SQL; the rules they apply are written once, above them
// (signing/rules.ts). index.ts opens the one the config asks for.
import type { MailRequest } from '../mail/mails.js';
import type { SignatureColumns } from './writes.js';
import type { Lang, Role, SignatureRequest } from '../../contract/signature.js';

/**
 * A signature request as checked and tidied by the API. `email` is as typed, trimmed: the mail
 * goes there. Signers are told apart by its mailbox (`mailboxOf`).
 */
export type SignatureInput = SignatureRequest & {
  /** The campaign signed: the one the request named, else the current one (server/campaigns/). */
  campaign: string;
};

export interface Count {
  signatures: number;
  councils: number;
  /** When the count last changed; null while nothing has happened yet. */
  updatedAt: string | null;
}

/** What signing led to (the client learns none of it): which mail was queued, if any. */
export type SignOutcome = 'confirm' | 'already-signed' | 'none';

/** A mail waiting in the queue. */
export interface QueuedMail {
  id: number;
  recipient: string;
  request: MailRequest;
  attempts: number;
  /** When it was queued, with its tokens; a confirmation older than its link is not sent. */
  created_at: string;
}

export interface TokenInfo {
  signatureId: number;
  /** The campaign signed. */
  campaign: string;
  name: string;
  role: Role;
  /** SSB code of the municipality or county. */
  municipality: string;
  lang: Lang;
  confirmed: boolean;
  /** The signer consented to show their name and role publicly (shown once confirmed and approved). */
  namePublic: boolean;
  /** The name, role or council was changed after the form was first sent (within the mail pause). */
  amended: boolean;
}

/** A confirmed signer shown by consent: where, who and in what role. */
export interface PublicSigner {
  municipality: string;
  name: string;
  role: Role;
}

/**
 * A name that waits for KS's approval: its signature is confirmed and its signer consented to be
 * shown, but nothing yet ties the name to the person (anyone can sign in anyone's name from their
 * own mailbox). Never an address.
 */
export interface WaitingName {
  id: number;
  name: string;
  role: Role;
  municipality: string;
  /** When the signature was confirmed: the queue's order, oldest first. */
  confirmed_at: string;
}

/** What KS decides about a waiting name: shown from now on, or never (its consent dropped). */
export type NameDecision = 'approve' | 'reject';

/** What the audit log records. */
export type AuditAction =
  | 'sign-in'
  | 'sign-out'
  | 'adoption-recorded'
  | 'adoption-updated'
  | 'adoption-removed'
  | 'export'
  | 'erasure'
  | 'names-approved'
  | 'names-rejected'
  | 'campaign-data-deleted';

/** One line of the audit log: when, which admin, what, and its object (a council's code, a count). */
export interface AuditEntry {
  at: string;
  admin: string;
  action: AuditAction;
  object: string | null;
  /** The campaign it concerned; null for signing in and out. */
  campaign: string | null;
}

/** A campaign whose signers' data were deleted after its retention: when, and how many signatures went. */
export interface CampaignDeletion {
  campaign: string;
  deleted_at: string;
  signatures: number;
}

/** A signature's columns as the export gives them, in their order: all but the mailbox and the mail queue's. */
export const SIGNATURE_ROW_COLUMNS = [
  'name',
  'email',
  'role',
  'municipality',
  'lang',
  'created_at',
  'confirmed_at',
  'name_public_at',
  'name_approved_at',
  'campaign',
] as const satisfies readonly (keyof SignatureColumns)[];

/** A signature as the export gives it. */
export type SignatureRow = Pick<SignatureColumns, (typeof SIGNATURE_ROW_COLUMNS)[number]>;

/** Why the service may not start on its data: it would look like a fresh, empty service. */
export class DataDirError extends Error {}

/** One council's figures, as `Store.local` gives them. */
export interface LocalRows {
  signatures: number;
  adopted: { on: string; link: string | null } | null;
  names: PublicSigner[];
}

export interface Adoption {
  council: string;
  adopted_on: string;
  link: string | null;
}

export interface MailQueueState {
  /** Mails in the queue: each one is retried until it is sent (or its link expires). */
  waiting: number;
  failing: number;
  oldest: string | null;
  next: string | null;
  /** Mails dropped because the server refused their recipient for good (5xx), ever, on every instance. */
  dropped: number;
}

/**
 * What became of a mail handed out by `sendDueMails`: sent (or given up), the row deleted; kept as
 * it was; dropped, the row deleted and counted (`MailQueueState.dropped`), when the server refused
 * the recipient for good; or failed, to be tried again. `error` must hold no personal data.
 */
export type MailOutcome = 'sent' | 'keep' | 'dropped' | { retryAt: Date; error: string };

/** A rate-limit window's state after one more request: how many in it, and ms until it ends. */
export interface RateLimitHit {
  current: number;
  ttl: number;
}

/**
 * Everything the service keeps. Every method is one transaction (or one statement): a promise that
 * resolves has committed. Tokens arrive hashed and the caller makes them (tokens.ts), so the stores
 * stay free of crypto. `now` is a parameter wherever time matters, so tests can move it.
 */
export interface Store {
  /** Which engine, for the logs and /readyz. */
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Goes up with every change to the count made through this store (and, with PostgreSQL, through
   * any other instance, as soon as its notification arrives). Memos of the count compare it.
   */
  readonly version: number;
  /** The schema versions this process applied when it opened the store (none if already current). */
  readonly migrated: readonly number[];
  /** Called with the mailboxes of people whose data was just deleted, so copies elsewhere go too. */
  onForget(listener: (mailboxes: string[]) => void): void;

  /**
   * Records a signature, or refreshes a pending one, and queues its mail, in one transaction: a
   * signature acknowledged to a client always has its mail on the way. Every path makes the same
   * tokens and commits one write, so the time an answer takes does not tell whether the address was
   * known.
   */
  sign(
    input: SignatureInput,
    tokens: () => { token: string; hash: string },
    confirmHours: number,
    now?: Date,
  ): Promise<SignOutcome>;
  /** The signature behind a live token, or undefined for an unknown, used or expired one. */
  lookupToken(hash: string, purpose: 'confirm' | 'withdraw', now?: Date): Promise<TokenInfo | undefined>;
  /**
   * Confirms a signature; the token is spent. Undefined when the token is not live. `asSeen` is what
   * the signer saw when they pressed the button: unless it still holds, nothing is confirmed.
   */
  confirm(
    hash: string,
    now?: Date,
    asSeen?: (info: TokenInfo) => boolean,
  ): Promise<(TokenInfo & { changed?: true }) | undefined>;
  /** Withdraws the consent to show the name: the signature stays and counts, the name goes. */
  hideName(withdrawHash: string, now?: Date): Promise<TokenInfo | undefined>;
  /** Withdraws a signature: the row and its tokens are deleted, so nothing personal is kept. */
  withdraw(hash: string, now?: Date): Promise<TokenInfo | undefined>;
  /** Deletes an unconfirmed signature through its confirmation token ("that is not right"). */
  discardPending(confirmHash: string, now?: Date): Promise<TokenInfo | undefined>;
  /** Erases everything about one person (admin), by the mailbox of the address; how many went. */
  erase(email: string, now?: Date): Promise<number>;
  /** How many signatures an erasure by this address would delete (0 or 1). */
  erasable(email: string): Promise<number>;
  /** Deletes signatures whose confirmation link has expired unused. */
  purgeUnconfirmed(now?: Date): Promise<number>;

  // Each campaign has its own signatures, adoptions and figures (`campaign`: its folder's name).
  /** Records a council's adoption; a second record for the same council replaces the first. */
  recordAdoption(
    campaign: string,
    council: string,
    date: string,
    link: string | null,
    now?: Date,
  ): Promise<'created' | 'updated'>;
  deleteAdoption(campaign: string, council: string, now?: Date): Promise<boolean>;
  adoptions(campaign: string): Promise<Adoption[]>;
  /** The recorded adoptions, the most recently recorded first (the admin page's list). */
  adoptionsNewestFirst(campaign: string): Promise<(Adoption & { recorded_at: string })[]>;

  /**
   * The count, computed from the rows every time (no counter kept by hand), with what is kept of
   * a campaign whose signers' data were deleted (its tallies).
   */
  count(campaign: string): Promise<Count>;
  /**
   * One council's figures. `codes` are the SSB codes that mean this council (Oslo is both 0301 and
   * 03); `council` is the code its adoption is recorded under. Names in no particular order.
   */
  local(campaign: string, codes: readonly [string, string], council: string): Promise<LocalRows>;
  /** Confirmed signatures per SSB code as signed; codes with none are left out. */
  signersByCouncil(campaign: string): Promise<Map<string, number>>;
  /**
   * Every signer shown by name, by municipality and name: confirmed, consented and approved by KS.
   * Never an address.
   */
  publicSigners(campaign: string): Promise<PublicSigner[]>;
  /**
   * Deletes every signature of a campaign whose retention has ended: names, addresses, tokens and
   * queued mails, in one transaction that keeps the confirmed ones' count per council and role
   * (the count adds them) and records the deletion. On SQLite nothing is left in the file
   * (secure_delete, then the WAL emptied and the file vacuumed); on PostgreSQL the table is
   * vacuumed after. Resolves to how many signatures went, or undefined when this campaign's data
   * were deleted before.
   */
  deleteCampaignData(campaign: string, now?: Date): Promise<number | undefined>;
  /** Every campaign whose signers' data were deleted. */
  campaignDeletions(): Promise<CampaignDeletion[]>;
  /** Every signature, pending ones too, in the order they came (the admin export). */
  exportRows(campaign: string): Promise<SignatureRow[]>;
  /** The stored signatures with this address as typed or this mailbox (0 or 1 of them). */
  signaturesWhere(where: { email: string } | { mailbox: string }): Promise<SignatureRow[]>;
  /** Signatures per SSB code as signed, confirmed and not yet. No names, no addresses. */
  signaturesByPlace(campaign: string): Promise<{ municipality: string; confirmed: number; unconfirmed: number }[]>;
  /** Signatures made per day (UTC) since `since`, and how many of them are confirmed. */
  signaturesByDay(campaign: string, since: Date): Promise<{ day: string; confirmed: number; unconfirmed: number }[]>;

  // KS's admin page: sign-in links, sessions, the audit log.
  /** A sign-in request, the same work whether the address may sign in or not (`email` undefined). */
  adminLinkRequested(hash: string, email: string | undefined, expiresAt: Date, now?: Date): Promise<void>;
  /** The address behind a live sign-in link, which stays live (its page shows the button). */
  adminLink(hash: string, now?: Date): Promise<string | undefined>;
  /** Spends a sign-in link and opens a session for its address, in one transaction. */
  adminSignIn(linkHash: string, sessionHash: string, now?: Date): Promise<string | undefined>;
  /** The admin behind a session; its idle time starts again. An idle or too old session is deleted. */
  adminSession(hash: string, idleMs: number, maxMs: number, now?: Date): Promise<string | undefined>;
  /** Ends a session on the server (signing out); logged. */
  adminSignOut(hash: string, now?: Date): Promise<void>;
  /**
   * Logs an admin's action: who, what (an action and at most a council's code or a count), about
   * which campaign (null: none), when.
   */
  audit(
    admin: string,
    action: AuditAction,
    object?: string | null,
    campaign?: string | null,
    now?: Date,
  ): Promise<void>;
  /** The audit log, newest first: `limit` entries after skipping the `offset` newest. */
  auditLog(limit?: number, offset?: number): Promise<AuditEntry[]>;
  /** How many entries the audit log holds. */
  auditCount(): Promise<number>;

  // KS approves every public name: a name is shown once confirmed, consented to and approved.
  /** Names waiting for approval, the oldest confirmation first, at most `limit`; of these codes only when given. */
  waitingNames(limit: number, codes?: readonly [string, string]): Promise<WaitingName[]>;
  /** How many names wait for approval, in all. */
  waitingNameCount(): Promise<number>;
  /**
   * Approves the waiting names with these ids (shown from now on), or rejects them (their consent
   * is dropped, so they are never shown; the signature stays and counts), in one transaction. Only
   * a name that still waits and for which `asSeen` holds is decided: one that changed since the
   * admin saw it is left. Resolves to how many were decided.
   */
  decideNames(
    decision: NameDecision,
    ids: readonly number[],
    asSeen: (name: WaitingName) => boolean,
    now?: Date,
  ): Promise<number>;

  // The mail queue, shared by every instance.
  /**
   * Takes up to `limit` mails whose time has come, oldest first, hands each to `send`, and records
   * what became of it: sent (or given up), the row and the tokens in it deleted; failed, tried again
   * at `retryAt`; 'keep', left as it was. With PostgreSQL the mails stay locked (FOR UPDATE SKIP
   * LOCKED) until then, so no other instance takes them; if this one dies while sending, its locks
   * go with its connection and another instance sends them. Resolves to how many were taken.
   */
  sendDueMails(limit: number, send: (mail: QueuedMail) => Promise<MailOutcome>, now?: Date): Promise<number>;
  /** How the queue stands, for readiness and the logs. */
  mailQueue(): Promise<MailQueueState>;

  /**
   * One more request in a rate-limit window, counted in the shared store; undefined where the
   * store is one process's own (SQLite), whose limits the process keeps in memory.
   */
  rateLimitHit?(key: string, windowMs: number, now?: Date): Promise<RateLimitHit>;
  /** A rate-limit window's state while it runs, counting nothing; undefined for none (and where rateLimitHit is). */
  rateLimitPeek?(key: string, now?: Date): Promise<RateLimitHit | undefined>;
  /** Proves the write path: one committed write, as a signature makes. Rejects when it fails. */
  probeWrite(now?: Date): Promise<void>;
  /** The engine's own checks: 'ok', or what is wrong. */
  integrity(): Promise<string>;
  close(): Promise<void>;
}
