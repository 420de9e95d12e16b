import Foundation
import GRDB
import NewsCore

/// How a revision came to be.
public enum RevisionSource: String, Sendable {
    /// Saved in the newsroom.
    case newsroom
    /// Written by `herald import` or the demo loader.
    case `import`
    /// A copy of an earlier revision, restored as a new draft.
    case restore
    /// The article as it was before its first recorded revision (imported before revisions existed).
    case original
}

/// One saved version of an article: who saved it, when, and every field.
public struct Revision: Sendable, Equatable {
    public var id: Int64
    public var articleID: Int64
    /// 1, 2, … per article.
    public var number: Int
    public var authorID: Int64?
    public var authorName: String
    public var source: String
    public var createdAt: Int64
    /// Every field; `publishedAt` is the planned time, 0 when none was given.
    public var fields: ArticleInput
}

/// The article_revisions table.
enum Revisions {
    static let columns = """
        id, article_id, number, author_id, author_name, source, created_at, edition_code, story_key, section_path, slug, title,
        dateline, lead, tags, photo, photo_caption, photo_credit, bylines, published_at, body, photo_alt
        """

    /// Stores a revision of `fields` for an article; returns its id.
    @discardableResult
    static func insert(_ fields: ArticleInput, plannedAt: Int64?, articleID: Int64, by actor: Actor, source: RevisionSource,
                       at time: Int64, _ db: Database) throws -> Int64 {
        let number = try RawStatement(db, "SELECT COALESCE(MAX(number), 0) + 1 FROM article_revisions WHERE article_id = ?")
            .int64([.integer(articleID)]) ?? 1
        let id = try RawStatement(db, """
            INSERT INTO article_revisions (article_id, number, author_id, author_name, source, created_at, edition_code, story_key,
              section_path, slug, title, dateline, lead, tags, photo, photo_caption, photo_credit, bylines, published_at, body, photo_alt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """).int64([
                .integer(articleID), .integer(number), SQLValue(actor.userID), .text(actor.name), .text(source.rawValue), .integer(time),
                .text(fields.edition), .text(fields.story), .text(fields.section), .text(fields.slug), .text(fields.title),
                .text(fields.dateline), .text(fields.lead), .text(fields.tags.map(\.slug).joined(separator: ", ")),
                SQLValue(fields.photo), SQLValue(fields.caption), SQLValue(fields.credit), .text(fields.bylines.joined(separator: "\n")),
                SQLValue(plannedAt), .text(fields.body), SQLValue(fields.alt),
            ])!
        try RawStatement(db, """
            INSERT INTO article_versions (article_id, revision_id, created_by, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (article_id) DO UPDATE SET revision_id = excluded.revision_id, saved_by = excluded.saved_by,
              saved_at = excluded.saved_at
            """).run([.integer(articleID), .integer(id), .text(actor.name), .text(actor.name), .integer(time)])
        return id
    }

    /// The live row as a revision, for an article that has none yet (imported before revisions
    /// were kept, or by the benchmark's generator): so its history starts with what readers saw.
    static func recordOriginal(of articleID: Int64, at time: Int64, _ db: Database) throws {
        guard let fields = try liveFields(of: articleID, db) else { return }
        _ = try insert(fields.input, plannedAt: fields.input.publishedAt, articleID: articleID, by: .system("original"),
                            source: .original, at: time, db)
        if fields.live { try markLive(articleID, db) }
    }

    /// The newest revision is what readers see now.
    static func markLive(_ articleID: Int64, _ db: Database) throws {
        try RawStatement(db, "UPDATE article_versions SET live_revision_id = revision_id, changes_submitted_at = NULL WHERE article_id = ?").run([.integer(articleID)])
    }

    /// The live row's fields, and whether readers see it.
    static func liveFields(of articleID: Int64, _ db: Database) throws -> (input: ArticleInput, live: Bool)? {
        try RawStatement(db, """
            SELECT a.edition_code, st.key, s.path, a.slug, a.title, a.dateline, a.lead, a.body_source, a.photo, a.photo_caption,
              a.photo_credit, a.bylines, a.status, a.published_at, a.updated_at,
              (SELECT group_concat(t.slug, ', ') FROM (SELECT t.slug FROM article_tags l JOIN tags t ON t.id = l.tag_id
                WHERE l.article_id = a.id ORDER BY l.position) t), a.photo_alt
            FROM articles a JOIN stories st ON st.id = a.story_id JOIN sections s ON s.id = a.section_id WHERE a.id = ?
            """).map([.integer(articleID)]) { row -> (input: ArticleInput, live: Bool) in
                var input = ArticleInput(edition: row.text(0), story: row.text(1), section: row.text(2), slug: row.text(3), title: row.text(4),
                                         dateline: row.text(5), lead: row.text(6), body: row.text(7), tags: tagRefs(row.optionalText(15) ?? ""),
                                         photo: row.optionalText(8), caption: row.optionalText(9), credit: row.optionalText(10),
                                         bylines: lines(row.text(11)), status: row.text(12) == "published" ? .published : .draft,
                                         publishedAt: row.int64(13), updatedAt: row.optionalInt64(14))
                input.alt = row.optionalText(16)
                return (input, row.text(12) == "published")
            }.first
    }

    /// A revision by id.
    static func revision(id: Int64, _ db: Database) throws -> Revision? {
        try RawStatement(db, "SELECT \(columns) FROM article_revisions WHERE id = ?").map([.integer(id)], revision).first
    }

    /// An article's revisions, newest first.
    static func all(of articleID: Int64, _ db: Database) throws -> [Revision] {
        try RawStatement(db, "SELECT \(columns) FROM article_revisions WHERE article_id = ? ORDER BY number DESC")
            .map([.integer(articleID)], revision)
    }

    private static func revision(_ row: RawRow) -> Revision {
        var fields = ArticleInput(edition: row.text(7), story: row.text(8), section: row.text(9), slug: row.text(10),
                                  title: row.text(11), dateline: row.text(12), lead: row.text(13), body: row.text(20),
                                  tags: tagRefs(row.text(14)), photo: row.optionalText(15), caption: row.optionalText(16),
                                  credit: row.optionalText(17), bylines: lines(row.text(18)), status: .draft,
                                  publishedAt: row.optionalInt64(19) ?? 0, updatedAt: nil)
        fields.alt = row.optionalText(21)
        return Revision(id: row.int64(0), articleID: row.int64(1), number: row.int(2), authorID: row.optionalInt64(3),
                        authorName: row.text(4), source: row.text(5), createdAt: row.int64(6), fields: fields)
    }

    static func tagRefs(_ text: String) -> [ArticleInput.TagRef] {
        text.split(separator: ",").map { ArticleInput.TagRef(slug: $0.trimmingCharacters(in: .whitespaces), name: nil) }
            .filter { !$0.slug.isEmpty }
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}
