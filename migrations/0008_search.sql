-- Search (issue 13): an FTS5 index of every live article's edition, headline, lead, body text and
-- tag names, contentless (it stores tokens, not text: the articles hold the text). Tokens are
-- folded by Herald (NewsCore/SearchText: case, ё, Latin accents but the Kazakh Latin letters,
-- Arabic-script vowel marks; each Han character a token of its own) through the functions every
-- connection registers, and the tokenizer splits only on spaces and punctuation. Ranking is
-- bm25 with the headline weighted 10, tags 5, the lead 4 and the body 1. search_state keeps the
-- folding rules' version: herald rebuilds the index when it differs.
CREATE VIRTUAL TABLE article_search USING fts5(edition, title, lead, body, tags, content = '',
  tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*''');
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(0.0, 10.0, 4.0, 1.0, 5.0)');
CREATE TABLE search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO search_state (id, version) VALUES (1, 1);
INSERT INTO article_search (rowid, edition, title, lead, body, tags)
SELECT a.id, a.edition_code, herald_search_text(a.title), herald_search_text(a.lead), herald_search_html(a.body_html),
  herald_search_text(COALESCE((SELECT group_concat(name, ' ') FROM (SELECT t.name FROM article_tags l
    JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id ORDER BY l.position, t.id)), ''))
FROM articles a WHERE a.status = 'published';
