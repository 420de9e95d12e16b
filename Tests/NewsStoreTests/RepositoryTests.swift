import Foundation
import GRDB
import HeraldSupport
import NewsCore
@testable import NewsStore
import Testing
import TestSupport

func line(_ edition: String = "en", story: String = "s1", section: String = "news/elections", slug: String = "first",
          title: String = "Title", tags: String = #"["elections"]"#, status: String = "published",
          published: String = "2026-11-24T07:44:00+05:00") -> String {
    #"{"edition":"\#(edition)","story":"\#(story)","section":"\#(section)","slug":"\#(slug)","title":"\#(title)","lead":"Lead","body":"Body **text**","tags":\#(tags),"published":"\#(published)","status":"\#(status)"}"#
}

/// A page of an English tag through the tag page's single read (nil: no such tag).
func tagPage(_ store: ReaderStore, _ slug: String, limit: Int = 20, offset: Int = 0) throws -> ArticlePage? {
    try store.tagListing(edition: "en", slug: slug, limit: limit, offset: offset)?.page
}

func count(_ database: HeraldDatabase, _ table: String) throws -> Int {
    try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
}

func setUpSite(_ database: HeraldDatabase) throws {
    try SiteRepository(database).apply(SiteSetup.load(path: Fixtures.root + "/demo/site.json"))
}

@Suite struct ImportTests {
    @Test func sectionsCannotTakeTheSitesOwnPaths() throws {
        for path in ["search", "search/archive", "tag"] {
            let file = NSTemporaryDirectory() + "herald-setup-\(UUID().uuidString).json"
            try Data(#"{"sections": [{"path": "\#(path)", "names": {"en": "X"}}]}"#.utf8).write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            #expect(throws: StoreError.self, "\(path)") { try SiteSetup.load(path: file) }
        }
    }

    @Test func importIsIdempotentOnEditionAndSlug() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let importer = Importer(database)
        let text = [line(), line("ru", slug: "pervaya")].joined(separator: "\n")
        #expect(try importer.importText(text).counts == ImportSummary(created: 2, updated: 0).counts)
        #expect(try importer.importText(text.replacingOccurrences(of: "\"Title\"", with: "\"New title\"")).counts == ImportSummary(created: 0, updated: 2).counts)
        #expect(try count(database, "articles") == 2)
        #expect(try count(database, "stories") == 1)
        let title = try database.pool.read { db in try String.fetchOne(db, sql: "SELECT title FROM articles WHERE slug = 'first'") }
        #expect(title == "New title")
        let html = try database.pool.read { db in try String.fetchOne(db, sql: "SELECT body_html FROM articles WHERE slug = 'first'") }
        #expect(html == "<p>Body <strong>text</strong></p>\n")
    }

