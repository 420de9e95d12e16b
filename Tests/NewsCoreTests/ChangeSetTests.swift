import Testing
@testable import NewsCore

@Suite struct ChangeSetTests {
    @Test func keysHaveStableTextForms() {
        #expect(CacheKey.article(12).text == "article:12")
        #expect(CacheKey.tag("en", "elections").text == "tag:en:elections")
        #expect(CacheKey.section("kz", "news/politics").text == "section:kz:news/politics")
        #expect(CacheKey.home("tote").text == "home:tote")
        #expect(CacheKey.popular("zh").text == "popular:zh")
        #expect(CacheKey.sitemap("qz").text == "sitemap:qz")
        #expect(CacheKey(parsing: "sitemap:qz") == .sitemap("qz"))
        #expect(CacheKey.header.text == "header")
        for bad in ["", "article:", "article:x", "tag:en", "tag:EN:x", "section:en:a//b", "home:e", "nothing:1", "popular:en:x", "sitemap:", "sitemap:EN"] {
            #expect(CacheKey(parsing: Substring(bad)) == nil, "\(bad)")
        }
    }

    @Test func theRecordedFormRoundTrips() {
        let changes = ChangeSet([.article(3), .story(1), .tag("ru", "budget"), .section("ru", "news"), .home("ru"), .sitemap("ru")])
        #expect(changes.recorded == "article:3 home:ru section:ru:news sitemap:ru story:1 tag:ru:budget")
        #expect(ChangeSet(recorded: changes.recorded) == changes)
        #expect(changes.articleIDs == [3])
        #expect(!changes.touchesHeader)
    }

    @Test func aLargeOrUnreadableChangeIsEverything() {
        let large = ChangeSet((1...Int64(ChangeSet.largest + 1)).map(CacheKey.article))
        #expect(large.keys == [.everything])
        #expect(large.recorded == "*")
        #expect(large.affects(.home("en")) && large.touchesHeader)
        #expect(ChangeSet(recorded: "article:1 future:key").touchesEverything, "a key from a newer version")
    }
}
