-- 0015_api_tokens: machines that write through the API. An agency's editorial system gets a
-- token (`herald token add NAME --editions … --scope ingest`): stored by the SHA-256 of its text,
-- never the text, which is printed once; revoking keeps the row (the audit log names it) and
-- refuses it from then on. Each token works in its editions and files new articles into its
-- section. ingest_items remembers which article each ninjs item (its uri, or guid) became and the
-- newest version applied, so a re-sent or older version changes nothing, and the picture it
-- brought (its agency URL and the media library path it was stored under, so a later version
-- with the same picture does not fetch it again).
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
  token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  scope TEXT NOT NULL CHECK (scope IN ('ingest')),
  section_path TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;

CREATE TABLE api_token_editions (
  token_id INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  PRIMARY KEY (token_id, edition_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE ingest_items (
  uri TEXT PRIMARY KEY CHECK (length(uri) BETWEEN 1 AND 1000),
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 0),
  pubstatus TEXT NOT NULL CHECK (pubstatus IN ('usable', 'withheld', 'canceled')),
  token_id INTEGER REFERENCES api_tokens (id) ON DELETE SET NULL,
  received_at INTEGER NOT NULL,
  photo_source TEXT,
  photo_path TEXT
) STRICT;
CREATE INDEX ingest_items_article ON ingest_items (article_id);
