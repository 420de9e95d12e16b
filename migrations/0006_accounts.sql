-- 0006_accounts: the newsroom's people. Users sign in with a name and a password (argon2id, the
-- parameters kept in the encoded hash so they can be raised later); a role says what they may do
-- (admin: everything; editor: write and publish in their editions; author: write drafts in their
-- editions and submit them for review) and user_editions which editions (admins: all). Sessions
-- are stored by the SHA-256 of their token, never the token itself. The audit log records every
-- write: who, what, which object, when and from where.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE user_editions (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  PRIMARY KEY (user_id, edition_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  -- NULL for the command line, the scheduler and imports; actor keeps the name at the time.
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_user ON audit_log (user_id);
