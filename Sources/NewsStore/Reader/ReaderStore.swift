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
    /// The corrections published with it, oldest first.
    public var corrections: [Correction]
}

/// The data an edition's home page lists.
public struct HomeData: Sendable {
    /// The newest articles of the edition.
    public var latest: [ArticleSummary]
    /// The newest articles per top-level section id.
    public var bySection: [Int64: [ArticleSummary]]
}

/// A tag with one page of its articles.
public struct TagListing: Sendable {
    /// The tag.
    public var tag: Tag
    /// The page.
    public var page: ArticlePage
    /// The other editions whose tag of the same slug has articles (its translations).
    public var siblings: [String] = []
    /// Every edition's code: the listing changes when any of their tags of this slug does.
    public var editions: [String] = []

    /// The tag's list in every edition (a sibling may appear or go) and the headlines shown.
    public var keys: [CacheKey] {
        (editions.isEmpty ? [.tag(tag.edition, tag.slug)] : editions.map { .tag($0, tag.slug) }) + page.keys
    }
}

/// What reader pages read: each call one consistent snapshot. `ReaderStore` reads SQLite; a
/// caching decorator (ReaderCache) keeps the answers until a write retires them.
public protocol ReaderData: Sendable {
    /// A published article with its tags, translations and related news; nil when there is none.
    func articleBundle(id: Int64) throws -> ArticleBundle?
    /// A tag by edition and slug with a page of its published articles, newest first; nil when
    /// there is no such tag.
    func tagListing(edition: String, slug: String, limit: Int, offset: Int) throws -> TagListing?
    /// A page of a section's (and its subsections') published articles in one edition.
    func sectionListing(_ section: Section, edition: String, limit: Int, offset: Int) throws -> ArticlePage
    /// The home page's lists: the newest articles and the newest per top-level section.
    func home(edition: String, latest: Int, perSection: Int, sections: [Int64]) throws -> HomeData
}

extension ArticleBundle {
    /// What an article page shows: the article, its story's translations, its tags' lists
    /// (related news is drawn from them) and the related articles' headlines.
    public var keys: [CacheKey] {
        [.article(article.id), .story(article.storyID)] + tags.map { .tag($0.edition, $0.slug) } + related.map { .article($0.id) }
    }
}

extension ArticlePage {
    /// The headlines a page of a list shows.
    public var keys: [CacheKey] { articles.map { .article($0.id) } }
}

extension HomeData {
    /// The edition's lineup and every headline on it.
    public func keys(edition: String) -> [CacheKey] {
        [.home(edition)] + latest.map { .article($0.id) } + bySection.keys.sorted().flatMap { bySection[$0]!.map { .article($0.id) } }
    }
}

/// The reader-facing queries: index lookups only, each page in one read transaction, rows stepped
/// through the C API on GRDB's cached statements (see `ReadConnections`).
public struct ReaderStore: ReaderData {
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

    public func articleBundle(id: Int64) throws -> ArticleBundle? {
        try connections.read { db in
            let found = try RawStatement(db, ReaderQueries.article).map([.integer(id)]) { row in
                var article = Article(id: row.int64(0), edition: row.text(1), storyID: row.int64(2), sectionID: row.int64(3),
                                      slug: row.text(4), title: row.text(5), dateline: row.text(6), lead: row.text(7),
                                      bodyHTML: row.bytes(8), photo: row.optionalText(9), caption: row.optionalText(10),
                                      credit: row.optionalText(11), publishedAt: row.int64(12), updatedAt: row.optionalInt64(13),
                                      bylines: row.text(14).split(separator: "\n").map(String.init))
                article.alt = row.optionalText(15)
                return article
            }
            guard let article = found.first else { return nil }
            let tags = try RawStatement(db, ReaderQueries.articleTags).map([.integer(id)]) { (ReaderStore.tag($0), $0.int64(4)) }
                .sorted { $0.1 < $1.1 }.map(\.0)
            var translations: [String: ArticleRef] = [:]
            try RawStatement(db, ReaderQueries.translations).forEach([.integer(article.storyID), .integer(id)]) { row in
                let ref = ArticleRef(id: row.int64(0), edition: row.text(1), sectionID: row.int64(2), slug: row.text(3))
                translations[ref.edition] = ref
            }
            let related = tags.isEmpty ? [] : try RawStatement(db, ReaderQueries.related)
                .map([.integer(id), SQLValue(ReaderStore.relatedWindow)], ReaderStore.summary)
            let corrections = try RawStatement(db, ReaderQueries.corrections).map([.integer(id)]) { Correction(at: $0.int64(0), note: $0.text(1)) }
            return ArticleBundle(article: article, tags: tags, translations: translations, related: related, corrections: corrections)
        }
    }

