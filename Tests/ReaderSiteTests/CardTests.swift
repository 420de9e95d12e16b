import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HeraldApp
import HeraldSupport
import HTTPServer
import NewsCore
import NewsStore
import ReaderSite
import Templates
import Testing
import TestSupport

/// A page's head as sharing sites and search engines read it.
struct PageHead {
    let html: String

    /// `<meta property|name="key" content="…">` values, in order, unescaped.
    func meta(_ key: String) -> [String] {
        html.matches(of: /<meta (?:property|name)="([^"]+)" content="([^"]*)">/)
            .filter { String($0.1) == key }.map { Self.unescape(String($0.2)) }
    }

    /// Every JSON-LD block, parsed.
    var jsonLD: [[String: Any]] {
        html.matches(of: /<script type="application\/ld\+json">(.*?)<\/script>/).compactMap {
            try? JSONSerialization.jsonObject(with: Data(String($0.1).utf8)) as? [String: Any]
        }
    }

    func jsonLD(type: String) -> [String: Any]? { jsonLD.first { $0["@type"] as? String == type } }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite struct CardTests {
    static let base = "https://herald.example"
    let site: Application

    init() throws {
        site = try Fixtures.app(try Fixtures.demoDatabase(), site: SiteConfiguration(baseURL: Self.base, refreshInterval: 0))
    }

    func head(_ path: String) -> PageHead {
        let response = site.get(path)
        #expect(response.status == 200, "\(path)")
        return PageHead(html: response.text)
    }

    @Test(arguments: editions)
    func articlesShareAsArticlesWithTheirPictureTimesSectionAndTags(_ e: (code: String, tag: String, dir: String)) throws {
        let path = try articlePath(site, story: "budget-2027", edition: e.code)
        let page = head(path)
        #expect(page.meta("og:type") == ["article"])
        #expect(page.meta("og:url") == [Self.base + path])
        #expect(page.meta("og:site_name").count == 1 && page.meta("og:title").first?.isEmpty == false)
        let image = try #require(page.meta("og:image").first)
        #expect(image.hasPrefix(Self.base + "/static/photos/"), "absolute")
        #expect(page.meta("og:image:width") == ["1200"] && page.meta("og:image:height") == ["675"])
        #expect(page.meta("article:published_time").first?.hasSuffix("Z") == true)
        #expect(page.meta("article:modified_time").count == 1 && page.meta("article:section").count == 1)
        #expect(!page.meta("article:tag").isEmpty)
        #expect(page.meta("twitter:card") == ["summary_large_image"] && page.meta("twitter:image") == [image])
        let locale = try #require(page.meta("og:locale").first)
        #expect(locale == ["en": "en_US", "ru": "ru_RU", "kz": "kk_KZ", "qz": "kk_KZ", "zh": "zh_CN", "tote": "kk_KZ", "uz": "uz_UZ"][e.code])
        let alternates = page.meta("og:locale:alternate")
        #expect(!alternates.contains(locale) && Set(alternates).count == alternates.count, "each other locale once: \(alternates)")
        #expect(page.meta("og:description") == page.meta("twitter:description"))
        let article = try #require(page.jsonLD(type: "NewsArticle"))
        let pictures = try #require(article["image"] as? [[String: Any]])
        #expect(pictures.first?["@type"] as? String == "ImageObject" && pictures.first?["width"] as? Int == 1200)
        #expect(pictures.first?["url"] as? String == image)
        let publisher = try #require(article["publisher"] as? [String: Any])
        #expect(publisher["url"] as? String == Self.base + "/\(e.code)/")
        let logo = try #require(publisher["logo"] as? [String: Any])
        #expect(logo["width"] as? Int == 600 && logo["height"] as? Int == 60)
        #expect(site.get(String((logo["url"] as! String).dropFirst(Self.base.count))).status == 200)
    }

    @Test func breadcrumbsAreStructuredDataAndOnlyTheCurrentPageIsMarkedCurrent() throws {
        let path = try articlePath(site, story: "budget-2027", edition: "en")
        let page = head(path)
        let nav = try #require(page.html.firstMatch(of: /<nav class="breadcrumbs[^>]*>(.*?)<\/nav>/)).1
        let trail = nav.matches(of: /<li><a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a><\/li>/)
        #expect(trail.count >= 2)
        #expect(trail.allSatisfy { $0.2 == nil }, "an article's trail ends at its section, which is not this page")
        let list = try #require(page.jsonLD(type: "BreadcrumbList"))
        let items = try #require(list["itemListElement"] as? [[String: Any]])
        #expect(items.count == trail.count)
        for (index, item) in items.enumerated() {
            #expect(item["position"] as? Int == index + 1)
            #expect(item["item"] as? String == Self.base + String(trail[index].1))
            #expect(item["name"] as? String == PageHead.unescape(String(trail[index].3)))
        }
        let section = head("/en/business/")
        #expect(section.html.contains("aria-current=\"page\">Business</a>"), "a section's own page is the current crumb")
    }

    @Test func listPagesGoFromTheirHeadingToTheirHeadlines() {
        for path in ["/en/business/", "/ru/tag/budget"] {
            let html = head(path).html
            #expect(html.contains("<ul class=\"article-list\">\n<li><article><h2>"), "\(path): h1 → h2")
        }
    }

    @Test func homesOfferTheirSearchAndEveryListPageDescribesItself() throws {
        let home = head("/kz/")
        let website = try #require(home.jsonLD(type: "WebSite"))
        let action = try #require(website["potentialAction"] as? [String: Any])
        let target = try #require(action["target"] as? [String: Any])
        #expect(target["urlTemplate"] as? String == Self.base + "/kz/search?q={search_term_string}")
        #expect(action["query-input"] as? String == "required name=search_term_string")
        #expect(home.meta("og:type") == ["website"])
        // No home, section or tag page says only the site's name; no two say the same.
        var descriptions: [String: String] = [:]
        let tags = try site.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT edition_code || '/tag/' || slug FROM tags WHERE article_count > 0 AND edition_code IN ('en', 'zh', 'tote')")
        }
        let sections = ["news/", "business/", "world/", "news/politics/"]
        let paths = ["/en/", "/zh/", "/tote/"] + ["en", "zh", "tote"].flatMap { e in sections.map { "/\(e)/\($0)" } } + tags.map { "/" + $0 }
        for path in paths {
            let page = head(path)
            let description = try #require(page.html.firstMatch(of: /<meta name="description" content="([^"]*)">/)).1
            #expect(description != "Herald" && description.count > 20, "\(path): \(description)")
            #expect(descriptions[String(description)] == nil, "\(path) says what \(descriptions[String(description)] ?? "") says")
            descriptions[String(description)] = path
            #expect(page.meta("og:description") == [PageHead.unescape(String(description))])
        }
    }

