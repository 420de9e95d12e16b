import Edge
import Foundation
import GRDB
import HeraldApp
import HTTPServer
import NewsCore
import NewsStore
import ReaderSite
import Testing
import TestSupport

/// Two real `varnishd` on loopback with the shipped VCL in front of a real Herald: pages MISS then
/// HIT; a correction made by `herald import` in another process is visible through both within a
/// second while unrelated pages stay HIT; a node stopped during corrections serves none of them
/// stale once it runs again; a purge without the secret is refused.
@Suite(.serialized) final class EdgeTests {
    static let secret = "edge-test-secret-0123456789"

    /// A varnishd started as a daemon (its process group is stopped, resumed and killed by the
    /// test; Foundation's Process would keep waiting on a long-running child).
    final class Node {
        let port: Int
        let directory: String
        let pid: pid_t

        init(vcl: String, port: Int) throws {
            self.port = port
            directory = NSTemporaryDirectory() + "herald-varnish-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let file = directory + "/herald.vcl"
            try vcl.write(toFile: file, atomically: true, encoding: .utf8)
            let start = Process()
            start.executableURL = URL(fileURLWithPath: "/usr/sbin/varnishd")
            start.arguments = ["-j", "none", "-a", "127.0.0.1:\(port)", "-f", file, "-s", "malloc,32m", "-n", directory + "/n",
                               "-P", directory + "/pid"]
            start.standardOutput = FileHandle.nullDevice
            start.standardError = FileHandle.nullDevice
            try start.run()
            start.waitUntilExit()
            guard start.terminationStatus == 0,
                  let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw EdgeError("varnishd did not start") }
            self.pid = pid
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if (try? RawHTTPConnection(port: port).get("/healthz").status) == 200 { return }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw EdgeError("varnishd on \(port) did not answer")
        }

        func get(_ path: String) throws -> RawHTTPConnection.Reply { try RawHTTPConnection(port: port).get(path) }

        /// Stops or resumes the node's processes (SIGSTOP, SIGCONT).
        func signal(_ number: Int32) {
            kill(-pid, number)
            kill(pid, number)
        }

