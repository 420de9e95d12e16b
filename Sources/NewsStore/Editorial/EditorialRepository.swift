import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// What a named write did: the article, the revision it saved or published, the article's state
/// now, and the keys of what readers can see change.
public struct EditorialResult: Sendable, Equatable {
    public var articleID: Int64
    public var revisionID: Int64?
    public var state: ArticleState
    public var changes: ChangeSet
}

/// An article as the newsroom edits it: its state, its live version's times and its newest
/// revision (which differs from the live one while a published article has changes waiting).
public struct EditorialArticle: Sendable, Equatable {
    public var id: Int64
    public var state: ArticleState
    public var edition: String
    /// The newest revision (nil only before the first save, for articles imported without one).
    public var revisionID: Int64?
    /// The revision readers see; nil while it was never published.
    public var liveRevisionID: Int64?
    /// The live row's publication time (the planned one while scheduled).
    public var publishedAt: Int64
    public var updatedAt: Int64?
    /// The fields to edit: the newest revision's, or the live row's when there is no revision.
    public var fields: ArticleInput

    /// When its waiting changes were sent for review (nil: they were not, or there are none).
    public var changesSubmittedAt: Int64?

    /// True when a published article has saved changes readers do not see yet.
    public var hasPendingChanges: Bool { state == .published && revisionID != liveRevisionID }
    /// True when those changes wait for an editor's review.
    public var changesInReview: Bool { hasPendingChanges && changesSubmittedAt != nil }
}

/// The named editorial writes — saveDraft, submit, publish, schedule, unschedule, unpublish, correct, restore —
/// and the batch import, used by the newsroom, `herald import` and the demo loader alike. Each is
/// one IMMEDIATE transaction that stores a revision where it saves, records the audit entry and
/// the change's keys (`ChangeLog`), and keeps the lists' ranks and counts consistent.
public struct EditorialRepository: Sendable {
    let database: HeraldDatabase
    let now: @Sendable () -> Int64

    /// A repository over a database; `now` (Unix seconds) is injectable for tests.
    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Saves `fields` as a new revision of the article (a new draft when `articleID` is nil).
    /// `basedOn` is the revision the editor started from: when someone saved after it, the save
    /// is refused (`staleRevision`) and nothing is written. An article readers cannot see carries
    /// the draft in its row; a published one keeps its live version until `publish`.
    /// A new translation is linked to its source (`translatedFrom`); a translation saved from its
    /// form records the source revision its translator saw (`sourceSeen`).
    public func saveDraft(_ fields: ArticleInput, plannedAt: Int64? = nil, articleID: Int64?, basedOn: Int64?,
                          by actor: Actor, source: RevisionSource = .newsroom, translatedFrom: TranslationLink? = nil,
                          sourceSeen: Int64? = nil) throws -> EditorialResult {
        guard actor.may(.write, in: fields.edition) else { throw EditorialError.notAllowed(action: .write, edition: fields.edition) }
        let time = now()
        return try database.write { db in
            var writer = try ArticleWriter(db)
            if let articleID {
                var row = try Self.row(articleID, db)
                guard fields.edition == row.edition else {
                    throw EditorialError.invalid(InputErrors([InputError(field: "edition", message: "an article stays in its edition")]))
                }
                guard row.revisionID == basedOn || (row.revisionID == nil && basedOn == 0) else {
                    throw EditorialError.staleRevision(articleID: articleID, current: row.revisionID, basedOn: basedOn)
                }
                if row.revisionID == nil { try Revisions.recordOriginal(of: articleID, at: time, db); row = try Self.row(articleID, db) }
                try Self.checkConflicts(fields, excluding: articleID, db)
                var state = row.state
                if row.state != .published {
                    var draft = fields
                    if row.state == .scheduled {
                        if actor.may(.schedule, in: row.edition) {
                            // An editor's save keeps the schedule; a new time counts only while it is still to come.
                            draft.publishedAt = plannedAt.map { $0 > time ? $0 : row.publishedAt } ?? row.publishedAt
                        } else {
                            // Someone who may not schedule sends it back for review: nothing goes out unseen.
                            state = .review
                            draft.publishedAt = row.publishedAt
                        }
                    } else {
                        draft.publishedAt = plannedAt ?? row.publishedAt
                    }
                    _ = try Self.fieldErrors { try writer.write(draft, html: Markdown.html(draft.body), state: state, id: articleID) }
                    try writer.recount()
                }
                let revision = try Revisions.insert(fields, plannedAt: plannedAt, articleID: articleID, by: actor, source: source,
                                                    at: time, db)
                if let sourceSeen { try Translations.caughtUp(articleID, to: sourceSeen, db) }
                try AuditLog.record(actor, source == .restore ? "article.restore" : "article.save", "article", String(articleID),
                                    detail: "revision \(revision)", at: time, db)
                return EditorialResult(articleID: articleID, revisionID: revision, state: state, changes: ChangeSet())
            }
            try Self.checkConflicts(fields, excluding: nil, db)
            var draft = fields
            draft.publishedAt = plannedAt ?? time
            let (id, _) = try Self.fieldErrors { try writer.write(draft, html: Markdown.html(draft.body), state: .draft) }
            try writer.recount()
            let revision = try Revisions.insert(fields, plannedAt: plannedAt, articleID: id, by: actor, source: source, at: time, db)
            if let translatedFrom {
                try Translations.link(id, to: translatedFrom, machineRevision: revision, db)
                try AuditLog.record(actor, "article.\(translatedFrom.method.rawValue)", "article", String(id),
                                    detail: "from article \(translatedFrom.sourceArticleID) revision \(translatedFrom.sourceRevisionID)", at: time, db)
            } else {
                try AuditLog.record(actor, "article.create", "article", String(id), detail: fields.title, at: time, db)
            }
            return EditorialResult(articleID: id, revisionID: revision, state: .draft, changes: ChangeSet())
        }
    }

