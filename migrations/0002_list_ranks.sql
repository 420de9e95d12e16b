-- 0002_list_ranks: every list entry carries its rank in its list — 1 for the oldest published
-- article of a tag (or of a section in an edition), N for the newest — so that any page of a list
-- is one index range lookup and page 500 costs what page 1 costs (OFFSET would step over every
-- earlier entry). Ranks are contiguous; each import renumbers a list from the oldest entry it
-- changed, which for news arriving in order is just the new entries.
ALTER TABLE article_tags ADD COLUMN rank INTEGER;
ALTER TABLE article_sections ADD COLUMN rank INTEGER;

UPDATE article_tags SET rank = r.n FROM (
  SELECT article_id, tag_id, row_number() OVER (PARTITION BY tag_id ORDER BY published_at, article_id) AS n
  FROM article_tags WHERE published_at IS NOT NULL
) r
WHERE article_tags.article_id = r.article_id AND article_tags.tag_id = r.tag_id;

UPDATE article_sections SET rank = r.n FROM (
  SELECT article_id, section_id,
         row_number() OVER (PARTITION BY section_id, edition_code ORDER BY published_at, article_id) AS n
  FROM article_sections
) r
WHERE article_sections.article_id = r.article_id AND article_sections.section_id = r.section_id;

-- Not UNIQUE: a renumbering UPDATE passes through duplicate ranks row by row.
CREATE INDEX article_tags_rank ON article_tags (tag_id, rank) WHERE rank IS NOT NULL;
CREATE INDEX article_sections_rank ON article_sections (section_id, edition_code, rank);
