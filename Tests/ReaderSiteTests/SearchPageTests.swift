import Foundation
import HeraldApp
import HeraldSupport
import HTTPServer
import NewsCore
import ReaderSite
import Templates
import Testing
import TestSupport

@Suite struct SearchPageTests {
    let site = Fixtures.demoApp

    /// A word in each edition's own script and an article it must find.
    static let cases: [(edition: String, query: String, finds: String)] = [
        ("en", "ASTANA", "Astana"), ("ru", "астана", "Астан"), ("kz", "астана", "Астанада"), ("qz", "almaty", "Almaty"),
        ("zh", "选举", "选举"), ("zh", "人", "人"), ("tote", "الماتى", "الماتى"), ("uz", "тошкент", "Тошкент"),
    ]

    @Test(arguments: cases)
    func aWordInTheEditionsScriptFindsItsArticles(_ c: (edition: String, query: String, finds: String)) {
        let response = site.get("/\(c.edition)/search?q=\(URLs.queryValue(c.query))")
        #expect(response.status == 200)
        let html = response.text
        let strings = UIStrings.forTag(editions.first { $0.code == c.edition }!.tag).search
        #expect(html.contains("<p class=\"count\">"), "\(c.edition) \(c.query): no results")
        #expect(html.contains("<mark>"), "matches are marked")
        #expect(html.contains(c.finds))
        #expect(html.contains("<h1>\(strings.search)</h1>"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex, follow\">"))
        #expect(html.contains("name=\"q\" value=\"\(escapeHTML(c.query))\""), "the form keeps the query")
        #expect(response.header("Cache-Control") == "public, max-age=60")
    }

    @Test func resultsLinkToLiveArticlesWithTheirSection() throws {
        let html = site.get("/en/search?q=astana").text
        let links = html.matches(of: /<h2><a href="([^"]+)">/).map { String($0.1) }
        #expect(links.count >= 3)
        for link in links { #expect(site.get(link).status == 200, "\(link)") }
        #expect(html.contains(" · <a href=\"/en/"), "each result names its section")
    }

    @Test func chineseFindsOneAndTwoCharacterWords() throws {
        for word in ["选举", "人", "哈萨克斯坦"] {
            let html = site.get("/zh/search?q=\(URLs.queryValue(word))").text
            #expect(html.contains("<mark>\(word)</mark>") || html.contains("<mark>"), "\(word)")
            #expect(!html.contains("class=\"search-empty\""), "\(word)")
        }
    }

    @Test func anyInputIsAnsweredAndNothingOfItIsReflectedRaw() {
        let hostile = ["\"", "*", "-", "NEAR(", "a AND b", "a OR b", "((", ")))", "<script>alert(1)</script>", "\"><img src=x>",
                       String(repeating: "a", count: 10_240), String(repeating: "астана ", count: 1500), "'", "&amp;", "%", "\u{202E}x"]
        for text in hostile {
            let response = site.get("/en/search?q=\(URLs.queryValue(text))")
            #expect(response.status == 200, "\(text.prefix(20))")
            let html = response.text
            #expect(!html.contains("<script>alert") && !html.contains("<img src=x>"))
            #expect(!html.contains("\"><img"))
        }
        let long = site.get("/en/search?q=\(String(repeating: "b", count: 10_240))").text
        #expect(long.contains(UIStrings.english.search.shortened(SearchQuery.maxLength)))
        // Percent-escapes that are not UTF-8, and a bare "%": a clear answer, never a 500.
        for target in ["/en/search?q=%FF%FE", "/en/search?q=%", "/en/search?q=%C3", "/en/search?q=a&q=b", "/en/search?x=1"] {
            #expect([200, 400].contains(site.get(target).status), "\(target)")
        }
    }

    @Test func emptyQueriesPagesAndEditions() {
        let empty = site.get("/en/search")
        #expect(empty.status == 200 && empty.text.contains(UIStrings.english.search.hint))
        #expect(site.get("/en/search?q=").text.contains(UIStrings.english.search.hint))
        #expect(site.get("/en/search?q=***").text.contains(UIStrings.english.search.hint))
        #expect(site.get("/en/search?q=zzzqqq").text.contains("Nothing matches “zzzqqq”."))
        #expect(site.get("/en/search?q=astana&page=0").status == 400)
        #expect(site.get("/en/search?q=astana&page=x").status == 400)
        #expect(site.get("/en/search?q=astana&page=99").status == 404)
        #expect(site.get("/xx/search?q=astana").status == 404)
        #expect(site.get("/en/search?q=astana", method: "POST").status == 405)
    }

    @Test func everyPageCarriesTheSearchForm() throws {
        let article = try articlePath(site, story: "budget-2027", edition: "tote")
        for path in ["/en/", "/ru/news/", "/kz/tag/budget", article, "/zh/no-such-page/x"] {
            let html = site.get(path).text
            let edition = path.split(separator: "/").first.map(String.init)!
            #expect(html.contains("<form class=\"search\" role=\"search\" action=\"/\(edition)/search\" method=\"get\">"), "\(path)")
            #expect(html.contains("<input type=\"search\" id=\"search-q\" name=\"q\" value=\"\""))
        }
    }
}
