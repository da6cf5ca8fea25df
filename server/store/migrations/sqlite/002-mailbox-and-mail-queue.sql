-- One person, one count: signers are told apart by their mailbox (mailbox_of, the service's
-- mailboxOf registered as an SQL function), not by the address as typed. Where earlier rows share a
-- mailbox, the one confirmed first, else the newest, stays; the others go, with their tokens.
ALTER TABLE signatures ADD COLUMN mailbox TEXT;
ALTER TABLE signatures ADD COLUMN last_attempt_at TEXT;

DELETE FROM signatures WHERE id IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (
      PARTITION BY mailbox_of(email)
      ORDER BY confirmed_at IS NULL, confirmed_at, created_at DESC, id DESC
    ) AS rank
    FROM signatures
  )
  WHERE rank > 1
);
UPDATE signatures SET mailbox = mailbox_of(email);
CREATE UNIQUE INDEX signatures_mailbox ON signatures (mailbox);

-- Mails wait here until they are sent, so a crash or an SMTP server that is away loses none.
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY,
  signature_id INTEGER NOT NULL REFERENCES signatures (id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  request TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_error TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (due_at);
CREATE INDEX mail_queue_signature ON mail_queue (signature_id);
