-- with foreign keys off: signatures is made anew (SQLite's way to change a UNIQUE constraint), and
-- with them on, dropping the old table would delete every token and queued mail by cascade. The
-- runner (sqlite/index.ts) turns them off for this file and checks every reference after it.
--
-- Campaigns (issue 27): each signature, adoption and audit entry belongs to one campaign, the
-- folder name under campaigns/. Everything before this migration is Valgløftet 2023's. One person
-- signs each campaign once: an address is unique within a campaign, not across them.
CREATE TABLE signatures_new (
  id INTEGER PRIMARY KEY,
  campaign TEXT NOT NULL,
  email TEXT NOT NULL,
  mailbox TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('elected', 'candidate')),
  municipality TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('nb', 'nn')),
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  last_mail_at TEXT,
  last_attempt_at TEXT,
  name_public_at TEXT,
  name_approved_at TEXT,
  amended_at TEXT,
  UNIQUE (campaign, email),
  UNIQUE (campaign, mailbox)
);
INSERT INTO signatures_new (id, campaign, email, mailbox, name, role, municipality, lang, created_at, confirmed_at,
  last_mail_at, last_attempt_at, name_public_at, name_approved_at, amended_at)
SELECT id, '2023', email, mailbox, name, role, municipality, lang, created_at, confirmed_at,
  last_mail_at, last_attempt_at, name_public_at, name_approved_at, amended_at FROM signatures;
DROP TABLE signatures;
ALTER TABLE signatures_new RENAME TO signatures;
CREATE INDEX signatures_confirmed ON signatures (campaign, confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX signatures_municipality ON signatures (campaign, municipality) WHERE confirmed_at IS NOT NULL;
CREATE INDEX signatures_names_waiting ON signatures (confirmed_at)
  WHERE confirmed_at IS NOT NULL AND name_public_at IS NOT NULL AND name_approved_at IS NULL;
-- Erasure and the mail pause look a person up by mailbox across campaigns.
CREATE INDEX signatures_mailbox ON signatures (mailbox);

CREATE TABLE adoptions_new (
  campaign TEXT NOT NULL,
  council TEXT NOT NULL,
  adopted_on TEXT NOT NULL,
  link TEXT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (campaign, council)
);
INSERT INTO adoptions_new SELECT '2023', council, adopted_on, link, recorded_at FROM adoptions;
DROP TABLE adoptions;
ALTER TABLE adoptions_new RENAME TO adoptions;

-- NULL: an action about no campaign (signing in and out).
ALTER TABLE admin_audit ADD COLUMN campaign TEXT;
UPDATE admin_audit SET campaign = '2023' WHERE action NOT IN ('sign-in', 'sign-out');

-- What is kept of a campaign once its signers' data are deleted (retention): how many confirmed
-- signatures per council and role, nothing about any person. The count adds these to the rows.
CREATE TABLE campaign_tallies (
  campaign TEXT NOT NULL,
  municipality TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('elected', 'candidate')),
  signatures INTEGER NOT NULL CHECK (signatures > 0),
  PRIMARY KEY (campaign, municipality, role)
);
-- When each campaign's signers' data were deleted (retention), so it is done once.
CREATE TABLE campaign_deletions (
  campaign TEXT PRIMARY KEY,
  deleted_at TEXT NOT NULL,
  signatures INTEGER NOT NULL
);
