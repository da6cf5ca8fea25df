-- KS's admin page (issue 15): sign-in links, sessions and the audit log. Links and sessions are
-- kept only as SHA-256 of their tokens, as the signers' tokens are: a copy of the database signs
-- nobody in. The audit log holds the admin's address and the action's object (a council's code, a
-- count); never a signer's address.
CREATE TABLE admin_links (
  hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE admin_sessions (
  hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE TABLE admin_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  admin TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT
);
-- The newest audit rows first on the page; adoptions' recorded_at for the list, newest first.
CREATE INDEX admin_audit_at ON admin_audit (at);