    /// Sends a draft for review (what an author does instead of publishing).
    /// A published article's waiting changes are sent for review the same way: it stays live as
    /// it is, and the changes wait in "waiting for review" until an editor publishes them.
    public func submit(articleID: Int64, by actor: Actor) throws -> EditorialResult {
        let time = now()
        let live = try database.write { db -> EditorialResult? in
            let row = try Self.row(articleID, db)
            guard row.state == .published else { return nil }
            guard actor.may(.submit, in: row.edition) else { throw EditorialError.notAllowed(action: .submit, edition: row.edition) }
            guard row.revisionID != row.liveRevisionID else {
                throw EditorialError.invalidTransition(from: row.state, action: .submit, reason: "it has no saved changes to review")
            }
            try RawStatement(db, "UPDATE article_versions SET changes_submitted_at = ? WHERE article_id = ?")
                .run([.integer(time), .integer(articleID)])
            try AuditLog.record(actor, "article.submit", "article", String(articleID), detail: "changes", at: time, db)
            return EditorialResult(articleID: articleID, revisionID: row.revisionID, state: .published, changes: ChangeSet())
        }
        if let live { return live }
        return try transition(articleID, .submit, by: actor, allowedFrom: [.draft, .unpublished], to: .review, action: "article.submit")
    }

