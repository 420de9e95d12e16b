import Foundation
import GRDB
import HTTPServer
import Integrations
import NewsCore
import NewsStore
import Synchronization
import Testing
import HeraldApp
import ReaderSite
import TestSupport

/// The header's sources over real HTTP: a loopback server answers with the published formats
/// (Tests/Fixtures/header) and broken variants of them — a 500, a slow answer, garbage, a missing
/// currency, absurd values — and the fetcher stores what is sound and nothing else.
@Suite(.serialized) struct HeaderSourceTests {
    /// The fixture server: `/rates/{variant}` and `/weather/{variant}?latitude=…`.
    final class Sources: Sendable {
        final class Hits: Sendable {
            let values = Mutex<[String: Int]>([:])
            func add(_ key: String) { values.withLock { $0[key, default: 0] += 1 } }
        }
        let server: HTTPServer
        let hits = Hits()
        var base: String { "http://127.0.0.1:\(server.port)" }

        static func fixture(_ name: String) -> String {
            (try? String(contentsOfFile: Fixtures.root + "/Tests/Fixtures/header/" + name, encoding: .utf8)) ?? ""
        }

        init() throws {
            var router = Router()
            let hits = self.hits
            router.get("/rates/:variant") { _, parameters in
                let variant = parameters["variant"]!
                hits.add("rates/" + variant)
                let good = Sources.fixture("nbk-rates.xml")
                switch variant {
                case "good": return Response(status: 200, headers: [("Content-Type", "application/xml")], body: Array(good.utf8))
                case "down": return Response.text("upstream broke\n", status: 500)
                case "gone": return Response.text("no\n", status: 404)
                case "slow":
                    Thread.sleep(forTimeInterval: 2)
                    return Response.text(good)
                case "garbage": return Response.html("<html><body>Maintenance</body></html>")
                case "truncated": return Response.text(String(good.prefix(500)))
                case "no-cny":
                    return Response.text(good.replacingOccurrences(of: "<title>CNY</title>", with: "<title>XAU</title>"))
                case "absurd":
                    return Response.text(good.replacingOccurrences(of: "<description>512.34</description>", with: "<description>5123400000</description>"))
                case "negative":
                    return Response.text(good.replacingOccurrences(of: "<description>597.41</description>", with: "<description>-597.41</description>"))
                case "bad-day":
                    return Response.text(good.replacingOccurrences(of: "<pubDate>02.12.2026</pubDate>", with: "<pubDate>31.02.2026</pubDate>"))
                default: return Response.text("?\n", status: 404)
                }
            }
            router.get("/weather/:variant") { request, parameters in
                let variant = parameters["variant"]!
                let latitude = Double(request.queryValue("latitude") ?? "") ?? 0
                let city = latitude > 47 ? "astana" : "almaty"
                hits.add("weather/" + variant + "/" + city)
                let good = Sources.fixture("open-meteo-\(city).json")
                switch variant {
                case "good": return Response(status: 200, headers: [("Content-Type", "application/json")], body: Array(good.utf8))
                case "almaty-broken" where city == "almaty": return Response.text("{\"daily\": ")
                case "almaty-broken": return Response.text(good)
                case "hot": return Response.text(good.replacingOccurrences(of: "[-7.4]", with: "[75.0]").replacingOccurrences(of: "[3.1]", with: "[71.0]"))
                case "fahrenheit": return Response.text(good.replacingOccurrences(of: "°C", with: "°F"))
                case "down": return Response.text("{\"error\":true,\"reason\":\"Service unavailable\"}", status: 503)
                case "no-code": return Response.text(good.replacingOccurrences(of: "\"weather_code\":[73]", with: "\"weather_code\":[null]")
                                                        .replacingOccurrences(of: "\"weather_code\":[2]", with: "\"weather_code\":[null]"))
                default: return Response.text("?\n", status: 404)
                }
            }
            server = HTTPServer(configuration: ServerConfiguration(port: 0, threads: 4), logger: Fixtures.logger, router: router)
            try server.start()
        }

        deinit { server.stop() }

        func count(_ key: String) -> Int { hits.values.withLock { $0[key] ?? 0 } }
    }

    static func fetcher(_ database: HeraldDatabase, timeout: Double = 1) -> HeaderFetcher {
        HeaderFetcher(repository: HeaderRepository(database), client: SourceClient(timeout: timeout, attempts: 3, backoff: 0.05),
                      logger: Fixtures.logger)
    }