    /// The `offset`-th to the (offset + limit)-th newest are the ranks total − offset − limit + 1 …
    /// total − offset: an index range lookup whatever the page.
    public func tagListing(edition: String, slug: String, limit: Int, offset: Int) throws -> TagListing? {
        try connections.read { db in
            var found: (tag: Tag, total: Int)?
            try RawStatement(db, ReaderQueries.tagBySlug).forEach([.text(edition), .text(slug)]) { row in
                found = (ReaderStore.tag(row), row.int(4))
            }
            guard let found else { return nil }
            let ranks = ReaderStore.ranks(total: found.total, limit: limit, offset: offset)
            let articles = try RawStatement(db, ReaderQueries.tagPage)
                .map([.integer(found.tag.id), SQLValue(ranks.lowerBound), SQLValue(ranks.upperBound)], ReaderStore.summary)
            var listing = TagListing(tag: found.tag, page: ArticlePage(articles: articles, total: found.total))
            try RawStatement(db, ReaderQueries.tagSiblings).forEach([.text(slug)]) { row in
                let code = row.text(0)
                listing.editions.append(code)
                if code != edition, (row.optionalInt64(1) ?? 0) > 0 { listing.siblings.append(code) }
            }
            return listing
        }
    }

    public func sectionListing(_ section: Section, edition: String, limit: Int, offset: Int) throws -> ArticlePage {
        let sectionID = section.id
        return try connections.read { db in
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

/// What the content API reads besides the pages' data: an edition's articles newest first, a
/// page after a cursor.
public protocol ContentAPIData: Sendable {
    /// At most `limit` live articles of `edition`, newest first, after `after` (the
    /// (published_at, id) of the last one of the previous page; nil: from the newest).
    func apiArticles(edition: String, after: (publishedAt: Int64, id: Int64)?, limit: Int) throws -> [ArticleSummary]
    /// The same for a tag (by id) and for a section with its subsections in an edition.
    func apiTagArticles(tagID: Int64, after: (publishedAt: Int64, id: Int64)?, limit: Int) throws -> [ArticleSummary]
    func apiSectionArticles(sectionID: Int64, edition: String, after: (publishedAt: Int64, id: Int64)?, limit: Int) throws -> [ArticleSummary]
    /// A tag of an edition by slug, with its count of live articles; nil when there is none.
    func apiTag(edition: String, slug: String) throws -> (tag: Tag, count: Int)?
    /// At most `limit` tags of an edition with live articles, by slug, after the slug `after`
    /// (nil: from the first), each with its count of live articles.
    func apiTags(edition: String, after: String?, limit: Int) throws -> [(tag: Tag, count: Int)]
}

extension ReaderStore: ContentAPIData {
    public func apiArticles(edition: String, after: (publishedAt: Int64, id: Int64)?, limit: Int) throws -> [ArticleSummary] {
        try connections.read { db in
            let start = after ?? (Int64.max, Int64.max)
            return try RawStatement(db, ReaderQueries.latestBefore).map(
                [.text(edition), .integer(start.publishedAt), .integer(start.publishedAt), .integer(start.id), SQLValue(limit)], ReaderStore.summary)
        }
    }

    public func apiTagArticles(tagID: Int64, after: (publishedAt: Int64, id: Int64)?, limit: Int) throws -> [ArticleSummary] {
        try connections.read { db in
            let start = after ?? (Int64.max, Int64.max)
            return try RawStatement(db, ReaderQueries.tagBefore).map(
                [.integer(tagID), .integer(start.publishedAt), .integer(start.publishedAt), .integer(start.id), SQLValue(limit)], ReaderStore.summary)
        }
    }

    public func apiSectionArticles(sectionID: Int64, edition: String, after: (publishedAt: Int64, id: Int64)?,
                                   limit: Int) throws -> [ArticleSummary] {
        try connections.read { db in
            let start = after ?? (Int64.max, Int64.max)
            return try RawStatement(db, ReaderQueries.sectionBefore).map(
                [.integer(sectionID), .text(edition), .integer(start.publishedAt), .integer(start.publishedAt), .integer(start.id), SQLValue(limit)],
                ReaderStore.summary)
        }
    }

    public func apiTag(edition: String, slug: String) throws -> (tag: Tag, count: Int)? {
        try connections.read { db in
            try RawStatement(db, ReaderQueries.tagBySlug).map([.text(edition), .text(slug)]) { row in
                (ReaderStore.tag(row), Int(row.int64(4)))
            }.first
        }
    }

    public func apiTags(edition: String, after: String?, limit: Int) throws -> [(tag: Tag, count: Int)] {
        try connections.read { db in
            try RawStatement(db, ReaderQueries.tagsAfter).map([.text(edition), .text(after ?? ""), SQLValue(limit)]) { row in
                (ReaderStore.tag(row), Int(row.int64(4)))
            }
        }
    }
}
