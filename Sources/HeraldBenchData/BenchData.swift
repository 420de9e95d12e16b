import ArgumentParser
import Dispatch
import Foundation
import GRDB
import HeraldSupport
import Media
import NewsCore
import NewsStore

/// `herald-bench-data`: a synthetic newsroom for the benchmarks, written straight into a new
/// database through Herald's own import path (validation, Markdown, lists, ranks, counts), or as
/// JSON Lines for `herald import`.
@main
struct BenchData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald-bench-data",
        abstract: "Generate a synthetic newsroom (all editions, tags, views) for the benchmarks.")

    @Option(help: "Number of articles.") var articles = 0
    @Option(help: "Write a photo-like test image (JPEG, PNG or WebP by its extension) to this file instead, for the upload benchmark and the browser test.")
    var photo: String?
    @Option(help: "The test image's size, WIDTHxHEIGHT.") var photoSize = "4000x3000"
    @Option(help: "Create this database file (it must not exist).") var db: String?
    @Option(help: "Write JSON Lines for herald import to this file instead.") var jsonl: String?
    @Option(help: "Generator seed: the same seed gives the same newsroom.") var seed: UInt64 = 1
    @Option(help: "The site definition.") var site = "demo/site.json"
    @Option(help: "The word lists.") var vocabulary = "bench/vocabulary.json"
    @Option(help: "The migrations directory.") var migrations = "migrations"
    @Option(help: "Where rates.json and weather.json are read from.") var demo = "demo"
    @Option(help: "Body size in UTF-8 bytes, MIN-MAX.") var bodyBytes = "3000-5000"
    @Option(help: "Share of articles in stories translated into several editions.") var translated = 0.30
    @Option(help: "Share of draft articles.") var drafts = 0.01
    @Option(help: "Percent of published articles with a week of views.") var viewsPercent = 5
    @Option(help: "Reference time, ISO 8601 with an offset (default: now).") var now: String?

    func validate() throws {
        if photo != nil {
            guard photoDimensions != nil else { throw ValidationError("--photo-size must look like 4000x3000") }
            return
        }
        guard articles > 0 else { throw ValidationError("--articles must be positive") }
        guard (db == nil) != (jsonl == nil) else { throw ValidationError("give exactly one of --db and --jsonl") }
        guard bodyRange != nil else { throw ValidationError("--body-bytes must look like 3000-5000") }
        guard (0...100).contains(viewsPercent) else { throw ValidationError("--views-percent must be 0…100") }
    }

    var photoDimensions: (Int, Int)? {
        let parts = photoSize.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...20_000).contains(parts[0]), (1...20_000).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    var bodyRange: ClosedRange<Int>? {
        let parts = bodyBytes.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 200, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }

    func run() throws {
        if let photo, let (width, height) = photoDimensions {
            try MediaLibrary.writeSample(width: width, height: height, to: photo)
            print("herald-bench-data: wrote a \(width) × \(height) test photo to \(photo)")
            return
        }
        let started = Date()
        let reference = try now.map { text -> Int64 in
            guard let value = CivilCalendar.parseTimestamp(text) else { throw ValidationError("--now must be ISO 8601 with an offset") }
            return value
        } ?? Int64(Date().timeIntervalSince1970) / 60 * 60
        let setup = try SiteSetup.load(path: site)
        var plan = try ArticlePlan(
            settings: .init(articles: articles, seed: seed, bodyBytes: bodyRange!, translatedShare: translated,
                            draftShare: drafts, now: reference),
            site: setup, vocabulary: Vocabulary.load(path: vocabulary))
        if let jsonl {
            try writeLines(&plan, to: jsonl)
        } else if let db {
            try load(&plan, into: db, setup: setup, now: reference)
        }
        let seconds = Date().timeIntervalSince(started)
        print("herald-bench-data: \(articles) articles (\(plan.translatedArticles) in translated stories, \(plan.storyCount) stories) in \(String(format: "%.1f", seconds)) s")
    }

    /// JSON Lines, one article a line.
    func writeLines(_ plan: inout ArticlePlan, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw GeneratorError("unable to create \(path)")
        }
        defer { try? file.close() }
        var buffer = Data()
        while let fields = plan.next() {
            buffer.append(try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]))
            buffer.append(0x0A)
            if buffer.count > 1 << 22 { file.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        file.write(buffer)
    }

    /// A new database: schema, site, articles in batches (generated, validated and rendered on
    /// one thread while the previous batch is written on another), header data from the demo,
    /// views, then WAL mode.
    func load(_ plan: inout ArticlePlan, into path: String, setup: SiteSetup, now: Int64) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw GeneratorError("\(path) exists; remove it first") }
        let database = try HeraldDatabase(bulkLoadAt: path)
        try Migrator(directory: migrations).migrate(database)
        try SiteRepository(database).apply(setup)
        let batches = BatchChannel()
        nonisolated(unsafe) var producer = plan
        // Generated, validated and rendered on this thread while the previous batch is stored on
        // the calling one, so the two stages overlap. One thread, not every core: the writer is
        // the slower stage, and a second worker here took CPU from it (measured 20 % slower).
        let thread = Thread {
            var line = 0
            var batch: [PreparedArticle] = []
            while let fields = producer.next() {
                line += 1
                switch ArticleInput.parse(fields: fields) {
                case .success(let article): batch.append(PreparedArticle(line: line, article: article))
                case .failure(let error): batches.fail(GeneratorError("article \(line): \(error)")); return
                }
                if batch.count == 20_000 { batches.put(batch); batch = [] }
            }
            batches.put(batch)
            batches.finish()
        }
        thread.start()
        // Stored through the import path, a transaction a batch (one transaction of 100k
        // articles, or of all of them, measured no faster: the page cache spills dirty pages).
        // Generated articles have no history: no revisions or audit entries (the newsroom records
        // an article's live row as its first revision when it is first edited).
        let repository = EditorialRepository(database, now: { now })
        let line = ProgressLine("herald-bench-data", total: articles, unit: "articles")
        var stored = 0
        while let batch = try batches.take() {
            try repository.importPrepared(batch, by: .system("herald-bench-data"), keepsHistory: false) { done, _ in
                line.update(stored + done)
            }
            stored += batch.count
        }
        line.finish()
        plan = producer
        let header = HeaderRepository(database)
        if let data = FileManager.default.contents(atPath: demo + "/rates.json") { try header.setRates(HeaderFiles.rates(from: data)) }
        if let data = FileManager.default.contents(atPath: demo + "/weather.json") { try header.setWeather(HeaderFiles.weather(from: data)) }
        try writeViews(database, now: now)
        try database.finishBulkLoad()
    }

    /// A week of views (today and six days before) for `viewsPercent` of the published articles,
    /// picked by a hash of the id and the seed; 1–500 a day, skewed.
    func writeViews(_ database: HeraldDatabase, now: Int64) throws {
        let days = (0..<7).map { UTCDay.isoDay(unix: now - Int64($0) * 86_400) }
        try database.write { db in
            for (index, day) in days.enumerated() {
                try db.execute(sql: """
                    INSERT INTO article_views (day, article_id, edition_code, views)
                    SELECT ?, id, edition_code, 1 + ((h * 7 + ? * 131071) % 1000) * ((h * 7 + ? * 131071) % 1000) / 2000
                    FROM (SELECT id, edition_code, (id * 2654435761 + ?) % 1000003 AS h FROM articles WHERE status = 'published')
                    WHERE h % 100 < ?
                    """, arguments: [day, index, index, Int64(bitPattern: seed % 1_000_000), viewsPercent])
            }
        }
    }
}

/// Hands batches of prepared articles from the generating thread to the writing one, at most two
/// waiting; the generator's first invalid article ends the hand-over with its error.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[PreparedArticle]] = []
    private var done = false
    private var failure: GeneratorError?

    func put(_ batch: [PreparedArticle]) {
        condition.lock()
        while queue.count >= 2 { condition.wait() }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the hand-over: `take` throws `error` once the batches before it are taken.
    func fail(_ error: GeneratorError) {
        condition.lock()
        failure = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the producer is done.
    func take() throws -> [PreparedArticle]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !done { condition.wait() }
        if queue.isEmpty {
            if let failure { throw failure }
            return nil
        }
        defer { condition.broadcast() }
        return queue.removeFirst()
    }
}
