-- 0003_view_editions: each day's view count names its article's edition, so Popular (the most
-- read articles of each edition) is ranked from the views table alone and only the winners are
-- read from articles: a few dozen rows instead of every article read in the week, which on a
-- million-article file with a cold page cache took seconds at start.
ALTER TABLE article_views ADD COLUMN edition_code TEXT REFERENCES editions (code);
UPDATE article_views SET edition_code = (SELECT a.edition_code FROM articles a WHERE a.id = article_views.article_id);
