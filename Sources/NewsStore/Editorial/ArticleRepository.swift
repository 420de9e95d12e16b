import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// A line of an import that cannot be stored, named by line number and field.
public struct ImportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The 1-based line number in the file.
    public var line: Int
    /// The field at fault ("line" for the whole line).
    public var field: String
    /// What is wrong.
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        field == "line" ? "line \(line): \(message)" : "line \(line): field \"\(field)\": \(message)"
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Articles that did not exist before.
    public var created: Int
    /// Articles replaced by their (edition, slug).
    public var updated: Int
    /// What the import changed, as recorded in `changes`.
    public var changes: ChangeSet

    public init(created: Int, updated: Int, changes: ChangeSet = ChangeSet()) {
        self.created = created
        self.updated = updated
        self.changes = changes
    }

    /// Created and updated, for comparisons that leave the keys aside.
    public var counts: [Int] { [created, updated] }
}

/// An article ready to be stored: its line in the import, its validated fields and its body
/// rendered to HTML (CPU work done before, and apart from, the write transaction).
public struct PreparedArticle: Sendable {
    public var line: Int
    public var article: ArticleInput
    public var html: String

    /// Renders the body (`Markdown.html`).
    public init(line: Int, article: ArticleInput) {
        self.line = line
        self.article = article
        html = Markdown.html(article.body)
    }
}

/// Writes articles: the import path shared by `herald import`, the demo loader and the benchmark.
public struct ArticleRepository: Sendable {
    let database: HeraldDatabase

    /// Creates a repository over a database.
    public init(_ database: HeraldDatabase) { self.database = database }

    /// Renders the bodies on every core.
    public static func prepare(_ lines: [(line: Int, article: ArticleInput)]) -> [PreparedArticle] {
        lines.concurrentMap { PreparedArticle(line: $0.line, article: $0.article) }
    }

    /// Stores articles in one transaction, idempotent on (edition, slug). Any bad line rolls back
    /// the whole import and is reported with its line number.
    @discardableResult
    public func importArticles(_ lines: [(line: Int, article: ArticleInput)]) throws -> ImportSummary {
        // Bodies are rendered on every core before the write transaction starts.
        try importPrepared(ArticleRepository.prepare(lines))
    }

    /// Stores articles whose bodies are already rendered (the caller may prepare the next batch
    /// on another thread meanwhile), as `importArticles` does: one transaction, idempotent on
    /// (edition, slug), any bad article rolls everything back and is reported by its line.
    @discardableResult
    public func importPrepared(_ articles: [PreparedArticle]) throws -> ImportSummary {
        try database.write { db in
            var writer = try ArticleWriter(db)
            var summary = ImportSummary(created: 0, updated: 0)
            // By index: the articles are read in place (a for-in copy retained every field).
            for index in articles.indices {
                do {
                    if try writer.upsert(articles[index].article, html: articles[index].html) { summary.created += 1 } else { summary.updated += 1 }
                } catch let error as InputError {
                    throw ImportError(line: articles[index].line, field: error.field, message: error.message)
                }
            }
            try writer.recount()
            summary.changes = writer.changes
            try ChangeLog.record(writer.changes, at: Int64(Date().timeIntervalSince1970), db)
            return summary
        }
    }
}

/// A list entry's place: lists are ordered by publication time, then article id.
struct ListKey: Comparable {
    let publishedAt: Int64
    let articleID: Int64

    static func < (a: ListKey, b: ListKey) -> Bool {
        (a.publishedAt, a.articleID) < (b.publishedAt, b.articleID)
    }
}

/// What an import has done to the lists it touched (a tag's, or a section's in an edition).
/// News arrives in order, so most entries land after the newest one and take the next rank at
/// once; an entry added before the end, or one removed, leaves the list to be renumbered from
/// there when the import ends.
struct ListChanges<List: Hashable> {
    enum State {
        /// Only appended to: the newest entry (nil for an empty list) and its rank, which is the count.
        case appended(newest: ListKey?, rank: Int64)
        /// Ranks from this entry on are renumbered at the end.
        case renumber(from: ListKey)
    }

    private(set) var states: [List: State] = [:]

