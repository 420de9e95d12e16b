import Foundation
import Synchronization
import GRDB
@testable import HeraldAPI
import HeraldCrypto
import HeraldSupport
import HTTPServer
import Media
import NewsCore
import NewsStore
import Newsroom
import Testing
import TestSupport

/// Ingest from agency systems: tokens from the command line, `POST /api/v1/ingest` with ninjs
/// items over a real socket on the newsroom's port, through the named editorial writes.
@Suite(.serialized) struct IngestTests {
    let server: NewsroomServer
    let token = "herald_test-token-for-the-wire-service-0123456789"
    init() throws {
        // The fixtures' pictures are on hosts that do not exist: linked here, fetched in the photo test.
        var newsroom = NewsroomConfiguration()
        newsroom.ingestPhotos = .link
        server = try NewsroomServer(newsroom: newsroom)
        try TokenRepository(server.database).add(name: "wire", scope: .ingest, editions: ["en", "ru"], sectionPath: "business",
                                                 tokenHash: Tokens.sha256(token), by: .system("test"))
    }

    static func fixture(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/Tests/Fixtures/ninjs/" + name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func post(_ item: Any, token: String? = nil, type: String = "application/json", path: String = "/api/v1/ingest") throws -> (RawHTTPConnection.Reply, [String: Any]) {
        let bytes = item is [UInt8] ? item as! [UInt8] : Array(try JSONSerialization.data(withJSONObject: item))
        return try post(bytes: bytes, token: token ?? self.token, type: type, path: path)
    }

    func post(bytes: [UInt8], token: String?, type: String, path: String = "/api/v1/ingest") throws -> (RawHTTPConnection.Reply, [String: Any]) {
        let connection = try RawHTTPConnection(port: server.port)
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(type)\r\nContent-Length: \(bytes.count)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        connection.send(head + "\r\n")
        connection.send(bytes: bytes)
        let reply = try connection.read()
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
        return (reply, object)
    }

