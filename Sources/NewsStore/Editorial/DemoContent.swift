import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// Loads the demo newsroom from a directory (site.json, articles*.jsonl, rates.json, weather.json)
/// through the same paths `herald setup`, `herald import`, `herald rates` and `herald weather` use,
/// then writes a week of view history so that Popular has something to rank.
public enum DemoContent {
    /// What was loaded.
    public struct Summary: Sendable {
        public var articles: Int
        public var files: [String]
    }

    /// Loads everything in `directory` into `database`.
    @discardableResult
    public static func load(directory: String, into database: HeraldDatabase, now: Date = Date()) throws -> Summary {
        let clock: @Sendable () -> Int64 = { Int64(now.timeIntervalSince1970) }
        try SiteRepository(database, now: clock).apply(SiteSetup.load(path: directory + "/site.json"), by: .system("demo"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("articles") && $0.hasSuffix(".jsonl") }.sorted()
        var articles = 0
        let importer = Importer(database, as: .system("demo"), now: clock)
        for file in files {
            do {
                let summary = try importer.importFile(at: directory + "/" + file)
                articles += summary.created + summary.updated
            } catch let error as ImportError {
                throw StoreError(.invalidImport, "demo: \(file): \(error)")
            }
        }
        let header = HeaderRepository(database, now: clock)
        if let data = FileManager.default.contents(atPath: directory + "/rates.json") {
            try header.setRates(HeaderFiles.rates(from: data), by: .system("demo"))
        }
        if let data = FileManager.default.contents(atPath: directory + "/weather.json") {
            try header.setWeather(HeaderFiles.weather(from: data), by: .system("demo"))
        }
        try writeViewHistory(database, now: now)
        return Summary(articles: articles, files: files)
    }

    /// A deterministic week of views: newer articles and every third story read more.
    static func writeViewHistory(_ database: HeraldDatabase, now: Date) throws {
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, story_id FROM articles WHERE status = 'published' ORDER BY published_at DESC")
        }
        let repository = ViewRepository(database)
        for daysAgo in 0..<7 {
            var counts: [Int64: Int] = [:]
            for (rank, row) in rows.enumerated() {
                let id: Int64 = row[0]
                let story: Int64 = row[1]
                let base = max(5, 400 - rank * 4)
                let boost = story % 3 == 0 ? 3 : 1
                counts[id] = (base * boost + Int((id * 7919 + Int64(daysAgo) * 104_729) % 97)) / (daysAgo + 1)
            }
            try repository.add(counts, day: LocalDay.utc(now, minusDays: daysAgo))
        }
    }

    /// True when the database has no editions yet (a fresh file).
    public static func isEmpty(_ database: HeraldDatabase) throws -> Bool {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM editions") ?? 0 } == 0
    }
}
