import Foundation
import GRDB
import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import HeraldApp
import ReaderSite
import Templates
import Testing
import TestSupport

/// The demo's article of a story in an edition, as its canonical path.
func articlePath(_ site: Application, story: String, edition: String) throws -> String {
    let row = try site.database.pool.read { db in
        try Row.fetchOne(db, sql: """
            SELECT a.id, a.slug, s.path FROM articles a JOIN stories st ON st.id = a.story_id
            JOIN sections s ON s.id = a.section_id WHERE st.key = ? AND a.edition_code = ?
            """, arguments: [story, edition])
    }
    let found = try #require(row)
    return "/\(edition)/\(found["path"] as String)/\(found["id"] as Int64)-\(found["slug"] as String)"
}

let editions: [(code: String, tag: String, dir: String)] = [
    ("en", "en", "ltr"), ("ru", "ru", "ltr"), ("kz", "kk", "ltr"), ("qz", "kk-Latn", "ltr"),
    ("zh", "zh-Hans", "ltr"), ("tote", "kk-Arab", "rtl"), ("uz", "uz-Cyrl", "ltr"),
]

@Suite struct EveryPageInEveryEdition {
    let site = Fixtures.demoApp

    @Test(arguments: editions)
    func homePage(_ e: (code: String, tag: String, dir: String)) {
        let response = site.get("/\(e.code)/")
        let strings = UIStrings.forTag(e.tag)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.contains("<html lang=\"\(e.tag)\" dir=\"\(e.dir)\">"))
        #expect(html.contains(strings.latestNews))
        #expect(html.contains(strings.popular))
        #expect(html.contains(strings.longDate(LocalDateTime(unix: Int64(Fixtures.now.timeIntervalSince1970), offsetSeconds: e.code == "uz" ? 5 * 3600 : 5 * 3600))))
        #expect(html.contains("<abbr>USD</abbr>"))
        #expect(html.contains(strings.condition(.cloudy)))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/\">"))
        #expect(html.components(separatedBy: "class=\"block\"").count > 3, "a block per top-level section")
        #expect(html.contains(strings.footerRights(2026, "").prefix(6)))
    }

    @Test(arguments: editions)
    func articlePageLinksEveryTranslation(_ e: (code: String, tag: String, dir: String)) throws {
        let path = try articlePath(site, story: "budget-2027", edition: e.code)
        let response = site.get(path)
        #expect(response.status == 200)
        let html = response.text
        let strings = UIStrings.forTag(e.tag)
        #expect(html.contains("<html lang=\"\(e.tag)\" dir=\"\(e.dir)\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"\(path)\">"))
        for other in editions {
            let otherPath = try articlePath(site, story: "budget-2027", edition: other.code)
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(other.tag)\" href=\"\(otherPath)\">"))
            if other.code != e.code {
                #expect(html.contains("<a href=\"\(otherPath)\" hreflang=\"\(other.tag)\""), "switcher → \(other.code)")
            }
        }
        let englishPath = try articlePath(site, story: "budget-2027", edition: "en")
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(englishPath)\">"))
        #expect(html.contains(strings.relatedNews))
        #expect(html.contains(strings.published))
        #expect(html.contains("rel=\"tag\""))
        #expect(html.contains("<nav class=\"breadcrumbs"))
        #expect(html.contains(">\(strings.mainPage)</a>"))
        #expect(html.contains("class=\"dateline\""))
        #expect(html.contains("<figure class=\"photo\">"))
    }

    @Test(arguments: editions)
    func sectionAndTagPages(_ e: (code: String, tag: String, dir: String)) {
        let strings = UIStrings.forTag(e.tag)
        let section = site.get("/\(e.code)/news/politics/")
        #expect(section.status == 200)
        #expect(section.text.contains(strings.sectionLabel))
        #expect(section.text.contains("<html lang=\"\(e.tag)\" dir=\"\(e.dir)\">"))
        let tag = site.get("/\(e.code)/tag/budget")
        #expect(tag.status == 200)
        #expect(tag.text.contains(strings.tagLabel))
        #expect(tag.text.contains(strings.articleCount(2).split(separator: " ").last.map(String.init) ?? ""))
    }

    @Test(arguments: editions)
    func notFoundIsLocalisedWithTheHeader(_ e: (code: String, tag: String, dir: String)) {
        let strings = UIStrings.forTag(e.tag)
        for path in ["/\(e.code)/no-such-section/", "/\(e.code)/tag/no-such-tag", "/\(e.code)/news/99999-missing"] {
            let response = site.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.text.contains(strings.notFoundHeading))
            #expect(response.text.contains("<html lang=\"\(e.tag)\" dir=\"\(e.dir)\">"))
            #expect(response.text.contains("class=\"topbar\""))
        }
    }

    @Test func rightToLeftEditionIsMirroredByLogicalCSS() throws {
        let css = try String(contentsOfFile: Fixtures.root + "/Public/css/site.css", encoding: .utf8)
        #expect(css.contains("margin-inline"))
        #expect(!css.contains("margin-left") && !css.contains("padding-left") && !css.contains("float:"))
        #expect(site.get("/tote/").text.contains("dir=\"rtl\""))
    }

    @Test func sectionPageIsPagedTwentyAtATime() throws {
        let page1 = site.get("/en/news/")
        #expect(page1.status == 200)
        let items = page1.text.components(separatedBy: "<li><article>").count - 1
        #expect(items <= 20)
        #expect(site.get("/en/news/?page=2").status == (items == 20 ? 200 : 404))
        #expect(site.get("/en/news/?page=999").status == 404)
    }

    @Test func updatedArticlesShowTheUpdateTime() throws {
        let html = site.get(try articlePath(site, story: "local-elections-turnout", edition: "en")).text
        #expect(html.contains(UIStrings.english.updated))
        #expect(html.contains(">Elections</a>"))
        #expect(html.contains(">News</a>"))
    }

    @Test func popularIsANumberedList() {
        let html = site.get("/ru/").text
        #expect(html.contains("<h2 id=\"popular-heading\">Популярное</h2>\n<ol>\n<li>"))
    }

    /// A phone number keeps its order inside right-to-left text, in the header and the footer.
    @Test func phoneNumbersAreLeftToRightEverywhere() throws {
        let html = site.get("/tote/").text
        let links = html.matches(of: /<a href="tel:[^"]*"([^>]*)>/).map { String($0.1) }
        #expect(links.count == 2, "the header's and the footer's")
        #expect(links.allSatisfy { $0 == " dir=\"ltr\"" }, "\(links)")
    }

    @Test func anArticleIsNotInItsOwnPopularList() throws {
        func popular(_ html: String) -> [String] {
            guard let aside = html.firstMatch(of: /<aside class="popular"(.*?)<\/aside>/.dotMatchesNewlines()) else { return [] }
            return aside.1.matches(of: /<li><a href="([^"]+)"/).map { String($0.1) }
        }
        let listed = popular(site.get("/ru/").text)
        #expect(listed.count >= 2)
        for href in listed.prefix(3) {
            let shown = popular(site.get(href).text)
            #expect(!shown.contains(href), "\(href) lists itself")
            #expect(shown == listed.filter { $0 != href }, "the others, in order")
        }
    }
}

