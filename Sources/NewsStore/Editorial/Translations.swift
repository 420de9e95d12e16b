import Foundation
import GRDB
import NewsCore

/// What a translation was made from: the source article, the source revision the translator
/// last worked from, and how the draft was made.
public struct TranslationLink: Sendable, Equatable {
    public var sourceArticleID: Int64
    public var sourceRevisionID: Int64
    public var method: TranslationMethod

    public init(sourceArticleID: Int64, sourceRevisionID: Int64, method: TranslationMethod) {
        self.sourceArticleID = sourceArticleID
        self.sourceRevisionID = sourceRevisionID
        self.method = method
    }
}

/// One edition's article of a story, as the story page and the board show it.
public struct StoryArticle: Sendable, Equatable {
    public var id: Int64
    public var edition: String
    /// The newest revision's headline.
    public var title: String
    public var state: ArticleState
    public var hasPendingChanges: Bool
    public var changesInReview: Bool
    public var savedBy: String
    public var savedAt: Int64
    /// What it was translated from, when it was.
    public var source: TranslationLink?
    /// The source's edition.
    public var sourceEdition: String?
    /// The source's newest revision now.
    public var sourceCurrentRevisionID: Int64?
    /// True while the draft the newsroom made is still the newest revision (nobody reviewed it yet).
    public var isMachineDraft: Bool

    /// True when the source was saved again after the revision this translation was made or last saved from.
    public var isOutdated: Bool {
        guard let source, let current = sourceCurrentRevisionID else { return false }
        return current > source.sourceRevisionID
    }
}

/// A story and its articles, one per edition that has it.
public struct StoryOverview: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var articles: [StoryArticle]

    /// The story's article in `edition`, if it has one.
    public func article(in edition: String) -> StoryArticle? { articles.first { $0.edition == edition } }
}

/// The article_sources table.
enum Translations {
    /// Links a new translation to its source (the draft just written is the machine's).
    static func link(_ articleID: Int64, to link: TranslationLink, machineRevision: Int64, _ db: Database) throws {
        try RawStatement(db, """
            INSERT INTO article_sources (article_id, source_article_id, source_revision_id, method, machine_revision_id)
            VALUES (?, ?, ?, ?, ?)
            """).run([.integer(articleID), .integer(link.sourceArticleID), .integer(link.sourceRevisionID), .text(link.method.rawValue),
                      .integer(machineRevision)])
    }

    /// Records that a translation was saved with the source's revision `seen` in front of the
    /// translator: only a revision of its own source, and never backwards.
    static func caughtUp(_ articleID: Int64, to seen: Int64, _ db: Database) throws {
        try RawStatement(db, """
            UPDATE article_sources SET source_revision_id = ?1 WHERE article_id = ?2 AND source_revision_id < ?1
              AND EXISTS (SELECT 1 FROM article_revisions r WHERE r.id = ?1 AND r.article_id = article_sources.source_article_id)
            """).run([.integer(seen), .integer(articleID)])
    }
}

extension EditorialRepository {
    /// Makes the story's draft in `edition` from the article `sourceID`, linked to the story and
    /// to the source's newest revision: transliterated from Kazakh Cyrillic into the Latin or
    /// Arabic script, otherwise copied for the translator to replace. Refused when the edition
    /// has the story already (the error names that article) or the actor does not work in it.
    public func translate(_ sourceID: Int64, into edition: String, by actor: Actor) throws -> EditorialResult {
        guard actor.may(.write, in: edition) else { throw EditorialError.notAllowed(action: .write, edition: edition) }
        let plan: (ArticleInput, TranslationLink) = try database.write { db in
            if try Self.row(sourceID, db).revisionID == nil { try Revisions.recordOriginal(of: sourceID, at: self.now(), db) }
            let row = try Self.row(sourceID, db)
            guard let revisionID = row.revisionID, let source = try Revisions.revision(id: revisionID, db) else {
                throw EditorialError.notFound(articleID: sourceID)
            }
            func tag(_ code: String) throws -> String? { try String.fetchOne(db, sql: "SELECT tag FROM editions WHERE code = ?", arguments: [code]) }
            guard let targetTag = try tag(edition), let sourceTag = try tag(row.edition) else {
                throw EditorialError.invalid(InputErrors([InputError(field: "edition", message: "is not an edition of this site")]))
            }
            guard edition != row.edition else {
                throw EditorialError.invalid(InputErrors([InputError(field: "edition", message: "is the source's own edition")]))
            }
            let (method, script) = TranslationMethod.between(sourceTag: sourceTag, targetTag: targetTag)
            var missingTags: [String: String] = [:]
            for ref in source.fields.tags where try RawStatement(db, "SELECT id FROM tags WHERE edition_code = ? AND slug = ?")
                .int64([.text(edition), .text(ref.slug)]) == nil {
                missingTags[ref.slug] = try String.fetchOne(db, sql: "SELECT name FROM tags WHERE edition_code = ? AND slug = ?",
                                                            arguments: [row.edition, ref.slug]) ?? ref.slug
            }
            let taken = try RawStatement(db, "SELECT id FROM articles WHERE edition_code = ? AND slug = ?")
                .int64([.text(edition), .text(source.fields.slug)]) != nil
            let slug = taken ? String(source.fields.slug.prefix(Slug.maxLength - edition.count - 1)) + "-" + edition : source.fields.slug
            return (source.fields.draft(into: edition, slug: slug, script: script, tagNames: missingTags),
                    TranslationLink(sourceArticleID: sourceID, sourceRevisionID: revisionID, method: method))
        }
        return try saveDraft(plan.0, articleID: nil, basedOn: nil, by: actor, translatedFrom: plan.1)
    }
}

