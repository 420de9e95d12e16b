import Foundation
import GRDB
import HeraldSupport
import NewsCore
import Synchronization
import Testing
import TestSupport
@testable import NewsStore

/// A clock the editorial tests move by hand.
final class TestClock: Sendable {
    let seconds = Atomic<Int64>(1_795_946_400)   // 2026-11-29 10:00 UTC
    var now: Int64 { seconds.load(ordering: .relaxed) }
    func advance(_ by: Int64) { seconds.add(by, ordering: .relaxed) }
}

/// The named editorial writes: states, revisions, corrections, permissions and stale saves.
@Suite struct EditorialTests {
    let database: HeraldDatabase
    let clock = TestClock()
    let repository: EditorialRepository
    let editor = Actor(userID: nil, name: "dana", role: .editor, editions: ["en"], address: "192.0.2.7")
    let author = Actor(userID: nil, name: "arman", role: .author, editions: ["en"], address: "192.0.2.8")

    init() throws {
        database = try Fixtures.database()
        try SiteRepository(database).apply(SiteSetup.load(path: Fixtures.root + "/demo/site.json"))
        let clock = self.clock
        repository = EditorialRepository(database, now: { clock.now })
    }

    func fields(title: String = "Parliament meets", slug: String = "parliament-meets", body: String = "First body.",
                tags: [String] = ["parliament"], story: String = "parliament-meets") -> ArticleInput {
        ArticleInput(edition: "en", story: story, section: "news/politics", slug: slug, title: title, dateline: "ASTANA",
                     lead: "The lead.", body: body, tags: tags.map { .init(slug: $0, name: nil) }, photo: nil, caption: nil,
                     credit: nil, bylines: ["Dana Ospanova"], status: .draft, publishedAt: 0, updatedAt: nil)
    }

    var reader: ReaderStore { ReaderStore(database) }

