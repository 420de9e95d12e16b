import Foundation
import GRDB
import NewsCore
import Testing
import TestSupport
@testable import NewsStore

/// The search index follows every editorial write in its transaction, can be rebuilt, and is
/// built by the migration for a database that had articles before it.
@Suite struct SearchIndexTests {
    let database: HeraldDatabase
    let store: ReaderStore
    let editorial: EditorialRepository
    let editor = Actor(userID: nil, name: "dana", role: .editor, editions: nil, address: "")

    init() throws {
        database = try Fixtures.demoDatabase()
        store = ReaderStore(database)
        editorial = EditorialRepository(database, now: { Int64(Fixtures.now.timeIntervalSince1970) })
    }

    func ids(_ text: String, _ edition: String = "en") throws -> [Int64] {
        guard let query = SearchQuery(text, prefixMatching: ["kz", "qz", "tote", "ru", "uz"].contains(edition)) else { return [] }
        return try store.search(query, edition: edition, limit: 100, offset: 0).hits.map(\.summary.id)
    }

    func input(title: String, body: String, tags: [ArticleInput.TagRef] = []) -> ArticleInput {
        ArticleInput(edition: "en", story: "search-test", section: "news", slug: "search-test", title: title, dateline: "ASTANA",
                     lead: "A lead.", body: body, tags: tags, photo: nil, caption: nil, credit: nil, bylines: [], status: .draft,
                     publishedAt: 0, updatedAt: nil)
    }

    /// Every query of a list, as result ids, to compare two states of the index.
    func answers() throws -> [[Int64]] {
        try ["budget", "astana", "parliament", "satellite orbit", "\"light rail\""].map { try ids($0) }
            + [try ids("астана", "kz"), try ids("бюджет", "ru"), try ids("选举", "zh"), try ids("الماتى", "tote"), try ids("almaty", "qz")]
    }

    @Test func everyWriteKeepsTheIndexInStep() throws {
        #expect(try ids("zebrafish").isEmpty)
        let draft = try editorial.saveDraft(input(title: "Zebrafish study", body: "Researchers in Almaty bred zebrafish."),
                                            articleID: nil, basedOn: nil, by: editor)
        #expect(try ids("zebrafish").isEmpty, "a draft is not searchable")
        _ = try editorial.publish(articleID: draft.articleID, by: editor)
        #expect(try ids("zebrafish") == [draft.articleID])
        // A correction: the old words go, the new ones come.
        let saved = try editorial.saveDraft(input(title: "Zebrafish study", body: "Researchers in Almaty bred medaka."),
                                            articleID: draft.articleID, basedOn: draft.revisionID, by: editor)
        #expect(try ids("medaka").isEmpty, "saved changes are not live")
        _ = try editorial.publish(articleID: draft.articleID, expectedRevision: saved.revisionID, by: editor)
        #expect(try ids("medaka") == [draft.articleID])
        #expect(try ids("\"bred zebrafish\"").isEmpty)
        #expect(try ids("\"bred medaka\"") == [draft.articleID])
        #expect(try ids("zebrafish") == [draft.articleID], "the headline still says it")
        // A tag, then its rename: the new name finds it, the old one does not.
        let tagged = try editorial.saveDraft(input(title: "Zebrafish study", body: "Researchers in Almaty bred medaka.",
                                                   tags: [.init(slug: "aquaculture", name: "Aquaculture")]),
                                             articleID: draft.articleID, basedOn: saved.revisionID, by: editor)
        _ = try editorial.publish(articleID: draft.articleID, expectedRevision: tagged.revisionID, by: editor)
        #expect(try ids("aquaculture") == [draft.articleID])
        let other = try editorial.saveDraft(ArticleInput(edition: "en", story: "fish-farms", section: "business", slug: "fish-farms",
                                                         title: "Fish farms grow", dateline: "", lead: "Lead.", body: "Body.",
                                                         tags: [.init(slug: "aquaculture", name: "Fish farming")], photo: nil,
                                                         caption: nil, credit: nil, bylines: [], status: .draft, publishedAt: 0,
                                                         updatedAt: nil), articleID: nil, basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: other.articleID, by: editor)
        #expect(try ids("aquaculture").isEmpty, "renamed on both articles")
        #expect(Set(try ids("farming")) == [draft.articleID, other.articleID])
        // Unpublished: gone.
        _ = try editorial.unpublish(articleID: draft.articleID, by: editor)
        #expect(try ids("medaka").isEmpty)
        #expect(try ids("farming") == [other.articleID])
        // The index matches what a rebuild from the articles makes of them.
        let incremental = try answers() + [try ids("farming"), try ids("medaka"), try ids("zebrafish")]
        _ = try SearchIndex.rebuild(database)
        #expect(try answers() + [try ids("farming"), try ids("medaka"), try ids("zebrafish")] == incremental)
    }

