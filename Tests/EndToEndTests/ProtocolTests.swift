import Foundation
import HTTPServer
import ReaderSite
import Testing
import TestSupport

/// One raw request per rule, against the real server: refusals come before any handler runs,
/// say `Connection: close`, and nothing sent after them on the connection is executed.
@Suite(.serialized) struct ProtocolTests {
    static let server: RunningServer = {
        do { return try RunningServer(jobs: false) } catch { fatalError("test server: \(error)") }
    }()

    func send(_ raw: String) throws -> (RawHTTPConnection.Reply, RawHTTPConnection) {
        let connection = try RawHTTPConnection(port: Self.server.port)
        connection.send(raw)
        return (try connection.read(), connection)
    }

    func expectRefused(_ raw: String, _ status: Int, _ comment: Comment? = nil) throws {
        let (reply, connection) = try send(raw)
        let closed = connection.isClosedByPeer()
        #expect(reply.status == status, comment)
        #expect(reply.headers["connection"]?.lowercased() == "close", comment)
        #expect(closed, "the connection stayed open after a refusal")
        #expect(reply.headers["content-type"]?.contains("charset=utf-8") == true)
    }

    @Test func transferEncodingWithContentLengthIsRefusedAndTheHiddenRequestNeverRuns() throws {
        let before = Self.server.app.reader.views.unflushed
        let hidden = "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n"
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(5 + hidden.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, 400)
        #expect(Self.server.app.reader.views.unflushed == before)
    }

    @Test func twoDifferentContentLengthsAreRefused() throws {
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc", 400)
    }

    @Test func whitespaceBeforeTheColonIsRefused() throws {
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nhello", 400)
    }

