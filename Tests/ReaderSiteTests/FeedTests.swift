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

/// The RSS items of a document, parsed by a real XML parser (a malformed document fails).
final class FeedReader: NSObject, XMLParserDelegate, @unchecked Sendable {
    struct Item { var fields: [String: String] = [:]; var image: String? }
    var channel: [String: String] = [:]
    var items: [Item] = []
    var selfLink: String?
    private var text = ""
    private var inItem = false

    struct Malformed: Error { var reason: String }

    static func parse(_ bytes: [UInt8]) throws -> FeedReader {
        let reader = FeedReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        guard parser.parse() else {
            throw Malformed(reason: parser.parserError.map { "\($0)" } ?? "?")
        }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        if name == "item" { inItem = true; items.append(Item()) }
        if name == "atom:link" { selfLink = attributes["href"] }
        if name == "media:content", inItem { items[items.count - 1].image = attributes["url"] }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "item" { inItem = false; return }
        if inItem { items[items.count - 1].fields[name] = text } else { channel[name] = text }
    }
}

@Suite struct FeedTests {
    static let base = "https://herald.example"
    let site: Application

    init() throws {
        site = try Fixtures.app(try Fixtures.demoDatabase(), site: SiteConfiguration(baseURL: Self.base, refreshInterval: 0))
    }

    @Test(arguments: editions)
    func everyEditionHasAFeedOfItsNewestArticles(_ e: (code: String, tag: String, dir: String)) throws {
        let response = site.get("/\(e.code)/rss.xml")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/rss+xml; charset=utf-8")
        let feed = try FeedReader.parse(response.body)
        #expect(feed.channel["language"] == (e.code == "kz" ? "kk" : e.tag))
        #expect(feed.channel["link"] == "\(Self.base)/\(e.code)/")
        #expect(feed.selfLink == "\(Self.base)/\(e.code)/rss.xml")
        #expect(!feed.items.isEmpty && feed.items.count <= 50)
        let dates = feed.items.compactMap { $0.fields["pubDate"].flatMap(HTTPDate.parse) }
        #expect(dates.count == feed.items.count, "every pubDate is an RFC 822 date")
        #expect(dates == dates.sorted(by: >), "newest first")
        #expect(feed.channel["lastBuildDate"] == feed.items.first?.fields["pubDate"])
        for item in feed.items {
            let link = try #require(item.fields["link"])
            #expect(link.hasPrefix("\(Self.base)/\(e.code)/"))
            #expect(item.fields["guid"]?.hasPrefix("urn:herald:article:") == true)
            #expect(!(item.fields["title"] ?? "").isEmpty)
            #expect(!(item.fields["description"] ?? "").isEmpty)
            // The item's link is the article page itself, not a redirect.
            #expect(site.get(String(link.dropFirst(Self.base.count))).status == 200, "\(link)")
        }
        #expect(feed.items.contains { $0.image?.hasPrefix("\(Self.base)/static/") == true }, "photos as Media RSS")
    }

    @Test func pagesAnnounceTheirFeeds() throws {
        let home = site.get("/en/").text
        #expect(home.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Herald\" href=\"/en/rss.xml\">"))
        let section = site.get("/en/business/").text
        #expect(section.contains("href=\"/en/business/rss.xml\">"))
        #expect(section.contains("href=\"/en/rss.xml\">"), "the edition's feed too")
        let tag = site.get("/en/tag/budget").text
        #expect(tag.contains("href=\"/en/tag/budget/rss.xml\">"))
    }

