import Foundation
import Testing
import TestSupport
@testable import HTTPServer

@Suite struct GzipTests {
    @Test func compressesAndRoundTrips() throws {
        let text = Array(String(repeating: "Выборы в парламент — 选举 — انتخابات. ", count: 200).utf8)
        let packed = try #require(Gzip.compress(text))
        #expect(packed.count < text.count / 5)
        #expect(packed.prefix(2) == [0x1F, 0x8B], "gzip magic")
        #expect(gunzip(packed) == text)
        #expect(gunzip(try #require(Gzip.compress([]))) == [])
    }

    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("br, gzip;q=0.5", true), ("*", true),
        ("gzip;q=0", false), ("gzip; q=0.000", false), ("*;q=0", false), ("identity", false), ("br", false),
        ("*, gzip;q=0", false), ("deflate, *;q=0.1", true), ("", false),
    ])
    func acceptEncoding(_ header: String, _ accepted: Bool) {
        #expect(Gzip.isAccepted(by: header) == accepted, "\(header)")
    }

    @Test func compressibleTypes() {
        #expect(Gzip.isCompressible("text/html; charset=utf-8"))
        #expect(Gzip.isCompressible("image/svg+xml; charset=utf-8"))
        #expect(Gzip.isCompressible("application/json"))
        #expect(!Gzip.isCompressible("image/png"))
        #expect(!Gzip.isCompressible("font/woff2"))
    }
}

@Suite struct HTTPDateTests {
    @Test func formatsAndParsesIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        for t: Int64 in [951_782_400, 1_795_946_400, 4_102_444_799] {   // 2000-02-29, 2026-11-29, 2099-12-31
            #expect(HTTPDate.parse(HTTPDate.format(t)) == t)
        }
    }

    @Test(arguments: ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 31 Feb 1994 08:49:37 GMT",
                      "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC", "", "garbage"])
    func refusesOtherForms(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}

@Suite struct RepresentationTests {
    let page = Array(String(repeating: "<p>Herald — Геральд — 先驱报</p>\n", count: 100).utf8)

    func representation() -> Representation {
        Representation(headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public, max-age=30")],
                       body: page, lastModified: 1_795_946_400)
    }

    func get(_ r: Representation, _ headers: [(name: String, value: String)] = []) -> Response {
        r.response(to: Request(target: "/en/", headers: headers)!)
    }

    @Test func plainAndGzipFormsHaveTheirOwnStrongValidators() throws {
        let r = representation()
        let plain = get(r)
        #expect(plain.status == 200)
        #expect(plain.body == page)
        #expect(plain.header("ETag") == r.etag)
        #expect(r.etag.hasPrefix("\"") && !r.etag.hasPrefix("W/"))
        #expect(plain.header("Vary") == "Accept-Encoding")
        #expect(plain.header("Content-Encoding") == nil)
        #expect(plain.header("Last-Modified") == "Sun, 29 Nov 2026 10:00:00 GMT")
        #expect(plain.header("Cache-Control") == "public, max-age=30")
        let packed = get(r, [("Accept-Encoding", "gzip, deflate, br")])
        #expect(packed.header("Content-Encoding") == "gzip")
        #expect(packed.header("Vary") == "Accept-Encoding")
        #expect(packed.header("ETag") != r.etag)
        #expect(gunzip(packed.body) == page)
    }

    @Test func conditionalRequestsGet304() {
        let r = representation()
        let etag = r.etag
        for condition in [etag, "W/" + etag, "\"other\", " + etag, "*"] {
            let answer = get(r, [("If-None-Match", condition)])
            #expect(answer.status == 304, "\(condition)")
            #expect(answer.body.isEmpty)
            #expect(answer.header("ETag") == etag)
            #expect(answer.header("Cache-Control") == "public, max-age=30")
        }
        #expect(get(r, [("If-None-Match", "\"other\"")]).status == 200)
        // The gzip form's validator is its own.
        #expect(get(r, [("If-None-Match", etag), ("Accept-Encoding", "gzip")]).status == 200)
        let gzipTag = get(r, [("Accept-Encoding", "gzip")]).header("ETag")!
        #expect(get(r, [("If-None-Match", gzipTag), ("Accept-Encoding", "gzip")]).status == 304)
        // If-Modified-Since, only without If-None-Match.
        #expect(get(r, [("If-Modified-Since", "Sun, 29 Nov 2026 10:00:00 GMT")]).status == 304)
        #expect(get(r, [("If-Modified-Since", "Sun, 29 Nov 2026 09:59:59 GMT")]).status == 200)
        #expect(get(r, [("If-Modified-Since", "Sun, 29 Nov 2026 11:00:00 GMT"), ("If-None-Match", "\"other\"")]).status == 200)
        #expect(get(r, [("If-Modified-Since", "yesterday")]).status == 200)
    }