    /// An entry is added at `key`: its rank when it is known now, nil when the list will be
    /// renumbered. `newest` reads the list's newest entry and rank from the database (first time only).
    mutating func added(to list: List, at key: ListKey, newest: () throws -> (ListKey, Int64)?) rethrows -> Int64? {
        let state = try states[list] ?? newest().map { .appended(newest: $0.0, rank: $0.1) } ?? .appended(newest: nil, rank: 0)
        switch state {
        case .appended(let newest, let rank):
            if newest.map({ $0 < key }) ?? true {
                states[list] = .appended(newest: key, rank: rank + 1)
                return rank + 1
            }
            states[list] = .renumber(from: key)
        case .renumber(let from):
            states[list] = .renumber(from: min(from, key))
        }
        return nil
    }

    /// The entry at `key` is removed.
    mutating func removed(from list: List, at key: ListKey) {
        if case .renumber(let from) = states[list] {
            states[list] = .renumber(from: min(from, key))
        } else {
            states[list] = .renumber(from: key)
        }
    }
}

/// The per-transaction state of an import: cached ids and statements, and the lists it changed.
struct ArticleWriter {
    let db: Database
    let editions: Set<String>
    var sections: [String: (id: Int64, lineage: [Int64])] = [:]
    var tagIDs: [String: Int64] = [:]
    var storyIDs: [String: Int64] = [:]
    var tagLists = ListChanges<Int64>()
    var sectionLists = ListChanges<SectionEdition>()
    /// Section paths by id, for the keys of section lists.
    var sectionPaths: [Int64: String] = [:]
    /// What the articles written so far changed.
    var changes = ChangeSet()

    struct SectionEdition: Hashable {
        let section: Int64
        let edition: String
    }