extension NewsroomQueries {
    static let storyArticles = """
        SELECT a.id, a.edition_code, COALESCE(r.title, a.title), a.state, v.revision_id, v.live_revision_id, v.changes_submitted_at,
          COALESCE(v.saved_by, ''), COALESCE(v.saved_at, a.published_at), l.source_article_id, l.source_revision_id, l.method,
          l.machine_revision_id, src.edition_code, sv.revision_id, a.story_id
        FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id LEFT JOIN article_revisions r ON r.id = v.revision_id
        LEFT JOIN article_sources l ON l.article_id = a.id LEFT JOIN articles src ON src.id = l.source_article_id
        LEFT JOIN article_versions sv ON sv.article_id = l.source_article_id
        """

    /// A story with its articles; nil when there is none.
    public func story(id: Int64) throws -> StoryOverview? {
        try database.pool.read { db in
            guard let key = try String.fetchOne(db, sql: "SELECT key FROM stories WHERE id = ?", arguments: [id]) else { return nil }
            let articles = try Row.fetchAll(db, sql: Self.storyArticles + " WHERE a.story_id = ? ORDER BY a.id", arguments: [id])
                .map(Self.storyArticle)
            return StoryOverview(id: id, key: key, articles: articles)
        }
    }

    /// An article as its story shows it (with its source, for a translation); nil when there is none.
    public func storyArticle(id: Int64) throws -> StoryArticle? {
        try database.pool.read { db in try Row.fetchOne(db, sql: Self.storyArticles + " WHERE a.id = ?", arguments: [id]).map(Self.storyArticle) }
    }

    /// The story an article belongs to.
    public func storyID(ofArticle id: Int64) throws -> Int64? {
        try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [id]) }
    }

    /// Stories saved or published since `since` (Unix seconds), most recent first, at most `limit`.
    public func stories(since: Int64, until: Int64, limit: Int = 300) throws -> [StoryOverview] {
        try database.pool.read { db in
            let recent = try Row.fetchAll(db, sql: """
                SELECT story_id, MAX(t) AS latest FROM (
                  SELECT a.story_id, v.saved_at AS t FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE v.saved_at >= ?1
                  UNION ALL
                  SELECT story_id, published_at FROM articles WHERE edition_code IN (SELECT code FROM editions) AND status = 'published'
                    AND published_at >= ?1 AND published_at <= ?2
                ) GROUP BY story_id ORDER BY latest DESC, story_id DESC LIMIT ?3
                """, arguments: [since, until, limit])
            let ids: [Int64] = recent.map { $0[0] }
            guard !ids.isEmpty else { return [] }
            let keys = Dictionary(try Row.fetchAll(db, sql: "SELECT id, key FROM stories WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                                   arguments: StatementArguments(ids)).map { row -> (Int64, String) in (row[0], row[1]) },
                                  uniquingKeysWith: { a, _ in a })
            var articles: [Int64: [StoryArticle]] = [:]
            for row in try Row.fetchAll(db, sql: Self.storyArticles + " WHERE a.story_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                                        + " ORDER BY a.id", arguments: StatementArguments(ids)) {
                let story: Int64 = row[15]
                articles[story, default: []].append(Self.storyArticle(row))
            }
            return ids.map { StoryOverview(id: $0, key: keys[$0] ?? "", articles: articles[$0] ?? []) }
        }
    }

    private static func storyArticle(_ row: Row) -> StoryArticle {
        let revision: Int64? = row[4], live: Int64? = row[5]
        let state = ArticleState(rawValue: row[3]) ?? .draft
        let pending = state == .published && revision != nil && revision != live
        let sourceID: Int64? = row[9]
        let link = sourceID.map { TranslationLink(sourceArticleID: $0, sourceRevisionID: row[10],
                                                  method: TranslationMethod(rawValue: row[11]) ?? .translation) }
        let machine: Int64? = row[12]
        return StoryArticle(id: row[0], edition: row[1], title: row[2], state: state, hasPendingChanges: pending,
                            changesInReview: pending && row[6] != nil, savedBy: row[7], savedAt: row[8], source: link,
                            sourceEdition: row[13], sourceCurrentRevisionID: row[14], isMachineDraft: machine != nil && machine == revision)
    }
}
