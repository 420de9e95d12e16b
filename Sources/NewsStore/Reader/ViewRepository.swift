import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// Daily view counts and the Popular ranking computed from them.
public struct ViewRepository: Sendable {
    let database: HeraldDatabase

    /// Creates a repository over a database.
    public init(_ database: HeraldDatabase) { self.database = database }

    /// Adds counts for one day in one transaction; ids of articles deleted meanwhile are skipped.
    public func add(_ counts: [Int64: Int], day: String) throws {
        guard !counts.isEmpty else { return }
        try database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO article_views (day, article_id, edition_code, views)
                SELECT ?, id, edition_code, ? FROM articles WHERE id = ?
                ON CONFLICT (day, article_id) DO UPDATE SET views = views + excluded.views
                """)
            for (id, count) in counts where count > 0 {
                try statement.execute(arguments: [day, count, id])
            }
        }
    }

    /// Ranks Popular from the views since `sinceDay` (inclusive): each edition's `limit` most read
    /// published articles. The candidates (a few extra stand in for articles unpublished later)
    /// are stored, when they changed, for `storedPopular`.
    public func rankPopular(sinceDay: String, limit: Int) throws -> [String: [ArticleSummary]] {
        let ranking = try database.readConnections.read { db in
            try RawStatement(db, ReaderQueries.popularRanking).map([.text(sinceDay), SQLValue(limit * 3)], PopularCandidate.init)
        }
        try database.write { db in
            guard try RawStatement(db, ReaderQueries.storedRanking).map([], PopularCandidate.init) != ranking else { return }
            try db.execute(sql: "DELETE FROM popular_ranking")
            let insert = try RawStatement(db, "INSERT INTO popular_ranking (edition_code, position, article_id, total) VALUES (?, ?, ?, ?)")
            var positions: [String: Int64] = [:]
            for candidate in ranking {
                let position = positions[candidate.edition, default: 0] + 1
                positions[candidate.edition] = position
                try insert.run([.text(candidate.edition), .integer(position), .integer(candidate.articleID), .integer(candidate.total)])
            }
        }
        return try storedPopular(limit: limit) ?? [:]
    }

    /// Popular as last ranked, with each article's current row and unpublished ones left out: the
    /// top `limit` per edition; nil when no stored candidate is published (never ranked, no views
    /// in the week, or all of them unpublished since), for the caller to rank instead.
    public func storedPopular(limit: Int) throws -> [String: [ArticleSummary]]? {
        try database.readConnections.read { db in
            var result: [String: [ArticleSummary]] = [:]
            try RawStatement(db, ReaderQueries.popular).forEach([]) { row in
                let summary = ReaderStore.summary(row)
                if result[summary.edition, default: []].count < limit {
                    result[summary.edition, default: []].append(summary)
                }
            }
            return result.isEmpty ? nil : result
        }
    }

    /// An article's reads on each of the `days` UTC days ending with `lastDay` ("2026-12-02"),
    /// oldest first, days without reads as 0 (the newsroom's chart).
    public func dailyReads(articleID: Int64, days: Int, endingOn lastDay: String) throws -> [DailyCount] {
        let range = LocalDay.range(days: days, endingOn: lastDay)
        let stored = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT day, views FROM article_views WHERE article_id = ? AND day >= ? AND day <= ?",
                             arguments: [articleID, range.first!, lastDay])
        }
        return DailyCount.filled(range, stored.map { ($0[0], $0[1]) })
    }

    /// Each edition's reads on each of the `days` UTC days ending with `lastDay`, oldest first,
    /// for `editions` (nil: all of them that had reads).
    public func editionTraffic(editions: [String]?, days: Int, endingOn lastDay: String) throws -> [String: [DailyCount]] {
        let range = LocalDay.range(days: days, endingOn: lastDay)
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT edition_code, day, SUM(views) FROM article_views WHERE day >= ? AND day <= ? AND edition_code IS NOT NULL
                GROUP BY edition_code, day
                """, arguments: [range.first!, lastDay])
        }
        var byEdition: [String: [(String, Int)]] = [:]
        for row in rows { byEdition[row[0], default: []].append((row[1], row[2])) }
        var result: [String: [DailyCount]] = [:]
        for edition in editions ?? Array(byEdition.keys) {
            result[edition] = DailyCount.filled(range, byEdition[edition] ?? [])
        }
        return result
    }

    /// The total views stored for an article (tests and operators).
    public func totalViews(articleID: Int64) throws -> Int {
        try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = ?", arguments: [articleID]) ?? 0
        }
    }
}

/// Reads on one UTC day.
public struct DailyCount: Sendable, Equatable {
    public var day: String
    public var views: Int

    public init(day: String, views: Int) {
        self.day = day
        self.views = views
    }

    /// One count per day of `range`, from `stored` (day, views) where present, else 0.
    static func filled(_ range: [String], _ stored: [(String, Int)]) -> [DailyCount] {
        let known = Dictionary(stored, uniquingKeysWith: +)
        return range.map { DailyCount(day: $0, views: known[$0] ?? 0) }
    }
}

/// One of Popular's ranked candidates.
struct PopularCandidate: Equatable {
    let edition: String
    let articleID: Int64
    let total: Int64

    init(_ row: RawRow) {
        edition = row.text(0)
        articleID = row.int64(1)
        total = row.int64(2)
    }
}
