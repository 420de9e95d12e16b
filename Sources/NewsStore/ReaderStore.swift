import GRDB
import NewsCore

/// Everything an article page shows from the database, read in one transaction.
public struct ArticleBundle: Sendable {
    /// The article.
    public var article: Article
    /// Its tags in the editor's order.
    public var tags: [Tag]
    /// The same story in other editions: edition code → summary.
    public var translations: [String: ArticleSummary]
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

/// The reader-facing queries: all index lookups, cached statements, several reads per transaction.
public struct ReaderStore: Sendable {
    let database: HeraldDatabase

    /// How many of each tag's newest articles are considered when ranking related news.
    public static let relatedWindow = 40

    /// Creates the store over a database.
    public init(_ database: HeraldDatabase) { self.database = database }

    static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(id: row[0], edition: row[1], sectionID: row[2], slug: row[3], title: row[4], lead: row[5],
                       photo: row[6], publishedAt: row[7])
    }

    private static func tag(_ row: Row) -> Tag { Tag(id: row[0], edition: row[1], slug: row[2], name: row[3]) }

    /// The current content version (one cached primary-key read).
    public func contentVersion() throws -> Int64 {
        try database.pool.read { db in try ContentVersion.current(db) }
    }

    /// A published article with its tags, translations and related news; nil when there is none.
    public func articleBundle(id: Int64) throws -> ArticleBundle? {
        try database.pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: ReaderQueries.article), arguments: [id]) else { return nil }
            let article = Article(id: row[0], edition: row[1], storyID: row[2], sectionID: row[3], slug: row[4],
                                  title: row[5], dateline: row[6], lead: row[7], bodyHTML: row[8], photo: row[9],
                                  caption: row[10], credit: row[11], publishedAt: row[12], updatedAt: row[13])
            let tags = try Row.fetchAll(db.cachedStatement(sql: ReaderQueries.articleTags), arguments: [id]).map(ReaderStore.tag)
            var translations: [String: ArticleSummary] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: ReaderQueries.translations), arguments: [article.storyID, id]) {
                let summary = ReaderStore.summary(row)
                translations[summary.edition] = summary
            }
            let related = try relatedArticles(db, to: article, tags: tags)
            return ArticleBundle(article: article, tags: tags, translations: translations, related: related)
        }
    }

    /// Ranks the newest articles of each tag by how many of the article's tags they share; the
    /// five with most shared tags (newer first on ties) are returned newest first.
    private func relatedArticles(_ db: Database, to article: Article, tags: [Tag]) throws -> [ArticleSummary] {
        guard !tags.isEmpty else { return [] }
        var scores: [Int64: (shared: Int, publishedAt: Int64)] = [:]
        let statement = try db.cachedStatement(sql: ReaderQueries.relatedCandidates)
        for tag in tags {
            let cursor = try Row.fetchCursor(statement, arguments: [tag.id, ReaderStore.relatedWindow])
            while let row = try cursor.next() {
                let candidate: Int64 = row[0]
                guard candidate != article.id else { continue }
                scores[candidate, default: (0, row[1])].shared += 1
            }
        }
        let chosen = scores.sorted { ($0.value.shared, $0.value.publishedAt, $0.key) > ($1.value.shared, $1.value.publishedAt, $1.key) }
            .prefix(5)
            .sorted { ($0.value.publishedAt, $0.key) > ($1.value.publishedAt, $1.key) }
        let fetch = try db.cachedStatement(sql: ReaderQueries.summaryByID)
        return try chosen.compactMap { entry in try Row.fetchOne(fetch, arguments: [entry.key]).map(ReaderStore.summary) }
    }

    /// A tag by edition and slug.
    public func tag(edition: String, slug: String) throws -> Tag? {
        try database.pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: ReaderQueries.tagBySlug), arguments: [edition, slug]).map(ReaderStore.tag)
        }
    }

    /// A page of a tag's published articles, newest first, with the total.
    public func tagPage(tagID: Int64, limit: Int, offset: Int) throws -> ArticlePage {
        try database.pool.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: ReaderQueries.tagPage), arguments: [tagID, limit, offset])
            let total = try Int.fetchOne(db.cachedStatement(sql: ReaderQueries.tagCount), arguments: [tagID]) ?? 0
            return ArticlePage(articles: rows.map(ReaderStore.summary), total: total)
        }
    }

    /// A page of a section's (and its subsections') published articles in one edition.
    public func sectionPage(sectionID: Int64, edition: String, limit: Int, offset: Int) throws -> ArticlePage {
        try database.pool.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: ReaderQueries.sectionPage),
                                        arguments: [sectionID, edition, limit, offset])
            let total = try Int.fetchOne(db.cachedStatement(sql: ReaderQueries.sectionCount), arguments: [sectionID, edition]) ?? 0
            return ArticlePage(articles: rows.map(ReaderStore.summary), total: total)
        }
    }

    /// The home page's lists: the newest articles and the newest per top-level section.
    public func home(edition: String, latest: Int, perSection: Int, sections: [Int64]) throws -> HomeData {
        try database.pool.read { db in
            let latestRows = try Row.fetchAll(db.cachedStatement(sql: ReaderQueries.latest), arguments: [edition, latest])
            let statement = try db.cachedStatement(sql: ReaderQueries.sectionLatest)
            var bySection: [Int64: [ArticleSummary]] = [:]
            for section in sections {
                bySection[section] = try Row.fetchAll(statement, arguments: [section, edition, perSection]).map(ReaderStore.summary)
            }
            return HomeData(latest: latestRows.map(ReaderStore.summary), bySection: bySection)
        }
    }
}
