import Foundation
import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Site
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

    func site(_ database: HeraldDatabase, clock: Clock, cacheBytes: Int = 8 << 20) throws -> Site {
        try Site(configuration: SiteConfiguration(refreshInterval: 0, pageCacheBytes: cacheBytes), database: database,
                 staticFiles: StaticFiles(root: Fixtures.root + "/Public"), logger: Fixtures.logger, now: { clock.now })
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
        #expect(second.prepared != nil && second.prepared === first.prepared, "the second request is served from the cache")
        #expect(second.body == first.body)
        _ = site.get(path, method: "HEAD")
        #expect(site.views.unflushed == 2, "GETs count, hit or miss; HEAD does not")
        site.views.flush()
        #expect(try ViewRepository(database).totalViews(articleID: id) >= 2)
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
        if cacheBytes > 0 { #expect(site.get("/en/").prepared === before.prepared) }
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
        let site = try Site(configuration: SiteConfiguration(refreshInterval: 0, pageCacheBytes: pageCacheBytes,
                                                             dataCacheBytes: dataCacheBytes),
                            database: database, staticFiles: StaticFiles(root: Fixtures.root + "/Public"),
                            logger: Fixtures.logger, now: { Clock().now })
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
        #expect(site.get("/kz/").prepared === late.prepared)
        clock.set(1_795_978_800)
        let next = site.get("/kz/")
        #expect(next.prepared !== late.prepared)
        #expect(next.body != late.body)
        #expect(next.text.contains("datetime=\"2026-11-30\""))
    }

    @Test func anUnchangedPopularListKeepsTheCacheAndAChangedOneReplacesIt() throws {
        let database = try Fixtures.demoDatabase()
        let site = try site(database, clock: Clock())
        let page = site.get("/en/")
        try site.state.recomputePopular()
        #expect(site.get("/en/").prepared === page.prepared)
        let least = try #require(site.state.snapshot.popular["en"]?.last)
        for _ in 0..<5000 { site.views.record(least.id) }
        site.views.flush()
        try site.state.recomputePopular()
        #expect(site.get("/en/").prepared !== page.prepared)
    }

    /// A restart serves the ranking the last run stored, without summing the views first, and the
    /// background loop ranks again right away; a fresh database is ranked before the first page.
    @Test func aRestartServesTheStoredRankingAndRanksAgainInTheBackground() throws {
        let database = try Fixtures.demoDatabase()
        let clock = Clock()
        let first = try site(database, clock: clock)
        #expect(!first.state.popularWasStored)
        let ranked = try #require(first.state.snapshot.popular["en"])
        let least = try #require(ranked.last)
        for _ in 0..<5000 { first.views.record(least.id) }
        first.views.flush()

        let restarted = try site(database, clock: clock)
        #expect(restarted.state.popularWasStored)
        #expect(restarted.state.snapshot.popular["en"] == ranked, "the stored ranking, the new views not summed yet")
        let maintenance = Maintenance(site: restarted)
        maintenance.start()
        defer { maintenance.stop() }
        for _ in 0..<100 where restarted.state.snapshot.popular["en"]?.first?.id != least.id { usleep(20_000) }
        #expect(restarted.state.snapshot.popular["en"]?.first?.id == least.id, "ranked again at the first tick")
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
        #expect(site.get("/zh/").prepared !== page.prepared, "rendered again")
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
    /// The nice values of this process's threads, from /proc.
    static func threadNiceValues() -> [Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { tid in
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // Fields after "pid (comm)": state is field 3, nice is field 19.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 16 ? Int(fields[16]) : nil
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task"), "needs Linux /proc"))
    func theBackgroundThreadYieldsToRequests() throws {
        let site = try Site(configuration: SiteConfiguration(refreshInterval: 0), database: try Fixtures.demoDatabase(),
                            staticFiles: StaticFiles(root: Fixtures.root + "/Public"), logger: Fixtures.logger)
        #expect(!Self.threadNiceValues().contains(Int(Maintenance.niceness)))
        let maintenance = Maintenance(site: site)
        maintenance.start()
        defer { maintenance.stop() }
        var found = false
        for _ in 0..<100 where !found {
            found = Self.threadNiceValues().contains(Int(Maintenance.niceness))
            if !found { usleep(10_000) }
        }
        #expect(found, "a thread at nice \(Maintenance.niceness): \(Self.threadNiceValues())")
    }
}
