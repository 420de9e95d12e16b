import Foundation
import GRDB
import HTTPServer
import NewsStore
import ReaderSite
import Testing
import TestSupport

/// The read-only content API over a real socket: shapes, cursor pagination, errors as problem
/// details, CORS, caching and retirement like pages.
@Suite(.serialized) struct ContentAPITests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    func json(_ path: String, headers: [String] = []) throws -> (RawHTTPConnection.Reply, [String: Any]) {
        let reply = try RawHTTPConnection(port: server.readerPort).get(path, headers: headers)
        let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        return (reply, try #require(object, "\(path): \(reply.text.prefix(200))"))
    }

    @Test func editionsListEveryEditionWithItsLinks() throws {
        let (reply, body) = try json("/api/v1/editions")
        #expect(reply.status == 200 && reply.headers["content-type"] == "application/json; charset=utf-8")
        #expect(reply.headers["access-control-allow-origin"] == "*" && reply.headers["etag"] != nil)
        let editions = try #require(body["editions"] as? [[String: Any]])
        #expect(editions.map { $0["code"] as? String } == ["en", "ru", "kz", "qz", "zh", "tote", "uz"])
        let tote = try #require(editions.first { $0["code"] as? String == "tote" })
        #expect(tote["direction"] as? String == "rtl" && tote["language"] as? String == "kk-Arab")
        #expect(tote["articles_url"] as? String == "http://127.0.0.1/api/v1/editions/tote/articles")
        #expect(Set(tote.keys) == ["code", "language", "name", "label", "direction", "time_zone", "site_name", "default", "url", "articles_url"])
    }

    @Test func anEditionsArticlesPageByCursorNewestFirstEachOnce() throws {
        let live = try server.count("SELECT COUNT(*) FROM articles WHERE edition_code = 'en' AND status = 'published'")
        var seen: [Int64] = []
        var times: [String] = []
        var path: String? = "/api/v1/editions/en/articles?limit=4"
        var pages = 0
        while let next = path {
            let (reply, body) = try json(next)
            #expect(reply.status == 200)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count <= 4)
            seen += items.compactMap { ($0["id"] as? NSNumber)?.int64Value }
            times += items.compactMap { $0["published_at"] as? String }
            path = (body["next_url"] as? String).map { String($0.dropFirst("http://127.0.0.1".count)) }
            #expect((body["next_cursor"] is NSNull) == (path == nil))
            pages += 1
            try #require(pages < 100)
        }
        #expect(seen.count == live && Set(seen).count == live, "every live article once")
        #expect(times == times.sorted(by: >), "newest first")
        #expect(times.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil })
        // The first page is the home's newest; the default size is 20.
        let (_, first) = try json("/api/v1/editions/en/articles")
        #expect((first["items"] as? [[String: Any]])?.count == min(20, live))
    }