        deinit {
            // The manager and the cache process it forked.
            let children = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { entry -> pid_t? in
                guard let child = pid_t(entry), let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                      status.contains("\nPPid:\t\(pid)\n") else { return nil }
                return child
            } ?? []
            for process in [pid] + children {
                kill(process, SIGCONT)
                kill(process, SIGKILL)
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    struct EdgeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A loopback port nothing listens on now (the OS picks it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw EdgeError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    let app: Application
    let nodes: [Node]
    let databasePath: String

    init() throws {
        databasePath = try Fixtures.demoDatabase().path
        let ports = [try Self.freePort(), try Self.freePort()]
        var configuration = Fixtures.configuration(databasePath, site: SiteConfiguration(refreshInterval: 0.05, pageCacheBytes: 8 << 20))
        configuration.purgeNodes = ports.map { "http://127.0.0.1:\($0)" }
        configuration.purgeSecret = Self.secret
        app = try buildApplication(configuration, logger: Fixtures.logger)
        try app.start()
        let vcl = VCL.text(origin: "127.0.0.1:\(app.readerServer.port)", secret: Self.secret)
        nodes = try ports.map { try Node(vcl: vcl, port: $0) }
        // A node seen for the first time is purged of everything once: let that land first.
        let deadline = Date().addingTimeInterval(15)
        while app.purger!.delivered.contains(0) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }

    deinit { app.stop() }

    /// An English article of the demo and its line in the import format, to correct from another process.
    func article() throws -> (path: String, line: [String: Any]) {
        let row = try #require(try app.database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id, a.slug, s.path FROM articles a JOIN sections s ON s.id = a.section_id
                WHERE a.edition_code = 'en' AND a.status = 'published' ORDER BY a.id LIMIT 1
                """)
        })
        let id: Int64 = row[0], slug: String = row[1], section: String = row[2]
        let demo = try String(contentsOfFile: Fixtures.root + "/demo/articles-single.jsonl", encoding: .utf8)
            + String(contentsOfFile: Fixtures.root + "/demo/articles-stories-a.jsonl", encoding: .utf8)
            + String(contentsOfFile: Fixtures.root + "/demo/articles-stories-b.jsonl", encoding: .utf8)
        let line = try #require(demo.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.first { ($0["edition"] as? String) == "en" && ($0["slug"] as? String) == slug })
        return ("/en/\(section)/\(id)-\(slug)", line)
    }

    /// Re-imports the article with a new headline from another process, as an agency feed would.
    func correct(_ line: [String: Any], title: String) throws {
        var changed = line
        changed["title"] = title
        let file = NSTemporaryDirectory() + "herald-edge-\(UUID().uuidString).jsonl"
        try JSONSerialization.data(withJSONObject: changed).write(to: URL(fileURLWithPath: file))
        let result = try Herald.runBare(["import", file, "--db", databasePath, "--migrations", Fixtures.root + "/migrations"], environment: [:])
        try #require(result.0 == 0, "import: \(result.2)")
    }

    /// Seconds until `path` shows `text` on every node (nil past `limit`).
    func visible(_ text: String, _ path: String, limit: TimeInterval = 1) throws -> TimeInterval? {
        let started = Date()
        while Date().timeIntervalSince(started) < limit {
            if try nodes.allSatisfy({ try $0.get(path).text.contains(text) }) { return Date().timeIntervalSince(started) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    @Test func pagesCarryTheirKeysAndAreHitsAtTheEdge() throws {
        let (path, _) = try article()
        let direct = try RawHTTPConnection(port: app.readerServer.port).get(path)
        let keys = try #require(direct.headers["xkey"])
        #expect(keys.split(separator: " ").contains("*") && keys.contains("article:") && keys.contains("header") && keys.contains("popular:en"))
        #expect(direct.headers["surrogate-key"] == keys)
        #expect(direct.headers["cache-control"]?.contains("s-maxage=") == true && direct.headers["surrogate-control"]?.contains("max-age=") == true)
        for node in nodes {
            let first = try node.get(path), second = try node.get(path)
            #expect(first.status == 200 && first.headers["x-edge"] == "MISS")
            #expect(second.status == 200 && second.headers["x-edge"] == "HIT")
            #expect(second.headers["xkey"] == nil && second.headers["surrogate-control"] == nil, "the edge's headers stop at the edge")
            #expect(second.headers["cache-control"]?.contains("s-maxage") == false && second.headers["cache-control"]?.contains("max-age=30") == true)
            // Each reader's answer carries the node's own transaction id, a hit's too.
            let ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
            #expect(ids.allSatisfy { $0?.wholeMatch(of: /varnish-[0-9]+/) != nil } && ids[0] != ids[1])
        }
        let refused = try RawHTTPConnection(port: nodes[0].port).get("/", method: "PURGE", headers: ["xkey-purge: *"])
        #expect(refused.status == 403, "a purge without the secret")
        let forged = try RawHTTPConnection(port: nodes[0].port).get("/", method: "PURGE", headers: ["xkey-purge: *", "X-Herald-Purge-Secret: guess"])
        #expect(forged.status == 403)
        #expect(try nodes[0].get(path).headers["x-edge"] == "HIT", "still cached")
    }

    @Test func aCorrectionFromAnotherProcessReachesEveryNodeWithinASecond() throws {
        let (path, line) = try article()
        let unrelated = try #require(try app.database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id, a.slug, s.path FROM articles a JOIN sections s ON s.id = a.section_id
                WHERE a.edition_code = 'ru' AND a.status = 'published'
                  AND a.story_id NOT IN (SELECT story_id FROM articles WHERE edition_code = 'en') ORDER BY a.id LIMIT 1
                """).map { "/ru/\($0[2] as String)/\($0[0] as Int64)-\($0[1] as String)" }
        })
        for node in nodes { _ = try node.get(path); _ = try node.get(unrelated) }
        #expect(try nodes.allSatisfy { try $0.get(path).headers["x-edge"] == "HIT" })
        try correct(line, title: "Corrected at the edge, first time")
        let seconds = try visible("Corrected at the edge, first time", path)
        #expect(seconds != nil, "visible through both nodes within 1 s")
        #expect(try nodes.allSatisfy { try $0.get(unrelated).headers["x-edge"] == "HIT" }, "an unrelated page stays cached")
    }

