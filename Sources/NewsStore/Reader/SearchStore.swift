import GRDB
import NewsCore

/// One search result: the article's headline summary and the text its snippet is cut from.
public struct SearchHit: Sendable {
    public var summary: ArticleSummary
    /// The article's body as plain text.
    public var bodyText: String
}

/// A page of search results.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    /// How many live articles of the edition match, counted up to `SearchStore.countLimit`.
    public var total: Int
    /// More than `countLimit` match (`total` is the limit).
    public var totalIsMore: Bool
    /// Results can be paged through up to here (the ranked window, or fewer matches).
    public var ranked: Int
}

/// What the search page reads.
public protocol SearchData: Sendable {
    /// The live articles of an edition matching every term of `query`: the newest
    /// `SearchQueries.window` matches ranked by relevance (`herald_rank`, the headline weighted most),
    /// newer first among equals, `limit` of them from `offset`.
    func search(_ query: SearchQuery, edition: String, limit: Int, offset: Int) throws -> SearchResults
}

/// The search statements.
public enum SearchQueries {
    /// Matches ranked: the newest `window` (rowid is the article id, so the index walks its
    /// lists backwards and stops there), then by relevance: headline 10, tags 5, lead 4, body 1
    /// (`SearchRank`). Ranking every match of a common word at a million articles took ~300 ms;
    /// the window keeps a query to a few milliseconds.
    public static let window = 1000
    /// Matches counted at most (a count walks every match).
    public static let countLimit = 10_000

    static let count = "SELECT COUNT(*) FROM (SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT \(countLimit + 1))"
    static let page = """
        SELECT a.id, a.edition_code, a.section_id, a.slug, a.title, a.lead, a.photo, a.published_at, a.body_html
        FROM (SELECT id, score FROM (SELECT rowid AS id, \(SearchRank.name)(article_search, 0.0, 10.0, 4.0, 1.0, 5.0) AS score
                FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT \(window))
              ORDER BY score DESC, id DESC LIMIT ? OFFSET ?) c
        JOIN articles a ON a.id = c.id AND a.status = 'published'
        ORDER BY c.score DESC, a.published_at DESC, a.id DESC
        """
}

extension ReaderStore: SearchData {
    public func search(_ query: SearchQuery, edition: String, limit: Int, offset: Int) throws -> SearchResults {
        let match = query.match(edition: edition)
        return try connections.read { db in
            let total = try RawStatement(db, SearchQueries.count).int64([.text(match)]).map(Int.init) ?? 0
            let hits = offset >= SearchQueries.window ? [] : try RawStatement(db, SearchQueries.page)
                .map([.text(match), SQLValue(min(limit, SearchQueries.window - offset)), SQLValue(offset)]) { row in
                    SearchHit(summary: ReaderStore.summary(row), bodyText: SearchText.plainText(html: row.text(8)))
                }
            return SearchResults(hits: hits, total: min(total, SearchQueries.countLimit), totalIsMore: total > SearchQueries.countLimit,
                                 ranked: min(total, SearchQueries.window))
        }
    }
}
