-- KS approves every public name (issue 23; SQLite's migration 6): a name is shown only when its
-- signature is confirmed, its signer consented (name_public_at) and KS has approved it
-- (name_approved_at). Names shown before this migration are not approved here: they wait in the
-- admin page's queue, hidden until KS approves them, since a forged one may stand among them. A
-- rejected name loses its consent (name_public_at NULL); the signature stays and counts.
ALTER TABLE signatures ADD COLUMN name_approved_at timestamptz;
-- The queue: confirmed names with consent that wait for KS, oldest confirmation first.
CREATE INDEX signatures_names_waiting ON signatures (confirmed_at)
  WHERE confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL;
