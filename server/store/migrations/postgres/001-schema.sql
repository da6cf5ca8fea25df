-- The whole schema as SQLite's migrations 1 to 5 left it, for PostgreSQL (server/store/postgres.ts).
-- Times are timestamptz, read back as ISO 8601 strings; ids are identities. Applied on start under an
-- advisory lock, so instances starting together apply it once (schema_migrations records it).

-- Signatures: one per mailbox (mailbox.ts), so one person counts once. A signature counts once
-- confirmed; `name_public_at` is when its signer consented to show their name and role (GDPR art.
-- 9), NULL for none or withdrawn.
CREATE TABLE signatures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  mailbox text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('elected', 'candidate')),
  municipality text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('nb', 'nn')),
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  last_mail_at timestamptz,
  last_attempt_at timestamptz,
  name_public_at timestamptz
);
CREATE INDEX signatures_confirmed ON signatures (confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX signatures_municipality ON signatures (municipality) WHERE confirmed_at IS NOT NULL;

-- The links' tokens, kept only as SHA-256: a copy of the database confirms nothing.
CREATE TABLE tokens (
  hash text PRIMARY KEY,
  signature_id bigint NOT NULL REFERENCES signatures (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm', 'withdraw')),
  expires_at timestamptz
);
CREATE INDEX tokens_signature ON tokens (signature_id);

CREATE TABLE adoptions (
  council text PRIMARY KEY,
  adopted_on date NOT NULL,
  link text,
  recorded_at timestamptz NOT NULL
);

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

-- Mails wait here until an instance has sent them (FOR UPDATE SKIP LOCKED: one instance each).
CREATE TABLE mail_queue (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  signature_id bigint NOT NULL REFERENCES signatures (id) ON DELETE CASCADE,
  recipient text NOT NULL,
  request jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  last_error text
);
CREATE INDEX mail_queue_due ON mail_queue (due_at);
CREATE INDEX mail_queue_signature ON mail_queue (signature_id);

-- KS's admin page: sign-in links and sessions (hashed), and the audit log (never a signer's address).
CREATE TABLE admin_links (
  hash text PRIMARY KEY,
  email text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE admin_sessions (
  hash text PRIMARY KEY,
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE TABLE admin_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  admin text NOT NULL,
  action text NOT NULL,
  object text
);
CREATE INDEX admin_audit_at ON admin_audit (at);

-- Per-IP rate limits, shared by every instance: one row per route and address while its window
-- lasts (pruned as they run out). UNLOGGED: a crash may forget them, which only lets a client in early.
CREATE UNLOGGED TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends timestamptz NOT NULL
);
CREATE INDEX rate_limits_window_ends ON rate_limits (window_ends);
