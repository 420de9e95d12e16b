-- A photo's alternative text (issue 13): what the picture shows, for readers who cannot see it,
-- apart from its caption (which the page prints under it). Until now the page used the caption as
-- the alt text, so screen readers read it twice. NULL: none given; the page then marks the
-- picture as described by its caption (alt="") rather than repeating it.
ALTER TABLE articles ADD COLUMN photo_alt TEXT;
ALTER TABLE article_revisions ADD COLUMN photo_alt TEXT;
