-- Search at a million articles (issue 13): the index again, now with a prefix index of five
-- characters, so that a word of five letters or more (Астана, Алматы, бюджет) finds every word
-- that begins with its first five without FTS5 merging the lists of every such word at query
-- time (that merge cost tens of milliseconds a word on common words). Rows and folding are as
-- in 0008; the index is rebuilt from the live articles.
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5(edition, title, lead, body, tags, content = '', prefix = '5',
  tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*''');
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(0.0, 10.0, 4.0, 1.0, 5.0)');
INSERT INTO article_search (rowid, edition, title, lead, body, tags)
SELECT a.id, a.edition_code, herald_search_text(a.title), herald_search_text(a.lead), herald_search_html(a.body_html),
  herald_search_text(COALESCE((SELECT group_concat(name, ' ') FROM (SELECT t.name FROM article_tags l
    JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id ORDER BY l.position, t.id)), ''))
FROM articles a WHERE a.status = 'published';