    func article(_ id: Int64) throws -> Row {
        try server.database.pool.read { db in
            try #require(try Row.fetchOne(db, sql: """
                SELECT a.title, a.lead, a.body_source, CAST(a.body_html AS TEXT) AS html, a.state, a.status, a.photo, a.photo_caption,
                  a.photo_credit, a.photo_alt, a.bylines, a.dateline, a.slug, s.path AS section, a.edition_code, a.updated_at,
                  (SELECT group_concat(t.slug || '=' || t.name, ',') FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id) AS tags
                FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = ?
                """, arguments: [id]))
        }
    }

    func audit(_ id: Int64) throws -> [String] {
        try server.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT actor || ' ' || action FROM audit_log WHERE object_type = 'article' AND object_id = ? ORDER BY id",
                                arguments: [String(id)])
        }
    }

    @Test func aNinjs2ItemBecomesAPublishedArticleThroughTheEditorialWrites() throws {
        let (reply, body) = try post(try Self.fixture("text-2.0.json"))
        #expect(reply.status == 201, "\(reply.text)")
        #expect(body["result"] as? String == "created" && body["state"] as? String == "published" && body["edition"] as? String == "en")
        let id = try #require((body["article_id"] as? NSNumber)?.int64Value)
        #expect(reply.headers["location"] == "/articles/\(id)" && body["version"] as? String == "1")
        let row = try article(id)
        #expect(row["title"] as String == "Mazhilis passes the 2027 budget after a long night", "the main headline")
        #expect(row["lead"] as String == "Deputies approved spending on pensions and roads.", "the summary, not the internal description")
        #expect(row["section"] as String == "business" && row["edition_code"] as String == "en" && row["slug"] as String == "budget-passed")
        #expect(row["dateline"] as String == "ASTANA" && row["bylines"] as String == "Dana Ospanova\nArman Seitkali")
        #expect(row["tags"] as String == "budget=Budget,mazhilis=Mazhilis", "subjects, once each, with their names")
        #expect(row["photo"] as String == "https://photos.agency.example.kz/budget-2000.jpg", "the widest image rendition of featuremedia")
        #expect(row["photo_caption"] as String == "Deputies vote on the budget in Astana." && row["photo_credit"] as String == "Photo: Aigerim Sadykova")
        #expect(row["photo_alt"] as String == "A chamber of seated deputies raising cards.")
        // The HTML body went through Markdown: exactly its output, nothing that runs.
        let source: String = row["body_source"], html: String = row["html"]
        #expect(html == Markdown.html(source))
        #expect(html.contains("<p>The <strong>Mazhilis</strong> voted 82 to 9 on <em>Tuesday</em> night.</p>"))
        #expect(html.contains("<h2>What changes</h2>") && html.contains("<ul><li>Pensions rise 8%</li><li>Roads get more</li></ul>"))
        #expect(html.contains("<a href=\"https://agency.example.kz/budget\">Full text</a> and this."))
        for banned in ["<script", "alert", "javascript:", "onerror", "<img"] { #expect(!html.contains(banned), "\(banned) in \(html)") }
        // Revisions and the audit log name the token; readers see it at once, in the API too.
        let revisions = try EditorialRepository(server.database).revisions(of: id)
        #expect(revisions.count == 1 && revisions[0].authorName == "token:wire")
        #expect(try audit(id) == ["token:wire article.create", "token:wire article.publish"])
        let uses = try server.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT action || ' ' || detail FROM audit_log WHERE object_type = 'token' ORDER BY id")
        }
        #expect(uses.last == "ingest.created urn:newsml:agency.example.kz:20261202:budget-passed v1 → article \(id) (published)")
        let api = try RawHTTPConnection(port: server.readerPort).get("/api/v1/articles/\(id)")
        #expect(api.status == 200 && api.text.contains("Mazhilis passes the 2027 budget"))
        let page = try server.reader("/en/business/\(id)-budget-passed")
        #expect(page.status == 200 && page.text.contains("Mazhilis passes the 2027 budget"))
        #expect(try TokenRepository(server.database).all().first?.lastUsedAt != nil)
    }

    @Test func versionsApplyInOrderAndARepeatChangesNothing() throws {
        var item = try Self.fixture("text-2.0.json")
        let (_, created) = try post(item)
        let id = try #require((created["article_id"] as? NSNumber)?.int64Value)
        let (again, same) = try post(item)
        #expect(again.status == 200 && same["result"] as? String == "unchanged" && (same["article_id"] as? NSNumber)?.int64Value == id)
        item["version"] = "3"
        item["headlines"] = [["role": "main", "value": "Budget passed: the corrected figures"]]
        let (updated, body) = try post(item)
        #expect(updated.status == 200 && body["result"] as? String == "updated" && body["state"] as? String == "published", "\(updated.text)")
        #expect(try article(id)["title"] as String == "Budget passed: the corrected figures")
        #expect((try article(id)["updated_at"] as Int64?) != nil, "published changes carry their update time")
        #expect(try server.reader("/en/business/\(id)-budget-passed").text.contains("Budget passed: the corrected figures"))
        // An older version arriving late changes nothing.
        item["version"] = "2"
        item["headlines"] = [["value": "A stale headline"]]
        let (late, lateBody) = try post(item)
        #expect(late.status == 200 && lateBody["result"] as? String == "unchanged" && lateBody["version"] as? String == "3")
        #expect(try article(id)["title"] as String == "Budget passed: the corrected figures")
        #expect(try EditorialRepository(server.database).revisions(of: id).count == 2)
        #expect(try audit(id) == ["token:wire article.create", "token:wire article.publish", "token:wire article.save",
                                  "token:wire article.publish_changes"])
    }

    @Test func aSuperdeskItemWithOneXNamesAndTextThatLooksLikeMarkdown() throws {
        let (reply, body) = try post(try Self.fixture("superdesk-1.x.json"))
        #expect(reply.status == 201 && body["edition"] as? String == "ru", "\(reply.text)")
        let id = try #require((body["article_id"] as? NSNumber)?.int64Value)
        let row = try article(id)
        #expect(row["title"] as String == "Курс тенге укрепился на торгах" && row["lead"] as String == "Биржевой курс на вечерней сессии.")
        #expect(row["slug"] as String == Slug.suggest(from: "Курс тенге укрепился на торгах"))
        #expect(row["tags"] as String == "ekonomika=Экономика,kase=KASE" && row["bylines"] as String == "Айгерим Садыкова")
        #expect(row["photo"] as String == "https://cdn.superdesk.example/original.jpg" && row["photo_alt"] as String == "Электронное табло с курсами валют.")
        #expect(row["photo_caption"] as String == "Табло обменного пункта в Алматы." && row["photo_credit"] as String == "Фото: Арман Сейткали")
        let html: String = row["html"]
        #expect(html == "<p>Курс тенге укрепился до 512 тенге за доллар.</p>\n<p>1. Это не список &amp; не <strong>разметка</strong> **звёзды**.</p>\n")
    }

    @Test func itemsOfOneStoryInTwoLanguagesAreOneStoryAcrossEditions() throws {
        var english = try Self.fixture("text-2.0.json")
        english["altids"] = [["role": "internal", "value": "A123"], ["role": "story", "value": "budget-2027"]]
        var russian = try Self.fixture("superdesk-1.x.json")
        russian["altids"] = [["role": "story", "value": "budget-2027"]]
        let en = try #require((try post(english).1["article_id"] as? NSNumber)?.int64Value)
        let ru = try #require((try post(russian).1["article_id"] as? NSNumber)?.int64Value)
        let stories = try server.database.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT story_id FROM articles WHERE id IN (?, ?)", arguments: [en, ru])
        }
        #expect(stories.count == 2 && stories[0] == stories[1], "one story")
        let api = try RawHTTPConnection(port: server.readerPort).get("/api/v1/articles/\(en)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: Any])
        #expect((body["translations"] as? [[String: Any]])?.compactMap { ($0["id"] as? NSNumber)?.int64Value } == [ru], "the switcher links them")
        // A second English item claiming the same story is refused: an edition tells a story once.
        var another = english
        another["uri"] = "urn:another"
        let (clash, clashBody) = try post(another)
        #expect(clash.status == 422 && (clashBody["errors"] as? [[String: String]])?.first?["field"] == "altids", "\(clash.text)")
    }

    @Test func pubstatusAndEmbargoPublishScheduleAndWithdraw() throws {
        var item = try Self.fixture("text-2.0.json")
        let now = Int64(server.clock.date.timeIntervalSince1970)
        item["embargoed"] = LocalDateTime(unix: now + 3600, offsetSeconds: 0).isoUTC
        let (held, body) = try post(item)
        #expect(held.status == 201 && body["state"] as? String == "scheduled", "\(held.text)")
        let id = try #require((body["article_id"] as? NSNumber)?.int64Value)
        #expect(try server.reader("/api/v1/articles/\(id)").status == 404, "not before its embargo")
        server.clock.advance(3601)
        let due = try EditorialRepository(server.database, now: { now + 3601 }).publishDue().map(\.articleID)
        let stateNow: String = try article(id)["state"]
        #expect(due.contains(id), "\(due) \(stateNow)")
        server.app.reader.feed.catchUp()
        #expect(try server.reader("/api/v1/articles/\(id)").status == 200)
        for (version, status, state, visible) in [("2", "withheld", "unpublished", false), ("3", "usable", "published", true),
                                                  ("4", "canceled", "unpublished", false)] {
            item["version"] = version
            item["pubstatus"] = status
            item.removeValue(forKey: "embargoed")
            let (reply, answer) = try post(item)
            #expect(reply.status == 200 && answer["state"] as? String == state, "v\(version) \(status): \(reply.text)")
            #expect(try server.reader("/api/v1/articles/\(id)").status == (visible ? 200 : 404), "v\(version)")
        }
        // Withheld while scheduled: off the schedule.
        item["version"] = "5"
        item["pubstatus"] = "usable"
        item["embargoed"] = LocalDateTime(unix: now + 90_000, offsetSeconds: 0).isoUTC
        #expect(try post(item).1["state"] as? String == "scheduled")
        item["version"] = "6"
        item["pubstatus"] = "withheld"
        #expect(try post(item).1["state"] as? String == "draft")
        // A cancellation of an item Herald never had: nothing to take down, nothing made.
        var unknown = try Self.fixture("text-2.0.json")
        unknown["uri"] = "urn:never-seen"
        unknown["pubstatus"] = "canceled"
        let before = try server.count("SELECT COUNT(*) FROM articles")
        let (ignored, ignoredBody) = try post(unknown)
        #expect(ignored.status == 200 && ignoredBody["result"] as? String == "ignored" && ignoredBody["article_id"] is NSNull)
        #expect(try server.count("SELECT COUNT(*) FROM articles") == before)
    }

    @Test func tokensAreCheckedAndEveryRefusalNamesItsReason() throws {
        let item = try Self.fixture("text-2.0.json")
        let (missing, missingBody) = try post(bytes: Array(try JSONSerialization.data(withJSONObject: item)), token: nil, type: "application/json")
        #expect(missing.status == 401 && missingBody["code"] as? String == "token_missing" && missing.headers["www-authenticate"] == "Bearer realm=\"herald\"")
        #expect(missing.headers["content-type"] == "application/problem+json")
        let (wrong, wrongBody) = try post(item, token: "herald_not-a-token")
        #expect(wrong.status == 401 && wrongBody["code"] as? String == "token_invalid" && wrong.headers["www-authenticate"]?.contains("invalid_token") == true)
        // A revoked token is refused from its next request, and the attempt is on record.
        let other = "herald_another-token-0123456789abcdef"
        try TokenRepository(server.database).add(name: "old-feed", scope: .ingest, editions: ["en"], sectionPath: "", tokenHash: Tokens.sha256(other),
                                                 by: .system("test"))
        try TokenRepository(server.database).revoke(name: "old-feed", by: .system("test"))
        let (revoked, revokedBody) = try post(item, token: other)
        #expect(revoked.status == 401 && revokedBody["code"] as? String == "token_revoked")
        let refused = try server.count("SELECT COUNT(*) FROM audit_log WHERE object_id = 'old-feed' AND action = 'token.refused'")
        #expect(refused == 1)
        // Not JSON, a type that is not JSON, too large, the wrong method, an unknown API path.
        #expect(try post(bytes: Array("headline=x".utf8), token: token, type: "application/x-www-form-urlencoded").1["code"] as? String == "unsupported_media_type")
        let (garbage, garbageBody) = try post(bytes: Array("{not json".utf8), token: token, type: "application/json")
        #expect(garbage.status == 422 && (garbageBody["errors"] as? [[String: String]])?.first?["field"] == "item")
        // Refused by its declared length, before the body is read.
        let connection = try RawHTTPConnection(port: server.port)
        connection.send("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(Ninjs.maxBytes + 1)\r\n\r\n")
        let large = try connection.read()
        let largeBody = (try? JSONSerialization.jsonObject(with: Data(large.body))) as? [String: Any] ?? [:]
        #expect(large.status == 413 && largeBody["code"] as? String == "payload_too_large")
        let get = try RawHTTPConnection(port: server.port).get("/api/v1/ingest")
        #expect(get.status == 405 && get.headers["content-type"] == "application/problem+json")
        #expect(try RawHTTPConnection(port: server.port).get("/api/v1/nothing").status == 404)
        // Chinese is not among this token's editions.
        var chinese = item
        chinese["language"] = "zh-Hans-CN"
        let (forbidden, forbiddenBody) = try post(chinese)
        #expect(forbidden.status == 403 && forbiddenBody["code"] as? String == "edition_not_allowed")
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE edition_code = 'zh' AND story_id IN (SELECT id FROM stories WHERE key LIKE 'ingest:%')") == 0)
    }

    /// Wrong types are refused with the property's path (each case: the property, its value as
    /// JSON, null to leave it out, and the path the error must name).
    @Test(arguments: [
        ("version", "2", "version"),
        ("version", "\"two\"", "version"),
        ("headlines", "\"A headline\"", "headlines"),
        ("headlines", #"[{"role": "main"}]"#, "headlines[0].value"),
        ("bodies", #"[{"contenttype": "text/html", "value": 5}]"#, "bodies[0].value"),
        ("subjects", #"[{"name": "Budget"}, "politics"]"#, "subjects[1]"),
        ("subjects", #"[{"name": 7}]"#, "subjects[0].name"),
        ("associations", #"[{"name": "featuremedia", "type": "picture", "renditions": [{"name": "o", "href": 12}]}]"#,
         "associations[0].renditions[0].href"),
        ("associations", "\"photo.jpg\"", "associations"),
        ("associations", #"[{"name": "featuremedia", "type": "picture", "renditions": [{"href": "https://x.example/a.jpg", "width": "wide"}]}]"#,
         "associations[0].renditions[0].width"),
        ("associations", #"[{"name": "featuremedia", "type": "picture", "renditions": [{"href": "https://x.example/a.jpg", "width": true}]}]"#,
         "associations[0].renditions[0].width"),
        ("pubstatus", "\"published\"", "pubstatus"),
        ("embargoed", "\"tomorrow\"", "embargoed"),
        ("language", "\"xx\"", "language"),
        ("language", #"["en"]"#, "language"),
        ("type", "\"picture\"", "type"),
        ("by", "true", "by"),
        ("located", #"["Astana"]"#, "located"),
        ("uri", "null", "uri"),
        ("bodies", #"[{"contenttype": "text/html", "value": "<script>only()</script>"}]"#, "bodies"),
        ("headlines", "[{\"value\": \"" + String(repeating: "x", count: 501) + "\"}]", "headlines[0].value"),
    ])
    func aWrongFieldIsRefusedWithItsPath(_ key: String, _ json: String, _ field: String) throws {
        var item = try Self.fixture("text-2.0.json")
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        item[key] = value is NSNull ? nil : value
        let before = try server.count("SELECT COUNT(*) FROM articles")
        let (reply, body) = try post(item)
        #expect(reply.status == 422 && body["code"] as? String == "invalid_item", "\(key): \(reply.text)")
        let errors = try #require(body["errors"] as? [[String: String]])
        #expect(errors.contains { $0["field"] == field }, "\(key): \(errors)")
        #expect(try server.count("SELECT COUNT(*) FROM articles") == before, "nothing written")
        let logged = try server.count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'token' AND action = 'ingest.refused'")
        #expect(logged >= 1)
    }

    @Test func everyProblemIsListedAtOnce() throws {
        let (reply, body) = try post(["version": 1, "headlines": "x", "language": 3, "pubstatus": "maybe", "whatever": "ignored"] as [String: Any])
        let fields = Set((body["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
        #expect(reply.status == 422 && fields == ["uri", "version", "headlines", "language", "pubstatus"], "\(fields)")
    }

    @Test func theCommandLineMakesListsAndRevokesTokensStoredOnlyHashed() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        let (added, output, errors) = try herald.run(["token", "add", "wire", "--editions", "en,ru", "--scope", "ingest", "--section", "business"])
        #expect(added == 0, "\(errors)")
        let text = try #require(output.firstMatch(of: /wire, shown only now: (herald_[A-Za-z0-9_-]{43})/)).1
        #expect(try herald.run(["token", "add", "wire", "--editions", "en", "--scope", "ingest"]).2.contains("a token named \"wire\" exists"))
        #expect(try herald.run(["token", "add", "x", "--editions", "en", "--scope", "publish"]).2.contains("--scope must be ingest"))
        #expect(try herald.run(["token", "add", "x", "--editions", "xx", "--scope", "ingest"]).2.contains("unknown edition \"xx\""))
        #expect(try herald.run(["token", "add", "x", "--editions", "en", "--scope", "ingest", "--section", "nope"]).2.contains("unknown section \"nope\""))
        #expect(try herald.run(["token", "add", "x", "--editions", "", "--scope", "ingest"]).2.contains("name at least one edition"))
        let (_, list, _) = try herald.run(["token", "list"])
        #expect(list.contains("wire\tingest\ten,ru\tbusiness\tmade ") && list.contains("last used never\tactive"))
        let database = try HeraldDatabase(path: herald.db)
        let stored = try database.pool.read { db in try Data.fetchOne(db, sql: "SELECT token_hash FROM api_tokens WHERE name = 'wire'") }
        #expect(stored.map(Array.init) == Tokens.sha256(String(text)), "only the digest is kept")
        let file = try Data(contentsOf: URL(fileURLWithPath: herald.db))
        #expect(file.range(of: Data(text.utf8)) == nil, "the token's text is nowhere in the database")
        #expect(try herald.run(["token", "revoke", "wire"]).0 == 0)
        #expect(try herald.run(["token", "list"]).1.contains("\trevoked "))
        #expect(try herald.run(["token", "revoke", "wire"]).2.contains("revoked already"))
        #expect(try herald.run(["token", "revoke", "nobody"]).2.contains("no token named \"nobody\""))
        let actions = try database.pool.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE object_type = 'token' ORDER BY id") }
        #expect(actions == ["token.add", "token.revoke"])
    }

    @Test func aPictureIsFetchedIntoTheMediaLibraryOnceAndLinkedWhenItCannotBe() throws {
        final class Hits: Sendable { let count = Atomic<Int>(0) }
        let hits = Hits()
        let sample = NSTemporaryDirectory() + "herald-ingest-sample-\(UUID().uuidString).jpg"
        try MediaLibrary.writeSample(width: 1200, height: 800, to: sample)
        let jpeg = Array(try Data(contentsOf: URL(fileURLWithPath: sample)))
        var router = Router()
        router.get("/photo.jpg") { _, _ in
            hits.count.add(1, ordering: .relaxed)
            return Response(status: 200, headers: [("Content-Type", "image/jpeg")], body: jpeg)
        }
        router.get("/page.jpg") { _, _ in Response.html("<html><body>Not a picture</body></html>") }
        let agency = HTTPServer(configuration: ServerConfiguration(port: 0, threads: 2), logger: Fixtures.logger, router: router)
        try agency.start()
        defer { agency.stop() }
        var newsroom = NewsroomConfiguration()
        newsroom.ingestPhotosFromPrivateHosts = true       // The agency's server is on loopback here.
        let server = try NewsroomServer(newsroom: newsroom)
        try TokenRepository(server.database).add(name: "wire", scope: .ingest, editions: ["en"], sectionPath: "news",
                                                 tokenHash: Tokens.sha256(token), by: .system("test"))
        func send(_ item: [String: Any]) throws -> [String: Any] {
            let connection = try RawHTTPConnection(port: server.port)
            let bytes = Array(try JSONSerialization.data(withJSONObject: item))
            connection.send("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n")
            connection.send(bytes: bytes)
            let reply = try connection.read()
            #expect(reply.status == 201 || reply.status == 200, "\(reply.text)")
            return (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
        }
        func item(_ uri: String, version: String, photo path: String) throws -> [String: Any] {
            var item = try Self.fixture("text-2.0.json")
            item["uri"] = uri
            item["version"] = version
            item.removeValue(forKey: "slugline")
            item["headlines"] = [["value": "Picture test \(uri)"]]
            item["associations"] = [["name": "featuremedia", "type": "picture", "by": "Photo: Agency",
                                     "descriptions": [["value": "A sample."], ["role": "alt", "value": "Grey squares."]],
                                     "renditions": [["name": "original", "href": "http://127.0.0.1:\(agency.port)\(path)", "width": 1200]]]]
            return item
        }
        let first = try send(try item("urn:photo:1", version: "1", photo: "/photo.jpg"))
        let photo = try #require(first["photo"] as? [String: Any])
        let path = try #require(photo["url"] as? String)
        #expect(photo["stored"] as? Bool == true && path.hasPrefix("/media/") && photo["problem"] is NSNull, "\(photo)")
        let id = try #require((first["article_id"] as? NSNumber)?.int64Value)
        #expect(try article(id, in: server)["photo"] as String == path)
        let stored = try server.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT alt || '|' || caption || '|' || credit FROM media").map { $0[0] as String }
        }
        #expect(stored == "Grey squares.|A sample.|Photo: Agency")
        // Herald serves it, with its renditions, from its own library.
        let reference = try #require(MediaReference(path))
        #expect(try RawHTTPConnection(port: server.readerPort).get(reference.url(width: reference.renditionWidths[0], format: .webp)).status == 200)
        // A newer version with the same picture: not fetched again.
        let second = try send(try item("urn:photo:1", version: "2", photo: "/photo.jpg"))
        #expect(second["result"] as? String == "updated" && (second["photo"] as? [String: Any])?["url"] as? String == path)
        #expect(hits.count.load(ordering: .relaxed) == 1)
        // One that is not there, and one that is not a picture: the article goes out with the agency's URL, and the answer says why.
        for (uri, file, reason) in [("urn:photo:2", "/missing.jpg", "could not be fetched"), ("urn:photo:3", "/page.jpg", "not a photo")] {
            let answer = try send(try item(uri, version: "1", photo: file))
            let linked = try #require(answer["photo"] as? [String: Any])
            #expect(linked["stored"] as? Bool == false && (linked["problem"] as? String)?.contains(reason) == true, "\(linked)")
            let articleID = try #require((answer["article_id"] as? NSNumber)?.int64Value)
            #expect(try article(articleID, in: server)["photo"] as String == "http://127.0.0.1:\(agency.port)\(file)")
            #expect(answer["state"] as? String == "published")
        }
    }

    func article(_ id: Int64, in server: NewsroomServer) throws -> Row {
        try server.database.pool.read { db in try #require(try Row.fetchOne(db, sql: "SELECT photo FROM articles WHERE id = ?", arguments: [id])) }
    }

    @Test(arguments: [("127.0.0.1", true), ("10.1.2.3", true), ("192.168.0.10", true), ("172.16.5.4", true), ("172.31.0.1", true),
                      ("169.254.169.254", true), ("100.64.0.1", true), ("0.0.0.0", true), ("localhost", true), ("db.localhost", true),
                      ("[::1]", true), ("fd00::1", true), ("fe80::1", true), ("::ffff:127.0.0.1", true),
                      ("8.8.8.8", false), ("172.32.0.1", false), ("2001:4860::8888", false), ("photos.agency.example.kz", false)])
    func privateHostsAreNotFetchedUnlessAllowed(_ host: String, _ isPrivate: Bool) {
        #expect(PhotoImport.isPrivate(host: host) == isPrivate, "\(host)")
    }
}
