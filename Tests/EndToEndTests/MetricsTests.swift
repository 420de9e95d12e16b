import Foundation
import HTTPServer
import ReaderSite
import Testing
import TestSupport

/// `/metrics` over a real socket: only on the newsroom port, in the Prometheus text format, with
/// the requests, caches, views, database and process as they are. (The format is also read by
/// the Python client's parser in Tests/Operations/operations_check.py.)
@Suite(.serialized) struct MetricsTests {
    /// Sample lines as `name{labels}` → value (comments skipped).
    static func samples(_ text: String) -> [String: Double] {
        var found: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            found[String(line[..<space])] = value
        }
        return found
    }

    /// A scrape, repeated for up to 2 s until `ready` holds: a request is recorded in the
    /// completion notice, which may run just after the client has read the response.
    static func scrape(_ server: NewsroomServer, until ready: ([String: Double]) -> Bool = { _ in true })
        throws -> (RawHTTPConnection.Reply, [String: Double]) {
        let deadline = Date().addingTimeInterval(2)
        while true {
            let reply = try RawHTTPConnection(port: server.port).get("/metrics")
            let found = samples(reply.text)
            if ready(found) || Date() > deadline { return (reply, found) }
            usleep(20_000)
        }
    }

    @Test func requestsCachesViewsAndTheProcessAreCountedOnTheNewsroomPortOnly() throws {
        let server = try NewsroomServer()
        let home = try server.reader("/en/")
        let article = try #require(home.text.firstMatch(of: /href="(\/en\/[a-z0-9\/-]+\/[0-9]+-[a-z0-9-]+)"/)?.1)
        let first = try server.reader(String(article))
        let second = try server.reader(String(article))
        #expect(first.headers["x-cache"] == "MISS" && second.headers["x-cache"] == "HIT")
        _ = try server.reader("/en/no-such-page/")
        #expect(try server.reader("/metrics").status == 404)   // never on the readers' port

        let (reply, metrics) = try Self.scrape(server) {
            $0["herald_views_counted_total"] == 2 && $0["herald_http_requests_total{server=\"reader\",route=\"/:edition\",status=\"404\"}"] != nil
        }
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(reply.headers["cache-control"] == "no-store")
        let route = "/:edition/*section/:article"
        #expect(metrics["herald_http_requests_total{server=\"reader\",route=\"\(route)\",status=\"200\"}"] == 2)
        #expect(metrics["herald_http_requests_total{server=\"reader\",route=\"/:edition/\",status=\"200\"}"] == 1)
        // /en/no-such-page/ reaches the section route, which answers 404; /metrics matches no reader route.
        #expect(metrics["herald_http_requests_total{server=\"reader\",route=\"/:edition/*path/\",status=\"404\"}"] == 1)
        #expect(metrics["herald_http_requests_total{server=\"reader\",route=\"unmatched\",status=\"404\"}"] == nil)
        #expect(metrics["herald_http_request_duration_seconds_count{server=\"reader\",route=\"\(route)\"}"] == 2)
        #expect(metrics["herald_http_request_duration_seconds_bucket{server=\"reader\",route=\"\(route)\",le=\"+Inf\"}"] == 2)
        #expect(metrics["herald_http_response_bytes_total{server=\"reader\",route=\"\(route)\"}"]
                == Double(first.body.count + second.body.count))
        // The page cache: the article's MISS then HIT (and the home's MISS).
        #expect((metrics["herald_cache_hits_total{cache=\"pages\"}"] ?? 0) >= 1)
        #expect((metrics["herald_cache_misses_total{cache=\"pages\"}"] ?? 0) >= 2)
        #expect((metrics["herald_cache_bytes{cache=\"pages\"}"] ?? 0) > 0)
        #expect((metrics["herald_cache_entries{cache=\"pages\"}"] ?? 0) >= 2)
        #expect(metrics["herald_cache_evictions_total{cache=\"data\"}"] != nil)
        // Two article reads, not yet flushed (no jobs run in this fixture).
        #expect(metrics["herald_views_counted_total"] == 2)
        #expect(metrics["herald_views_pending"] == 2)
        #expect(metrics["herald_views_flushed_total"] == 0)
        #expect(metrics["herald_newsroom_sessions"] == 0)
        #expect((metrics["herald_database_size_bytes"] ?? 0) > 0)
        #expect(metrics["herald_database_checkpoints_total"] != nil)
        #expect((metrics["process_resident_memory_bytes"] ?? 0) > 1_048_576)
        #expect((metrics["process_open_fds"] ?? 0) > 3)
        #expect((metrics["process_start_time_seconds"] ?? 0) > 1_700_000_000)
        #expect(metrics["herald_http_requests_in_flight{server=\"newsroom\"}"] == 1)   // this scrape

        // A signed-in editor is a session; the scrape before is counted under the newsroom.
        _ = try server.signedIn("dana")
        server.app.reader.views.flush()
        let (_, after) = try Self.scrape(server) { $0["herald_newsroom_sessions"] == 1 }
        #expect(after["herald_newsroom_sessions"] == 1)
        #expect(after["herald_views_flushed_total"] == 2 && after["herald_views_pending"] == 0)
        // The scrapes before this one (one or more: `scrape` repeats until the counts are in).
        #expect((after["herald_http_requests_total{server=\"newsroom\",route=\"/metrics\",status=\"200\"}"] ?? 0) >= 1)
        // Counters never go down between scrapes.
        for (name, value) in metrics where name.contains("_total") {
            #expect((after[name] ?? 0) >= value, "\(name) went down")
        }
    }

    @Test func everyFamilyIsTypedAndNamedByTheConventions() throws {
        let server = try NewsroomServer()
        _ = try server.reader("/en/")
        // The request is recorded in its completion notice, which may come after the client read it.
        let (reply, _) = try Self.scrape(server) { $0.keys.contains { $0.hasPrefix("herald_http_request_duration_seconds_count{server=\"reader\"") } }
        var typed: [String: String] = [:]
        for line in reply.text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            typed[String(parts[2])] = String(parts[3])
        }
        for (name, type) in typed {
            #expect(name.wholeMatch(of: /[a-z_][a-z0-9_]*/) != nil, "\(name)")
            #expect(name.hasPrefix("herald_") || name.hasPrefix("process_"), "\(name)")
            #expect(type != "counter" || name.hasSuffix("_total"), "a counter without _total: \(name)")
            #expect(type == "counter" || !name.hasSuffix("_total"), "_total on a \(type): \(name)")
        }
        #expect(typed["herald_http_request_duration_seconds"] == "histogram")
        #expect(typed["herald_cache_bytes"] == "gauge")
        #expect(typed["herald_http_requests_total"] == "counter")
    }

    @Test func renderedPagesCarryTheirRequestIDAndCachedOnesEchoAReceivedOne() throws {
        let server = try NewsroomServer()
        let miss = try server.reader("/en/")
        let other = try server.reader("/en/tag/no-such-tag")
        let id = try #require(miss.headers["x-request-id"])
        #expect(id.wholeMatch(of: /[0-9a-f]{16}/) != nil && other.headers["x-request-id"] != id)
        let hit = try server.reader("/en/")
        #expect(hit.headers["x-cache"] == "HIT" && hit.headers["x-request-id"] == nil)   // the shared prepared response
        let kept = try RawHTTPConnection(port: server.readerPort).get("/en/", headers: ["X-Request-Id: edge-42.a:b_c"])
        #expect(kept.headers["x-cache"] == "HIT" && kept.headers["x-request-id"] == "edge-42.a:b_c")
        #expect(kept.body == hit.body && kept.headers["etag"] == hit.headers["etag"])
        let replaced = try RawHTTPConnection(port: server.readerPort).get("/en/search?q=x", headers: ["X-Request-Id: bad id\"<x>"])
        #expect(replaced.headers["x-request-id"]?.wholeMatch(of: /[0-9a-f]{16}/) != nil)
        let newsroom = try server.client().get("/login")
        #expect(newsroom.headers["x-request-id"]?.wholeMatch(of: /[0-9a-f]{16}/) != nil)
    }

    @Test(arguments: [RequestIDHeader.always, .off])
    func theRequestIDHeaderCanBeOnEveryResponseOrOnNone(_ mode: RequestIDHeader) throws {
        let database = try Fixtures.demoDatabase()
        let app = try Fixtures.app(database, site: SiteConfiguration(refreshInterval: 0, pageCacheBytes: 8 << 20),
                                   reader: ServerConfiguration(port: 0, requestIDHeader: mode))
        try app.start()
        defer { app.stop() }
        let miss = try RawHTTPConnection(port: app.readerServer.port).get("/en/")
        let hit = try RawHTTPConnection(port: app.readerServer.port).get("/en/")
        #expect(hit.headers["x-cache"] == "HIT")
        if mode == .always {
            #expect(miss.headers["x-request-id"]?.wholeMatch(of: /[0-9a-f]{16}/) != nil && hit.headers["x-request-id"]?.wholeMatch(of: /[0-9a-f]{16}/) != nil)
            #expect(miss.headers["x-request-id"] != hit.headers["x-request-id"])
            #expect(hit.body == miss.body && hit.headers["etag"] == miss.headers["etag"], "the same bytes as the shared response")
        } else {
            #expect(miss.headers["x-request-id"] == nil && hit.headers["x-request-id"] == nil)
        }
    }
}
