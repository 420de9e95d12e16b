-- index article_corrections_article
CREATE INDEX article_corrections_article ON article_corrections (article_id, created_at);

-- index article_revisions_media
CREATE INDEX article_revisions_media ON article_revisions (photo) WHERE photo LIKE '/media/%';

-- index article_sections_listing
CREATE INDEX article_sections_listing ON article_sections (section_id, edition_code, published_at DESC, article_id DESC);

-- index article_sections_rank
CREATE INDEX article_sections_rank ON article_sections (section_id, edition_code, rank);

-- index article_sources_source
CREATE INDEX article_sources_source ON article_sources (source_article_id);

-- index article_tags_listing
CREATE INDEX article_tags_listing ON article_tags (tag_id, published_at DESC, article_id DESC) WHERE published_at IS NOT NULL;

-- index article_tags_rank
CREATE INDEX article_tags_rank ON article_tags (tag_id, rank) WHERE rank IS NOT NULL;

-- index article_versions_saved
CREATE INDEX article_versions_saved ON article_versions (saved_at);

-- index articles_latest
CREATE INDEX articles_latest ON articles (edition_code, published_at DESC, id DESC) WHERE status = 'published';

-- index articles_media
CREATE INDEX articles_media ON articles (photo) WHERE photo LIKE '/media/%';

-- index articles_scheduled
CREATE INDEX articles_scheduled ON articles (published_at) WHERE state = 'scheduled';

-- index articles_section
CREATE INDEX articles_section ON articles (section_id);

-- index articles_workflow
CREATE INDEX articles_workflow ON articles (state, edition_code);

-- index audit_log_object
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- index audit_log_user
CREATE INDEX audit_log_user ON audit_log (user_id);

-- index currency_rates_day
CREATE INDEX currency_rates_day ON currency_rates (day);

-- index editions_one_default
CREATE UNIQUE INDEX editions_one_default ON editions (is_default) WHERE is_default = 1;

-- index ingest_items_article
CREATE INDEX ingest_items_article ON ingest_items (article_id);

-- index popular_ranking_article
CREATE INDEX popular_ranking_article ON popular_ranking (article_id);

-- index sections_parent
CREATE INDEX sections_parent ON sections (parent_id);

-- index sessions_user
CREATE INDEX sessions_user ON sessions (user_id);

-- table api_token_editions
CREATE TABLE api_token_editions (
  token_id INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  PRIMARY KEY (token_id, edition_code)
) STRICT, WITHOUT ROWID;

-- table api_tokens
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

-- table article_corrections
CREATE TABLE article_corrections (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revision_id INTEGER REFERENCES article_revisions (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000)
) STRICT;

-- table article_revisions
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
  body TEXT NOT NULL, photo_alt TEXT,
  UNIQUE (article_id, number)
) STRICT;