    init(_ db: Database) throws {
        self.db = db
        editions = Set(try String.fetchAll(db, sql: "SELECT code FROM editions"))
        let rows = try Row.fetchAll(db, sql: "SELECT id, parent_id, path FROM sections")
        let parents = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Int64?) })
        for row in rows {
            var lineage: [Int64] = []
            var current: Int64? = row[0]
            while let id = current, lineage.count < 32 { lineage.append(id); current = parents[id] ?? nil }
            sections[row[2]] = (row[0], lineage)
            sectionPaths[row[0]] = row[2]
        }
    }

    /// Inserts or replaces one article with its body rendered (`Markdown.html(a.body)`); true when it is new.
    mutating func upsert(_ a: ArticleInput, html: String) throws -> Bool {
        guard editions.contains(a.edition) else {
            throw InputError(field: "edition", message: "unknown edition \"\(a.edition)\" (known: \(editions.sorted().joined(separator: ", ")))")
        }
        guard let section = sections[a.section] else {
            throw InputError(field: "section", message: "unknown section \"\(a.section)\"")
        }
        let storyID = try story(a.story)
        // Per-article statements are stepped through the C API (GRDB's argument boxing and row
        // decoding cost more than SQLite's own work at import volumes).
        let fields: [SQLValue] = [
            .integer(storyID), .integer(section.id), .text(a.title), .text(a.dateline), .text(a.lead), .text(a.body),
            .text(html), SQLValue(a.photo), SQLValue(a.caption), SQLValue(a.credit), .text(a.status.rawValue),
            .integer(a.publishedAt), SQLValue(a.updatedAt), .text(a.edition), .text(a.slug),
        ]
        // A new article is one insert; an existing (edition, slug) is left alone by it and updated.
        // The one-article-per-story-and-edition rule is the table's UNIQUE constraint: when a
        // statement fails, the clash is looked up to say which article holds the story.
        let id: Int64
        let isNew: Bool
        do {
            if let inserted = try RawStatement(db, """
                INSERT INTO articles (story_id, section_id, title, dateline, lead, body_source, body_html, photo, photo_caption,
                  photo_credit, status, published_at, updated_at, edition_code, slug)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (edition_code, slug) DO NOTHING RETURNING id
                """).int64(fields) {
                (id, isNew) = (inserted, true)
            } else if let updated = try RawStatement(db, """
                UPDATE articles SET story_id = ?, section_id = ?, title = ?, dateline = ?, lead = ?, body_source = ?, body_html = ?,
                  photo = ?, photo_caption = ?, photo_credit = ?, status = ?, published_at = ?, updated_at = ?
                WHERE edition_code = ? AND slug = ? RETURNING id
                """).int64(fields) {
                (id, isNew) = (updated, false)
            } else {
                throw InputError(field: "line", message: "the article could not be stored")
            }
        } catch let failure as StoreError {
            if let other = try RawStatement(db, "SELECT slug FROM articles WHERE story_id = ? AND edition_code = ? AND slug <> ?")
                .map([.integer(storyID), .text(a.edition), .text(a.slug)], { $0.text(0) }).first {
                throw InputError(field: "story", message: "story \"\(a.story)\" already has an article in edition \(a.edition) (slug \"\(other)\")")
            }
            throw failure
        }
        // Its page, every list showing its headline, its story's switcher, its edition's home.
        changes.insert(.article(id))
        changes.insert(.story(storyID))
        changes.insert(.home(a.edition))
        if !isNew {
            try RawStatement(db, """
                SELECT l.tag_id, l.published_at, t.slug FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = ?
                """).forEach([.integer(id)]) { row in
                changes.insert(.tag(a.edition, row.text(2)))
                if let published = row.optionalInt64(1) {
                    tagLists.removed(from: row.int64(0), at: ListKey(publishedAt: published, articleID: id))
                }
            }
            try RawStatement(db, "SELECT section_id, edition_code, published_at FROM article_sections WHERE article_id = ?")
                .forEach([.integer(id)]) { row in
                    if let path = sectionPaths[row.int64(0)] { changes.insert(.section(row.text(1), path)) }
                    sectionLists.removed(from: SectionEdition(section: row.int64(0), edition: row.text(1)),
                                         at: ListKey(publishedAt: row.int64(2), articleID: id))
                }
            try RawStatement(db, "DELETE FROM article_tags WHERE article_id = ?").run([.integer(id)])
            try RawStatement(db, "DELETE FROM article_sections WHERE article_id = ?").run([.integer(id)])
        }
        let published = a.status == .published
        let key = ListKey(publishedAt: a.publishedAt, articleID: id)
        let link = try RawStatement(db, "INSERT INTO article_tags (article_id, tag_id, position, published_at, rank) VALUES (?, ?, ?, ?, ?)")
        for (position, ref) in a.tags.enumerated() {
            let tagID = try tag(ref, edition: a.edition)
            changes.insert(.tag(a.edition, ref.slug))
            let rank = published ? try tagLists.added(to: tagID, at: key) { [db] in try ArticleWriter.newestEntry(db, tag: tagID) } : nil
            try link.run([.integer(id), .integer(tagID), SQLValue(position), published ? .integer(a.publishedAt) : .null, SQLValue(rank)])
        }
        if published {
            let list = try RawStatement(db, "INSERT INTO article_sections (section_id, edition_code, article_id, published_at, rank) VALUES (?, ?, ?, ?, ?)")
            for sectionID in section.lineage {
                let listID = SectionEdition(section: sectionID, edition: a.edition)
                if let path = sectionPaths[sectionID] { changes.insert(.section(a.edition, path)) }
                let rank = try sectionLists.added(to: listID, at: key) { [db] in try ArticleWriter.newestEntry(db, section: listID) }
                try list.run([.integer(sectionID), .text(a.edition), .integer(id), .integer(a.publishedAt), SQLValue(rank)])
            }
        }
        return isNew
    }

    /// A tag list's newest entry and its rank, before this import changed it.
    private static func newestEntry(_ db: Database, tag: Int64) throws -> (ListKey, Int64)? {
        try RawStatement(db, """
            SELECT published_at, article_id, rank FROM article_tags WHERE tag_id = ? AND published_at IS NOT NULL
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """).map([.integer(tag)]) { (ListKey(publishedAt: $0.int64(0), articleID: $0.int64(1)), $0.int64(2)) }.first
    }

    /// A section list's newest entry in an edition and its rank, before this import changed it.
    private static func newestEntry(_ db: Database, section list: SectionEdition) throws -> (ListKey, Int64)? {
        try RawStatement(db, """
            SELECT published_at, article_id, rank FROM article_sections WHERE section_id = ? AND edition_code = ?
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """).map([.integer(list.section), .text(list.edition)]) { (ListKey(publishedAt: $0.int64(0), articleID: $0.int64(1)), $0.int64(2)) }.first
    }

    /// Stores each changed list's count, which is its highest rank. A list only appended to
    /// already has its ranks; any other is renumbered from its oldest changed entry (entries before
    /// it keep their ranks, so the first of the renumbered follows the last of those). Index
    /// lookups only, plus the renumbered entries themselves.
    func recount() throws {
        let tagBase = try db.cachedStatement(sql: """
            SELECT rank FROM article_tags WHERE tag_id = ?1 AND published_at IS NOT NULL AND (published_at, article_id) < (?2, ?3)
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """)
        let tagRenumber = try db.cachedStatement(sql: """
            UPDATE article_tags SET rank = ?4 + r.n FROM (
              SELECT article_id, row_number() OVER (ORDER BY published_at, article_id) AS n FROM article_tags
              WHERE tag_id = ?1 AND published_at IS NOT NULL AND (published_at, article_id) >= (?2, ?3)) r
            WHERE article_tags.tag_id = ?1 AND article_tags.article_id = r.article_id AND article_tags.rank IS NOT ?4 + r.n
            """)
        let tagCount = try db.cachedStatement(sql: """
            UPDATE tags SET article_count = COALESCE((SELECT MAX(rank) FROM article_tags WHERE tag_id = ?1 AND rank IS NOT NULL), 0)
            WHERE id = ?1
            """)
        let tagKnownCount = try db.cachedStatement(sql: "UPDATE tags SET article_count = ?2 WHERE id = ?1")
        for (tag, state) in tagLists.states {
            switch state {
            case .appended(_, let count):
                try tagKnownCount.execute(arguments: [tag, count])
            case .renumber(let from):
                let base = try Int64.fetchOne(tagBase, arguments: [tag, from.publishedAt, from.articleID]) ?? 0
                try tagRenumber.execute(arguments: [tag, from.publishedAt, from.articleID, base])
                try tagCount.execute(arguments: [tag])
            }
        }
        let sectionBase = try db.cachedStatement(sql: """
            SELECT rank FROM article_sections WHERE section_id = ?1 AND edition_code = ?2 AND (published_at, article_id) < (?3, ?4)
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """)
        let sectionRenumber = try db.cachedStatement(sql: """
            UPDATE article_sections SET rank = ?5 + r.n FROM (
              SELECT article_id, row_number() OVER (ORDER BY published_at, article_id) AS n FROM article_sections
              WHERE section_id = ?1 AND edition_code = ?2 AND (published_at, article_id) >= (?3, ?4)) r
            WHERE article_sections.section_id = ?1 AND article_sections.article_id = r.article_id AND article_sections.rank IS NOT ?5 + r.n
            """)
        let sectionCount = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO section_counts (section_id, edition_code, article_count)
            VALUES (?1, ?2, COALESCE((SELECT MAX(rank) FROM article_sections WHERE section_id = ?1 AND edition_code = ?2), 0))
            """)
        let sectionKnownCount = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO section_counts (section_id, edition_code, article_count) VALUES (?1, ?2, ?3)
            """)
        for (list, state) in sectionLists.states {
            switch state {
            case .appended(_, let count):
                try sectionKnownCount.execute(arguments: [list.section, list.edition, count])
            case .renumber(let from):
                let base = try Int64.fetchOne(sectionBase, arguments: [list.section, list.edition, from.publishedAt, from.articleID]) ?? 0
                try sectionRenumber.execute(arguments: [list.section, list.edition, from.publishedAt, from.articleID, base])
                try sectionCount.execute(arguments: [list.section, list.edition])
            }
        }
    }

    private mutating func story(_ key: String) throws -> Int64 {
        if let id = storyIDs[key] { return id }
        let inserted = try RawStatement(db, "INSERT INTO stories (key) VALUES (?) ON CONFLICT (key) DO NOTHING RETURNING id").int64([.text(key)])
        guard let id = try inserted ?? RawStatement(db, "SELECT id FROM stories WHERE key = ?").int64([.text(key)]) else {
            throw InputError(field: "story", message: "the story could not be stored")
        }
        storyIDs[key] = id
        return id
    }

    private mutating func tag(_ ref: ArticleInput.TagRef, edition: String) throws -> Int64 {
        let key = edition + "\u{0}" + ref.slug
        if ref.name == nil, let id = tagIDs[key] { return id }
        if let name = ref.name {
            try db.cachedStatement(sql: """
                INSERT INTO tags (edition_code, slug, name) VALUES (?, ?, ?)
                ON CONFLICT (edition_code, slug) DO UPDATE SET name = excluded.name
                """).execute(arguments: [edition, ref.slug, name])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO tags (edition_code, slug, name) VALUES (?, ?, ?) ON CONFLICT (edition_code, slug) DO NOTHING
                """).execute(arguments: [edition, ref.slug, ref.slug.replacingOccurrences(of: "-", with: " ")])
        }
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM tags WHERE edition_code = ? AND slug = ?"),
                                    arguments: [edition, ref.slug])!
        tagIDs[key] = id
        return id
    }
}