    @Test func theMigrationBuildsTheIndexOfADatabaseThatHadArticles() throws {
        let before = try answers()
        #expect(before.allSatisfy { !$0.isEmpty }, "\(before)")
        // As a database migrated before 0008: no index, no record of the migration.
        try database.write { db in
            try db.execute(sql: "DROP TABLE article_search; DROP TABLE search_state; DELETE FROM schema_migrations WHERE version = 8")
        }
        let applied = try Migrator(directory: Fixtures.root + "/migrations").migrate(database)
        #expect(applied == ["0008_search"])
        #expect(try answers() == before)
        // Other folding rules: the next migrate builds it again.
        try database.write { db in try db.execute(sql: "UPDATE search_state SET version = 0") }
        let rebuilt = try Migrator(directory: Fixtures.root + "/migrations").migrate(database)
        #expect(rebuilt.count == 1 && rebuilt[0].hasPrefix("search index rebuilt"))
        #expect(try answers() == before)
    }

    @Test func anyQueryRunsWithoutAnIndexError() throws {
        let hostile = ["\"", "*", "-x", "NEAR(a b)", "a AND b OR c NOT d", "((((", "title:x", "{title lead}:x", "^x", "x*",
                       "edition:ru", "\u{FDFA}", "\u{337F}", "e\u{301}\u{301}\u{301}", String(repeating: "ə", count: 500),
                       String(repeating: "word ", count: 400), "%%%", "\\", "'; DROP TABLE articles; --", "\u{FFFD}\u{FFFD}"]
        for text in hostile {
            for edition in ["en", "zh", "tote"] {
                guard let query = SearchQuery(text, prefixMatching: true) else { continue }
                _ = try store.search(query, edition: edition, limit: 20, offset: 0)
            }
        }
    }

    @Test func theHeadlineWeighsMostAndTheWindowBoundsPaging() throws {
        let inBody = try editorial.saveDraft(input(title: "A plain headline", body: "Nothing but quokka here."), articleID: nil,
                                             basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: inBody.articleID, by: editor)
        var headline = input(title: "Quokka census", body: "A count.")
        headline.story = "quokka"
        headline.slug = "quokka-census"
        let inTitle = try editorial.saveDraft(headline, articleID: nil, basedOn: nil, by: editor)
        _ = try editorial.publish(articleID: inTitle.articleID, by: editor)
        #expect(try ids("quokka") == [inTitle.articleID, inBody.articleID])
        let query = try #require(SearchQuery("quokka", prefixMatching: false))
        let results = try store.search(query, edition: "en", limit: 1, offset: 1)
        #expect(results.total == 2 && results.ranked == 2 && results.hits.map(\.summary.id) == [inBody.articleID])
        #expect(try store.search(query, edition: "en", limit: 20, offset: SearchQueries.window).hits.isEmpty)
        #expect(try store.search(query, edition: "ru", limit: 20, offset: 0).total == 0, "per edition")
    }

    @Test func moreMentionsRankHigherEqualsGoNewestFirstAndLongWordsFindTheirForms() throws {
        func publish(_ title: String, _ body: String, story: String, edition: String = "en") throws -> Int64 {
            var article = input(title: title, body: body)
            article.story = story
            article.slug = story
            article.edition = edition
            let saved = try editorial.saveDraft(article, articleID: nil, basedOn: nil, by: editor)
            _ = try editorial.publish(articleID: saved.articleID, by: editor)
            return saved.articleID
        }
        let once = try publish("A plain headline", "One wombat here and a long line of other words to read.", story: "w1")
        let twice = try publish("Another plain headline", "A wombat, then a wombat again, and other words to read.", story: "w2")
        let same = try publish("A third plain headline", "One wombat here and a long line of other words to read.", story: "w3")
        #expect(try ids("wombat") == [twice, same, once])
        #expect(try ids("wombats").isEmpty, "English words match whole")
        let russian = try publish("Вомбаты в зоопарке", "Вомбатов стало больше.", story: "w4", edition: "ru")
        #expect(try ids("вомбатами", "ru") == [russian], "the first five letters find every form")
        #expect(try ids("вомб", "ru").isEmpty, "a short word matches whole")
    }
}
