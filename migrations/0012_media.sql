-- The media library (issue 14): photos uploaded in the newsroom, stored as renditions under the
-- media directory by the upload's SHA-256 (the same bytes are stored once). Articles name a photo
-- by its reference, '/media/<hash>/<width>x<height>', in their photo field; each edition's
-- article has its own description (alt) and caption, prefilled from the ones given here.
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
  format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp')),
  -- After its orientation is applied.
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  -- Required in the library's form; empty for a photo uploaded from an article form (the article
  -- holds its own description).
  alt TEXT NOT NULL CHECK (length(alt) <= 1000),
  caption TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT '',
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL
) STRICT;

-- Which articles use a library photo: the library page and `herald media check` read these
-- instead of every article (the condition is repeated in their queries so SQLite uses them).
CREATE INDEX articles_media ON articles (photo) WHERE photo LIKE '/media/%';
CREATE INDEX article_revisions_media ON article_revisions (photo) WHERE photo LIKE '/media/%';
