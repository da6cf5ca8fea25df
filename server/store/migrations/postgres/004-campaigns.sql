-- Campaigns (issue 27; SQLite's migration 8): each signature, adoption and audit entry belongs to
-- one campaign, the folder name under campaigns/. Everything before this migration is Valgløftet
-- 2023's. One person signs each campaign once: an address is unique within a campaign.
ALTER TABLE signatures ADD COLUMN campaign text NOT NULL DEFAULT '2023';
ALTER TABLE signatures ALTER COLUMN campaign DROP DEFAULT;
ALTER TABLE signatures DROP CONSTRAINT signatures_email_key;
ALTER TABLE signatures DROP CONSTRAINT signatures_mailbox_key;
ALTER TABLE signatures ADD CONSTRAINT signatures_campaign_email UNIQUE (campaign, email);
ALTER TABLE signatures ADD CONSTRAINT signatures_campaign_mailbox UNIQUE (campaign, mailbox);
CREATE INDEX signatures_mailbox ON signatures (mailbox);
DROP INDEX signatures_confirmed;
DROP INDEX signatures_municipality;
CREATE INDEX signatures_confirmed ON signatures (campaign, confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX signatures_municipality ON signatures (campaign, municipality) WHERE confirmed_at IS NOT NULL;

ALTER TABLE adoptions ADD COLUMN campaign text NOT NULL DEFAULT '2023';
ALTER TABLE adoptions ALTER COLUMN campaign DROP DEFAULT;
ALTER TABLE adoptions DROP CONSTRAINT adoptions_pkey;
ALTER TABLE adoptions ADD PRIMARY KEY (campaign, council);

-- NULL: an action about no campaign (signing in and out).
ALTER TABLE admin_audit ADD COLUMN campaign text;
UPDATE admin_audit SET campaign = '2023' WHERE action NOT IN ('sign-in', 'sign-out');

-- What is kept of a campaign once its signers' data are deleted (retention): how many confirmed
-- signatures per council and role, nothing about any person. The count adds these to the rows.
CREATE TABLE campaign_tallies (
  campaign text NOT NULL,
  municipality text NOT NULL,
  role text NOT NULL CHECK (role IN ('elected', 'candidate')),
  signatures integer NOT NULL CHECK (signatures > 0),
  PRIMARY KEY (campaign, municipality, role)
);
-- When each campaign's signers' data were deleted (retention), so it is done once.
CREATE TABLE campaign_deletions (
  campaign text PRIMARY KEY,
  deleted_at timestamptz NOT NULL,
  signatures integer NOT NULL
);
