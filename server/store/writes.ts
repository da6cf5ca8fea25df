// What a rule (signing/rules.ts) may ask a store to write: the few writes both engines know, each
// applied in the transaction that read the rows the rule decided on. The rules decide; the engines
// only speak their SQL for each of these (sqlite/writes.ts, postgres/writes.ts).
import type { MailRequest } from '../mail/mails.js';
import type { Lang, Role } from '../../contract/signature.js';

/** A signature's columns, as stored (times as ISO 8601). */
export interface SignatureColumns {
  /** The campaign signed (its folder's name); a person signs each campaign once. */
  campaign: string;
  email: string;
  mailbox: string;
  name: string;
  role: Role;
  municipality: string;
  lang: Lang;
  created_at: string;
  confirmed_at: string | null;
  /** When the signer consented to show their name; null: no consent. */
  name_public_at: string | null;
  /** When KS approved the name; null: not approved. */
  name_approved_at: string | null;
  /** When the details were changed within the mail pause; null: as first sent. */
  amended_at: string | null;
  /** When a mail was last queued for this signer (the mail pause counts from it). */
  last_mail_at: string | null;
  last_attempt_at: string | null;
}

/** The columns a rule may set on a stored signature: every one but the mailbox, which is its key. */
export type SignatureChange = Partial<Omit<SignatureColumns, 'mailbox' | 'campaign'>>;

const COLUMNS = new Set<string>([
  'campaign',
  'email',
  'mailbox',
  'name',
  'role',
  'municipality',
  'lang',
  'created_at',
  'confirmed_at',
  'name_public_at',
  'name_approved_at',
  'amended_at',
  'last_mail_at',
  'last_attempt_at',
] satisfies (keyof SignatureColumns)[]);

/**
 * The columns a write names, checked against the table's before an engine puts them into SQL, and
 * their values in the same order.
 */
export function columnsOf(values: Partial<SignatureColumns>): { columns: string[]; values: unknown[] } {
  const columns = Object.keys(values).sort();
  const unknown = columns.find((column) => !COLUMNS.has(column));
  if (unknown !== undefined) throw new Error(`signatures has no column ${unknown}`);
  return { columns, values: columns.map((column) => values[column as keyof SignatureColumns]) };
}

/** Which signature a write is about: a stored one, by its id, or the one inserted before it in the same plan. */
export type SignatureRef = number | 'inserted';

/**
 * How an engine resolves the signature a write names, while it applies a rule's writes in order:
 * an id as it is, 'inserted' as the id of the signature an earlier write inserted.
 */
export function signatureRefs() {
  let inserted: number | undefined;
  return {
    inserted(id: number): void {
      inserted = id;
    },
    idOf(ref: SignatureRef): number {
      if (ref !== 'inserted') return ref;
      if (inserted === undefined) throw new Error('a write names a signature not inserted');
      return inserted;
    },
  };
}

export type Write =
  /** A new signature; the writes after it name it 'inserted'. */
  | {
      write: 'insert-signature';
      values: Omit<SignatureColumns, 'confirmed_at' | 'name_approved_at' | 'amended_at'>;
    }
  | { write: 'update-signature'; id: number; set: SignatureChange }
  /** Deletes a signature; its tokens and queued mails go with it (ON DELETE CASCADE). */
  | { write: 'delete-signature'; id: number }
  | {
      write: 'add-token';
      signature: SignatureRef;
      hash: string;
      purpose: 'confirm' | 'withdraw';
      expiresAt: string | null;
    }
  /** Deletes a signature's tokens: those of one purpose, or all. */
  | { write: 'drop-tokens'; signature: number; purpose?: 'confirm' }
  /** Deletes the mails still queued for a signature. */
  | { write: 'drop-mails'; signature: number }
  | { write: 'queue-mail'; signature: SignatureRef; recipient: string; request: MailRequest; at: string }
  /** A queued mail is done with: sent, or given up. */
  | { write: 'mail-done'; id: number }
  /** A queued mail whose recipient the server refused for good: deleted and, if it was still there, counted. */
  | { write: 'mail-dropped'; id: number }
  | { write: 'mail-failed'; id: number; retryAt: string; error: string }
  /**
   * The count, or what the public answers show, changed: its time is recorded, and every memo
   * (with PostgreSQL, every instance's) is computed again once the transaction has committed.
   */
  | { write: 'count-changed'; at: string }
  /** What is kept of a campaign's confirmed signatures once its signers' data go: a count per council and role. */
  | { write: 'add-tally'; campaign: string; municipality: string; role: Role; signatures: number }
  /** A campaign's signers' data are deleted: when, and how many signatures went. */
  | { write: 'campaign-deleted'; campaign: string; at: string; signatures: number };

/**
 * A rule's decision: what to write, in one transaction with the reads it was made on, and what the
 * caller gets. `forget`: mailboxes whose data this deletes, for the store's forget listeners.
 */
export interface Decision<R> {
  result: R;
  writes: Write[];
  forget?: string[];
}

/** Whether a decision's writes change the count (or the public answers), so memos must be computed again. */
export const changesCount = (writes: readonly Write[]): boolean => writes.some((w) => w.write === 'count-changed');
