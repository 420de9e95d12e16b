import Foundation
import GRDB
import HeraldApp
import HeraldSupport
import HTTPServer
import NewsCore
import NewsStore
import ReaderSite
import Synchronization
import Templates
import Testing
import TestSupport

/// What the named editorial writes do to reader pages: bylines, correction notes, dateModified,
/// and scheduled articles going live on time (the maintenance loop, with an injected clock).
@Suite struct EditorialPagesTests {
    final class Clock: Sendable {
        let seconds = Atomic<Int64>(1_795_946_400)
        var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds.load(ordering: .relaxed))) }
        var unix: Int64 { seconds.load(ordering: .relaxed) }
        func advance(_ by: Int64) { seconds.add(by, ordering: .relaxed) }
    }

    static let editor = Actor(userID: nil, name: "dana", role: .editor, editions: nil, address: "")

    static func draft(_ slug: String, title: String) -> ArticleInput {
        ArticleInput(edition: "en", story: slug, section: "news/politics", slug: slug, title: title, dateline: "ASTANA",
                     lead: "Lead of \(title).", body: "Body of \(title).", tags: [.init(slug: "parliament", name: nil)], photo: nil,
                     caption: nil, credit: nil, bylines: ["Dana Ospanova", "Mark Lee"], status: .draft, publishedAt: 0, updatedAt: nil)
    }

    @Test func bylinesCorrectionsAndTheUpdateTimeReachTheArticlePage() throws {
        let clock = Clock()
        let app = try Fixtures.app(try Fixtures.demoDatabase(), now: { clock.date })
        let editorial = EditorialRepository(app.database, now: { clock.unix })
        let saved = try editorial.saveDraft(Self.draft("senate-vote", title: "Senate votes"), articleID: nil, basedOn: nil, by: Self.editor)
        _ = try editorial.publish(articleID: saved.articleID, by: Self.editor)
        let path = "/en/news/politics/\(saved.articleID)-senate-vote"
        let page = app.get(path)
        #expect(page.status == 200)
        #expect(page.text.contains("<p class=\"byline\">By Dana Ospanova and Mark Lee</p>"))
        #expect(page.text.contains(#""author":[{"@type":"Person","name":"Dana Ospanova"},{"@type":"Person","name":"Mark Lee"}]"#))
        #expect(!page.text.contains("class=\"corrections\""))
        #expect(app.get(path).header("X-Cache") == "HIT")

        clock.advance(7200)
        var fixed = Self.draft("senate-vote", title: "Senate votes")
        fixed.body = "Body of Senate votes, corrected."
        _ = try editorial.saveDraft(fixed, articleID: saved.articleID, basedOn: saved.revisionID, by: Self.editor)
        #expect(app.get(path).header("X-Cache") == "HIT", "a saved change is not live")
        _ = try editorial.correct(articleID: saved.articleID, note: "An earlier version gave the wrong vote count.", by: Self.editor)
        let corrected = app.get(path)
        #expect(corrected.header("X-Cache") == "MISS")
        #expect(corrected.text.contains("Body of Senate votes, corrected."))
        #expect(corrected.text.contains("An earlier version gave the wrong vote count."))
        #expect(corrected.text.contains("<h2 id=\"corrections-heading\">Corrections</h2>"))
        #expect(corrected.text.contains(UIStrings.english.updated))
        let modified = LocalDateTime(unix: clock.unix, offsetSeconds: 0).isoUTC
        #expect(corrected.text.contains(#""dateModified":"\#(modified)""#))
    }

    /// Last-Modified says when the page's own content last changed (its keys in the change log),
    /// not when the server started, and a write moves only the pages it changed.
    @Test func lastModifiedIsWhenAPagesOwnContentChanged() throws {
        let clock = Clock()
        let database = try Fixtures.demoDatabase()   // written at Fixtures.now
        let demo = HTTPDate.format(clock.unix)
        clock.advance(3600)   // the server starts an hour later
        let app = try Fixtures.app(database, now: { clock.date })
        let editorial = EditorialRepository(app.database, now: { clock.unix })
        let ruArticle = try articlePath(app, story: "budget-2027", edition: "ru")
        #expect(app.get("/ru/").header("Last-Modified") == demo, "not the server's start")
        #expect(app.get(ruArticle).header("Last-Modified") == demo)
        clock.advance(600)
        let saved = try editorial.saveDraft(Self.draft("senate-vote", title: "Senate votes"), articleID: nil, basedOn: nil, by: Self.editor)
        _ = try editorial.publish(articleID: saved.articleID, by: Self.editor)
        let published = HTTPDate.format(clock.unix)
        #expect(app.get("/en/").header("Last-Modified") == published)
        #expect(app.get("/en/news/politics/\(saved.articleID)-senate-vote").header("Last-Modified") == published)
        #expect(app.get("/ru/").header("Last-Modified") == demo, "another edition's pages did not change")
        #expect(app.get(ruArticle).header("Last-Modified") == demo)
        // A client holding the older copy is told it changed; one holding this copy is not.
        #expect(app.get("/en/", headers: [("If-Modified-Since", demo)]).status == 200)
        #expect(app.get("/ru/", headers: [("If-Modified-Since", demo)]).status == 304)
    }

    @Test func aScheduledArticleGoesLiveWithinSecondsOfItsTime() throws {
        let clock = Clock()
        let app = try Fixtures.app(try Fixtures.demoDatabase(), now: { clock.date })
        let editorial = EditorialRepository(app.database, now: { clock.unix })
        let saved = try editorial.saveDraft(Self.draft("budget-night", title: "Budget night"), articleID: nil, basedOn: nil, by: Self.editor)
        _ = try editorial.schedule(articleID: saved.articleID, at: clock.unix + 60, by: Self.editor)
        let path = "/en/news/politics/\(saved.articleID)-budget-night"
        app.jobs.start()
        defer { app.jobs.stop() }
        usleep(300_000)
        #expect(app.get(path).status == 404, "not before its time")
        #expect(!app.get("/en/").text.contains("Budget night"))
        clock.advance(61)
        var status = 0
        let start = Date()
        while status != 200 && Date().timeIntervalSince(start) < 5 {
            usleep(100_000)
            status = app.get(path).status
        }
        #expect(status == 200, "published within 5 s of its time")
        #expect(app.get("/en/").text.contains("Budget night"), "and on the edition's home at once")
    }
}
