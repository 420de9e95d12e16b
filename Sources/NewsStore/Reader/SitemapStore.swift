import GRDB
import HeraldSupport
import NewsCore

/// One live article as a sitemap lists it: its URL parts, when it last changed, and the URL parts
/// of its live translations.
public struct SitemapArticle: Sendable, Equatable {
    public var id: Int64
    public var sectionID: Int64
    public var slug: String
    public var title: String
    public var publishedAt: Int64
    /// The update time, else the publication time.
    public var lastModified: Int64
    /// The same story's live articles in other editions.
    public var translations: [ArticleRef]
}

/// One tag of an edition with articles: when its newest went out, and the editions whose tag of
/// the same slug has articles too (its translations).
public struct SitemapTag: Sendable, Equatable {
    public var slug: String
    public var lastModified: Int64
    public var editions: [String]
}

/// What sitemaps read: every live article of an edition in stable slices, its newest for Google
/// News, its tags and its sections' latest times.
public protocol SitemapData: Sendable {
    /// How many live articles an edition has.
    func sitemapArticleCount(edition: String) throws -> Int
    /// Live articles of an edition oldest first (so earlier slices stay as they are while news
    /// is added), `limit` of them from `offset`, each with its translations.
    func sitemapArticles(edition: String, offset: Int, limit: Int) throws -> [SitemapArticle]
    /// An edition's articles published at or after `since`, newest first, at most `limit`.
    func recentArticles(edition: String, since: Int64, limit: Int) throws -> [SitemapArticle]
    /// An edition's tags that have live articles, by slug.
    func sitemapTags(edition: String) throws -> [SitemapTag]
    /// Section id → the newest publication time among the edition's articles filed in it or below.
    func sectionsLastModified(edition: String) throws -> [Int64: Int64]
}

/// The sitemap statements, named for plan checks like the page queries.
public enum SitemapQueries {
    static let count = "SELECT COUNT(*) FROM articles WHERE edition_code = ? AND status = 'published'"
    /// The slice is taken from the listing index backwards (oldest first); the translations are
    /// found through the (story, edition) key, one lookup per article.
    static let slice = """
        SELECT a.id, a.section_id, a.slug, a.title, a.published_at, COALESCE(a.updated_at, a.published_at), a.story_id
        FROM articles a WHERE a.edition_code = ? AND a.status = 'published'
        ORDER BY a.published_at, a.id LIMIT ? OFFSET ?
        """
    static let recent = """
        SELECT a.id, a.section_id, a.slug, a.title, a.published_at, COALESCE(a.updated_at, a.published_at), a.story_id
        FROM articles a WHERE a.edition_code = ? AND a.status = 'published' AND a.published_at >= ?
        ORDER BY a.published_at DESC, a.id DESC LIMIT ?
        """
    static let translations = """
        SELECT id, edition_code, section_id, slug FROM articles WHERE story_id = ? AND status = 'published' AND id <> ?
        """
    static let tags = "SELECT id, edition_code, slug FROM tags WHERE article_count > 0"
    static let tagNewest = """
        SELECT published_at FROM article_tags WHERE tag_id = ? AND published_at IS NOT NULL
        ORDER BY published_at DESC, article_id DESC LIMIT 1
        """
    static let sectionNewest = """
        SELECT c.section_id, (SELECT x.published_at FROM article_sections x WHERE x.section_id = c.section_id
          AND x.edition_code = c.edition_code ORDER BY x.published_at DESC, x.article_id DESC LIMIT 1)
        FROM section_counts c WHERE c.edition_code = ? AND c.article_count > 0
        """

    /// Each statement with sample arguments, for plan checks.
    public static let all: [(name: String, sql: String, arguments: StatementArguments)] = [
        ("sitemapCount", count, ["en"]), ("sitemapSlice", slice, ["en", 100, 0]), ("sitemapRecent", recent, ["en", 0, 1000]),
        ("sitemapTranslations", translations, [1, 1]), ("sitemapTagNewest", tagNewest, [1]),
        ("sitemapSectionNewest", sectionNewest, ["en"]),
    ]
}

extension ReaderStore: SitemapData {
    public func sitemapArticleCount(edition: String) throws -> Int {
        try connections.read { db in try RawStatement(db, SitemapQueries.count).int64([.text(edition)]).map(Int.init) ?? 0 }
    }

    public func sitemapArticles(edition: String, offset: Int, limit: Int) throws -> [SitemapArticle] {
        try connections.read { db in
            try Self.withTranslations(db, RawStatement(db, SitemapQueries.slice)
                .map([.text(edition), SQLValue(limit), SQLValue(offset)], Self.sitemapRow))
        }
    }

    public func recentArticles(edition: String, since: Int64, limit: Int) throws -> [SitemapArticle] {
        try connections.read { db in
            try Self.withTranslations(db, RawStatement(db, SitemapQueries.recent)
                .map([.text(edition), .integer(since), SQLValue(limit)], Self.sitemapRow))
        }
    }

    public func sitemapTags(edition: String) throws -> [SitemapTag] {
        try connections.read { db in
            var mine: [(id: Int64, slug: String)] = []
            var editions: [String: [String]] = [:]
            try RawStatement(db, SitemapQueries.tags).forEach([]) { row in
                let (code, slug) = (row.text(1), row.text(2))
                if code == edition { mine.append((row.int64(0), slug)) } else { editions[slug, default: []].append(code) }
            }
            let newest = try RawStatement(db, SitemapQueries.tagNewest)
            return try mine.sorted { $0.slug < $1.slug }.map { tag in
                SitemapTag(slug: tag.slug, lastModified: try newest.int64([.integer(tag.id)]) ?? 0,
                           editions: (editions[tag.slug] ?? []).sorted())
            }
        }
    }

    public func sectionsLastModified(edition: String) throws -> [Int64: Int64] {
        try connections.read { db in
            var times: [Int64: Int64] = [:]
            try RawStatement(db, SitemapQueries.sectionNewest).forEach([.text(edition)]) { row in
                if let time = row.optionalInt64(1) { times[row.int64(0)] = time }
            }
            return times
        }
    }

    private static func sitemapRow(_ row: RawRow) -> (SitemapArticle, Int64) {
        (SitemapArticle(id: row.int64(0), sectionID: row.int64(1), slug: row.text(2), title: row.text(3), publishedAt: row.int64(4),
                        lastModified: row.int64(5), translations: []), row.int64(6))
    }

    /// Fills each article's translations (one indexed lookup per article, on one prepared statement).
    private static func withTranslations(_ db: Database, _ rows: [(SitemapArticle, Int64)]) throws -> [SitemapArticle] {
        let statement = try RawStatement(db, SitemapQueries.translations)
        return try rows.map { article, story in
            var article = article
            try statement.forEach([.integer(story), .integer(article.id)]) { row in
                article.translations.append(ArticleRef(id: row.int64(0), edition: row.text(1), sectionID: row.int64(2), slug: row.text(3)))
            }
            return article
        }
    }
}
