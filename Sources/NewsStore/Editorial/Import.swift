import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// A line of an import that cannot be stored, named by line number and field.
public struct ImportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The 1-based line number in the file.
    public var line: Int
    /// The field at fault ("line" for the whole line).
    public var field: String
    /// What is wrong.
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        field == "line" ? "line \(line): \(message)" : "line \(line): field \"\(field)\": \(message)"
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Articles that did not exist before.
    public var created: Int
    /// Articles replaced by their (edition, slug).
    public var updated: Int
    /// What the import changed, as recorded in `changes`.
    public var changes: ChangeSet

    public init(created: Int, updated: Int, changes: ChangeSet = ChangeSet()) {
        self.created = created
        self.updated = updated
        self.changes = changes
    }

    /// Created and updated, for comparisons that leave the keys aside.
    public var counts: [Int] { [created, updated] }
}

/// An article ready to be stored: its line in the import, its validated fields and its body
/// rendered to HTML (CPU work done before, and apart from, the write transaction).
public struct PreparedArticle: Sendable {
    public var line: Int
    public var article: ArticleInput
    public var html: String

    /// Renders the body (`Markdown.html`).
    public init(line: Int, article: ArticleInput) {
        self.line = line
        self.article = article
        html = Markdown.html(article.body)
    }
}

extension EditorialRepository {
    /// Renders the bodies on every core.
    public static func prepare(_ lines: [(line: Int, article: ArticleInput)]) -> [PreparedArticle] {
        lines.concurrentMap { PreparedArticle(line: $0.line, article: $0.article) }
    }

    /// Stores articles in one transaction, idempotent on (edition, slug): each line is a new
    /// revision, published (or scheduled, when its time is still to come: readers never see a
    /// future article) or kept as a draft as its status says. Any bad line rolls back the whole
    /// import and is reported with its line number. `keepsHistory: false` (the benchmark's
    /// generator) writes no revisions and no audit entries.
    @discardableResult
    /// `progress` is told (stored, total) every 500 articles and at the end.
    public func importPrepared(_ articles: [PreparedArticle], by actor: Actor = .system("import"),
                               keepsHistory: Bool = true, progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        let time = now()
        return try database.write { db in
            var writer = try ArticleWriter(db)
            writer.keepsHistory = keepsHistory
            var summary = ImportSummary(created: 0, updated: 0)
            // By index: the articles are read in place (a for-in copy retained every field).
            for index in articles.indices {
                if let progress, index % 500 == 0 { progress(index, articles.count) }
                let article = articles[index].article
                do {
                    let state: ArticleState = article.status == .draft ? .draft : (article.publishedAt > time ? .scheduled : .published)
                    let (id, isNew) = try writer.write(article, html: articles[index].html, state: state)
                    if isNew { summary.created += 1 } else { summary.updated += 1 }
                    guard keepsHistory else { continue }
                    try Revisions.insert(article, plannedAt: article.publishedAt, articleID: id, by: actor, source: .import, at: time, db)
                    if state == .published {
                        try Revisions.markLive(id, db)
                    }
                    try AuditLog.record(actor, isNew ? "article.import" : "article.reimport", "article", String(id),
                                        detail: "line \(articles[index].line)", at: time, db)
                } catch let error as InputError {
                    throw ImportError(line: articles[index].line, field: error.field, message: error.message)
                }
            }
            progress?(articles.count, articles.count)
            try writer.recount()
            summary.changes = writer.changes
            try ChangeLog.record(writer.changes, at: time, db)
            return summary
        }
    }

    /// Parses, validates and renders JSON Lines text, then imports it in one transaction.
    @discardableResult
    public func importText(_ text: String, by actor: Actor = .system("import")) throws -> ImportSummary {
        try importPrepared(Self.prepare(try Importer.parse(text)), by: actor)
    }
}
