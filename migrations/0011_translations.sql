-- Translations: which article, and which of its revisions, an edition's article was made from.
-- The newsroom shows a translation as outdated when its source was saved again after the
-- revision recorded here, and shows the words that changed since; saving the translation from
-- its form records the source revision the translator had in front of them.
CREATE TABLE article_sources (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  source_article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source_revision_id INTEGER NOT NULL REFERENCES article_revisions (id),
  -- 'translation': the source's text copied for a translator to replace; 'transliteration': Kazakh
  -- Cyrillic written in the Latin or Arabic script by machine, for an editor to review.
  method TEXT NOT NULL CHECK (method IN ('translation', 'transliteration')),
  -- The revision the newsroom wrote when it made the draft: while it is still the newest, nobody
  -- has reviewed the machine's text yet.
  machine_revision_id INTEGER REFERENCES article_revisions (id),
  CHECK (source_article_id <> article_id)
) STRICT;

CREATE INDEX article_sources_source ON article_sources (source_article_id);