    @Test func aBadLineNamesTheLineAndFieldAndImportsNothing() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let text = [line(slug: "one"), line(slug: "two"), "", line(slug: "Bad Slug")].joined(separator: "\n")
        do {
            try Importer(database).importText(text)
            Issue.record("imported a bad file")
        } catch let error as ImportError {
            #expect(error.line == 4)
            #expect(error.field == "slug")
            #expect("\(error)".hasPrefix("line 4: field \"slug\""))
        }
        #expect(try count(database, "articles") == 0)
    }

    @Test func unknownEditionOrSectionIsReportedWithItsLineAndRolledBack() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        for (bad, field) in [(line("xx", slug: "b"), "edition"), (line(section: "nowhere", slug: "b"), "section")] {
            do {
                try Importer(database).importText(line(slug: "a") + "\n" + bad)
                Issue.record("accepted \(bad)")
            } catch let error as ImportError {
                #expect(error.line == 2)
                #expect(error.field == field)
            }
            #expect(try count(database, "articles") == 0)
        }
    }

    @Test func aStoryHasOneArticlePerEdition() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        do {
            try Importer(database).importText(line(slug: "a") + "\n" + line(slug: "b"))
            Issue.record("two articles of one story in one edition")
        } catch let error as ImportError {
            #expect(error.line == 2)
            #expect(error.field == "story")
            #expect(error.message == #"story "s1" already has an article in edition en (slug "a")"#)
        }
        #expect(try count(database, "articles") == 0)
    }

    /// The same rule when an existing article is moved to a story that has one already.
    @Test func anUpdateCannotTakeAStoryThatHasAnArticleInTheEdition() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let importer = Importer(database)
        try importer.importText(line(story: "s1", slug: "a") + "\n" + line(story: "s2", slug: "b"))
        do {
            try importer.importText(line(story: "s3", slug: "c") + "\n" + line(story: "s1", slug: "b", title: "Moved"))
            Issue.record("moved an article onto a story that has one in the edition")
        } catch let error as ImportError {
            #expect(error.line == 2)
            #expect(error.message == #"story "s1" already has an article in edition en (slug "a")"#)
        }
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT a.slug, s.key, a.title FROM articles a JOIN stories s ON s.id = a.story_id ORDER BY a.slug")
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as String)" }
        }
        #expect(rows == ["a s1 Title", "b s2 Title"])
    }

    /// Bodies rendered ahead (the benchmark generator renders them on its own thread) are stored as given.
    @Test func preparedArticlesAreStoredAsImportedOnes() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let parsed = try Importer.parse(line(slug: "a") + "\n" + line("ru", slug: "b"))
        let prepared = EditorialRepository.prepare(parsed)
        #expect(prepared.map(\.html) == ["<p>Body <strong>text</strong></p>\n", "<p>Body <strong>text</strong></p>\n"])
        #expect(prepared.map(\.line) == [1, 2])
        #expect(try EditorialRepository(database).importPrepared(prepared).counts == ImportSummary(created: 2, updated: 0).counts)
        #expect(try EditorialRepository(database).importPrepared(prepared).counts == ImportSummary(created: 0, updated: 2).counts)
        #expect(try count(database, "articles") == 2)
    }

    @Test func draftsAreNotListed() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        try Importer(database).importText(line(slug: "draft", status: "draft"))
        let store = ReaderStore(database)
        #expect(try tagPage(store, "elections")?.total == 0)
        let id = try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles") }!
        #expect(try store.articleBundle(id: id) == nil)
    }

    @Test func sectionListsIncludeSubsections() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        try Importer(database).importText(line(slug: "a"))
        let sections = try SiteRepository(database).load().sections
        let store = ReaderStore(database)
        #expect(try store.sectionListing(sections.section(path: "news")!, edition: "en", limit: 20, offset: 0).total == 1)
        #expect(try store.sectionListing(sections.section(path: "news/elections")!, edition: "en", limit: 20, offset: 0).total == 1)
        #expect(try store.sectionListing(sections.section(path: "sport")!, edition: "en", limit: 20, offset: 0).total == 0)
    }
}

