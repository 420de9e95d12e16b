import Foundation
import Testing
@testable import HTTPServer

@Suite struct RequestTargetTests {
    @Test func decodesPathAndQuery() throws {
        let parsed = try RequestTarget.parse("/zh/tag/%E9%80%89?page=2&q=a+b&flag").get()
        #expect(parsed.path == "/zh/tag/选")
        #expect(parsed.query.map(\.name) == ["page", "q", "flag"])
        #expect(parsed.query.map(\.value) == ["2", "a b", ""])
    }

    @Test(arguments: [
        ("/static/a.css%00.html", RequestTarget.Failure.nulOrControlCharacter),
        ("/a%0d%0aSet-Cookie:x", .nulOrControlCharacter),
        ("/a%zz", .badPercentEncoding),
        ("/a%4", .badPercentEncoding),
        ("/%C0%AF", .invalidUTF8),
        ("/%ff", .invalidUTF8),
        ("http://example.com/", .notOriginForm),
        ("*", .notOriginForm),
        ("/?page=%00", .nulOrControlCharacter),
    ])
    func refusesWhatCannotBeDecodedCleanly(_ target: String, _ failure: RequestTarget.Failure) {
        switch RequestTarget.parse(target) {
        case .success(let parsed): Issue.record("accepted \(target) as \(parsed.path)")
        case .failure(let error): #expect(error == failure)
        }
    }
}

@Suite struct RouterTests {
    func router() -> Router {
        var router = Router(notFound: { _ in Response.text("nf", status: 404) })
        router.get("/") { _, _ in .text("root") }
        router.get("/:edition/") { _, p in .text("home \(p["edition"]!)") }
        router.get("/:edition/tag/:slug") { _, p in .text("tag \(p["edition"]!) \(p["slug"]!)") }
        router.get("/:edition/*path") { r, p in .text("path \(p["edition"]!) \(p["path"]!) \(r.path.hasSuffix("/"))") }
        router.add("POST", "/form") { _, _ in .text("posted") }
        return router
    }

    func answer(_ target: String, method: String = "GET") -> Response {
        router().respond(to: Request(method: method, target: target)!)
    }

    @Test func matchesInOrder() {
        #expect(answer("/").text == "root")
        #expect(answer("/en/").text == "home en")
        #expect(answer("/en/tag/elections").text == "tag en elections")
        #expect(answer("/en/news/elections/").text == "path en news/elections true")
        #expect(answer("/en/news/5-x").text == "path en news/5-x false")
        #expect(answer("/en//x").status == 404)
        #expect(answer("/en").status == 404)
    }

    @Test func headFollowsGetAndOtherMethodsGet405() {
        #expect(answer("/en/", method: "HEAD").text == "home en")
        let response = answer("/en/", method: "DELETE")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
        #expect(answer("/form", method: "POST").text == "posted")
    }
}

extension Response {
    var text: String { String(decoding: body, as: UTF8.self) }
}

@Suite struct StaticFilesTests {
    @Test func contentTypes() {
        #expect(StaticFiles.contentType(for: "css/site.css") == "text/css; charset=utf-8")
        #expect(StaticFiles.contentType(for: "photos/x.svg") == "image/svg+xml; charset=utf-8")
        #expect(StaticFiles.contentType(for: "x.unknown") == "application/octet-stream")
    }
}

@Suite struct StaticRootTests {
    /// Only regular files under the root are ever served: symlinks leading out, dot-files and
    /// directories are not in the table, so no request path can reach them.
    @Test func symlinksOutDotFilesAndDirectoriesAreNotServed() throws {
        let root = NSTemporaryDirectory() + "static-" + UUID().uuidString
        let outside = NSTemporaryDirectory() + "outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/css", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "body{}".write(toFile: root + "/css/site.css", atomically: true, encoding: .utf8)
        try "secret".write(toFile: outside + "/secret.txt", atomically: true, encoding: .utf8)
        try "hidden".write(toFile: root + "/.env", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: outside + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/dir", withDestinationPath: outside)
        let files = try StaticFiles(root: root)
        let request = Request(method: "GET", target: "/")!
        #expect(files.response(for: "css/site.css", request: request)?.status == 200)
        for path in ["leak.txt", "dir/secret.txt", ".env", "css", "css/", "", "../" + outside + "/secret.txt", "css/../css/site.css"] {
            #expect(files.response(for: path, request: request) == nil, "\(path) was served")
        }
    }
}

@Suite struct BodyLimitTests {
    @Test func routesDeclareTheBodiesTheyAccept() {
        var router = Router(notFound: { _ in Response(status: 404) })
        router.get("/:edition/") { _, _ in .text("home") }
        router.add("POST", "/newsroom/upload", maxBody: 5_000_000) { _, _ in .text("ok") }
        #expect(router.bodyLimit(method: "GET", path: "/en/") == 0)
        #expect(router.bodyLimit(method: "HEAD", path: "/en/") == 0)
        #expect(router.bodyLimit(method: "POST", path: "/newsroom/upload") == 5_000_000)
        #expect(router.bodyLimit(method: "POST", path: "/en/") == nil)
        #expect(router.bodyLimit(method: "GET", path: "/nowhere/x/y") == nil)
    }
}

@Suite struct HostFieldTests {
    @Test func hostsAndPortsAreCheckedByTheirParts() {
        for good in ["x", "news.example.kz", "127.0.0.1", "127.0.0.1:8080", "a-b.c:1", "[::1]", "[::1]:65535", "EXAMPLE.org:443"] {
            #expect(ProtocolChecks.isValidHost(good), "\(good)")
        }
        for bad in ["", ":80", "x:", "x:0x1", "x:65536", "x:123456", "a:b:c", "x y", "x/y", "[::1", "[]", "[::1]x", "[::1]:", "é.kz",
                    String(repeating: "a", count: 256)] {
            #expect(!ProtocolChecks.isValidHost(bad), "\(bad)")
        }
    }
}
