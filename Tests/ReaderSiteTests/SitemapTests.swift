import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GRDB
import HeraldApp
import HeraldSupport
import HTTPServer
import NewsCore
import NewsStore
import ReaderSite
import Templates
import Testing
import TestSupport

/// A sitemap or sitemap index read by a real XML parser: each `<url>` (or `<sitemap>`) with its
/// child elements' text and its alternates.
final class SitemapReader: NSObject, XMLParserDelegate, @unchecked Sendable {
    struct Entry {
        var fields: [String: String] = [:]
        var alternates: [String: String] = [:]
    }
    var entries: [Entry] = []
    var root = ""
    private var text = ""

    static func parse(_ bytes: [UInt8]) throws -> SitemapReader {
        let reader = SitemapReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        guard parser.parse() else { throw FeedReader.Malformed(reason: parser.parserError.map { "\($0)" } ?? "?") }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        if root.isEmpty { root = name }
        if name == "url" || name == "sitemap" { entries.append(Entry()) }
        if name == "xhtml:link", let lang = attributes["hreflang"], let href = attributes["href"] {
            entries[entries.count - 1].alternates[lang] = href
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !entries.isEmpty, name != "url", name != "sitemap" { entries[entries.count - 1].fields[name] = text }
    }

    var locs: [String] { entries.compactMap { $0.fields["loc"] } }
}

@Suite struct SitemapTests {
    static let base = "https://herald.example"
    let site: Application

    init() throws {
        site = try Fixtures.app(try Fixtures.demoDatabase(), site: SiteConfiguration(baseURL: Self.base, refreshInterval: 0))
    }

    func get(_ url: String) -> Response { site.get(String(url.dropFirst(Self.base.count)), headers: [("Accept-Encoding", "gzip")]) }

    func read(_ url: String) throws -> SitemapReader {
        let response = get(url)
        #expect(response.status == 200, "\(url)")
        #expect(response.header("Content-Type") == "application/xml; charset=utf-8")
        let body = response.header("Content-Encoding") == "gzip" ? try #require(gunzip(response.body)) : response.body
        return try SitemapReader.parse(body)
    }

    func count(_ sql: String) throws -> Int { try site.database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 } }

    @Test func robotsNamesTheIndexByItsAbsoluteURL() throws {
        let robots = site.get("/robots.txt")
        #expect(robots.status == 200 && robots.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(robots.text.hasPrefix("User-agent: *\n"), "the operator's file comes first")
        #expect(robots.text.contains("\nSitemap: \(Self.base)/sitemap.xml\n"))
        let bare = try Fixtures.app(try Fixtures.demoDatabase())
        #expect(bare.get("/robots.txt", headers: [("Host", "news.example.kz")]).text.contains("Sitemap: http://news.example.kz/sitemap.xml"))
    }

