-- 0004_popular_ranking: Popular as last ranked — each edition's candidates, most read first —
-- so a restarted server (or one reloading after an editorial write) shows the list it had without
-- summing a week of views again: on a million-article file with a cold page cache that sum was
-- most of the start. The server ranks again in the background and rewrites the rows when the
-- ranking changed; the candidates are joined to articles when loaded, so headlines and
-- unpublished articles are always current.
CREATE TABLE popular_ranking (
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 1),
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  total INTEGER NOT NULL CHECK (total >= 0),
  PRIMARY KEY (edition_code, position)
) STRICT, WITHOUT ROWID;

-- Deleting an article looks up the rows that name it.
CREATE INDEX popular_ranking_article ON popular_ranking (article_id);
