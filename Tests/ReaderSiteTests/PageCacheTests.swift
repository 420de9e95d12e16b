import Foundation
import GRDB
import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import HeraldApp
import Jobs
import ReaderSite
import Synchronization
import Testing
import TestSupport

/// The page cache: hits are the rendered page, count views, and never outlive a write, a changed
/// Popular list or the edition's day.
@Suite struct PageCacheTests {
    /// A clock tests can move.
    final class Clock: Sendable {
        let seconds = Atomic<Int64>(1_795_946_400)
        var now: Date { Date(timeIntervalSince1970: TimeInterval(seconds.load(ordering: .relaxed))) }
        func set(_ unix: Int64) { seconds.store(unix, ordering: .relaxed) }
    }

    func site(_ database: HeraldDatabase, clock: Clock, cacheBytes: Int = 8 << 20, dataBytes: Int = 16 << 20) throws -> Application {
        try Fixtures.app(database, site: SiteConfiguration(refreshInterval: 0, pageCacheBytes: cacheBytes, dataCacheBytes: dataBytes),
                         now: { clock.now })
    }

    @Test func hitsAreTheRenderedPageAndCountViews() throws {
        let database = try Fixtures.demoDatabase()
        let site = try site(database, clock: Clock())
        let cache = try #require(site.pageCache)
        let path = try articlePath(site, story: "budget-2027", edition: "ru")
        let id = Int64(path.split(separator: "/").last!.split(separator: "-").first!)!
        let first = site.get(path)
        #expect(first.status == 200)
        #expect(cache.count == 1)
        let second = site.get(path)
        #expect(second.prepared != nil && first.prepared == nil, "the second request is served from the cache as prepared")
        #expect(first.header("X-Cache") == "MISS")
        #expect(second.header("X-Cache") == "HIT")
        #expect(site.get(path).prepared === second.prepared)
        #expect(second.body == first.body)
        _ = site.get(path, method: "HEAD")
        #expect(site.reader.views.unflushed == 3, "GETs count, hit or miss; HEAD does not")
        site.reader.views.flush()
        #expect(try ViewRepository(database).totalViews(articleID: id) >= 3)
        // Home, section and tag pages are cached too; made-up query strings are not.
        for target in ["/ru/", "/ru/news/", "/ru/tag/budget", "/ru/?page=1"] { #expect(site.get(target).status == 200, "\(target)") }
        #expect(cache.count == 5)
        #expect(site.get("/ru/?utm_source=x").status == 200)
        #expect(site.get("/ru/tag/budget?utm_source=x").status == 200)
        #expect(site.get("/ru/tag/%62udget").status == 200, "another spelling of the same URL")
        #expect(cache.count == 5)
    }

    /// With the page cache and without it (the home lineup is then held per content version).
    @Test(arguments: [8 << 20, 0]) func anEditorialWriteIsSeenOnTheNextRequest(cacheBytes: Int) throws {
        let database = try Fixtures.demoDatabase()
        let site = try site(database, clock: Clock(), cacheBytes: cacheBytes)
        let before = site.get("/en/")
        if cacheBytes > 0 { #expect(site.get("/en/").header("X-Cache") == "HIT") }
        #expect(site.get("/en/").body == before.body)
        let etag = try #require(before.header("ETag"))
        // A second connection, as `herald import` in another process would be.
        let editor = try HeraldDatabase(path: database.path)
        let line = #"{"edition":"en","story":"cache-test","section":"news/politics","slug":"cache-test","title":"Cache-busting headline","body":"Text.","published":"2026-11-29T09:30:00+05:00"}"#
        try Importer(editor).importText(line)
        let after = site.get("/en/")
        #expect(after.text.contains("Cache-busting headline"))
        #expect(after.header("ETag") != etag)
        #expect(site.get("/en/", headers: [("If-None-Match", etag)]).status == 200, "the old validator no longer matches")
        try HeaderRepository(editor).setRates([RateInput(day: "2026-11-29", currency: "USD", value: 512.34)])
        #expect(site.get("/en/").text.contains("512.34"))
    }

    /// A correction reaches the article, tag, section and home pages on the next request, whether
    /// pages are cached or not and whether their data are held per content version or read each time.
    @Test(arguments: [(8 << 20, 16 << 20), (0, 16 << 20), (0, 0)])
    func aCorrectionIsSeenEverywhere(pageCacheBytes: Int, dataCacheBytes: Int) throws {
        let database = try Fixtures.demoDatabase()
        let site = try site(database, clock: Clock(), cacheBytes: pageCacheBytes, dataBytes: dataCacheBytes)
        let editor = try HeraldDatabase(path: database.path)
        func story(_ title: String) -> String {
            #"{"edition":"en","story":"correction-test","section":"news/politics","slug":"correction-test","title":"\#(title)","lead":"Lead.","body":"Text.","tags":["correction-tag"],"published":"2026-11-29T09:30:00+05:00"}"#
        }
        try Importer(editor).importText(story("First headline"))
        let article = try articlePath(site, story: "correction-test", edition: "en")
        let pages = [article, "/en/tag/correction-tag", "/en/news/politics/", "/en/"]
        for path in pages {
            #expect(site.get(path).text.contains("First headline"), "\(path)")
            #expect(site.get(path).text.contains("First headline"), "\(path), again")
        }
        try Importer(editor).importText(story("Corrected headline"))
        for path in pages {
            let text = site.get(path).text
            #expect(text.contains("Corrected headline") && !text.contains("First headline"), "\(path)")
        }
    }

    @Test func pagesAreNotServedPastTheirEditionsDay() throws {
        let clock = Clock()
        let site = try site(try Fixtures.demoDatabase(), clock: clock)
        // 23:59:30 in Almaty (UTC+5) on 29 November, then 30 s later: a new day in the header.
        clock.set(1_795_978_770)
        let late = site.get("/kz/")
        #expect(site.get("/kz/").header("X-Cache") == "HIT")
        clock.set(1_795_978_800)
        let next = site.get("/kz/")
        #expect(next.header("X-Cache") == "MISS")
        #expect(next.body != late.body)
        #expect(next.text.contains("datetime=\"2026-11-30\""))
    }

    @Test func anUnchangedPopularListKeepsTheCacheAndAChangedOneReplacesIt() throws {
        let database = try Fixtures.demoDatabase()
        let site = try site(database, clock: Clock())
        _ = site.get("/en/")
        _ = site.get("/ru/")
        site.reader.feed.publish(try site.reader.state.recomputePopular())
        #expect(site.get("/en/").header("X-Cache") == "HIT")
        let least = try #require(site.reader.state.snapshot.popular["en"]?.last)
        for _ in 0..<5000 { site.reader.views.record(least.id) }
        site.reader.views.flush()
        let moved = try site.reader.state.recomputePopular()
        #expect(moved == ChangeSet([.popular("en")]), "only the English list moved")
        site.reader.feed.publish(moved)
        #expect(site.get("/en/").header("X-Cache") == "MISS")
        #expect(site.get("/ru/").header("X-Cache") == "HIT", "another edition's pages stay")
    }

    /// A restart serves the ranking the last run stored, without summing the views first, and the
    /// background loop ranks again right away; a fresh database is ranked before the first page.
    @Test func aRestartServesTheStoredRankingAndRanksAgainInTheBackground() throws {
        let database = try Fixtures.demoDatabase()
        let clock = Clock()
        let first = try site(database, clock: clock)
        #expect(!first.reader.state.popularWasStored)
        let ranked = try #require(first.reader.state.snapshot.popular["en"])
        let least = try #require(ranked.last)
        for _ in 0..<5000 { first.reader.views.record(least.id) }
        first.reader.views.flush()

        let restarted = try site(database, clock: clock)
        #expect(restarted.reader.state.popularWasStored)
        #expect(restarted.reader.state.snapshot.popular["en"] == ranked, "the stored ranking, the new views not summed yet")
        restarted.jobs.start()
        defer { restarted.jobs.stop() }
        for _ in 0..<100 where restarted.reader.state.snapshot.popular["en"]?.first?.id != least.id { usleep(20_000) }
        #expect(restarted.reader.state.snapshot.popular["en"]?.first?.id == least.id, "ranked again at the first tick")
    }

    @Test func theCacheStaysWithinItsBudget() throws {
        let site = try site(try Fixtures.demoDatabase(), clock: Clock(), cacheBytes: 16 * 60_000)
        let cache = try #require(site.pageCache)
        for edition in ["en", "ru", "kz", "qz", "zh", "tote", "uz"] {
            for target in ["/\(edition)/", "/\(edition)/news/", "/\(edition)/culture/", "/\(edition)/sport/", "/\(edition)/economy/"] {
                _ = site.get(target)
            }
        }
        #expect(cache.count > 0)
        #expect(cache.bytes <= cache.capacity)
    }

    /// With the cache off every page is still prepared: validators, 304s and gzip work the same.
    @Test func withoutTheCachePagesStillRevalidateAndCompress() throws {
        let site = try site(try Fixtures.demoDatabase(), clock: Clock(), cacheBytes: 0)
        #expect(site.pageCache == nil)
        let page = site.get("/zh/")
        let etag = try #require(page.header("ETag"))
        #expect(site.get("/zh/").header("X-Cache") == "MISS", "rendered again")
        #expect(site.get("/zh/").header("ETag") == etag, "same bytes, same validator")
        #expect(site.get("/zh/", headers: [("If-None-Match", etag)]).status == 304)
        let packed = site.get("/zh/", headers: [("Accept-Encoding", "gzip")])
        #expect(packed.header("Content-Encoding") == "gzip")
        #expect(packed.body.count < page.body.count / 2)
    }

    @Test func pagesLinkTheStylesheetByItsContentHash() throws {
        let site = try site(try Fixtures.demoDatabase(), clock: Clock())
        let page = site.get("/en/").text
        let href = try #require(page.firstMatch(of: /<link rel="stylesheet" href="(\/static\/css\/site\.[0-9a-f]{16}\.css)">/))
        let css = site.get(String(href.1))
        #expect(css.status == 200)
        #expect(css.header("Cache-Control") == "public, max-age=31536000, immutable")
    }
}

/// The background thread runs at a lower priority than the request threads.
@Suite struct MaintenanceTests {
    /// A thread's nice value, from /proc (field 19 of its stat line).
    static func niceValue(thread tid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 16 ? Int(fields[16]) : nil
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task"), "needs Linux /proc"))
    func theBackgroundThreadYieldsToRequests() throws {
        let site = try Fixtures.app(try Fixtures.demoDatabase())
        #expect(Self.niceValue(thread: currentThreadID()) == 0, "this thread runs at the normal priority")
        site.jobs.start()
        defer { site.jobs.stop() }
        var thread: Int32?
        for _ in 0..<100 where thread == nil {
            thread = site.jobs.threadID
            if thread == nil { usleep(10_000) }
        }
        let tid = try #require(thread)
        for _ in 0..<100 where Self.niceValue(thread: tid) != Int(Maintenance.niceness) { usleep(10_000) }
        #expect(Self.niceValue(thread: tid) == Int(Maintenance.niceness))
    }
}

/// A write retires only the cached pages holding one of its keys.
@Suite struct TargetedInvalidationTests {
    @Test func aCorrectionRetiresOnlyThePagesShowingTheArticle() throws {
        let database = try Fixtures.demoDatabase()
        let site = try Fixtures.app(database, site: SiteConfiguration(refreshInterval: 0, pageCacheBytes: 8 << 20))
        // Two English articles with no tag in common, neither in the other's related news.
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, st.key, group_concat(l.tag_id) AS tags FROM articles a JOIN stories st ON st.id = a.story_id
                LEFT JOIN article_tags l ON l.article_id = a.id WHERE a.edition_code = 'en' GROUP BY a.id ORDER BY a.id
                """)
        }
        let a = try #require(rows.first)
        let aPath = try articlePath(site, story: a["key"], edition: "en")
        let aTags = Set(((a["tags"] as String?) ?? "").split(separator: ","))
        let b = try #require(rows.dropFirst().first { row in
            Set(((row["tags"] as String?) ?? "").split(separator: ",")).isDisjoint(with: aTags)
        })
        let bPath = try articlePath(site, story: b["key"], edition: "en")
        let aID = aPath.split(separator: "/").last!.split(separator: "-").first!
        let bID = bPath.split(separator: "/").last!.split(separator: "-").first!
        #expect(!site.get(bPath).text.contains("/\(aID)-"), "B does not link A")
        #expect(!site.get(aPath).text.contains("/\(bID)-"), "A does not link B")
        let ruPath = try articlePath(site, story: "budget-2027", edition: "ru")
        let pages = [aPath, bPath, "/en/", "/ru/", ruPath, "/ru/news/"]
        for path in pages {
            _ = site.get(path)
            #expect(site.get(path).header("X-Cache") == "HIT", "\(path) kept")
        }

        // A body-only correction of A, as another process's import.
        let line = try database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.slug, a.title, a.lead, s.path, st.key, a.published_at FROM articles a JOIN sections s ON s.id = a.section_id
                JOIN stories st ON st.id = a.story_id WHERE a.id = ?
                """, arguments: [Int64(aID)!])
        }!
        let tags = try database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT t.slug FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = ? ORDER BY l.position",
                                arguments: [Int64(aID)!])
        }
        let fields: [String: Any] = ["edition": "en", "story": line["key"] as String, "section": line["path"] as String,
                                     "slug": line["slug"] as String, "title": line["title"] as String, "lead": line["lead"] as String,
                                     "body": "A corrected body.", "tags": tags,
                                     "published": LocalDateTime(unix: line["published_at"], offsetSeconds: 0).isoUTC]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        try Importer(try HeraldDatabase(path: database.path)).importText(json)

        #expect(site.get(aPath).text.contains("A corrected body."))
        #expect(site.get("/en/").header("X-Cache") == "MISS", "the import re-files A in its lists")
        #expect(site.get(bPath).header("X-Cache") == "HIT", "an unrelated article's page stays")
        for path in ["/ru/", ruPath, "/ru/news/"] { #expect(site.get(path).header("X-Cache") == "HIT", "\(path) in another edition stays") }
    }

    @Test func aHeaderChangeRetiresEveryPage() throws {
        let database = try Fixtures.demoDatabase()
        let site = try Fixtures.app(database, site: SiteConfiguration(refreshInterval: 0, pageCacheBytes: 8 << 20))
        for path in ["/en/", "/ru/", "/zh/tag/budget"] { _ = site.get(path) }
        #expect(site.pageCache?.count == 3)
        try HeaderRepository(try HeraldDatabase(path: database.path)).setRates([RateInput(day: "2026-11-29", currency: "USD", value: 501.5)])
        for path in ["/en/", "/ru/", "/zh/tag/budget"] {
            let page = site.get(path)
            #expect(page.header("X-Cache") == "MISS", "\(path)")
            #expect(page.text.contains(path == "/ru/" ? "501,5" : "501.5"), "\(path)")
        }
    }
}