    @Test func aTagCarriesItsVersionsInTheOtherEditions() throws {
        let page = head("/ru/tag/budget")
        for (code, tag) in [("en", "en"), ("kz", "kk"), ("tote", "kk-Arab"), ("zh", "zh-Hans")] {
            #expect(page.html.contains("<link rel=\"alternate\" hreflang=\"\(tag)\" href=\"\(Self.base)/\(code)/tag/budget\">"), "\(code)")
        }
        #expect(page.html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(Self.base)/en/tag/budget\">"))
        #expect(page.html.contains("<a href=\"/en/tag/budget\" hreflang=\"en\""), "the switcher goes to the same tag")
    }

    @Test func eachEditionHasAnOpenSearchDescription() throws {
        for e in editions {
            let page = head("/\(e.code)/").html
            let link = "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\""
            #expect(page.contains(link) && page.contains("href=\"/\(e.code)/opensearch.xml\">"))
            let response = site.get("/\(e.code)/opensearch.xml")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/opensearchdescription+xml; charset=utf-8")
            let text = response.text
            let shortName = try #require(text.firstMatch(of: /<ShortName>([^<]+)<\/ShortName>/)).1
            #expect(shortName.count <= 16)
            #expect(text.contains("template=\"\(Self.base)/\(e.code)/search?q={searchTerms}\""))
            #expect(text.contains("<Language>\(e.tag)</Language>"))
            let parser = XMLParser(data: Data(response.body))
            #expect(parser.parse(), "well-formed")
        }
    }

    /// The photo's alt text is its own field: screen readers hear it once, the caption once.
    @Test func aPhotosAltTextIsNotItsCaption() throws {
        let database = try Fixtures.demoDatabase()
        func line(_ slug: String, alt: String?) -> String {
            let altField = alt.map { #","alt":"\#($0)""# } ?? ""
            return #"{"edition":"en","story":"\#(slug)","section":"news","slug":"\#(slug)","title":"Steppe eagles return","body":"Text.","photo":"/static/photos/city.svg","caption":"Eagles over the Charyn canyon on Monday.","credit":"A. Photographer"\#(altField),"published":"2026-11-24T07:44:00+05:00"}"#
        }
        try Importer(database).importText(line("with-alt", alt: "Two eagles gliding over red canyon walls <b>"))
        try Importer(database).importText(line("without-alt", alt: nil))
        let site = try Fixtures.app(database, site: SiteConfiguration(baseURL: Self.base, refreshInterval: 0))
        let described = PageHead(html: site.get(try articlePath(site, story: "with-alt", edition: "en")).text)
        #expect(described.html.contains(#"alt="Two eagles gliding over red canyon walls &lt;b&gt;""#))
        #expect(described.html.contains("<figcaption>Eagles over the Charyn canyon on Monday."))
        #expect(described.meta("og:image:alt") == ["Two eagles gliding over red canyon walls <b>"])
        let plain = PageHead(html: site.get(try articlePath(site, story: "without-alt", edition: "en")).text)
        #expect(plain.html.contains(#"<img src="/static/photos/city.svg" alt="" "#), "the caption describes it: not read twice")
        #expect(!plain.html.contains(#"alt="Eagles over"#))
        #expect(plain.meta("og:image:alt") == ["Eagles over the Charyn canyon on Monday."], "a card shows no caption: it says it")
        // It is a field of the import and of a revision.
        if case .failure(let error) = ArticleInput.parse(line: line("long", alt: String(repeating: "x", count: 1001))) {
            #expect(error.field == "alt")
        } else {
            Issue.record("a 1001-character alt text was taken")
        }
    }
}
