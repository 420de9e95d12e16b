import Foundation
import GRDB
import Testing
import TestSupport

/// The site's own data in the newsroom (admins): settings, editions' names, sections and tags,
/// each through its named write, seen by readers on their next request, refused beside its field.
@Suite(.serialized) struct SiteStructureTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    @Test func settingsAndEditionNamesReachEveryPage() throws {
        let admin = try server.signedIn("admin")
        let page = try admin.get("/site")
        #expect(page.status == 200 && page.text.contains("id=\"f-settings-currencies\"") && page.text.contains("id=\"f-edition-kz-name\""))
        let dana = try server.signedIn("dana")
        #expect(try dana.get("/site").status == 403, "admins only")
        #expect(try dana.post("/site/settings", [("phone", "1")]).status == 403)

        let bad = try admin.post("/site/settings", [("phone", "<script>"), ("main_site_url", "javascript:alert(1)"), ("capital_city", "atlantis"),
                                                    ("currencies", "US, EURO")])
        #expect(bad.status == 422)
        for field in ["phone", "main_site_url", "capital_city", "currencies"] { #expect(bad.text.contains("id=\"e-settings-\(field)\""), "\(field)") }
        #expect(bad.text.contains("value=\"US, EURO\""), "typed values are kept")
        let saved = try admin.post("/site/settings", [("phone", "+7 727 300 00 00"), ("main_site_url", "https://agency.example.kz"),
                                                      ("capital_city", "almaty"), ("currencies", "usd, eur")])
        #expect(saved.status == 303)
        let home = try server.reader("/en/").text
        #expect(home.contains("+7 727 300 00 00") && home.contains("https://agency.example.kz"))
        #expect(home.contains("Almaty") && !home.contains(">RUB<"), "the capital's weather, only the currencies chosen")

        #expect(try admin.post("/site/editions/en", [("name", ""), ("label", "EN"), ("site_name", "Herald")]).status == 422)
        #expect(try admin.post("/site/editions/xx", [("name", "X"), ("label", "X"), ("site_name", "X")]).status == 404)
        #expect(try admin.post("/site/editions/en", [("name", "English edition"), ("label", "EN"), ("site_name", "Herald Daily")]).status == 303)
        let after = try server.reader("/ru/").text
        #expect(after.contains("English edition"), "the switcher of every edition shows the new name")
        #expect(try server.reader("/en/").text.contains("Herald Daily"))
    }