    @Test func everyReadThroughTheEdgeIsCountedOnceByItsBeacon() throws {
        let (path, _) = try article()
        let id = try #require(Int64(path.split(separator: "/").last!.split(separator: "-").first!))
        let page = try nodes[0].get(path).text
        #expect(page.contains("<img class=\"beacon\" src=\"/views/\(id).gif\""))
        app.reader.views.flush()
        let before = try ViewRepository(app.database).totalViews(articleID: id)
        // Ten readers through the two nodes (one MISS each, then HITs), each browser loading the beacon.
        for index in 0..<10 {
            let node = nodes[index % 2]
            #expect(try node.get(path).status == 200)
            let beacon = try node.get("/views/\(id).gif")
            #expect(beacon.status == 200 && beacon.headers["content-type"] == "image/gif" && beacon.headers["x-edge"] == "MISS")
        }
        // And one reader straight at Herald: the page counts, its beacon does not.
        let origin = app.readerServer.port
        #expect(try RawHTTPConnection(port: origin).get(path).status == 200)
        #expect(try RawHTTPConnection(port: origin).get("/views/\(id).gif").status == 200)
        // A beacon claiming to come from the edge, from elsewhere, or for no article: nothing.
        _ = try RawHTTPConnection(port: origin, source: "127.0.0.5").get("/views/\(id).gif", headers: ["X-Herald-Edge: 1"])
        #expect(try nodes[0].get("/views/999999999.gif").status == 200)
        #expect(try nodes[0].get("/views/0012.gif").status == 404)
        Thread.sleep(forTimeInterval: 0.2)
        app.reader.views.flush()
        #expect(try ViewRepository(app.database).totalViews(articleID: id) - before == 11, "every read once, exactly")
    }

