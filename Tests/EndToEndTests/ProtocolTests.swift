import Foundation
import HTTPServer
import Site
import Testing
import TestSupport

/// One raw request per rule, against the real server: refusals come before any handler runs,
/// say `Connection: close`, and nothing sent after them on the connection is executed.
@Suite(.serialized) struct ProtocolTests {
    static let server: RunningServer = {
        do { return try RunningServer() } catch { fatalError("test server: \(error)") }
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
        let before = Self.server.site.views.unflushed
        let hidden = "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n"
        try expectRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(5 + hidden.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, 400)
        #expect(Self.server.site.views.unflushed == before)
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

    @Test func hostRules() throws {
        // A missing Host is refused by libmicrohttpd's strict client mode itself (its own 400 page).
        let (missing, connection) = try send("GET /en/ HTTP/1.1\r\n\r\n")
        #expect(missing.status == 400)
        #expect(connection.isClosedByPeer())
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
    }

    @Test func errorPagesDoNotEchoTheRequest() throws {
        let reply = try RawHTTPConnection(port: Self.server.port).get("/en/%3Cscript%3Ealert(1)%3C/script%3E/")
        #expect(reply.status == 404)
        #expect(!reply.text.contains("<script"))
        #expect(!reply.text.contains("alert(1)"))
    }
}

/// Slow clients are cut off at the header and body deadlines, however they trickle bytes, while
/// other readers are served; oversized bodies are refused before they are read.
@Suite(.serialized) struct DeadlineTests {
    static let server: RunningServer = {
        let configuration = ServerConfiguration(port: 0, idleTimeoutSeconds: 30, maxBodyBytes: 1000,
                                                headerDeadlineSeconds: 1, bodyDeadlineSeconds: 1,
                                                accessLog: false, responseHeaders: Site.securityHeaders)
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

    @Test func slowBodyIsCutOff() throws {
        let seconds = try trickle("POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n", drip: "a")
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

    /// A body for a method no route takes is discarded unread and answered 405.
    @Test func aBodyForAnUnroutedMethodIsDiscardedAnd405() throws {
        let connection = try RawHTTPConnection(port: Self.server.port)
        connection.send("POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789")
        let reply = try connection.read()
        #expect(reply.status == 405)
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
