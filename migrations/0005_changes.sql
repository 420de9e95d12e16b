-- 0005_changes: every editorial write records, in its own transaction, the keys of what it
-- changed ("article:12 tag:en:budget home:en", or "*" for a bulk import), replacing the single
-- content version that every write bumped. A server reads the rows it has not seen when it
-- notices a commit (its own or another process's, e.g. `herald import`) and retires only the
-- cached pages and data holding one of those keys; the same rows are the outbox a purger will
-- drain towards cache nodes. The server prunes rows older than a day.
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  keys TEXT NOT NULL
) STRICT;

DROP TABLE content_version;