    /// Publishes the newest revision: a first publication (now, or at its planned time when that
    /// has passed), a scheduled article whose time came, or a published article's changes
    /// ("Publish changes", which stamps the update time and may add a correction note shown at
    /// the article's foot). Readers see it on their next request.
    /// `expectedRevision`, when given, is the revision the editor saw: a save by someone else
    /// since is refused (`staleRevision`) instead of published unseen.
    public func publish(articleID: Int64, note: String? = nil, expectedRevision: Int64? = nil, by actor: Actor) throws -> EditorialResult {
        let note = note?.trimmedWhitespace()
        let time = now()
        return try database.write { db in
            var row = try Self.row(articleID, db)
            guard actor.may(.publish, in: row.edition) else { throw EditorialError.notAllowed(action: .publish, edition: row.edition) }
            if let expectedRevision, row.revisionID != expectedRevision {
                throw EditorialError.staleRevision(articleID: articleID, current: row.revisionID, basedOn: expectedRevision)
            }
            if row.revisionID == nil { try Revisions.recordOriginal(of: articleID, at: time, db); row = try Self.row(articleID, db) }
            guard let revisionID = row.revisionID, let revision = try Revisions.revision(id: revisionID, db) else {
                throw EditorialError.notFound(articleID: articleID)
            }
            if let note, note.count > 2000 {
                throw EditorialError.invalid(InputErrors([InputError(field: "note", message: "is longer than 2000 characters")]))
            }
            var fields = revision.fields
            guard !fields.body.trimmedWhitespace().isEmpty else {
                throw EditorialError.invalid(InputErrors([InputError(field: "body", message: "is empty: an article needs a body to be published")]))
            }
            fields.status = .published
            let wasLive = row.state == .published
            if wasLive {
                guard row.revisionID != row.liveRevisionID || (note?.isEmpty == false) else {
                    throw EditorialError.invalidTransition(from: .published, action: .publish, reason: "there are no changes to publish")
                }
                fields.publishedAt = row.publishedAt
                fields.updatedAt = time
            } else {
                fields.publishedAt = row.state == .scheduled ? row.publishedAt : (revision.fields.publishedAt > 0 ? revision.fields.publishedAt : time)
                guard fields.publishedAt <= time + 60 else {
                    throw EditorialError.invalidTransition(from: row.state, action: .publish,
                                                           reason: "its publication time is in the future: schedule it instead")
                }
                fields.updatedAt = nil
            }
            try Self.checkConflicts(fields, excluding: articleID, db)
            var writer = try ArticleWriter(db)
            _ = try Self.fieldErrors { try writer.write(fields, html: Markdown.html(fields.body), state: .published, id: articleID) }
            try writer.recount()
            try Revisions.markLive(articleID, db)
            if let note, !note.isEmpty {
                try RawStatement(db, "INSERT INTO article_corrections (article_id, revision_id, created_at, note) VALUES (?, ?, ?, ?)")
                    .run([.integer(articleID), .integer(revisionID), .integer(time), .text(note)])
                writer.changes.insert(.article(articleID))
            }
            let action = !wasLive ? "article.publish" : (note?.isEmpty == false ? "article.correct" : "article.publish_changes")
            try AuditLog.record(actor, action, "article", String(articleID), detail: note ?? "revision \(revisionID)", at: time, db)
            try ChangeLog.record(writer.changes, at: time, db)
            return EditorialResult(articleID: articleID, revisionID: revisionID, state: .published, changes: writer.changes)
        }
    }

    /// Publishes a published article's changes with a correction note (what readers are told).
    public func correct(articleID: Int64, note: String, expectedRevision: Int64? = nil, by actor: Actor) throws -> EditorialResult {
        guard !note.trimmedWhitespace().isEmpty else {
            throw EditorialError.invalid(InputErrors([InputError(field: "note", message: "is empty")]))
        }
        return try publish(articleID: articleID, note: note, expectedRevision: expectedRevision, by: actor)
    }

    /// Schedules an article that is not published for `time` (Unix seconds, in the future); the
    /// maintenance loop publishes it then (`publishDue`).
    public func schedule(articleID: Int64, at time: Int64, by actor: Actor) throws -> EditorialResult {
        let current = now()
        return try database.write { db in
            let row = try Self.row(articleID, db)
            guard actor.may(.schedule, in: row.edition) else { throw EditorialError.notAllowed(action: .schedule, edition: row.edition) }
            guard row.state != .published else {
                throw EditorialError.invalidTransition(from: .published, action: .schedule, reason: "it is live: publish changes instead")
            }
            guard time > current else {
                throw EditorialError.invalid(InputErrors([InputError(field: "published", message: "must be in the future")]))
            }
            if row.revisionID == nil { try Revisions.recordOriginal(of: articleID, at: current, db) }
            let latest = try Self.row(articleID, db).revisionID.flatMap { try Revisions.revision(id: $0, db) }
            guard latest?.fields.body.trimmedWhitespace().isEmpty == false else {
                throw EditorialError.invalid(InputErrors([InputError(field: "body", message: "is empty: an article needs a body to be scheduled")]))
            }
            try RawStatement(db, "UPDATE articles SET state = 'scheduled', published_at = ? WHERE id = ?").run([.integer(time), .integer(articleID)])
            try AuditLog.record(actor, "article.schedule", "article", String(articleID),
                                detail: LocalDateTime(unix: time, offsetSeconds: 0).isoUTC, at: current, db)
            return EditorialResult(articleID: articleID, revisionID: row.revisionID, state: .scheduled, changes: ChangeSet())
        }
    }

