import Foundation
import GRDB
import NewsCore

/// One row of the newsroom's article lists.
public struct ArticleListItem: Sendable, Equatable {
    public var id: Int64
    public var edition: String
    public var sectionPath: String
    public var slug: String
    /// The newest revision's headline (what the editors work on).
    public var title: String
    public var state: ArticleState
    /// A published article with saved changes readers do not see yet.
    public var hasPendingChanges: Bool
    /// Those changes wait for an editor's review.
    public var changesInReview: Bool
    public var createdBy: String
    public var savedBy: String
    /// When it was last saved (its publication time when it never was).
    public var savedAt: Int64
    /// Its publication time (the planned one while scheduled).
    public var publishedAt: Int64
}

/// What the article list shows: any of these, combined.
public struct ArticleFilter: Sendable, Equatable {
    public var edition: String?
    public var section: String?
    public var state: ArticleState?
    /// A user name: articles they started or saved last.
    public var author: String?
    /// Words that must all appear in the headline.
    public var words: String?
    /// The editions the viewer works in (nil: all).
    public var editions: Set<String>?
    public var limit = 50
    public var offset = 0

    public init(edition: String? = nil, section: String? = nil, state: ArticleState? = nil, author: String? = nil,
                words: String? = nil, editions: Set<String>? = nil, limit: Int = 50, offset: Int = 0) {
        self.edition = edition
        self.section = section
        self.state = state
        self.author = author
        self.words = words
        self.editions = editions
        self.limit = limit
        self.offset = offset
    }
}

/// The newsroom's dashboard: my drafts, waiting for review, scheduled, recently published.
public struct Dashboard: Sendable, Equatable {
    public var myDrafts: [ArticleListItem]
    public var inReview: [ArticleListItem]
    public var scheduled: [ArticleListItem]
    public var recentlyPublished: [ArticleListItem]
}

/// The newsroom's read-only queries over articles (lists, the dashboard), newest first.
public struct NewsroomQueries: Sendable {
    let database: HeraldDatabase

    public init(_ database: HeraldDatabase) { self.database = database }

    static let select = """
        SELECT a.id, a.edition_code, s.path, a.slug, COALESCE(r.title, a.title), a.state, v.revision_id, v.live_revision_id,
          COALESCE(v.created_by, ''), COALESCE(v.saved_by, ''), COALESCE(v.saved_at, a.published_at), a.published_at,
          v.changes_submitted_at
        FROM articles a JOIN sections s ON s.id = a.section_id
        LEFT JOIN article_versions v ON v.article_id = a.id LEFT JOIN article_revisions r ON r.id = v.revision_id
        """

    /// An article in a state (bound twice): "review" also holds published articles whose changes
    /// were sent for review.
    static let inState = """
        (a.state = ? OR (? = 'review' AND a.state = 'published' AND v.changes_submitted_at IS NOT NULL \
        AND v.revision_id IS NOT v.live_revision_id))
        """

    /// A page of articles matching `filter`, newest first (one more than `limit` when more follow).
    public func articles(_ filter: ArticleFilter) throws -> [ArticleListItem] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let edition = filter.edition { conditions.append("a.edition_code = ?"); arguments += [edition] }
        if let editions = filter.editions {
            conditions.append("a.edition_code IN (\(editions.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(editions.sorted())
        }
        if let section = filter.section { conditions.append("(s.path = ? OR s.path LIKE ? ESCAPE '\\')"); arguments += [section, Self.escaped(section) + "/%"] }
        if let state = filter.state { conditions.append(Self.inState); arguments += [state.rawValue, state.rawValue] }
        if let author = filter.author { conditions.append("(v.created_by = ? OR v.saved_by = ?)"); arguments += [author, author] }
        for word in (filter.words ?? "").split(whereSeparator: \.isWhitespace).prefix(8) {
            conditions.append("COALESCE(r.title, a.title) LIKE ? ESCAPE '\\'")
            arguments += ["%" + Self.escaped(String(word)) + "%"]
        }
        let sql = Self.select + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY a.id DESC LIMIT ? OFFSET ?"
        arguments += [filter.limit + 1, filter.offset]
        return try database.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.item) }
    }

    /// The dashboard of a user working in `editions` (nil: all).
    public func dashboard(user: String, editions: Set<String>?) throws -> Dashboard {
        func list(_ state: ArticleState, _ extra: String = "", _ more: StatementArguments = [], order: String = "a.id DESC",
                  limit: Int = 10) throws -> [ArticleListItem] {
            var sql = Self.select + " WHERE " + Self.inState
            var arguments: StatementArguments = [state.rawValue, state.rawValue]
            if let editions {
                sql += " AND a.edition_code IN (\(editions.map { _ in "?" }.joined(separator: ", ")))"
                arguments += StatementArguments(editions.sorted())
            }
            sql += extra + " ORDER BY \(order) LIMIT \(limit)"
            arguments += more
            return try database.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.item) }
        }
        return Dashboard(myDrafts: try list(.draft, " AND (v.created_by = ? OR v.saved_by = ?)", [user, user]),
                         inReview: try list(.review),
                         scheduled: try list(.scheduled, order: "a.published_at"),
                         recentlyPublished: try list(.published, order: "a.published_at DESC"))
    }

    /// An edition's tags, slug and name, by slug.
    public func tags(edition: String) throws -> [(slug: String, name: String)] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT slug, name FROM tags WHERE edition_code = ? ORDER BY slug LIMIT 2000", arguments: [edition])
                .map { ($0[0], $0[1]) }
        }
    }

    /// An edition's tags whose slug or name contains `text` (all when empty), most used first.
    public func tags(edition: String, matching text: String, limit: Int) throws -> [(slug: String, name: String, count: Int)] {
        let pattern = "%" + Self.escaped(text) + "%"
        return try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT slug, name, article_count FROM tags WHERE edition_code = ?
                  AND (? = '' OR slug LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')
                ORDER BY article_count DESC, slug LIMIT ?
                """, arguments: [edition, text, pattern, pattern, limit]).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// The site's cities: code and a name to show (the English one, else the first, else the code).
    public func cities() throws -> [(code: String, name: String)] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.code, COALESCE((SELECT name FROM city_names WHERE city_id = c.id AND edition_code = 'en'),
                                        (SELECT name FROM city_names WHERE city_id = c.id ORDER BY edition_code LIMIT 1), c.code)
                FROM cities c ORDER BY c.code
                """).map { ($0[0], $0[1]) }
        }
    }

    /// An article's published corrections, oldest first.
    public func corrections(articleID: Int64) throws -> [Correction] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT created_at, note FROM article_corrections WHERE article_id = ? ORDER BY created_at, id",
                             arguments: [articleID]).map { Correction(at: $0[0], note: $0[1]) }
        }
    }

    private static func item(_ row: Row) -> ArticleListItem {
        let revision: Int64? = row[6], live: Int64? = row[7]
        let state = ArticleState(rawValue: row[5]) ?? .draft
        return ArticleListItem(id: row[0], edition: row[1], sectionPath: row[2], slug: row[3], title: row[4], state: state,
                               hasPendingChanges: state == .published && revision != nil && revision != live,
                               changesInReview: state == .published && revision != nil && revision != live && row[12] != nil,
                               createdBy: row[8], savedBy: row[9], savedAt: row[10], publishedAt: row[11])
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
