-- KS approves every public name (issue 23): a name is shown only when its signature is confirmed,
-- its signer consented (name_public_at) and KS has approved it (name_approved_at). Nothing ties a
-- typed name to the mailbox that confirmed it, so a forged name of a politician could stand in the
-- public lists; names shown before this migration may be such forgeries, so they are not approved
-- here: every one of them waits in the admin page's queue, hidden until KS approves it. A rejected
-- name loses its consent (name_public_at NULL); the signature stays and counts.
ALTER TABLE signatures ADD COLUMN name_approved_at TEXT;
-- The queue: confirmed names with consent that wait for KS, oldest confirmation first.
CREATE INDEX signatures_names_waiting ON signatures (confirmed_at)
  WHERE confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL;
