import Foundation
import GRDB
import NewsCore
import NewsStore
import Testing
import TestSupport

/// A story across editions over the newsroom's socket: the story page, "Translate into …",
/// transliteration drafts for the Latin and Arabic Kazakh editions, a translation going outdated
/// and back, and the board.
@Suite(.serialized) struct TranslationTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    static let kazakh: [(String, String)] = [
        ("edition", "kz"), ("section", "news/politics"), ("title", "Мәжіліс бюджетті бекітті"), ("slug", "majilis-budget"),
        ("story", "majilis-budget-2027"), ("dateline", "АСТАНА"), ("lead", "Депутаттар бүгін құжатты қабылдады."),
        ("body", "## Шешім\n\nҚұжат [сайтта](https://parlam.kz/a?b=1) жарияланды, «Ақорда» хабарлады."),
        ("tags", "parliament"), ("bylines", "Дана Оспанова"), ("photo", ""), ("alt", "Мәжіліс ғимараты"), ("caption", "Мәжіліс отырысы"),
        ("credit", "Herald"), ("published", ""), ("revision", ""), ("action", "save"),
    ]

    func storyID(_ article: Int64) throws -> Int64 {
        try #require(try server.database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [article])
        })
    }

    func translate(_ client: NewsroomClient, story: Int64, from source: Int64, into edition: String) throws -> RawHTTPConnection.Reply {
        try client.post("/stories/\(story)/translations", [("edition", edition), ("from", String(source))])
    }

    @Test func kazakhIsTransliteratedIntoLatinAndArabicDraftsThatGoOutdatedAndBack() throws {
        let admin = try server.signedIn("admin")
        var fields = Self.kazakh
        fields[fields.firstIndex { $0.0 == "tags" }!].1 = "parliament, majilis-sessiasy"
        let source = try #require(NewsroomServer.id(try admin.post("/articles", fields)))
        // The new tag gets its Kazakh name; the Latin and Arabic editions do not have it yet.
        _ = try admin.get("/site/tags?edition=kz")
        #expect(try admin.post("/site/tags/rename", [("edition", "kz"), ("slug", "majilis-sessiasy"), ("name", "Мәжіліс сессиясы")]).status == 303)
        let story = try storyID(source)
        let page = try admin.get("/stories/\(story)")
        #expect(page.status == 200)
        #expect(page.text.contains("Transliterate into Qazaqşa") && page.text.contains("Transliterate into قازاقشا"))
        #expect(page.text.contains("Translate into English"))
        #expect(page.text.contains("<td class=\"missing\">missing</td>"))

        // Latin: the draft holds the 2021 alphabet's text, the markup and the link kept.
        let latin = try translate(admin, story: story, from: source, into: "qz")
        #expect(latin.status == 303 && latin.headers["location"]?.contains("done=translated") == true)
        let latinID = try #require(NewsroomServer.id(latin))
        let latinForm = try admin.get("/articles/\(latinID)").text
        #expect(latinForm.contains("value=\"Mäjılıs biudjettı bekıttı\""))
        #expect(latinForm.contains("Deputattar bügın qūjatty qabyldady."))
        #expect(latinForm.contains("## Şeşım\n\nQūjat [saitta](https://parlam.kz/a?b=1) jarialandy, «Aqorda» habarlady."))
        #expect(latinForm.contains("value=\"Mäjılıs otyrysy\"") && latinForm.contains("value=\"Mäjılıs ğimaraty\""))
        #expect(latinForm.contains("Machine transliteration — review"))
        #expect(latinForm.contains("Made from the kz article, revision 1"))
        #expect(latinForm.contains("name=\"story\" type=\"text\" value=\"majilis-budget-2027\""))

        func tagName(_ edition: String) throws -> String? {
            try server.database.pool.read { db in
                try String.fetchOne(db, sql: "SELECT name FROM tags WHERE edition_code = ? AND slug = 'majilis-sessiasy'", arguments: [edition])
            }
        }
        #expect(try tagName("qz") == "Mäjılıs sessiasy", "a tag new to the edition is named by transliteration")
        // Arabic: the hamza on front-vowel words without е, к, г; Arabic punctuation; the link kept.
        let arabicID = try #require(NewsroomServer.id(try translate(admin, story: story, from: source, into: "tote")))
        let arabicForm = try admin.get("/articles/\(arabicID)").text
        #expect(arabicForm.contains("value=\"\u{0674}ماجىلىس بيۋدجەتتى بەكىتتى\""))
        #expect(arabicForm.contains("[سايتتا](https://parlam.kz/a?b=1) جاريالاندى، «اقوردا» حابارلادى."))
        #expect(try tagName("tote") == "\u{0674}ماجىلىس سەسسياسى")
        let links = try server.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT article_id, source_article_id, method FROM article_sources ORDER BY article_id")
        }
        #expect(links.map { [$0[0], $0[1], $0[2]] as [DatabaseValue] } == [
            [latinID.databaseValue, source.databaseValue, "transliteration".databaseValue],
            [arabicID.databaseValue, source.databaseValue, "transliteration".databaseValue],
        ])
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE id IN (\(latinID), \(arabicID)) AND state = 'draft'") == 2)
        // Asking again opens the draft that exists; nothing is made twice.
        let again = try translate(admin, story: story, from: source, into: "qz")
        #expect(NewsroomServer.id(again) == latinID)
        #expect(try server.count("SELECT COUNT(*) FROM article_sources") == 2)

        // The source changes: both translations are outdated, and say what changed.
        let revision = try #require(try admin.get("/articles/\(source)").text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        var changed = Self.kazakh
        changed[changed.firstIndex { $0.0 == "lead" }!].1 = "Депутаттар бүгін түнде құжатты қабылдады."
        changed[changed.firstIndex { $0.0 == "revision" }!].1 = String(revision)
        #expect(try admin.post("/articles/\(source)", changed).status == 303)
        let outdated = try admin.get("/stories/\(story)").text
        #expect(outdated.components(separatedBy: "class=\"outdated\">outdated").count == 3)
        let stale = try admin.get("/articles/\(latinID)").text
        #expect(stale.contains("Outdated: the kz source was saved again"))
        #expect(stale.contains("<ins>") && stale.contains("түнде"), "the source's new word, marked")

        // The translator saves the Latin draft with the change worked in: it is up to date again.
        let seen = try #require(stale.firstMatch(of: /name="source_revision" value="([0-9]+)"/)).1
        let latinRevision = try #require(stale.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        var reviewed = Self.kazakh.filter { $0.0 != "edition" } + [("edition", "qz")]
        for (field, value) in [("title", "Mäjılıs biudjettı bekıttı"), ("lead", "Deputattar bügın tünde qūjatty qabyldady."),
                               ("body", "Qūjat jarialandy."), ("alt", "Mäjılıs ğimaraty"), ("caption", "Mäjılıs otyrysy"),
                               ("dateline", "ASTANA"), ("revision", String(latinRevision)), ("source_revision", String(seen))] {
            reviewed.removeAll { $0.0 == field }
            reviewed.append((field, value))
        }
        #expect(try admin.post("/articles/\(latinID)", reviewed).status == 303)
        let after = try admin.get("/stories/\(story)").text
        #expect(after.components(separatedBy: "class=\"outdated\">outdated").count == 2, "only the Arabic draft is still outdated")
        let latinRow = try #require(after.firstMatch(of: /<tr id="edition-qz">.*<\/tr>/)).0
        #expect(!latinRow.contains("outdated") && !latinRow.contains("machine transliteration"), "reviewed and up to date")
        #expect(!(try admin.get("/articles/\(latinID)").text.contains("Outdated:")))
    }

    @Test func otherEditionsGetACopyToTranslateAndTheRulesHold() throws {
        let admin = try server.signedIn("admin")
        let source = try #require(NewsroomServer.id(try admin.post("/articles", Self.kazakh)))
        let story = try storyID(source)
        let english = try #require(NewsroomServer.id(try translate(admin, story: story, from: source, into: "en")))
        let form = try admin.get("/articles/\(english)").text
        #expect(form.contains("value=\"Мәжіліс бюджетті бекітті\""), "copied for the translator to replace")
        #expect(form.contains("The source&#39;s text is copied here") || form.contains("The source's text is copied here"))
        #expect(try server.count("SELECT COUNT(*) FROM article_sources WHERE article_id = \(english) AND method = 'translation'") == 1)

        // An editor of English only may not make the Russian one; nothing is stored.
        let dana = try server.signedIn("dana")
        let refused = try translate(dana, story: story, from: source, into: "ru")
        #expect(refused.status == 403)
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE story_id = \(story)") == 2)
        #expect(!(try dana.get("/stories/\(story)").text.contains("Translate into Русский")), "offered only in the user's editions")
        // Hostile or wrong input: a clear refusal, never a 500.
        #expect(try translate(admin, story: story, from: 999_999, into: "ru").status == 400)
        #expect(try admin.post("/stories/\(story)/translations", [("edition", "xx"), ("from", String(source))]).status == 400)
        #expect(try admin.post("/stories/\(story)/translations", [("edition", "ru")]).status == 400)
        #expect(try admin.get("/stories/99999999").status == 404)
        #expect(try admin.get("/stories/abc").status == 404)
        #expect(try admin.post("/stories/\(story)/translations", [("edition", "ru"), ("from", String(source))], token: false).status == 403)
    }

    @Test func theBoardListsRecentStoriesByEditionAndWhatIsMissingInMine() throws {
        let admin = try server.signedIn("admin")
        let source = try #require(NewsroomServer.id(try admin.post("/articles", Self.kazakh)))
        let story = try storyID(source)
        _ = try translate(admin, story: story, from: source, into: "qz")
        let board = try admin.get("/stories").text
        #expect(board.contains("href=\"/stories/\(story)\""))
        #expect(board.contains("<th scope=\"col\">tote</th>"))
        #expect(try admin.get("/stories?edition=qz").text.contains("href=\"/stories/\(story)\""))
        #expect(!(try admin.get("/stories?edition=ru").text.contains("href=\"/stories/\(story)\"")), "no Russian article")
        // Dana works in English, which the story lacks: it is hers to translate.
        let dana = try server.signedIn("dana")
        #expect(try dana.get("/stories?missing=1").text.contains("href=\"/stories/\(story)\""))
        _ = try translate(admin, story: story, from: source, into: "en")
        #expect(!(try dana.get("/stories?missing=1").text.contains("href=\"/stories/\(story)\"")), "English has it now")
        // Old stories leave the board; odd filters fall back to the defaults.
        server.clock.advance(40 * 86_400)
        let later = try server.signedIn("admin")
        #expect(!(try later.get("/stories?days=30").text.contains("href=\"/stories/\(story)\"")))
        let odd = try later.get("/stories?days=-5&edition=%3Cx%3E&missing=yes")
        #expect(odd.status == 200 && !odd.text.contains("<x>"))
        #expect((400..<500).contains(try later.get("/stories?edition=%00").status))
    }
}