    @Test func smallOrIncompressibleBodiesHaveNoGzipForm() {
        let small = Representation(headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("ok\n".utf8),
                                   lastModified: nil)
        #expect(small.response(to: Request(target: "/", headers: [("Accept-Encoding", "gzip")])!).header("Content-Encoding") == nil)
        let image = Representation(headers: [("Content-Type", "image/png")], body: [UInt8](repeating: 7, count: 4096),
                                   lastModified: nil)
        let answer = image.response(to: Request(target: "/", headers: [("Accept-Encoding", "gzip")])!)
        #expect(answer.header("Content-Encoding") == nil)
        #expect(answer.header("Vary") == nil)
        #expect(answer.header("Last-Modified") == nil)
    }

    @Test func aChangedPreparedResponseBecomesACopy() {
        var answer = get(representation())
        #expect(answer.prepared != nil)
        answer.setHeader("Connection", "close")
        #expect(answer.prepared == nil)
        #expect(answer.body == page)
        #expect(answer.header("Connection") == "close")
    }

    @Test func contentHashIsStableAndSensitive() {
        #expect(ContentHash.hex(page) == ContentHash.hex(Array(page)))
        #expect(ContentHash.hex(page).count == 16)
        var changed = page
        changed[changed.count / 2] ^= 1
        #expect(ContentHash.hex(changed) != ContentHash.hex(page))
        #expect(ContentHash.hex(Array(page.dropLast())) != ContentHash.hex(page))
        #expect(ContentHash.hex([UInt8]()) != ContentHash.hex([0]))
        // One flipped bit anywhere — in each of the four lanes, the eight-byte steps after them and
        // the tail — gives a different fingerprint each time.
        let base = [UInt8](repeating: 0x61, count: 77)
        var seen: Set<UInt64> = [ContentHash.of(base)]
        for index in base.indices {
            var flipped = base
            flipped[index] ^= 0x10
            seen.insert(ContentHash.of(flipped))
        }
        #expect(seen.count == base.count + 1)
    }
}

@Suite struct StaticCachingTests {
    @Test func hashedNamesAreImmutableAndPlainNamesShortLived() throws {
        let root = NSTemporaryDirectory() + "static-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/css", withIntermediateDirectories: true)
        let css = String(repeating: "body { margin: 0; color: #222; }\n", count: 40)
        try css.write(toFile: root + "/css/site.css", atomically: true, encoding: .utf8)
        try "User-agent: *\n".write(toFile: root + "/robots.txt", atomically: true, encoding: .utf8)
        let files = try StaticFiles(root: root)
        let url = files.url("css/site.css")
        #expect(url.hasPrefix("/static/css/site.") && url.hasSuffix(".css") && url.count == "/static/css/site..css".count + 16)
        let hashed = String(url.dropFirst("/static/".count))
        let request = Request(target: "/", headers: [("Accept-Encoding", "gzip")])!
        let immutable = try #require(files.response(for: hashed, request: request))
        #expect(immutable.header("Cache-Control") == StaticFiles.hashedCacheControl)
        #expect(immutable.header("Content-Encoding") == "gzip")
        #expect(gunzip(immutable.body) == Array(css.utf8))
        let plain = try #require(files.response(for: "css/site.css", request: Request(target: "/")!))
        #expect(plain.header("Cache-Control") == StaticFiles.plainCacheControl)
        #expect(plain.body == Array(css.utf8))
        let revalidated = files.response(for: "css/site.css", request: Request(target: "/", headers: [("If-None-Match", plain.header("ETag")!)])!)
        #expect(revalidated?.status == 304)
        #expect(files.url("robots.txt").hasPrefix("/static/robots."))
        #expect(files.url("missing.css") == "/static/missing.css")
        #expect(files.count == 2)
    }
}