    @Test func theIndexListsEveryEditionsFilesAndEachOneAnswers() throws {
        let index = try read(Self.base + "/sitemap.xml")
        #expect(index.root == "sitemapindex")
        for e in editions {
            for file in ["sitemap-sections.xml", "sitemap-tags-1.xml", "sitemap-articles-1.xml", "sitemap-news.xml"] {
                #expect(index.locs.contains("\(Self.base)/\(e.code)/\(file)"), "\(e.code)/\(file)")
            }
        }
        for loc in index.locs {
            let file = try read(loc)
            #expect(file.root == "urlset" && !file.entries.isEmpty, "\(loc)")
            for entry in file.entries { #expect(entry.fields["loc"]?.hasPrefix(Self.base + "/") == true) }
        }
    }

    @Test(arguments: editions)
    func everyLiveArticleIsListedOnceWithItsTranslations(_ e: (code: String, tag: String, dir: String)) throws {
        let file = try read("\(Self.base)/\(e.code)/sitemap-articles-1.xml")
        let live = try count("SELECT COUNT(*) FROM articles WHERE edition_code = '\(e.code)' AND status = 'published'")
        #expect(file.locs.count == live && Set(file.locs).count == live)
        for entry in file.entries {
            let loc = try #require(entry.fields["loc"])
            #expect(site.get(String(loc.dropFirst(Self.base.count))).status == 200, "\(loc) is the article itself, not a redirect")
            #expect(entry.fields["lastmod"].flatMap { $0.hasSuffix("Z") ? $0 : nil } != nil)
            guard !entry.alternates.isEmpty else { continue }
            #expect(entry.alternates[e.tag] == loc, "every version, itself included")
            #expect(entry.alternates["x-default"] != nil)
            // The article page says the same in its head.
            let page = site.get(String(loc.dropFirst(Self.base.count))).text
            for (lang, href) in entry.alternates {
                #expect(page.contains("<link rel=\"alternate\" hreflang=\"\(lang)\" href=\"\(href)\">"), "\(loc) head: \(lang)")
            }
        }
    }

    @Test func alternatesAreReciprocal() throws {
        var byLoc: [String: [String: String]] = [:]
        for e in editions {
            for entry in try read("\(Self.base)/\(e.code)/sitemap-articles-1.xml").entries { byLoc[entry.fields["loc"]!] = entry.alternates }
        }
        var checked = 0
        for (loc, alternates) in byLoc {
            for (lang, href) in alternates where lang != "x-default" {
                #expect(byLoc[href] == alternates, "\(href) lists the same versions as \(loc) (\(lang))")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func sectionsAndTagsCarryTheirVersionsInEveryEdition() throws {
        let sections = try read(Self.base + "/kz/sitemap-sections.xml")
        #expect(sections.locs.first == Self.base + "/kz/")
        #expect(sections.entries.first?.alternates["x-default"] == Self.base + "/")
        let business = try #require(sections.entries.first { $0.fields["loc"] == Self.base + "/kz/business/" })
        #expect(business.alternates["kk"] == Self.base + "/kz/business/" && business.alternates["kk-Arab"] == Self.base + "/tote/business/")
        #expect(business.alternates["x-default"] == Self.base + "/en/business/")
        let tags = try read(Self.base + "/ru/sitemap-tags-1.xml")
        let withArticles = try count("SELECT COUNT(*) FROM tags WHERE edition_code = 'ru' AND article_count > 0")
        #expect(tags.locs.count == withArticles)
        let budget = try #require(tags.entries.first { $0.fields["loc"] == Self.base + "/ru/tag/budget" })
        #expect(budget.alternates["en"] == Self.base + "/en/tag/budget" && budget.alternates["x-default"] == Self.base + "/en/tag/budget")
        #expect(site.get("/ru/tag/budget").status == 200)
    }

    @Test func theNewsFileHoldsTheLastTwoDaysWithPublicationAndLanguage() throws {
        let now = Int64(Fixtures.now.timeIntervalSince1970)
        let news = try read(Self.base + "/zh/sitemap-news.xml")
        let recent = try count("SELECT COUNT(*) FROM articles WHERE edition_code = 'zh' AND status = 'published' AND published_at >= \(now - 48 * 3600)")
        #expect(news.entries.count == recent && recent > 0)
        for entry in news.entries {
            #expect(entry.fields["news:language"] == "zh-cn")
            #expect(entry.fields["news:name"] == "Herald" || !(entry.fields["news:name"] ?? "").isEmpty)
            #expect(!(entry.fields["news:title"] ?? "").isEmpty)
            #expect(entry.fields["news:publication_date"]?.hasSuffix("Z") == true)
        }
        #expect(try read(Self.base + "/kz/sitemap-news.xml").entries.allSatisfy { $0.fields["news:language"] == "kk" })
        // Two days on, nothing is news: the file is gone and the index stops listing it.
        let later = try Fixtures.app(try Fixtures.demoDatabase(), site: SiteConfiguration(baseURL: Self.base, refreshInterval: 0),
                                     now: { Fixtures.now.addingTimeInterval(4 * 86_400) })
        #expect(later.get("/zh/sitemap-news.xml").status == 404)
        #expect(!later.get("/sitemap.xml").text.contains("sitemap-news.xml"))
    }

    @Test func filesThatDoNotExistAreNotFound() {
        for path in ["/en/sitemap-articles-2.xml", "/en/sitemap-articles-0.xml", "/en/sitemap-articles-01.xml",
                     "/en/sitemap-articles-9999999.xml", "/en/sitemap-articles-x.xml", "/en/sitemap-tags-2.xml",
                     "/en/sitemap-other.xml", "/xx/sitemap-sections.xml", "/en/sitemap-sections.xml/"] {
            #expect([404, 301].contains(site.get(path).status), "\(path)")
        }
    }

    @Test func filesAreKeptGzippedAndRetiredByAPublishInTheirEditionOrOfATranslation() throws {
        let path = "/en/sitemap-articles-1.xml"
        #expect(get(Self.base + path).header("X-Cache") == "MISS")
        let kept = get(Self.base + path)
        #expect(kept.header("X-Cache") == "HIT" && kept.header("Content-Encoding") == "gzip")
        let plain = site.get(path)
        #expect(plain.header("Content-Encoding") == nil && plain.header("X-Cache") == "HIT")
        #expect(gunzip(kept.body) == plain.body, "a client without gzip gets the same bytes, inflated")
        let etag = try #require(kept.header("ETag"))
        #expect(site.get(path, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", etag)]).status == 304)
        #expect(get(Self.base + "/ru/sitemap-articles-1.xml").header("X-Cache") == "MISS")

        let editor = Actor(userID: nil, name: "dana", role: .editor, editions: nil, address: "")
        let editorial = EditorialRepository(site.database, now: { Int64(Fixtures.now.timeIntervalSince1970) })
        func input(_ edition: String, _ slug: String) -> ArticleInput {
            ArticleInput(edition: edition, story: "sitemap-test", section: "news", slug: slug, title: "Sitemap test \(edition)",
                         dateline: "ASTANA", lead: "Lead.", body: "Body.", tags: [], photo: nil, caption: nil, credit: nil,
                         bylines: [], status: .draft, publishedAt: 0, updatedAt: nil)
        }
        let english = try editorial.saveDraft(input("en", "sitemap-test"), articleID: nil, basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: english.articleID, by: editor)
        #expect(get(Self.base + path).header("X-Cache") == "MISS")
        #expect(try read(Self.base + path).locs.contains("\(Self.base)/en/news/\(english.articleID)-sitemap-test"))
        #expect(get(Self.base + "/ru/sitemap-articles-1.xml").header("X-Cache") == "HIT", "another edition's file stays")
        // Its Russian translation goes out: the English file now lists it as an alternate.
        _ = get(Self.base + path)
        let russian = try editorial.saveDraft(input("ru", "sitemap-test-ru"), articleID: nil, basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: russian.articleID, by: editor)
        let english1 = try read(Self.base + path).entries.first { $0.fields["loc"]?.hasSuffix("-sitemap-test") == true }
        #expect(english1?.alternates["ru"] == "\(Self.base)/ru/news/\(russian.articleID)-sitemap-test-ru")
        _ = try editorial.unpublish(articleID: russian.articleID, by: editor)
        let english2 = try read(Self.base + path).entries.first { $0.fields["loc"]?.hasSuffix("-sitemap-test") == true }
        #expect(english2?.alternates.isEmpty == true, "an unpublished translation is no longer an alternate")
    }

    @Test func aFileNeverPassesTheProtocolsLimits() throws {
        // Every edition, the longest section path, the largest id and the longest slug: the bound's
        // worst case, rendered in full.
        let snapshot = site.reader.state.snapshot
        let perFile = site.reader.sitemapURLsPerFile(snapshot, origin: Self.base)
        #expect(perFile >= 1 && perFile <= Sitemaps.maxURLs)
        let longestPath = snapshot.data.sections.all.map(\.path).max { $0.utf8.count < $1.utf8.count }!
        let longest = "\(Self.base)/tote/\(longestPath)/\(Int64.max)-\(String(repeating: "a", count: Slug.maxLength))"
        let alternates = snapshot.editions.map { _ in (hreflang: String(repeating: "x", count: 16), href: longest) } + [("x-default", longest)]
        let url = SitemapURL(loc: longest, lastmod: "2026-11-29T10:00:00Z", alternates: alternates)
        let bytes = Sitemaps.urlset(Array(repeating: url, count: perFile)).bytes.count
        #expect(bytes <= Sitemaps.maxBytes, "\(perFile) URLs: \(bytes) bytes")
        #expect(Sitemaps.urlset(Array(repeating: url, count: perFile + perFile / 10 + 1)).bytes.count > Sitemaps.maxBytes * 9 / 10,
                "the bound is not wastefully low")
    }
}

@Suite struct SitemapStoreTests {
    @Test func slicesCoverEveryLiveArticleOnceOldestFirst() throws {
        let database = try Fixtures.demoDatabase()
        let store = ReaderStore(database)
        let total = try store.sitemapArticleCount(edition: "en")
        var seen: [SitemapArticle] = []
        var offset = 0
        while true {
            let slice = try store.sitemapArticles(edition: "en", offset: offset, limit: 4)
            if slice.isEmpty { break }
            seen += slice
            offset += 4
        }
        #expect(seen.count == total && Set(seen.map(\.id)).count == total)
        #expect(seen.map(\.publishedAt) == seen.map(\.publishedAt).sorted())
        #expect(seen.contains { !$0.translations.isEmpty } && seen.allSatisfy { !$0.translations.contains { $0.edition == "en" } })
    }
}
