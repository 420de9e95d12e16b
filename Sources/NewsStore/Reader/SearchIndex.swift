import GRDB
import NewsCore

/// The search index (`article_search`, FTS5, contentless): one row a live article, rowid = article
/// id, holding the folded tokens of its edition, headline, lead, body text and tag names.
///
/// It stores no text, so removing a row means giving the index the values it was given: both
/// directions read them from the article's row with one SQL expression (`document`), through the
/// SQL functions registered on every connection (`register`). The writes keep the rule: an
/// article's row is removed before its headline, lead, body, tags or status change, and added
/// after, in the same transaction; `herald search rebuild` starts over from the articles.
public enum SearchIndex {
    /// The folded tokens of a text, and of stored article HTML.
    static let foldFunction = DatabaseFunction("herald_search_text", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return "" }
        return SearchText.indexed(text)
    }
    static let htmlFunction = DatabaseFunction("herald_search_html", argumentCount: 1, pure: true) { values in
        guard let html = String.fromDatabaseValue(values[0]) else { return "" }
        return SearchText.indexed(SearchText.plainText(html: html))
    }

    /// Makes the index's functions available on a connection (every writer needs them, every
    /// reader the ranking).
    static func register(_ db: Database) throws {
        db.add(function: foldFunction)
        db.add(function: htmlFunction)
        try SearchRank.register(db)
    }

    /// An article's values as the index holds them (the migration builds the index with the same).
    static let document = """
        a.edition_code, herald_search_text(a.title), herald_search_text(a.lead), herald_search_html(a.body_html),
        herald_search_text(COALESCE((SELECT group_concat(name, ' ') FROM (SELECT t.name FROM article_tags l
          JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id ORDER BY l.position, t.id)), ''))
        """
    static let addOne = """
        INSERT INTO article_search (rowid, edition, title, lead, body, tags)
        SELECT a.id, \(document) FROM articles a WHERE a.id = ? AND a.status = 'published'
        """
    static let removeOne = """
        INSERT INTO article_search (article_search, rowid, edition, title, lead, body, tags)
        SELECT 'delete', a.id, \(document) FROM articles a WHERE a.id = ? AND a.status = 'published'
        """
    /// The live articles carrying a tag, but one (the article being written, handled by itself).
    static let tagged = "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?) AND a.id <> ? AND a.status = 'published'"
    static let addTagged = "INSERT INTO article_search (rowid, edition, title, lead, body, tags) SELECT a.id, \(document) FROM articles a WHERE \(tagged)"
    static let removeTagged = """
        INSERT INTO article_search (article_search, rowid, edition, title, lead, body, tags)
        SELECT 'delete', a.id, \(document) FROM articles a WHERE \(tagged)
        """

    /// Adds an article if it is live (after a write).
    static func add(_ id: Int64, _ db: Database) throws { try RawStatement(db, addOne).run([.integer(id)]) }

    /// Removes an article if it is live (before a write changes it).
    static func remove(_ id: Int64, _ db: Database) throws { try RawStatement(db, removeOne).run([.integer(id)]) }

    /// Around a tag's rename: its live articles (but `except`) leave with the old name and come
    /// back with the new one.
    static func renaming(tag: Int64, except: Int64?, _ db: Database, _ rename: () throws -> Void) throws {
        try RawStatement(db, removeTagged).run([.integer(tag), .integer(except ?? 0)])
        try rename()
        try RawStatement(db, addTagged).run([.integer(tag), .integer(except ?? 0)])
    }

    /// Empties the index and builds it again from every live article, in one transaction (in
    /// batches of 2,000 articles, telling `progress` (indexed, total) after each); the folding
    /// version is stored with it. Returns how many articles it holds.
    public static func rebuild(_ database: HeraldDatabase, progress: ((Int, Int) -> Void)? = nil) throws -> Int {
        try database.write { db in
            try db.execute(sql: "INSERT INTO article_search (article_search) VALUES ('delete-all')")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE status = 'published'") ?? 0
            var last: Int64 = 0
            var indexed = 0
            progress?(0, total)
            while true {
                guard let end = try Int64.fetchOne(db, sql: """
                    SELECT MAX(id) FROM (SELECT id FROM articles WHERE status = 'published' AND id > ? ORDER BY id LIMIT 2000)
                    """, arguments: [last]) else { break }
                try db.execute(sql: "INSERT INTO article_search (rowid, edition, title, lead, body, tags) SELECT a.id, \(document) FROM articles a WHERE a.status = 'published' AND a.id > ? AND a.id <= ?",
                               arguments: [last, end])
                indexed += db.changesCount
                last = end
                progress?(indexed, total)
            }
            try db.execute(sql: "INSERT INTO article_search (article_search) VALUES ('optimize')")
            try db.execute(sql: "UPDATE search_state SET version = ?", arguments: [SearchText.version])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE status = 'published'") ?? 0
        }
    }

    /// True when the index was built with other folding rules than these (it must be rebuilt).
    public static func isStale(_ database: HeraldDatabase) throws -> Bool {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT version FROM search_state") != SearchText.version }
    }
}