    @Test func unknownTransferCodingIs501WithoutWaiting() throws {
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501)
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501)
    }

    /// obs-fold: a header line continued on the next (space or tab first) is refused, whatever
    /// the continuation holds; a request after it on the connection never runs.
    @Test func foldedHeaderLinesAreRefused() throws {
        let before = Self.server.app.reader.views.unflushed
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n", 400, "space fold")
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\ttwo\r\nX-Other: 1\r\n\r\n", 400, "tab fold")
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n \r\n\r\n", 400, "blank fold")
        try expectRefused("GET /en/ HTTP/1.1\r\n X-Note: one\r\nHost: x\r\n\r\n", 400, "fold after the request line")
        let article = "GET /en/news/elections/1-x HTTP/1.1\r\nHost: x\r\n\r\n"
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n \(article.utf8.count)\r\n\r\n" + article, 400, "folded length")
        #expect(Self.server.app.reader.views.unflushed == before)
        // Headers arriving in pieces are not mistaken for folds.
        let pieces = try RawHTTPConnection(port: Self.server.port)
        for piece in ["GET /healthz HTTP/1.1\r\nHo", "st: x\r\nX-A: o", "ne\r\nX-B: two\r", "\n\r\n"] {
            pieces.send(piece)
            usleep(30_000)
        }
        #expect(try pieces.read().status == 200)
        // Ordinary spacing around values is not a fold.
        let (ok, _) = try send("GET /healthz HTTP/1.1\r\nHost:x\r\nX-A:\t  spaced  \r\nX-Empty:\r\n\r\n")
        #expect(ok.status == 200)
    }

    /// Requests libmicrohttpd answers itself (too long a target or header block, a broken request
    /// line) carry the same charset and security headers as every other response.
    @Test func libmicrohttpdsOwnAnswersCarryTheHeaders() throws {
        let long = String(repeating: "a", count: 40_000)
        for (raw, status) in [("GET /\(long) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                              ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(long)\r\n\r\n", 431),
                              ("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400)] {
            let (reply, connection) = try send(raw)
            #expect(reply.status == status)
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8", "\(status)")
            #expect(reply.headers["content-security-policy"]?.contains("script-src 'none'") == true, "\(status)")
            #expect(reply.headers["x-content-type-options"] == "nosniff")
            #expect(reply.headers["x-frame-options"] == "DENY")
            #expect(reply.headers["connection"]?.lowercased() == "close")
            #expect(connection.isClosedByPeer())
        }
    }

    @Test func hostRules() throws {
        try expectRefused("GET /en/ HTTP/1.1\r\n\r\n", 400, "HTTP/1.1 without Host")
        let (old, _) = try send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(old.status == 200, "HTTP/1.0 needs no Host")
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "duplicate Host")
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: exa mple\r\n\r\n", 400, "malformed Host")
        try expectRefused("GET /en/ HTTP/1.1\r\nHost: example.org:99999\r\n\r\n", 400, "bad port")
        let (ok, _) = try send("GET /healthz HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n")
        #expect(ok.status == 200)
    }

    @Test func methods() throws {
        try expectRefused("get /en/ HTTP/1.1\r\nHost: x\r\n\r\n", 501, "lower-case method")
        try expectRefused("FOO /en/ HTTP/1.1\r\nHost: x\r\n\r\n", 501, "unknown method")
        let (notAllowed, _) = try send("DELETE /en/ HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["allow"] == "GET, HEAD")
        let connection = try RawHTTPConnection(port: Self.server.port)
        let head = try connection.get("/en/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test(arguments: ["/en/", "/static/css/site.css", "/en/no-such-page/", "/healthz"])
    func everyResponseCarriesSecurityHeaders(_ path: String) throws {
        let reply = try RawHTTPConnection(port: Self.server.port).get(path)
        #expect(reply.headers["content-security-policy"]?.contains("script-src 'none'") == true)
        #expect(reply.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(reply.headers["x-content-type-options"] == "nosniff")
        #expect(reply.headers["referrer-policy"] != nil)
        #expect(reply.headers["x-frame-options"] == "DENY")
        #expect(reply.headers["content-type"]?.contains("charset=utf-8") == true)
        #expect(reply.headers["permissions-policy"]?.contains("camera=(), ") == true)
        #expect(reply.headers["permissions-policy"]?.contains("geolocation=()") == true)
        #expect(reply.headers["cross-origin-opener-policy"] == "same-origin")
        #expect(reply.headers["cross-origin-resource-policy"] == "cross-origin")
    }

    @Test func theFaviconIsAnIconFile() throws {
        let reply = try RawHTTPConnection(port: Self.server.port).get("/favicon.ico")
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "image/x-icon")
        #expect(Array(reply.body.prefix(4)) == [0, 0, 1, 0], "an ICO header, not SVG text")
    }

    /// RFC 9112 §3.2.2: a server must accept the absolute form of the target (what a proxy is
    /// sent); its path is what is served.
    @Test func anAbsoluteFormTargetIsServedByItsPath() throws {
        let (reply, _) = try send("GET http://localhost/en/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self).contains("<html lang=\"en\""))
        let (other, _) = try send("GET http://localhost/en/no-such-page/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(other.status == 404)
    }

    @Test func errorPagesDoNotEchoTheRequest() throws {
        let reply = try RawHTTPConnection(port: Self.server.port).get("/en/%3Cscript%3Ealert(1)%3C/script%3E/")
        #expect(reply.status == 404)
        #expect(!reply.text.contains("<script"))
        #expect(!reply.text.contains("alert(1)"))
    }
}

/// The per-address connection limit: one client cannot take every connection.
@Suite struct ConnectionLimitTests {
    @Test func oneAddressIsLimitedWhileOthersAreServed() throws {
        let running = try RunningServer(configuration: ServerConfiguration(
            port: 0, perClientConnectionLimit: 3, responseHeaders: ReaderEnvironment.securityHeaders))
        let held = try (0..<3).map { _ in try RawHTTPConnection(port: running.port, source: "127.0.0.2") }
        for connection in held { #expect(try connection.get("/healthz").status == 200) }
        let extra = try RawHTTPConnection(port: running.port, source: "127.0.0.2")
        extra.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(extra.isClosedByPeer(), "a fourth connection from one address was served")
        #expect(try RawHTTPConnection(port: running.port, source: "127.0.0.3").get("/healthz").status == 200)
        #expect(try held[0].get("/healthz").status == 200, "the held connections still work")
    }

    /// Past the total limit a new connection waits in the listen backlog, unserved, until one of
    /// the open connections closes (libmicrohttpd stops accepting; it does not reset).
    @Test func theTotalLimitHoldsAcrossAddresses() throws {
        let running = try RunningServer(configuration: ServerConfiguration(
            port: 0, threads: 1, connectionLimit: 3, responseHeaders: ReaderEnvironment.securityHeaders))
        var held = try (2...4).map { try RawHTTPConnection(port: running.port, source: "127.0.0.\($0)") }
        for connection in held { #expect(try connection.get("/healthz").status == 200) }
        let extra = try RawHTTPConnection(port: running.port, source: "127.0.0.5")
        extra.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(extra.staysSilent(for: 1), "a connection past the total limit was served")
        held.removeFirst()
        #expect(try extra.read().status == 200, "served once a slot was free")
    }

    @Test func idleKeptAliveConnectionsAreClosedAfterTheIdleTimeout() throws {
        let running = try RunningServer(configuration: ServerConfiguration(
            port: 0, idleTimeoutSeconds: 1, responseHeaders: ReaderEnvironment.securityHeaders))
        let connection = try RawHTTPConnection(port: running.port)
        #expect(try connection.get("/healthz").status == 200)
        let start = Date()
        #expect(connection.isClosedByPeer())
        let waited = Date().timeIntervalSince(start)
        #expect(waited > 0.5 && waited < 4, "closed after \(waited) s")
    }
}

/// Slow clients are cut off at the header and body deadlines, however they trickle bytes, while
/// other readers are served; oversized bodies are refused before they are read.
@Suite(.serialized) struct DeadlineTests {
    static let server: RunningServer = {
        let configuration = ServerConfiguration(port: 0, idleTimeoutSeconds: 30, maxBodyBytes: 1000,
                                                headerDeadlineSeconds: 1, bodyDeadlineSeconds: 1,
                                                responseHeaders: ReaderEnvironment.securityHeaders)
        do { return try RunningServer(configuration: configuration) } catch { fatalError("test server: \(error)") }
    }()

    /// Sends `prefix`, then one `drip` every 200 ms; returns the seconds until the server hung up.
    func trickle(_ prefix: String, drip: String, limit: Double = 6) throws -> Double {
        let connection = try RawHTTPConnection(port: Self.server.port)
        let start = Date()
        connection.send(prefix)
        while Date().timeIntervalSince(start) < limit {
            usleep(200_000)
            guard connection.trySend(drip) else { break }
        }
        return Date().timeIntervalSince(start)
    }

    @Test func slowHeadersAreCutOff() throws {
        let seconds = try trickle("GET /healthz HTTP/1.1\r\nHost: x\r\n", drip: "X-Slow: a\r\n")
        #expect(seconds < 3, "a header trickler stayed connected \(seconds) s")
        #expect(Self.server.server.connectionsCutOff >= 1)
    }

    @Test func slowRequestLineIsCutOff() throws {
        let seconds = try trickle("GET /", drip: "a")
        #expect(seconds < 3)
    }

    /// Reader routes accept no body: a declared one is refused at once, unread.
    @Test func aBodyOnAReaderRouteIsRefusedBeforeItIsRead() throws {
        for head in ["GET /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
                     "GET /en/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"] {
            let connection = try RawHTTPConnection(port: Self.server.port)
            connection.send(head)
            let reply = try connection.read()
            #expect(reply.status == 413)
            #expect(reply.headers["connection"]?.lowercased() == "close")
        }
    }

    /// A body for a method no route takes is never read: a POST declaring 2 MB to a reader page,
    /// sending nothing after its headers, is answered 405 at once (no `100 Continue`) and closed.
    @Test func aBodyForAnUnroutedMethodIsRefusedUnread() throws {
        for expect in ["Expect: 100-continue\r\n", ""] {
            let connection = try RawHTTPConnection(port: Self.server.port)
            connection.send("POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\(expect)\r\n")
            let start = Date()
            let reply = try connection.read()
            #expect(reply.status == 405)
            #expect(reply.headers["allow"] == "GET, HEAD")
            #expect(reply.headers["connection"]?.lowercased() == "close")
            #expect(Date().timeIntervalSince(start) < 0.9, "answered before the 1 s body deadline")
            #expect(connection.isClosedByPeer())
        }
    }

    @Test func othersAreServedWhileSlowClientsWait() throws {
        let slow = try (0..<20).map { _ -> RawHTTPConnection in
            let connection = try RawHTTPConnection(port: Self.server.port)
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            return connection
        }
        let start = Date()
        #expect(try RawHTTPConnection(port: Self.server.port).get("/en/").status == 200)
        #expect(Date().timeIntervalSince(start) < 1)
        _ = slow
    }
}