-- table article_search
CREATE VIRTUAL TABLE article_search USING fts5(edition, title, lead, body, tags, content = '', prefix = '5',
  tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*''');

-- table article_search_config
CREATE TABLE 'article_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table article_search_data
CREATE TABLE 'article_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table article_search_docsize
CREATE TABLE 'article_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table article_search_idx
CREATE TABLE 'article_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table article_sections
CREATE TABLE article_sections (
  section_id INTEGER NOT NULL REFERENCES sections (id),
  edition_code TEXT NOT NULL REFERENCES editions (code),
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  published_at INTEGER NOT NULL, rank INTEGER,
  PRIMARY KEY (article_id, section_id)
) STRICT, WITHOUT ROWID;

-- table article_sources
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

-- table article_tags
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  published_at INTEGER, rank INTEGER,
  PRIMARY KEY (article_id, tag_id)
) STRICT, WITHOUT ROWID;

-- table article_versions
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

-- table article_views
CREATE TABLE article_views (
  day TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  views INTEGER NOT NULL CHECK (views >= 0), edition_code TEXT REFERENCES editions (code),
  PRIMARY KEY (day, article_id)
) STRICT, WITHOUT ROWID;

-- table articles
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  edition_code TEXT NOT NULL REFERENCES editions (code),
  story_id INTEGER NOT NULL REFERENCES stories (id),
  section_id INTEGER NOT NULL REFERENCES sections (id),
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  dateline TEXT NOT NULL DEFAULT '',
  lead TEXT NOT NULL DEFAULT '',
  photo TEXT,
  photo_caption TEXT,
  photo_credit TEXT,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  published_at INTEGER NOT NULL,
  updated_at INTEGER,
  -- The bodies come last: SQLite reads a record's columns in order, so anything after a
  -- multi-kilobyte body would drag its overflow pages into every headline list.
  body_html TEXT NOT NULL,
  body_source TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'published'
  CHECK (state IN ('draft', 'review', 'scheduled', 'published', 'unpublished')), bylines TEXT NOT NULL DEFAULT '', photo_alt TEXT,
  UNIQUE (edition_code, slug),
  UNIQUE (story_id, edition_code)
) STRICT;

-- table audit_log
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

-- table changes
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  keys TEXT NOT NULL
) STRICT;

-- table cities
CREATE TABLE cities (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE
, latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90), longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180)) STRICT;

-- table city_names
CREATE TABLE city_names (
  city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (city_id, edition_code)
) STRICT, WITHOUT ROWID;

-- table currency_rates
CREATE TABLE currency_rates (
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  value REAL NOT NULL CHECK (value > 0),
  PRIMARY KEY (currency, day)
) STRICT, WITHOUT ROWID;

-- table editions
CREATE TABLE editions (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8),
  tag TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('ltr', 'rtl')),
  time_zone TEXT NOT NULL,
  site_name TEXT NOT NULL,
  position INTEGER NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
) STRICT;

-- table ingest_items
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

-- table media
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

-- table popular_ranking
CREATE TABLE popular_ranking (
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 1),
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  total INTEGER NOT NULL CHECK (total >= 0),
  PRIMARY KEY (edition_code, position)
) STRICT, WITHOUT ROWID;

-- table purge_cursors
CREATE TABLE purge_cursors (
  node TEXT PRIMARY KEY,
  change_id INTEGER NOT NULL CHECK (change_id >= 0),
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- table schema_migrations
CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
  applied_at INTEGER NOT NULL) STRICT;

-- table search_state
CREATE TABLE search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;

-- table section_counts
CREATE TABLE section_counts (
  section_id INTEGER NOT NULL REFERENCES sections (id),
  edition_code TEXT NOT NULL REFERENCES editions (code),
  article_count INTEGER NOT NULL,
  PRIMARY KEY (section_id, edition_code)
) STRICT, WITHOUT ROWID;

-- table section_names
CREATE TABLE section_names (
  section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (section_id, edition_code)
) STRICT, WITHOUT ROWID;

-- table sections
CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES sections (id),
  slug TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL
) STRICT;

-- table sessions
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- table site_settings
CREATE TABLE site_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- table stories
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
) STRICT;

-- table tags
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  edition_code TEXT NOT NULL REFERENCES editions (code),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  -- Published articles with this tag, kept by the import transaction (a tag page shows the
  -- total on every request; counting a large tag's index range each time is too slow).
  article_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (edition_code, slug)
) STRICT;

-- table user_editions
CREATE TABLE user_editions (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  edition_code TEXT NOT NULL REFERENCES editions (code) ON DELETE CASCADE,
  PRIMARY KEY (user_id, edition_code)
) STRICT, WITHOUT ROWID;

-- table users
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

-- table weather_reports
CREATE TABLE weather_reports (
  city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  observed_at INTEGER NOT NULL,
  temp_min INTEGER NOT NULL,
  temp_max INTEGER NOT NULL CHECK (temp_max >= temp_min),
  condition TEXT NOT NULL,
  PRIMARY KEY (city_id, observed_at)
) STRICT, WITHOUT ROWID;