    /// Takes a scheduled article off the schedule: it goes back to being a draft, its planned
    /// time kept in its fields (an embargo lifted, or an item withheld before it went out).
    public func unschedule(articleID: Int64, by actor: Actor) throws -> EditorialResult {
        let time = now()
        return try database.write { db in
            let row = try Self.row(articleID, db)
            guard actor.may(.schedule, in: row.edition) else { throw EditorialError.notAllowed(action: .schedule, edition: row.edition) }
            guard row.state == .scheduled else {
                throw EditorialError.invalidTransition(from: row.state, action: .schedule, reason: "it is not scheduled")
            }
            try RawStatement(db, "UPDATE articles SET state = 'draft' WHERE id = ?").run([.integer(articleID)])
            try AuditLog.record(actor, "article.unschedule", "article", String(articleID), at: time, db)
            return EditorialResult(articleID: articleID, revisionID: row.revisionID, state: .draft, changes: ChangeSet())
        }
    }

    /// Takes a published article off the site (its URL answers 404; its lists close up).
    public func unpublish(articleID: Int64, by actor: Actor) throws -> EditorialResult {
        let time = now()
        return try database.write { db in
            let row = try Self.row(articleID, db)
            guard actor.may(.unpublish, in: row.edition) else { throw EditorialError.notAllowed(action: .unpublish, edition: row.edition) }
            guard row.state == .published else {
                throw EditorialError.invalidTransition(from: row.state, action: .unpublish, reason: "it is not published")
            }
            var writer = try ArticleWriter(db)
            try SearchIndex.remove(articleID, db)
            try writer.removeListEntries(of: articleID, edition: row.edition)
            try writer.recount()
            try RawStatement(db, "UPDATE articles SET status = 'draft', state = 'unpublished' WHERE id = ?").run([.integer(articleID)])
            try RawStatement(db, "UPDATE article_versions SET changes_submitted_at = NULL WHERE article_id = ?").run([.integer(articleID)])
            writer.changes.formUnion(ChangeSet([.article(articleID), .story(row.storyID), .home(row.edition), .sitemap(row.edition)]))
            try writer.translationsMoved(row.storyID)
            try AuditLog.record(actor, "article.unpublish", "article", String(articleID), at: time, db)
            try ChangeLog.record(writer.changes, at: time, db)
            return EditorialResult(articleID: articleID, revisionID: row.revisionID, state: .unpublished, changes: writer.changes)
        }
    }

    /// Saves an earlier revision's fields as a new draft revision (history is never rewritten).
    public func restore(articleID: Int64, revisionID: Int64, basedOn: Int64?, by actor: Actor) throws -> EditorialResult {
        guard let revision = try database.pool.read({ db in try Revisions.revision(id: revisionID, db) }),
              revision.articleID == articleID else { throw EditorialError.notFound(articleID: articleID) }
        return try saveDraft(revision.fields, plannedAt: revision.fields.publishedAt > 0 ? revision.fields.publishedAt : nil,
                             articleID: articleID, basedOn: basedOn, by: actor, source: .restore)
    }

