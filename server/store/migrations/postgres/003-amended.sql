-- An amendment cannot redirect a consent (issue 23; SQLite's migration 7): a change of name, role
-- or council within the pause between two mails drops the consent to be shown, and `amended_at`
-- records it, so the confirmation page says that the details were changed after the form was first
-- sent. NULL: as first sent (or sent afresh, with a new mail, after the pause).
ALTER TABLE signatures ADD COLUMN amended_at timestamptz;