@Suite struct ReaderStoreTests {
    @Test func relatedNewsSharesTagsStaysInTheEditionAndExcludesItself() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let lines = [
            line(story: "a", slug: "main", tags: #"["elections","parliament","astana"]"#, published: "2026-11-20T10:00:00Z"),
            line(story: "b", slug: "two-shared", tags: #"["elections","parliament"]"#, published: "2026-11-10T10:00:00Z"),
            line(story: "c", slug: "one-shared-new", tags: #"["astana"]"#, published: "2026-11-25T10:00:00Z"),
            line(story: "d", slug: "unrelated", tags: #"["football"]"#, published: "2026-11-26T10:00:00Z"),
            line("ru", story: "e", slug: "other-edition", tags: #"["elections","parliament","astana"]"#),
        ]
        try Importer(database).importText(lines.joined(separator: "\n"))
        let id = try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE slug = 'main'") }!
        let bundle = try #require(try ReaderStore(database).articleBundle(id: id))
        #expect(bundle.related.map(\.slug) == ["one-shared-new", "two-shared"])
        #expect(bundle.tags.map(\.slug) == ["elections", "parliament", "astana"])
    }

    @Test func translationsComeFromTheSameStory() throws {
        let database = try Fixtures.demoDatabase()
        let id = try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT a.id FROM articles a JOIN stories s ON s.id = a.story_id WHERE s.key = 'budget-2027' AND a.edition_code = 'en'") }!
        let bundle = try #require(try ReaderStore(database).articleBundle(id: id))
        #expect(Set(bundle.translations.keys) == ["ru", "kz", "qz", "zh", "tote", "uz"])
    }
}

@Suite struct HeaderTests {
    @Test func latestRatesCarryTheirTrendAndFollowTheConfiguredOrder() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let header = HeaderRepository(database)
        try header.setRates([RateInput(day: "2026-11-27", currency: "USD", value: 470), RateInput(day: "2026-11-27", currency: "EUR", value: 550)])
        try header.setRates([RateInput(day: "2026-11-28", currency: "USD", value: 471.5), RateInput(day: "2026-11-28", currency: "EUR", value: 549),
                             RateInput(day: "2026-11-28", currency: "CNY", value: 65)])
        let rates = try SiteRepository(database).load().rates
        #expect(rates.map(\.currency) == ["USD", "EUR", "CNY"])
        #expect(rates.map(\.trend) == [.up, .down, nil])
    }

    @Test func badRatesAndWeatherAreRefusedWithTheEntry() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let header = HeaderRepository(database)
        #expect(throws: StoreError.self) { try header.setRates([RateInput(day: "2026-13-01", currency: "USD", value: 1)]) }
        #expect(throws: StoreError.self) { try header.setRates([RateInput(day: "2026-11-01", currency: "usd1", value: 1)]) }
        #expect(throws: StoreError.self) { try header.setRates([RateInput(day: "2026-11-01", currency: "USD", value: -1)]) }
        #expect(throws: StoreError.self) {
            try header.setWeather([WeatherInput(city: "atlantis", observedAt: 0, minimum: 1, maximum: 2, condition: .rain)])
        }
        #expect(throws: StoreError.self) { try HeaderFiles.weather(from: Data(#"{"weather":[{"city":"astana","at":"now","min":1,"max":2,"condition":"rain"}]}"#.utf8)) }
        #expect(try count(database, "currency_rates") == 0)
    }

    @Test func latestWeatherPerCity() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let reports = try HeaderFiles.weather(from: Data(#"{"weather":[{"city":"astana","at":"2026-11-28T09:00:00+05:00","min":-9,"max":-4,"condition":"snow"},{"city":"astana","at":"2026-11-29T09:00:00+05:00","min":-6,"max":-2,"condition":"cloudy"}]}"#.utf8))
        try HeaderRepository(database).setWeather(reports)
        let weather = try #require(try SiteRepository(database).load().weather["astana"])
        #expect((weather.minimum, weather.maximum, weather.condition) == (-6, -2, .cloudy))
        #expect(weather.cityNames["zh"] == "阿斯塔纳")
    }
}

@Suite struct ViewCounterTests {
    @Test func countsStayInMemoryUntilAFlushWritesThemInOneGo() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        try Importer(database).importText(line(slug: "a") + "\n" + line(story: "s2", slug: "b"))
        let ids = try database.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM articles ORDER BY slug") }
        let counter = ViewCounter(database: database, logger: Fixtures.logger, now: { Fixtures.now })
        for _ in 0..<5 { counter.record(ids[0]) }
        counter.record(ids[1])
        #expect(try count(database, "article_views") == 0)
        #expect(counter.unflushed == 6)
        #expect(counter.flush() == 6)
        for _ in 0..<2 { counter.record(ids[0]) }
        counter.flush()
        let views = ViewRepository(database)
        #expect(try views.totalViews(articleID: ids[0]) == 7)
        #expect(try views.totalViews(articleID: ids[1]) == 1)
        #expect(counter.unflushed == 0)
        let popular = try views.rankPopular(sinceDay: "2026-11-23", limit: 10)
        #expect(popular["en"]?.map(\.id) == [ids[0], ids[1]])
    }

    /// Popular ranks each edition on its own, counts only the days asked for, and skips articles
    /// unpublished since they were read.
    @Test func popularIsPerEditionFromTheViewsAlone() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let lines = (0..<14).map { i in line(i % 2 == 0 ? "en" : "ru", story: "p\(i)", slug: "p-\(i)") }
        try Importer(database).importText(lines.joined(separator: "\n"))
        let ids = try database.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM articles ORDER BY id") }
        let views = ViewRepository(database)
        try views.add(Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, 100 + $0) }), day: "2026-11-29")
        try views.add([ids[0]: 10_000], day: "2026-11-01")                      // outside the week
        try views.add([ids[2]: 5_000], day: "2026-11-28")
        let stored = try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_views v JOIN articles a ON a.id = v.article_id WHERE v.edition_code = a.edition_code")
        }
        #expect(stored == 16, "every stored count names its article's edition")
        var popular = try views.rankPopular(sinceDay: "2026-11-23", limit: 3)
        #expect(popular["en"]?.map(\.id) == [ids[2], ids[12], ids[10]])
        #expect(popular["ru"]?.map(\.id) == [ids[13], ids[11], ids[9]])
        try Importer(database).importText(line("en", story: "p2", slug: "p-2", status: "draft"))
        popular = try views.rankPopular(sinceDay: "2026-11-23", limit: 3)
        #expect(popular["en"]?.map(\.id) == [ids[12], ids[10], ids[8]], "the unpublished article is skipped, the next one fills in")
    }

    /// The ranking is stored: reloading it reads each article's current row (an unpublished one
    /// drops out, the next candidate fills in) but does not sum the views again.
    @Test func theStoredRankingIsReloadedWithCurrentArticles() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let views = ViewRepository(database)
        #expect(try views.storedPopular(limit: 3) == nil, "never ranked")
        let lines = (0..<14).map { i in line(i % 2 == 0 ? "en" : "ru", story: "p\(i)", slug: "p-\(i)") }
        try Importer(database).importText(lines.joined(separator: "\n"))
        let ids = try database.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM articles ORDER BY id") }
        try views.add(Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, 100 + $0) }), day: "2026-11-29")
        let ranked = try views.rankPopular(sinceDay: "2026-11-23", limit: 3)
        #expect(ranked["en"]?.map(\.id) == [ids[12], ids[10], ids[8]])
        #expect(try views.storedPopular(limit: 3) == ranked)
        let watch = try #require(CommitWatch(databasePath: database.path))
        let stamp = watch.stamp
        #expect(try views.rankPopular(sinceDay: "2026-11-23", limit: 3) == ranked)
        #expect(watch.stamp == stamp, "an unchanged ranking is not written again")
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT edition_code, position, article_id FROM popular_ranking ORDER BY edition_code, position")
                .map { "\($0["edition_code"] as String) \($0["position"] as Int) \($0["article_id"] as Int64)" }
        }
        #expect(rows == (0..<7).map { "en \($0 + 1) \(ids[12 - 2 * $0])" } + (0..<7).map { "ru \($0 + 1) \(ids[13 - 2 * $0])" },
                "every candidate (up to three times the list) in rank order")

        try views.add([ids[0]: 1_000], day: "2026-11-30")
        try Importer(database).importText(line("en", story: "p12", slug: "p-12", title: "A corrected headline", status: "draft")
                                          + "\n" + line("en", story: "p10", slug: "p-10", title: "A corrected headline"))
        let reloaded = try #require(try views.storedPopular(limit: 3))
        #expect(reloaded["en"]?.map(\.id) == [ids[10], ids[8], ids[6]], "not ranked again; the unpublished article left out")
        #expect(reloaded["en"]?.first?.title == "A corrected headline")
        #expect(reloaded["ru"] == ranked["ru"])
        #expect(try views.rankPopular(sinceDay: "2026-11-23", limit: 3)["en"]?.map(\.id) == [ids[0], ids[10], ids[8]])
        #expect(try views.storedPopular(limit: 3)?["en"]?.map(\.id) == [ids[0], ids[10], ids[8]])
    }

    @Test func viewsOfDeletedArticlesAreDropped() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let counter = ViewCounter(database: database, logger: Fixtures.logger, now: { Fixtures.now })
        counter.record(424242)
        #expect(counter.flush() == 1)
        #expect(try count(database, "article_views") == 0)
    }
}