    @Test func aTagsAndASectionsArticlesPageByCursorLikeTheirPages() throws {
        let (slug, count) = try server.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT slug, article_count FROM tags WHERE edition_code = 'en' ORDER BY article_count DESC LIMIT 1")
                .map { ($0[0] as String, $0[1] as Int) }!
        }
        var ids: [Int64] = []
        var path: String? = "/api/v1/editions/en/tags/\(slug)/articles?limit=2"
        while let next = path {
            let (reply, body) = try json(next)
            #expect(reply.status == 200)
            #expect((body["tag"] as? [String: Any])?["article_count"] as? Int == count)
            ids += (body["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            path = (body["next_url"] as? String).map { String($0.dropFirst("http://127.0.0.1".count)) }
            try #require(ids.count <= count)
        }
        let listed = try server.database.pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT l.article_id FROM article_tags l JOIN tags t ON t.id = l.tag_id
                WHERE t.edition_code = 'en' AND t.slug = ? AND l.published_at IS NOT NULL ORDER BY l.published_at DESC, l.article_id DESC
                """, arguments: [slug])
        }
        #expect(ids == listed && ids.count == count, "the tag page's order, every article once")
        // A parent section lists its subsections' articles too, as its page does.
        let (_, section) = try json("/api/v1/editions/en/sections/news/articles?limit=100")
        let sectionIDs = (section["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
        let underNews = try server.count("""
            SELECT COUNT(*) FROM article_sections l JOIN sections s ON s.id = l.section_id WHERE s.path = 'news' AND l.edition_code = 'en'
            """)
        #expect(sectionIDs.count == min(100, underNews) && (section["section"] as? [String: Any])?["path"] as? String == "news")
        #expect(try json("/api/v1/editions/en/tags/no-such-tag/articles").1["code"] as? String == "tag_not_found")
        #expect(try json("/api/v1/editions/en/sections/no/such/articles").1["code"] as? String == "section_not_found")
    }

    @Test func anEditionsTagsPageBySlugEachOnceWithItsCount() throws {
        let stored = try server.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT slug, name, article_count FROM tags WHERE edition_code = 'ru' AND article_count > 0 ORDER BY slug")
                .map { ($0[0] as String, $0[1] as String, $0[2] as Int) }
        }
        try #require(stored.count > 5)
        var listed: [(String, String, Int)] = []
        var path: String? = "/api/v1/editions/ru/tags?limit=3"
        while let next = path {
            let (reply, body) = try json(next)
            #expect(reply.status == 200 && body["edition"] as? String == "ru")
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count <= 3)
            for item in items {
                listed.append((item["slug"] as? String ?? "", item["name"] as? String ?? "", item["article_count"] as? Int ?? -1))
                #expect(item["articles_url"] as? String == "http://127.0.0.1/api/v1/editions/ru/tags/\(item["slug"] as? String ?? "")/articles")
                #expect((item["url"] as? String)?.hasPrefix("http://127.0.0.1/ru/") == true)
            }
            path = (body["next_url"] as? String).map { String($0.dropFirst("http://127.0.0.1".count)) }
            #expect((body["next_cursor"] is NSNull) == (path == nil))
            try #require(listed.count <= stored.count)
        }
        #expect(listed.map(\.0) == stored.map(\.0) && listed.map(\.1) == stored.map(\.1) && listed.map(\.2) == stored.map(\.2),
                "every tag with live articles once, by slug, with its name and count")
        let (_, first) = try json("/api/v1/editions/ru/tags")
        #expect((first["items"] as? [Any])?.count == min(20, stored.count))
        #expect(try json("/api/v1/editions/ru/tags?cursor=Not%20a%20slug").1["code"] as? String == "invalid_cursor")
        #expect(try json("/api/v1/editions/ru/tags?sort=name").1["code"] as? String == "unknown_parameter")
        #expect(try json("/api/v1/editions/xx/tags").1["code"] as? String == "edition_not_found")
        // Past the last slug: an empty page, no next.
        let (_, past) = try json("/api/v1/editions/ru/tags?cursor=zzzz")
        #expect((past["items"] as? [Any])?.isEmpty == true && past["next_cursor"] is NSNull)
    }

    @Test func sectionsPopularAndTheHeaderData() throws {
        let (_, sections) = try json("/api/v1/editions/ru/sections")
        let list = try #require(sections["sections"] as? [[String: Any]])
        let stored = try server.count("SELECT COUNT(*) FROM sections")
        #expect(list.count == stored)
        let politics = try #require(list.first { $0["path"] as? String == "news/politics" })
        #expect(politics["parent_path"] as? String == "news" && (politics["name"] as? String)?.isEmpty == false)
        #expect(list.first { $0["path"] as? String == "news" }?["parent_path"] is NSNull)
        // Popular: the snapshot's ranking, in order.
        let ranked = server.app.reader.state.snapshot.popular["en"] ?? []
        let (_, popular) = try json("/api/v1/editions/en/popular")
        #expect((popular["items"] as? [[String: Any]])?.compactMap { ($0["id"] as? NSNumber)?.int64Value } == ranked.map(\.id))
        #expect(popular["days"] as? Int == 7)
        // The header: the demo's rates (latest day, with trends) and weather.
        let (_, header) = try json("/api/v1/header")
        let rates = try #require(header["rates"] as? [[String: Any]])
        #expect(rates.map { $0["currency"] as? String } == ["USD", "EUR", "RUB", "CNY"] && header["base_currency"] as? String == "KZT")
        #expect(rates.allSatisfy { ($0["value"] as? Double ?? 0) > 0 && ($0["day"] as? String)?.count == 10 })
        let weather = try #require(header["weather"] as? [[String: Any]])
        #expect(weather.map { $0["city"] as? String } == ["almaty", "astana"])
        #expect((weather.last?["names"] as? [String: String])?["ru"] == "Астана")
    }

    @Test func searchAnswersWhatTheSearchPageFinds() throws {
        let (reply, body) = try json("/api/v1/editions/en/search?q=astana&limit=3")
        #expect(reply.status == 200 && body["query"] as? String == "astana")
        let total = try #require(body["total"] as? Int)
        let items = try #require(body["items"] as? [[String: Any]])
        #expect(total > 3 && items.count == 3 && body["pages"] as? Int == (total + 2) / 3)
        let page = try RawHTTPConnection(port: server.readerPort).get("/en/search?q=astana").text
        let firstHref = try #require(page.firstMatch(of: /<h2[^>]*><a href="([^"]+)"/)?.1)
        #expect((items.first?["url"] as? String)?.hasSuffix(String(firstHref)) == true, "the same best result as the page")
        let (_, past) = try json("/api/v1/editions/en/search?q=astana&page=9999")
        #expect((past["items"] as? [Any])?.isEmpty == true)
        #expect((try json("/api/v1/editions/en/search?q=%20").1["items"] as? [Any])?.isEmpty == true, "no word, no results")
        #expect(try json("/api/v1/editions/en/search").1["code"] as? String == "invalid_query")
        #expect(try json("/api/v1/editions/en/search?q=x&page=0").1["code"] as? String == "invalid_page")
    }

    @Test func anArticleWithItsBodyTagsSectionAndTranslations() throws {
        let id = try server.count("SELECT id FROM articles WHERE edition_code = 'en' AND status = 'published' AND story_id IN (SELECT story_id FROM articles GROUP BY story_id HAVING COUNT(*) > 3) LIMIT 1")
        let (reply, body) = try json("/api/v1/articles/\(id)")
        #expect(reply.status == 200 && reply.headers["access-control-allow-origin"] == "*")
        let stored = try server.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT title, body_html, story_id FROM articles WHERE id = ?", arguments: [id])!
        }
        #expect(body["headline"] as? String == stored["title"] as String)
        #expect(body["body_html"] as? String == String(decoding: stored["body_html"] as Data, as: UTF8.self))
        let translations = try #require(body["translations"] as? [[String: Any]])
        let siblings = try server.count("SELECT COUNT(*) FROM articles WHERE story_id = \(stored["story_id"] as Int64) AND status = 'published' AND id <> \(id)")
        #expect(translations.count == siblings && siblings > 2)
        #expect(translations.allSatisfy { ($0["api_url"] as? String)?.hasPrefix("http://127.0.0.1/api/v1/articles/") == true })
        #expect((body["tags"] as? [[String: Any]])?.isEmpty == false && (body["section"] as? [String: Any])?["path"] != nil)
        #expect(body["updated_at"] != nil && body["bylines"] is [String] && body["corrections"] is [Any])
        #expect((body["url"] as? String)?.hasPrefix("http://127.0.0.1/en/") == true)
    }

    @Test func errorsAreProblemDetailsWithStableCodes() throws {
        let draft = try server.count("SELECT COUNT(*) FROM articles")   // an id past the last: no such article
        for (path, status, code) in [("/api/v1/articles/\(draft + 1000)", 404, "article_not_found"), ("/api/v1/articles/abc", 404, "article_not_found"),
                                     ("/api/v1/editions/xx/articles", 404, "edition_not_found"),
                                     ("/api/v1/editions/en/articles?limit=0", 400, "invalid_limit"),
                                     ("/api/v1/editions/en/articles?limit=101", 400, "invalid_limit"),
                                     ("/api/v1/editions/en/articles?cursor=%3Cscript%3E", 400, "invalid_cursor"),
                                     ("/api/v1/editions/en/articles?cursor=12-", 400, "invalid_cursor"),
                                     ("/api/v1/editions/en/articles?page=2", 400, "unknown_parameter"),
                                     ("/api/v1/nothing", 404, "not_found"), ("/api/v2/editions", 404, "not_found")] {
            let (reply, body) = try json(path)
            #expect(reply.status == status && reply.headers["content-type"] == "application/problem+json", "\(path)")
            #expect(body["code"] as? String == code && body["status"] as? Int == status, "\(path): \(body)")
            #expect((body["type"] as? String)?.hasPrefix("https://") == true && body["title"] is String && body["detail"] is String)
        }
        // A query that is not valid UTF-8: still a problem document under /api, an error page elsewhere.
        let (badQuery, problem) = try json("/api/v1/editions/en/articles?cursor=%C3%28")
        #expect(badQuery.status == 400 && problem["code"] as? String == "bad_request" && badQuery.headers["connection"] == "close")
        let (badPath, pathProblem) = try json("/api/v1/editions/%16x/articles")
        #expect(badPath.status == 400 && pathProblem["code"] as? String == "bad_request")
        let page = try RawHTTPConnection(port: server.readerPort).get("/en/search?q=%C3%28")
        #expect(page.status == 400 && page.headers["content-type"] == "text/html; charset=utf-8")
        // QUERY is a known method the API does not take: 405, not 501.
        let query = try RawHTTPConnection(port: server.readerPort).get("/api/v1/editions", method: "QUERY")
        #expect(query.status == 405)
        let post = try RawHTTPConnection(port: server.readerPort).get("/api/v1/editions", method: "DELETE")
        #expect(post.status == 405 && post.headers["content-type"] == "application/problem+json" && post.headers["allow"]?.contains("GET") == true)
        let preflight = try RawHTTPConnection(port: server.readerPort).get("/api/v1/articles/1", method: "OPTIONS")
        #expect(preflight.status == 204 && preflight.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS")
    }

    @Test func answersAreCachedAnd304dAndACorrectionRetiresThem() throws {
        // With --base-url the links do not depend on the Host, so answers are kept (as pages are).
        let server = try NewsroomServer(site: SiteConfiguration(baseURL: "https://news.example.kz", refreshInterval: 0, pageCacheBytes: 8 << 20))
        func json(_ path: String) throws -> (RawHTTPConnection.Reply, [String: Any]) {
            let reply = try RawHTTPConnection(port: server.readerPort).get(path)
            return (reply, try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]))
        }
        let id = try server.count("SELECT id FROM articles WHERE edition_code = 'en' AND status = 'published' ORDER BY published_at DESC LIMIT 1")
        let path = "/api/v1/articles/\(id)"
        _ = try json(path)
        let (hit, before) = try json(path)
        #expect(hit.headers["x-cache"] == "HIT")
        let etag = try #require(hit.headers["etag"])
        let again = try RawHTTPConnection(port: server.readerPort).get(path, headers: ["If-None-Match: \(etag)"])
        #expect(again.status == 304)
        let gzip = try RawHTTPConnection(port: server.readerPort).get(path, headers: ["Accept-Encoding: gzip"])
        #expect(gzip.headers["content-encoding"] == "gzip")
        // A correction through the editorial write: the article's key retires the cached answer.
        let client = try server.signedIn("dana")
        let form = try client.get("/articles/\(id)").text
        let revision = try #require(form.firstMatch(of: /name="revision" value="([0-9]+)"/)?.1)
        var fields = NewsroomServer.article("A corrected headline for the API", action: "publish")
        fields = fields.map { $0.0 == "revision" ? ($0.0, String(revision)) : $0 }
        fields = fields.map { $0.0 == "section" ? ($0.0, (before["section"] as? [String: Any])?["path"] as? String ?? "news") : $0 }
        fields.append(("note", "Headline corrected."))
        let saved = try client.post("/articles/\(id)", fields)
        #expect(saved.status == 303, "\(saved.status) \(saved.text.prefix(300))")
        let (after, body) = try json(path)
        #expect(after.headers["x-cache"] == "MISS" && body["headline"] as? String == "A corrected headline for the API")
        #expect((body["corrections"] as? [[String: Any]])?.last?["note"] as? String == "Headline corrected.")
    }

    @Test func theOpenAPIDocumentIsServed() throws {
        let (reply, body) = try json("/api/v1/openapi.json")
        #expect(reply.status == 200 && body["openapi"] as? String == "3.1.0")
        let paths = try #require(body["paths"] as? [String: Any])
        #expect(Set(paths.keys) == ["/api/v1/editions", "/api/v1/editions/{edition}/articles", "/api/v1/articles/{id}",
                                    "/api/v1/editions/{edition}/tags/{slug}/articles", "/api/v1/editions/{edition}/sections/{path}/articles",
                                    "/api/v1/editions/{edition}/sections", "/api/v1/editions/{edition}/popular", "/api/v1/header",
                                    "/api/v1/editions/{edition}/search", "/api/v1/editions/{edition}/tags"])
    }
}
