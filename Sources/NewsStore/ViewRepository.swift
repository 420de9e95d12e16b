import Foundation
import GRDB
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

    /// The most-read published articles per edition since `sinceDay` (inclusive), top `limit` each.
    public func popular(sinceDay: String, limit: Int) throws -> [String: [ArticleSummary]] {
        try database.readConnections.read { db in
            var result: [String: [ArticleSummary]] = [:]
            // Ranked per edition from the views alone; a few extra candidates stand in for
            // articles unpublished since they were read.
            try RawStatement(db, ReaderQueries.popular).forEach([.text(sinceDay), SQLValue(limit * 3)]) { row in
                let summary = ReaderStore.summary(row)
                if result[summary.edition, default: []].count < limit {
                    result[summary.edition, default: []].append(summary)
                }
            }
            return result
        }
    }

    /// The total views stored for an article (tests and operators).
    public func totalViews(articleID: Int64) throws -> Int {
        try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = ?", arguments: [articleID]) ?? 0
        }
    }
}
