-- Names shown by consent only (issue 14). A political stance is special-category data (GDPR art.
-- 9): a signer's name and role appear in public lists only when they ticked the separate, unticked
-- box, and only once the signature is confirmed. `name_public_at` is when that consent was given;
-- NULL means no consent, or consent withdrawn.
ALTER TABLE signatures ADD COLUMN name_public_at TEXT;
-- The local figures (a council's own count and names) are read per municipality.
CREATE INDEX signatures_municipality ON signatures (municipality) WHERE confirmed_at IS NOT NULL;
