-- The first schema: signatures, their tokens, councils' adoptions, and a little state.
CREATE TABLE signatures (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('elected', 'candidate')),
  municipality TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('nb', 'nn')),
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  last_mail_at TEXT
);
CREATE INDEX signatures_confirmed ON signatures (confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  signature_id INTEGER NOT NULL REFERENCES signatures (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'withdraw')),
  expires_at TEXT
);
CREATE INDEX tokens_signature ON tokens (signature_id);
CREATE TABLE adoptions (
  council TEXT PRIMARY KEY,
  adopted_on TEXT NOT NULL,
  link TEXT,
  recorded_at TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