    /// Publishes every scheduled article whose time has come (the maintenance loop, every few
    /// seconds); returns what each did.
    @discardableResult
    public func publishDue() throws -> [EditorialResult] {
        let due = try database.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE state = 'scheduled' AND published_at <= ? ORDER BY published_at",
                               arguments: [now()])
        }
        return try due.map { try publish(articleID: $0, by: .system("scheduler")) }
    }

    private func transition(_ articleID: Int64, _ action: EditorialAction, by actor: Actor, allowedFrom: Set<ArticleState>,
                            to state: ArticleState, action name: String) throws -> EditorialResult {
        let time = now()
        return try database.write { db in
            let row = try Self.row(articleID, db)
            guard actor.may(action, in: row.edition) else { throw EditorialError.notAllowed(action: action, edition: row.edition) }
            guard allowedFrom.contains(row.state) else {
                throw EditorialError.invalidTransition(from: row.state, action: action, reason: "only a draft can be sent for review")
            }
            try RawStatement(db, "UPDATE articles SET state = ? WHERE id = ?").run([.text(state.rawValue), .integer(articleID)])
            try AuditLog.record(actor, name, "article", String(articleID), at: time, db)
            return EditorialResult(articleID: articleID, revisionID: row.revisionID, state: state, changes: ChangeSet())
        }
    }

    /// The workflow columns of an article.
    struct Row {
        let state: ArticleState
        let edition: String
        let storyID: Int64
        let revisionID: Int64?
        let liveRevisionID: Int64?
        let publishedAt: Int64
        let updatedAt: Int64?
        let changesSubmittedAt: Int64?
    }

    static func row(_ id: Int64, _ db: Database) throws -> Row {
        guard let row = try RawStatement(db, """
            SELECT a.state, a.edition_code, a.story_id, v.revision_id, v.live_revision_id, a.published_at, a.updated_at,
              v.changes_submitted_at
            FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id WHERE a.id = ?
            """).map([.integer(id)], { row in
                Row(state: ArticleState(rawValue: row.text(0)) ?? .draft, edition: row.text(1), storyID: row.int64(2),
                    revisionID: row.optionalInt64(3), liveRevisionID: row.optionalInt64(4), publishedAt: row.int64(5),
                    updatedAt: row.optionalInt64(6), changesSubmittedAt: row.optionalInt64(7))
            }).first else { throw EditorialError.notFound(articleID: id) }
        return row
    }

    /// A field the writer refuses (an unknown section, a clash found on writing) as an editorial error.
    static func fieldErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as InputError { throw EditorialError.invalid(InputErrors([error])) }
    }

    /// The slug and the story must be free in the edition (each edition tells a story once).
    static func checkConflicts(_ fields: ArticleInput, excluding id: Int64?, _ db: Database) throws {
        var errors: [InputError] = []
        if let other = try RawStatement(db, "SELECT id FROM articles WHERE edition_code = ? AND slug = ? AND id <> ?")
            .int64([.text(fields.edition), .text(fields.slug), .integer(id ?? -1)]) {
            errors.append(InputError(field: "slug", message: "is already used by article \(other) in this edition"))
        }
        if let other = try RawStatement(db, """
            SELECT a.id FROM articles a JOIN stories s ON s.id = a.story_id WHERE s.key = ? AND a.edition_code = ? AND a.id <> ?
            """).int64([.text(fields.story), .text(fields.edition), .integer(id ?? -1)]) {
            errors.append(InputError(field: "story", message: "already has article \(other) in this edition"))
        }
        if !errors.isEmpty { throw EditorialError.invalid(InputErrors(errors)) }
    }
}

extension EditorialRepository {
    /// An article as the newsroom edits it; nil when there is none.
    public func article(id: Int64) throws -> EditorialArticle? {
        try database.pool.read { db in
            guard let row = try? Self.row(id, db) else { return nil }
            let fields: ArticleInput
            if let revisionID = row.revisionID, let revision = try Revisions.revision(id: revisionID, db) {
                fields = revision.fields
            } else if let live = try Revisions.liveFields(of: id, db) {
                fields = live.input
            } else {
                return nil
            }
            return EditorialArticle(id: id, state: row.state, edition: row.edition, revisionID: row.revisionID,
                                    liveRevisionID: row.liveRevisionID, publishedAt: row.publishedAt, updatedAt: row.updatedAt,
                                    fields: fields, changesSubmittedAt: row.changesSubmittedAt)
        }
    }

    /// An article's revisions, newest first.
    public func revisions(of articleID: Int64) throws -> [Revision] {
        try database.pool.read { db in try Revisions.all(of: articleID, db) }
    }

    /// One revision by id.
    public func revision(id: Int64) throws -> Revision? {
        try database.pool.read { db in try Revisions.revision(id: id, db) }
    }
}