    @Test func sectionAndTagFeedsHoldOnlyTheirArticles() throws {
        let section = try FeedReader.parse(site.get("/en/business/rss.xml").body)
        #expect(!section.items.isEmpty)
        for item in section.items { #expect(item.fields["link"]?.hasPrefix("\(Self.base)/en/business/") == true) }
        #expect(section.channel["title"]?.hasSuffix("— Herald") == true)

        let tag = try FeedReader.parse(site.get("/en/tag/budget/rss.xml").body)
        #expect(!tag.items.isEmpty)
        let tagPage = site.get("/en/tag/budget").text
        for item in tag.items {
            let path = String(try #require(item.fields["link"]).dropFirst(Self.base.count))
            #expect(tagPage.contains("href=\"\(path)\""), "\(path) is listed on the tag page too")
        }
    }

    @Test func feedsAreGzippedAndRevalidatedLikePages() throws {
        let zipped = site.get("/en/rss.xml", headers: [("Accept-Encoding", "gzip")])
        #expect(zipped.header("Content-Encoding") == "gzip")
        let plain = site.get("/en/rss.xml")
        #expect(try gunzip(zipped.body) == plain.body)
        let etag = try #require(plain.header("ETag"))
        let again = site.get("/en/rss.xml", headers: [("If-None-Match", etag)])
        #expect(again.status == 304 && again.body.isEmpty)
    }

    @Test func unknownFeedsAreNotFound() {
        #expect(site.get("/xx/rss.xml").status == 404)
        #expect(site.get("/en/no-such-section/rss.xml").status == 404)
        #expect(site.get("/en/tag/no-such-tag/rss.xml").status == 404)
        #expect(site.get("/en/tag/Bad%20Slug/rss.xml").status == 404)
    }

    @Test func feedsAreCachedAndRetiredWhenAnArticleIsPublished() throws {
        #expect(site.get("/en/rss.xml").header("X-Cache") == "MISS")
        #expect(site.get("/en/rss.xml").header("X-Cache") == "HIT")
        #expect(site.get("/en/business/rss.xml").header("X-Cache") == "MISS")
        #expect(site.get("/en/business/rss.xml").header("X-Cache") == "HIT")
        let editor = Actor(userID: nil, name: "dana", role: .editor, editions: nil, address: "")
        let editorial = EditorialRepository(site.database, now: { Int64(Fixtures.now.timeIntervalSince1970) })
        let input = ArticleInput(edition: "en", story: "feed-test", section: "news", slug: "feed-test",
                                 title: "Tenge & “bonds” <rally>", dateline: "ALMATY", lead: "Lead of the feed test.",
                                 body: "Body.", tags: [], photo: nil, caption: nil, credit: nil, bylines: [], status: .draft,
                                 publishedAt: 0, updatedAt: nil)
        let saved = try editorial.saveDraft(input, articleID: nil, basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: saved.articleID, by: editor)
        let fresh = site.get("/en/rss.xml")
        #expect(fresh.header("X-Cache") == "MISS", "a publish retires the edition's feed")
        let feed = try FeedReader.parse(fresh.body)
        let first = try #require(feed.items.first)
        #expect(first.fields["title"] == "Tenge & “bonds” <rally>")
        #expect(first.fields["guid"] == "urn:herald:article:\(saved.articleID)")
        #expect(site.get("/en/business/rss.xml").header("X-Cache") == "HIT", "another section's feed stays")
    }

    @Test func withoutABaseURLLinksFollowTheHostAndAreNotKept() throws {
        let app = try Fixtures.app(try Fixtures.demoDatabase())
        let response = app.get("/en/rss.xml", headers: [("Host", "news.example.kz:8080")])
        let feed = try FeedReader.parse(response.body)
        #expect(feed.selfLink == "http://news.example.kz:8080/en/rss.xml")
        #expect(app.get("/en/rss.xml", headers: [("Host", "other.example")]).header("X-Cache") == "MISS")
        let forged = try FeedReader.parse(app.get("/en/rss.xml", headers: [("Host", "evil\"><x>")]).body)
        #expect(forged.selfLink == "http://localhost/en/rss.xml", "a Host that is not a host name is not echoed")
    }
}

@Suite struct XMLTemplateTests {
    @Test func textIsEscapedAndCharactersXMLCannotHoldAreLeftOut() {
        let title = "A & B <c> \"d\" 'e'\u{0}\u{1B}\t\u{FFFF}ok"
        let xml: XML = "<t>\(title)</t>"
        #expect(xml.text == "<t>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;\tok</t>")
        let plain = "Қазақ 中文 عربي"
        #expect(("<t>\(plain)</t>" as XML).text == "<t>\(plain)</t>")
    }
}
