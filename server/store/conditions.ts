// The conditions both engines' SQL filters by, written once (the same SQL in SQLite and PostgreSQL).

/** Which signers are shown by name: confirmed, consented to, and approved by KS (the one rule). */
export const SHOWN = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NOT NULL';

/** Which names wait for KS: confirmed and consented to, not yet approved. */
export const WAITING = 'confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL';
