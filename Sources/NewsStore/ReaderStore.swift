import GRDB
import HeraldSupport
import NewsCore

/// Everything an article page shows from the database, read in one transaction.
public struct ArticleBundle: Sendable {
    /// The article.
    public var article: Article
    /// Its tags in the editor's order.
    public var tags: [Tag]
    /// The same story in other editions: edition code → summary.
    public var translations: [String: ArticleRef]
    /// Up to five related articles of the same edition.
    public var related: [ArticleSummary]
}

/// The data an edition's home page lists.
public struct HomeData: Sendable {
    /// The newest articles of the edition.
    public var latest: [ArticleSummary]
    /// The newest articles per top-level section id.
    public var bySection: [Int64: [ArticleSummary]]
}

/// The reader-facing queries: index lookups only, each page in one read transaction, rows stepped
/// through the C API on GRDB's cached statements (see `ReadConnections`).
public struct ReaderStore: Sendable {
    let database: HeraldDatabase
    let connections: ReadConnections

    /// How many of each tag's newest articles are considered when ranking related news.
    public static let relatedWindow = 12

    /// Creates the store over a database.
    public init(_ database: HeraldDatabase) {
        self.database = database
        connections = database.readConnections
    }

    static func summary(_ row: RawRow) -> ArticleSummary {
        ArticleSummary(id: row.int64(0), edition: row.text(1), sectionID: row.int64(2), slug: row.text(3),
                       title: row.text(4), lead: row.text(5), photo: row.optionalText(6), publishedAt: row.int64(7))
    }

    static func tag(_ row: RawRow) -> Tag {
        Tag(id: row.int64(0), edition: row.text(1), slug: row.text(2), name: row.text(3))
    }

    /// The current content version (one primary-key read).
    public func contentVersion() throws -> Int64 {
        try connections.read { db in
            try RawStatement(db, "SELECT version FROM content_version WHERE id = 1").map([]) { $0.int64(0) }.first ?? 0
        }
    }

    /// A published article with its tags, translations and related news; nil when there is none.
    /// Pass `withRelated: false` when the caller already holds the related list.
    public func articleBundle(id: Int64, withRelated: Bool = true) throws -> ArticleBundle? {
        try connections.read { db in
            let found = try RawStatement(db, ReaderQueries.article).map([.integer(id)]) { row in
                Article(id: row.int64(0), edition: row.text(1), storyID: row.int64(2), sectionID: row.int64(3),
                        slug: row.text(4), title: row.text(5), dateline: row.text(6), lead: row.text(7),
                        bodyHTML: row.bytes(8), photo: row.optionalText(9), caption: row.optionalText(10),
                        credit: row.optionalText(11), publishedAt: row.int64(12), updatedAt: row.optionalInt64(13))
            }
            guard let article = found.first else { return nil }
            let tags = try RawStatement(db, ReaderQueries.articleTags).map([.integer(id)]) { (ReaderStore.tag($0), $0.int64(4)) }
                .sorted { $0.1 < $1.1 }.map(\.0)
            var translations: [String: ArticleRef] = [:]
            try RawStatement(db, ReaderQueries.translations).forEach([.integer(article.storyID), .integer(id)]) { row in
                let ref = ArticleRef(id: row.int64(0), edition: row.text(1), sectionID: row.int64(2), slug: row.text(3))
                translations[ref.edition] = ref
            }
            let related = tags.isEmpty || !withRelated ? [] : try RawStatement(db, ReaderQueries.related)
                .map([.integer(id), SQLValue(ReaderStore.relatedWindow)], ReaderStore.summary)
            return ArticleBundle(article: article, tags: tags, translations: translations, related: related)
        }
    }

    /// A tag by edition and slug with a page of its published articles, newest first, in one read
    /// transaction (the tag page); nil when there is no such tag. The `offset`-th to the
    /// (offset + limit)-th newest are the ranks total − offset − limit + 1 … total − offset.
    public func tagListing(edition: String, slug: String, limit: Int, offset: Int) throws -> (tag: Tag, page: ArticlePage)? {
        try connections.read { db in
            var found: (tag: Tag, total: Int)?
            try RawStatement(db, ReaderQueries.tagBySlug).forEach([.text(edition), .text(slug)]) { row in
                found = (ReaderStore.tag(row), row.int(4))
            }
            guard let found else { return nil }
            let ranks = ReaderStore.ranks(total: found.total, limit: limit, offset: offset)
            let articles = try RawStatement(db, ReaderQueries.tagPage)
                .map([.integer(found.tag.id), SQLValue(ranks.lowerBound), SQLValue(ranks.upperBound)], ReaderStore.summary)
            return (found.tag, ArticlePage(articles: articles, total: found.total))
        }
    }

    /// A page of a section's (and its subsections') published articles in one edition.
    public func sectionPage(sectionID: Int64, edition: String, limit: Int, offset: Int) throws -> ArticlePage {
        try connections.read { db in
            let total = try RawStatement(db, ReaderQueries.sectionCount)
                .map([.integer(sectionID), .text(edition)]) { $0.int(0) }.first ?? 0
            let ranks = ReaderStore.ranks(total: total, limit: limit, offset: offset)
            let articles = try RawStatement(db, ReaderQueries.sectionPage)
                .map([.integer(sectionID), .text(edition), SQLValue(ranks.lowerBound), SQLValue(ranks.upperBound)], ReaderStore.summary)
            return ArticlePage(articles: articles, total: total)
        }
    }

    /// The ranks of a page of a list of `total` entries, newest first (empty past the end).
    static func ranks(total: Int, limit: Int, offset: Int) -> ClosedRange<Int> {
        let highest = total - offset
        return highest < 1 ? 0...0 : max(1, highest - limit + 1)...highest
    }

    /// The home page's lists: the newest articles and the newest per top-level section.
    public func home(edition: String, latest: Int, perSection: Int, sections: [Int64]) throws -> HomeData {
        try connections.read { db in
            let latestArticles = try RawStatement(db, ReaderQueries.latest).map([.text(edition), SQLValue(latest)], ReaderStore.summary)
            let statement = try RawStatement(db, ReaderQueries.sectionLatest)
            var bySection: [Int64: [ArticleSummary]] = [:]
            for section in sections {
                bySection[section] = try statement.map([.integer(section), .text(edition), SQLValue(perSection)], ReaderStore.summary)
            }
            return HomeData(latest: latestArticles, bySection: bySection)
        }
    }
}
