-- An amendment cannot redirect a consent (issue 23): within the pause between two mails anyone who
-- knows an address can send other details for its unconfirmed signature, and the one mail's link
-- then confirms them. A change of name, role or council drops the consent to be shown, and
-- `amended_at` records it, so the confirmation page says that the details were changed after the
-- form was first sent. NULL: as first sent (or sent afresh, with a new mail, after the pause).
ALTER TABLE signatures ADD COLUMN amended_at TEXT;
