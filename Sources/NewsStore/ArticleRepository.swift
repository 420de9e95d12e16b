import Foundation
import GRDB
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

    public init(created: Int, updated: Int) {
        self.created = created
        self.updated = updated
    }
}

/// Writes articles: the import path shared by `herald import`, the demo loader and the benchmark.
public struct ArticleRepository: Sendable {
    let database: HeraldDatabase

    /// Creates a repository over a database.
    public init(_ database: HeraldDatabase) { self.database = database }

    /// Stores articles in one transaction, idempotent on (edition, slug). Any bad line rolls back
    /// the whole import and is reported with its line number.
    @discardableResult
    public func importArticles(_ lines: [(line: Int, article: ArticleInput)]) throws -> ImportSummary {
        // Bodies are rendered on every core before the write transaction starts.
        let bodies = lines.concurrentMap { Markdown.html($0.article.body) }
        return try database.write { db in
            var writer = try ArticleWriter(db)
            var summary = ImportSummary(created: 0, updated: 0)
            for ((line, article), html) in zip(lines, bodies) {
                do {
                    if try writer.upsert(article, html: html) { summary.created += 1 } else { summary.updated += 1 }
                } catch let error as InputError {
                    throw ImportError(line: line, field: error.field, message: error.message)
                }
            }
            try writer.recount()
            try ContentVersion.bump(db)
            return summary
        }
    }
}

/// The per-transaction state of an import: cached ids and statements.
struct ArticleWriter {
    let db: Database
    let editions: Set<String>
    var sections: [String: (id: Int64, lineage: [Int64])] = [:]
    var tagIDs: [String: Int64] = [:]
    var storyIDs: [String: Int64] = [:]
    /// Tags and (section, edition) lists this import changed, each with the oldest entry it added
    /// or removed: ranks from there on are renumbered, and the list's count restated.
    var touchedTags: [Int64: ListKey] = [:]
    var touchedSections: [SectionEdition: ListKey] = [:]

    struct SectionEdition: Hashable {
        let section: Int64
        let edition: String
    }

    /// A list entry's place: lists are ordered by publication time, then article id.
    struct ListKey: Comparable {
        let publishedAt: Int64
        let articleID: Int64

        static func < (a: ListKey, b: ListKey) -> Bool {
            (a.publishedAt, a.articleID) < (b.publishedAt, b.articleID)
        }
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
        let existingID = try RawStatement(db, "SELECT id FROM articles WHERE edition_code = ? AND slug = ?")
            .int64([.text(a.edition), .text(a.slug)])
        let clash = try RawStatement(db, "SELECT slug FROM articles WHERE story_id = ? AND edition_code = ? AND slug <> ?")
            .map([.integer(storyID), .text(a.edition), .text(a.slug)]) { $0.text(0) }.first
        if let other = clash {
            throw InputError(field: "story", message: "story \"\(a.story)\" already has an article in edition \(a.edition) (slug \"\(other)\")")
        }
        let published = a.status == .published
        let upsert = try RawStatement(db, """
            INSERT INTO articles (edition_code, story_id, section_id, slug, title, dateline, lead, body_source, body_html,
              photo, photo_caption, photo_credit, status, published_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (edition_code, slug) DO UPDATE SET story_id = excluded.story_id, section_id = excluded.section_id,
              title = excluded.title, dateline = excluded.dateline, lead = excluded.lead, body_source = excluded.body_source,
              body_html = excluded.body_html, photo = excluded.photo, photo_caption = excluded.photo_caption,
              photo_credit = excluded.photo_credit, status = excluded.status, published_at = excluded.published_at,
              updated_at = excluded.updated_at
            RETURNING id
            """)
        let values: [SQLValue] = [
            .text(a.edition), .integer(storyID), .integer(section.id), .text(a.slug), .text(a.title), .text(a.dateline),
            .text(a.lead), .text(a.body), .text(html), SQLValue(a.photo), SQLValue(a.caption), SQLValue(a.credit),
            .text(a.status.rawValue), .integer(a.publishedAt), SQLValue(a.updatedAt),
        ]
        guard let id = try upsert.int64(values) else {
            throw InputError(field: "line", message: "the article could not be stored")
        }
        if existingID != nil {
            try RawStatement(db, "SELECT tag_id, published_at FROM article_tags WHERE article_id = ? AND published_at IS NOT NULL")
                .forEach([.integer(id)]) { row in touch(tag: row.int64(0), at: ListKey(publishedAt: row.int64(1), articleID: id)) }
            try RawStatement(db, "SELECT section_id, edition_code, published_at FROM article_sections WHERE article_id = ?")
                .forEach([.integer(id)]) { row in
                    touch(section: SectionEdition(section: row.int64(0), edition: row.text(1)),
                          at: ListKey(publishedAt: row.int64(2), articleID: id))
                }
            try RawStatement(db, "DELETE FROM article_tags WHERE article_id = ?").run([.integer(id)])
            try RawStatement(db, "DELETE FROM article_sections WHERE article_id = ?").run([.integer(id)])
        }
        let key = ListKey(publishedAt: a.publishedAt, articleID: id)
        let link = try RawStatement(db, "INSERT INTO article_tags (article_id, tag_id, position, published_at) VALUES (?, ?, ?, ?)")
        for (position, ref) in a.tags.enumerated() {
            let tagID = try tag(ref, edition: a.edition)
            if published { touch(tag: tagID, at: key) }
            try link.run([.integer(id), .integer(tagID), SQLValue(position), published ? .integer(a.publishedAt) : .null])
        }
        if published {
            let list = try RawStatement(db, "INSERT INTO article_sections (section_id, edition_code, article_id, published_at) VALUES (?, ?, ?, ?)")
            for sectionID in section.lineage {
                touch(section: SectionEdition(section: sectionID, edition: a.edition), at: key)
                try list.run([.integer(sectionID), .text(a.edition), .integer(id), .integer(a.publishedAt)])
            }
        }
        return existingID == nil
    }

    private mutating func touch(tag: Int64, at key: ListKey) {
        touchedTags[tag] = min(touchedTags[tag] ?? key, key)
    }

    private mutating func touch(section: SectionEdition, at key: ListKey) {
        touchedSections[section] = min(touchedSections[section] ?? key, key)
    }

    /// Renumbers every changed list from its oldest changed entry (entries before it keep their
    /// ranks, so the first of the renumbered follows the last of those) and stores its count,
    /// which is its highest rank. Index lookups only, plus the renumbered entries themselves.
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
        for (tag, from) in touchedTags {
            let base = try Int64.fetchOne(tagBase, arguments: [tag, from.publishedAt, from.articleID]) ?? 0
            try tagRenumber.execute(arguments: [tag, from.publishedAt, from.articleID, base])
            try tagCount.execute(arguments: [tag])
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
        for (list, from) in touchedSections {
            let base = try Int64.fetchOne(sectionBase, arguments: [list.section, list.edition, from.publishedAt, from.articleID]) ?? 0
            try sectionRenumber.execute(arguments: [list.section, list.edition, from.publishedAt, from.articleID, base])
            try sectionCount.execute(arguments: [list.section, list.edition])
        }
    }

    private mutating func story(_ key: String) throws -> Int64 {
        if let id = storyIDs[key] { return id }
        try RawStatement(db, "INSERT INTO stories (key) VALUES (?) ON CONFLICT (key) DO NOTHING").run([.text(key)])
        guard let id = try RawStatement(db, "SELECT id FROM stories WHERE key = ?").int64([.text(key)]) else {
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
