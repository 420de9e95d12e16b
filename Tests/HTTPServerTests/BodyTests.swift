import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
@testable import HTTPServer

/// Request bodies over a real socket: forms and uploads reach handlers decoded, and every body a
/// route cannot take is refused before it is read — no 100 Continue, the connection closed.
@Suite(.serialized) struct BodyTests {
    final class Server: Sendable {
        let server: HTTPServer
        final class Uploads: Sendable { let paths = Mutex<[String]>([]) }
        let uploads = Uploads()
        var port: Int { server.port }

        init(headers: [(name: String, value: String)] = [("Content-Security-Policy", "default-src 'none'")],
             bodySeconds: Double = 30) throws {
            var router = Router(errors: { _, error in Response.text("\(error.code)\n", status: error.status) })
            router.get("/") { _, _ in .text("home") }
            router.post("/form", body: .form(maxBytes: 1000)) { request, _ in
                .text("title=\(request.form?.value("title") ?? "-")|body=\(request.form?.value("body") ?? "-")")
            }
            let uploads = self.uploads
            router.post("/upload", body: .multipart(maxBytes: 100_000)) { request, _ in
                guard let file = request.form?.file("photo") else { throw HTTPError.badRequest("no_file", "No file.") }
                uploads.paths.withLock { $0.append(file.path) }
                let bytes = FileManager.default.contents(atPath: file.path)?.count ?? -1
                return .text("\(request.form?.value("alt") ?? "-") \(file.filename) \(bytes)")
            }
            router.get("/whoami") { request, _ in .text(request.client.description + " " + (request.cookie("s") ?? "-")) }
            server = HTTPServer(configuration: ServerConfiguration(port: 0, bodyDeadlineSeconds: bodySeconds,
                                                                   responseHeaders: headers),
                                logger: Logger(label: "test"), router: router)
            try server.start()
        }

        deinit { server.stop() }
    }

    static let server: Server = {
        do { return try Server() } catch { fatalError("test server: \(error)") }
    }()

    func post(_ path: String, type: String, body: String, extra: String = "") throws -> RawHTTPConnection.Reply {
        let connection = try RawHTTPConnection(port: Self.server.port)
        connection.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)")
        return try connection.read()
    }

    @Test func aFormReachesTheHandlerDecodedWithItsLineBreaks() throws {
        let reply = try post("/form", type: "application/x-www-form-urlencoded", body: "title=%D0%90%D1%81%D1%82%D0%B0%D0%BD%D0%B0&body=a%0D%0Ab")
        #expect(reply.status == 200)
        #expect(reply.text == "title=Астана|body=a\nb")
        let bad = try post("/form", type: "application/x-www-form-urlencoded", body: "title=%00")
        #expect(bad.status == 400)
        #expect(bad.text == "form_control_character\n")
    }

    @Test func theWrongMediaTypeIs415BeforeTheBodyIsRead() throws {
        let connection = try RawHTTPConnection(port: Self.server.port)
        connection.send("POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\nExpect: 100-continue\r\n\r\n")
        let reply = try connection.read()
        #expect(reply.status == 415)
        #expect(reply.headers["connection"]?.lowercased() == "close")
    }

    /// A declared length over the route's limit, or any body for a route that takes none or a
    /// method no route takes: answered at once (the client sends nothing after the headers and
    /// still gets its answer), never `100 Continue`, and the connection is closed.
    @Test(arguments: [
        ("POST /form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000", 413),
        ("POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000", 405),
        ("GET / HTTP/1.1\r\nContent-Length: 10", 413),
        ("POST /nowhere HTTP/1.1\r\nContent-Length: 10", 404),
        ("PUT /form HTTP/1.1\r\nTransfer-Encoding: chunked", 405),
    ])
    func bodiesARouteCannotTakeAreRefusedUnread(_ head: String, _ status: Int) throws {
        let connection = try RawHTTPConnection(port: Self.server.port)
        let lines = head.split(separator: "\r\n", maxSplits: 1)
        connection.send("\(lines[0])\r\nHost: x\r\nExpect: 100-continue\r\n\(lines[1])\r\n\r\n")
        let start = Date()
        let reply = try connection.read()
        #expect(reply.status == status, "\(head)")
        #expect(Date().timeIntervalSince(start) < 2, "answered without waiting for the body")
        #expect(reply.headers["connection"]?.lowercased() == "close")
        #expect(connection.isClosedByPeer())
    }

    @Test func anUploadIsStreamedToATemporaryFileRemovedAfterTheResponse() throws {
        let boundary = "b0undary"
        let photo = String(repeating: "JFIF-bytes-", count: 2000)
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nҚала көшесі\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"street.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            + photo + "\r\n--\(boundary)--\r\n"
        let reply = try post("/upload", type: "multipart/form-data; boundary=\(boundary)", body: body)
        #expect(reply.status == 200)
        #expect(reply.text == "Қала көшесі street.jpg \(photo.utf8.count)")
        let path = try #require(Self.server.uploads.paths.withLock { $0.last })
        for _ in 0..<50 where FileManager.default.fileExists(atPath: path) { usleep(20_000) }
        #expect(!FileManager.default.fileExists(atPath: path), "the temporary file is gone once the response is sent")
    }

    /// A chunked upload has no declared length: past the limit it is no longer stored, the rest
    /// is drained (so the client can read the answer) and answered 413; far past it, the
    /// connection is cut without reading more.
    @Test func aChunkedUploadPastTheLimitIs413() throws {
        let chunk = String(repeating: "x", count: 16_000)
        let framed = String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
        let connection = try RawHTTPConnection(port: Self.server.port)
        connection.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in 0..<10 { connection.send(framed) }
        connection.send("0\r\n\r\n")
        let reply = try connection.read()
        #expect(reply.status == 413)
        #expect(reply.headers["connection"]?.lowercased() == "close")

        let flood = try RawHTTPConnection(port: Self.server.port)
        flood.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n")
        var sent = 0
        while sent < 64 << 20, flood.trySend(framed) { sent += framed.utf8.count }
        #expect(sent < 64 << 20, "the server hung up instead of reading 64 MB")
    }

    @Test func aBodyThatNeverComesIsCutOffAtTheBodyDeadline() throws {
        let running = try Server(bodySeconds: 1)
        let connection = try RawHTTPConnection(port: running.port)
        connection.send("POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 900\r\n\r\ntitle=")
        let start = Date()
        #expect(!connection.staysSilent(for: 3))
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test func handlersSeeTheClientAddressAndCookies() throws {
        let connection = try RawHTTPConnection(port: Self.server.port, source: "127.0.0.2")
        let reply = try connection.get("/whoami", headers: ["Cookie: a=1; s=abc"])
        #expect(reply.text == "127.0.0.2 abc")
    }

    /// Two servers in one process give libmicrohttpd's own error answers their own headers.
    @Test func eachServerGivesTheLibrarysOwnAnswersItsHeaders() throws {
        let other = try Server(headers: [("Content-Security-Policy", "default-src 'self'; form-action 'self'"),
                                         ("X-Server", "newsroom")])
        for (port, policy) in [(Self.server.port, "default-src 'none'"), (other.port, "default-src 'self'; form-action 'self'")] {
            let connection = try RawHTTPConnection(port: port)
            connection.send("GET /" + String(repeating: "a", count: 40_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
            let reply = try connection.read()
            #expect(reply.status == 414)
            #expect(reply.headers["content-security-policy"] == policy)
            #expect((reply.headers["x-server"] != nil) == (port == other.port))
        }
    }
}