    @Test func aNewPopularRankingPurgesOnlyItsFragments() throws {
        let (path, _) = try article()
        let id = try #require(Int64(path.split(separator: "/").last!.split(separator: "-").first!))
        let (other, headline) = try #require(try app.database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, title FROM articles WHERE edition_code = 'en' AND status = 'published' AND id <> ? ORDER BY id DESC LIMIT 1
                """, arguments: [id]).map { ($0[0] as Int64, $0[1] as String) }
        })
        // The headline's first words (no character HTML escapes).
        let title = String(headline.prefix { $0.isLetter || $0.isNumber || $0 == " " })
        #expect(title.count >= 8)
        func popular(_ text: String) -> String {
            guard let start = text.range(of: "<aside class=\"popular\""), let end = text.range(of: "</aside>", range: start.upperBound..<text.endIndex)
            else { return "" }
            return String(text[start.lowerBound..<end.upperBound])
        }
        _ = try nodes[0].get(path)
        let cached = try nodes[0].get(path)
        #expect(cached.headers["x-edge"] == "HIT" && !popular(cached.text).isEmpty, "the page, with Popular put in by the node")
        #expect(!cached.text.contains("esi:include"))
        let direct = try RawHTTPConnection(port: app.readerServer.port).get(path)
        #expect(!direct.text.contains("esi:include") && direct.headers["xkey"]?.contains("popular:en") == true, "readers of Herald itself get the list inline")
        // A new ranking: the article read most becomes first; the page stays a HIT, its Popular is new.
        for _ in 0..<5000 { app.reader.views.record(other) }
        app.reader.views.flush()
        let moved = try app.reader.state.recomputePopular()
        #expect(moved.keys.contains(.popular("en")))
        try app.database.write { db in try ChangeLog.record(moved, at: Int64(Date().timeIntervalSince1970), db) }
        let started = Date()
        var page = try nodes[0].get(path)
        while !popular(page.text).contains(title) && Date().timeIntervalSince(started) < 2 {
            Thread.sleep(forTimeInterval: 0.05)
            page = try nodes[0].get(path)
        }
        #expect(popular(page.text).contains(title), "the new ranking is shown")
        #expect(page.headers["x-edge"] == "HIT", "the page itself was not purged: only its fragment")
    }

    @Test func aNodeThatWasStoppedGetsEveryPurgeItMissed() throws {
        let (path, line) = try article()
        for node in nodes { _ = try node.get(path); _ = try node.get(path) }
        let stopped = nodes[1]
        stopped.signal(SIGSTOP)
        for round in 1...3 { try correct(line, title: "Correction \(round) while a node slept") }
        let running = Date()
        while try !nodes[0].get(path).text.contains("Correction 3 while a node slept"), Date().timeIntervalSince(running) < 2 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(try nodes[0].get(path).text.contains("Correction 3 while a node slept"), "the running node has them")
        Thread.sleep(forTimeInterval: 1)
        stopped.signal(SIGCONT)
        let seconds = try visible("Correction 3 while a node slept", path)
        #expect(seconds != nil, "none stale within 1 s of SIGCONT")
    }
}

/// The shipped VCL, the purge node addresses, batching and the change-log cursors.
@Suite struct EdgeConfigurationTests {
    @Test func theShippedVCLIsTheCommandsOutputAndVarnishCompilesIt() throws {
        let printed = try Herald.runBare(["edge", "vcl"], environment: [:])
        #expect(printed.0 == 0)
        let shipped = try String(contentsOfFile: Fixtures.root + "/deploy/varnish/herald.vcl", encoding: .utf8)
        #expect(printed.1 == shipped, "deploy/varnish/herald.vcl is `herald edge vcl` for the defaults: regenerate it")
        let custom = try Herald.runBare(["edge", "vcl", "--origin", "10.0.0.5:8080", "--purge-secret", "a-long-enough-secret-1", "--purger", "10.0.0.5"],
                                        environment: [:])
        #expect(custom.0 == 0 && custom.1.contains(".host = \"10.0.0.5\";") && custom.1.contains("\"a-long-enough-secret-1\"")
                && custom.1.contains("\"10.0.0.5\";"))
        #expect(try Herald.runBare(["edge", "vcl", "--purge-secret", "short"], environment: [:]).0 != 0)
        #expect(try Herald.runBare(["edge", "vcl", "--purge-secret", "has \"quotes\" inside it"], environment: [:]).0 != 0)
        #expect(try Herald.runBare(["edge", "vcl", "--origin", "nowhere"], environment: [:]).0 != 0)
        let directory = NSTemporaryDirectory() + "herald-vcl-\(UUID().uuidString)"
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: "/usr/sbin/varnishd")
        compile.arguments = ["-C", "-j", "none", "-f", Fixtures.root + "/deploy/varnish/herald.vcl", "-n", directory]
        compile.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        compile.standardError = errors
        try compile.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compile.waitUntilExit()
        #expect(compile.terminationStatus == 0, "varnishd -C: \(message.prefix(500))")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func purgeNodesAndBatches() {
        #expect(PurgeNode(url: "http://127.0.0.1:6081")?.description == "http://127.0.0.1:6081")
        #expect(PurgeNode(url: "http://cache-1.example.kz/")?.port == 80)
        #expect(PurgeNode(url: "http://[::1]:6081")?.description == "http://[::1]:6081")
        for bad in ["https://x:1", "http://", "http://x:0", "http://x:99999", "ftp://x", "http://a b:1", "http://x:1:2"] {
            #expect(PurgeNode(url: bad) == nil, "\(bad)")
        }
        let keys = (1...2000).map { "article:\($0)" }
        let requests = Purger.requests(PurgeBatch(lastID: 9, keys: keys, everything: false), headerBytes: 6000)
        #expect(requests.count > 1 && requests.allSatisfy { $0.utf8.count <= 6000 })
        #expect(requests.joined(separator: " ").split(separator: " ").map(String.init) == keys, "every key, in order, once")
        #expect(Purger.requests(PurgeBatch(lastID: 9, keys: [], everything: true), headerBytes: 6000) == ["*"])
    }

    @Test func cursorsFollowTheChangeLogAndFallBackToEverything() throws {
        let database = try Fixtures.database()
        let cursors = PurgeCursors(database)
        func record(_ keys: [CacheKey]) throws { try database.write { db in try ChangeLog.record(ChangeSet(keys), at: 1, db) } }
        try record([.article(1)])
        #expect(try cursors.pending(node: "a")?.everything == true, "a node seen for the first time gets everything once")
        try cursors.delivered(node: "a", through: try #require(try cursors.pending(node: "a")).lastID)
        #expect(try cursors.pending(node: "a") == nil)
        try record([.article(2), .tag("en", "budget")])
        try record([.article(3)])
        let batch = try #require(try cursors.pending(node: "a"))
        #expect(!batch.everything && batch.keys == ["article:2", "article:3", "tag:en:budget"])
        #expect(try cursors.backlog(node: "a") == 2)
        try cursors.delivered(node: "a", through: batch.lastID)
        try cursors.delivered(node: "a", through: 1)
        #expect(try cursors.pending(node: "a") == nil, "a cursor never goes back")
        for id in 4...10 { try record([.article(Int64(id))]) }
        #expect(try cursors.pending(node: "a", maxChanges: 5)?.everything == true, "a backlog past the bound is one purge of everything")
        // Rows the node never got were pruned: what they named is unknown.
        try database.write { db in try db.execute(sql: "DELETE FROM changes WHERE id < (SELECT MAX(id) FROM changes)") }
        #expect(try cursors.pending(node: "a")?.everything == true)
    }
}

/// `kill -9` of `herald serve` while a node cannot take purges (stopped with SIGSTOP): after the
/// restart the node gets them — the cursor moves only when a node has taken a purge.
@Suite(.serialized) struct EdgeRestartTests {
    @Test func purgesPendingAtAKillAreDeliveredAfterTheRestart() throws {
        let database = try Fixtures.demoDatabase()
        let path = database.path
        let row = try #require(try database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id, a.slug, s.path FROM articles a JOIN sections s ON s.id = a.section_id
                WHERE a.edition_code = 'en' AND a.status = 'published' ORDER BY a.id LIMIT 1
                """)
        })
        let page = "/en/\(row[2] as String)/\(row[0] as Int64)-\(row[1] as String)"
        let slug: String = row[1]
        let origin = try EdgeTests.freePort()
        let ports = [try EdgeTests.freePort(), try EdgeTests.freePort()]
        let vcl = VCL.text(origin: "127.0.0.1:\(origin)", secret: EdgeTests.secret)
        func serve() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Herald.binary)
            process.arguments = ["serve", "--db", path, "--migrations", Fixtures.root + "/migrations", "--public", Fixtures.root + "/Public",
                                 "--no-demo", "--no-newsroom", "--no-access-log", "--port", String(origin), "--purge-secret", EdgeTests.secret]
                + ports.flatMap { ["--purge-node", "http://127.0.0.1:\($0)"] }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, (try? RawHTTPConnection(port: origin).get("/healthz").status) != 200 { Thread.sleep(forTimeInterval: 0.05) }
            return process
        }
        func cursors() throws -> Int { try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purge_cursors") ?? 0 } }
        func waitFor(_ limit: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
            let started = Date()
            while Date().timeIntervalSince(started) < limit {
                if try condition() { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return try condition()
        }
        let first = try serve()
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() } }
        let nodes = try ports.map { try EdgeTests.Node(vcl: vcl, port: $0) }
        #expect(try waitFor(15) { try cursors() == 2 }, "both nodes took their first purge")
        for node in nodes { _ = try node.get(page) }
        #expect(try nodes.allSatisfy { try $0.get(page).headers["x-edge"] == "HIT" })

        nodes[1].signal(SIGSTOP)
        let demo = try ["articles-single.jsonl", "articles-stories-a.jsonl", "articles-stories-b.jsonl"].map {
            try String(contentsOfFile: Fixtures.root + "/demo/" + $0, encoding: .utf8)
        }.joined(separator: "\n")
        var line = try #require(demo.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { ($0["edition"] as? String) == "en" && ($0["slug"] as? String) == slug })
        line["title"] = "Corrected before the crash"
        let file = NSTemporaryDirectory() + "herald-restart-\(UUID().uuidString).jsonl"
        try JSONSerialization.data(withJSONObject: line).write(to: URL(fileURLWithPath: file))
        #expect(try Herald.runBare(["import", file, "--db", path, "--migrations", Fixtures.root + "/migrations"], environment: [:]).0 == 0)
        #expect(try waitFor(2) { try nodes[0].get(page).text.contains("Corrected before the crash") }, "the running node has it")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        nodes[1].signal(SIGCONT)
        #expect(try !nodes[1].get(page).text.contains("Corrected before the crash"), "its purge was still pending at the kill")

        let second = try serve()
        defer { second.terminate(); second.waitUntilExit() }
        #expect(try waitFor(3) { try nodes[1].get(page).text.contains("Corrected before the crash") }, "delivered after the restart")
    }
}