@Suite struct RoutingAndBadInput {
    let site = Fixtures.demoApp

    @Test(arguments: [("ru,en;q=0.8", "/ru/"), ("kk-Arab", "/tote/"), ("kk", "/kz/"), ("zh-CN,zh;q=0.9", "/zh/"),
                      ("fr-FR", "/en/"), ("uz;q=0.5, ru;q=0.9", "/ru/"), ("", "/en/"), ("*", "/en/"), ("ru;q=0", "/en/"),
                      ("kk-Latn", "/qz/"), ("uz-Cyrl-UZ", "/uz/"), ("kk-Arab-CN", "/tote/"), ("KK-latn-KZ", "/qz/"),
                      ("kk-CN", "/tote/"), ("kk-KZ", "/kz/"), ("zh-Hans-CN", "/zh/"), ("en-GB,ru;q=0.9", "/en/")])
    func rootRedirectsToTheBestEdition(_ header: String, _ location: String) {
        let response = site.get("/", headers: [("Accept-Language", header)])
        #expect(response.status == 302)
        #expect(response.header("Location") == location)
        #expect(response.header("Vary") == "Accept-Language")
    }

    @Test func wrongOrOldURLsRedirectToTheCanonicalOne() throws {
        let canonical = try articlePath(site, story: "budget-2027", edition: "en")
        let id = canonical.split(separator: "/").last!.split(separator: "-").first!
        for wrong in ["/en/news/politics/\(id)-old-slug", "/en/sport/\(id)-x", "/ru/news/politics/\(id)", "/en/news/politics/\(id)-mazhilis-approves-2027-budget?utm=x"] {
            let response = site.get(wrong)
            #expect(response.status == 301, "\(wrong)")
            #expect(response.header("Location") == canonical, "\(wrong)")
        }
        #expect(site.get("/en").header("Location") == "/en/")
        #expect(site.get("/en/news").header("Location") == "/en/news/")
    }

    @Test(arguments: ["0", "-1", "1e2", "0x10", "abc", "1.5", "01", "9999999", "", "%00"])
    func badPageNumbersAre400(_ page: String) {
        #expect(site.get("/en/news/?page=\(page)").status == 400, "page=\(page)")
        #expect(site.get("/en/tag/budget?page=\(page)").status == 400, "page=\(page)")
    }

