-- 0007_editorial: the editorial workflow. An article's state is draft → in review → scheduled →
-- published → unpublished; `status` stays what readers see ('published' only while the state is
-- published), so every reader query and index is unchanged. Every save stores a revision with
-- every field; the article row holds the live version readers see, and article_versions says
-- which revision is the newest and which one is live: while they differ a published article has
-- changes waiting for "Publish changes" (a table of its own, so that moving those pointers never
-- rewrites an article row and its body). Articles get bylines (names, one per line). Publishing
-- changes may add a correction note, shown with its date at the article's foot. The maintenance
-- loop publishes scheduled articles from the partial index when their time comes.
ALTER TABLE articles ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
  CHECK (state IN ('draft', 'review', 'scheduled', 'published', 'unpublished'));
UPDATE articles SET state = CASE status WHEN 'published' THEN 'published' ELSE 'draft' END;
ALTER TABLE articles ADD COLUMN bylines TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_scheduled ON articles (published_at) WHERE state = 'scheduled';
CREATE INDEX articles_workflow ON articles (state, edition_code);

CREATE TABLE article_revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 1),
  -- NULL for imports and the command line; author_name keeps who it was.
  author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('newsroom', 'import', 'restore', 'original')),
  created_at INTEGER NOT NULL,
  edition_code TEXT NOT NULL,
  story_key TEXT NOT NULL,
  section_path TEXT NOT NULL,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  dateline TEXT NOT NULL,
  lead TEXT NOT NULL,
  tags TEXT NOT NULL,
  photo TEXT,
  photo_caption TEXT,
  photo_credit TEXT,
  bylines TEXT NOT NULL,
  published_at INTEGER,
  body TEXT NOT NULL,
  UNIQUE (article_id, number)
) STRICT;

CREATE TABLE article_corrections (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revision_id INTEGER REFERENCES article_revisions (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000)
) STRICT;
CREATE INDEX article_corrections_article ON article_corrections (article_id, created_at);

-- Also who started the article and who saved it last, and when (the newsroom's lists).
CREATE TABLE article_versions (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  revision_id INTEGER NOT NULL REFERENCES article_revisions (id),
  live_revision_id INTEGER REFERENCES article_revisions (id),
  created_by TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  -- Set when a published article's waiting changes are sent for review (an author cannot
  -- publish them); cleared when they are published or the article is unpublished.
  changes_submitted_at INTEGER
) STRICT;
CREATE INDEX article_versions_saved ON article_versions (saved_at);