    static func rates(_ database: HeraldDatabase) throws -> [String: Double] {
        try database.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT currency, value FROM currency_rates WHERE day = '2026-12-02'")
                .map { ($0[0] as String, $0[1] as Double) })
        }
    }

    @Test func theNationalBanksFeedIsStoredPerUnitForTheConfiguredCurrencies() throws {
        let sources = try Sources()
        let database = try Fixtures.demoDatabase()
        let outcome = try Self.fetcher(database).fetchRates(url: sources.base + "/rates/good")
        #expect(outcome.stored == 4 && outcome.missing.isEmpty)
        // The demo's currencies (USD, EUR, RUB, CNY), RUB's comma read as a decimal mark; AMD and
        // KGS are in the feed but not shown.
        #expect(try Self.rates(database) == ["USD": 512.34, "EUR": 597.41, "RUB": 6.52, "CNY": 71.63])
        // The header shows them, with the audit entry of the fetch.
        let site = try SiteRepository(database).load()
        #expect(site.rates.first { $0.currency == "USD" }?.value == 512.34 && site.rates.first?.day == "2026-12-02")
        #expect(try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'header.rates' AND actor = 'rates fetch'")
        } == 1)
    }

    @Test func everyBrokenAnswerStoresNothingAndTheLastGoodRatesStay() throws {
        let sources = try Sources()
        let database = try Fixtures.demoDatabase()
        try Self.fetcher(database).fetchRates(url: sources.base + "/rates/good")
        let good = try Self.rates(database)
        let expected: [(String, String)] = [
            ("down", "HTTP 500"), ("gone", "HTTP 404"), ("slow", "no answer"), ("garbage", "not the National Bank's RSS"),
            ("truncated", "not the National Bank's RSS"), ("absurd", "USD: 5123400000.0 tenge for 1 is not a plausible rate"),
            ("negative", "EUR: -597.41 tenge for 1 is not a plausible rate"), ("bad-day", "pubDate \"31.02.2026\" is not DD.MM.YYYY"),
        ]
        for (variant, message) in expected {
            do {
                try Self.fetcher(database).fetchRates(url: sources.base + "/rates/" + variant)
                Issue.record("\(variant): stored")
            } catch {
                #expect("\(error)".contains(message), "\(variant): \(error)")
            }
            #expect(try Self.rates(database) == good, "\(variant) changed the stored rates")
        }
        // A 500 and a timeout are tried three times; a 404 once.
        #expect(sources.count("rates/down") == 3 && sources.count("rates/slow") == 3 && sources.count("rates/gone") == 1)
    }

    @Test func aCurrencyMissingFromTheFeedIsNamedAndTheOthersStored() throws {
        let sources = try Sources()
        let database = try Fixtures.demoDatabase()
        let outcome = try Self.fetcher(database).fetchRates(url: sources.base + "/rates/no-cny")
        #expect(outcome.stored == 3 && outcome.missing == ["CNY"])
        #expect(Set(try Self.rates(database).keys) == ["USD", "EUR", "RUB"])
    }

    static func weather(_ database: HeraldDatabase) throws -> [String: [Int]] {
        try database.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT c.code, w.temp_min, w.temp_max, w.observed_at FROM weather_reports w JOIN cities c ON c.id = w.city_id
                WHERE w.observed_at = (SELECT MAX(observed_at) FROM weather_reports x WHERE x.city_id = w.city_id)
                """).map { ($0[0] as String, [$0[1] as Int, $0[2] as Int, Int($0[3] as Int64)]) })
        }
    }

    @Test func openMeteosForecastForEachPositionedCityAndABrokenCityKeepsItsReport() throws {
        let sources = try Sources()
        let database = try Fixtures.demoDatabase()
        let outcome = try Self.fetcher(database).fetchWeather(url: sources.base + "/weather/good")
        #expect(outcome.stored == 2 && outcome.missing.isEmpty)
        // 2026-12-02 00:00 in UTC+5 is 2026-12-01T19:00Z.
        let midnight = 1_796_151_600
        #expect(try Self.weather(database) == ["astana": [-16, -7, midnight], "almaty": [-5, 3, midnight]])
        let conditions = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT c.code, w.condition FROM weather_reports w JOIN cities c ON c.id = w.city_id WHERE w.observed_at = ?",
                             arguments: [midnight]).map { "\($0[0] as String)=\($0[1] as String)" }.sorted()
        }
        #expect(conditions == ["almaty=partly-cloudy", "astana=snow"])

        try database.pool.write { db in try db.execute(sql: "DELETE FROM weather_reports WHERE observed_at = ?", arguments: [midnight]) }
        let before = try Self.weather(database)
        let partial = try Self.fetcher(database).fetchWeather(url: sources.base + "/weather/almaty-broken")
        #expect(partial.stored == 1 && partial.missing == ["almaty"])
        let after = try Self.weather(database)
        #expect(after["astana"] == [-16, -7, midnight] && after["almaty"] == before["almaty"], "almaty keeps its last report")

        for (variant, message) in [("hot", "not a plausible day"), ("fahrenheit", "not °C"), ("down", "HTTP 503"),
                                   ("no-code", "not a WMO weather code")] {
            let kept = try Self.weather(database)
            do {
                try Self.fetcher(database).fetchWeather(url: sources.base + "/weather/" + variant)
                Issue.record("\(variant): stored")
            } catch {
                #expect("\(error)".contains("no city's forecast could be read"), "\(variant): \(error)")
            }
            #expect(try Self.weather(database) == kept, "\(variant) changed the stored weather")
            _ = message
        }
    }

    @Test func theCommandsFetchAndSayWhatTheyStoredOrWhyNot() throws {
        let sources = try Sources()
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        let (status, output, _) = try herald.run(["rates", "fetch", "--url", sources.base + "/rates/no-cny", "--timeout", "2"])
        #expect(status == 0 && output.contains("rates: stored 3 rates from") && output.contains("not in the feed: CNY"), "\(output)")
        let (failed, _, errors) = try herald.run(["rates", "fetch", "--url", sources.base + "/rates/garbage"])
        #expect(failed == 1 && errors.contains("not the National Bank's RSS"), "\(errors)")
        let (weather, said, _) = try herald.run(["weather", "fetch", "--url", sources.base + "/weather/almaty-broken"])
        #expect(weather == 0 && said.contains("weather: stored 1 report from") && said.contains("kept the last report of almaty"), "\(said)")
    }

    @Test func theParsersNameWhatIsWrong() throws {
        let feed = Data(Sources.fixture("nbk-rates.xml").utf8)
        let all = try NBKRates.parse(feed)
        #expect(all.rates.count == 7 && all.rates.first { $0.currency == "AMD" }?.value == 1.325)   // 13.25 tenge for 10 drams
        #expect(throws: SourceError.self) { try NBKRates.parse(Data("<rss><channel></channel></rss>".utf8)) }
        #expect(OpenMeteo.condition(wmo: 0) == .clear && OpenMeteo.condition(wmo: 96) == .storm && OpenMeteo.condition(wmo: 4) == nil)
        do {
            _ = try OpenMeteo.parse(Data(Sources.fixture("open-meteo-astana.json").replacingOccurrences(of: "[-15.6]", with: "[-5.0]").utf8), city: "astana")
            Issue.record("a low above the high was taken")
        } catch {
            #expect("\(error)".contains("-5.0…-7.4 °C is not a plausible day"))
        }
        let url = try #require(OpenMeteo.url(base: "https://api.open-meteo.com/v1/forecast", latitude: 51.1694, longitude: 71.4491))
        #expect(url.absoluteString == "https://api.open-meteo.com/v1/forecast?latitude=51.1694&longitude=71.4491&daily=weather_code,temperature_2m_max,temperature_2m_min&timezone=auto&forecast_days=1")
    }
}

/// `herald serve --rates-url … --weather-url …`: fetched on the sources' own thread; when a source
/// goes down the pages keep the last good data (never a 500, never a blank header).
@Suite(.serialized) struct ScheduledHeaderFetchTests {
    @Test func theServerFetchesOnItsScheduleAndKeepsTheLastGoodDataWhenASourceFails() throws {
        final class Flag: Sendable { let up = Atomic<Bool>(true) }
        let flag = Flag()
        var router = Router()
        router.get("/rates") { _, _ in
            flag.up.load(ordering: .relaxed)
                ? Response.text(HeaderSourceTests.Sources.fixture("nbk-rates.xml")) : Response.text("down\n", status: 500)
        }
        router.get("/weather") { request, _ in
            let city = (Double(request.queryValue("latitude") ?? "") ?? 0) > 47 ? "astana" : "almaty"
            return flag.up.load(ordering: .relaxed)
                ? Response.text(HeaderSourceTests.Sources.fixture("open-meteo-\(city).json")) : Response.text("{", status: 200)
        }
        let source = HTTPServer(configuration: ServerConfiguration(port: 0, threads: 2), logger: Fixtures.logger, router: router)
        try source.start()
        defer { source.stop() }
        let database = try Fixtures.demoDatabase()
        // The demo's own reports are later than the forecast's day; without them the fetched one shows.
        try database.pool.write { db in try db.execute(sql: "DELETE FROM weather_reports") }
        var configuration = Fixtures.configuration(database.path, site: SiteConfiguration(refreshInterval: 0))
        configuration.ratesURL = "http://127.0.0.1:\(source.port)/rates"
        configuration.weatherURL = "http://127.0.0.1:\(source.port)/weather"
        configuration.fetchEvery = 0.5
        configuration.runsJobs = true
        let app = try buildApplication(configuration, logger: Fixtures.logger)
        try app.start()
        defer { app.stop() }
        func home() throws -> RawHTTPConnection.Reply { try RawHTTPConnection(port: app.readerServer.port).get("/en/") }
        let deadline = Date().addingTimeInterval(10)
        while !(try home().text.contains("512.34") && home().text.contains("−16…−7")) && Date() < deadline { usleep(100_000) }
        let fetched = try home()
        #expect(fetched.status == 200 && fetched.text.contains("512.34") && fetched.text.contains("597.41"))
        #expect(fetched.text.contains("Astana <bdi dir=\"ltr\">−16…−7 °C</bdi>, snow"), "Astana's forecast")
        // The sources fail (a 500, a broken JSON): a few rounds of retries later the page still
        // shows what was last fetched.
        flag.up.store(false, ordering: .relaxed)
        Thread.sleep(forTimeInterval: 4)
        let kept = try home()
        #expect(kept.status == 200 && kept.text.contains("512.34") && kept.text.contains("−16…−7 °C"))
    }
}
