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

    @Test(arguments: [("http://example.com/en/?page=2", "/en/", "page"), ("HTTPS://Example.com:8443/zh/%E9%80%89", "/zh/选", nil),
                      ("http://example.com", "/", nil), ("http://example.com?q=x", "/", "q")])
    func takesTheAbsoluteFormByItsPath(_ target: String, _ path: String, _ query: String?) throws {
        let parsed = try RequestTarget.parse(target).get()
        #expect(parsed.path == path)
        #expect(parsed.query.first?.name == query)
    }

    @Test(arguments: [
        ("/static/a.css%00.html", RequestTarget.Failure.nulOrControlCharacter),
        ("/a%0d%0aSet-Cookie:x", .nulOrControlCharacter),
        ("/a%zz", .badPercentEncoding),
        ("/a%4", .badPercentEncoding),
        ("/%C0%AF", .invalidUTF8),
        ("/%ff", .invalidUTF8),
        ("http:///en/", .notOriginForm),
        ("ftp://example.com/", .notOriginForm),
        ("http://example.com/%00", .nulOrControlCharacter),
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
        var router = Router(errors: { _, error in Response.text("error \(error.code)", status: error.status) })
        router.get("/") { _, _ in .text("root") }
        router.get("/:edition/") { _, p in .text("home \(p["edition"]!)") }
        router.get("/:edition/tag/:slug") { _, p in .text("tag \(p["edition"]!) \(p["slug"]!)") }
        router.get("/:edition/*path/") { _, p in .text("section \(p["edition"]!) \(p["path"]!)") }
        router.get("/:edition/*section/:article", where: ["article": { $0.first?.isNumber == true }]) { _, p in
            .text("article \(p["edition"]!) \(p["section"]!) \(p["article"]!)")
        }
        router.get("/:edition/*path") { _, p in .text("path \(p["edition"]!) \(p["path"]!)") }
        router.post("/form", body: .form(maxBytes: 100)) { _, _ in .text("posted") }
        router.get("/fail") { _, _ in throw HTTPError.forbidden("nope", "No.") }
        router.get("/crash") { _, _ in throw CocoaError(.fileNoSuchFile) }
        return router
    }

    func answer(_ target: String, method: String = "GET") -> Response {
        router().respond(to: Request(method: method, target: target)!)
    }

    @Test func matchesInOrder() {
        #expect(answer("/").text == "root")
        #expect(answer("/en/").text == "home en")
        #expect(answer("/en/tag/elections").text == "tag en elections")
        #expect(answer("/en/news/elections/").text == "section en news/elections")
        #expect(answer("/en/news/elections/5-x").text == "article en news/elections 5-x")
        #expect(answer("/en/news/5-x").text == "article en news 5-x")
        #expect(answer("/en/news/x-5").text == "path en news/x-5", "the constraint sends it on")
        #expect(answer("/en/5-x").text == "path en 5-x", "a run takes at least one segment")
        #expect(answer("/en//x").text == "error not_found")
        #expect(answer("/en").text == "error not_found")
    }

    @Test func headFollowsGetAndOtherMethodsGet405() {
        #expect(answer("/en/", method: "HEAD").text == "home en")
        let response = answer("/en/", method: "DELETE")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
        #expect(answer("/form", method: "POST").text == "posted")
        #expect(answer("/form").header("Allow") == "POST")
    }

    @Test func thrownErrorsAreRenderedAndUnexpectedOnesAre500() {
        let refused = answer("/fail")
        #expect(refused.status == 403)
        #expect(refused.text == "error nope")
        let crashed = answer("/crash")
        #expect(crashed.status == 500)
        #expect(crashed.text == "error internal_error", "no detail of the failure reaches the client")
    }

    /// Router-wide middleware wraps everything (404s too); a group's wraps its routes only,
    /// outermost first, and may answer itself.
    @Test func middlewareRunsInOrderAndGroupsAddTheirOwn() {
        struct Tag: Middleware {
            let name: String
            func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
                var response = try next(request)
                response.headers.append(("X-Trace", name))
                return response
            }
        }
        struct Gate: Middleware {
            func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
                guard request.header("X-Key") == "open" else { throw HTTPError.forbidden() }
                return try next(request)
            }
        }
        var router = Router(errors: { _, error in Response.text(error.code, status: error.status) })
        router.use(Tag(name: "outer"))
        router.get("/public") { _, _ in .text("public") }
        router.group("/desk", middleware: [Tag(name: "group"), Gate()]) { desk in
            desk.get("/") { _, _ in .text("desk home") }
            desk.get("/articles/:id") { _, p in .text("article \(p["id"]!)") }
        }
        let open = [("X-Key", "open")]
        let article = router.respond(to: Request(target: "/desk/articles/7", headers: open)!)
        #expect(article.text == "article 7")
        #expect(article.headers.filter { $0.name == "X-Trace" }.map(\.value) == ["group", "outer"])
        #expect(router.respond(to: Request(target: "/desk/", headers: open)!).text == "desk home")
        #expect(router.respond(to: Request(target: "/desk/articles/7")!).status == 403)
        #expect(router.respond(to: Request(target: "/public")!).headers.filter { $0.name == "X-Trace" }.count == 1)
        #expect(router.respond(to: Request(target: "/desk/nothing")!).status == 404)
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

@Suite struct BodyPolicyTests {
    @Test func routesDeclareTheBodiesTheyAccept() {
        var router = Router()
        router.get("/:edition/") { _, _ in .text("home") }
        router.post("/newsroom/upload", body: .multipart(maxBytes: 5_000_000)) { _, _ in .text("ok") }
        router.group("/newsroom") { newsroom in
            newsroom.post("/articles/:id", body: .form(maxBytes: 2_000_000)) { _, _ in .text("saved") }
        }
        #expect(router.bodyPolicy(method: "GET", path: "/en/") == BodyPolicy.none)
        #expect(router.bodyPolicy(method: "HEAD", path: "/en/") == BodyPolicy.none)
        #expect(router.bodyPolicy(method: "POST", path: "/newsroom/upload") == .multipart(maxBytes: 5_000_000))
        #expect(router.bodyPolicy(method: "POST", path: "/newsroom/articles/4") == .form(maxBytes: 2_000_000))
        #expect(router.bodyPolicy(method: "POST", path: "/en/") == nil)
        #expect(router.bodyPolicy(method: "GET", path: "/nowhere/x/y") == nil)
        #expect(BodyPolicy.form(maxBytes: 9).capped(at: 5) == .form(maxBytes: 5))
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