    func count(_ sql: String) throws -> Int { try database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 } }

    @Test func aDraftIsSavedWithARevisionAndReadersNeverSeeIt() throws {
        let saved = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: author)
        #expect(saved.state == .draft)
        #expect(saved.changes.isEmpty, "nothing readers see changed")
        #expect(try reader.articleBundle(id: saved.articleID) == nil)
        let article = try #require(try repository.article(id: saved.articleID))
        #expect(article.fields.title == "Parliament meets")
        #expect(article.revisionID == saved.revisionID && article.liveRevisionID == nil)
        #expect(try repository.revisions(of: saved.articleID).map(\.authorName) == ["arman"])
        let audit = try AuditLog.entries(database, object: ("article", String(saved.articleID)))
        #expect(audit.map(\.action) == ["article.create"])
        #expect(audit.first?.address == "192.0.2.8")
    }

    @Test func publishingMakesItLiveAndEditingKeepsTheLiveVersionUntilPublished() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        let published = try repository.publish(articleID: draft.articleID, by: editor)
        let id = draft.articleID
        #expect(published.changes.affects(.article(id)) && published.changes.affects(.home("en")))
        #expect(published.changes.affects(.tag("en", "parliament")) && published.changes.affects(.section("en", "news/politics")))
        let live = try #require(try reader.articleBundle(id: id))
        #expect(live.article.title == "Parliament meets")
        #expect(live.article.bylines == ["Dana Ospanova"])
        #expect(live.article.publishedAt == clock.now)

        clock.advance(600)
        let edit = try repository.saveDraft(fields(title: "Parliament meets late"), articleID: id, basedOn: draft.revisionID, by: editor)
        #expect(try reader.articleBundle(id: id)?.article.title == "Parliament meets", "readers keep the live version")
        #expect(try repository.article(id: id)?.hasPendingChanges == true)
        let changed = try repository.publish(articleID: id, by: editor)
        let after = try #require(try reader.articleBundle(id: id))
        #expect(after.article.title == "Parliament meets late")
        #expect(after.article.updatedAt == clock.now)
        #expect(after.article.publishedAt == clock.now - 600, "the publication time stays")
        #expect(changed.revisionID == edit.revisionID)
        #expect(try repository.article(id: id)?.hasPendingChanges == false)
        #expect(throws: EditorialError.self) { try repository.publish(articleID: id, by: editor) }
    }

    /// A body-only correction changes the article's page and nothing listing it.
    @Test func anAuthorsChangesToALiveArticleWaitForReviewUntilAnEditorPublishesThem() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        _ = try repository.publish(articleID: draft.articleID, by: editor)
        let id = draft.articleID
        #expect(throws: EditorialError.self, "nothing to review yet") { try repository.submit(articleID: id, by: author) }
        var changed = fields(body: "An author's better body.")
        let saved = try repository.saveDraft(changed, articleID: id, basedOn: draft.revisionID, by: author)
        #expect(try repository.article(id: id)?.changesInReview == false)
        let queries = NewsroomQueries(database)
        #expect(try queries.dashboard(user: "dana", editions: nil).inReview.isEmpty)

        let submitted = try repository.submit(articleID: id, by: author)
        #expect(submitted.state == .published && submitted.changes.isEmpty, "readers still see the live version")
        #expect(try reader.articleBundle(id: id)?.article.bodyHTML.contains(Array("First body.".utf8)) == true)
        let article = try #require(try repository.article(id: id))
        #expect(article.state == .published && article.changesInReview)
        let waiting = try queries.dashboard(user: "dana", editions: ["en"]).inReview
        #expect(waiting.map(\.id) == [id] && waiting.first?.changesInReview == true)
        #expect(try queries.articles(ArticleFilter(state: .review)).map(\.id) == [id])
        #expect(try queries.articles(ArticleFilter(state: .published)).contains { $0.id == id }, "still listed as published")
        #expect(try AuditLog.entries(database, object: ("article", String(id))).contains { $0.action == "article.submit" && $0.detail == "changes" })

        // Saving again keeps it waiting; publishing the changes ends the review.
        changed.body = "An author's better body, polished."
        _ = try repository.saveDraft(changed, articleID: id, basedOn: saved.revisionID, by: author)
        #expect(try repository.article(id: id)?.changesInReview == true)
        _ = try repository.publish(articleID: id, by: editor)
        #expect(try repository.article(id: id)?.changesInReview == false)
        #expect(try queries.dashboard(user: "dana", editions: nil).inReview.isEmpty)
        #expect(try reader.articleBundle(id: id)?.article.bodyHTML.contains(Array("polished".utf8)) == true)
    }

    @Test func aCorrectionNamesOnlyTheArticleAndShowsItsNote() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        _ = try repository.publish(articleID: draft.articleID, by: editor)
        let id = draft.articleID
        clock.advance(3600)
        let fix = try repository.saveDraft(fields(body: "Corrected body."), articleID: id, basedOn: draft.revisionID, by: editor)
        let corrected = try repository.correct(articleID: id, note: "An earlier version misnamed the speaker.", by: editor)
        // Its page and every box showing it; and its edition's sitemaps, whose lastmod moved.
        #expect(corrected.changes == ChangeSet([.article(id), .sitemap("en")]))
        let bundle = try #require(try reader.articleBundle(id: id))
        #expect(bundle.corrections == [Correction(at: clock.now, note: "An earlier version misnamed the speaker.")])
        #expect(String(decoding: bundle.article.bodyHTML, as: UTF8.self).contains("Corrected body."))
        #expect(try count("SELECT COUNT(*) FROM article_corrections WHERE revision_id = \(fix.revisionID!)") == 1)
        #expect(try AuditLog.entries(database, object: ("article", String(id))).first?.action == "article.correct")
    }

    /// Two editors at once: the second save, started from the same revision, is refused and
    /// writes nothing.
    @Test func aStaleSaveIsRefused() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        _ = try repository.saveDraft(fields(title: "First editor"), articleID: draft.articleID, basedOn: draft.revisionID, by: editor)
        #expect(throws: EditorialError.self) {
            try repository.saveDraft(fields(title: "Second editor"), articleID: draft.articleID, basedOn: draft.revisionID, by: editor)
        }
        #expect(try repository.article(id: draft.articleID)?.fields.title == "First editor")
        #expect(try repository.revisions(of: draft.articleID).count == 2)
    }

    @Test func rolesAndEditionsAreEnforcedAndNothingIsWritten() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: author)
        #expect(throws: EditorialError.notAllowed(action: .publish, edition: "en")) { try repository.publish(articleID: draft.articleID, by: author) }
        #expect(throws: EditorialError.notAllowed(action: .schedule, edition: "en")) {
            try repository.schedule(articleID: draft.articleID, at: clock.now + 3600, by: author)
        }
        let submitted = try repository.submit(articleID: draft.articleID, by: author)
        #expect(submitted.state == .review)
        var russian = fields()
        russian.edition = "ru"
        #expect(throws: EditorialError.notAllowed(action: .write, edition: "ru")) {
            try repository.saveDraft(russian, articleID: nil, basedOn: nil, by: editor)
        }
        #expect(try count("SELECT COUNT(*) FROM articles WHERE edition_code = 'ru'") == 0)
        #expect(try reader.articleBundle(id: draft.articleID) == nil)
    }

    @Test func scheduledArticlesGoLiveWhenTheirTimeComes() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        let id = draft.articleID
        #expect(throws: EditorialError.self) { try repository.schedule(articleID: id, at: clock.now - 1, by: editor) }
        let scheduled = try repository.schedule(articleID: id, at: clock.now + 120, by: editor)
        #expect(scheduled.state == .scheduled)
        #expect(try repository.publishDue().isEmpty)
        #expect(try reader.articleBundle(id: id) == nil, "a future article is never shown")
        clock.advance(119)
        #expect(try repository.publishDue().isEmpty)
        clock.advance(2)
        let due = try repository.publishDue()
        #expect(due.map(\.articleID) == [id])
        #expect(try reader.articleBundle(id: id)?.article.publishedAt == clock.now - 1, "at its scheduled time")
        #expect(try AuditLog.entries(database, object: ("article", String(id))).first?.actor == "scheduler")
    }

    /// A scheduled article goes out as an editor scheduled it: an author's save sends it back for
    /// review; an editor's save keeps the schedule, and a time already past does not move it.
    @Test func onlyThoseWhoMaySchedulePutTextOnASchedule() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        let scheduled = try repository.schedule(articleID: draft.articleID, at: clock.now + 3600, by: editor)
        let edit = try repository.saveDraft(fields(title: "Changed by the author"), plannedAt: clock.now - 10, articleID: draft.articleID,
                                            basedOn: scheduled.revisionID, by: author)
        #expect(edit.state == .review, "back for review")
        clock.advance(3601)
        #expect(try repository.publishDue().isEmpty, "nothing went out unseen")
        let rescheduled = try repository.schedule(articleID: draft.articleID, at: clock.now + 600, by: editor)
        _ = try repository.saveDraft(fields(title: "An editor's fix"), plannedAt: clock.now - 5, articleID: draft.articleID,
                                     basedOn: rescheduled.revisionID, by: editor)
        #expect(try repository.article(id: draft.articleID)?.state == .scheduled)
        #expect(try repository.article(id: draft.articleID)?.publishedAt == clock.now + 600, "a past time does not move the schedule")
        #expect(try repository.publishDue().isEmpty)
    }

    /// Publishing what someone else saved since the editor looked is refused.
    @Test func publishingChecksTheRevisionTheEditorSaw() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        _ = try repository.saveDraft(fields(title: "Someone else's"), articleID: draft.articleID, basedOn: draft.revisionID, by: editor)
        #expect(throws: EditorialError.self) { try repository.publish(articleID: draft.articleID, expectedRevision: draft.revisionID, by: editor) }
        #expect(try reader.articleBundle(id: draft.articleID) == nil)
    }

    @Test func anUnknownSectionIsAFieldError() throws {
        var wrong = fields()
        wrong.section = "no/such-section"
        do {
            _ = try repository.saveDraft(wrong, articleID: nil, basedOn: nil, by: editor)
            Issue.record("an unknown section was accepted")
        } catch EditorialError.invalid(let errors) {
            #expect(errors.message(for: "section") != nil)
        }
    }

    @Test func unpublishingTakesItOutOfItsLists() throws {
        let draft = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        _ = try repository.publish(articleID: draft.articleID, by: editor)
        #expect(try reader.tagListing(edition: "en", slug: "parliament", limit: 20, offset: 0)?.page.total == 1)
        let gone = try repository.unpublish(articleID: draft.articleID, by: editor)
        let story = try #require(try database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [draft.articleID])
        })
        #expect(gone.changes.affects(.tag("en", "parliament")) && gone.changes.affects(.story(story)))
        #expect(try reader.articleBundle(id: draft.articleID) == nil)
        #expect(try reader.tagListing(edition: "en", slug: "parliament", limit: 20, offset: 0)?.page.total == 0)
        let again = try repository.publish(articleID: draft.articleID, by: editor)
        #expect(again.state == .published)
        #expect(try reader.tagListing(edition: "en", slug: "parliament", limit: 20, offset: 0)?.page.total == 1)
    }

    @Test func anyRevisionCanBeRestoredAsANewDraft() throws {
        let first = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        let second = try repository.saveDraft(fields(title: "Renamed"), articleID: first.articleID, basedOn: first.revisionID, by: editor)
        let restored = try repository.restore(articleID: first.articleID, revisionID: first.revisionID!, basedOn: second.revisionID, by: editor)
        let revisions = try repository.revisions(of: first.articleID)
        #expect(revisions.map(\.number) == [3, 2, 1])
        #expect(revisions.first?.source == "restore")
        #expect(revisions.first?.id == restored.revisionID)
        #expect(try repository.article(id: first.articleID)?.fields.title == "Parliament meets")
    }

    @Test func slugAndStoryClashesNameTheirFields() throws {
        _ = try repository.saveDraft(fields(), articleID: nil, basedOn: nil, by: editor)
        do {
            _ = try repository.saveDraft(fields(story: "other-story"), articleID: nil, basedOn: nil, by: editor)
            Issue.record("a taken slug was accepted")
        } catch EditorialError.invalid(let errors) {
            #expect(errors.message(for: "slug") != nil)
        }
        do {
            _ = try repository.saveDraft(fields(slug: "another-slug"), articleID: nil, basedOn: nil, by: editor)
            Issue.record("a second article of the story in the edition was accepted")
        } catch EditorialError.invalid(let errors) {
            #expect(errors.message(for: "story") != nil)
        }
    }

    /// An import is a save: a revision per line, an audit entry; a line dated in the future is
    /// scheduled, not shown; an article imported without history gets its old row as revision 1.
    @Test func importsGoThroughTheSameWrites() throws {
        let line = #"{"edition":"en","story":"s","section":"news","slug":"later","title":"Later","body":"B","published":"2026-11-29T12:00:00Z","bylines":["A. Writer"]}"#
        let summary = try repository.importText(line)
        #expect(summary.created == 1)
        let id = try #require(try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE slug = 'later'") })
        #expect(try repository.article(id: id)?.state == .scheduled)
        #expect(try reader.articleBundle(id: id) == nil)
        clock.advance(2 * 3600)
        _ = try repository.publishDue()
        #expect(try reader.articleBundle(id: id)?.article.bylines == ["A. Writer"])

        let bulk = EditorialRepository(database, now: { [clock] in clock.now })
        let parsed = try Importer.parse(#"{"edition":"en","story":"g","section":"news","slug":"generated","title":"Generated","body":"G","published":"2026-11-29T09:00:00Z"}"#)
        try bulk.importPrepared(EditorialRepository.prepare(parsed), keepsHistory: false)
        let generated = try #require(try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE slug = 'generated'") })
        #expect(try repository.revisions(of: generated).isEmpty)
        try repository.importText(#"{"edition":"en","story":"g","section":"news","slug":"generated","title":"Regenerated","body":"G2","published":"2026-11-29T09:00:00Z"}"#)
        let history = try repository.revisions(of: generated)
        #expect(history.map(\.source) == ["import", "original"])
        #expect(history.last?.fields.title == "Generated")
    }
}