    @Test func sectionsAreAddedRenamedReorderedAndMoved() throws {
        let admin = try server.signedIn("admin")
        _ = try admin.get("/site")
        #expect(try admin.post("/site/sections", [("path", "search/x"), ("name.en", "X")]).text.contains("reserved"))
        let orphan = try admin.post("/site/sections", [("path", "nowhere/x"), ("name.en", "X")])
        #expect(orphan.status == 422 && orphan.text.contains("has no parent section nowhere") && orphan.text.contains("value=\"nowhere/x\""))
        #expect(try admin.post("/site/sections", [("path", "culture/cinema")]).status == 422, "a name is needed")
        #expect(try admin.post("/site/sections", [("path", "culture/cinema"), ("name.en", "Cinema"), ("name.ru", "Кино")]).status == 303)
        #expect(try admin.post("/site/sections", [("path", "culture/cinema"), ("name.en", "Cinema")]).text.contains("is a section already"))
        #expect(try server.reader("/en/culture/cinema/").status == 200)

        #expect(try admin.post("/site/sections/rename", [("path", "news/politics"), ("name.en", "Politics and power")]).status == 303)
        #expect(try server.reader("/en/news/politics/").text.contains("Politics and power"))
        #expect(try admin.post("/site/sections/rename", [("path", "no/such"), ("name.en", "X")]).text.contains("path: is not a section"))

        func position(_ path: String) throws -> Int {
            try #require(try server.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT position FROM sections WHERE path = ?", arguments: [path]) })
        }
        let sport = try position("sport"), world = try position("world")
        #expect(world < sport)
        #expect(try admin.post("/site/sections/order", [("path", "sport"), ("direction", "up")]).status == 303)
        #expect(try position("sport") < position("world"), "sport moved up past world")
        #expect(try admin.post("/site/sections/order", [("path", "sport"), ("direction", "sideways")]).status == 400)

        // Moving a section moves its articles' addresses; the old ones redirect.
        let (id, slug) = try #require(try server.database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id, a.slug FROM articles a JOIN sections s ON s.id = a.section_id
                WHERE s.path = 'world' AND a.edition_code = 'en' AND a.status = 'published' LIMIT 1
                """).map { (Int64($0[0] as Int64), String($0[1] as String)) }
        })
        #expect(try server.reader("/en/world/\(id)-\(slug)").status == 200)
        #expect(try admin.post("/site/sections/move", [("path", "world"), ("parent", "world")]).text.contains("is the section itself"))
        #expect(try admin.post("/site/sections/move", [("path", "world"), ("parent", "news")]).status == 303)
        let moved = try server.reader("/en/world/\(id)-\(slug)")
        #expect(moved.status == 301 && moved.headers["location"]?.hasSuffix("/en/news/world/\(id)-\(slug)") == true)
        #expect(try server.reader("/en/news/world/\(id)-\(slug)").status == 200)
        #expect(try server.count("SELECT COUNT(*) FROM article_revisions WHERE section_path = 'world'") == 0, "revisions follow")
    }

    @Test func tagsAreAddedRenamedAndMerged() throws {
        let admin = try server.signedIn("admin")
        _ = try admin.get("/site/tags?edition=en")
        #expect(try admin.post("/site/tags", [("edition", "en"), ("slug", "Bad Slug"), ("name", "X")]).text.contains("id=\"e-new-tag-slug\""))
        #expect(try admin.post("/site/tags", [("edition", "en"), ("slug", "qurultai-2027"), ("name", "Qurultai 2027")]).status == 303)
        #expect(try admin.get("/site/tags?edition=en&q=qurultai").text.contains("qurultai-2027"))
        #expect(try admin.post("/site/tags", [("edition", "en"), ("slug", "qurultai-2027"), ("name", "Again")]).text.contains("already"))

        // A rename shows on the tag's page, its articles' pages and in search.
        #expect(try admin.post("/site/tags/rename", [("edition", "en"), ("slug", "tenge"), ("name", "Zhetisu coin")]).status == 303)
        #expect(try server.reader("/en/tag/tenge").text.contains("Zhetisu coin"))
        #expect(try server.reader("/en/search?q=zhetisu").text.contains("<ol class=\"search-results\">"), "the search index has the new name")

        // Merge: almaty's articles join astana; almaty goes; counts and ranks stay consistent.
        let union = try server.count("""
            SELECT COUNT(DISTINCT l.article_id) FROM article_tags l JOIN tags t ON t.id = l.tag_id
            WHERE t.edition_code = 'en' AND t.slug IN ('almaty', 'astana') AND l.published_at IS NOT NULL
            """)
        #expect(try admin.post("/site/tags/merge", [("edition", "en"), ("slug", "almaty"), ("into", "almaty")]).text.contains("is the same tag"))
        #expect(try admin.post("/site/tags/merge", [("edition", "en"), ("slug", "almaty"), ("into", "nope")]).text.contains("id=\"e-tag-almaty-into\""))
        #expect(try admin.post("/site/tags/merge", [("edition", "en"), ("slug", "almaty"), ("into", "astana")]).status == 303)
        #expect(try server.reader("/en/tag/almaty").status == 404)
        #expect(try server.count("SELECT article_count FROM tags WHERE edition_code = 'en' AND slug = 'astana'") == union)
        #expect(try server.count("""
            SELECT COUNT(*) FROM (SELECT rank, row_number() OVER (ORDER BY published_at, article_id) AS n FROM article_tags
              WHERE tag_id = (SELECT id FROM tags WHERE edition_code = 'en' AND slug = 'astana') AND published_at IS NOT NULL) WHERE rank IS NOT n
            """) == 0, "the merged list is ranked 1…n")
        #expect(try server.count("SELECT COUNT(*) FROM article_revisions WHERE edition_code = 'en' AND (tags = 'almaty' OR tags LIKE 'almaty,%' OR tags LIKE '%, almaty' OR tags LIKE '%, almaty,%')") == 0)
        #expect(try admin.post("/site/tags/merge", [("edition", "xx"), ("slug", "a"), ("into", "b")]).status == 400)
    }
}
