import Foundation
import HTTPServer
import NewsStore
import HeraldApp
import ReaderSite
import Testing
import TestSupport

/// The real application on an OS-chosen port — built by `buildApplication`, as `herald serve`
/// builds it, jobs running — with the demo site behind it.
final class RunningServer: Sendable {
    let app: Application
    var server: HTTPServer { app.readerServer }
    var port: Int { server.port }

    /// `jobs: false` for tests that count views pending in memory (a flush would move them).
    init(configuration: ServerConfiguration = ServerConfiguration(port: 0), jobs: Bool = true) throws {
        var settings = Fixtures.configuration(try Fixtures.demoDatabase().path, reader: configuration)
        settings.runsJobs = jobs
        app = try buildApplication(settings, logger: Fixtures.logger, now: { Fixtures.now })
        try app.start()
    }

    deinit { app.stop() }
}

@Suite(.serialized) struct EndToEndTests {
    @Test func pagesOverARealSocketWithKeepAlive() throws {
        let running = try RunningServer()
        #expect(running.port > 0)
        let connection = try RawHTTPConnection(port: running.port)

        let redirect = try connection.get("/", headers: ["Accept-Language: zh-CN"])
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/zh/")

        let home = try connection.get("/zh/")
        #expect(home.status == 200)
        #expect(home.text.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"))
        #expect(home.headers["connection"]?.lowercased() != "close")

        let articleHref = try #require(home.text.firstMatch(of: /href="(\/zh\/[a-z\/]+\/[0-9]+-[a-z0-9-]+)"/)?.1)
        let article = try connection.get(String(articleHref))
        #expect(article.status == 200)
        #expect(article.text.contains("rel=\"tag\""))

        #expect(try connection.get("/zh/news/").status == 200)
        #expect(try connection.get("/zh/tag/elections").status == 200)
        let css = try connection.get("/static/css/site.css")
        #expect(css.status == 200)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        let missing = try connection.get("/zh/nothing-here/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("页面未找到"))
        #expect(try connection.get("/healthz").text == "ok\n")
        let head = try connection.get("/zh/", method: "HEAD")
        #expect(head.status == 200)
        #expect(Int(head.headers["content-length"] ?? "0") == home.body.count)
        // Every request above went over the one connection: keep-alive works.
        #expect(try connection.get("/en/").status == 200)
    }

    /// Cached pages over the wire: gzip for clients that ask, 304 for a matching validator, HEAD
    /// with the length and no body, all on one kept-alive connection.
    @Test func cachedPagesCompressAndRevalidate() throws {
        let running = try RunningServer()
        let connection = try RawHTTPConnection(port: running.port)
        let plain = try connection.get("/tote/")
        #expect(plain.status == 200)
        #expect(plain.headers["vary"] == "Accept-Encoding")
        #expect(plain.headers["cache-control"]?.contains("stale-while-revalidate") == true)
        let packed = try connection.get("/tote/", headers: ["Accept-Encoding: gzip"])
        #expect(packed.headers["content-encoding"] == "gzip")
        #expect(gunzip(packed.body) == plain.body)
        let etag = try #require(plain.headers["etag"])
        let again = try connection.get("/tote/", headers: ["If-None-Match: \(etag)"])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.headers["etag"] == etag)
        #expect(again.headers["content-security-policy"] != nil)
        let since = try connection.get("/tote/", headers: ["If-Modified-Since: \(try #require(plain.headers["last-modified"]))"])
        #expect(since.status == 304)
        let head = try connection.get("/tote/", method: "HEAD", headers: ["Accept-Encoding: gzip"])
        #expect(head.status == 200)
        #expect(Int(head.headers["content-length"] ?? "") == packed.body.count)
        #expect(try connection.get("/tote/").body == plain.body, "the connection is still in step")
    }

    @Test func malformedTargetsAre400AndClose() throws {
        let running = try RunningServer()
        for target in ["/static/a.css%00.html", "/en/%ff/", "/a%zz"] {
            let connection = try RawHTTPConnection(port: running.port)
            let reply = try connection.get(target)
            #expect(reply.status == 400, "\(target)")
            #expect(reply.headers["connection"]?.lowercased() == "close")
        }
    }

    @Test func stoppingFlushesNothingLostAndRefusesNewConnections() throws {
        let running = try RunningServer()
        let port = running.port
        let connection = try RawHTTPConnection(port: port)
        #expect(try connection.get("/en/").status == 200)
        running.server.stop()
        #expect(throws: (any Error).self) { try RawHTTPConnection(port: port).get("/en/") }
    }
}