    @Test func hostileOrHugeSlugsAre404NeverCrash() {
        let long = String(repeating: "a", count: 10_000)
        for path in ["/en/tag/\(long)", "/en/\(long)/", "/en/news/99999-\(long)", "/en/news/\(String(repeating: "9", count: 40))-x",
                     "/xx/", "/en/tag/%3Cscript%3E", "/en/news/0-x", "/en/tag/UPPER", "/static/../Package.swift",
                     "/static/%2e%2e/Package.swift", "/static/css/../../Package.swift", "/static/", "/static/css"] {
            let response = site.get(path)
            #expect(response.status == 404, "\(path.prefix(60))")
        }
        #expect(site.get("/en/news/?page=2&page=3").status == 400)
    }

    @Test func staticFilesAndHealth() {
        let css = site.get("/static/css/site.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(site.get("/static/photos/steppe.svg").header("Content-Type") == "image/svg+xml; charset=utf-8")
        let etag = css.header("ETag")!
        #expect(site.get("/static/css/site.css", headers: [("If-None-Match", etag)]).status == 304)
        #expect(site.get("/healthz").status == 200)
    }
}

@Suite struct ViewsAndEscaping {
    @Test func eachServedArticlePageCountsOneView() throws {
        let database = try Fixtures.demoDatabase()
        let site = try Fixtures.app(database)
        let path = try articlePath(site, story: "astana-lrt-opens", edition: "kz")
        let id = Int64(path.split(separator: "/").last!.split(separator: "-").first!)!
        let before = try ViewRepository(database).totalViews(articleID: id)
        for _ in 0..<3 { #expect(site.get(path).status == 200) }
        _ = site.readerRouter.respond(to: Request(method: "HEAD", target: path)!)
        _ = site.get(path + "x")          // a wrong slug redirects, not a view
        _ = site.get("/kz/news/999999-x") // 404, not a view
        #expect(site.reader.views.unflushed == 3)
        site.reader.views.flush()
        #expect(try ViewRepository(database).totalViews(articleID: id) == before + 3)
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let database = try Fixtures.database()
        try SiteRepository(database).apply(SiteSetup.load(path: Fixtures.root + "/demo/site.json"))
        let evil = #"<script>alert(1)</script>\"><img src=x onerror=alert(2)>"#
        let line = #"{"edition":"en","story":"evil","section":"news","slug":"evil","title":"\#(evil)","dateline":"\#(evil)","lead":"\#(evil)","body":"\#(evil)\n\n[x](javascript:alert(3))","tags":[{"slug":"evil","name":"\#(evil)"}],"photo":"/static/photos/city.svg","caption":"\#(evil)","credit":"\#(evil)","published":"2026-11-24T07:44:00+05:00"}"#
        try Importer(database).importText(line)
        let site = try Fixtures.app(database)
        let id = try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles") }!
        for path in ["/en/news/\(id)-evil", "/en/tag/evil", "/en/", "/en/news/"] {
            var html = site.get(path).text
            // Every script element is a JSON-LD data block; the article's text is checked in its NewsArticle.
            while let block = html.firstMatch(of: /<script type="application\/ld\+json">([^<]*)<\/script>/) {
                let json = try JSONSerialization.jsonObject(with: Data(block.1.utf8)) as? [String: Any]
                guard json?["@type"] as? String == "NewsArticle" else {
                    #expect(!block.1.contains("<") && !block.1.contains(">"))
                    html.removeSubrange(block.range)
                    continue
                }
                let stored = evil.replacingOccurrences(of: #"\""#, with: #"""#)   // as the JSON import line decodes it
                #expect(json?["headline"] as? String == stored)
                #expect((json?["keywords"] as? [String]) == [stored])
                #expect(!block.1.contains("<") && !block.1.contains(">") && !block.1.contains("&"))
                html.removeSubrange(block.range)
            }
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<img src=x"), "\(path)")
            #expect(!html.contains("href=\"javascript:"), "\(path)")
            #expect(html.contains("&lt;script&gt;"), "\(path)")
        }
    }
}

@Suite struct FreshnessTests {
    /// Related news is cached per content version: an import must show up on the next request.
    @Test func relatedNewsAndHeaderFollowEditorialWrites() throws {
        let database = try Fixtures.demoDatabase()
        let site = try Fixtures.app(database)
        let path = try articlePath(site, story: "budget-2027", edition: "en")
        #expect(!site.get(path).text.contains("Brand-new budget follow-up"))
        let line = #"{"edition":"en","story":"budget-follow-up","section":"news/politics","slug":"budget-follow-up","title":"Brand-new budget follow-up","body":"Text.","tags":["budget","parliament","astana","inflation"],"published":"2026-11-29T09:00:00+05:00"}"#
        try Importer(database).importText(line)
        try HeaderRepository(database).setRates([RateInput(day: "2026-11-29", currency: "USD", value: 499.99)])
        let html = site.get(path).text
        #expect(html.contains("Brand-new budget follow-up"))
        #expect(html.contains("499.99"))
    }
}
