import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// The live row of an article as it was before a write: what decides which lists and pages the
/// write affects.
struct LiveRow {
    let id: Int64
    let storyID: Int64
    let sectionID: Int64
    let slug: String
    let title: String
    let lead: String
    let photo: String?
    let status: String
    let publishedAt: Int64
    let revisionID: Int64?
    let tagSlugs: [String]
}

/// One write transaction's state: cached ids and statements, the lists it changed (renumbered at
/// the end), and the keys of what it changed. Every path that changes an article's live row — the
/// newsroom's named writes, `herald import`, the demo loader, the benchmark's generator — goes
/// through `write`.
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
    /// The article `write` is storing (kept out of a renamed tag's reindexing: it is reindexed
    /// as a whole).
    var writing: Int64?
    /// When true an article about to be overwritten that has no revision yet gets one of its old
    /// live row first, so its history starts with what readers saw.
    var keepsHistory = true

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

    /// Writes an article's live row with its body rendered (`Markdown.html(a.body)`) in `state`
    /// (readers see it only when published): by id when `id` is given (the newsroom: the slug may
    /// change), else by (edition, slug), inserting when there is none (imports). Lists are updated
    /// only when what they show changed; the keys of what changed are added to `changes`.
    /// Returns the id and whether the article is new.
    mutating func write(_ a: ArticleInput, html: String, state: ArticleState, id existing: Int64? = nil) throws -> (id: Int64, isNew: Bool) {
        guard editions.contains(a.edition) else {
            throw InputError(field: "edition", message: "unknown edition \"\(a.edition)\" (known: \(editions.sorted().joined(separator: ", ")))")
        }
        guard let section = sections[a.section] else {
            throw InputError(field: "section", message: "unknown section \"\(a.section)\"")
        }
        let storyID = try story(a.story)
        let status = state == .published ? "published" : "draft"
        // Per-article statements are stepped through the C API (GRDB's argument boxing and row
        // decoding cost more than SQLite's own work at import volumes).
        let fields: [SQLValue] = [
            .integer(storyID), .integer(section.id), .text(a.title), .text(a.dateline), .text(a.lead), .text(a.body),
            .text(html), SQLValue(a.photo), SQLValue(a.caption), SQLValue(a.credit), .text(status), .text(state.rawValue),
            .integer(a.publishedAt), SQLValue(a.updatedAt), .text(a.bylines.joined(separator: "\n")), SQLValue(a.alt),
        ]
        let old = try existing.map { try liveRow(id: $0) } ?? liveRow(edition: a.edition, slug: a.slug)
        if keepsHistory, let old, old.revisionID == nil { try Revisions.recordOriginal(of: old.id, at: a.updatedAt ?? old.publishedAt, db) }
        // Out of the search index while it changes (back in below when it is live).
        if let old, old.status == "published" { try SearchIndex.remove(old.id, db) }
        writing = old?.id
        let id: Int64
        let isNew: Bool
        do {
            if let old {
                guard try RawStatement(db, """
                    UPDATE articles SET story_id = ?, section_id = ?, title = ?, dateline = ?, lead = ?, body_source = ?, body_html = ?,
                      photo = ?, photo_caption = ?, photo_credit = ?, status = ?, state = ?, published_at = ?, updated_at = ?, bylines = ?,
                      photo_alt = ?, edition_code = ?, slug = ? WHERE id = ? RETURNING id
                    """).int64(fields + [.text(a.edition), .text(a.slug), .integer(old.id)]) != nil else {
                    throw InputError(field: "line", message: "the article could not be stored")
                }
                (id, isNew) = (old.id, false)
            } else if let inserted = try RawStatement(db, """
                INSERT INTO articles (story_id, section_id, title, dateline, lead, body_source, body_html, photo, photo_caption,
                  photo_credit, status, state, published_at, updated_at, bylines, photo_alt, edition_code, slug)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (edition_code, slug) DO NOTHING RETURNING id
                """).int64(fields + [.text(a.edition), .text(a.slug)]) {
                (id, isNew) = (inserted, true)
            } else {
                throw InputError(field: "slug", message: "\"\(a.slug)\" is already used by another article in edition \(a.edition)")
            }
        } catch let failure as StoreError {
            try explainConflict(a, storyID: storyID, excluding: old?.id)
            throw failure
        }
        let tagSlugs = a.tags.map(\.slug)
        let listsChange = old.map { $0.status != status || $0.publishedAt != a.publishedAt || $0.sectionID != section.id || $0.tagSlugs != tagSlugs } ?? true
        // Its page, and every list or box showing its headline, hold its key.
        changes.insert(.article(id))
        let live = status == "published" || old?.status == "published"
        if live { changes.insert(.sitemap(a.edition)) }
        if old.map({ $0.slug != a.slug || $0.sectionID != section.id || $0.storyID != storyID || $0.status != status }) ?? true {
            // Its URL or visibility moved: its translations' language switchers link to it, and
            // their sitemaps list it as an alternate.
            changes.insert(.story(storyID))
            if let old, old.storyID != storyID { changes.insert(.story(old.storyID)) }
            if live {
                try translationsMoved(storyID)
                if let old, old.storyID != storyID { try translationsMoved(old.storyID) }
            }
        }
        writing = id
        for ref in a.tags where ref.name != nil { _ = try tag(ref, edition: a.edition) }
        if listsChange {
            changes.insert(.home(a.edition))
            if old != nil { try removeListEntries(of: id, edition: a.edition) }
            try addListEntries(of: id, a, section: section, published: status == "published")
        }
        if status == "published" { try SearchIndex.add(id, db) }
        writing = nil
        return (id, isNew)
    }

    /// The sitemaps of the editions where a story is live: they list its translations.
    mutating func translationsMoved(_ storyID: Int64) throws {
        try RawStatement(db, "SELECT edition_code FROM articles WHERE story_id = ? AND status = 'published'")
            .forEach([.integer(storyID)]) { changes.insert(.sitemap($0.text(0))) }
    }

    /// Takes an article out of every list (it is unpublished, or about to be re-filed).
    mutating func removeListEntries(of id: Int64, edition: String) throws {
        try RawStatement(db, """
            SELECT l.tag_id, l.published_at, t.slug FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = ?
            """).forEach([.integer(id)]) { row in
            changes.insert(.tag(edition, row.text(2)))
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

    private mutating func addListEntries(of id: Int64, _ a: ArticleInput, section: (id: Int64, lineage: [Int64]), published: Bool) throws {
        let key = ListKey(publishedAt: a.publishedAt, articleID: id)
        let link = try RawStatement(db, "INSERT INTO article_tags (article_id, tag_id, position, published_at, rank) VALUES (?, ?, ?, ?, ?)")
        for (position, ref) in a.tags.enumerated() {
            let tagID = try tag(ref, edition: a.edition)
            changes.insert(.tag(a.edition, ref.slug))
            let rank = published ? try tagLists.added(to: tagID, at: key) { [db] in try ArticleWriter.newestEntry(db, tag: tagID) } : nil
            try link.run([.integer(id), .integer(tagID), SQLValue(position), published ? .integer(a.publishedAt) : .null, SQLValue(rank)])
        }
        guard published else { return }
        let list = try RawStatement(db, "INSERT INTO article_sections (section_id, edition_code, article_id, published_at, rank) VALUES (?, ?, ?, ?, ?)")
        for sectionID in section.lineage {
            let listID = SectionEdition(section: sectionID, edition: a.edition)
            if let path = sectionPaths[sectionID] { changes.insert(.section(a.edition, path)) }
            let rank = try sectionLists.added(to: listID, at: key) { [db] in try ArticleWriter.newestEntry(db, section: listID) }
            try list.run([.integer(sectionID), .text(a.edition), .integer(id), .integer(a.publishedAt), SQLValue(rank)])
        }
    }

    /// The live row by id (nil when there is none).
    func liveRow(id: Int64) throws -> LiveRow? {
        try liveRow(where: "a.id = ?", [.integer(id)])
    }

    /// The live row by edition and slug (nil when there is none).
    func liveRow(edition: String, slug: String) throws -> LiveRow? {
        try liveRow(where: "a.edition_code = ? AND a.slug = ?", [.text(edition), .text(slug)])
    }

    private func liveRow(where condition: String, _ values: [SQLValue]) throws -> LiveRow? {
        guard let found = try RawStatement(db, """
            SELECT a.id, a.story_id, a.section_id, a.slug, a.title, a.lead, a.photo, a.status, a.published_at, v.revision_id
            FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id WHERE \(condition)
            """).map(values, { row in
                LiveRow(id: row.int64(0), storyID: row.int64(1), sectionID: row.int64(2), slug: row.text(3), title: row.text(4),
                        lead: row.text(5), photo: row.optionalText(6), status: row.text(7), publishedAt: row.int64(8),
                        revisionID: row.optionalInt64(9), tagSlugs: [])
            }).first else { return nil }
        let tags = try RawStatement(db, """
            SELECT t.slug FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = ? ORDER BY l.position
            """).map([.integer(found.id)]) { $0.text(0) }
        return LiveRow(id: found.id, storyID: found.storyID, sectionID: found.sectionID, slug: found.slug, title: found.title,
                       lead: found.lead, photo: found.photo, status: found.status, publishedAt: found.publishedAt,
                       revisionID: found.revisionID, tagSlugs: tags)
    }

    /// A failed write: says which other article holds the slug or the story in the edition.
    private func explainConflict(_ a: ArticleInput, storyID: Int64, excluding id: Int64?) throws {
        if let other = try RawStatement(db, "SELECT id FROM articles WHERE edition_code = ? AND slug = ? AND id <> ?")
            .int64([.text(a.edition), .text(a.slug), .integer(id ?? -1)]) {
            throw InputError(field: "slug", message: "\"\(a.slug)\" is already used by article \(other) in edition \(a.edition)")
        }
        if let other = try RawStatement(db, "SELECT slug FROM articles WHERE story_id = ? AND edition_code = ? AND slug <> ? AND id <> ?")
            .map([.integer(storyID), .text(a.edition), .text(a.slug), .integer(id ?? -1)], { $0.text(0) }).first {
            throw InputError(field: "story", message: "story \"\(a.story)\" already has an article in edition \(a.edition) (slug \"\(other)\")")
        }
    }

    /// A tag list's newest entry and its rank, before this transaction changed it.
    private static func newestEntry(_ db: Database, tag: Int64) throws -> (ListKey, Int64)? {
        try RawStatement(db, """
            SELECT published_at, article_id, rank FROM article_tags WHERE tag_id = ? AND published_at IS NOT NULL
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """).map([.integer(tag)]) { (ListKey(publishedAt: $0.int64(0), articleID: $0.int64(1)), $0.int64(2)) }.first
    }

    /// A section list's newest entry in an edition and its rank, before this transaction changed it.
    private static func newestEntry(_ db: Database, section list: SectionEdition) throws -> (ListKey, Int64)? {
        try RawStatement(db, """
            SELECT published_at, article_id, rank FROM article_sections WHERE section_id = ? AND edition_code = ?
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """).map([.integer(list.section), .text(list.edition)]) { (ListKey(publishedAt: $0.int64(0), articleID: $0.int64(1)), $0.int64(2)) }.first
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

    /// A tag's id, creating it (named after its slug) when new; a given name renames it.
    private mutating func tag(_ ref: ArticleInput.TagRef, edition: String) throws -> Int64 {
        let key = edition + "\u{0}" + ref.slug
        if ref.name == nil, let id = tagIDs[key] { return id }
        if let name = ref.name {
            // A rename shows on the tag's pages and on every article page naming the tag, and in
            // the search index of its articles.
            let current = try RawStatement(db, "SELECT id, name FROM tags WHERE edition_code = ? AND slug = ?")
                .map([.text(edition), .text(ref.slug)]) { ($0.int64(0), $0.text(1)) }.first
            if let current, current.1 != name {
                try SearchIndex.renaming(tag: current.0, except: writing, db) {
                    try RawStatement(db, "UPDATE tags SET name = ? WHERE id = ?").run([.text(name), .integer(current.0)])
                }
                changes.insert(.tag(edition, ref.slug))
            } else if current == nil {
                try RawStatement(db, "INSERT INTO tags (edition_code, slug, name) VALUES (?, ?, ?)")
                    .run([.text(edition), .text(ref.slug), .text(name)])
                changes.insert(.tag(edition, ref.slug))
            }
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