@Suite struct CountTests {
    @Test func tagAndSectionCountsFollowImportsUpdatesAndDrafts() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let importer = Importer(database)
        try importer.importText([line(slug: "a", tags: #"["elections","astana"]"#),
                                 line(story: "s2", slug: "b", tags: #"["elections"]"#),
                                 line(story: "s3", slug: "c", tags: #"["elections"]"#, status: "draft")].joined(separator: "\n"))
        let store = ReaderStore(database)
        let sections = try SiteRepository(database).load().sections
        #expect(try tagPage(store, "elections")?.total == 2)
        #expect(try tagPage(store, "astana")?.total == 1)
        let listing = try #require(try store.tagListing(edition: "en", slug: "elections", limit: 1, offset: 1))
        let both = try #require(try tagPage(store, "elections")).articles.map(\.id)
        #expect(listing.tag.slug == "elections" && listing.tag.edition == "en" && listing.page.total == 2
                && listing.page.articles.map(\.id) == [both[1]],
                "the tag page's single read: the tag, its total and the second-newest article")
        #expect(try store.tagListing(edition: "en", slug: "no-such-tag", limit: 20, offset: 0) == nil)
        #expect(try store.sectionListing(sections.section(path: "news")!, edition: "en", limit: 20, offset: 0).total == 2)
        // Moving "a" to sport and dropping its astana tag updates every count it touched.
        try importer.importText(line(section: "sport", slug: "a", tags: #"["elections"]"#))
        #expect(try tagPage(store, "astana")?.total == 0)
        #expect(try store.sectionListing(sections.section(path: "news")!, edition: "en", limit: 20, offset: 0).total == 1)
        #expect(try store.sectionListing(sections.section(path: "sport")!, edition: "en", limit: 20, offset: 0).total == 1)
        // Publishing the draft counts it.
        try importer.importText(line(story: "s3", slug: "c", tags: #"["elections"]"#))
        #expect(try tagPage(store, "elections")?.total == 3)
    }
}

@Suite struct WriteFailureTests {
    /// A failing flush is logged and keeps the counts for the next try; nothing crashes or is lost.
    @Test func aFailedFlushKeepsTheCountsForTheNextTry() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        try Importer(database).importText(line(slug: "a"))
        let id = try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles") }!
        let counter = ViewCounter(database: database, logger: Fixtures.logger, now: { Fixtures.now })
        for _ in 0..<4 { counter.record(id) }
        try database.pool.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE article_views RENAME TO views_away") }
        #expect(counter.flush() == 0)
        #expect(counter.unflushed == 4)
        try database.pool.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE views_away RENAME TO article_views") }
        #expect(counter.flush() == 4)
        #expect(try ViewRepository(database).totalViews(articleID: id) == 4)
    }
}

@Suite struct CommitWatchTests {
    /// Any commit that changes the database, from this connection or another (as another process's
    /// would be), moves the stamp; so does a checkpoint that restarts the WAL.
    @Test func everyCommitMovesTheStamp() throws {
        let database = try Fixtures.demoDatabase()
        let watch = try #require(CommitWatch(databasePath: database.path))
        let other = try HeraldDatabase(path: database.path)
        var stamps = [watch.stamp]
        try other.write { db in try db.execute(sql: "INSERT OR REPLACE INTO site_settings (key, value) VALUES ('probe', hex(randomblob(8)))") }
        stamps.append(watch.stamp)
        try HeaderRepository(database).setRates([RateInput(day: "2026-11-29", currency: "USD", value: 480)])
        stamps.append(watch.stamp)
        other.checkpoint()
        try other.write { db in try db.execute(sql: "INSERT OR REPLACE INTO site_settings (key, value) VALUES ('probe', hex(randomblob(8)))") }
        stamps.append(watch.stamp)
        #expect(Set(stamps).count == stamps.count, "\(stamps)")
        #expect(watch.stamp == stamps.last, "no commit, no change")
    }

    @Test func noWALIndexMeansNoWatch() {
        #expect(CommitWatch(databasePath: NSTemporaryDirectory() + "no-such-" + UUID().uuidString + ".sqlite") == nil)
    }
}

/// List ranks stay exactly 1…count in publication order through any sequence of imports, so a
/// page is a rank range and its articles are the ones OFFSET would have found.
@Suite struct ListRankTests {
    /// Every tag and section list: ranks are 1…n in (published_at, id) order and n is the stored count.
    func expectConsistent(_ database: HeraldDatabase, _ comment: String) throws {
        try database.pool.read { db in
            let tagLists = try Row.fetchAll(db, sql: """
                SELECT tag_id, group_concat(rank, ',') AS ranks FROM (
                  SELECT tag_id, rank FROM article_tags WHERE published_at IS NOT NULL ORDER BY tag_id, published_at, article_id)
                GROUP BY tag_id
                """)
            for row in tagLists {
                let ranks = (row["ranks"] as String).split(separator: ",").map { Int($0)! }
                #expect(ranks == Array(1...ranks.count), "tag \(row["tag_id"] as Int64) \(comment)")
                let stored = try Int.fetchOne(db, sql: "SELECT article_count FROM tags WHERE id = ?", arguments: [row["tag_id"] as Int64])
                #expect(stored == ranks.count, "count of tag \(row["tag_id"] as Int64) \(comment)")
            }
            let drafts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_tags WHERE published_at IS NULL AND rank IS NOT NULL")
            #expect(drafts == 0, "drafts have no rank \(comment)")
            let sectionLists = try Row.fetchAll(db, sql: """
                SELECT section_id, edition_code, group_concat(rank, ',') AS ranks FROM (
                  SELECT section_id, edition_code, rank FROM article_sections ORDER BY section_id, edition_code, published_at, article_id)
                GROUP BY section_id, edition_code
                """)
            for row in sectionLists {
                let ranks = (row["ranks"] as String).split(separator: ",").map { Int($0)! }
                #expect(ranks == Array(1...ranks.count), "section \(row["section_id"] as Int64)/\(row["edition_code"] as String) \(comment)")
                let stored = try Int.fetchOne(db, sql: "SELECT article_count FROM section_counts WHERE section_id = ? AND edition_code = ?",
                                              arguments: [row["section_id"] as Int64, row["edition_code"] as String])
                #expect(stored == ranks.count)
            }
            let emptied = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM tags t WHERE article_count <> (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id AND l.published_at IS NOT NULL)
                """)
            #expect(emptied == 0, "every tag's count, emptied ones too \(comment)")
        }
    }

    @Test func ranksSurviveOutOfOrderImportsRedatingDraftsAndMoves() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let importer = Importer(database)
        var generator = SystemRandomNumberGenerator()
        let tags = ["elections", "budget", "astana", "football"]
        let sections = ["news", "news/elections", "news/politics", "sport", "culture"]
        func article(_ i: Int, day: Int, status: String = "published") -> String {
            let picked = tags.filter { _ in Bool.random(using: &generator) }
            return line(i % 3 == 0 ? "ru" : "en", story: "s\(i)", section: sections[i % sections.count], slug: "a-\(i)",
                        tags: "[" + picked.map { "\"\($0)\"" }.joined(separator: ",") + "]", status: status,
                        published: String(format: "2026-11-%02dT%02d:00:00+05:00", 1 + day % 28, i % 24))
        }
        // In order, then out of order (backdated), in files of several lines.
        try importer.importText((0..<40).map { article($0, day: $0 / 2) }.joined(separator: "\n"))
        try expectConsistent(database, "after an in-order import")
        try importer.importText((40..<60).map { article($0, day: Int.random(in: 0..<28, using: &generator)) }.joined(separator: "\n"))
        try expectConsistent(database, "after backdated articles")
        for round in 0..<6 {
            // Re-date, re-tag, move and unpublish some, one file each.
            let changed = (0..<60).shuffled(using: &generator).prefix(8).map { i in
                article(i, day: Int.random(in: 0..<28, using: &generator), status: Int.random(in: 0..<4, using: &generator) == 0 ? "draft" : "published")
            }
            try importer.importText(changed.joined(separator: "\n"))
            try expectConsistent(database, "after round \(round) of changes")
        }
    }

    /// News arriving in publication order takes the next ranks as it is written, file after file
    /// and within a file; an entry before the end, or a removed one, leaves its list to be renumbered.
    @Test func appendedEntriesTakeTheNextRankAndOthersRenumber() {
        var lists = ListChanges<Int>()
        var reads = 0
        func key(_ time: Int64, _ id: Int64) -> ListKey { ListKey(publishedAt: time, articleID: id) }
        let stored = (key(100, 1), Int64(7))
        #expect(lists.added(to: 1, at: key(200, 5)) { reads += 1; return stored } == 8)
        #expect(lists.added(to: 1, at: key(200, 6)) { reads += 1; return stored } == 9)
        #expect(lists.added(to: 2, at: key(50, 7)) { reads += 1; return nil } == 1)
        #expect(reads == 2, "the stored end is read once a list")
        #expect(lists.added(to: 1, at: key(150, 8)) { stored } == nil, "before the newest entry")
        #expect(lists.added(to: 1, at: key(300, 9)) { stored } == nil, "after it, once the list is to be renumbered")
        lists.removed(from: 2, at: key(50, 7))
        lists.removed(from: 3, at: key(10, 2))
        guard case .renumber(let from1) = lists.states[1], case .renumber(let from2) = lists.states[2],
              case .renumber(let from3) = lists.states[3] else {
            Issue.record("lists not marked for renumbering: \(lists.states)")
            return
        }
        #expect(from1 == key(150, 8) && from2 == key(50, 7) && from3 == key(10, 2))
        #expect(lists.added(to: 4, at: key(200, 10)) { (key(300, 20), 3) } == nil, "not after the stored end")
    }

    @Test func inOrderImportsStayConsistent() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let importer = Importer(database)
        let sections = ["news", "news/elections", "sport"]
        for file in 0..<3 {
            let lines = (0..<12).map { n in
                let i = file * 12 + n
                return line(i % 2 == 0 ? "en" : "ru", story: "o\(i)", section: sections[i % 3], slug: "o-\(i)",
                            tags: i % 3 == 0 ? #"["elections","budget"]"# : #"["elections"]"#,
                            status: i == 20 ? "draft" : "published",
                            published: String(format: "2026-11-%02dT%02d:00:00+05:00", 1 + i / 4, i % 4))
            }
            try importer.importText(lines.joined(separator: "\n"))
            try expectConsistent(database, "after in-order file \(file)")
        }
        let store = ReaderStore(database)
        #expect(try tagPage(store, "elections")?.total == 17)
    }

    /// A page by rank range holds the articles the old OFFSET query found, for every page.
    @Test func rankPagesMatchOffsetPages() throws {
        let database = try Fixtures.database()
        try setUpSite(database)
        let lines = (0..<95).map { i in
            line(story: "p\(i)", section: "news/elections", slug: "p-\(i)", tags: #"["elections"]"#,
                 published: String(format: "2026-11-%02dT%02d:%02d:00+05:00", 1 + i % 20, i % 24, i % 60))
        }
        try Importer(database).importText(lines.shuffled().joined(separator: "\n"))
        let store = ReaderStore(database)
        let tag = try #require(try store.tagListing(edition: "en", slug: "elections", limit: 1, offset: 0)).tag
        for page in 1...6 {
            let ids = try #require(try tagPage(store, "elections", offset: (page - 1) * 20)).articles.map(\.id)
            let expected = try database.pool.read { db in
                try Int64.fetchAll(db, sql: """
                    SELECT article_id FROM article_tags WHERE tag_id = ? AND published_at IS NOT NULL
                    ORDER BY published_at DESC, article_id DESC LIMIT 20 OFFSET ?
                    """, arguments: [tag.id, (page - 1) * 20])
            }
            #expect(ids == expected, "page \(page)")
            #expect(ids.count == (page <= 4 ? 20 : (page == 5 ? 15 : 0)))
        }
        let section = try #require(try SiteRepository(database).load().sections.section(path: "news"))
        let sectionPage = try store.sectionListing(section, edition: "en", limit: 20, offset: 80)
        #expect(sectionPage.total == 95)
        #expect(sectionPage.articles.count == 15)
    }
}
