import Foundation
import Testing
@testable import HTTPServer

/// The access log's three formats, its escaping, and its writer: every line written once and
/// whole, on stop too, into the file opened again after a rotation, with memory bounded.
@Suite struct AccessLogTests {
    static func request(_ target: String = "/en/politics/12-budget?page=2", status: Int = 200, id: String = "5f3a9c1e0000002a",
                        agent: String? = "Mozilla/5.0 (X11)", referer: String? = nil, delivered: Bool = true) -> CompletedRequest {
        CompletedRequest(server: "reader", method: "GET", target: target, version: "HTTP/1.1", status: status, bytes: 17342,
                         nanoseconds: 412_345, route: RouteName("/:edition/*section/:article"), requestID: id, client: ClientAddress("203.0.113.9")!,
                         referer: referer, userAgent: agent, startedAt: 1_796_181_114.123, delivered: delivered)
    }

    @Test func heraldsOwnLine() {
        #expect(AccessLogLine.text(Self.request(), format: .herald)
                == "2026-12-02T03:11:54.123Z reader GET /en/politics/12-budget?page=2 200 17342B 0.412ms id=5f3a9c1e0000002a\n")
        #expect(AccessLogLine.text(Self.request(delivered: false), format: .herald).hasSuffix(" incomplete\n"))
    }

    @Test func combinedAsApacheAndNginxWriteIt() throws {
        let line = AccessLogLine.text(Self.request(referer: "https://example.kz/"), format: .combined)
        #expect(line == "203.0.113.9 - - [02/Dec/2026:03:11:54 +0000] \"GET /en/politics/12-budget?page=2 HTTP/1.1\" 200 17342 "
                + "\"https://example.kz/\" \"Mozilla/5.0 (X11)\" \"5f3a9c1e0000002a\"\n")
        #expect(AccessLogLine.text(Self.request(agent: nil), format: .combined).contains("\"-\" \"-\" \"5f3a"))
        // The combined pattern log readers use (GoAccess's COMBINED, AWStats' LogFormat=1).
        let pattern = /^(\S+) - - \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)" "([^"]*)"\n$/
        let hostile = Self.request("/en/search?q=\"a\\b\"\u{1}\nforged", agent: "evil\" \"agent\r\n127.0.0.1 - - [x]")
        let match = try #require(AccessLogLine.text(hostile, format: .combined).wholeMatch(of: pattern))
        #expect(match.4 == "/en/search?q=\\\"a\\\\b\\\"\\x01\\x0aforged")
        #expect(match.9 == "evil\\\" \\\"agent\\x0d\\x0a127.0.0.1 - - [x]")
    }

    @Test func jsonLinesParseWithEveryField() throws {
        let hostile = Self.request("/en/search?q=\"\u{7}\\ é 中", agent: nil)
        let line = AccessLogLine.text(hostile, format: .json)
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["target"] as? String == "/en/search?q=\"\u{7}\\ é 中")
        #expect(object["time"] as? String == "2026-12-02T03:11:54.123Z")
        #expect(object["status"] as? Int == 200 && object["bytes"] as? Int == 17342)
        #expect(object["duration_ms"] as? Double == 0.412)
        #expect(object["request_id"] as? String == "5f3a9c1e0000002a")
        #expect(object["route"] as? String == "/:edition/*section/:article")
        #expect(object["user_agent"] is NSNull && object["referer"] is NSNull)
        #expect(object["complete"] as? Bool == true && object["client"] as? String == "203.0.113.9")
    }

    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "herald-access-\(UUID().uuidString).log"
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func everyLineIsWrittenWholeByStopFromManyThreads() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let log = try AccessLog(format: .json, path: path)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<2_000 { log.requestCompleted(Self.request(id: "t\(thread)-\(index)")) }
        }
        log.stop()
        let written = Self.lines(path)
        #expect(written.count == 16_000)
        let ids = Set(written.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["request_id"] as? String
        })
        #expect(ids.count == 16_000)   // every line parses: none interleaved, none lost
    }

    @Test func reopenAfterARotationWritesToTheNewFile() throws {
        let path = Self.temporaryPath()
        defer { unlink(path); unlink(path + ".1") }
        let log = try AccessLog(format: .herald, path: path)
        log.requestCompleted(Self.request(id: "before"))
        let deadline = Date().addingTimeInterval(5)
        while log.linesWritten < 1 && Date() < deadline { usleep(10_000) }
        #expect(rename(path, path + ".1") == 0)   // logrotate moves the file…
        log.requestCompleted(Self.request(id: "moved"))   // …a line may still reach the old one…
        while log.linesWritten < 2 && Date() < deadline { usleep(10_000) }
        log.reopen()                               // …until the SIGHUP
        usleep(200_000)
        log.requestCompleted(Self.request(id: "after"))
        log.stop()
        #expect(Self.lines(path + ".1").map { $0.components(separatedBy: "id=").last! } == ["before", "moved"])
        #expect(Self.lines(path).map { $0.components(separatedBy: "id=").last! } == ["after"])
    }

    @Test func aWriterThatFallsBehindDropsAndSaysHowManyInsteadOfGrowing() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let log = try AccessLog(format: .herald, path: path, maxPending: 100)
        for index in 0..<5_000 { log.requestCompleted(Self.request(id: "\(index)")) }
        log.stop()
        let written = Self.lines(path)
        let requests = written.filter { $0.contains(" id=") }.count
        let dropped = written.compactMap { line -> Int? in
            guard let match = line.firstMatch(of: /access log: (\d+) requests not logged/) else { return nil }
            return Int(match.1)
        }.reduce(0, +)
        #expect(dropped > 0)
        #expect(requests + dropped == 5_000)
    }

    @Test func aFileThatCannotBeOpenedIsAnErrorNamingIt() {
        do {
            _ = try AccessLog(format: .herald, path: "/nonexistent-dir/herald.log")
            Issue.record("opened a file in a directory that does not exist")
        } catch {
            #expect("\(error)".contains("/nonexistent-dir/herald.log") && "\(error)".contains("No such file"))
        }
    }

    @Test func requestIDs() {
        let a = RequestID.next(), b = RequestID.next()
        #expect(a != b && a.count == 16 && b.count == 16)
        #expect(RequestID.accepted("edge-42.a:b_c") == "edge-42.a:b_c")
        #expect(RequestID.accepted("with space") == nil && RequestID.accepted("") == nil && RequestID.accepted(nil) == nil)
        #expect(RequestID.accepted(String(repeating: "a", count: 65)) == nil)
        #expect(RequestID.accepted("a\"b") == nil && RequestID.accepted("é") == nil)
    }
}
